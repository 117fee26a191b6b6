// Yandex Market adapter: offer mapping (cm/kg, price value + currencyId, ENUM valueIds, Uzbek texts through
// language=UZ), one update per batch with the ERROR-applies-none retry, lookup before publishing, polling
// offer-mappings and offer-cards, the 420 over-limit answer, redaction and the spec contract of every body.
#include <gtest/gtest.h>

#include "marketplaces/common/mapping.hpp"
#include "marketplaces/yandex/yandex_adapter.hpp"
#include "marketplaces/yandex/yandex_payload.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using testing::FakeHttp;
using testing::JsonAnswer;
using testing::Recorded;

const char* kApiKey = "ya-key-ACDC-0042-9999";

std::vector<yandex::Parameter> SampleParams() {
    yandex::Parameter color{14871214, "Цвет товара", "ENUM", true, false, false, 0, 0, {{14896255, "черный"}, {14896256, "белый"}}};
    yandex::Parameter kit{17693630, "Комплектация", "TEXT", false, true, true, 0, 500, {}};
    yandex::Parameter warranty{15341921, "Гарантийный талон", "BOOLEAN", false, false, false, 0, 0, {}};
    return {color, kit, warranty};
}

PublishItem YaItem(const std::string& sku) {
    auto it = testing::SampleItem(sku, "RUR");
    it.category = {{"id", 91491}, {"name", "Наушники и Bluetooth-гарнитуры"}};
    it.product.attributes["package_contents"] = "наушники, кабель";
    return it;
}

TEST(YandexPayload, MapsUnitsPriceAndParameters) {
    auto r = yandex::BuildOfferMapping(YaItem("SKU-1"), 91491, SampleParams(), YandexConfig{});
    ASSERT_TRUE(r.ok()) << r.error().message;
    const json& o = (*r)["offer"];
    EXPECT_EQ(o["offerId"], "SKU-1");
    EXPECT_EQ(o["marketCategoryId"], 91491);
    EXPECT_EQ(o["vendor"], "BiznesYordam Demo");
    EXPECT_EQ(o["pictures"].size(), 2u);
    EXPECT_EQ(o["videos"][0], "https://assets.example/a/v.mp4");
    EXPECT_DOUBLE_EQ(o["weightDimensions"]["length"].get<double>(), 18.2);  // cm
    EXPECT_DOUBLE_EQ(o["weightDimensions"]["weight"].get<double>(), 0.32);  // kg
    EXPECT_DOUBLE_EQ(o["basicPrice"]["value"].get<double>(), 2599.0);
    EXPECT_EQ(o["basicPrice"]["currencyId"], "RUR");
    json pv = o["parameterValues"];
    ASSERT_EQ(pv.size(), 3u);  // colour + two kit values
    EXPECT_EQ(pv[0], json({{"parameterId", 14871214}, {"valueId", 14896255}, {"value", "черный"}}));
    EXPECT_EQ(pv[1]["value"], "наушники");
    EXPECT_EQ(pv[2]["value"], "кабель");
    auto uz = yandex::BuildUzbekMapping(YaItem("SKU-1"));
    ASSERT_TRUE(uz.has_value());
    EXPECT_EQ((*uz)["offer"]["name"], "BiznesYordam Demo X1 simsiz quloqchin, qora");
}

TEST(YandexPayload, RefusesUnfillableRequiredParameterAndWrongCurrency) {
    auto item = YaItem("SKU-1");
    item.content["characteristics"][0]["value"] = "фиолетовый";
    item.product.attributes["color"] = "фиолетовый";
    auto r = yandex::BuildOfferMapping(item, 91491, SampleParams(), YandexConfig{});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("«Цвет товара»"), std::string::npos);
    auto uzs = YaItem("SKU-1");
    uzs.product.price.currency = "UZS";
    EXPECT_FALSE(yandex::BuildOfferMapping(uzs, 91491, SampleParams(), YandexConfig{}).ok());
    YandexConfig uz_cfg;
    uz_cfg.currency = "UZS";
    auto ok = yandex::BuildOfferMapping(uzs, 91491, SampleParams(), uz_cfg);
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ((*ok)["offer"]["basicPrice"]["currencyId"], "UZS");
}

struct FakeYandex {
    FakeHttp http;
    std::set<std::string> known;                    // offers in the catalogue
    std::map<std::string, std::string> status;      // offer -> campaign status
    std::set<std::string> refuse;                    // offers refused by offer-mappings/update
    FakeYandex() {
        http.On("GET", "/v2/campaigns/{id}", [](const Recorded&) {
            return JsonAnswer(200, {{"campaign", {{"id", 22}, {"business", {{"id", 11}, {"name", "B"}}}}}});
        });
        http.On("POST", "/v2/category/{id}/parameters", [](const Recorded&) {
            json params = json::array();
            for (const auto& p : SampleParams()) {
                json values = json::array();
                for (const auto& v : p.values) {
                    values.push_back({{"id", v.id}, {"value", v.value}});
                }
                params.push_back({{"id", p.id}, {"name", p.name}, {"type", p.type}, {"required", p.required},
                                  {"filtering", false}, {"distinctive", false}, {"multivalue", p.multivalue},
                                  {"allowCustomValues", p.allow_custom}, {"values", values}});
            }
            return JsonAnswer(200, {{"status", "OK"}, {"result", {{"categoryId", 91491}, {"parameters", params}}}});
        });
        http.On("POST", "/v2/businesses/{id}/offer-mappings/update", [this](const Recorded& r) {
            json body = json::parse(r.body);
            json results = json::array();
            bool error = false;
            for (const auto& m : body["offerMappings"]) {
                std::string id = m["offer"]["offerId"];
                if (refuse.count(id)) {
                    error = true;
                    results.push_back({{"offerId", id}, {"errors", json::array({{{"type", "INVALID_CATEGORY"}, {"message", "Категория не подходит"}}})}});
                }
            }
            if (!error && r.query.find("language=UZ") == std::string::npos) {
                for (const auto& m : body["offerMappings"]) {
                    known.insert(m["offer"]["offerId"].get<std::string>());
                    status[m["offer"]["offerId"]] = "CHECKING";
                }
            }
            json answer = {{"status", error ? "ERROR" : "OK"}};
            if (!results.empty()) {
                answer["results"] = results;
            }
            return JsonAnswer(200, answer);
        });
        http.On("POST", "/v2/businesses/{id}/offer-mappings", [this](const Recorded& r) {
            json out = json::array();
            json parsed_ = json::parse(r.body);
            for (const auto& id : parsed_["offerIds"]) {
                if (!known.count(id)) {
                    continue;
                }
                out.push_back({{"offer", {{"offerId", id}, {"cardStatus", "HAS_CARD_CAN_UPDATE"},
                                          {"campaigns", json::array({{{"campaignId", 22}, {"status", status[id]}}})}}},
                               {"mapping", {{"marketSku", 100500}}}});
            }
            return JsonAnswer(200, {{"status", "OK"}, {"result", {{"offerMappings", out}, {"paging", json::object()}}}});
        });
        http.On("POST", "/v2/businesses/{id}/offer-cards", [](const Recorded& r) {
            json cards = json::array();
            json parsed_ = json::parse(r.body);
            for (const auto& id : parsed_["offerIds"]) {
                cards.push_back({{"offerId", id}, {"errors", json::array({{{"message", "Фото не соответствует товару"}}})}});
            }
            return JsonAnswer(200, {{"status", "OK"}, {"result", {{"offerCards", cards}}}});
        });
        http.On("POST", "/v2/businesses/{id}/offer-prices/updates", [](const Recorded&) { return JsonAnswer(200, {{"status", "OK"}}); });
        http.On("PUT", "/v2/campaigns/{id}/offers/stocks", [](const Recorded&) { return JsonAnswer(200, {{"status", "OK"}}); });
        http.On("POST", "/v1/businesses/{id}/orders", [](const Recorded&) {
            return JsonAnswer(200, {{"orders", json::array({{{"orderId", 77}, {"campaignId", 22}, {"status", "PROCESSING"},
                                                             {"creationDate", "2025-06-15T10:00:00Z"},
                                                             {"items", json::array({{{"id", 1}, {"offerId", "SKU-1"}, {"offerName", "x"}, {"count", 3}}})}}})},
                                    {"paging", json::object()}});
        });
    }
};

struct YandexFixture : ::testing::Test {
    testing::FakeClock clock;
    testing::ClockSleeper sleeper{clock};
    TokenBucketRateLimiter limiter{clock};
    FakeYandex ya;
    AdapterConfig cfg;
    AdapterPtr adapter;
    vault::FieldMap creds = testing::Creds({{"api_key", kApiKey}, {"business_id", "11"}, {"campaign_id", "22"}});
    void SetUp() override {
        cfg.yandex.base_url = "http://ya.test";
        cfg.max_inline_wait_ms = 3600000;
        adapter = MakeYandexAdapter(cfg, ya.http, limiter, clock, sleeper);
    }
    std::vector<PublishItem> Items(int n, const std::string& prefix = "SKU-") {
        std::vector<PublishItem> items;
        for (int i = 0; i < n; ++i) {
            items.push_back(YaItem(prefix + std::to_string(i)));
        }
        return items;
    }
};

TEST_F(YandexFixture, OneUpdatePerBatchPlusUzbekTextsThenPoll) {
    auto out = adapter->Publish(Items(10), creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    auto updates = ya.http.Calls("POST", "/v2/businesses/{id}/offer-mappings/update");
    ASSERT_EQ(updates.size(), 2u);  // Russian card, then language=UZ
    EXPECT_EQ(json::parse(updates[0].body)["offerMappings"].size(), 10u);
    EXPECT_NE(updates[1].query.find("language=UZ"), std::string::npos);
    for (const auto& o : *out) {
        EXPECT_EQ(o.state, PublishState::kModeration);
        EXPECT_TRUE(o.created);
        EXPECT_EQ(o.marketplace_ref.rfind("SKU-", 0), 0u);
    }
    ya.status["SKU-0"] = "PUBLISHED";
    ya.status["SKU-1"] = "REJECTED_BY_MARKET";
    auto p = adapter->Poll(*out, creds);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ((*p)[0].state, PublishState::kLive);
    EXPECT_EQ((*p)[0].public_url, "https://market.yandex.ru/product/100500");
    EXPECT_EQ((*p)[1].state, PublishState::kRejected);
    EXPECT_EQ((*p)[1].reasons[0], "Фото не соответствует товару");
    EXPECT_EQ((*p)[2].state, PublishState::kModeration);
    // Published twice: the offers are known now, so they are updates.
    auto again = adapter->Publish(Items(2), creds);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE((*again)[0].created);
}

TEST_F(YandexFixture, RefusedOffersAreRejectedAndTheRestResentOnce) {
    ya.refuse.insert("SKU-2");
    auto out = adapter->Publish(Items(4), creds);
    ASSERT_TRUE(out.ok());
    auto updates = ya.http.Calls("POST", "/v2/businesses/{id}/offer-mappings/update");
    ASSERT_EQ(updates.size(), 3u);  // refused batch, the rest, UZ texts
    EXPECT_EQ(json::parse(updates[1].body)["offerMappings"].size(), 3u);
    EXPECT_EQ((*out)[2].state, PublishState::kRejected);
    EXPECT_EQ((*out)[2].reasons[0], "Категория не подходит");
    EXPECT_EQ((*out)[0].state, PublishState::kModeration);
    EXPECT_EQ((*out)[3].state, PublishState::kModeration);
}

TEST_F(YandexFixture, RequestsPerCardFallWithBatchSize) {
    double prev = 1e9;
    for (int n : {1, 10, 100}) {
        FakeYandex fresh;
        auto a = MakeYandexAdapter(cfg, fresh.http, limiter, clock, sleeper);
        auto out = a->Publish(Items(n, "B" + std::to_string(n) + "-"), creds);
        ASSERT_TRUE(out.ok());
        for (auto& [id, st] : fresh.status) {
            st = "PUBLISHED";
        }
        auto p = a->Poll(*out, creds);
        ASSERT_TRUE(p.ok());
        for (const auto& o : *p) {
            ASSERT_EQ(o.state, PublishState::kLive);
        }
        double per = static_cast<double>(fresh.http.calls.size()) / n;
        std::printf("yandex batch %d: %zu requests, %.2f per card\n", n, fresh.http.calls.size(), per);
        EXPECT_LT(per, prev);
        prev = per;
    }
    EXPECT_LT(prev, 0.1);
}

TEST_F(YandexFixture, PriceStockOrdersAndVerify) {
    ASSERT_TRUE(adapter->UpdatePrice("SKU-1", "SKU-1", {150050, "RUR"}, creds).ok());
    json price = json::parse(ya.http.Calls("POST", "/v2/businesses/{id}/offer-prices/updates")[0].body);
    EXPECT_DOUBLE_EQ(price["offers"][0]["price"]["value"].get<double>(), 1500.5);
    EXPECT_EQ(ya.http.Calls("POST", "/v2/businesses/{id}/offer-prices/updates")[0].path,
              "/v2/businesses/11/offer-prices/updates");
    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "SKU-1", 8, creds).ok());
    json stock = json::parse(ya.http.Calls("PUT", "/v2/campaigns/{id}/offers/stocks")[0].body);
    EXPECT_EQ(stock["skus"][0]["sku"], "SKU-1");
    EXPECT_EQ(stock["skus"][0]["items"][0]["count"], 8);
    auto orders = adapter->ListOrders(1'700'000'000'000, creds);
    ASSERT_TRUE(orders.ok());
    ASSERT_EQ(orders->size(), 1u);
    EXPECT_EQ((*orders)[0].quantity, 3);
    EXPECT_EQ((*orders)[0].status, "PROCESSING");
    auto v = adapter->Verify(creds);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->ok);
    auto other = testing::Creds({{"api_key", kApiKey}, {"business_id", "12"}, {"campaign_id", "22"}});
    auto w = adapter->Verify(other);
    ASSERT_TRUE(w.ok());
    EXPECT_FALSE(w->ok);
    EXPECT_NE(w->message.find("belongs to business 11"), std::string::npos);
}

TEST_F(YandexFixture, Http420IsRateLimitedAndNothingLeaks) {
    testing::LogCapture logs;
    FakeHttp http;
    http.On("POST", "/v2/businesses/{id}/offer-prices/updates", [](const Recorded&) {
        return JsonAnswer(420, {{"status", "ERROR"}, {"errors", json::array({{{"code", "HIT_RATE_LIMIT"}, {"message", std::string("limit for ") + kApiKey}}})}});
    });
    http.On("GET", "/v2/campaigns/{id}", [](const Recorded&) {
        return JsonAnswer(403, {{"status", "ERROR"}, {"errors", json::array({{{"code", "FORBIDDEN"}, {"message", "Api-Key has no access"}}})}});
    });
    cfg.retry.max_attempts = 1;
    auto a = MakeYandexAdapter(cfg, http, limiter, clock, sleeper);
    auto s = a->UpdatePrice("SKU-1", "SKU-1", {100, "RUR"}, creds);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, core::ErrorCode::kRateLimited);
    EXPECT_GT(s.error().retry_after_ms, 0);
    auto v = a->Verify(creds);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok);
    EXPECT_NE(v->message.find("Api-Key has no access"), std::string::npos);
    std::string all = s.error().ToString() + s.error().context + v->message + logs.Text();
    EXPECT_EQ(all.find(kApiKey), std::string::npos) << all;
}

TEST_F(YandexFixture, EveryBodySentMatchesTheSpec) {
    auto out = adapter->Publish(Items(3), creds);
    ASSERT_TRUE(out.ok());
    ya.status["SKU-1"] = "REJECTED_BY_MARKET";
    ASSERT_TRUE(adapter->Poll(*out, creds).ok());
    ASSERT_TRUE(adapter->UpdatePrice("SKU-1", "SKU-1", {150050, "RUR"}, creds).ok());
    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "SKU-1", 8, creds).ok());
    ASSERT_TRUE(adapter->ListOrders(1'700'000'000'000, creds).ok());
    json entries = json::array();
    std::set<std::string> ops;
    auto spec_path = [](const std::string& p) {
        std::string out;
        std::vector<std::string> parts;
        size_t start = 1;
        while (start <= p.size()) {
            size_t slash = p.find('/', start);
            parts.push_back(p.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
            if (slash == std::string::npos) {
                break;
            }
            start = slash + 1;
        }
        for (size_t i = 0; i < parts.size(); ++i) {
            std::string seg = parts[i];
            if (i > 0 && parts[i - 1] == "businesses") {
                seg = "{businessId}";
            } else if (i > 0 && parts[i - 1] == "campaigns") {
                seg = "{campaignId}";
            } else if (i > 0 && parts[i - 1] == "category") {
                seg = "{categoryId}";
            }
            out += "/" + seg;
        }
        return out;
    };
    for (const auto& c : ya.http.calls) {
        if (c.body.empty()) {
            continue;
        }
        std::string method = c.method;
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        entries.push_back({{"file", "yandex-market/openapi/openapi.yaml"}, {"method", method}, {"path", spec_path(c.path)},
                           {"body", json::parse(c.body)}});
        ops.insert(c.method + " " + spec_path(c.path));
    }
    for (const char* op : {"POST /v2/businesses/{businessId}/offer-mappings/update", "POST /v2/businesses/{businessId}/offer-mappings",
                           "POST /v2/businesses/{businessId}/offer-cards", "POST /v2/businesses/{businessId}/offer-prices/updates",
                           "PUT /v2/campaigns/{campaignId}/offers/stocks", "POST /v1/businesses/{businessId}/orders"}) {
        EXPECT_TRUE(ops.count(op)) << op;
    }
    EXPECT_EQ(testing::ValidateContracts(entries), "");
}

}  // namespace
}  // namespace by::marketplaces
