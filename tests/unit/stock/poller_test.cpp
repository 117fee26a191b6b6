// The order poller: due pairs only, one poller per pair even with several processes, the cursor moves
// only after a good poll, failures wait for the next interval, and changed stock is pushed.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "stock/order_poller.hpp"
#include "unit/stock/stock_fixture.hpp"

namespace by::stock {
namespace {

// The marketplaces' answers, per (partner, marketplace), as an adapter would give them.
class ScriptedSource final : public OrderSource {
  public:
    core::Result<std::vector<marketplaces::OrderLine>> ListOrders(const std::string& partner_id, core::Marketplace mp,
                                                                  int64_t since_ms) override {
        std::lock_guard lock(mu);
        ++calls[std::string(core::MarketplaceName(mp))];
        last_since[std::string(core::MarketplaceName(mp))] = since_ms;
        if (fail) return core::Error::Unavailable("marketplace answered 503");
        // Slow enough that concurrent pollers overlap.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return lines[std::string(core::MarketplaceName(mp))];
    }
    std::mutex mu;
    std::map<std::string, std::vector<marketplaces::OrderLine>> lines;
    std::map<std::string, int> calls;
    std::map<std::string, int64_t> last_since;
    bool fail = false;
};

class PollerTest : public StockFixture {
  protected:
    PollerOptions Options(const std::string& owner) {
        PollerOptions o;
        o.interval_ms = 60000;
        o.overlap_ms = 600000;
        o.low_stock = 3;
        o.owner = owner;
        return o;
    }
    OrderPoller::PushFn Recorder() {
        return [this](const std::string& partner, const std::string& product) {
            std::lock_guard lock(pushed_mu_);
            pushed_.push_back(partner + "/" + product);
            return core::Ok();
        };
    }
    std::mutex pushed_mu_;
    std::vector<std::string> pushed_;
};

TEST_F(PollerTest, PollsLivePairsWhenDueAndPushesTheNewFigure) {
    std::string pid = Product("PH-1", 6);
    Live(pid, {"ozon", "wildberries"});
    ScriptedSource source;
    source.lines["ozon"] = {Line("o-1", "PH-1", 2)};
    source.lines["wildberries"] = {Line("w-1", "PH-1", 1)};
    std::vector<std::pair<std::string, int64_t>> low;
    OrderPoller poller(store_, source, Recorder(), Options("w1"),
                       [&](const std::string&, const std::string& product, int64_t stock) { low.emplace_back(product, stock); });

    auto first = poller.RunOnce();
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->pairs_polled, 2);
    EXPECT_EQ(first->orders.new_orders, 2);
    EXPECT_EQ(Stock(pid), 3);
    EXPECT_EQ(pushed_.size(), 2u) << "each change is pushed to the product's marketplaces";
    ASSERT_FALSE(low.empty());
    EXPECT_EQ(low.back(), std::make_pair(pid, int64_t{3}));

    // Not due again until the interval has passed.
    auto soon = poller.RunOnce();
    ASSERT_TRUE(soon.ok());
    EXPECT_EQ(soon->pairs_polled, 0);
    clock_.Advance(60000);
    source.lines["ozon"].push_back(Line("o-2", "PH-1", 1));
    auto later = poller.RunOnce();
    ASSERT_TRUE(later.ok());
    EXPECT_EQ(later->pairs_polled, 2);
    EXPECT_EQ(later->orders.new_orders, 1) << "o-1 again is not counted twice";
    EXPECT_EQ(Stock(pid), 2);
    // Each poll reaches back the overlap before the previous one.
    EXPECT_EQ(source.last_since["ozon"], clock_.NowMs() - 60000 - 600000);
}

TEST_F(PollerTest, AFailedPollKeepsTheCursorAndWaitsForTheNextInterval) {
    std::string pid = Product("PH-2", 5);
    Live(pid, {"yandex"});
    ScriptedSource source;
    source.fail = true;
    OrderPoller poller(store_, source, Recorder(), Options("w1"));
    auto r = poller.RunOnce();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->failures, 1);
    auto row = t_.db->Query("SELECT since_ms, last_error, lease_until FROM order_cursors WHERE marketplace = 'yandex'");
    ASSERT_TRUE(row.ok());
    ASSERT_EQ(row->size(), 1u);
    int64_t since = row->rows[0].Int(0);
    EXPECT_NE(row->rows[0].Str(1).find("503"), std::string::npos);
    EXPECT_EQ(row->rows[0].Int(2), 0) << "the lease is given back";
    EXPECT_EQ(poller.RunOnce()->pairs_polled, 0);

    clock_.Advance(60000);
    source.fail = false;
    source.lines["yandex"] = {Line("y-1", "PH-2", 1)};
    auto ok = poller.RunOnce();
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(ok->failures, 0);
    EXPECT_EQ(Stock(pid), 4);
    EXPECT_EQ(source.last_since["yandex"], since - 600000) << "the failed poll did not move the cursor";
    auto after = t_.db->Query("SELECT last_error FROM order_cursors WHERE marketplace = 'yandex'");
    EXPECT_EQ(after->rows[0].Str(0), "");
}

TEST_F(PollerTest, ManyProcessesPollEachPairOnce) {
    std::string pid = Product("PH-3", 100);
    Live(pid, {"ozon", "wildberries", "yandex", "uzum"});
    ScriptedSource source;
    for (const char* mp : {"ozon", "wildberries", "yandex", "uzum"}) source.lines[mp] = {Line("x-1", "PH-3", 1)};
    std::vector<std::unique_ptr<OrderPoller>> pollers;
    for (int i = 0; i < 6; ++i) {
        pollers.push_back(std::make_unique<OrderPoller>(store_, source, Recorder(), Options("w" + std::to_string(i))));
    }
    std::vector<std::thread> threads;
    std::atomic<int> polled{0};
    for (auto& p : pollers) {
        threads.emplace_back([&polled, &p] {
            auto r = p->RunOnce();
            if (r.ok()) polled += r->pairs_polled;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(polled.load(), 4);
    for (const char* mp : {"ozon", "wildberries", "yandex", "uzum"}) EXPECT_EQ(source.calls[mp], 1) << mp;
    EXPECT_EQ(Stock(pid), 96);
}

TEST_F(PollerTest, CardsThatAreNotLiveAreNotPolled) {
    std::string pid = Product("PH-4", 5);
    Live(pid, {"ozon"});
    ASSERT_TRUE(t_.db->Exec("UPDATE cards SET status = 'rejected'").ok());
    ScriptedSource source;
    OrderPoller poller(store_, source, Recorder(), Options("w1"));
    EXPECT_EQ(poller.RunOnce()->pairs_polled, 0);
    EXPECT_TRUE(source.calls.empty());
}

}  // namespace
}  // namespace by::stock
