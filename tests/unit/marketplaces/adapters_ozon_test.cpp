// Ozon adapter: import item mapping (mm/g with explicit units, decimal prices with currency_code,
// dictionary attributes, video complex attribute), one import per batch, lookup before publishing, polling
// import/info then info/list, the rate-limit error, redaction and the spec contract of every body.
#include <gtest/gtest.h>

#include "marketplaces/common/mapping.hpp"
#include "marketplaces/ozon/ozon_adapter.hpp"
#include "marketplaces/ozon/ozon_payload.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using testing::FakeHttp;
using testing::JsonAnswer;
using testing::Recorded;

const char* kClientId = "123456";
const char* kApiKey = "ozon-api-key-0f1e2d3c4b5a";

std::vector<ozon::Attribute> SampleAttributes() {
    return {{85, "Бренд", "String", false, true, 28732849, 1},
            {9048, "Название модели (для объединения в одну карточку)", "String", false, true, 0, 1},
            {10096, "Цвет товара", "String", true, false, 1495, 0},
            {4389, "Страна-изготовитель", "String", true, false, 1935, 0},
            {4191, "Аннотация", "String", false, false, 0, 1},
            {4180, "Название", "String", false, false, 0, 1}};
}

ozon::Dictionaries SampleDicts() {
    return {{85, {{970000001, "BiznesYordam Demo"}, {126745801, "Нет бренда"}}},
            {10096, {{61574, "черный"}, {61571, "белый"}}},
            {4389, {{90297, "Китай"}}}};
}

PublishItem OzonItem(const std::string& sku) {
    auto it = testing::SampleItem(sku);
    it.category = {{"id", 17028929}, {"type_id", 504866264}, {"name", "Наушники"}};
    return it;
}

TEST(OzonPayload, MapsUnitsPricesAndDictionaryAttributes) {
    auto item = OzonItem("SKU-1");
    auto r = ozon::BuildImportItem(item, 17028929, 504866264, SampleAttributes(), SampleDicts(), OzonConfig{});
    ASSERT_TRUE(r.ok()) << r.error().message;
    const json& j = *r;
    EXPECT_EQ(j["offer_id"], "SKU-1");
    EXPECT_EQ(j["description_category_id"], 17028929);
    EXPECT_EQ(j["type_id"], 504866264);
    EXPECT_EQ(j["price"], "2599.00");
    EXPECT_EQ(j["currency_code"], "RUB");
    EXPECT_EQ(j["depth"], 182);  // 18.2 cm -> 182 mm
    EXPECT_EQ(j["width"], 150);
    EXPECT_EQ(j["height"], 70);
    EXPECT_EQ(j["dimension_unit"], "mm");
    EXPECT_EQ(j["weight"], 320);
    EXPECT_EQ(j["weight_unit"], "g");
    EXPECT_EQ(j["images"].size(), 2u);
    EXPECT_EQ(j["primary_image"], "https://assets.example/a/1.jpg");
    std::map<int64_t, json> attrs;
    for (const auto& a : j["attributes"]) {
        attrs[a["id"].get<int64_t>()] = a["values"];
    }
    EXPECT_EQ(attrs[85][0]["dictionary_value_id"], 970000001);
    EXPECT_EQ(attrs[10096][0], json({{"dictionary_value_id", 61574}, {"value", "черный"}}));
    EXPECT_EQ(attrs[4389][0]["dictionary_value_id"], 90297);
    EXPECT_EQ(attrs[9048][0]["value"], "X1");
    EXPECT_EQ(attrs[4180][0]["value"], "Наушники BiznesYordam Demo X1 беспроводные, черные");
    EXPECT_NE(attrs[4191][0]["value"].get<std::string>().find("шумоподавлением"), std::string::npos);
    ASSERT_TRUE(j.contains("complex_attributes"));
    EXPECT_EQ(j["complex_attributes"][0]["attributes"][0]["complex_id"], 100001);
    EXPECT_EQ(j["complex_attributes"][0]["attributes"][0]["id"], 21841);
}

TEST(OzonPayload, RefusesWhatOzonWouldRefuse) {
    auto attrs = SampleAttributes();
    auto item = OzonItem(std::string(51, 's'));
    EXPECT_FALSE(ozon::BuildImportItem(item, 1, 2, attrs, SampleDicts(), {}).ok());  // offer_id <= 50
    item = OzonItem("SKU-1");
    item.product.brand = "Unknown Brand";
    auto r = ozon::BuildImportItem(item, 1, 2, attrs, SampleDicts(), {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_NE(r.error().message.find("«Бренд»"), std::string::npos);
    item = OzonItem("SKU-1");
    item.image_urls.clear();
    EXPECT_FALSE(ozon::BuildImportItem(item, 1, 2, attrs, SampleDicts(), {}).ok());
    item = OzonItem("SKU-1");
    item.product.attributes["package_height_cm"] = 0;
    EXPECT_FALSE(ozon::BuildImportItem(item, 1, 2, attrs, SampleDicts(), {}).ok());  // never 0
    item = OzonItem("SKU-1");
    item.product.price = {100, "UZS"};
    EXPECT_FALSE(ozon::BuildImportItem(item, 1, 2, attrs, SampleDicts(), {}).ok());
}

TEST(OzonPayload, ParsesStatesAndReasons) {
    json info = {{"items", json::array({{{"offer_id", "A"}, {"id", 1}, {"sku", 11},
                                         {"statuses", {{"is_created", true}, {"moderate_status", "approved"}, {"status", "price_sent"}}}},
                                        {{"offer_id", "B"}, {"id", 2},
                                         {"statuses", {{"moderate_status", "declined"}, {"status", "failed_moderation"}}},
                                         {"errors", json::array({{{"level", "ERROR_LEVEL_ERROR"},
                                                                  {"texts", {{"attribute_name", "Цвет"}, {"message", "Недопустимое значение"}}}}})}},
                                        {{"offer_id", "C"}, {"id", 3}, {"statuses", {{"moderate_status", "moderating"}}}}})}};
    auto s = ozon::ParseInfoList(info);
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0].state, PublishState::kLive);
    EXPECT_EQ(s[0].sku, 11);
    EXPECT_EQ(s[1].state, PublishState::kRejected);
    EXPECT_EQ(s[1].reasons[0], "Цвет: Недопустимое значение");
    EXPECT_EQ(s[2].state, PublishState::kModeration);
}

struct FakeOzon {
    FakeHttp http;
    std::map<std::string, int64_t> products;  // offer_id -> product_id
    std::map<std::string, std::string> import_status;
    std::map<std::string, std::string> moderation;
    int64_t next_task = 500;

    FakeOzon() {
        http.On("POST", "/v1/roles", [](const Recorded&) { return JsonAnswer(200, {{"roles", json::array()}}); });
        http.On("POST", "/v1/description-category/attribute", [](const Recorded&) {
            json result = json::array();
            for (const auto& a : SampleAttributes()) {
                result.push_back({{"id", a.id}, {"name", a.name}, {"type", a.type}, {"is_collection", a.is_collection},
                                  {"is_required", a.is_required}, {"dictionary_id", a.dictionary_id},
                                  {"max_value_count", a.max_value_count}});
            }
            return JsonAnswer(200, {{"result", result}});
        });
        http.On("POST", "/v1/description-category/attribute/values", [](const Recorded& r) {
            int64_t attr = json::parse(r.body)["attribute_id"];
            json result = json::array();
            auto dicts = SampleDicts();
            for (const auto& v : dicts[attr]) {
                result.push_back({{"id", v.id}, {"value", v.value}});
            }
            return JsonAnswer(200, {{"result", result}, {"has_next", false}});
        });
        http.On("POST", "/v3/product/list", [this](const Recorded& r) {
            json items = json::array();
            json parsed_ = json::parse(r.body);
            for (const auto& id : parsed_["filter"]["offer_id"]) {
                if (products.count(id)) {
                    items.push_back({{"offer_id", id}, {"product_id", products[id]}});
                }
            }
            return JsonAnswer(200, {{"result", {{"items", items}, {"total", items.size()}, {"last_id", ""}}}});
        });
        http.On("POST", "/v3/product/import", [this](const Recorded& r) {
            json parsed_ = json::parse(r.body);
            for (const auto& it : parsed_["items"]) {
                import_status[it["offer_id"]] = "pending";
            }
            return JsonAnswer(200, {{"result", {{"task_id", next_task++}}}});
        });
        http.On("POST", "/v1/product/import/info", [this](const Recorded&) {
            json items = json::array();
            for (const auto& [offer, st] : import_status) {
                json e = json::array();
                if (st == "failed") {
                    e.push_back({{"code", "bad_image"}, {"message", "Изображение недоступно"}, {"level", "error"}});
                }
                items.push_back({{"offer_id", offer}, {"product_id", products.count(offer) ? products[offer] : 0},
                                 {"status", st}, {"errors", e}});
            }
            return JsonAnswer(200, {{"result", {{"items", items}, {"total", items.size()}}}});
        });
        http.On("POST", "/v3/product/info/list", [this](const Recorded& r) {
            json items = json::array();
            json parsed_ = json::parse(r.body);
            for (const auto& id : parsed_["offer_id"]) {
                std::string m = moderation.count(id) ? moderation[id] : "moderating";
                items.push_back({{"offer_id", id}, {"id", products[id]}, {"sku", products[id] + 1000},
                                 {"statuses", {{"is_created", m == "approved"}, {"moderate_status", m},
                                               {"status", m == "approved" ? "price_sent" : "moderating"}}}});
            }
            return JsonAnswer(200, {{"items", items}});
        });
        http.On("POST", "/v1/product/import/prices", [](const Recorded& r) {
            json j = json::parse(r.body);
            return JsonAnswer(200, {{"result", json::array({{{"offer_id", j["prices"][0]["offer_id"]}, {"updated", true}, {"errors", json::array()}}})}});
        });
        http.On("POST", "/v1/warehouse/list",
                [](const Recorded&) { return JsonAnswer(200, {{"result", json::array({{{"warehouse_id", 777}, {"name", "FBS"}}})}}); });
        http.On("POST", "/v2/products/stocks", [](const Recorded& r) {
            json j = json::parse(r.body);
            return JsonAnswer(200, {{"result", json::array({{{"offer_id", j["stocks"][0]["offer_id"]}, {"updated", true}, {"errors", json::array()}}})}});
        });
        http.On("POST", "/v3/posting/fbs/list", [](const Recorded&) {
            return JsonAnswer(200, {{"result", {{"has_next", false},
                                                {"postings", json::array({{{"posting_number", "0001-1"}, {"status", "awaiting_packaging"},
                                                                           {"in_process_at", "2025-06-15T10:00:00Z"},
                                                                           {"products", json::array({{{"offer_id", "SKU-1"}, {"quantity", 2}}})}}})}}}});
        });
    }
    void FinishImport(const std::string& failing = "") {
        int64_t id = 9000;
        for (auto& [offer, st] : import_status) {
            st = offer == failing ? "failed" : "imported";
            if (st == "imported") {
                products[offer] = id++;
            }
        }
    }
};

struct OzonFixture : ::testing::Test {
    testing::FakeClock clock;
    testing::ClockSleeper sleeper{clock};
    TokenBucketRateLimiter limiter{clock};
    FakeOzon oz;
    AdapterConfig cfg;
    AdapterPtr adapter;
    vault::FieldMap creds = testing::Creds({{"client_id", kClientId}, {"api_key", kApiKey}});
    void SetUp() override {
        cfg.ozon.base_url = "http://ozon.test";
        cfg.max_inline_wait_ms = 120000;
        adapter = MakeOzonAdapter(cfg, oz.http, limiter, clock, sleeper);
    }
    std::vector<PublishItem> Items(int n, const std::string& prefix = "SKU-") {
        std::vector<PublishItem> items;
        for (int i = 0; i < n; ++i) {
            items.push_back(OzonItem(prefix + std::to_string(i)));
        }
        return items;
    }
};

TEST_F(OzonFixture, OneImportPerBatchThenPollToLiveOrRejected) {
    auto out = adapter->Publish(Items(10), creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(oz.http.Count("POST", "/v3/product/import"), 1u);
    EXPECT_EQ(oz.http.Count("POST", "/v3/product/list"), 1u);
    EXPECT_EQ(json::parse(oz.http.Calls("POST", "/v3/product/import")[0].body)["items"].size(), 10u);
    for (const auto& o : *out) {
        EXPECT_EQ(o.state, PublishState::kSubmitted);
        EXPECT_TRUE(o.created);
        EXPECT_EQ(o.task_ref.rfind("500/", 0), 0u);
    }
    auto p0 = adapter->Poll(*out, creds);
    ASSERT_TRUE(p0.ok());
    EXPECT_EQ((*p0)[0].state, PublishState::kSubmitted);  // still pending
    oz.FinishImport("SKU-3");
    oz.moderation["SKU-0"] = "approved";
    oz.moderation["SKU-1"] = "approved";
    auto p1 = adapter->Poll(*p0, creds);
    ASSERT_TRUE(p1.ok()) << p1.error().message;
    EXPECT_EQ(oz.http.Count("POST", "/v1/product/import/info"), 2u);  // one per task per poll
    EXPECT_EQ((*p1)[0].state, PublishState::kLive);
    EXPECT_EQ((*p1)[0].public_url, "https://www.ozon.ru/context/detail/id/10000");
    EXPECT_EQ((*p1)[2].state, PublishState::kModeration);
    EXPECT_EQ((*p1)[3].state, PublishState::kRejected);
    EXPECT_EQ((*p1)[3].reasons[0], "Изображение недоступно");
    EXPECT_FALSE((*p1)[0].marketplace_ref.empty());
}

TEST_F(OzonFixture, ExistingOfferIsUpdatedNotDuplicated) {
    oz.products["SKU-0"] = 4242;
    auto out = adapter->Publish(Items(2), creds);
    ASSERT_TRUE(out.ok());
    EXPECT_FALSE((*out)[0].created);
    EXPECT_EQ((*out)[0].marketplace_ref, "4242");
    EXPECT_TRUE((*out)[1].created);
}

TEST_F(OzonFixture, RequestsPerCardFallWithBatchSize) {
    double prev = 1e9;
    for (int n : {1, 10, 100}) {
        FakeOzon fresh;
        auto a = MakeOzonAdapter(cfg, fresh.http, limiter, clock, sleeper);
        auto out = a->Publish(Items(n, "B" + std::to_string(n) + "-"), creds);
        ASSERT_TRUE(out.ok());
        fresh.FinishImport();
        for (auto& [offer, id] : fresh.products) {
            fresh.moderation[offer] = "approved";
        }
        auto p = a->Poll(*out, creds);
        ASSERT_TRUE(p.ok());
        for (const auto& o : *p) {
            ASSERT_EQ(o.state, PublishState::kLive);
        }
        double per = static_cast<double>(fresh.http.calls.size()) / n;
        std::printf("ozon batch %d: %zu requests, %.2f per card\n", n, fresh.http.calls.size(), per);
        EXPECT_LT(per, prev);
        prev = per;
    }
    EXPECT_LT(prev, 0.1);
}

TEST_F(OzonFixture, PriceStockOrders) {
    oz.products["SKU-1"] = 4242;
    ASSERT_TRUE(adapter->UpdatePrice("SKU-1", "4242", {150050, "RUB"}, creds).ok());
    json price = json::parse(oz.http.Calls("POST", "/v1/product/import/prices")[0].body);
    EXPECT_EQ(price["prices"][0]["price"], "1500.50");
    EXPECT_EQ(price["prices"][0]["currency_code"], "RUB");
    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "", 5, creds).ok());  // product_id looked up
    json stock = json::parse(oz.http.Calls("POST", "/v2/products/stocks")[0].body);
    EXPECT_EQ(stock["stocks"][0]["product_id"], 4242);
    EXPECT_EQ(stock["stocks"][0]["warehouse_id"], 777);
    EXPECT_EQ(stock["stocks"][0]["stock"], 5);
    auto orders = adapter->ListOrders(0, creds);
    ASSERT_TRUE(orders.ok());
    ASSERT_EQ(orders->size(), 1u);
    EXPECT_EQ((*orders)[0].order_id, "0001-1");
    EXPECT_EQ((*orders)[0].quantity, 2);
}

// Ozon takes one stock update per product-warehouse pair every 30 s (TOO_MANY_REQUESTS otherwise): the
// second update of a SKU waits its turn; another SKU does not wait for it.
TEST_F(OzonFixture, StockOfOneItemAtMostEvery30Seconds) {
    oz.products["SKU-1"] = 4242;
    oz.products["SKU-2"] = 4243;
    int64_t t0 = clock.NowMs();
    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "4242", 5, creds).ok());
    ASSERT_TRUE(adapter->UpdateStock("SKU-2", "4243", 5, creds).ok());
    EXPECT_LT(clock.NowMs() - t0, 1000);
    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "4242", 4, creds).ok());
    EXPECT_GE(clock.NowMs() - t0, 30000);
    EXPECT_EQ(oz.http.Calls("POST", "/v2/products/stocks").size(), 3u);
}

TEST_F(OzonFixture, PerItemPriceErrorIsPermanentAndRateLimitErrorIsTransient) {
    FakeHttp http;
    http.On("POST", "/v1/product/import/prices", [](const Recorded&) {
        return JsonAnswer(200, {{"result", json::array({{{"offer_id", "SKU-1"}, {"updated", false},
                                                         {"errors", json::array({{{"code", "PRICE_TOO_LOW"}, {"message", "цена ниже минимальной"}}})}}})}});
    });
    http.On("POST", "/v2/products/stocks", [](const Recorded&) {
        return JsonAnswer(429, {{"code", 8}, {"message", "You have reached request rate limit per second"}});
    });
    auto a = MakeOzonAdapter(cfg, http, limiter, clock, sleeper);
    auto p = a->UpdatePrice("SKU-1", "1", {100, "RUB"}, creds);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_NE(p.error().message.find("цена ниже минимальной"), std::string::npos);
    cfg.ozon.warehouse_id = 1;
    auto b = MakeOzonAdapter(cfg, http, limiter, clock, sleeper);
    auto s = b->UpdateStock("SKU-1", "1", 5, creds);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, core::ErrorCode::kRateLimited);
    EXPECT_GT(s.error().retry_after_ms, 0);
}

TEST_F(OzonFixture, VerifyAndRedaction) {
    testing::LogCapture logs;
    FakeHttp http;
    http.On("POST", "/v1/roles", [](const Recorded& r) {
        return JsonAnswer(401, {{"code", 16}, {"message", std::string("Invalid Api-Key ") + kApiKey + " for " + kClientId}});
    });
    auto a = MakeOzonAdapter(cfg, http, limiter, clock, sleeper);
    auto v = a->Verify(creds);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok);
    EXPECT_NE(v->message.find("Invalid Api-Key"), std::string::npos);
    EXPECT_EQ(v->message.find(kApiKey), std::string::npos);
    EXPECT_EQ(v->message.find(kClientId), std::string::npos);
    auto pub = a->Publish(Items(1), creds);
    ASSERT_FALSE(pub.ok());
    std::string all = pub.error().ToString() + pub.error().context + logs.Text();
    EXPECT_EQ(all.find(kApiKey), std::string::npos) << all;
    EXPECT_EQ(all.find("0f1e2d3c4b5a"), std::string::npos);
    auto ok = adapter->Verify(creds);
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(ok->ok);
}

TEST_F(OzonFixture, EveryBodySentMatchesTheSpec) {
    oz.products["SKU-1"] = 4242;
    auto out = adapter->Publish(Items(3), creds);
    ASSERT_TRUE(out.ok());
    oz.FinishImport();
    ASSERT_TRUE(adapter->Poll(*out, creds).ok());
    ASSERT_TRUE(adapter->Verify(creds).ok());
    ASSERT_TRUE(adapter->UpdatePrice("SKU-1", "4242", {150050, "RUB"}, creds).ok());
    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "4242", 5, creds).ok());
    ASSERT_TRUE(adapter->ListOrders(0, creds).ok());
    json entries = json::array();
    std::set<std::string> ops;
    for (const auto& c : oz.http.calls) {
        entries.push_back({{"file", "ozon/seller-api-swagger.json"}, {"method", "post"}, {"path", c.path},
                           {"body", json::parse(c.body)}});
        ops.insert(c.path);
    }
    for (const char* op : {"/v3/product/import", "/v1/product/import/info", "/v3/product/info/list", "/v3/product/list",
                           "/v1/description-category/attribute", "/v1/description-category/attribute/values",
                           "/v1/product/import/prices", "/v2/products/stocks", "/v3/posting/fbs/list", "/v1/roles",
                           "/v1/warehouse/list"}) {
        EXPECT_TRUE(ops.count(op)) << op;
    }
    EXPECT_EQ(testing::ValidateContracts(entries), "");
}

}  // namespace
}  // namespace by::marketplaces
