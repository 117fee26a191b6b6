// The sandbox catalogue against our data: every marketplace category data/categories names exists in the
// imitated marketplace (by id when data gives one, else by name, the way the adapters look it up), every
// golden product's brand is in Ozon's brand dictionary, and every golden product's generated card fills the
// characteristics the sandbox requires for its category, with values its dictionaries accept.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../ai/ai_test_util.hpp"
#include "ai/text.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/catalog_tables.hpp"

namespace by::sandbox::catalog {
namespace {

using ai::testutil::Catalog;
using core::Marketplace;

// As the adapters compare names and dictionary values: case-insensitive, ё = е, spaces folded.
std::string Norm(std::string_view s) {
    return ai::text::CollapseSpaces(ai::text::Trim(ai::text::ReplaceAll(ai::text::Lower(s), "ё", "е")));
}

// A dictionary accepts a value written as one of its entries, or whose last word is one ("темно-синий" files
// under "синий" where the dictionary lacks the shade) — the adapters' rule.
bool InDictionary(std::string_view value, const std::vector<std::string>& entries) {
    std::string v = Norm(value);
    std::string last = v.substr(v.find_last_of(" -") == std::string::npos ? 0 : v.find_last_of(" -") + 1);
    return std::any_of(entries.begin(), entries.end(), [&](const std::string& e) { return Norm(e) == v || Norm(e) == last; });
}

const WbSubject* WbSubjectFor(const ai::CategoryRef& ref) {
    if (ref.id) {
        return FindWbSubject(*ref.id);
    }
    for (const auto& s : WbSubjects()) {
        if (Norm(s.name) == Norm(ref.name)) {
            return &s;
        }
    }
    return nullptr;
}

const OzonType* OzonTypeFor(const ai::CategoryRef& ref) {
    if (ref.id && ref.type_id) {
        return FindOzonType(*ref.id, *ref.type_id);
    }
    for (const auto& t : OzonTypes()) {
        if (Norm(t.type_name) == Norm(ref.name) && (!ref.id || *ref.id == t.description_category_id)) {
            return &t;
        }
    }
    return nullptr;
}

const YandexCategory* YandexLeafFor(const ai::CategoryRef& ref) {
    if (ref.id) {
        return YandexIsLeaf(*ref.id) ? FindYandexCategory(*ref.id) : nullptr;
    }
    for (const auto& c : YandexCategories()) {
        if (YandexIsLeaf(c.id) && Norm(c.name) == Norm(ref.name)) {
            return &c;
        }
    }
    return nullptr;
}

// The Uzum cabinet driver picks an option by id, else by its visible text (the Russian title).
const UzumCategory* UzumCategoryFor(const ai::CategoryRef& ref) {
    if (ref.id) {
        return FindUzumCategory(*ref.id);
    }
    for (const auto& c : UzumCategories()) {
        if (c.title_ru == ref.name) {
            return &c;
        }
    }
    return nullptr;
}

std::string Describe(const std::string& key, const ai::ProductType& t, Marketplace m, const ai::CategoryRef& ref) {
    return key + "/" + t.key + " on " + std::string(core::MarketplaceName(m)) + ": " +
           (ref.id ? "id " + std::to_string(*ref.id) + (ref.type_id ? "/" + std::to_string(*ref.type_id) : "") + " "
                   : std::string()) +
           "«" + ref.name + "»";
}

TEST(SandboxCatalog, EveryDataCategoryExistsOnEveryMarketplace) {
    ASSERT_TRUE(Catalog());
    int checked = 0;
    for (const auto& key : Catalog()->Keys()) {
        const ai::Category* category = Catalog()->Find(key);
        ASSERT_NE(category, nullptr);
        for (const auto& type : category->types) {
            for (Marketplace m : {Marketplace::kWildberries, Marketplace::kOzon, Marketplace::kYandex, Marketplace::kUzum}) {
                auto it = type.marketplaces.find(m);
                ASSERT_NE(it, type.marketplaces.end()) << key << "/" << type.key << " has no category for "
                                                       << core::MarketplaceName(m);
                const ai::CategoryRef& ref = it->second;
                std::string what = Describe(key, type, m, ref);
                ++checked;
                switch (m) {
                    case Marketplace::kWildberries: {
                        const WbSubject* s = WbSubjectFor(ref);
                        ASSERT_NE(s, nullptr) << what;
                        EXPECT_NE(FindWbParent(s->parent_id), nullptr) << what;
                        EXPECT_FALSE(WbCharcsFor(s->id).empty()) << what;
                        if (!ref.name.empty()) {
                            EXPECT_EQ(Norm(s->name), Norm(ref.name)) << what;
                        }
                        break;
                    }
                    case Marketplace::kOzon: {
                        const OzonType* t = OzonTypeFor(ref);
                        ASSERT_NE(t, nullptr) << what;
                        EXPECT_EQ(Norm(t->type_name), Norm(ref.name)) << what;
                        EXPECT_GT(OzonAttributesFor(t->description_category_id, t->type_id).size(), 7u) << what;
                        break;
                    }
                    case Marketplace::kYandex: {
                        const YandexCategory* c = YandexLeafFor(ref);
                        ASSERT_NE(c, nullptr) << what;
                        EXPECT_EQ(Norm(c->name), Norm(ref.name)) << what;
                        EXPECT_FALSE(YandexParametersFor(c->id).empty()) << what;
                        break;
                    }
                    default: {
                        const UzumCategory* c = UzumCategoryFor(ref);
                        ASSERT_NE(c, nullptr) << what;
                        EXPECT_EQ(Norm(c->title_ru), Norm(ref.name)) << what;
                        break;
                    }
                }
            }
        }
    }
    EXPECT_GE(checked, 4 * 30);
}

TEST(SandboxCatalog, GoldenBrandsAreInOzonsBrandDictionary) {
    std::set<std::string> brands;
    for (const auto& v : OzonDictionary(kOzonBrandDictionary)) {
        brands.insert(v.value);
    }
    EXPECT_TRUE(brands.count("Нет бренда"));
    EXPECT_GE(brands.size(), 200u);  // a realistic dictionary, not just our products
    auto files = ai::testutil::GoldenFiles();
    ASSERT_EQ(files.size(), 40u);
    for (const auto& f : files) {
        std::string brand = ai::testutil::ReadJsonFile(f).value("brand", "");
        EXPECT_TRUE(brands.count(brand)) << f.filename() << ": brand «" << brand << "» is not in Ozon's dictionary";
    }
}

TEST(SandboxCatalog, CatalogueIsConsistent) {
    // Every characteristic of every group has its definition on each marketplace, and entries name real groups.
    for (const auto& g : tables::Groups()) {
        for (const auto& f : g.features) {
            bool number = f.kind == tables::Kind::kNumber;
            EXPECT_NE(tables::FindWbDef(f.wb, f.unit, number), nullptr) << g.key << ": WB «" << f.wb << "»";
            EXPECT_NE(tables::FindOzonDef(f.ozon), nullptr) << g.key << ": Ozon «" << f.ozon << "»";
            EXPECT_NE(tables::FindYandexDef(f.yandex, f.unit, number), nullptr) << g.key << ": Yandex «" << f.yandex << "»";
        }
    }
    for (const auto& s : WbSubjects()) {
        EXPECT_NE(tables::FindGroup(s.group), nullptr) << s.name;
    }
    for (const auto& t : OzonTypes()) {
        EXPECT_NE(tables::FindGroup(t.group), nullptr) << t.type_name;
    }
    for (const auto& c : YandexCategories()) {
        EXPECT_EQ(YandexIsLeaf(c.id), tables::FindGroup(c.group) != nullptr) << c.name;
    }
    std::set<int64_t> ids;
    for (const auto& s : WbSubjects()) {
        EXPECT_TRUE(ids.insert(s.id).second) << "WB subject " << s.id << " twice";
        EXPECT_NE(FindWbParent(s.parent_id), nullptr) << s.name;
        std::set<int64_t> charcs;
        for (const auto& c : WbCharcsFor(s.id, true)) {
            EXPECT_TRUE(charcs.insert(c.id).second) << s.name << ": characteristic " << c.id << " twice";
        }
    }
    std::set<std::pair<int64_t, int64_t>> types;
    for (const auto& t : OzonTypes()) {
        EXPECT_TRUE(types.insert({t.description_category_id, t.type_id}).second) << t.type_name;
        std::set<int64_t> attrs;
        for (const auto& a : OzonAttributesFor(t.description_category_id, t.type_id, true)) {
            EXPECT_TRUE(attrs.insert(a.id).second) << t.type_name << ": attribute " << a.id << " twice";
            EXPECT_NE(FindOzonAttribute(a.id), nullptr) << a.id;
        }
        EXPECT_TRUE(attrs.count(kOzonBrandAttr)) << t.type_name;
    }
    std::set<std::string> leaves;
    for (const auto& c : YandexCategories()) {
        if (c.parent_id != 0) {
            EXPECT_NE(FindYandexCategory(c.parent_id), nullptr) << c.name;
        }
        if (YandexIsLeaf(c.id)) {
            EXPECT_TRUE(leaves.insert(Norm(c.name)).second) << "two Yandex leaves named «" << c.name << "»";
            std::set<int64_t> params;
            for (const auto& p : YandexParametersFor(c.id, true)) {
                EXPECT_TRUE(params.insert(p.id).second) << c.name << ": parameter " << p.id << " twice";
            }
        }
    }
    std::set<std::string> titles;
    for (const auto& c : UzumCategories()) {
        EXPECT_TRUE(titles.insert(c.title_ru).second) << "two Uzum categories titled «" << c.title_ru << "»";
    }
    // Common shades are in the colour directories.
    std::vector<std::string> wb_colors;
    for (const auto& c : WbColors()) {
        wb_colors.push_back(c.name);
    }
    for (const char* shade : {"темно-синий", "светло-серый", "хаки", "бирюзовый", "графитовый", "прозрачный"}) {
        EXPECT_NE(std::find(wb_colors.begin(), wb_colors.end(), shade), wb_colors.end()) << shade;
    }
}

// The card's value for a required characteristic: by attribute id, else by the marketplace's name.
const ai::Characteristic* CardValue(const ai::CardContent& card, std::string_view name, int64_t id = 0) {
    for (const auto& c : card.characteristics) {
        if ((id != 0 && c.attribute_id && *c.attribute_id == id) || Norm(c.name) == Norm(name)) {
            return &c;
        }
    }
    return nullptr;
}

template <typename T, typename F>
std::vector<std::string> Names(const std::vector<T>& values, F name) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        out.push_back(name(v));
    }
    return out;
}

TEST(SandboxCatalog, GoldenProductsFillEveryRequiredCharacteristic) {
    ai::OfflineContentEngine engine(Catalog());
    int required_checked = 0;
    for (const auto& f : ai::testutil::GoldenFiles()) {
        core::Product p = ai::testutil::ProductFromJson(ai::testutil::ReadJsonFile(f));
        auto cards = engine.WriteAll(p);
        ASSERT_TRUE(cards.ok()) << f << ": " << cards.error().ToString();
        for (const auto& card : *cards) {
            std::string where = p.sku + " on " + std::string(core::MarketplaceName(card.marketplace));
            const ai::CategoryRef& ref = card.marketplace_category;
            // The full requirements, as the group states them (without the fixtures' relaxations).
            switch (card.marketplace) {
                case Marketplace::kWildberries: {
                    const WbSubject* s = WbSubjectFor(ref);
                    ASSERT_NE(s, nullptr) << where;
                    EXPECT_LE(static_cast<int>(ai::text::Length(card.description)), s->description_max) << where;
                    for (const auto& c : WbCharcsFor(s->id, true)) {
                        if (!c.required) {
                            continue;
                        }
                        ++required_checked;
                        const ai::Characteristic* v = CardValue(card, c.name);
                        ASSERT_NE(v, nullptr) << where << ": required «" << c.name << "» missing";
                        std::string dict = c.dictionary;
                        std::vector<std::string> entries =
                            dict == "colors"      ? Names(WbColors(), [](const WbColor& x) { return std::string(x.name); })
                            : dict == "countries" ? Names(WbCountries(), [](const WbCountry& x) { return std::string(x.name); })
                            : dict == "kinds"     ? WbKinds()
                                                  : std::vector<std::string>{};
                        if (!dict.empty()) {
                            EXPECT_TRUE(InDictionary(v->value, entries))
                                << where << ": «" << v->value << "» is not in WB's " << dict;
                        }
                    }
                    break;
                }
                case Marketplace::kOzon: {
                    const OzonType* t = OzonTypeFor(ref);
                    ASSERT_NE(t, nullptr) << where;
                    for (const auto& a : OzonAttributesFor(t->description_category_id, t->type_id, true)) {
                        if (!a.is_required || a.id == 9048) {  // 9048: the adapters fall back to the SKU
                            continue;
                        }
                        ++required_checked;
                        std::string value;
                        if (a.id == kOzonBrandAttr) {
                            value = p.brand.empty() ? "Нет бренда" : p.brand;
                        } else {
                            const ai::Characteristic* v = CardValue(card, a.name, a.id);
                            ASSERT_NE(v, nullptr) << where << ": required «" << a.name << "» (" << a.id << ") missing";
                            value = v->value;
                        }
                        if (a.dictionary_id != 0) {
                            auto entries = Names(OzonDictionary(a.dictionary_id),
                                                 [](const OzonDictValue& x) { return std::string(x.value); });
                            EXPECT_TRUE(InDictionary(value, entries))
                                << where << ": «" << value << "» is not in Ozon's dictionary for «" << a.name << "»";
                        }
                    }
                    break;
                }
                case Marketplace::kYandex: {
                    const YandexCategory* c = YandexLeafFor(ref);
                    ASSERT_NE(c, nullptr) << where;
                    for (const auto& prm : YandexParametersFor(c->id, true)) {
                        if (!prm.required) {
                            continue;
                        }
                        ++required_checked;
                        const ai::Characteristic* v = CardValue(card, prm.name);
                        ASSERT_NE(v, nullptr) << where << ": required «" << prm.name << "» missing";
                        if (std::string(prm.type) == "ENUM" && !prm.allow_custom_values) {
                            auto entries = Names(prm.values, [](const YandexValue& x) { return std::string(x.value); });
                            EXPECT_TRUE(InDictionary(v->value, entries))
                                << where << ": «" << v->value << "» is not allowed for «" << prm.name << "»";
                        }
                    }
                    break;
                }
                default:
                    EXPECT_NE(UzumCategoryFor(ref), nullptr) << where;
            }
        }
    }
    EXPECT_GT(required_checked, 400);
}

}  // namespace
}  // namespace by::sandbox::catalog
