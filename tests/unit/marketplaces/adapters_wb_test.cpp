// Wildberries adapter: payload mapping (fields, limits, units, currency), batching and requests per card,
// create-vs-update by vendorCode, polling to live or rejected, error classification, redaction, and the
// spec contract of every body it sends.
#include <gtest/gtest.h>

#include "marketplaces/common/api_client.hpp"
#include "marketplaces/common/mapping.hpp"
#include "marketplaces/wildberries/wb_payload.hpp"
#include "marketplaces/wildberries/wildberries_adapter.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using testing::FakeHttp;
using testing::JsonAnswer;
using testing::Recorded;

const char* kToken = "wb-secret-token-ABCDEF123456";

std::vector<wb::Charc> SampleCharcs() {
    return {{14177449, "Цвет", true, "", 3, 1},
            {14177451, "Страна производства", false, "", 1, 1},
            {14177453, "Вес товара без упаковки (г)", false, "г", 0, 4}};
}

wb::Directories SampleDirs() {
    return {{"colors", {"черный", "белый"}}, {"countries", {"Китай", "Россия"}}};
}

TEST(WbPayload, MapsFieldsUnitsAndDictionaries) {
    auto item = testing::SampleItem("SKU-1");
    item.product.attributes["weight_g"] = 250;
    auto v = wb::BuildVariant(item, SampleCharcs(), SampleDirs(), MoneyWholeUnits(item.product.price));
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ((*v)["vendorCode"], "SKU-1");
    EXPECT_LE(Utf8Length((*v)["title"].get<std::string>()), 60u);
    EXPECT_EQ((*v)["brand"], "BiznesYordam Demo");
    EXPECT_EQ((*v)["dimensions"]["length"], 19);  // 18.2 cm rounded up to whole cm
    EXPECT_EQ((*v)["dimensions"]["width"], 15);
    EXPECT_EQ((*v)["dimensions"]["height"], 7);
    EXPECT_DOUBLE_EQ((*v)["dimensions"]["weightBrutto"].get<double>(), 0.32);  // kg
    EXPECT_EQ((*v)["sizes"][0]["price"], 2599);                                // 2,599.00 RUB in whole rubles
    EXPECT_EQ((*v)["sizes"][0]["skus"][0], "4600000000017");
    json chars = (*v)["characteristics"];
    ASSERT_EQ(chars.size(), 3u);
    EXPECT_EQ(chars[0]["id"], 14177449);
    EXPECT_EQ(chars[0]["value"], json::array({"черный"}));  // the directory's own spelling
    EXPECT_EQ(chars[1]["value"], json::array({"Китай"}));
    EXPECT_EQ(chars[2]["value"], 250);  // charcType 4: a number
}

TEST(WbPayload, TitleLongerThan60IsCut) {
    auto item = testing::SampleItem("SKU-1");
    item.content["title"] = std::string(40, 'a') + " " + std::string(40, 'b');
    item.content.erase("texts");
    auto v = wb::BuildVariant(item, {}, {}, 10);
    ASSERT_TRUE(v.ok());
    EXPECT_LE(Utf8Length((*v)["title"].get<std::string>()), 60u);
}

TEST(WbPayload, RequiredCharacteristicMissingIsAClearPermanentError) {
    auto item = testing::SampleItem("SKU-1");
    std::vector<wb::Charc> charcs = SampleCharcs();
    charcs.push_back({14177450, "Состав", true, "", 0, 1});
    auto v = wb::BuildVariant(item, charcs, SampleDirs(), 10);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_NE(v.error().message.find("«Состав»"), std::string::npos);
    EXPECT_FALSE(v.error().IsTransient());
}

TEST(WbPayload, ValueOutsideTheDirectoryIsRefused) {
    auto item = testing::SampleItem("SKU-1");
    item.content["characteristics"][0]["value"] = "qora";
    item.product.attributes["color"] = "qora";
    auto v = wb::BuildVariant(item, SampleCharcs(), SampleDirs(), 10);
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("colors directory"), std::string::npos);
}

TEST(WbPayload, MissingDimensionsAndLongSkuAreRefused) {
    auto item = testing::SampleItem("SKU-1");
    item.product.attributes.erase("package_weight_g");
    auto v = wb::BuildVariant(item, {}, {}, 10);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().field, "attributes.package_weight_g");
    auto long_sku = testing::SampleItem(std::string(73, 'x'));
    EXPECT_FALSE(wb::BuildVariant(long_sku, {}, {}, 10).ok());
}

TEST(WbPayload, UpdateKeepsSizesAndBarcodes) {
    auto item = testing::SampleItem("SKU-1");
    auto v = wb::BuildVariant(item, {}, {}, 10);
    wb::Card existing;
    existing.nm_id = 77;
    existing.sizes = json::array({{{"chrtID", 5}, {"techSize", "0"}, {"skus", {"111"}}}});
    json card = wb::BuildUpdateCard(*v, existing);
    EXPECT_EQ(card["nmID"], 77);
    EXPECT_EQ(card["sizes"][0]["chrtID"], 5);
    EXPECT_EQ(card["sizes"][0]["skus"][0], "111");
    EXPECT_FALSE(card["sizes"][0].contains("price"));
}

PublishItem WbItem(const std::string& sku) {
    auto it = testing::SampleItem(sku);
    it.category = {{"id", nullptr}, {"name", "Наушники"}, {"status", "resolve_by_name"}};
    return it;
}

// A small WB: cards appear in get/cards/list when the test says so.
struct FakeWb {
    FakeHttp http;
    json cards = json::array();
    std::map<std::string, std::vector<std::string>> errors;
    int64_t next_nm = 1000;
    int64_t tick = 0;
    std::string Tick() {
        char buf[32];
        std::snprintf(buf, sizeof buf, "2025-06-15T%08lld", static_cast<long long>(++tick));
        return buf;
    }

    FakeWb() {
        http.On("GET", "/ping", [](const Recorded&) { return JsonAnswer(200, {{"TS", "x"}, {"Status", "OK"}}); });
        http.On("GET", "/content/v2/object/charcs/{id}", [](const Recorded&) {
            return JsonAnswer(200, {{"data",
                                     json::array({{{"charcID", 14177449}, {"name", "Цвет"}, {"required", true},
                                                   {"maxCount", 3}, {"charcType", 1}, {"subjectID", 3001}},
                                                  {{"charcID", 14177451}, {"name", "Страна производства"},
                                                   {"required", false}, {"maxCount", 1}, {"charcType", 1}}})},
                                    {"error", false}, {"errorText", ""}});
        });
        http.On("GET", "/content/v2/object/all", [](const Recorded&) {
            return JsonAnswer(200, {{"data", json::array({{{"subjectID", 3001}, {"subjectName", "Наушники"}}})}});
        });
        http.On("GET", "/content/v2/directory/colors", [](const Recorded&) {
            return JsonAnswer(200, {{"data", json::array({{{"name", "черный"}, {"parentName", "черный"}}})}});
        });
        http.On("GET", "/content/v2/directory/countries", [](const Recorded&) {
            return JsonAnswer(200, {{"data", json::array({{{"name", "Китай"}, {"fullName", "КНР"}}})}});
        });
        http.On("POST", "/content/v2/get/cards/list", [this](const Recorded& r) {
            // Ascending by updatedAt (a zero-padded counter here), strictly after the cursor.
            json req = json::parse(r.body);
            std::string after = req["settings"]["cursor"].value("updatedAt", std::string());
            std::vector<json> sorted(cards.begin(), cards.end());
            std::sort(sorted.begin(), sorted.end(), [](const json& a, const json& b) {
                return a["updatedAt"].get<std::string>() < b["updatedAt"].get<std::string>();
            });
            json out = json::array();
            for (const auto& c : sorted) {
                if (c["updatedAt"].get<std::string>() > after && out.size() < 100) {
                    out.push_back(c);
                }
            }
            json cursor = {{"total", out.size()}};
            if (!out.empty()) {
                cursor["nmID"] = out.back()["nmID"];
                cursor["updatedAt"] = out.back()["updatedAt"];
            }
            return JsonAnswer(200, {{"cards", out}, {"cursor", cursor}});
        });
        http.On("POST", "/content/v2/cards/upload",
                [](const Recorded&) { return JsonAnswer(200, {{"data", nullptr}, {"error", false}, {"errorText", ""}}); });
        http.On("POST", "/content/v2/cards/update",
                [](const Recorded&) { return JsonAnswer(200, {{"data", nullptr}, {"error", false}, {"errorText", ""}}); });
        http.On("POST", "/content/v3/media/save", [this](const Recorded& r) {
            json req = json::parse(r.body);
            for (auto& c : cards) {
                if (c["nmID"] == req["nmId"]) {
                    c["photos"] = json::array({{{"big", "x"}}});
                    c["updatedAt"] = Tick();
                }
            }
            return JsonAnswer(200, {{"data", json::object()}, {"error", false}, {"errorText", ""}});
        });
        http.On("POST", "/content/v2/cards/error/list", [this](const Recorded&) {
            json items = json::array();
            json errs = json::object();
            json vcs = json::array();
            for (const auto& [vc, list] : errors) {
                errs[vc] = list;
                vcs.push_back(vc);
            }
            if (!vcs.empty()) {
                items.push_back({{"batchUUID", "b1"}, {"subjects", json::object()}, {"brands", json::object()},
                                 {"vendorCodes", vcs}, {"errors", errs}});
            }
            return JsonAnswer(200, {{"data", {{"items", items}, {"cursor", {{"next", false}, {"updatedAt", "x"}, {"batchUUID", "b1"}}}}},
                                    {"error", false}, {"errorText", ""}, {"additionalErrors", nullptr}});
        });
        http.On("POST", "/api/v2/upload/task",
                [](const Recorded&) { return JsonAnswer(200, {{"data", {{"id", 1}, {"alreadyExists", false}}}, {"error", false}, {"errorText", ""}}); });
        http.On("GET", "/api/v3/warehouses",
                [](const Recorded&) { return JsonAnswer(200, json::array({{{"id", 555}, {"name", "Main"}, {"officeId", 1}}})); });
        http.On("PUT", "/api/v3/stocks/{wh}", [](const Recorded&) {
            net::HttpResponse r;
            r.status = 204;
            return r;
        });
        http.On("GET", "/api/v3/orders", [](const Recorded&) {
            return JsonAnswer(200, {{"next", 0},
                                    {"orders", json::array({{{"id", 9001}, {"article", "SKU-1"}, {"createdAt", "2025-06-15T10:00:00Z"},
                                                             {"nmId", 1000}, {"chrtId", 5}}})}});
        });
        http.On("POST", "/api/v3/orders/status", [](const Recorded&) {
            return JsonAnswer(200, {{"orders", json::array({{{"id", 9001}, {"supplierStatus", "new"}, {"wbStatus", "waiting"}}})}});
        });
    }

    // WB finishes creating every uploaded card.
    void CreateUploaded() {
        for (const auto& rec : http.Calls("POST", "/content/v2/cards/upload")) {
            for (const auto& card : json::parse(rec.body)) {
                for (const auto& v : card["variants"]) {
                    int64_t nm = next_nm++;
                    cards.push_back({{"nmID", nm}, {"imtID", nm}, {"subjectID", card["subjectID"]},
                                     {"vendorCode", v["vendorCode"]}, {"photos", json::array()},
                                     {"sizes", json::array({{{"chrtID", nm * 10}, {"techSize", "0"}, {"skus", {"1"}}}})},
                                     {"updatedAt", Tick()}});
                }
            }
        }
    }
};

struct WbFixture : ::testing::Test {
    testing::FakeClock clock;
    testing::ClockSleeper sleeper{clock};
    TokenBucketRateLimiter limiter{clock};
    FakeWb wb;
    AdapterConfig cfg;
    AdapterPtr adapter;
    vault::FieldMap creds = testing::Creds({{"token", kToken}});

    void SetUp() override {
        cfg.wildberries.content_url = "http://wb.test";
        cfg.wildberries.prices_url = "http://wb.test";
        cfg.wildberries.marketplace_url = "http://wb.test";
        cfg.max_inline_wait_ms = 120000;  // waits are simulated on the fake clock
        adapter = MakeWildberriesAdapter(cfg, wb.http, limiter, clock, sleeper);
    }
    std::vector<PublishItem> Items(int n) {
        std::vector<PublishItem> items;
        for (int i = 0; i < n; ++i) {
            items.push_back(WbItem("SKU-" + std::to_string(i)));
        }
        return items;
    }
};

TEST_F(WbFixture, PublishBatchSendsOneUploadAndPollsToLive) {
    auto items = Items(10);
    auto out = adapter->Publish(items, creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    ASSERT_EQ(out->size(), 10u);
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/upload"), 1u);
    json body = json::parse(wb.http.Calls("POST", "/content/v2/cards/upload")[0].body);
    EXPECT_EQ(body.size(), 10u);
    for (const auto& o : *out) {
        EXPECT_EQ(o.state, PublishState::kSubmitted);
        EXPECT_TRUE(o.created);
    }
    // Still processing: submitted again, never uploaded twice.
    auto again = adapter->Publish(items, creds);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/upload"), 1u);

    wb.CreateUploaded();
    auto p1 = adapter->Poll(*out, creds);
    ASSERT_TRUE(p1.ok()) << p1.error().message;
    EXPECT_EQ(wb.http.Count("POST", "/content/v3/media/save"), 10u);
    for (const auto& o : *p1) {
        EXPECT_EQ(o.state, PublishState::kModeration);
        EXPECT_FALSE(o.marketplace_ref.empty());
    }
    auto p2 = adapter->Poll(*p1, creds);
    ASSERT_TRUE(p2.ok());
    for (const auto& o : *p2) {
        EXPECT_EQ(o.state, PublishState::kLive);
        EXPECT_NE(o.public_url.find(o.marketplace_ref), std::string::npos);
    }
    EXPECT_EQ(wb.http.Count("POST", "/content/v3/media/save"), 10u);
}

TEST_F(WbFixture, RequestsPerCardFallWithBatchSize) {
    double per_card[3];
    int sizes[3] = {1, 10, 100};
    for (int k = 0; k < 3; ++k) {
        FakeWb fresh;
        auto a = MakeWildberriesAdapter(cfg, fresh.http, limiter, clock, sleeper);
        std::vector<PublishItem> items;
        for (int i = 0; i < sizes[k]; ++i) {
            items.push_back(WbItem("B" + std::to_string(k) + "-" + std::to_string(i)));
        }
        auto out = a->Publish(items, creds);
        ASSERT_TRUE(out.ok());
        fresh.CreateUploaded();
        auto p1 = a->Poll(*out, creds);
        ASSERT_TRUE(p1.ok());
        auto p2 = a->Poll(*p1, creds);
        ASSERT_TRUE(p2.ok());
        for (const auto& o : *p2) {
            ASSERT_EQ(o.state, PublishState::kLive);
        }
        // Catalog reads (subjects, characteristics, directories) are cached per adapter; count them too.
        per_card[k] = static_cast<double>(fresh.http.calls.size()) / sizes[k];
        std::printf("wildberries batch %d: %zu requests, %.2f per card\n", sizes[k], fresh.http.calls.size(),
                    per_card[k]);
    }
    EXPECT_GT(per_card[0], per_card[1]);
    EXPECT_GT(per_card[1], per_card[2]);
    EXPECT_LT(per_card[2], 1.2);  // media/save is per card by WB's design; everything else is shared
}

TEST_F(WbFixture, ExistingVendorCodeIsUpdatedNotCreated) {
    wb.cards.push_back({{"nmID", 42}, {"imtID", 42}, {"subjectID", 3001}, {"vendorCode", "SKU-0"},
                        {"photos", json::array()}, {"sizes", json::array({{{"chrtID", 420}, {"techSize", "0"}, {"skus", {"9"}}}})},
                        {"updatedAt", wb.Tick()}});
    auto out = adapter->Publish(Items(1), creds);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/upload"), 0u);
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/update"), 1u);
    EXPECT_EQ(wb.http.Count("POST", "/api/v2/upload/task"), 1u);
    EXPECT_FALSE((*out)[0].created);
    EXPECT_EQ((*out)[0].marketplace_ref, "42");
    json upd = json::parse(wb.http.Calls("POST", "/content/v2/cards/update")[0].body);
    EXPECT_EQ(upd[0]["nmID"], 42);
    EXPECT_EQ(upd[0]["sizes"][0]["chrtID"], 420);
}

TEST_F(WbFixture, ErrorListRejectsWithTheMarketplaceReasons) {
    auto out = adapter->Publish(Items(2), creds);
    ASSERT_TRUE(out.ok());
    wb.errors["SKU-1"] = {"Поле Наименование не должно содержать запрещенные символы"};
    auto p = adapter->Poll(*out, creds);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ((*p)[0].state, PublishState::kSubmitted);
    EXPECT_EQ((*p)[1].state, PublishState::kRejected);
    ASSERT_EQ((*p)[1].reasons.size(), 1u);
    EXPECT_NE((*p)[1].reasons[0].find("запрещенные"), std::string::npos);
}

// Every card of a seller under moderation polls; the error list allows 10 calls a minute per seller.
TEST_F(WbFixture, PollsOfOneSellerShareOneErrorListRead) {
    auto out = adapter->Publish(Items(3), creds);
    ASSERT_TRUE(out.ok());
    for (const auto& o : *out) {
        auto p = adapter->Poll({o}, creds);
        ASSERT_TRUE(p.ok()) << p.error().message;
        EXPECT_EQ((*p)[0].state, PublishState::kSubmitted);
    }
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/error/list"), 1u);

    wb.errors["SKU-2"] = {"Недопустимое значение"};
    clock.Advance(cfg.wildberries.error_list_reuse_ms);
    auto p = adapter->Poll({(*out)[2]}, creds);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ((*p)[0].state, PublishState::kRejected) << "a read older than the reuse window is not reused";
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/error/list"), 2u);

    // Another seller's token has its own list.
    auto other = adapter->Poll({(*out)[0]}, testing::Creds({{"token", "wb-other-seller-token-XYZ987"}}));
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(wb.http.Count("POST", "/content/v2/cards/error/list"), 3u);
}

TEST_F(WbFixture, UnmappableItemIsRejectedAloneInItsBatch) {
    auto items = Items(3);
    items[1].product.attributes.erase("package_length_cm");
    items[2].product.price.currency = "UZS";
    auto out = adapter->Publish(items, creds);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ((*out)[0].state, PublishState::kSubmitted);
    EXPECT_EQ((*out)[1].state, PublishState::kRejected);
    EXPECT_NE((*out)[1].reasons[0].find("package_length_cm"), std::string::npos);
    EXPECT_EQ((*out)[2].state, PublishState::kRejected);
    EXPECT_NE((*out)[2].reasons[0].find("RUB"), std::string::npos);
    EXPECT_EQ(json::parse(wb.http.Calls("POST", "/content/v2/cards/upload")[0].body).size(), 1u);
}

TEST_F(WbFixture, PriceStockAndOrders) {
    wb.cards.push_back({{"nmID", 42}, {"imtID", 42}, {"subjectID", 3001}, {"vendorCode", "SKU-1"},
                        {"photos", json::array()}, {"sizes", json::array({{{"chrtID", 420}, {"techSize", "0"}, {"skus", {"9"}}}})},
                        {"updatedAt", wb.Tick()}});
    ASSERT_TRUE(adapter->UpdatePrice("SKU-1", "42", {199950, "RUB"}, creds).ok());
    json price = json::parse(wb.http.Calls("POST", "/api/v2/upload/task")[0].body);
    EXPECT_EQ(price["data"][0]["nmID"], 42);
    EXPECT_EQ(price["data"][0]["price"], 2000);  // 1,999.50 rounds half up to whole rubles
    auto wrong = adapter->UpdatePrice("SKU-1", "42", {199950, "UZS"}, creds);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, core::ErrorCode::kUnprocessable);

    ASSERT_TRUE(adapter->UpdateStock("SKU-1", "42", 12, creds).ok());
    auto put = wb.http.Calls("PUT", "/api/v3/stocks/{wh}");
    ASSERT_EQ(put.size(), 1u);
    EXPECT_EQ(put[0].path, "/api/v3/stocks/555");
    EXPECT_EQ(json::parse(put[0].body)["stocks"][0], json({{"chrtId", 420}, {"amount", 12}}));
    EXPECT_FALSE(adapter->UpdateStock("SKU-1", "42", 100001, creds).ok());

    auto orders = adapter->ListOrders(1'749'000'000'000, creds);
    ASSERT_TRUE(orders.ok()) << orders.error().message;
    ASSERT_EQ(orders->size(), 1u);
    EXPECT_EQ((*orders)[0].sku, "SKU-1");
    EXPECT_EQ((*orders)[0].status, "waiting");
    EXPECT_NE(wb.http.Calls("GET", "/api/v3/orders")[0].query.find("dateFrom=1749000000"), std::string::npos);
}

TEST_F(WbFixture, OverLimitAnswerIsRateLimitedWithRetryHeader) {
    FakeHttp http;
    http.On("POST", "/api/v2/upload/task", [](const Recorded&) {
        return JsonAnswer(429, {{"title", "too many requests"}, {"detail", "limited"}}, {{"X-Ratelimit-Retry", "7"}});
    });
    auto a = MakeWildberriesAdapter(cfg, http, limiter, clock, sleeper);
    auto s = a->UpdatePrice("SKU-1", "42", {100000, "RUB"}, creds);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(s.error().retry_after_ms, 7000);
    EXPECT_TRUE(s.error().IsTransient());
    // The bucket is blocked: the next call waits on the limiter before sending.
    cfg.max_inline_wait_ms = 0;
    auto b = MakeWildberriesAdapter(cfg, http, limiter, clock, sleeper);
    auto s2 = b->UpdatePrice("SKU-1", "42", {100000, "RUB"}, creds);
    ASSERT_FALSE(s2.ok());
    EXPECT_EQ(s2.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(http.Count("POST", "/api/v2/upload/task"), 1u);
}

TEST_F(WbFixture, ErrorsAreClassified) {
    FakeHttp http;
    int status = 500;
    http.On("POST", "/api/v2/upload/task",
            [&](const Recorded&) { return JsonAnswer(status, {{"errorText", "bad things"}, {"error", true}}); });
    auto a = MakeWildberriesAdapter(cfg, http, limiter, clock, sleeper);
    struct Case {
        int status;
        core::ErrorCode code;
        bool transient;
    } cases[] = {{500, core::ErrorCode::kUnavailable, true},
                 {503, core::ErrorCode::kUnavailable, true},
                 {400, core::ErrorCode::kInvalid, false},
                 {422, core::ErrorCode::kUnprocessable, false},
                 {401, core::ErrorCode::kUnauthenticated, false},
                 {403, core::ErrorCode::kForbidden, false}};
    for (const auto& c : cases) {
        status = c.status;
        clock.Advance(10000);
        auto s = a->UpdatePrice("SKU-1", "42", {100000, "RUB"}, creds);
        ASSERT_FALSE(s.ok());
        EXPECT_EQ(s.error().code, c.code) << c.status;
        EXPECT_EQ(s.error().IsTransient(), c.transient) << c.status;
        EXPECT_NE(s.error().message.find("bad things"), std::string::npos) << s.error().message;
    }
    http.fail_transport = true;
    auto t = a->UpdatePrice("SKU-1", "42", {100000, "RUB"}, creds);
    ASSERT_FALSE(t.ok());
    EXPECT_TRUE(t.error().IsTransient());
}

TEST_F(WbFixture, VerifyReportsTheMarketplaceRefusal) {
    FakeHttp http;
    http.On("GET", "/ping", [](const Recorded&) {
        return JsonAnswer(401, {{"title", "unauthorized"}, {"detail", "token is expired"}, {"status", 401}});
    });
    auto a = MakeWildberriesAdapter(cfg, http, limiter, clock, sleeper);
    auto v = a->Verify(creds);
    ASSERT_TRUE(v.ok());
    EXPECT_FALSE(v->ok);
    EXPECT_NE(v->message.find("token is expired"), std::string::npos);
    auto good = adapter->Verify(creds);
    ASSERT_TRUE(good.ok());
    EXPECT_TRUE(good->ok);
    EXPECT_EQ(wb.http.calls[0].headers[1].second, kToken);  // Authorization: <token>, no prefix
}

TEST_F(WbFixture, NoTokenInAnyLogLineOrError) {
    testing::LogCapture logs;
    FakeHttp http;
    // A hostile upstream echoing the credential back in its error body.
    http.On("GET", "/content/v2/get/cards/list", [](const Recorded&) { return JsonAnswer(200, json::object()); });
    http.On("POST", "/content/v2/get/cards/list", [](const Recorded& r) {
        std::string echoed;
        for (const auto& [k, v] : r.headers) {
            echoed += k + "=" + v + ";";
        }
        return JsonAnswer(401, {{"title", "bad token " + echoed}, {"detail", std::string("got ") + kToken}});
    });
    auto a = MakeWildberriesAdapter(cfg, http, limiter, clock, sleeper);
    auto out = a->Publish(Items(1), creds);
    ASSERT_FALSE(out.ok());
    std::string all = out.error().message + out.error().context + out.error().ToString();
    auto s = a->UpdatePrice("SKU-1", "", {100000, "RUB"}, creds);
    ASSERT_FALSE(s.ok());
    all += s.error().ToString() + s.error().context;
    all += logs.Text();
    EXPECT_NE(logs.Text().find("marketplace_call"), std::string::npos);
    EXPECT_EQ(all.find(kToken), std::string::npos) << all;
    EXPECT_EQ(all.find("ABCDEF123456"), std::string::npos);
}

TEST_F(WbFixture, EveryBodySentMatchesTheSpec) {
    wb.cards.push_back({{"nmID", 42}, {"imtID", 42}, {"subjectID", 3001}, {"vendorCode", "SKU-UPD"},
                        {"photos", json::array()}, {"sizes", json::array({{{"chrtID", 420}, {"techSize", "0"}, {"skus", {"9"}}}})},
                        {"updatedAt", wb.Tick()}});
    auto items = Items(3);
    items.push_back(WbItem("SKU-UPD"));
    auto out = adapter->Publish(items, creds);
    ASSERT_TRUE(out.ok());
    wb.CreateUploaded();
    auto p = adapter->Poll(*out, creds);
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE(adapter->UpdatePrice("SKU-UPD", "42", {100000, "RUB"}, creds).ok());
    ASSERT_TRUE(adapter->UpdateStock("SKU-UPD", "42", 3, creds).ok());
    ASSERT_TRUE(adapter->ListOrders(0, creds).ok());
    json entries = json::array();
    std::set<std::string> ops;
    for (const auto& c : wb.http.calls) {
        if (c.body.empty()) {
            continue;
        }
        std::string spec_path = c.path;
        std::string file = "wildberries/products.yaml";
        if (c.path.rfind("/api/v3/stocks/", 0) == 0) {
            spec_path = "/api/v3/stocks/{warehouseId}";
        } else if (c.path.rfind("/api/v3/orders", 0) == 0) {
            file = "wildberries/orders-fbs.yaml";
        }
        std::string method = c.method;
        std::transform(method.begin(), method.end(), method.begin(), ::tolower);
        entries.push_back({{"file", file}, {"method", method}, {"path", spec_path}, {"body", json::parse(c.body)}});
        ops.insert(c.method + " " + spec_path);
    }
    for (const char* op : {"POST /content/v2/cards/upload", "POST /content/v2/cards/update", "POST /content/v3/media/save",
                           "POST /content/v2/get/cards/list", "POST /content/v2/cards/error/list",
                           "POST /api/v2/upload/task", "PUT /api/v3/stocks/{warehouseId}", "POST /api/v3/orders/status"}) {
        EXPECT_TRUE(ops.count(op)) << op;
    }
    EXPECT_EQ(testing::ValidateContracts(entries), "");
}

}  // namespace
}  // namespace by::marketplaces
