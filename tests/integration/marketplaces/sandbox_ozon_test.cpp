// Ozon adapter against the sandbox: verify, one import per batch, poll import/info then info/list to live,
// update by offer_id instead of duplicating, price, stock (warehouse looked up), FBS postings, and faults.
#include "integration/marketplaces/sandbox_net_fixture.hpp"
#include "marketplaces/ozon/ozon_adapter.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::testing {
namespace {

using marketplaces::PublishState;

class SandboxOzon : public SandboxFixture {
  protected:
    marketplaces::PublishItem Item(const std::string& sku) {
        auto it = SampleItem(sku);
        it.category = {{"id", 17028929}, {"type_id", 504866264}, {"name", "Наушники"}};
        it.image_urls = {media_.Url("/img/1.jpg"), media_.Url("/img/2.jpg")};
        it.video_url = media_.Url("/v.mp4");
        it.product.barcode.clear();
        return it;
    }
    vault::FieldMap Creds() { return Fields(Seller("ozon"), {"client_id", "api_key"}); }
};

TEST_F(SandboxOzon, PublishPollPriceStockOrders) {
    auto adapter = marketplaces::MakeOzonAdapter(cfg_, *http_, limiter_, clock_);
    auto creds = Creds();
    auto v = adapter->Verify(creds);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok) << v->message;
    nlohmann::json wrong = Seller("ozon");
    wrong["api_key"] = "wrong-key";
    auto bad = adapter->Verify(Fields(wrong, {"client_id", "api_key"}));
    ASSERT_TRUE(bad.ok());
    EXPECT_FALSE(bad->ok);

    auto out = adapter->Publish({Item("OZ-1"), Item("OZ-2")}, creds);
    ASSERT_TRUE(out.ok()) << out.error().message;
    for (const auto& o : *out) {
        ASSERT_EQ(o.state, PublishState::kSubmitted) << (o.reasons.empty() ? "" : o.reasons[0]);
        EXPECT_TRUE(o.created);
    }
    auto done = PollUntilFinal(*adapter, *out, creds);
    ASSERT_TRUE(done.ok()) << done.error().message;
    for (const auto& o : *done) {
        EXPECT_EQ(o.state, PublishState::kLive) << (o.reasons.empty() ? "" : o.reasons[0]);
        EXPECT_FALSE(o.marketplace_ref.empty());
    }
    auto again = adapter->Publish({Item("OZ-1")}, creds);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE((*again)[0].created);
    EXPECT_EQ((*again)[0].marketplace_ref, (*done)[0].marketplace_ref);

    auto price = adapter->UpdatePrice("OZ-1", (*done)[0].marketplace_ref, {319900, "RUB"}, creds);
    EXPECT_TRUE(price.ok()) << price.error().message;
    auto stock = adapter->UpdateStock("OZ-1", (*done)[0].marketplace_ref, 9, creds);
    EXPECT_TRUE(stock.ok()) << stock.error().message;

    Hook(core::Marketplace::kOzon, "orders", {{"seller", "seller1"}, {"sku", "OZ-1"}, {"quantity", 1}});
    auto orders = adapter->ListOrders(clock_.NowMs() - 3600'000, creds);
    ASSERT_TRUE(orders.ok()) << orders.error().message;
    bool found = false;
    for (const auto& l : *orders) {
        found = found || l.sku == "OZ-1";
    }
    EXPECT_TRUE(found);
}

TEST_F(SandboxOzon, FaultsAreRetriedOrClassified) {
    auto creds = Creds();
    auto adapter = marketplaces::MakeOzonAdapter(cfg_, *http_, limiter_, clock_);
    Hook(core::Marketplace::kOzon, "faults", {{"error_next", 2}});
    auto v = adapter->Verify(creds);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->ok);

    auto strict_cfg = cfg_;
    strict_cfg.retry.retry_rate_limited = false;
    auto strict = marketplaces::MakeOzonAdapter(strict_cfg, *http_, limiter_, clock_);
    Hook(core::Marketplace::kOzon, "faults", {{"over_limit_next", 1}});
    auto limited = strict->ListOrders(clock_.NowMs() - 3600'000, creds);
    ASSERT_FALSE(limited.ok());
    EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);

    auto slow_cfg = cfg_;
    slow_cfg.timeout_ms = 200;
    slow_cfg.retry.max_attempts = 2;
    auto slow = marketplaces::MakeOzonAdapter(slow_cfg, *http_, limiter_, clock_);
    Hook(core::Marketplace::kOzon, "faults", {{"latency_ms", 600}});
    auto t = slow->ListOrders(clock_.NowMs() - 3600'000, creds);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, core::ErrorCode::kTimeout);
    Hook(core::Marketplace::kOzon, "faults", {{"latency_ms", 0}});
}

}  // namespace
}  // namespace by::testing
