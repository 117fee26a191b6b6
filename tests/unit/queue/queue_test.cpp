// The JobQueue contract on the SQL backend: SQLite by default, PostgreSQL with BY_TEST_BACKEND=pg
// (ctest label pg, program re-run as queue_pgtest), plus what only the SQL backend offers (Q8).
#include "queue/db/db_job_queue.hpp"
#include "queue/db/db_rate_limiter.hpp"
#include "testing/test_db.hpp"
#include "unit/queue/queue_contract.hpp"

namespace by::queue::contract {
namespace {

class DbHarness final : public QueueHarness {
  public:
    DbHarness(testing::FakeClock& clock, Rng& rng, const QueueConfig& config)
        : tdb_(testing::OpenTestDb(16)),
          queue_(*tdb_.db, clock, rng, config, tdb_.postgres ? tdb_.url : std::string()),
          limiter_(*tdb_.db, clock) {}
    JobQueue& queue() override { return queue_; }
    RateLimiter& limiter() override { return limiter_; }
    DbJobQueue& db_queue() { return queue_; }
    store::SqlDb& db() { return *tdb_.db; }
    const testing::TestDb& test_db() const { return tdb_; }

  private:
    testing::TestDb tdb_;
    DbJobQueue queue_;
    DbRateLimiter limiter_;
};

}  // namespace

std::unique_ptr<QueueHarness> MakeHarness(testing::FakeClock& clock, Rng& rng, const QueueConfig& config) {
    return std::make_unique<DbHarness>(clock, rng, config);
}

class DbQueueTest : public QueueContract {
  protected:
    DbHarness& h() { return static_cast<DbHarness&>(*harness_); }
};

// Q8: the approval and its jobs commit together; a rolled-back transaction leaves no job.
TEST_F(DbQueueTest, Q8_EnqueueInsideRolledBackTxLeavesNoJob) {
    NewJob j = J();
    j.dedupe_key = "req_1|content";
    std::string id;
    auto st = h().db().Tx([&](store::SqlConn& c) -> core::Status {
        BY_ASSIGN(auto r, h().db_queue().EnqueueTx(c, j));
        id = r.id;
        return core::Error::Conflict("request was approved by someone else");  // forces the rollback
    });
    ASSERT_FALSE(st.ok());
    ASSERT_FALSE(id.empty());
    EXPECT_EQ(q().Get(id).error().code, core::ErrorCode::kNotFound);
    EXPECT_FALSE(ClaimOne()) << "a worker never sees a job whose transaction rolled back";
    auto stats = q().Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->waiting + stats->delayed + stats->in_flight, 0);

    auto ok = h().db().Tx([&](store::SqlConn& c) -> core::Status {
        BY_ASSIGN(auto r, h().db_queue().EnqueueTx(c, j));
        id = r.id;
        return core::Ok();
    });
    ASSERT_TRUE(ok.ok());
    h().db_queue().NotifyWork();
    auto c = ClaimOne();
    ASSERT_TRUE(c);
    EXPECT_EQ(c->id, id);
}

// Q14 across processes on PostgreSQL: another queue instance (its own connections, as another process
// would have) is woken by NOTIFY at commit, not by its poll timeout.
TEST_F(DbQueueTest, Q14_NotifyWakesAnotherQueueInstance) {
    if (!h().test_db().postgres) GTEST_SKIP() << "LISTEN/NOTIFY is PostgreSQL's";
    auto other_db = store::OpenDatabase(h().test_db().url, 2);
    ASSERT_TRUE(other_db.ok());
    DbJobQueue other(**other_db, clock_, rng_, config_, h().test_db().url);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let its listener connect
    other.WaitForWork(1);  // consume the wakeup its listener gives on connect
    auto started = std::chrono::steady_clock::now();
    std::thread waiter([&] { other.WaitForWork(10'000); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Add(J());
    waiter.join();
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    EXPECT_LT(waited.count(), 5000);
    auto got = other.Claim({"other", 1, {}});
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->size(), 1u);
}

// The claim walks lanes with index probes: a big backlog of one partner does not slow the claim query
// into a table scan (checked on SQLite's plan; PostgreSQL's planner decides by statistics).
TEST_F(DbQueueTest, ClaimUsesTheWaitingIndex) {
    if (h().db().dialect() != store::Dialect::kSqlite) GTEST_SKIP() << "SQLite plan only";
    auto plan = h().db().Query(
        "EXPLAIN QUERY PLAN SELECT j2.id FROM jobs j2 WHERE j2.state = 'waiting' AND (j2.partner_id, j2.priority) "
        "> ('a', 1) ORDER BY j2.partner_id, j2.priority, j2.ready_at, j2.id LIMIT 1",
        {});
    ASSERT_TRUE(plan.ok());
    std::string text;
    for (auto& r : plan->rows) text += r.Str(3) + "\n";
    EXPECT_NE(text.find("jobs_waiting"), std::string::npos) << text;
    EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << text;
}

}  // namespace by::queue::contract
