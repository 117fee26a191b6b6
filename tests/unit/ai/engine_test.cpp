// The offline engine (research, strategy, per-marketplace cards), the catalogue loader and JSON round trips.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "ai/content.hpp"
#include "ai/text.hpp"
#include "ai_test_util.hpp"
#include "testing/temp_dir.hpp"

namespace by::ai {
namespace {

using testutil::Catalog;
using testutil::Golden;

// ------------------------------------------------------------------ catalogue

TEST(Catalog, HasTheThirtyCategoriesOfTheBrief) {
    const std::vector<std::string> keys = {
        "phones", "laptops", "headphones", "tvs", "kitchen_appliances", "vacuum_cleaners", "clothing_men",
        "clothing_women", "clothing_kids", "shoes", "bags", "cosmetics", "perfume", "household_chemicals", "cookware",
        "bedding", "furniture", "toys", "books", "sports", "auto_parts", "pet_goods", "stationery", "jewellery",
        "watches", "lighting", "tools", "baby_care", "garden", "phone_accessories"};
    for (const auto& k : keys) {
        const Category* c = Catalog()->Find(k);
        ASSERT_NE(c, nullptr) << k;
        EXPECT_FALSE(c->names.ru.empty());
        EXPECT_FALSE(c->names.uz.empty());
        EXPECT_FALSE(c->names.en.empty());
        EXPECT_FALSE(c->characteristics.empty()) << k;
        EXPECT_FALSE(c->selling_points.empty()) << k;
    }
    EXPECT_EQ(Catalog()->Keys().size(), keys.size());
}

TEST(Catalog, EveryMarketplaceMappingIsSourcedOrResolvedByName) {
    int with_id = 0;
    int by_name = 0;
    for (const auto& key : Catalog()->Keys()) {
        for (const auto& t : Catalog()->Find(key)->types) {
            for (Marketplace m : core::kAllMarketplaces) {
                const CategoryRef& ref = t.marketplaces.at(m);
                EXPECT_FALSE(ref.name.empty()) << key << "/" << t.key;
                if (ref.id) {
                    ++with_id;
                    EXPECT_NE(ref.status, "resolve_by_name");
                    EXPECT_NE(ref.source.find("shared/marketplace-data"), std::string::npos) << key << "/" << t.key;
                } else {
                    ++by_name;
                    EXPECT_EQ(ref.status, "resolve_by_name") << key << "/" << t.key;
                }
                if (m == Marketplace::kOzon && ref.id) {
                    EXPECT_TRUE(ref.type_id.has_value()) << key << "/" << t.key;
                }
            }
        }
    }
    EXPECT_GT(with_id, 30);
    EXPECT_GT(by_name, 0);
}

// The ids we ship are the ones in shared/marketplace-data/categories.csv (where that file is present).
TEST(Catalog, IdsAgreeWithSharedCategoriesCsv) {
    const char* shared = std::getenv("BY_SHARED_DIR");
    std::ifstream csv(std::string(shared ? shared : "") + "/marketplace-data/categories.csv");
    if (!csv) {
        GTEST_SKIP() << "shared/marketplace-data not available";
    }
    std::set<std::string> known;  // "marketplace:id"
    std::string line;
    while (std::getline(csv, line)) {
        auto cols = text::Split(line, ',');
        if (cols.size() > 4 && !cols[2].empty()) {
            known.insert(cols[1] + ":" + cols[2]);
        }
        if (cols.size() > 4 && !cols[4].empty()) {
            known.insert(cols[1] + ":" + cols[4]);
        }
    }
    const std::map<Marketplace, std::string> csv_name = {{Marketplace::kWildberries, "wildberries"},
                                                         {Marketplace::kYandex, "yandex_market"},
                                                         {Marketplace::kUzum, "uzum"}};
    for (const auto& key : Catalog()->Keys()) {
        for (const auto& t : Catalog()->Find(key)->types) {
            for (const auto& [m, name] : csv_name) {
                const CategoryRef& ref = t.marketplaces.at(m);
                if (ref.id) {
                    EXPECT_TRUE(known.count(name + ":" + std::to_string(*ref.id)))
                        << key << "/" << t.key << " " << name << " id " << *ref.id << " is not in categories.csv";
                }
            }
        }
    }
}

TEST(Catalog, ResolvesProductTypes) {
    core::Product p;
    p.category = "kitchen_appliances";
    p.name = "Погружной блендер Redmond";
    auto r = Catalog()->Resolve(p);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->type->key, "blender");
    p.attributes["type"] = "kettle";
    EXPECT_EQ(Catalog()->Resolve(p)->type->key, "kettle");
    p.attributes["type"] = "toaster";
    EXPECT_FALSE(Catalog()->Resolve(p).ok());
    p.category = "nope";
    auto bad = Catalog()->Resolve(p);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "category");
}

TEST(Catalog, RejectsBrokenData) {
    testing::TempDir dir;
    std::filesystem::copy(testutil::DataDir(), dir.path() / "data", std::filesystem::copy_options::recursive);
    {
        std::ofstream out(dir.path() / "data" / "categories" / "phones.json");
        out << "{\"key\": \"phones\", ";  // truncated
    }
    auto r = CategoryCatalog::Load(dir.path() / "data");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("phones.json"), std::string::npos) << r.error().message;
    EXPECT_FALSE(CategoryCatalog::Load(dir.path() / "missing").ok());
}

TEST(Catalog, RejectsAnIdWithoutSource) {
    testing::TempDir dir;
    std::filesystem::copy(testutil::DataDir(), dir.path() / "data", std::filesystem::copy_options::recursive);
    auto path = dir.path() / "data" / "categories" / "tvs.json";
    auto j = testutil::ReadJsonFile(path);
    j["types"][0]["marketplaces"]["yandex"] = {{"id", 123456}, {"name", "Телевизоры"}, {"status", "inferred"}, {"source", ""}};
    std::ofstream(path) << j.dump();
    auto r = CategoryCatalog::Load(dir.path() / "data");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("source"), std::string::npos) << r.error().message;
}

TEST(Catalog, WriterTargetsStayWithinTheCheckerLimits) {
    auto rules = testutil::Rules();
    EXPECT_LE(Catalog()->Profile(Marketplace::kWildberries).title_max, rules->Find("R-T-1")->params["max"].get<int>());
    EXPECT_LE(Catalog()->Profile(Marketplace::kOzon).title_max, rules->Find("R-T-2")->params["max"].get<int>());
    EXPECT_LE(Catalog()->Profile(Marketplace::kYandex).title_max, rules->Find("R-T-3")->params["max"].get<int>());
    EXPECT_LE(Catalog()->Profile(Marketplace::kYandex).description_max, rules->Find("R-D-2")->params["max"].get<int>());
    EXPECT_EQ(Catalog()->Profile(Marketplace::kWildberries).description_max, 2000);
    EXPECT_EQ(Catalog()->Profile(Marketplace::kUzum).languages, (std::vector<std::string>{"uz", "ru"}));
}

// ------------------------------------------------------------------ research and strategy

TEST(OfflineResearch, KeywordsInBothLanguagesFromDictionariesAndAttributes) {
    OfflineContentEngine engine(Catalog());
    auto k = engine.Research(Golden("phones_samsung_a55"));
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(k->main.at("ru"), "смартфон samsung");
    EXPECT_EQ(k->main.at("uz"), "smartfon samsung");
    auto ru = k->For("ru");
    auto uzk = k->For("uz");
    auto has = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    EXPECT_TRUE(has(ru, "смартфон samsung galaxy a55 5g"));
    EXPECT_TRUE(has(ru, "смартфон самсунг"));          // brand spelling buyers type
    EXPECT_TRUE(has(ru, "смартфон 256 гб"));           // attribute phrase
    EXPECT_TRUE(has(ru, "сотовый телефон samsung"));   // synonym
    EXPECT_TRUE(has(uzk, "smartfon 256 gb"));
    EXPECT_TRUE(has(uzk, "toʻq koʻk smartfon"));       // Uzbek modifier before the noun, canonical ʻ
    EXPECT_TRUE(has(uzk, "uyali telefon samsung"));
    for (size_t i = 1; i < k->items.size(); ++i) {
        EXPECT_GE(k->items[i - 1].weight, k->items[i].weight);
    }
}

TEST(OfflineStrategy, SellingPointsPricePositionAndAudience) {
    OfflineContentEngine engine(Catalog());
    core::Product p = Golden("phones_samsung_a55");
    auto k = engine.Research(p);
    auto s = engine.Plan(p, *k);
    ASSERT_TRUE(s.ok());
    ASSERT_GE(s->selling_points.size(), 5u);
    EXPECT_EQ(s->selling_points[0].attribute, "storage_gb");
    EXPECT_EQ(s->selling_points[0].text.at("ru"), "Встроенная память 256\u00A0ГБ");
    EXPECT_EQ(s->selling_points[0].text.at("uz"), "256\u00A0GB ichki xotira");
    EXPECT_EQ(s->price_position, PricePosition::kMiddle);  // 5 299 000 so'm in the phone band
    EXPECT_FALSE(s->audience.at("ru").empty());

    p.price.amount = 1'500'000 * 100;
    EXPECT_EQ(engine.Plan(p, *k)->price_position, PricePosition::kBudget);
    p.price.amount = 9'000'000 * 100;
    auto premium = engine.Plan(p, *k);
    EXPECT_EQ(premium->price_position, PricePosition::kPremium);
    EXPECT_EQ(premium->selling_points[1].attribute, "warranty_months");  // premium leads with the warranty
    p.price.currency = "EUR";
    EXPECT_EQ(engine.Plan(p, *k)->price_position, PricePosition::kUnknown);

    // A false flag is not a selling point.
    p.attributes["nfc"] = false;
    auto without_nfc = engine.Plan(p, *k);
    for (const auto& sp : without_nfc->selling_points) {
        EXPECT_NE(sp.attribute, "nfc");
    }
}

TEST(OfflineStrategy, ChildrensAgeUsesTheGenitive) {
    OfflineContentEngine engine(Catalog());
    core::Product p = Golden("toys_lego_city_60337");
    auto s = engine.Plan(p, *engine.Research(p));
    EXPECT_NE(s->audience.at("ru").find("от 7\u00A0лет"), std::string::npos) << s->audience.at("ru");
    p.attributes["age_from"] = 1;
    s = engine.Plan(p, *engine.Research(p));
    EXPECT_NE(s->audience.at("ru").find("от 1\u00A0года"), std::string::npos) << s->audience.at("ru");
    EXPECT_NE(s->audience.at("uz").find("1 yoshdan"), std::string::npos) << s->audience.at("uz");
}

// ------------------------------------------------------------------ cards

TEST(OfflineWriter, CardsRespectEachMarketplace) {
    OfflineContentEngine engine(Catalog());
    for (const auto& file : testutil::GoldenFiles()) {
        core::Product p = testutil::ProductFromJson(testutil::ReadJsonFile(file));
        auto cards = engine.WriteAll(p);
        ASSERT_TRUE(cards.ok()) << file << ": " << cards.error().ToString();
        ASSERT_EQ(cards->size(), 4u);
        for (const auto& c : *cards) {
            const auto& profile = Catalog()->Profile(c.marketplace);
            EXPECT_EQ(c.language, profile.languages.front());
            EXPECT_EQ(c.texts.size(), profile.languages.size());
            EXPECT_EQ(c.title, c.texts.at(c.language).title);
            for (const auto& [lang, t] : c.texts) {
                EXPECT_LE(text::Length(t.title), static_cast<size_t>(profile.title_max)) << file;
                EXPECT_LE(text::Length(t.description), static_cast<size_t>(profile.description_target_max)) << file;
                EXPECT_LE(t.bullets.size(), static_cast<size_t>(profile.bullets_max));
                EXPECT_FALSE(t.short_description.empty());
                EXPECT_FALSE(t.keywords.empty());
            }
            EXPECT_GE(c.slides.size(), 4u) << file;
            EXPECT_LE(c.slides.size(), 6u) << file;
            EXPECT_FALSE(c.characteristics.empty());
            EXPECT_FALSE(c.marketplace_category.name.empty());
        }
    }
}

TEST(OfflineWriter, WildberriesTitleFitsSixtyEvenForLongNames) {
    OfflineContentEngine engine(Catalog());
    core::Product p = Golden("laptops_lenovo_ideapad_slim3");
    p.attributes["model"] = "IdeaPad Slim 3 15IRH8 Special Edition For Business And Creative Studio";
    auto cards = engine.WriteAll(p);
    ASSERT_TRUE(cards.ok());
    const std::string& title = (*cards)[1].title;
    EXPECT_LE(text::Length(title), 60u) << title;
    EXPECT_TRUE(text::StartsWith(title, "Ноутбук Lenovo IdeaPad")) << title;
}

TEST(OfflineWriter, OzonLogisticsInMillimetresAndGrams) {
    OfflineContentEngine engine(Catalog());
    auto cards = engine.WriteAll(Golden("phones_samsung_a55"));
    const CardContent& ozon = (*cards)[3];
    ASSERT_EQ(ozon.marketplace, Marketplace::kOzon);
    const Characteristic* len = ozon.FindCharacteristic("package_length_cm");
    EXPECT_EQ(len->value, "170");
    EXPECT_EQ(len->unit, "мм");
    EXPECT_EQ(len->name, "Длина упаковки, мм");
    EXPECT_FALSE(len->derived_from.empty());
    EXPECT_EQ(ozon.FindCharacteristic("package_weight_g")->value, "350");
    EXPECT_EQ(ozon.FindCharacteristic("warranty_months")->attribute_id, 4385);
    EXPECT_EQ(ozon.FindCharacteristic("country")->attribute_id, 4389);
    const CardContent& wb = (*cards)[1];
    EXPECT_EQ(wb.FindCharacteristic("package_weight_g")->value, "0.35");
    EXPECT_EQ(wb.FindCharacteristic("package_weight_g")->unit, "кг");
    EXPECT_EQ(wb.marketplace_category.id, 515);
    EXPECT_EQ(wb.marketplace_category.status, "inferred");
}

TEST(OfflineWriter, UnknownCategoryIsAnError) {
    OfflineContentEngine engine(Catalog());
    core::Product p = Golden("phones_samsung_a55");
    p.category = "spaceships";
    auto r = engine.Research(p);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kInvalid);
}

TEST(OfflineWriter, NoSlideCarriesAPriceOrAPromise) {
    OfflineContentEngine engine(Catalog());
    for (const auto& file : testutil::GoldenFiles()) {
        auto cards = engine.WriteAll(testutil::ProductFromJson(testutil::ReadJsonFile(file)));
        for (const auto& s : (*cards)[0].slides) {
            for (const auto& [lang, slide] : s.text) {
                EXPECT_LE(text::Length(slide.headline), 30u);
                EXPECT_LE(slide.lines.size(), 3u);
                for (const auto& l : slide.lines) {
                    EXPECT_LE(text::Length(l), 36u) << l;
                }
            }
        }
    }
}

// Several workers share one catalogue and one engine: same output as one thread.
TEST(OfflineWriter, ConcurrentUseGivesTheSameCards) {
    OfflineContentEngine engine(Catalog());
    QualityChecker checker(Catalog(), testutil::Rules());
    auto files = testutil::GoldenFiles();
    std::vector<std::string> expected;
    for (const auto& f : files) {
        expected.push_back(nlohmann::json(*engine.WriteAll(testutil::ProductFromJson(testutil::ReadJsonFile(f)))).dump());
    }
    std::vector<std::string> got(files.size());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (size_t i = t; i < files.size(); i += 4) {
                auto p = testutil::ProductFromJson(testutil::ReadJsonFile(files[i]));
                auto cards = engine.WriteAll(p);
                for (const auto& c : *cards) {
                    (void)checker.Check(p, c, c.marketplace);
                }
                got[i] = nlohmann::json(*cards).dump();
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    EXPECT_EQ(got, expected);
}

// Bare or oddly typed seller input never crashes and never yields a publishable card by accident.
TEST(OfflineWriter, BareAndOddInputIsHandled) {
    OfflineContentEngine engine(Catalog());
    QualityChecker checker(Catalog(), testutil::Rules());
    for (const auto& key : Catalog()->Keys()) {
        core::Product bare;
        bare.sku = "X-1";
        bare.category = key;
        bare.name = "Товар";
        auto cards = engine.WriteAll(bare);
        ASSERT_TRUE(cards.ok()) << key << ": " << cards.error().ToString();
        for (const auto& c : *cards) {
            EXPECT_FALSE(c.title.empty()) << key;
            auto r = checker.Check(bare, c, c.marketplace);
            EXPECT_TRUE(r.Has("R-C-1")) << key << " " << core::MarketplaceName(c.marketplace);
            EXPECT_FALSE(r.passed) << key;
        }
        core::Product odd = bare;
        odd.brand = "ACME";
        odd.attributes = {{"color", 5},       {"storage_gb", "много"}, {"package_contents", 7},
                          {"model", nlohmann::json::array({1, 2})}, {"nfc", "yes"}, {"country", nullptr},
                          {"material", {{"ru", "хлопок"}}}, {"size", {{"uz", "M"}}}, {"warranty_months", -3}};
        EXPECT_TRUE(engine.WriteAll(odd).ok()) << key;
    }
}

TEST(OfflineWriter, CharacteristicNamesFollowEachMarketplace) {
    OfflineContentEngine engine(Catalog());
    auto cards = engine.WriteAll(Golden("phones_samsung_a55"));
    ASSERT_TRUE(cards.ok());
    EXPECT_EQ((*cards)[1].FindCharacteristic("color")->name, "Цвет");               // WB
    EXPECT_EQ((*cards)[3].FindCharacteristic("color")->name, "Цвет товара");        // Ozon
    EXPECT_EQ((*cards)[1].FindCharacteristic("storage_gb")->name, "Объем встроенной памяти");
    EXPECT_EQ((*cards)[3].FindCharacteristic("country")->name, "Страна-изготовитель");
    EXPECT_EQ((*cards)[0].FindCharacteristic("color")->name_uz, "Rang");            // Uzum is bilingual
    EXPECT_TRUE((*cards)[1].FindCharacteristic("color")->name_uz.empty());          // WB is not
    EXPECT_EQ((*cards)[1].FindCharacteristic("color")->value, "темно-синий");
    EXPECT_TRUE((*cards)[1].FindCharacteristic("color")->dictionary);
}

// ------------------------------------------------------------------ JSON

TEST(ContentJson, RoundTrips) {
    OfflineContentEngine engine(Catalog());
    core::Product p = Golden("phones_samsung_a55");
    auto k = engine.Research(p);
    auto s = engine.Plan(p, *k);
    auto c = engine.Write(p, *k, *s, Marketplace::kUzum);
    nlohmann::json jc = *c;
    auto back = CardContentFromJson(jc);
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    EXPECT_EQ(nlohmann::json(*back), jc);
    EXPECT_EQ(jc["marketplace"], "uzum");
    EXPECT_TRUE(jc["marketplace_category"]["type_id"].is_null());
    EXPECT_EQ(jc["texts"]["uz"]["title"], c->texts.at("uz").title);

    nlohmann::json jk = *k;
    EXPECT_EQ(nlohmann::json(*KeywordsFromJson(jk)), jk);
    nlohmann::json js = *s;
    EXPECT_EQ(nlohmann::json(*StrategyFromJson(js)), js);
}

TEST(ContentJson, MalformedInputIsAnErrorNotAnException) {
    EXPECT_FALSE(CardContentFromJson(nlohmann::json::array()).ok());
    EXPECT_FALSE(CardContentFromJson({{"marketplace", "ebay"}}).ok());
    EXPECT_FALSE(CardContentFromJson({{"marketplace", "ozon"}, {"generation", {{"attempts", "two"}}}}).ok());
    EXPECT_FALSE(KeywordsFromJson({{"items", {{{"text", "x"}}}}}).ok());
    EXPECT_FALSE(StrategyFromJson("text").ok());
}

}  // namespace
}  // namespace by::ai
