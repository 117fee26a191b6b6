// Notification texts: each event in Uzbek, Russian and English, and Telegram HTML escaping of everything
// that comes from outside (product names, marketplace reasons, error messages, links).
#include <gtest/gtest.h>

#include "fake_bot_api.hpp"
#include "notify/messages.hpp"

namespace by::notify {
namespace {

const nlohmann::json kCard = {{"marketplace", "wildberries"}, {"sku", "AC-X1"}, {"name", "Simsiz quloqchin Acme X1"},
                              {"url", "https://www.wildberries.ru/catalog/123/detail.aspx"}};

TEST(NotifyMessages, EveryEventInThreeLanguages) {
    struct Case {
        const char* event;
        nlohmann::json payload;
        const char* uz;
        const char* ru;
        const char* en;
    };
    nlohmann::json rejected = kCard;
    rejected["reasons"] = {"Фото не соответствует товару"};
    const Case cases[] = {
        {"card_live", kCard, "Kartochka sotuvga chiqdi", "Карточка в продаже", "The card is live"},
        {"card_rejected", rejected, "Marketpleys kartochkani rad etdi", "Маркетплейс отклонил карточку",
         "The marketplace rejected the card"},
        {"credential_failed", {{"marketplace", "ozon"}, {"message", "ozon: Api-Key is invalid"}},
         "Ozon kaliti ishlamayapti", "Ключ Ozon не работает", "The Ozon key does not work"},
        {"stock_low", {{"sku", "AC-X1"}, {"name", "Acme X1"}, {"stock", 3}}, "3 dona qoldi", "осталось 3 шт.", "3 left"},
        {"test", nlohmann::json::object(), "Telegram xabarnomalari ulandi", "уведомления в Telegram подключены",
         "Telegram notifications are connected"},
    };
    for (const auto& c : cases) {
        std::string uz = RenderMessage(c.event, c.payload, Language::kUz);
        std::string ru = RenderMessage(c.event, c.payload, Language::kRu);
        std::string en = RenderMessage(c.event, c.payload, Language::kEn);
        EXPECT_NE(uz.find(c.uz), std::string::npos) << c.event << ": " << uz;
        EXPECT_NE(ru.find(c.ru), std::string::npos) << c.event << ": " << ru;
        EXPECT_NE(en.find(c.en), std::string::npos) << c.event << ": " << en;
        // Each text is in one language only.
        EXPECT_EQ(uz.find(c.ru), std::string::npos) << c.event;
        EXPECT_EQ(en.find(c.uz), std::string::npos) << c.event;
        for (const auto* text : {&uz, &ru, &en}) {
            EXPECT_EQ(testing::TelegramHtmlProblem(*text), "") << *text;
            EXPECT_LE(text->size(), kMaxMessageChars);
        }
    }
    // The product and its SKU are named; the reason is carried over in the marketplace's words.
    std::string ru = RenderMessage("card_rejected", rejected, Language::kRu);
    EXPECT_NE(ru.find("Simsiz quloqchin Acme X1 (SKU AC-X1)"), std::string::npos) << ru;
    EXPECT_NE(ru.find("• Фото не соответствует товару"), std::string::npos) << ru;
    EXPECT_NE(RenderMessage("card_live", kCard, Language::kEn).find(
                  "<a href=\"https://www.wildberries.ru/catalog/123/detail.aspx\">Open the card</a>"),
              std::string::npos);
    EXPECT_NE(RenderMessage("credential_failed", {{"marketplace", "yandex"}}, Language::kRu).find("Яндекс Маркет"),
              std::string::npos);
    // A reason we know is explained in the partner's language, the characteristic named.
    nlohmann::json known = kCard;
    known["reasons"] = {"Не заполнена обязательная характеристика «Цвет»"};
    std::string uz = RenderMessage("card_rejected", known, Language::kUz);
    EXPECT_NE(uz.find("• Majburiy xususiyat toʻldirilmagan: «Цвет»"), std::string::npos) << uz;
    EXPECT_EQ(uz.find("Не заполнена"), std::string::npos) << uz;
}

TEST(NotifyMessages, OutsideTextIsEscapedForHtmlParseMode) {
    EXPECT_EQ(EscapeHtml(R"(a<b>&"c")"), "a&lt;b&gt;&amp;&quot;c&quot;");
    nlohmann::json p = {{"marketplace", "ozon"},
                        {"sku", "<i>SKU</i>"},
                        {"name", "Quloqchin <Pro> & \"X\""},
                        {"reasons", {"<script>alert(1)</script>", "price < 1 & stock > 0"}},
                        {"url", "https://shop.example/p?a=1&b=\"2\""},
                        {"message", "401 <html>Unauthorized</html>"},
                        {"stock", 1}};
    for (const char* event : {"card_live", "card_rejected", "credential_failed", "stock_low"}) {
        for (Language lang : {Language::kUz, Language::kRu, Language::kEn}) {
            std::string text = RenderMessage(event, p, lang);
            EXPECT_EQ(testing::TelegramHtmlProblem(text), "") << event << ": " << text;
            EXPECT_EQ(text.find("<script>"), std::string::npos);
            EXPECT_EQ(text.find("<Pro>"), std::string::npos);
            EXPECT_EQ(text.find("<i>"), std::string::npos);
            EXPECT_EQ(text.find("<html>"), std::string::npos);
        }
    }
    std::string rejected = RenderMessage("card_rejected", p, Language::kEn);
    EXPECT_NE(rejected.find("Quloqchin &lt;Pro&gt; &amp; &quot;X&quot;"), std::string::npos) << rejected;
    EXPECT_NE(rejected.find("• &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << rejected;
    EXPECT_NE(rejected.find("• price &lt; 1 &amp; stock &gt; 0"), std::string::npos) << rejected;
    std::string live = RenderMessage("card_live", p, Language::kEn);
    EXPECT_NE(live.find("href=\"https://shop.example/p?a=1&amp;b=&quot;2&quot;\""), std::string::npos) << live;
    // Only web links become links.
    nlohmann::json js = kCard;
    js["url"] = "javascript:alert(1)";
    EXPECT_EQ(RenderMessage("card_live", js, Language::kUz).find("href"), std::string::npos);
}

TEST(NotifyMessages, LongReasonsAreCutToFitTelegramsLimit) {
    nlohmann::json p = kCard;
    p["name"] = std::string(5000, 'N');
    p["reasons"] = nlohmann::json::array();
    for (int i = 0; i < 50; ++i) p["reasons"].push_back("причина " + std::to_string(i) + " " + std::string(2000, 'z'));
    for (Language lang : {Language::kUz, Language::kRu, Language::kEn}) {
        std::string text = RenderMessage("card_rejected", p, lang);
        EXPECT_LE(text.size(), kMaxMessageChars);
        EXPECT_EQ(testing::TelegramHtmlProblem(text), "");
        EXPECT_NE(text.find("причина 9 "), std::string::npos);
        EXPECT_EQ(text.find("причина 10 "), std::string::npos);  // ten reasons shown, the rest counted
        EXPECT_NE(text.find("(+40)"), std::string::npos);
        EXPECT_NE(text.find("…"), std::string::npos);
    }
    // Rejected with no reason given.
    nlohmann::json none = kCard;
    EXPECT_NE(RenderMessage("card_rejected", none, Language::kUz).find("sababini aytmadi"), std::string::npos);
    // A Cyrillic cut never splits a character.
    nlohmann::json cyr = kCard;
    std::string zh;
    for (int i = 0; i < 400; ++i) zh += "ж";
    cyr["reasons"] = {zh};
    std::string cut = RenderMessage("card_rejected", cyr, Language::kRu);
    EXPECT_NE(cut.find(zh.substr(0, 600) + "…"), std::string::npos);  // 300 characters of 2 bytes
    EXPECT_EQ(cut.find(zh.substr(0, 602)), std::string::npos);
}

TEST(NotifyMessages, Languages) {
    EXPECT_EQ(ParseLanguage("uz"), Language::kUz);
    EXPECT_EQ(ParseLanguage("ru"), Language::kRu);
    EXPECT_EQ(ParseLanguage("en"), Language::kEn);
    EXPECT_FALSE(ParseLanguage("de").has_value());
    EXPECT_FALSE(ParseLanguage("").has_value());
    EXPECT_EQ(LanguageCode(Language::kRu), "ru");
}

}  // namespace
}  // namespace by::notify
