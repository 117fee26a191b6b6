// Text helpers, Russian agreement and Uzbek orthography (CONTENT.md §8–9).
#include <gtest/gtest.h>

#include "ai/russian.hpp"
#include "ai/text.hpp"
#include "ai/uzbek.hpp"
#include "ai_test_util.hpp"

namespace by::ai {
namespace {

using testutil::Catalog;
using testutil::Golden;

// ------------------------------------------------------------------ text

TEST(Text, LengthCountsCodePointsAfterNfc) {
    EXPECT_EQ(text::Length("Смартфон"), 8u);
    EXPECT_EQ(text::Length("oʻzbek"), 6u);                 // ʻ is one code point
    EXPECT_EQ(text::Length("е\u0308ж"), 2u);               // decomposed ё counts once
    EXPECT_EQ(text::Nfc("и\u0306"), "й");
}

TEST(Text, CaseMappingCoversLatinAndCyrillic) {
    EXPECT_EQ(text::Lower("СМАРТФОН Ёлка ÜBER"), "смартфон ёлка über");
    EXPECT_EQ(text::Upper("qoʻl ёж"), "QOʻL ЁЖ");
    EXPECT_EQ(text::FirstLower("Встроенная память"), "встроенная память");
    EXPECT_EQ(text::FirstLower("NFC модуль"), "NFC модуль");
    EXPECT_EQ(text::FirstLower("Oʻlchami 3"), "oʻlchami 3");
    EXPECT_EQ(text::FirstUpper("iPhone 15 uchun mos"), "iPhone 15 uchun mos");
    EXPECT_EQ(text::FirstUpper("гарантия"), "Гарантия");
}

TEST(Text, WordsKeepApostrophesAndHyphensInside) {
    auto w = text::Words("Qoʻngʻiroq, Wi-Fi; «taʼm» 1,5 л togʻ");
    ASSERT_EQ(w.size(), 6u);
    EXPECT_EQ(w[0].text, "Qoʻngʻiroq");
    EXPECT_EQ(w[1].text, "Wi-Fi");
    EXPECT_EQ(w[2].text, "taʼm");
    EXPECT_EQ(w[3].text, "1,5");
    EXPECT_TRUE(w[3].number);
    EXPECT_EQ(w[5].text, "togʻ");
}

TEST(Text, NumbersAreNormalised) {
    EXPECT_EQ(text::Numbers("1,5 л и 1.50 кг"), (std::vector<std::string>{"1.5", "1.5"}));
    EXPECT_EQ(text::Numbers("10\u202F000 мА·ч, 8/256 ГБ, Galaxy A55"),
              (std::vector<std::string>{"10000", "8", "256", "55"}));
    EXPECT_EQ(text::Numbers("2, 3 и 007"), (std::vector<std::string>{"2", "3", "7"}));
    EXPECT_TRUE(text::Numbers("без чисел").empty());
}

TEST(Text, PictographsAndSpaces) {
    EXPECT_TRUE(text::IsPictographic(U'🔥'));
    EXPECT_TRUE(text::IsPictographic(U'™'));
    EXPECT_FALSE(text::IsPictographic(U'Ж'));
    EXPECT_TRUE(text::IsSpace(U'\u202F'));
    EXPECT_EQ(text::CollapseSpaces("  a  b \n c "), "a b\nc");
}

// ------------------------------------------------------------------ Russian

TEST(Russian, PluralCategoriesFollowCldr) {
    using ru::PluralCategory;
    EXPECT_EQ(ru::CategoryOf(1), PluralCategory::kOne);
    EXPECT_EQ(ru::CategoryOf(21), PluralCategory::kOne);
    EXPECT_EQ(ru::CategoryOf(101), PluralCategory::kOne);
    EXPECT_EQ(ru::CategoryOf(11), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf(2), PluralCategory::kFew);
    EXPECT_EQ(ru::CategoryOf(24), PluralCategory::kFew);
    EXPECT_EQ(ru::CategoryOf(12), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf(14), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf(0), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf(5), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf(111), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf(1000), PluralCategory::kMany);
    EXPECT_EQ(ru::CategoryOf("1.5"), PluralCategory::kOther);
}

TEST(Russian, CountedNounForms) {
    const ru::CountedNoun item{"товар", "товара", "товаров"};
    EXPECT_EQ(ru::Count("1", item, " "), "1 товар");
    EXPECT_EQ(ru::Count("2", item, " "), "2 товара");
    EXPECT_EQ(ru::Count("5", item, " "), "5 товаров");
    EXPECT_EQ(ru::Count("11", item, " "), "11 товаров");
    EXPECT_EQ(ru::Count("21", item, " "), "21 товар");
    EXPECT_EQ(ru::Count("22", item, " "), "22 товара");
    EXPECT_EQ(ru::Count("1.5", item, " "), "1,5 товара");
    const ru::CountedNoun* year = Catalog()->CountedNoun("год");
    ASSERT_NE(year, nullptr);
    EXPECT_EQ(ru::Count("1", *year, " "), "1 год");
    EXPECT_EQ(ru::Count("3", *year, " "), "3 года");
    EXPECT_EQ(ru::Count("5", *year, " "), "5 лет");
    // After от/до the genitive: от 1 года, от 3 лет, до 21 часа, до 24 часов.
    EXPECT_EQ(ru::CountGenitive("1", *year, " "), "1 года");
    EXPECT_EQ(ru::CountGenitive("3", *year, " "), "3 лет");
    const ru::CountedNoun* hour = Catalog()->CountedNoun("час");
    EXPECT_EQ(ru::CountGenitive("21", *hour, " "), "21 часа");
    EXPECT_EQ(ru::CountGenitive("24", *hour, " "), "24 часов");
    EXPECT_EQ(ru::Count("24", *hour, " "), "24 часа");
}

TEST(Russian, EveryCountedNounHasThreeDistinctPlaces) {
    for (const auto& [key, noun] : Catalog()->CountedNouns()) {
        EXPECT_EQ(noun.one, key);
        EXPECT_FALSE(noun.few.empty());
        EXPECT_FALSE(noun.many.empty());
    }
}

TEST(Russian, AdjectivesAgreeWithGenderAndNumber) {
    const Dictionary* colors = Catalog()->FindDictionary("colors");
    ASSERT_NE(colors, nullptr);
    const DictionaryEntry* black = colors->Find("чёрный");
    ASSERT_NE(black, nullptr);
    ASSERT_TRUE(black->ru_forms);
    EXPECT_EQ(ru::Agree(*black->ru_forms, ru::Gender::kMasculine), "черный");
    EXPECT_EQ(ru::Agree(*black->ru_forms, ru::Gender::kFeminine), "черная");
    EXPECT_EQ(ru::Agree(*black->ru_forms, ru::Gender::kNeuter), "черное");
    EXPECT_EQ(ru::Agree(*black->ru_forms, ru::Gender::kPlural), "черные");
    const DictionaryEntry* blue = colors->Find("blue");
    EXPECT_EQ(ru::Agree(*blue->ru_forms, ru::Gender::kFeminine), "синяя");
    EXPECT_EQ(ru::Agree(*blue->ru_forms, ru::Gender::kNeuter), "синее");
    const Dictionary* genders = Catalog()->FindDictionary("genders");
    EXPECT_EQ(ru::Agree(*genders->Find("male")->ru_forms, ru::Gender::kPlural), "мужские");
}

// Titles agree with the product-type noun: m (смартфон), f (футболка), n (худи, кресло), pl (кроссовки).
TEST(Russian, GeneratedTitlesAgreeWithTheNoun) {
    OfflineContentEngine engine(Catalog());
    auto title = [&](const std::string& golden) {
        auto cards = engine.WriteAll(Golden(golden));
        EXPECT_TRUE(cards.ok());
        return cards.ok() ? (*cards)[1].texts.at("ru").title : std::string();
    };
    EXPECT_NE(title("phones_xiaomi_redmi_note13").find(", черный"), std::string::npos);
    EXPECT_NE(title("clothing_men_nike_tshirt").find(", черная"), std::string::npos);
    EXPECT_NE(title("clothing_men_lcw_hoodie").find(", серое"), std::string::npos);
    EXPECT_NE(title("furniture_chairman_696").find(", черное"), std::string::npos);
    EXPECT_NE(title("shoes_skechers_gowalk6").find(", мужские, черные"), std::string::npos);
    EXPECT_NE(title("headphones_samsung_buds_fe").find(", графитовые"), std::string::npos);
}

TEST(Russian, GeneratedNumeralsUseTheRightForm) {
    OfflineContentEngine engine(Catalog());
    auto text_of = [&](const std::string& golden) {
        auto cards = engine.WriteAll(Golden(golden));
        EXPECT_TRUE(cards.ok());
        const auto& t = (*cards)[1].texts.at("ru");  // Wildberries
        return t.title + "\n" + t.description;
    };
    EXPECT_NE(text_of("toys_lego_city_60337").find("764 детали"), std::string::npos);
    EXPECT_NE(text_of("baby_pampers_active_3").find("52 штуки"), std::string::npos);
    EXPECT_NE(text_of("books_bulgakov_master").find("480\u00A0страниц"), std::string::npos);
    EXPECT_NE(text_of("headphones_samsung_buds_fe").find("До 21\u00A0часа"), std::string::npos);
    EXPECT_NE(text_of("headphones_jbl_tune520bt").find("до 57\u00A0часов"), std::string::npos);
    EXPECT_NE(text_of("phones_samsung_a55").find("Гарантия — 12\u00A0месяцев"), std::string::npos);
    EXPECT_NE(text_of("phones_samsung_a55").find("6,6\u00A0дюйма"), std::string::npos);
    EXPECT_NE(text_of("clothing_kids_lcw_tshirt").find("от 4\u00A0лет"), std::string::npos);
}

TEST(Russian, NumberFormatting) {
    EXPECT_EQ(ru::FormatNumber("1.5"), "1,5");
    EXPECT_EQ(ru::FormatNumber("5000"), "5000");
    EXPECT_EQ(ru::FormatNumber("10000"), "10\u202F000");
    EXPECT_EQ(ru::FormatNumber("3245758"), "3\u202F245\u202F758");
    EXPECT_EQ(ru::FormatNumber("10000", false), "10000");
}

// ------------------------------------------------------------------ Uzbek

TEST(Uzbek, NormalisesEveryApostropheVariant) {
    const std::string canonical = "Oʻzbekiston qogʻoz maʼlumot";
    EXPECT_EQ(uz::Normalize("O'zbekiston qog'oz ma'lumot"), canonical);
    EXPECT_EQ(uz::Normalize("O‘zbekiston qog‘oz ma’lumot"), canonical);
    EXPECT_EQ(uz::Normalize("O`zbekiston qog`oz ma`lumot"), canonical);
    EXPECT_EQ(uz::Normalize("Oʼzbekiston qogʼoz maʻlumot"), canonical);  // swapped marks corrected
    EXPECT_EQ(uz::Normalize(canonical), canonical);                      // idempotent
    EXPECT_EQ(uz::Normalize("tog' va bog'"), "togʻ va bogʻ");            // word-final oʻ/gʻ
    EXPECT_EQ(uz::Normalize("'Kino' filmi"), "'Kino' filmi");            // quotes stay quotes
    EXPECT_EQ(uz::Normalize("san'at, e'lon"), "sanʼat, eʼlon");
}

TEST(Uzbek, RendersPerStyle) {
    const std::string canonical = "Oʻzbekiston qogʻoz maʼlumot";
    EXPECT_EQ(uz::Render(canonical, uz::ApostropheStyle::kAscii), "O'zbekiston qog'oz ma'lumot");
    EXPECT_EQ(uz::Render(canonical, uz::ApostropheStyle::kTypographic), "O‘zbekiston qog‘oz ma’lumot");
    EXPECT_EQ(uz::Render(canonical, uz::ApostropheStyle::kModifier), canonical);
    // Round trip from every style back to canonical.
    for (auto style : {uz::ApostropheStyle::kAscii, uz::ApostropheStyle::kTypographic, uz::ApostropheStyle::kModifier}) {
        EXPECT_EQ(uz::Normalize(uz::Render(canonical, style)), canonical);
    }
    EXPECT_EQ(uz::ParseApostropheStyle("ascii"), uz::ApostropheStyle::kAscii);
    EXPECT_FALSE(uz::ParseApostropheStyle("fancy").has_value());
}

TEST(Uzbek, DetectsMixedAndWrongMarks) {
    EXPECT_FALSE(uz::AnalyzeApostrophes("qogʻoz va maʼlumot").Mixed());
    EXPECT_FALSE(uz::AnalyzeApostrophes("qog'oz va ma'lumot").Mixed());
    EXPECT_TRUE(uz::AnalyzeApostrophes("qog'oz va maʼlumot").Mixed());
    EXPECT_TRUE(uz::AnalyzeApostrophes("qog‘oz va ma'lumot").Mixed());
    EXPECT_EQ(uz::WrongMarks("maʻlumot"), std::vector<std::string>{"maʻlumot"});  // ʻ as tutuq
    EXPECT_EQ(uz::WrongMarks("qogʼoz"), std::vector<std::string>{"qogʼoz"});      // ʼ after g
    EXPECT_TRUE(uz::WrongMarks("qogʻoz maʼlumot").empty());
}

TEST(Uzbek, NoPluralAfterNumerals) {
    EXPECT_EQ(uz::PluralAfterNumeral("3 ta ranglar bor"), std::vector<std::string>{"3 ranglar"});
    EXPECT_EQ(uz::PluralAfterNumeral("5 kitoblar"), std::vector<std::string>{"5 kitoblar"});
    EXPECT_TRUE(uz::PluralAfterNumeral("3 ta rang, 5 kitob").empty());
    EXPECT_TRUE(uz::PluralAfterNumeral("12 oy.\nBolalar uchun").empty());  // a new line is not "after"
}

TEST(Uzbek, DataIsStoredCanonically) {
    // Every Uzbek string in the catalogue uses U+02BB / U+02BC, never ASCII or typographic marks.
    for (const auto& key : Catalog()->Keys()) {
        const Category* c = Catalog()->Find(key);
        for (const auto& t : c->types) {
            EXPECT_EQ(t.name.uz, uz::Normalize(t.name.uz)) << key;
            EXPECT_EQ(t.name.uz.find('\''), std::string::npos) << key;
        }
        for (const auto& [block, text] : c->texts) {
            EXPECT_EQ(text.uz.find('\''), std::string::npos) << key << "." << block;
            EXPECT_EQ(text.uz.find("\u2018"), std::string::npos) << key << "." << block;
        }
    }
    EXPECT_EQ(Catalog()->FindDictionary("countries")->Find("UZ")->uz, "Oʻzbekiston");
    EXPECT_EQ(Catalog()->Template("uz", "no"), "yoʻq");
}

TEST(Uzbek, EachMarketplaceGetsItsStyle) {
    OfflineContentEngine engine(Catalog());
    auto cards = engine.WriteAll(Golden("phones_samsung_a55"));
    ASSERT_TRUE(cards.ok());
    for (const auto& c : *cards) {
        if (c.marketplace == Marketplace::kUzum) {
            EXPECT_EQ(c.uz_apostrophe, "ascii");
            const auto& d = c.texts.at("uz").description;
            EXPECT_NE(d.find("Qo'ng'iroqlar"), std::string::npos);
            EXPECT_EQ(d.find("ʻ"), std::string::npos);
            EXPECT_EQ(c.FindCharacteristic("country")->value_uz, "Vyetnam");
        } else if (c.marketplace == Marketplace::kYandex) {
            EXPECT_EQ(c.uz_apostrophe, "typographic");
            EXPECT_NE(c.texts.at("uz").description.find("Qo‘ng‘iroqlar"), std::string::npos);
        } else {
            EXPECT_EQ(c.texts.count("uz"), 0u);  // WB and Ozon take Russian only
        }
        // Slide texts for the image renderer stay canonical.
        for (const auto& s : c.slides) {
            EXPECT_EQ(s.text.at("uz").headline.find('\''), std::string::npos);
        }
    }
}

TEST(Uzbek, UzumStyleIsConfigurable) {
    OfflineEngineOptions options;
    options.uz_apostrophe[Marketplace::kUzum] = uz::ApostropheStyle::kModifier;
    OfflineContentEngine engine(Catalog(), options);
    auto cards = engine.WriteAll(Golden("phones_samsung_a55"));
    ASSERT_TRUE(cards.ok());
    const auto& uzum = (*cards)[0];
    ASSERT_EQ(uzum.marketplace, Marketplace::kUzum);
    EXPECT_EQ(uzum.uz_apostrophe, "modifier");
    EXPECT_NE(uzum.texts.at("uz").description.find("Qoʻngʻiroqlar"), std::string::npos);
    // The checker accepts the configured style as consistent.
    QualityChecker checker(Catalog(), testutil::Rules());
    EXPECT_FALSE(checker.Check(Golden("phones_samsung_a55"), uzum, Marketplace::kUzum).Has("R-L-3"));
}

TEST(Uzbek, SellerSpellingsAreNormalisedOnInput) {
    // The seller typed "qora" and "Xitoy" with no dictionary key; a typographic apostrophe in free text
    // ("g‘ilof") comes out in Uzum's ASCII style, never mixed.
    OfflineContentEngine engine(Catalog());
    auto cards = engine.WriteAll(Golden("phones_xiaomi_redmi_note13"));
    ASSERT_TRUE(cards.ok());
    const auto& uzum = (*cards)[0];
    EXPECT_EQ(uzum.FindCharacteristic("color")->value, "черный");
    EXPECT_EQ(uzum.FindCharacteristic("color")->value_uz, "qora");
    EXPECT_NE(uzum.texts.at("uz").description.find("g'ilof"), std::string::npos);
    EXPECT_FALSE(uz::AnalyzeApostrophes(uzum.texts.at("uz").description).Mixed());
}

}  // namespace
}  // namespace by::ai
