// The readers against the sandbox's storefronts over loopback, with the real libcurl client. The
// sandbox runs on a FakeClock (time scale 60), so prices move when the test moves time; every expected
// price comes from the sandbox's own /__sandbox/competitors hook at that moment.
#include <gtest/gtest.h>

#include "competitors/price_reader.hpp"
#include "competitors/scheduler.hpp"
#include "competitors/watch_list.hpp"
#include "net/curl/curl_http_client.hpp"
#include "sandbox/sandbox.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::competitors {
namespace {

std::string Origin(const std::string& base) {
    size_t path = base.find('/', base.find("://") + 3);
    return path == std::string::npos ? base : base.substr(0, path);
}

class StorefrontTest : public ::testing::Test {
  protected:
    void SetUp() override {
        sandbox::SandboxOptions o;
        o.uzum_port = o.wb_port = o.yandex_port = o.ozon_port = o.cabinet_port = 0;
        o.time_scale = 60;
        o.clock = &clock_;
        o.threads_per_port = 4;
        auto sb = sandbox::Sandbox::Start(o);
        ASSERT_TRUE(sb.ok()) << sb.error().message;
        sandbox_ = std::move(*sb);
        http_ = net::MakeCurlHttpClient();
        urls_.wildberries = Origin(sandbox_->BaseUrl(core::Marketplace::kWildberries));
        urls_.uzum = Origin(sandbox_->BaseUrl(core::Marketplace::kUzum));
        urls_.ozon = Origin(sandbox_->BaseUrl(core::Marketplace::kOzon));
        urls_.yandex = Origin(sandbox_->BaseUrl(core::Marketplace::kYandex));
        reader_ = std::make_unique<StorefrontReader>(*http_, urls_, 5000);
    }
    void TearDown() override {
        if (sandbox_) sandbox_->Stop();
    }

    // {card id: price in minor units} as the sandbox's hook reports it now.
    std::map<std::string, int64_t> Expected(core::Marketplace mp) {
        net::HttpRequest r;
        r.url = Origin(sandbox_->BaseUrl(mp)) + "/__sandbox/competitors";
        auto res = http_->Send(r);
        EXPECT_TRUE(res.ok() && res->status == 200);
        std::map<std::string, int64_t> out;
        if (!res.ok()) return out;
        auto j = nlohmann::json::parse(res->body);
        for (const auto& c : j["competitors"]) out[c["id"].get<std::string>()] = c["price"].get<int64_t>() * 100;
        return out;
    }

    testing::FakeClock clock_;
    std::unique_ptr<sandbox::Sandbox> sandbox_;
    net::HttpClientPtr http_;
    StorefrontUrls urls_;
    std::unique_ptr<StorefrontReader> reader_;
};

TEST_F(StorefrontTest, EveryCompetitorCardReadsAtTheSandboxPriceAndMovesWithTime) {
    int moved = 0;
    std::map<std::string, int64_t> read_before;
    for (auto mp : core::kAllMarketplaces) {
        auto before = Expected(mp);
        ASSERT_FALSE(before.empty()) << core::MarketplaceName(mp);
        for (const auto& [id, price] : before) {
            auto r = reader_->Read(mp, id);
            ASSERT_TRUE(r.ok()) << core::MarketplaceName(mp) << " " << id << ": " << r.error().ToString();
            EXPECT_EQ(r->amount, price) << id;
            EXPECT_EQ(r->currency, mp == core::Marketplace::kUzum ? "UZS" : "RUB") << id;
            EXPECT_FALSE(r->title.empty()) << id;
            read_before[id] = r->amount;
        }
    }
    // 620 real seconds at scale 60 is 10 h 20 min of sandbox time: no card (periods 1-4 h) is back where it was.
    clock_.Advance(620000);
    for (auto mp : core::kAllMarketplaces) {
        for (const auto& [id, price] : Expected(mp)) {
            auto r = reader_->Read(mp, id);
            ASSERT_TRUE(r.ok()) << r.error().ToString();
            EXPECT_EQ(r->amount, price) << id;
            moved += r->amount != read_before[id] ? 1 : 0;
        }
    }
    EXPECT_GT(moved, static_cast<int>(read_before.size()) / 2);
}

TEST_F(StorefrontTest, PricesChangeBetweenTwoMoments) {
    auto a = reader_->Read(core::Marketplace::kWildberries, Expected(core::Marketplace::kWildberries).begin()->first);
    clock_.Advance(620000);
    auto b = reader_->Read(core::Marketplace::kWildberries, Expected(core::Marketplace::kWildberries).begin()->first);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(a->amount, b->amount);
}

TEST_F(StorefrontTest, AnUnknownCardIsNotFoundOnEveryStorefront) {
    for (auto mp : core::kAllMarketplaces) {
        auto r = reader_->Read(mp, "999999999");
        ASSERT_FALSE(r.ok()) << core::MarketplaceName(mp);
        EXPECT_EQ(r.error().code, core::ErrorCode::kNotFound) << core::MarketplaceName(mp) << r.error().ToString();
    }
}

TEST_F(StorefrontTest, TheSchedulerKeepsTheHistoryAndRecordsAFaultThenRecovers) {
    auto t = testing::OpenTestDb();
    store::Store store(*t.db, clock_);
    auto pw = store.CreatePartnerWithOwner("Do'kon", "seller@x.uz", "h");
    ASSERT_TRUE(pw.ok());
    core::Product p;
    p.partner_id = pw->first.id;
    p.sku = "PH-1";
    p.name = "Telefon";
    p.category = "phones";
    p.brand = "Acme";
    p.cost = {100000000, "UZS"};
    p.price = {250000000, "UZS"};
    auto prod = store.CreateProduct(p);
    ASSERT_TRUE(prod.ok());
    const std::string card = Expected(core::Marketplace::kUzum).begin()->first;
    WatchList list(store);
    auto row = list.Add(pw->first.id, prod->id, core::Marketplace::kUzum, card);
    ASSERT_TRUE(row.ok());
    SchedulerOptions so;
    so.interval_ms = 60000;
    so.owner = "test";
    PriceScheduler scheduler(store, *reader_, so);

    ASSERT_EQ(scheduler.RunOnce()->read, 1);
    int64_t first = Expected(core::Marketplace::kUzum)[card];
    EXPECT_EQ(list.Get(pw->first.id, row->id)->last_price->amount, first);

    // The storefront fails once: the error is kept, the last good price stays.
    net::HttpRequest fault;
    fault.method = "POST";
    fault.url = urls_.uzum + "/__sandbox/faults";
    fault.body = R"({"error_next": 1})";
    fault.headers = {{"Content-Type", "application/json"}};
    auto f = http_->Send(fault);
    ASSERT_TRUE(f.ok() && f->status == 200);
    clock_.Advance(60000);
    auto failed = scheduler.RunOnce();
    ASSERT_TRUE(failed.ok());
    EXPECT_EQ(failed->failed, 1);
    auto after_fault = list.Get(pw->first.id, row->id);
    EXPECT_FALSE(after_fault->last_error.empty());
    EXPECT_EQ(after_fault->last_price->amount, first);

    clock_.Advance(60000);
    ASSERT_EQ(scheduler.RunOnce()->read, 1);
    int64_t second = Expected(core::Marketplace::kUzum)[card];
    auto healed = list.Get(pw->first.id, row->id);
    EXPECT_EQ(healed->last_price->amount, second);
    EXPECT_TRUE(healed->last_error.empty());
    auto history = list.Prices(pw->first.id, row->id, store::Page{});
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->items.size(), 2u);
    EXPECT_EQ(history->items[0].price.amount, second);
    EXPECT_EQ(history->items[1].price.amount, first);
}

}  // namespace
}  // namespace by::competitors
