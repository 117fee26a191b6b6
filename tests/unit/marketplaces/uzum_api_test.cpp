// Uzum seller API: request shapes, answer parsing, rate-limit handling, and the adapter's API-only paths
// (Verify, Publish of an existing SKU, price, stock, orders) against a scripted in-process HttpClient.
#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <mutex>

#include "marketplaces/browser/session_pool.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "marketplaces/uzum/uzum_adapter.hpp"
#include "marketplaces/uzum/uzum_api.hpp"
#include "marketplaces/uzum/uzum_cabinet.hpp"
#include "testing/fake_clock.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using uzum::UzumApi;

const char* kToken = "sbx-uzum-4f1c2a7e9b3d4e1f8a6c0b5d7e2f9a13";

struct Sent {
    std::string method, url, body;
    net::Headers headers;
};

// Answers by the first rule whose method and URL part match; records every request.
class ScriptedHttp final : public net::HttpClient {
  public:
    using Handler = std::function<net::HttpResponse(const net::HttpRequest&)>;
    void On(std::string method, std::string url_part, Handler h) {
        std::lock_guard lock(mu_);
        rules_.push_back({std::move(method), std::move(url_part), std::move(h)});
    }
    // One-shot answers consumed before the rules.
    void Once(net::HttpResponse r) {
        std::lock_guard lock(mu_);
        once_.push_back(std::move(r));
    }
    core::Result<net::HttpResponse> Send(const net::HttpRequest& req) override {
        std::lock_guard lock(mu_);
        sent_.push_back({req.method, req.url, req.body, req.headers});
        if (!once_.empty()) {
            auto r = once_.front();
            once_.pop_front();
            return r;
        }
        for (const auto& rule : rules_) {
            if (rule.method == req.method && req.url.find(rule.url_part) != std::string::npos) {
                return rule.handler(req);
            }
        }
        net::HttpResponse r;
        r.status = 404;
        r.body = R"({"errors":[{"code":"not-found","message":"no route"}]})";
        return r;
    }
    std::vector<Sent> sent() {
        std::lock_guard lock(mu_);
        return sent_;
    }

  private:
    struct Rule {
        std::string method, url_part;
        Handler handler;
    };
    std::mutex mu_;
    std::vector<Rule> rules_;
    std::deque<net::HttpResponse> once_;
    std::vector<Sent> sent_;
};

net::HttpResponse Json(int status, const json& body, net::Headers headers = {}) {
    net::HttpResponse r;
    r.status = status;
    r.body = body.dump();
    r.headers = std::move(headers);
    return r;
}

json ProductList(int64_t product_id, int64_t sku_id, const std::string& article, int64_t price,
                 const std::string& status = "IN_STOCK") {
    return {{"payload",
             {{"productList",
               json::array({{{"productId", product_id},
                             {"title", "Naushnik"},
                             {"status", {{"value", status}, {"title", status}}},
                             {"moderationStatus", {{"value", "APPROVED"}, {"title", "ok"}}},
                             {"skuList", json::array({{{"skuId", sku_id},
                                                       {"article", article},
                                                       {"barcode", 4780000000017},
                                                       {"price", price},
                                                       {"skuTitle", "NAUSHNIK-QORA"}}})}}})},
              {"totalProductsAmount", 1}}}};
}

std::string HeaderValue(const net::Headers& h, const std::string& name) {
    auto v = net::FindHeader(h, name);
    return v ? std::string(*v) : std::string();
}

UzumConfig TestConfig() {
    UzumConfig c;
    c.api_base_url = "http://uzum.test";
    c.cabinet_base_url = "http://cabinet.test";
    c.products_page_size = 50;
    return c;
}

// ---- request shapes ----

TEST(UzumRequests, AuthorizationIsTheBareToken) {
    auto r = uzum::ShopsRequest(TestConfig(), kToken);
    EXPECT_EQ(r.method, "GET");
    EXPECT_EQ(r.url, "http://uzum.test/v1/shops");
    EXPECT_EQ(HeaderValue(r.headers, "Authorization"), kToken);  // no "Bearer "
}

TEST(UzumRequests, ProductListPagesAndSearches) {
    auto r = uzum::ProductsRequest(TestConfig(), kToken, 30001, "NAUSH 1/qora", 2, 50);
    EXPECT_EQ(r.url, "http://uzum.test/v1/product/shop/30001?size=50&page=2&searchQuery=NAUSH%201%2Fqora");
    auto plain = uzum::ProductsRequest(TestConfig(), kToken, 30001, "", 0, 100);
    EXPECT_EQ(plain.url, "http://uzum.test/v1/product/shop/30001?size=100&page=0");
}

TEST(UzumRequests, PriceStockAndOrders) {
    auto price = uzum::PriceRequest(TestConfig(), kToken, 30001, 555, 777, 249000);
    EXPECT_EQ(price.method, "POST");
    EXPECT_EQ(price.url, "http://uzum.test/v1/product/30001/sendPriceData");
    EXPECT_EQ(json::parse(price.body),
              json::parse(R"({"productId":555,"skuList":[{"skuId":777,"fullPrice":249000,"sellPrice":249000}]})"));
    EXPECT_EQ(HeaderValue(price.headers, "Content-Type"), "application/json");

    auto stock = uzum::StockRequest(TestConfig(), kToken, {{777, "4780000000017", 12}});
    EXPECT_EQ(stock.url, "http://uzum.test/v2/fbs/sku/stocks");
    EXPECT_EQ(json::parse(stock.body),
              json::parse(R"({"skuAmountList":[{"skuId":777,"barcode":"4780000000017","amount":12}]})"));

    auto orders = uzum::OrdersRequest(TestConfig(), kToken, 30001, "CREATED", 1750000000, 0, 50);
    EXPECT_EQ(orders.url,
              "http://uzum.test/v2/fbs/orders?shopIds=30001&page=0&size=50&status=CREATED&dateFrom=1750000000");
}

// ---- parsing ----

TEST(UzumParse, ShopsProductsOrders) {
    auto shops = uzum::ParseShops(R"([{"id":30001,"name":"Seller One Shop"}])");
    ASSERT_TRUE(shops.ok());
    ASSERT_EQ(shops->size(), 1u);
    EXPECT_EQ((*shops)[0].id, 30001);
    EXPECT_EQ((*shops)[0].name, "Seller One Shop");

    auto page = uzum::ParseProducts(ProductList(555, 777, "NAUSH-1", 249000).dump());
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->products.size(), 1u);
    EXPECT_EQ(page->products[0].status, "IN_STOCK");
    EXPECT_EQ(page->products[0].moderation_status, "APPROVED");
    const uzum::Product* prod = nullptr;
    const uzum::Sku* sku = uzum::FindSku(*page, "NAUSH-1", &prod);
    ASSERT_NE(sku, nullptr);
    EXPECT_EQ(prod->product_id, 555);
    EXPECT_EQ(sku->sku_id, 777);
    EXPECT_EQ(sku->barcode, "4780000000017");  // an integer in the spec, a string for the stock call
    EXPECT_EQ(uzum::FindSku(*page, "OTHER"), nullptr);

    auto orders = uzum::ParseOrders(R"({"payload":{"orders":[{"id":9,"status":"CREATED","dateCreated":1750000001000,
        "orderItems":[{"skuId":777,"productId":555,"amount":2,"article":"NAUSH-1"}]}],"totalAmount":1}})");
    ASSERT_TRUE(orders.ok());
    ASSERT_EQ(orders->orders.size(), 1u);
    EXPECT_EQ(orders->orders[0].created_at_ms, 1750000001000);
    EXPECT_EQ(orders->orders[0].items[0].quantity, 2);
    EXPECT_EQ(orders->orders[0].items[0].article, "NAUSH-1");
    EXPECT_FALSE(uzum::ParseProducts("<html>").ok());
}

TEST(UzumParse, RateLimitHeadersAndErrors) {
    net::HttpResponse r = Json(429, json::object(),
                               {{"X-RateLimit-Remaining", "0"},
                                {"X-RateLimit-Replenish-Rate", "2"},
                                {"X-RateLimit-Burst-Capacity", "4"},
                                {"X-RateLimit-Requested-Tokens", "1"},
                                {"X-RateLimit-Limit-Per-Day", "10000"},
                                {"X-RateLimit-Remaining-Per-Day", "9000"}});
    auto info = uzum::ParseRateLimit(r);
    EXPECT_EQ(info.remaining, 0);
    EXPECT_EQ(info.replenish_rate, 2.0);
    EXPECT_EQ(info.burst_capacity, 4);
    EXPECT_EQ(info.requested_tokens, 1);
    EXPECT_EQ(info.limit_per_day, 10000);
    EXPECT_EQ(info.remaining_per_day, 9000);
    auto e = uzum::ErrorFromResponse(r);
    EXPECT_EQ(e.code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(e.retry_after_ms, 500);  // one token at 2/s
    r.headers.push_back({"Retry-After", "3"});
    EXPECT_EQ(uzum::ErrorFromResponse(r).retry_after_ms, 3000);

    EXPECT_EQ(uzum::ErrorFromResponse(Json(401, json::object())).code, core::ErrorCode::kUnauthenticated);
    EXPECT_EQ(uzum::ErrorFromResponse(Json(403, json::object())).code, core::ErrorCode::kForbidden);
    EXPECT_EQ(uzum::ErrorFromResponse(Json(503, json::object())).code, core::ErrorCode::kUnavailable);
    auto bad = uzum::ErrorFromResponse(Json(400, {{"errors", {{{"code", "x"}, {"message", "price too low"}}}}}));
    EXPECT_EQ(bad.code, core::ErrorCode::kInvalid);
    EXPECT_NE(bad.message.find("price too low"), std::string::npos);
}

// ---- UzumApi rate-limit behaviour ----

class UzumApiTest : public ::testing::Test {
  protected:
    UzumApi Make() {
        return UzumApi(TestConfig(), http_, clock_, [this](int64_t ms) {
            slept_.push_back(ms);
            clock_.Advance(ms);
        });
    }
    ScriptedHttp http_;
    testing::FakeClock clock_;
    std::vector<int64_t> slept_;
};

TEST_F(UzumApiTest, ShortOverLimitIsWaitedOutOnce) {
    auto api = Make();
    http_.Once(Json(429, json::object(), {{"Retry-After", "1"}}));
    http_.On("GET", "/v1/shops", [](const net::HttpRequest&) {
        return Json(200, json::array({{{"id", 30001}, {"name", "S"}}}), {{"X-RateLimit-Remaining", "3"}});
    });
    auto shops = api.Shops(kToken);
    ASSERT_TRUE(shops.ok()) << shops.error().ToString();
    EXPECT_EQ(slept_, std::vector<int64_t>({1000}));
    EXPECT_EQ(http_.sent().size(), 2u);
    EXPECT_EQ(api.LastRateLimit(uzum::BucketKey(kToken))->remaining, 3);
}

TEST_F(UzumApiTest, LongOverLimitBecomesRateLimited) {
    auto api = Make();
    http_.On("GET", "/v1/shops", [](const net::HttpRequest&) {
        return Json(429, json::object(), {{"Retry-After", "30"}});
    });
    auto shops = api.Shops(kToken);
    ASSERT_FALSE(shops.ok());
    EXPECT_EQ(shops.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(shops.error().retry_after_ms, 30000);
    EXPECT_TRUE(slept_.empty());
    // The next call within the window is refused locally, without a request.
    auto again = api.Shops(kToken);
    EXPECT_EQ(again.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(http_.sent().size(), 1u);
}

TEST_F(UzumApiTest, EmptyBucketPacesTheNextCall) {
    auto api = Make();
    http_.On("GET", "/v1/product/shop/30001", [](const net::HttpRequest&) {
        return Json(200, ProductList(555, 777, "A", 1000),
                    {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Replenish-Rate", "4"}});
    });
    ASSERT_TRUE(api.Products(kToken, 30001, "", 0, 50).ok());
    ASSERT_TRUE(api.Products(kToken, 30001, "", 0, 50).ok());
    EXPECT_EQ(slept_, std::vector<int64_t>({250}));
}

TEST_F(UzumApiTest, DailyBudgetExhaustedRefusesLocally) {
    auto api = Make();
    http_.On("GET", "/v1/product/shop/30001", [](const net::HttpRequest&) {
        return Json(200, ProductList(555, 777, "A", 1000), {{"X-RateLimit-Remaining-Per-Day", "0"}});
    });
    ASSERT_TRUE(api.Products(kToken, 30001, "", 0, 50).ok());
    auto r = api.Products(kToken, 30001, "", 0, 50);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(http_.sent().size(), 1u);
}

// Two processes' APIs over one limiter (app/ shares it through Redis or PostgreSQL) keep one shop's
// bucket between them, at the rate Uzum's headers announced; a 429 one of them meets holds back the other.
TEST_F(UzumApiTest, SharedLimiterPacesEveryProcessOfAShop) {
    marketplaces::TokenBucketRateLimiter shared(clock_);
    auto a = Make();
    auto b = Make();
    a.SetLimiter(&shared);
    b.SetLimiter(&shared);
    http_.On("GET", "/v1/product/shop/30001", [](const net::HttpRequest&) {
        return Json(200, ProductList(555, 777, "A", 1000),
                    {{"X-RateLimit-Burst-Capacity", "2"}, {"X-RateLimit-Replenish-Rate", "1"}, {"X-RateLimit-Remaining", "1"}});
    });
    // UzumConfig's bucket (5 at 2/s) until the first answer; then 2 at 1/s.
    ASSERT_TRUE(a.Products(kToken, 30001, "", 0, 50).ok());
    ASSERT_TRUE(b.Products(kToken, 30001, "", 0, 50).ok());
    EXPECT_TRUE(slept_.empty());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE((i % 2 ? a : b).Products(kToken, 30001, "", 0, 50).ok());
    ASSERT_FALSE(slept_.empty()) << "the shared bucket ran dry and the next call waited";
    for (int64_t ms : slept_) EXPECT_LE(ms, 1000);

    slept_.clear();
    http_.Once(Json(429, json::object(), {{"Retry-After", "30"}}));
    auto limited = a.Products(kToken, 30001, "", 0, 50);
    ASSERT_FALSE(limited.ok());
    EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);
    size_t sent = http_.sent().size();
    auto held = b.Products(kToken, 30001, "", 0, 50);
    ASSERT_FALSE(held.ok()) << "b never saw the 429 itself; the shared bucket holds it back";
    EXPECT_GE(held.error().retry_after_ms, 20000);
    EXPECT_EQ(http_.sent().size(), sent);
}

TEST_F(UzumApiTest, ErrorsNeverCarryTheToken) {
    auto api = Make();
    http_.On("GET", "/v1/shops", [](const net::HttpRequest& req) {
        // A server that echoes the header back must not get it into our error message.
        return Json(401, {{"message", "bad token"}});
    });
    auto r = api.Shops(kToken);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().ToString().find(kToken), std::string::npos);
}

// ---- adapter, API paths only ----

class NoBrowser final : public browser::SessionFactory {
  public:
    core::Result<browser::WebDriverSessionPtr> Create() override {
        ++creates;
        return core::Error::Unavailable("no browser in unit tests");
    }
    void Destroy(browser::WebDriverSessionPtr) override {}
    int creates = 0;
};

vault::FieldMap Creds(bool with_cabinet = false) {
    vault::FieldMap m;
    m.emplace("token", core::SecretBuffer::FromBytes(kToken));
    m.emplace("shop_id", core::SecretBuffer::FromBytes("30001"));
    if (with_cabinet) {
        m.emplace("login", core::SecretBuffer::FromBytes("seller1@sandbox.uz"));
        m.emplace("password", core::SecretBuffer::FromBytes("Sandbox-Pass-1"));
    }
    return m;
}

class UzumAdapterApiTest : public ::testing::Test {
  protected:
    UzumAdapterApiTest() {
        auto f = std::make_unique<NoBrowser>();
        factory_ = f.get();
        browser::BrowserConfig bc;
        bc.acquire_timeout_ms = 100;
        pool_ = std::make_unique<browser::SessionPool>(bc, std::move(f), clock_);
        adapter_ = MakeUzumAdapter(TestConfig(), http_, *pool_, clock_);
        http_.On("GET", "/v1/product/shop/30001", [](const net::HttpRequest&) {
            return Json(200, ProductList(555, 777, "NAUSH-1", 249000));
        });
        http_.On("POST", "/v1/product/30001/sendPriceData",
                 [](const net::HttpRequest&) { return Json(200, json::object()); });
        http_.On("POST", "/v2/fbs/sku/stocks",
                 [](const net::HttpRequest&) { return Json(200, {{"payload", nullptr}, {"errors", json::array()}}); });
        http_.On("GET", "/v1/shops", [](const net::HttpRequest&) {
            return Json(200, json::array({{{"id", 30001}, {"name", "Seller One Shop"}}}));
        });
    }
    PublishItem Item(const std::string& sku, int64_t price_tiyin) {
        PublishItem it;
        it.card_id = "card-1";
        it.product.sku = sku;
        it.product.partner_id = "p1";
        it.product.price = core::Money{price_tiyin, "UZS"};
        it.content = {{"texts",
                       {{"uz", {{"title", "Simsiz quloqchin"}, {"description", "Yaxshi quloqchin."}}},
                        {"ru", {{"title", "Беспроводные наушники"}, {"description", "Хорошие наушники."}}}}}};
        it.category = {{"id", 10101}, {"name", "Наушники"}};
        it.image_files = {"/etc/hostname"};
        return it;
    }
    ScriptedHttp http_;
    testing::FakeClock clock_;
    NoBrowser* factory_ = nullptr;
    std::unique_ptr<browser::SessionPool> pool_;
    AdapterPtr adapter_;
};

TEST_F(UzumAdapterApiTest, VerifyChecksTheShopBelongsToTheToken) {
    EXPECT_EQ(adapter_->BatchLimit(), UzumConfig{}.cabinet_batch);
    EXPECT_EQ(adapter_->marketplace(), core::Marketplace::kUzum);
    auto ok = adapter_->Verify(Creds());
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(ok->ok);
    vault::FieldMap other = Creds();
    other["shop_id"] = core::SecretBuffer::FromBytes("99999");
    EXPECT_FALSE(adapter_->Verify(other)->ok);
    vault::FieldMap none;
    EXPECT_EQ(adapter_->Verify(none).error().code, core::ErrorCode::kUnprocessable);
}

TEST_F(UzumAdapterApiTest, VerifyRefusedTokenIsNotAnError) {
    ScriptedHttp refusing;
    refusing.On("GET", "/v1/shops", [](const net::HttpRequest&) { return Json(401, json::object()); });
    auto a = MakeUzumAdapter(TestConfig(), refusing, *pool_, clock_);
    auto r = a->Verify(Creds());
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->ok);
}

TEST_F(UzumAdapterApiTest, PublishOfAnExistingSkuUpdatesThePriceWithoutTheBrowser) {
    auto out = adapter_->Publish({Item("NAUSH-1", 25900000)}, Creds(true));
    ASSERT_TRUE(out.ok()) << out.error().ToString();
    ASSERT_EQ(out->size(), 1u);
    const auto& o = (*out)[0];
    EXPECT_FALSE(o.created);
    EXPECT_EQ(o.marketplace_ref, "555");
    EXPECT_EQ(o.state, PublishState::kLive);
    EXPECT_EQ(factory_->creates, 0);
    bool priced = false;
    for (const auto& s : http_.sent()) {
        if (s.url.find("sendPriceData") != std::string::npos) {
            EXPECT_EQ(json::parse(s.body)["skuList"][0]["sellPrice"], 259000);
            priced = true;
        }
    }
    EXPECT_TRUE(priced);
}

TEST_F(UzumAdapterApiTest, PublishValidatesBeforeTouchingAnything) {
    auto item = Item("NAUSH-2", 100000);
    item.content["texts"].erase("uz");
    auto r = adapter_->Publish({item}, Creds(true));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(r.error().field, "content.texts.uz");
    EXPECT_TRUE(http_.sent().empty());
    auto rub = Item("NAUSH-2", 100000);
    rub.product.price.currency = "RUB";
    EXPECT_EQ(adapter_->Publish({rub}, Creds(true)).error().field, "price.currency");
}

TEST_F(UzumAdapterApiTest, NewSkuWithoutCabinetCredentialIsRefused) {
    auto r = adapter_->Publish({Item("NEW-1", 100000)}, Creds(false));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "cabinet_login");
}

TEST_F(UzumAdapterApiTest, BrowserUnavailableIsTransient) {
    auto r = adapter_->Publish({Item("NEW-1", 100000)}, Creds(true));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().IsTransient());
    EXPECT_EQ(factory_->creates, 1);
}

TEST_F(UzumAdapterApiTest, PriceAndStockGoThroughTheApi) {
    ASSERT_TRUE(adapter_->UpdatePrice("NAUSH-1", "555", core::Money{30000000, "UZS"}, Creds()).ok());
    ASSERT_TRUE(adapter_->UpdateStock("NAUSH-1", "555", 7, Creds()).ok());
    auto sent = http_.sent();
    const Sent* price = nullptr;
    const Sent* stock = nullptr;
    for (const auto& s : sent) {
        if (s.url.find("sendPriceData") != std::string::npos) price = &s;
        if (s.url.find("/v2/fbs/sku/stocks") != std::string::npos) stock = &s;
    }
    ASSERT_NE(price, nullptr);
    ASSERT_NE(stock, nullptr);
    EXPECT_EQ(json::parse(price->body),
              json::parse(R"({"productId":555,"skuList":[{"skuId":777,"fullPrice":300000,"sellPrice":300000}]})"));
    EXPECT_EQ(json::parse(stock->body),
              json::parse(R"({"skuAmountList":[{"skuId":777,"barcode":"4780000000017","amount":7}]})"));
    // The SKU lookup was made once and cached for the stock call.
    int lookups = 0;
    for (const auto& s : sent) {
        lookups += s.url.find("/v1/product/shop/") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(lookups, 1);
    EXPECT_EQ(adapter_->UpdatePrice("MISSING", "", core::Money{100, "UZS"}, Creds()).error().code,
              core::ErrorCode::kNotFound);
}

TEST_F(UzumAdapterApiTest, OrdersAreListedPerStatusWithOurSku) {
    http_.On("GET", "/v2/fbs/orders", [](const net::HttpRequest& req) {
        if (req.url.find("status=CREATED") == std::string::npos) {
            return Json(200, {{"payload", {{"orders", json::array()}, {"totalAmount", 0}}}});
        }
        return Json(200, {{"payload",
                           {{"orders", json::array({{{"id", 42},
                                                     {"status", "CREATED"},
                                                     {"dateCreated", 1750000005000},
                                                     {"orderItems", json::array({{{"skuId", 777}, {"amount", 3}}})}}})},
                            {"totalAmount", 1}}}});
    });
    auto lines = adapter_->ListOrders(1750000000000, Creds());
    ASSERT_TRUE(lines.ok()) << lines.error().ToString();
    ASSERT_EQ(lines->size(), 1u);
    EXPECT_EQ((*lines)[0].order_id, "42");
    EXPECT_EQ((*lines)[0].sku, "NAUSH-1");  // resolved through the product list
    EXPECT_EQ((*lines)[0].quantity, 3);
    bool seconds = false;  // Uzum's dateFrom is Unix seconds
    for (const auto& s : http_.sent()) {
        auto at = s.url.find("dateFrom=");
        seconds = seconds || (at != std::string::npos && s.url.substr(at) == "dateFrom=1750000000");
    }
    EXPECT_TRUE(seconds);
}

TEST(UzumCabinet, ScrubAndTotpSteps) {
    EXPECT_EQ(uzum::ScrubSecrets("bad password Sandbox-Pass-1!", {"Sandbox-Pass-1", ""}), "bad password ***!");
    uzum::TotpSteps steps;
    EXPECT_EQ(steps.Reserve("a", 100, 101).step, 100);
    EXPECT_EQ(steps.Reserve("a", 100, 101).step, 101);  // never the same step twice for one login
    auto none = steps.Reserve("a", 100, 101);           // both acceptable steps used: none, nothing recorded
    EXPECT_FALSE(none.step);
    EXPECT_EQ(none.next_free, 102);
    EXPECT_EQ(steps.Reserve("a", 101, 102).step, 102);
    EXPECT_EQ(steps.Reserve("b", 100, 101).step, 100);
    EXPECT_EQ(steps.Reserve("a", 105, 106).step, 105);
}

}  // namespace
}  // namespace by::marketplaces
