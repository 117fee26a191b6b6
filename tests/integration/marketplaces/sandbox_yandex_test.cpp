// Yandex Market adapter against the sandbox: verify, one offer-mappings/update per batch (+ Uzbek texts),
// poll to live, update instead of duplicate, price, stock, business orders, and faults (HTTP 420).
#include <atomic>

#include "integration/marketplaces/sandbox_net_fixture.hpp"
#include "marketplaces/yandex/yandex_adapter.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::testing {
namespace {

using marketplaces::PublishState;

class SandboxYandex : public SandboxFixture {
  protected:
    marketplaces::PublishItem Item(const std::string& sku) {
        auto it = SampleItem(sku);
        it.category = {{"id", 91491}, {"name", "Мобильные телефоны"}};
        it.image_urls = {media_.Url("/img/1.jpg"), media_.Url("/img/2.jpg")};
        it.video_url = media_.Url("/v.mp4");
        it.product.barcode.clear();
        return it;
    }
    vault::FieldMap Creds() { return Fields(Seller("yandex"), {"api_key", "business_id", "campaign_id"}); }
};

TEST_F(SandboxYandex, PublishPollPriceStockOrders) {
    auto adapter = marketplaces::MakeYandexAdapter(cfg_, *http_, limiter_, clock_);
    auto creds = Creds();
    auto v = adapter->Verify(creds);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok) << v->message;
    nlohmann::json wrong = Seller("yandex");
    wrong["api_key"] = "wrong-key";
    auto bad = adapter->Verify(Fields(wrong, {"api_key", "business_id", "campaign_id"}));
    ASSERT_TRUE(bad.ok());
    EXPECT_FALSE(bad->ok);

    auto out = adapter->Publish({Item("YA-1"), Item("YA-2")}, creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    for (const auto& o : *out) {
        ASSERT_EQ(o.state, PublishState::kModeration) << (o.reasons.empty() ? "" : o.reasons[0]);
    }
    // Stock first: Yandex shows an offer without stock as NO_STOCKS, which counts as live too.
    ASSERT_TRUE(adapter->UpdateStock("YA-1", "YA-1", 4, creds).ok());
    auto done = PollUntilFinal(*adapter, *out, creds);
    ASSERT_TRUE(done.ok()) << done.error().message;
    for (const auto& o : *done) {
        EXPECT_EQ(o.state, PublishState::kLive) << (o.reasons.empty() ? "" : o.reasons[0]);
    }
    auto again = adapter->Publish({Item("YA-1")}, creds);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE((*again)[0].created);

    auto price = adapter->UpdatePrice("YA-1", "YA-1", {289900, "RUB"}, creds);
    EXPECT_TRUE(price.ok()) << price.error().message;

    Hook(core::Marketplace::kYandex, "orders", {{"seller", "seller1"}, {"sku", "YA-1"}, {"quantity", 1}});
    auto orders = adapter->ListOrders(clock_.NowMs() - 3600'000, creds);
    ASSERT_TRUE(orders.ok()) << orders.error().message;
    bool found = false;
    for (const auto& l : *orders) {
        found = found || l.sku == "YA-1";
    }
    EXPECT_TRUE(found);
}

TEST_F(SandboxYandex, FaultsAreRetriedOrClassified) {
    auto creds = Creds();
    auto adapter = marketplaces::MakeYandexAdapter(cfg_, *http_, limiter_, clock_);
    Hook(core::Marketplace::kYandex, "faults", {{"error_next", 2}});
    auto v = adapter->Verify(creds);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok);

    auto strict_cfg = cfg_;
    strict_cfg.retry.retry_rate_limited = false;
    auto strict = marketplaces::MakeYandexAdapter(strict_cfg, *http_, limiter_, clock_);
    Hook(core::Marketplace::kYandex, "faults", {{"over_limit_next", 1}});
    auto limited = strict->UpdateStock("YA-9", "YA-9", 1, creds);
    ASSERT_FALSE(limited.ok());
    EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);
    EXPECT_GT(limited.error().retry_after_ms, 0);

    auto slow_cfg = cfg_;
    slow_cfg.timeout_ms = 200;
    slow_cfg.retry.max_attempts = 2;
    auto slow = marketplaces::MakeYandexAdapter(slow_cfg, *http_, limiter_, clock_);
    Hook(core::Marketplace::kYandex, "faults", {{"latency_ms", 600}});
    auto t = slow->Verify(creds);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, core::ErrorCode::kTimeout);
    Hook(core::Marketplace::kYandex, "faults", {{"latency_ms", 0}});
}

// The category tree is limited to 50 calls an hour per seller: one fetch must serve every category name.
TEST_F(SandboxYandex, OneTreeFetchResolvesEveryCategoryName) {
    struct Counting final : net::HttpClient {
        net::HttpClient& inner;
        std::atomic<int> tree_calls{0};
        explicit Counting(net::HttpClient& i) : inner(i) {}
        core::Result<net::HttpResponse> Send(const net::HttpRequest& r) override {
            if (r.url.find("/v2/categories/tree") != std::string::npos) {
                ++tree_calls;
            }
            return inner.Send(r);
        }
    } counting(*http_);
    auto adapter = marketplaces::MakeYandexAdapter(cfg_, counting, limiter_, clock_);
    auto creds = Creds();
    std::vector<std::pair<std::string, int64_t>> names = {
        {"Ноутбуки", 39001003}, {"Телевизоры", 39001005}, {"Мобильные телефоны", 91491}};
    for (const auto& [name, id] : names) {
        auto item = Item("YA-CAT-" + std::to_string(id));
        item.category = {{"name", name}};
        // A laptop or a TV sample lacks their required parameters; the category was found all the same.
        auto payload = adapter->BuildPayload(item, creds);
        if (payload.ok()) {
            EXPECT_NE(payload->dump().find(std::to_string(id)), std::string::npos) << name;
        } else {
            EXPECT_NE(payload.error().message.find("required parameter"), std::string::npos)
                << name << ": " << payload.error().message;
        }
    }
    EXPECT_EQ(counting.tree_calls.load(), 1);
    auto item = Item("YA-CAT-X");
    item.category = {{"name", "Нет такой категории"}};
    auto missing = adapter->BuildPayload(item, creds);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kUnprocessable);
}

}  // namespace
}  // namespace by::testing
