// ProductView: one product read through the catalog: typed attribute values, their rendering per
// language and context (titles, running text, keywords, characteristics), and the product's own numbers and
// tokens that the "invent nothing" checks compare generated text against. Read-only; a view is used by one
// call on one thread, the catalog it points to is shared and immutable.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ai/catalog.hpp"
#include "core/product.hpp"

namespace by::ai {

struct AttributeValue {
    enum class Kind { kNone, kNumber, kBool, kText, kList, kDictionary };
    Kind kind = Kind::kNone;
    std::string number;                                 // canonical, "6.7"
    bool flag = false;
    std::map<std::string, std::string> text;           // lang -> text; "*" = the same in every language
    std::map<std::string, std::vector<std::string>> list;
    const DictionaryEntry* entry = nullptr;             // dictionary hit
    std::string raw;                                    // the seller's spelling (dictionary misses)
    bool present() const { return kind != Kind::kNone; }
};

enum class RenderContext { kTitle, kText, kKeyword, kSlide };

class ProductView {
  public:
    ProductView(const CategoryCatalog& catalog, const core::Product& product, ResolvedCategory resolved);

    const CategoryCatalog& catalog() const { return catalog_; }
    const core::Product& product() const { return product_; }
    const Category& category() const { return *resolved_.category; }
    const ProductType& type() const { return *resolved_.type; }

    // "brand" reads product.brand; everything else product.attributes[key].
    AttributeValue Get(std::string_view key) const;
    bool Has(std::string_view key) const;
    // The attribute as running text in `lang`; nullopt when absent or not given in that language.
    // Colours in a Russian title agree with the product-type noun; numbers carry their unit or counted noun.
    std::optional<std::string> Render(std::string_view key, std::string_view lang, RenderContext ctx,
                                      Marketplace m) const;
    // The attribute's selling-point sentence (AttributeDef::bullet), nullopt when absent or a false flag.
    std::optional<std::string> Bullet(std::string_view key, std::string_view lang, Marketplace m) const;
    // The attribute's opening-sentence phrase (AttributeDef::intro): "из хлопка", "paxtadan tayyorlangan".
    std::optional<std::string> Intro(std::string_view key, std::string_view lang, Marketplace m) const;
    // attributes.model in `lang` (or as written when given once) without a leading brand name.
    std::string Model(std::string_view lang = "*") const;
    // Product-type noun phrase in `lang` ("Смартфон", "Smartfon").
    const std::string& TypeName(std::string_view lang) const { return type().name.Get(lang); }

    // Every number in the product's attributes and brand, canonical ("6.7", "256"): generated text may use
    // no other number.
    const std::set<std::string>& Numbers() const { return numbers_; }
    // Lower-case words of the product's own data (brand, model, attribute strings): allowed Latin in
    // Russian text, allowed capitals, allowed marketplace-like words ("uzum" as grape flavour).
    const std::set<std::string>& OwnWords() const { return own_words_; }

  private:
    const CategoryCatalog& catalog_;
    const core::Product& product_;
    ResolvedCategory resolved_;
    std::set<std::string> numbers_;
    std::set<std::string> own_words_;
};

// canonical * 10^shift, canonical again ("15" shift 1 -> "150"; "250" shift -3 -> "0.25").
std::string ShiftDecimal(std::string_view canonical, int shift);
// A number written for Russian or Uzbek text: decimal comma, grouped thousands (U+202F) when `group`.
std::string FormatNumber(std::string_view canonical, bool group = true);

}  // namespace by::ai
