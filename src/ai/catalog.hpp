// CategoryCatalog: the content engine's data, read once from data/ at start-up and immutable afterwards,
// so one instance is shared by every worker thread without locking.
//
//   data/marketplaces.json          per-marketplace limits, languages and Uzbek apostrophe style
//   data/categories/<key>.json      our categories: names, product types, marketplace category ids,
//                                   required characteristics, selling points, text blocks, search phrases
//   data/dictionaries/*.json        attribute definitions, value dictionaries (colours, countries…),
//                                   Russian counted nouns, brands, stop words
//   data/templates/common.json      sentence templates shared by every category (ru, uz)
//
// Load() validates cross-references (attributes, dictionaries, counted nouns, marketplace mappings) and
// returns the first problem as an Error naming the file and field.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ai/content.hpp"
#include "ai/russian.hpp"
#include "ai/uzbek.hpp"
#include "core/error.hpp"
#include "core/product.hpp"

namespace by::ai {

// A string in our three languages. Uzbek is canonical (U+02BB / U+02BC).
struct Localized {
    std::string ru;
    std::string uz;
    std::string en;
    const std::string& Get(std::string_view lang) const;
    bool Empty() const { return ru.empty() && uz.empty() && en.empty(); }
};

struct DictionaryEntry {
    std::string key;
    std::string ru;                              // base form (masculine nominative for adjectives)
    std::optional<ru::AdjectiveForms> ru_forms;  // agreement forms where the value is an adjective
    std::string ru_genitive;                     // "хлопка" for "из хлопка", where useful
    std::string uz;
    std::string en;
    std::map<Marketplace, std::string> values;   // the marketplace dictionary's value, exact case
    std::vector<std::string> aliases;            // lower-case spellings sellers type
    const std::string& ValueFor(Marketplace m) const;
};

class Dictionary {
  public:
    std::string name;
    std::string note;
    std::vector<DictionaryEntry> entries;
    // By key, any language's form, marketplace value or alias; case-insensitive; Uzbek apostrophes normalised.
    const DictionaryEntry* Find(std::string_view spelling) const;
    // True when `value` is exactly (case included) a value this dictionary allows on `m`.
    bool Allows(Marketplace m, std::string_view value) const;
    void BuildIndex();

  private:
    std::map<std::string, size_t> index_;
};

enum class AttributeKind { kText, kNumber, kBool, kDictionary, kList };

// A marketplace wants a number in another unit: value * 10^shift, written with `unit`.
struct UnitConversion {
    std::string unit;     // Russian symbol, e.g. "мм"
    std::string unit_uz;  // Latin symbol, e.g. "mm"
    int shift = 0;
};

// How one product attribute is named, rendered and stated (data/dictionaries/attributes.json).
struct AttributeDef {
    std::string key;
    AttributeKind kind = AttributeKind::kText;
    std::string dictionary;       // for kDictionary
    Localized label;              // "Встроенная память" / "Ichki xotira"
    Localized unit;               // "ГБ" / "GB"
    std::string ru_counted;       // counted-noun key for Russian ("месяц"); replaces the unit in ru
    Localized bullet;             // selling-point template, "{value}" = rendered value
    Localized intro;              // phrase after the name in the opening sentence ("из {genitive}")
    Localized title;              // how it appears in a title; empty = label-free "{value}"
    std::map<Marketplace, std::string> names;      // marketplace characteristic name
    std::map<Marketplace, int64_t> attribute_ids;  // only ids a source gives (Ozon 4385…)
    std::map<Marketplace, UnitConversion> convert;  // per-marketplace unit (Ozon wants mm and g)
    std::string group;            // "package" for logistics fields, "service" for warranty/country
    bool spec = true;             // listed in the description's characteristics line
};

struct ProductType {
    std::string key;
    Localized name;               // "Смартфон" / "Smartfon" / "Smartphone"
    ru::Gender ru_gender = ru::Gender::kMasculine;
    std::map<std::string, std::vector<std::string>> terms;     // lang -> type nouns (lower-case)
    std::map<std::string, std::vector<std::string>> synonyms;  // lang -> other names buyers type
    std::map<Marketplace, CategoryRef> marketplaces;
    std::map<Marketplace, std::string> notes;
    // Where the category's text blocks would not fit this type (a collar among dog food): its own.
    std::map<std::string, Localized> texts;
    Localized audience;
    std::map<std::string, std::vector<std::string>> slide_usage;
};

struct CharacteristicSpec {
    std::string attribute;
    std::set<Marketplace> required;
    std::map<Marketplace, std::string> names;  // overrides AttributeDef::names for this category
};

// Price bands in major currency units: below `budget_below` is budget, from `premium_from` premium.
struct PriceBand {
    int64_t budget_below = 0;
    int64_t premium_from = 0;
};

struct Category {
    std::string key;
    Localized names;
    std::string type_attribute = "type";
    std::vector<ProductType> types;                  // the first is the default
    std::vector<CharacteristicSpec> characteristics;
    std::vector<std::string> selling_points;         // attribute keys, best first
    std::vector<std::string> title_attributes;       // attribute keys for titles, best first
    std::vector<std::string> important;              // attribute keys Ozon rates as "important"
    std::map<std::string, Localized> texts;          // "purpose", "usage", "care"
    Localized audience;
    std::map<std::string, std::vector<std::string>> slide_usage;     // lang -> short lines
    std::map<std::string, std::vector<std::string>> search_phrases;  // lang -> patterns
    std::map<std::string, PriceBand> price_bands;                    // currency -> band
    std::map<Marketplace, int> description_max;                      // per-category limit (WB)
    std::vector<std::string> head = {"type", "brand", "model"};  // the title's noun phrase, in order
    bool quote_model = false;                        // «model» (book titles)
    std::string required_source;                     // where the required flags come from

    const CharacteristicSpec* FindSpec(std::string_view attribute) const;
    // A text block ("purpose", "usage", "care") for a product type: the type's own, else the category's.
    const Localized& Text(const ProductType& type, const std::string& block) const;
    const Localized& Audience(const ProductType& type) const;
    const std::vector<std::string>& SlideUsage(const ProductType& type, const std::string& lang) const;
};

struct MarketplaceProfile {
    Marketplace marketplace = Marketplace::kWildberries;
    std::vector<std::string> languages;  // the first is the card's primary language
    int title_max = 60;
    int title_target_min = 0;
    int title_target_max = 60;
    int title_attributes_max = 2;
    int description_max = 2000;
    int description_target_min = 0;
    int description_target_max = 2000;
    int bullets_max = 5;
    bool short_description = false;
    bool title_nbsp = false;             // whether no-break spaces may appear in titles
    uz::ApostropheStyle uz_apostrophe = uz::ApostropheStyle::kModifier;
    bool Takes(std::string_view lang) const;
};

struct BrandEntry {
    std::string name;                  // as the brand writes itself
    std::vector<std::string> ru;       // Cyrillic spellings buyers type
    std::vector<std::string> aliases;  // other Latin spellings
};

struct ResolvedCategory {
    const Category* category = nullptr;
    const ProductType* type = nullptr;
};

class CategoryCatalog {
  public:
    // Reads and validates everything under `data_dir`.
    static core::Result<std::shared_ptr<const CategoryCatalog>> Load(const std::filesystem::path& data_dir);

    const Category* Find(std::string_view key) const;
    std::vector<std::string> Keys() const;
    // The product's category and product type (attribute `type` or type terms in the name; else the first).
    core::Result<ResolvedCategory> Resolve(const core::Product& product) const;

    const AttributeDef* Attribute(std::string_view key) const;
    const Dictionary* FindDictionary(std::string_view name) const;
    const ru::CountedNoun* CountedNoun(std::string_view key) const;
    const std::map<std::string, ru::CountedNoun>& CountedNouns() const { return counted_; }
    const MarketplaceProfile& Profile(Marketplace m) const;
    const BrandEntry* FindBrand(std::string_view name) const;
    const std::vector<BrandEntry>& Brands() const { return brands_; }
    // A sentence template from templates/common.json; empty string when absent.
    const std::string& Template(std::string_view lang, std::string_view key) const;
    const std::set<std::string>& StopWords(std::string_view lang) const;
    const std::filesystem::path& data_dir() const { return data_dir_; }

  private:
    CategoryCatalog() = default;

    std::filesystem::path data_dir_;
    std::map<std::string, Category, std::less<>> categories_;
    std::map<std::string, AttributeDef, std::less<>> attributes_;
    std::map<std::string, Dictionary, std::less<>> dictionaries_;
    std::map<std::string, ru::CountedNoun> counted_;
    std::map<Marketplace, MarketplaceProfile> profiles_;
    std::vector<BrandEntry> brands_;
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> templates_;
    std::map<std::string, std::set<std::string>, std::less<>> stop_words_;
};

// The marketplace key used in data files: "wildberries", "ozon", "yandex", "uzum".
std::string MarketplaceKey(Marketplace m);

}  // namespace by::ai
