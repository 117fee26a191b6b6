// The scheduler over a real test database: due cards only, one reader per card however many schedulers
// share the database, history per read, failures recorded and retried next interval.
#include <thread>
#include <vector>

#include "competitors/scheduler.hpp"
#include "competitors/undercut.hpp"
#include "competitors_fixture.hpp"

namespace by::competitors {
namespace {

constexpr int64_t kInterval = 10 * 60000;

SchedulerOptions Options(const std::string& owner) {
    SchedulerOptions o;
    o.interval_ms = kInterval;
    o.lease_ms = 60000;
    o.owner = owner;
    return o;
}

using SchedulerTest = CompetitorsFixture;

TEST_F(SchedulerTest, ReadsOnlyDueCardsAndTheHistoryGrowsPerRead) {
    FakeReader reader;
    reader.SetPrice("111", 1899000);
    reader.SetPrice("222", 459000);
    std::string a = Watch("111"), b = Watch("222");
    PriceScheduler s(store_, reader, Options("w1"));

    auto first = s.RunOnce();
    ASSERT_TRUE(first.ok()) << first.error().ToString();
    EXPECT_EQ(first->read, 2);
    EXPECT_EQ(HistoryCount(a), 1);

    clock_.Advance(kInterval - 1);
    auto early = s.RunOnce();
    ASSERT_TRUE(early.ok());
    EXPECT_EQ(early->read, 0);
    EXPECT_EQ(reader.TotalReads(), 2);

    reader.SetPrice("111", 1750000);
    clock_.Advance(1);
    auto due = s.RunOnce();
    ASSERT_TRUE(due.ok());
    EXPECT_EQ(due->read, 2);
    EXPECT_EQ(HistoryCount(a), 2);
    EXPECT_EQ(HistoryCount(b), 2);

    auto row = list_.Get(partner_, a);
    ASSERT_TRUE(row.ok());
    ASSERT_TRUE(row->last_price.has_value());
    EXPECT_EQ(row->last_price->amount, 1750000);
    EXPECT_EQ(row->last_price->currency, "RUB");
    EXPECT_EQ(row->title, "Card 111");
    EXPECT_EQ(row->last_read_at, clock_.NowMs());
    EXPECT_EQ(row->next_read_at, clock_.NowMs() + kInterval);

    auto history = list_.Prices(partner_, a, store::Page{1, ""});
    ASSERT_TRUE(history.ok());
    ASSERT_EQ(history->items.size(), 1u);
    EXPECT_EQ(history->items[0].price.amount, 1750000);  // newest first
    ASSERT_FALSE(history->next_cursor.empty());
    auto older = list_.Prices(partner_, a, store::Page{1, history->next_cursor});
    ASSERT_TRUE(older.ok());
    ASSERT_EQ(older->items.size(), 1u);
    EXPECT_EQ(older->items[0].price.amount, 1899000);
    EXPECT_TRUE(older->next_cursor.empty());
}

TEST_F(SchedulerTest, SeveralSchedulersOnOneDatabaseReadEachCardOnce) {
    FakeReader reader;
    reader.delay_ms = 15;  // reads overlap in time, so a missing lease would show as two at once
    std::vector<std::string> ids;
    for (int i = 0; i < 12; ++i) {
        std::string card = std::to_string(9000 + i);
        reader.SetPrice(card, 1000 + i);
        ids.push_back(Watch(card));
    }
    std::vector<std::unique_ptr<PriceScheduler>> schedulers;
    for (int w = 0; w < 4; ++w) schedulers.push_back(std::make_unique<PriceScheduler>(store_, reader, Options("w" + std::to_string(w))));
    std::atomic<int> read{0}, failed{0};
    std::vector<std::thread> threads;
    for (auto& s : schedulers) {
        threads.emplace_back([&s, &read, &failed] {
            auto r = s->RunOnce();
            ASSERT_TRUE(r.ok()) << r.error().ToString();
            read += r->read;
            failed += r->failed;
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(read.load(), 12);
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(reader.TotalReads(), 12);
    EXPECT_EQ(reader.MaxInFlight(), 1);
    for (const auto& id : ids) EXPECT_EQ(HistoryCount(id), 1) << id;
}

TEST_F(SchedulerTest, AFailedReadIsRecordedAndTriedAgainNextInterval) {
    FakeReader reader;
    reader.SetPrice("333", 99000);
    reader.Fail("333", core::Error::Unavailable("wildberries storefront answered 503"));
    std::string id = Watch("333");
    PriceScheduler s(store_, reader, Options("w1"));

    auto r = s.RunOnce();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->failed, 1);
    auto row = list_.Get(partner_, id);
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(row->last_error, "wildberries storefront answered 503");
    EXPECT_EQ(row->failures, 1);
    EXPECT_FALSE(row->last_price.has_value());
    EXPECT_EQ(row->checked_at, clock_.NowMs());
    EXPECT_EQ(HistoryCount(id), 0);

    clock_.Advance(kInterval / 2);
    ASSERT_TRUE(s.RunOnce().ok());
    EXPECT_EQ(reader.Reads("333"), 1);  // not before the interval

    clock_.Advance(kInterval / 2);
    auto again = s.RunOnce();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->failed, 1);
    EXPECT_EQ(list_.Get(partner_, id)->failures, 2);

    reader.Heal("333");
    clock_.Advance(kInterval);
    auto healed = s.RunOnce();
    ASSERT_TRUE(healed.ok());
    EXPECT_EQ(healed->read, 1);
    row = list_.Get(partner_, id);
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(row->last_error, "");
    EXPECT_EQ(row->failures, 0);
    ASSERT_TRUE(row->last_price.has_value());
    EXPECT_EQ(row->last_price->amount, 99000);
    EXPECT_EQ(HistoryCount(id), 1);
}

TEST_F(SchedulerTest, RetryAfterLongerThanTheIntervalIsRespected) {
    FakeReader reader;
    reader.Fail("444", core::Error::RateLimited(3 * kInterval));
    std::string id = Watch("444");
    PriceScheduler s(store_, reader, Options("w1"));
    ASSERT_TRUE(s.RunOnce().ok());
    EXPECT_EQ(list_.Get(partner_, id)->next_read_at, clock_.NowMs() + 3 * kInterval);
}

TEST_F(SchedulerTest, ALeaseHeldByAnotherProcessKeepsTheCardUntilItExpires) {
    FakeReader reader;
    reader.SetPrice("555", 1200);
    std::string id = Watch("555");
    ASSERT_TRUE(t_.db->Exec("UPDATE competitor_cards SET lease_owner = 'other', lease_until = ? WHERE id = ?",
                            {clock_.NowMs() + 60000, id}).ok());
    PriceScheduler s(store_, reader, Options("w1"));
    EXPECT_EQ(s.RunOnce()->read, 0);
    auto now = s.ReadNow(partner_, id);
    ASSERT_FALSE(now.ok());
    EXPECT_EQ(now.error().code, core::ErrorCode::kConflict);
    clock_.Advance(60001);
    EXPECT_EQ(s.RunOnce()->read, 1);
    EXPECT_EQ(reader.Reads("555"), 1);
}

TEST_F(SchedulerTest, ReadNowReadsAheadOfScheduleAndOnlyTheCallersCards) {
    FakeReader reader;
    reader.SetPrice("666", 5000);
    std::string id = Watch("666");
    PriceScheduler s(store_, reader, Options("w1"));
    ASSERT_TRUE(s.RunOnce().ok());
    reader.SetPrice("666", 4000);
    auto row = s.ReadNow(partner_, id);
    ASSERT_TRUE(row.ok()) << row.error().ToString();
    ASSERT_TRUE(row->last_price.has_value());
    EXPECT_EQ(row->last_price->amount, 4000);
    EXPECT_EQ(HistoryCount(id), 2);

    auto other = store_.CreatePartnerWithOwner("Boshqa", "other@x.uz", "h");
    ASSERT_TRUE(other.ok());
    auto theirs = s.ReadNow(other->first.id, id);
    ASSERT_FALSE(theirs.ok());
    EXPECT_EQ(theirs.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(reader.Reads("666"), 2);
}

TEST_F(SchedulerTest, ACardRemovedDuringItsReadLeavesNoHistory) {
    FakeReader reader;
    reader.SetPrice("777", 5000);
    std::string id = Watch("777");
    reader.on_read = [this, &id](const std::string&) { ASSERT_TRUE(list_.Remove(partner_, id).ok()); };
    PriceScheduler s(store_, reader, Options("w1"));
    ASSERT_TRUE(s.RunOnce().ok());
    EXPECT_EQ(reader.Reads("777"), 1);
    EXPECT_EQ(HistoryCount(id), 0);
}

TEST(Undercut, ComparesInTheCompetitorsCurrency) {
    CompetitorRow c;
    c.last_price = core::Money{1899000, "RUB"};  // 18 990 RUB
    // 2 850 000 sums at 150 sums per rouble is 19 000 RUB: undercut by 10 roubles.
    auto cmp = Compare(c, {285000000, "UZS"}, 150.0);
    ASSERT_TRUE(cmp.our_price.has_value());
    EXPECT_EQ(cmp.our_price->amount, 1900000);
    EXPECT_EQ(cmp.our_price->currency, "RUB");
    EXPECT_TRUE(cmp.undercuts);
    // At 160 sums per rouble ours is 17 812.50 RUB, below theirs: no undercut.
    EXPECT_FALSE(Compare(c, {285000000, "UZS"}, 160.0).undercuts);
    // Equal is not undercutting.
    EXPECT_FALSE(Compare(c, {1899000, "RUB"}, 150.0).undercuts);
    // No rate, no comparison (never a guess).
    auto none = Compare(c, {285000000, "UZS"}, 0);
    EXPECT_FALSE(none.our_price.has_value());
    EXPECT_FALSE(none.undercuts);
    CompetitorRow unread;
    EXPECT_FALSE(Compare(unread, {1, "UZS"}, 150.0).undercuts);
}

}  // namespace
}  // namespace by::competitors
