// Wildberries adapter against the sandbox: verify, publish a batch, poll to live (media fetched by URL),
// a media rejection with WB's reasons, update instead of duplicate, price, stock, orders, and faults
// (5xx bursts, latency past the timeout, forced over-limit).
#include "integration/marketplaces/sandbox_net_fixture.hpp"
#include "marketplaces/wildberries/wildberries_adapter.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::testing {
namespace {

using marketplaces::PublishState;

class SandboxWb : public SandboxFixture {
  protected:
    marketplaces::PublishItem Item(const std::string& sku) {
        auto it = SampleItem(sku);
        it.category = {{"id", 515}, {"name", "Смартфоны"}};
        it.image_urls = {media_.Url("/img/1.jpg"), media_.Url("/img/2.jpg")};
        it.video_url = media_.Url("/v.mp4");
        it.product.barcode.clear();
        return it;
    }
    vault::FieldMap Creds() { return Fields(Seller("wildberries"), {"token"}); }
};

TEST_F(SandboxWb, PublishPollPriceStockOrders) {
    auto adapter = marketplaces::MakeWildberriesAdapter(cfg_, *http_, limiter_, clock_);
    auto creds = Creds();
    auto v = adapter->Verify(creds);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok) << v->message;
    auto bad = adapter->Verify(Fields({{"token", "not-a-token"}}, {"token"}));
    ASSERT_TRUE(bad.ok());
    EXPECT_FALSE(bad->ok);
    EXPECT_FALSE(bad->message.empty());

    std::vector<marketplaces::PublishItem> items = {Item("WB-1"), Item("WB-2"), Item("WB-3")};
    items[2].image_urls = {media_.Url("/small.jpg")};  // below WB's 700x900
    auto out = adapter->Publish(items, creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    for (const auto& o : *out) {
        EXPECT_EQ(o.state, PublishState::kSubmitted) << (o.reasons.empty() ? "" : o.reasons[0]);
    }
    auto done = PollUntilFinal(*adapter, *out, creds);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ((*done)[0].state, PublishState::kLive);
    EXPECT_EQ((*done)[1].state, PublishState::kLive);
    EXPECT_FALSE((*done)[0].marketplace_ref.empty());
    ASSERT_EQ((*done)[2].state, PublishState::kRejected);
    ASSERT_FALSE((*done)[2].reasons.empty());
    EXPECT_NE((*done)[2].reasons[0].find("700x900"), std::string::npos) << (*done)[2].reasons[0];

    auto again = adapter->Publish({Item("WB-1")}, creds);
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_FALSE((*again)[0].created);
    EXPECT_EQ((*again)[0].marketplace_ref, (*done)[0].marketplace_ref);

    std::string nm = (*done)[0].marketplace_ref;
    auto price = adapter->UpdatePrice("WB-1", nm, {349900, "RUB"}, creds);
    EXPECT_TRUE(price.ok()) << price.error().message;
    auto stock = adapter->UpdateStock("WB-1", nm, 25, creds);
    EXPECT_TRUE(stock.ok()) << stock.error().message;

    Hook(core::Marketplace::kWildberries, "orders", {{"seller", "seller1"}, {"sku", "WB-1"}, {"quantity", 2}});
    auto orders = adapter->ListOrders(clock_.NowMs() - 3600'000, creds);
    ASSERT_TRUE(orders.ok()) << orders.error().message;
    int ours = 0;
    for (const auto& l : *orders) {
        ours += l.sku == "WB-1" ? 1 : 0;
    }
    EXPECT_EQ(ours, 2);
}

TEST_F(SandboxWb, FaultsAreRetriedOrClassified) {
    auto creds = Creds();
    auto adapter = marketplaces::MakeWildberriesAdapter(cfg_, *http_, limiter_, clock_);
    auto out = adapter->Publish({Item("WB-F")}, creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    auto done = PollUntilFinal(*adapter, *out, creds);
    ASSERT_TRUE(done.ok());
    std::string nm = (*done)[0].marketplace_ref;

    Hook(core::Marketplace::kWildberries, "faults", {{"error_next", 2}});  // a 5xx burst: retried away
    auto s = adapter->UpdatePrice("WB-F", nm, {100000, "RUB"}, creds);
    EXPECT_TRUE(s.ok()) << s.error().message;

    auto strict_cfg = cfg_;
    strict_cfg.retry.retry_rate_limited = false;
    auto strict = marketplaces::MakeWildberriesAdapter(strict_cfg, *http_, limiter_, clock_);
    Hook(core::Marketplace::kWildberries, "faults", {{"over_limit_next", 1}});
    auto limited = strict->UpdatePrice("WB-F", nm, {100000, "RUB"}, creds);
    ASSERT_FALSE(limited.ok());
    EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);
    EXPECT_GT(limited.error().retry_after_ms, 0);

    auto slow_cfg = cfg_;
    slow_cfg.timeout_ms = 200;
    slow_cfg.retry.max_attempts = 2;
    auto slow = marketplaces::MakeWildberriesAdapter(slow_cfg, *http_, limiter_, clock_);
    Hook(core::Marketplace::kWildberries, "faults", {{"latency_ms", 600}});
    auto t = slow->UpdateStock("WB-F", nm, 3, creds);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, core::ErrorCode::kTimeout);
    EXPECT_TRUE(t.error().IsTransient());
    Hook(core::Marketplace::kWildberries, "faults", {{"latency_ms", 0}});
}

}  // namespace
}  // namespace by::testing
