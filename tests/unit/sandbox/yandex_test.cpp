// Yandex Market imitation: Api-Key auth, campaigns, categories, offer-mappings limits and per-offer
// errors, moderation to ready or rejected, offerId never reused, Uzbek texts, 420 limits, prices,
// stocks and orders.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "fixture.hpp"

namespace by::sandbox::test {
namespace {

class YandexTest : public SandboxTest {
  protected:
    void SetUp() override {
        SandboxTest::SetUp();
        media.Put("/p.jpg", MakeJpeg(1000, 1000), "image/jpeg");
        media.Put("/v.mp4", MakeMp4(), "video/mp4");
        media.Put("/page", "<html></html>", "text/html");
    }
    std::string Biz(const SellerAccount& s, const std::string& rest) {
        return "/v2/businesses/" + std::to_string(s.yandex_business_id) + rest;
    }
    json Offer(const std::string& id) {
        return {{"offerId", id},
                {"name", "Смартфон Demo 128 ГБ черный"},
                {"marketCategoryId", 91491},
                {"pictures", {media.Url("/p.jpg")}},
                {"videos", {media.Url("/v.mp4")}},
                {"vendor", "Demo"},
                {"description", "Смартфон с большим экраном"},
                {"parameterValues", {{{"parameterId", 14871214}, {"valueId", 14896255}}}},
                {"basicPrice", {{"value", 18990}, {"currencyId", "RUR"}}}};
    }
    json Update(const std::vector<json>& offers, const SellerAccount& s, int* status = nullptr, const std::string& query = "",
                api::HttpResponse* raw = nullptr) {
        json list = json::array();
        for (const auto& o : offers) {
            list.push_back({{"offer", o}});
        }
        return DoJson("yandex", {"POST", Biz(s, "/offer-mappings/update" + query), {{"offerMappings", list}}, "", Ya(s)}, status,
                      raw);
    }
    json Card(const std::string& id, const SellerAccount& s) {
        json r = DoJson("yandex", {"POST", Biz(s, "/offer-cards"), {{"offerIds", {id}}}, "", Ya(s)});
        return r["result"]["offerCards"].empty() ? json() : r["result"]["offerCards"][0];
    }
    json Mapping(const std::string& id, const SellerAccount& s, const std::string& query = "") {
        json r = DoJson("yandex", {"POST", Biz(s, "/offer-mappings" + query), {{"offerIds", {id}}}, "", Ya(s)});
        return r["result"]["offerMappings"].empty() ? json() : r["result"]["offerMappings"][0];
    }
    MediaServer media;
};

TEST_F(YandexTest, ApiKeyAndOwnershipAreChecked) {
    int status = 0;
    json j = DoJson("yandex", {"GET", "/v2/campaigns"}, &status);
    EXPECT_EQ(status, 401);
    EXPECT_EQ(j["status"], "ERROR");
    EXPECT_EQ(j["errors"][0]["code"], "UNAUTHORIZED");
    DoJson("yandex", {"GET", "/v2/campaigns", nullptr, "", {{"Api-Key", "wrong"}}}, &status);
    EXPECT_EQ(status, 401);
    j = DoJson("yandex", {"GET", "/v2/campaigns", nullptr, "", Ya(s1)}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(j["campaigns"][0]["id"], s1.yandex_campaign_id);
    EXPECT_EQ(j["campaigns"][0]["business"]["id"], s1.yandex_business_id);
    j = DoJson("yandex", {"POST", Biz(s2, "/offer-cards"), json::object(), "", Ya(s1)}, &status);
    EXPECT_EQ(status, 403);
    EXPECT_EQ(j["errors"][0]["code"], "FORBIDDEN");
}

TEST_F(YandexTest, CategoriesAndParameters) {
    json tree = DoJson("yandex", {"POST", "/v2/categories/tree", {{"language", "RU"}}, "", Ya(s1)});
    EXPECT_EQ(tree["status"], "OK");
    EXPECT_NE(tree.dump().find("91491"), std::string::npos);
    json params = DoJson("yandex", {"POST", "/v2/category/91491/parameters", json::object(), "", Ya(s1)});
    EXPECT_EQ(params["result"]["categoryId"], 91491);
    EXPECT_FALSE(params["result"]["parameters"].empty());
    int status = 0;
    json j = DoJson("yandex", {"POST", "/v2/category/198119/parameters", json::object(), "", Ya(s1)}, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(j["errors"][0]["code"], "INVALID_CATEGORY");
}

// Every leaf has parameters of its own kind of product; headphones need their form, phones do not.
TEST_F(YandexTest, LeavesHaveTheirOwnParameters) {
    json tree = DoJson("yandex", {"POST", "/v2/categories/tree", {{"language", "RU"}}, "", Ya(s1)});
    int64_t headphones = 0;
    std::function<void(const json&)> walk = [&](const json& n) {
        if (n.value("name", "") == "Наушники и Bluetooth-гарнитуры" && !n.contains("children")) {
            headphones = n["id"];
        }
        for (const auto& c : n.value("children", json::array())) {
            walk(c);
        }
    };
    walk(tree["result"]);
    ASSERT_NE(headphones, 0);
    auto required = [&](int64_t category) {
        std::set<std::string> out;
        json params = DoJson("yandex", {"POST", "/v2/category/" + std::to_string(category) + "/parameters", json::object(), "",
                                        Ya(s1)});
        for (const auto& p : params["result"]["parameters"]) {
            if (p["required"] == true) {
                out.insert(p["name"]);
            }
        }
        return out;
    };
    EXPECT_EQ(required(headphones), (std::set<std::string>{"Цвет товара", "Тип наушников"}));
    EXPECT_EQ(required(91491), (std::set<std::string>{"Цвет товара"}));  // core only: see catalog.hpp
    json o = Offer("HP-1");
    o["marketCategoryId"] = headphones;  // the colour alone is not enough here
    Update({o}, s1);
    clock.Advance(delay_ms);
    EXPECT_NE(Card("HP-1", s1).dump().find("«Тип наушников»"), std::string::npos);
}

TEST_F(YandexTest, SchemaLimitsAnswer400) {
    int status = 0;
    json o = Offer("LIM-1");
    o["name"] = std::string(257, 'n');
    Update({o}, s1, &status);
    EXPECT_EQ(status, 400);
    o = Offer("LIM-1");
    o["description"] = std::string(6001, 'd');
    json j = Update({o}, s1, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(j["errors"][0]["code"], "BAD_REQUEST");
    Update({Offer(std::string(256, 'i'))}, s1, &status);
    EXPECT_EQ(status, 400);
    o = Offer("LIM-1");
    o["pictures"] = json::array();
    for (int i = 0; i < 31; ++i) {
        o["pictures"].push_back(media.Url("/p.jpg"));
    }
    Update({o}, s1, &status);
    EXPECT_EQ(status, 400);
    o = Offer("LIM-1");
    o["videos"] = {media.Url("/v.mp4"), media.Url("/v.mp4"), media.Url("/v.mp4"), media.Url("/v.mp4"),
                   media.Url("/v.mp4"), media.Url("/v.mp4"), media.Url("/v.mp4")};
    Update({o}, s1, &status);
    EXPECT_EQ(status, 400);
    std::vector<json> many;
    for (int i = 0; i < 501; ++i) {
        many.push_back(Offer("MANY-" + std::to_string(i)));
    }
    Update(many, s1, &status);
    EXPECT_EQ(status, 400);
    o = Offer("LIM-NEW");
    o.erase("vendor");
    j = Update({o}, s1, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(j["errors"][0]["code"], "NO_REQUIRED_FIELDS");
    j = Update({Offer("DUP"), Offer("DUP")}, s1, &status);
    EXPECT_EQ(j["errors"][0]["code"], "DUPLICATE_OFFER");
}

TEST_F(YandexTest, CatalogErrorsStopTheWholeRequest) {
    json unknown = Offer("CAT-1");
    unknown["marketCategoryId"] = 123;
    json bad_param = Offer("CAT-2");
    bad_param["parameterValues"].push_back({{"parameterId", 999}, {"value", "x"}});
    bad_param["parameterValues"].push_back({{"parameterId", 23674510}, {"value", "много"}});
    int status = 0;
    json j = Update({unknown, bad_param, Offer("CAT-3")}, s1, &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(j["status"], "ERROR");
    EXPECT_EQ(j["results"][0]["errors"][0]["type"], "UNKNOWN_CATEGORY");
    EXPECT_EQ(j["results"][1]["errors"][0]["type"], "UNKNOWN_PARAMETER");
    EXPECT_EQ(j["results"][1]["errors"][1]["type"], "NUMBER_FORMAT");
    EXPECT_TRUE(Card("CAT-3", s1).is_null());  // nothing applied
}

TEST_F(YandexTest, ModerationEndsReadyThenPublishedWithStock) {
    int status = 0;
    json j = Update({Offer("MOD-1")}, s1, &status);
    ASSERT_EQ(status, 200) << j.dump();
    EXPECT_EQ(j["status"], "OK");
    json card = Card("MOD-1", s1);
    EXPECT_EQ(card["cardStatus"], "NO_CARD_PROCESSING");
    EXPECT_FALSE(card.contains("mapping"));
    EXPECT_EQ(Mapping("MOD-1", s1)["offer"]["campaigns"][0]["status"], "CHECKING");
    clock.Advance(delay_ms);
    card = Card("MOD-1", s1);
    EXPECT_EQ(card["cardStatus"], "HAS_CARD_CAN_UPDATE");
    EXPECT_GT(card["mapping"]["marketSku"].get<int64_t>(), 0);
    json m = Mapping("MOD-1", s1);
    EXPECT_EQ(m["offer"]["campaigns"][0]["status"], "NO_STOCKS");
    EXPECT_EQ(m["offer"]["mediaFiles"]["pictures"][0]["uploadState"], "UPLOADED");
    EXPECT_EQ(m["offer"]["basicPrice"]["value"], 18990);
    std::string stocks = "/v2/campaigns/" + std::to_string(s1.yandex_campaign_id) + "/offers/stocks";
    DoJson("yandex", {"PUT", stocks, {{"skus", {{{"sku", "MOD-1"}, {"items", {{{"count", 4}}}}}}}}, "", Ya(s1)}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(Mapping("MOD-1", s1)["offer"]["campaigns"][0]["status"], "PUBLISHED");
    json got = DoJson("yandex", {"POST", stocks, {{"offerIds", {"MOD-1"}}}, "", Ya(s1)});
    EXPECT_EQ(got["result"]["warehouses"][0]["offers"][0]["stocks"][0]["count"], 4);
    // An update goes back to moderation but keeps the card.
    json o = Offer("MOD-1");
    o["description"] = "Новое описание";
    Update({o}, s1);
    EXPECT_EQ(Card("MOD-1", s1)["cardStatus"], "HAS_CARD_CAN_UPDATE_PROCESSING");
    json state = DoJson("yandex", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["create"]["seller1/MOD-1"], 1);
    EXPECT_EQ(state["counters"]["update"]["seller1/MOD-1"], 1);
}

TEST_F(YandexTest, ModerationRejectsWithReasons) {
    json bad_media = Offer("REJ-1");
    bad_media["pictures"] = {media.Url("/page")};
    json bad_enum = Offer("REJ-2");
    bad_enum["parameterValues"] = {{{"parameterId", 14871214}, {"valueId", 1}}};
    json missing_required = Offer("REJ-3");
    missing_required.erase("parameterValues");
    Update({bad_media, bad_enum, missing_required}, s1);
    clock.Advance(delay_ms);
    json c1 = Card("REJ-1", s1);
    EXPECT_EQ(c1["cardStatus"], "NO_CARD_ERRORS");
    EXPECT_NE(c1["errors"][0]["message"].get<std::string>().find(media.Url("/page")), std::string::npos);
    EXPECT_NE(Card("REJ-2", s1)["errors"][0]["message"].get<std::string>().find("не из списка"), std::string::npos);
    EXPECT_NE(Card("REJ-3", s1)["errors"][0]["message"].get<std::string>().find("обязательная"), std::string::npos);
    json m = Mapping("REJ-1", s1);
    EXPECT_EQ(m["offer"]["campaigns"][0]["status"], "REJECTED_BY_MARKET");
    EXPECT_EQ(m["offer"]["mediaFiles"]["pictures"][0]["uploadState"], "FAILED");
}

TEST_F(YandexTest, AnOfferIdIsNeverReusedForAnotherProduct) {
    Update({Offer("REUSE-1")}, s1);
    json other = Offer("REUSE-1");
    other["name"] = "Чайник электрический";
    other["marketCategoryId"] = 198119;
    int status = 0;
    json j = Update({other}, s1, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(j["errors"][0]["code"], "INVALID_SHOP_SKU");
    // Renaming the same product is an update.
    json renamed = Offer("REUSE-1");
    renamed["name"] = "Смартфон Demo 128 ГБ черный (2025)";
    Update({renamed}, s1, &status);
    EXPECT_EQ(status, 200);
    // Deleted, then sent again: still refused.
    json del = DoJson("yandex", {"POST", Biz(s1, "/offer-mappings/delete"), {{"offerIds", {"REUSE-1"}}}, "", Ya(s1)}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_FALSE(del["result"].contains("notDeletedOfferIds"));
    j = Update({Offer("REUSE-1")}, s1, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(j["errors"][0]["code"], "INVALID_SHOP_SKU");
}

TEST_F(YandexTest, UzbekTextsGoInASecondCall) {
    int status = 0;
    json uz = {{"offerId", "UZ-1"}, {"name", "Smartfon Demo 128 GB qora"}, {"description", "Katta ekranli smartfon"}};
    json j = Update({uz}, s1, &status, "?language=UZ");
    EXPECT_EQ(status, 400);  // Russian first
    Update({Offer("UZ-1")}, s1);
    Update({uz}, s1, &status, "?language=UZ");
    EXPECT_EQ(status, 200);
    EXPECT_EQ(Mapping("UZ-1", s1, "?language=UZ")["offer"]["name"], "Smartfon Demo 128 GB qora");
    EXPECT_EQ(Mapping("UZ-1", s1)["offer"]["name"], "Смартфон Demo 128 ГБ черный");
}

TEST_F(YandexTest, OverTheResourceLimitAnswers420) {
    int status = 0;
    api::HttpResponse raw;
    for (int i = 0; i < 100; ++i) {
        DoJson("yandex", {"POST", Biz(s1, "/offer-cards"), json::object(), "", Ya(s1)}, &status, &raw);
        ASSERT_EQ(status, 200) << i;
    }
    EXPECT_EQ(raw.GetHeader("X-RateLimit-Resource-Remaining"), "0");
    EXPECT_EQ(raw.GetHeader("X-RateLimit-Resource-Limit"), "100");
    json j = DoJson("yandex", {"POST", Biz(s1, "/offer-cards"), json::object(), "", Ya(s1)}, &status, &raw);
    EXPECT_EQ(status, 420);
    EXPECT_EQ(j["status"], "ERROR");
    EXPECT_EQ(j["errors"][0]["code"], "HIT_RATE_LIMIT");
    EXPECT_FALSE(raw.GetHeader("X-RateLimit-Resource-Until").empty());
    clock.Advance(60000);
    DoJson("yandex", {"POST", Biz(s1, "/offer-cards"), json::object(), "", Ya(s1)}, &status);
    EXPECT_EQ(status, 200);
    json state = DoJson("yandex", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["responses"]["420"], 1);
}

TEST_F(YandexTest, ItemLimitsCountItems) {
    json offers = json::array();
    for (int i = 0; i < 500; ++i) {
        offers.push_back({{"offerId", "P-" + std::to_string(i)}, {"price", {{"value", 100}, {"currencyId", "RUR"}}}});
    }
    int status = 0;
    for (int i = 0; i < 20; ++i) {  // 20 x 500 = the 10,000 items a minute
        DoJson("yandex", {"POST", Biz(s1, "/offer-prices/updates"), {{"offers", offers}}, "", Ya(s1)}, &status);
        ASSERT_NE(status, 420) << i;
    }
    DoJson("yandex", {"POST", Biz(s1, "/offer-prices/updates"), {{"offers", offers}}, "", Ya(s1)}, &status);
    EXPECT_EQ(status, 420);
}

TEST_F(YandexTest, PricesAndOrders) {
    Update({Offer("ORD-1")}, s1);
    int status = 0;
    json j = DoJson("yandex", {"POST", Biz(s1, "/offer-prices/updates"),
                               {{"offers", {{{"offerId", "ORD-1"}, {"price", {{"value", 17990}, {"currencyId", "RUR"},
                                                                              {"discountBase", 19990}}}}}}},
                               "", Ya(s1)},
                    &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(Mapping("ORD-1", s1)["offer"]["basicPrice"]["value"], 17990);
    j = DoJson("yandex", {"POST", Biz(s1, "/offer-prices/updates"),
                          {{"offers", {{{"offerId", "NOPE"}, {"price", {{"value", 1}, {"currencyId", "RUR"}}}}}}}, "", Ya(s1)},
               &status);
    EXPECT_EQ(status, 400);
    DoJson("yandex", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "ORD-1"}, {"quantity", 2}}});
    json orders = DoJson("yandex", {"POST", "/v1/businesses/" + std::to_string(s1.yandex_business_id) + "/orders",
                                    json::object(), "", Ya(s1)});
    ASSERT_EQ(orders["orders"].size(), 1u);
    EXPECT_EQ(orders["orders"][0]["items"][0]["count"], 2);
    EXPECT_EQ(orders["orders"][0]["campaignId"], s1.yandex_campaign_id);
    json camp = DoJson("yandex", {"GET", "/v2/campaigns/" + std::to_string(s1.yandex_campaign_id) + "/orders", nullptr, "",
                                  Ya(s1)});
    ASSERT_EQ(camp["orders"].size(), 1u);
    EXPECT_EQ(camp["orders"][0]["items"][0]["offerId"], "ORD-1");
}

}  // namespace
}  // namespace by::sandbox::test
