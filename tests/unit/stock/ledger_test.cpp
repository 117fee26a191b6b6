// Orders lower the one stock figure exactly once each, even when many pollers ingest the same orders at
// once; cancellations give back; the stock never goes negative and oversold units are recorded.
#include <atomic>
#include <thread>

#include "stock/order_ledger.hpp"
#include "unit/stock/stock_fixture.hpp"

namespace by::stock {
namespace {

using LedgerTest = StockFixture;

TEST_F(LedgerTest, EachOrderTakesItsQuantityOnce) {
    std::string pid = Product("PH-1", 10);
    OrderLedger ledger(store_);
    auto r = ledger.Ingest(partner_, core::Marketplace::kOzon, {Line("o-1", "PH-1", 2), Line("o-2", "PH-1", 1)});
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->new_orders, 2);
    ASSERT_EQ(r->changed.size(), 1u);
    EXPECT_EQ(r->changed[0].product_id, pid);
    EXPECT_EQ(r->changed[0].stock, 7);
    EXPECT_EQ(Stock(pid), 7);

    // The next poll overlaps the last one: the same orders again change nothing.
    auto again = ledger.Ingest(partner_, core::Marketplace::kOzon, {Line("o-2", "PH-1", 1), Line("o-3", "PH-1", 1)});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->new_orders, 1);
    EXPECT_EQ(Stock(pid), 6);
    // The same order number on another marketplace is another order.
    ASSERT_TRUE(ledger.Ingest(partner_, core::Marketplace::kWildberries, {Line("o-1", "PH-1", 1)}).ok());
    EXPECT_EQ(Stock(pid), 5);

    auto list = ledger.List(partner_, pid, store::Page{2, ""});
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->items.size(), 2u);
    EXPECT_FALSE(list->next_cursor.empty());
    auto rest = ledger.List(partner_, std::nullopt, store::Page{10, list->next_cursor});
    ASSERT_TRUE(rest.ok());
    EXPECT_EQ(rest->items.size(), 2u);
    EXPECT_EQ(list->items[0].unit_price, 250000000) << "no price in the answer: the product's price";
    EXPECT_EQ(list->items[0].currency, "UZS");
}

TEST_F(LedgerTest, CancellationGivesBackOnceAndUnknownSkusAreCountedNotApplied) {
    std::string pid = Product("PH-2", 5);
    OrderLedger ledger(store_);
    ASSERT_TRUE(ledger.Ingest(partner_, core::Marketplace::kYandex, {Line("y-1", "PH-2", 2)}).ok());
    EXPECT_EQ(Stock(pid), 3);
    auto c = ledger.Ingest(partner_, core::Marketplace::kYandex, {Line("y-1", "PH-2", 2, "CANCELLED")});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->cancelled, 1);
    EXPECT_EQ(Stock(pid), 5);
    ASSERT_TRUE(ledger.Ingest(partner_, core::Marketplace::kYandex, {Line("y-1", "PH-2", 2, "CANCELLED")}).ok());
    EXPECT_EQ(Stock(pid), 5) << "a cancellation seen twice gives back once";
    // First seen already cancelled: nothing taken, nothing given.
    ASSERT_TRUE(ledger.Ingest(partner_, core::Marketplace::kYandex, {Line("y-2", "PH-2", 4, "canceled_by_client")}).ok());
    EXPECT_EQ(Stock(pid), 5);
    auto u = ledger.Ingest(partner_, core::Marketplace::kYandex, {Line("y-3", "NOT-OURS", 1)});
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->unknown_sku, 1);
    EXPECT_TRUE(u->changed.empty());
}

TEST_F(LedgerTest, StockStopsAtZeroAndTheShortfallIsRecorded) {
    std::string pid = Product("PH-3", 2);
    OrderLedger ledger(store_);
    auto r = ledger.Ingest(partner_, core::Marketplace::kUzum, {Line("u-1", "PH-3", 3)});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->oversold, 1);
    EXPECT_EQ(Stock(pid), 0);
    auto list = ledger.List(partner_, pid, store::Page{});
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->items.size(), 1u);
    EXPECT_EQ(list->items[0].oversold, 1);
    // Cancelling it gives back only the two units it really took.
    ASSERT_TRUE(ledger.Ingest(partner_, core::Marketplace::kUzum, {Line("u-1", "PH-3", 3, "CANCELED")}).ok());
    EXPECT_EQ(Stock(pid), 2);
}

TEST_F(LedgerTest, ConcurrentPollersCountEveryOrderExactlyOnce) {
    std::string pid = Product("PH-4", 1000);
    // Four marketplaces, 40 orders each; eight pollers, each ingesting two marketplaces' orders twice over.
    const std::vector<core::Marketplace> mps(core::kAllMarketplaces.begin(), core::kAllMarketplaces.end());
    std::vector<std::vector<marketplaces::OrderLine>> orders(4);
    int64_t total = 0;
    for (int m = 0; m < 4; ++m) {
        for (int i = 0; i < 40; ++i) {
            orders[m].push_back(Line("n-" + std::to_string(i), "PH-4", 1 + (i % 3)));
            total += 1 + (i % 3);
        }
    }
    std::atomic<int> failures{0};
    std::vector<std::thread> pollers;
    for (int t = 0; t < 8; ++t) {
        pollers.emplace_back([&, t] {
            OrderLedger ledger(store_);
            for (int round = 0; round < 2; ++round) {
                for (int m : {t % 4, (t + 1) % 4}) {
                    if (!ledger.Ingest(partner_, mps[m], orders[m]).ok()) ++failures;
                }
            }
        });
    }
    for (auto& p : pollers) p.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(Stock(pid), 1000 - total);
    auto n = t_.db->Query("SELECT COUNT(*), SUM(quantity) FROM orders");
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->rows[0].Int(0), 160);
    EXPECT_EQ(n->rows[0].Int(1), total);
}

TEST_F(LedgerTest, SavingOtherFieldsNeverOverwritesTheStockOrdersMoved) {
    std::string pid = Product("PH-5", 9);
    auto before = store_.GetProduct(partner_, pid);
    ASSERT_TRUE(before.ok());
    OrderLedger ledger(store_);
    ASSERT_TRUE(ledger.Ingest(partner_, core::Marketplace::kOzon, {Line("z-1", "PH-5", 4)}).ok());
    // A price edit made from the product as read before the order.
    before->price = {260000000, "UZS"};
    ASSERT_TRUE(store_.UpdateProduct(*before, /*set_stock=*/false).ok());
    EXPECT_EQ(Stock(pid), 5);
    before->stock = 30;
    ASSERT_TRUE(store_.UpdateProduct(*before, /*set_stock=*/true).ok());
    EXPECT_EQ(Stock(pid), 30) << "a seller's count sets it";
}

}  // namespace
}  // namespace by::stock
