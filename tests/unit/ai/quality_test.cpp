// Every quality rule in data/quality/rules.json fires on a bad example and not on a good one. The good
// example is a generated card; each case breaks exactly the thing its rule is about.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "ai/quality.hpp"
#include "ai/text.hpp"
#include "ai_test_util.hpp"

namespace by::ai {
namespace {

using testutil::Catalog;
using testutil::Golden;
using testutil::Rules;

struct Case {
    std::string rule;
    Marketplace marketplace;
    std::function<void(core::Product&)> break_product;  // applied before the card is written
    std::function<void(CardContent&)> break_card;       // applied to the written card
};

CardContent Write(const core::Product& p, Marketplace m) {
    OfflineContentEngine engine(Catalog());
    auto k = engine.Research(p);
    auto s = engine.Plan(p, *k);
    auto c = engine.Write(p, *k, *s, m);
    EXPECT_TRUE(c.ok()) << c.error().ToString();
    return *c;
}

Characteristic* Find(CardContent& c, const std::string& key) {
    for (auto& ch : c.characteristics) {
        if (ch.key == key) {
            return &ch;
        }
    }
    ADD_FAILURE() << "no characteristic " << key;
    static Characteristic dummy;
    return &dummy;
}

std::string& Ru(CardContent& c, std::string LocalizedText::*field) { return c.texts["ru"].*field; }
std::string& Uz(CardContent& c, std::string LocalizedText::*field) { return c.texts["uz"].*field; }

const auto kWB = Marketplace::kWildberries;
const auto kOzon = Marketplace::kOzon;
const auto kYandex = Marketplace::kYandex;
const auto kUzum = Marketplace::kUzum;
using LT = LocalizedText;

std::vector<Case> Cases() {
    auto none = [](core::Product&) {};
    auto keep = [](CardContent&) {};
    return {
        {"R-T-1", kWB, none, [](CardContent& c) { Ru(c, &LT::title) += ", 8 ГБ, Android 14, Exynos 1480"; }},
        {"R-T-2", kOzon, none, [](CardContent& c) { Ru(c, &LT::title) += ", " + std::string(480, 'x'); }},
        {"R-T-3", kYandex, none, [](CardContent& c) { Ru(c, &LT::title) += ", " + std::string(240, 'x'); }},
        {"R-T-4", kYandex, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон Samsung"; }},
        {"R-T-5", kUzum, none, [](CardContent& c) { Uz(c, &LT::title).clear(); }},
        {"R-T-6", kUzum, none, [](CardContent& c) { Uz(c, &LT::title) = "Smartfon Samsung"; }},
        {"R-T-7", kUzum, none, [](CardContent& c) { Uz(c, &LT::title) = "smartfon Samsung Galaxy A55 5G"; }},
        {"R-T-8", kOzon, none, [](CardContent& c) { Ru(c, &LT::title) = "Samsung Galaxy A55 5G, 256 ГБ, темно-синий"; }},
        {"R-T-9", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон Samsung Galaxy A55 5G 🔥"; }},
        {"R-T-10", kYandex, none, [](CardContent& c) { Ru(c, &LT::title) += ", ОТЛИЧНЫЙ"; }},
        {"R-T-11", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон Samsung Galaxy A55, хит продаж"; }},
        {"R-T-12", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Звоните: +998 90 123-45-67."; }},
        {"R-T-13", kOzon, none, [](CardContent& c) { Ru(c, &LT::description) += " Этот смартфон есть и на Wildberries."; }},
        {"R-T-14", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон Samsung Galaxy A55 смартфона"; }},
        {"R-T-15", kUzum, none, [](CardContent& c) { Ru(c, &LT::title) += ", упак. синяя"; }},
        {"R-D-1", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += std::string(1300, ' ') + "конец."; }},
        {"R-D-2", kYandex, none, [](CardContent& c) { Ru(c, &LT::description) += std::string(5600, ' ') + "конец."; }},
        {"R-D-2a", kYandex, none, [](CardContent& c) { Ru(c, &LT::description) = Ru(c, &LT::description).substr(0, 360); }},
        {"R-D-3", kYandex, none, [](CardContent& c) { Ru(c, &LT::description) += " <b>Смартфон</b>"; }},
        {"R-D-4", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += "<br>"; }},
        {"R-D-5", kOzon, none, [](CardContent& c) { Ru(c, &LT::description) = Ru(c, &LT::description).substr(0, 300); }},
        {"R-D-6", kYandex, none, [](CardContent& c) { Ru(c, &LT::description) += " Бесплатная доставка."; }},
        {"R-D-7", kYandex, none, [](CardContent& c) { Ru(c, &LT::description) += " Установите приложение."; }},
        {"R-D-8", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Пишите на shop@mail.ru"; }},
        {"R-D-9", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Самый надежный смартфон."; }},
        {"R-D-10", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Лечит бессонницу."; }},
        {"R-D-11", kWB, none, [](CardContent& c) {
             Ru(c, &LT::description) = "Этот товар подойдет для повседневного использования дома и на работе, в поездках и "
                                       "на отдыхе, а также пригодится каждый день в самых разных ситуациях. " +
                                       Ru(c, &LT::description);
         }},
        {"R-D-12", kWB, none, [](CardContent& c) {
             for (int i = 0; i < 8; ++i) {
                 Ru(c, &LT::description) += " Экран.";
             }
         }},
        {"R-D-13", kUzum, none, [](CardContent& c) { Uz(c, &LT::description).clear(); }},
        {"R-D-14", kUzum, none, [](CardContent& c) { Uz(c, &LT::short_description) = "Bir. Ikki. Uch."; }},
        {"R-D-15", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Цвет — красный."; }},
        {"R-F-1", kWB, none, [](CardContent& c) { c.texts["ru"].bullets.push_back("Аккумулятор 6000 мА·ч"); }},
        {"R-C-1", kWB, [](core::Product& p) { p.attributes.erase("storage_gb"); }, keep},
        {"R-C-2", kWB, [](core::Product& p) { p.attributes["color"] = "лиловый неон"; }, keep},
        {"R-C-3", kWB, none, [](CardContent& c) { Find(c, "package_length_cm")->value = "0"; }},
        {"R-C-4", kOzon, none, [](CardContent& c) { Find(c, "package_width_cm")->unit = "см"; }},
        {"R-C-4b", kOzon, [](core::Product& p) { p.attributes["package_weight_g"] = 30000; }, keep},
        {"R-C-5", kOzon, none, [](CardContent& c) { Find(c, "battery_mah")->unit = "Вт"; }},
        {"R-C-6", kOzon, [](core::Product& p) {
             p.attributes.erase("warranty_months");
             p.attributes.erase("country");
         },
         keep},
        {"R-C-7", kUzum, none, [](CardContent& c) { c.characteristics.resize(2); }},
        {"R-C-8", kUzum, [](core::Product& p) { p.attributes["package_height_cm"] = 60; }, keep},
        {"R-C-9", kWB, none, [](CardContent& c) {
             Find(c, "cpu")->value = "смартфон samsung, телефон samsung, смартфон самсунг, мобильный телефон";
         }},
        {"R-L-1", kUzum, none, [](CardContent& c) { Uz(c, &LT::description) += " Отличный выбор."; }},
        {"R-L-2", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Super quality."; }},
        {"R-L-3", kUzum, none, [](CardContent& c) { Uz(c, &LT::description) += " Qo‘shimcha."; }},
        {"R-L-4", kUzum, none, [](CardContent& c) { c.texts["uz"].bullets.push_back("Yoqimli taʻm"); }},
        {"R-L-5", kUzum, none, [](CardContent& c) { Uz(c, &LT::description) += " 2 ta ranglar mavjud."; }},
        {"R-L-6", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Гарантия 5 года."; }},
        {"R-L-7", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Экран 6.6 дюйма."; }},
        {"R-L-8", kWB, none, [](CardContent& c) { Ru(c, &LT::description) += " Память 256 ГБ."; }},
        {"R-L-9", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон  Samsung Galaxy A55 5G, 256 ГБ"; }},
        {"R-L-10", kYandex, none, [](CardContent& c) { Uz(c, &LT::description) = "Смартфон для звонков, фото и видео."; }},
        {"R-S-1", kWB, none, [](CardContent& c) { c.slides.resize(2); }},
        {"R-I-10", kWB, none, [](CardContent& c) { c.slides[1].text["ru"].lines.push_back("Скидка на смартфон"); }},
        {"SEO-1", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Samsung Galaxy A55 5G, темно-синий, смартфон"; }},
        {"SEO-2", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон Samsung A55"; }},
        {"SEO-3", kWB, none, [](CardContent& c) { Ru(c, &LT::title) = "Смартфон 5G, 256 ГБ, темно-синий, для работы"; }},
        {"SEO-4", kWB, none, [](CardContent& c) {
             Ru(c, &LT::description) = "Хорошая вещь для дома, дороги и работы. Удобно пользоваться каждый день.";
         }},
        {"SEO-5", kOzon, none, [](CardContent& c) { Ru(c, &LT::description) = Ru(c, &LT::description).substr(0, 200); }},
        {"SEO-6", kWB, none, [](CardContent& c) { c.texts["ru"].keywords.resize(2); }},
        {"AI-1", kWB, none, [](CardContent& c) { c.generation.fallback_stages = {"write"}; }},
    };
}

class QualityRuleTest : public ::testing::TestWithParam<Case> {};

TEST_P(QualityRuleTest, FiresOnBadAndNotOnGood) {
    const Case& tc = GetParam();
    ASSERT_NE(Rules()->Find(tc.rule), nullptr) << tc.rule << " is not in rules.json";
    QualityChecker checker(Catalog(), Rules());

    const core::Product good = Golden("phones_samsung_a55");
    const CardContent good_card = Write(good, tc.marketplace);
    const QualityReport good_report = checker.Check(good, good_card, tc.marketplace);
    EXPECT_FALSE(good_report.Has(tc.rule)) << tc.rule << " fired on the good card";

    core::Product bad = good;
    tc.break_product(bad);
    CardContent bad_card = Write(bad, tc.marketplace);
    tc.break_card(bad_card);
    // Keep the primary-language mirror in step with the texts, as a writer does.
    bad_card.title = bad_card.texts[bad_card.language].title;
    bad_card.description = bad_card.texts[bad_card.language].description;
    const QualityReport bad_report = checker.Check(bad, bad_card, tc.marketplace);
    ASSERT_TRUE(bad_report.Has(tc.rule)) << tc.rule << " did not fire";
    for (const auto& issue : bad_report.issues) {
        if (issue.code == tc.rule) {
            EXPECT_FALSE(issue.message_en.empty());
            EXPECT_FALSE(issue.message_ru.empty());
            EXPECT_FALSE(issue.message_uz.empty());
            EXPECT_EQ(issue.message_en.find('{'), std::string::npos) << issue.message_en;  // placeholders filled
            EXPECT_EQ(issue.message_uz.find('{'), std::string::npos) << issue.message_uz;
            const QualityRule* rule = Rules()->Find(tc.rule);
            EXPECT_EQ(issue.severity, rule->SeverityFor(tc.marketplace));
            if (issue.severity == Severity::kBlock) {
                EXPECT_FALSE(bad_report.passed) << "a blocking issue must stop publication";
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllRules, QualityRuleTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             std::string name = info.param.rule;
                             for (auto& ch : name) {
                                 if (ch == '-') {
                                     ch = '_';
                                 }
                             }
                             return name;
                         });

TEST(QualityRules, EveryRuleHasACase) {
    std::set<std::string> covered;
    for (const auto& c : Cases()) {
        covered.insert(c.rule);
    }
    for (const auto& r : Rules()->rules()) {
        EXPECT_TRUE(covered.count(r.id)) << "rule " << r.id << " has no test case";
    }
}

TEST(QualityRules, RulesFileIsValidAndChecksAreKnown) {
    EXPECT_EQ(Rules()->pass_line(), 70);
    for (const auto& r : Rules()->rules()) {
        EXPECT_TRUE(QualityRules::KnownChecks().count(r.check)) << r.id;
        EXPECT_FALSE(r.message.ru.empty()) << r.id;
        EXPECT_FALSE(r.source.empty()) << r.id;
    }
    // Section 10's checker rules are all present.
    for (const char* id : {"R-T-1", "R-T-2", "R-T-3", "R-T-4", "R-T-5", "R-T-6", "R-T-7", "R-T-8", "R-T-9", "R-T-10",
                           "R-T-11", "R-T-12", "R-T-13", "R-T-14", "R-T-15", "R-D-1", "R-D-2", "R-D-3", "R-D-4", "R-D-5",
                           "R-D-6", "R-D-7", "R-D-8", "R-D-9", "R-D-10", "R-D-11", "R-D-12", "R-D-13", "R-D-14",
                           "R-D-15", "R-C-1", "R-C-2", "R-C-3", "R-C-4", "R-C-5", "R-C-6", "R-C-7", "R-C-8", "R-C-9",
                           "R-L-1", "R-L-2", "R-L-3", "R-L-4", "R-L-5", "R-L-6", "R-L-7", "R-L-8", "R-L-9", "R-L-10"}) {
        EXPECT_NE(Rules()->Find(id), nullptr) << id;
    }
}

TEST(QualityRules, UnknownCheckIsRejected) {
    nlohmann::json doc = {{"pass_line", 70},
                          {"rules", {{{"id", "X-1"}, {"check", "no_such_check"}, {"message", {{"ru", "a"}, {"uz", "b"}, {"en", "c"}}}}}}};
    auto r = QualityRules::FromJson(doc);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no_such_check"), std::string::npos);
}

TEST(QualityReport, ScoreIsOneHundredMinusDeductionsAndPassLineIsConfigurable) {
    const core::Product p = Golden("phones_samsung_a55");
    CardContent card = Write(p, kWB);
    card.texts["ru"].title = "Смартфон Samsung A55";  // SEO-2 only
    QualityChecker strict(Catalog(), Rules(), QualityOptions{101});
    QualityChecker normal(Catalog(), Rules());
    auto a = normal.Check(p, card, kWB);
    int deducted = 0;
    for (const auto& i : a.issues) {
        deducted += i.points;
        EXPECT_NE(i.severity, Severity::kBlock) << i.code;
    }
    EXPECT_EQ(a.score, 100 - deducted);
    EXPECT_TRUE(a.passed);
    auto b = strict.Check(p, card, kWB);
    EXPECT_EQ(b.pass_line, 101);
    EXPECT_FALSE(b.passed);
}

TEST(QualityReport, ARuleDeductsOnceHoweverOftenItFires) {
    const core::Product p = Golden("phones_samsung_a55");
    CardContent card = Write(p, kUzum);
    card.texts["ru"].description += " Звоните +998 90 123-45-67.";
    card.texts["uz"].description += " Qoʻngʻiroq qiling +998 90 123-45-67.";
    QualityChecker checker(Catalog(), Rules());
    auto r = checker.Check(p, card, kUzum);
    int points = 0;
    int count = 0;
    for (const auto& i : r.issues) {
        if (i.code == "R-T-12") {
            points += i.points;
            ++count;
        }
    }
    EXPECT_EQ(count, 2);
    EXPECT_EQ(points, Rules()->Find("R-T-12")->points);
}

TEST(QualityReport, JsonShape) {
    const core::Product p = Golden("phones_samsung_a55");
    CardContent card = Write(p, kWB);
    card.texts["ru"].title += " 🔥";
    QualityChecker checker(Catalog(), Rules());
    nlohmann::json j = checker.Check(p, card, kWB);
    EXPECT_EQ(j["marketplace"], "wildberries");
    EXPECT_EQ(j["blocked"], true);
    EXPECT_EQ(j["passed"], false);
    ASSERT_TRUE(j["issues"].is_array());
    const auto& issue = j["issues"][0];
    for (const char* key : {"code", "severity", "field", "message", "points"}) {
        EXPECT_TRUE(issue.contains(key)) << key;
    }
    for (const char* lang : {"uz", "ru", "en"}) {
        EXPECT_TRUE(issue["message"].contains(lang)) << lang;
    }
}

TEST(QualityReport, UnknownCategoryBlocks) {
    core::Product p = Golden("phones_samsung_a55");
    CardContent card = Write(p, kWB);
    p.category = "spaceships";
    QualityChecker checker(Catalog(), Rules());
    auto r = checker.Check(p, card, kWB);
    EXPECT_TRUE(r.Has("CATEGORY"));
    EXPECT_FALSE(r.passed);
}

}  // namespace
}  // namespace by::ai
