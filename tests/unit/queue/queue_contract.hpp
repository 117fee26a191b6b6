// The JobQueue contract, one test per GUARANTEES item that applies at the queue level. Compiled into
// each backend's test program (SQLite/PostgreSQL: queue_test; Redis: queue_redistest), which defines
// MakeHarness(). Time is a FakeClock; nothing sleeps except the wakeup test.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "queue/job_queue.hpp"
#include "queue/rate_limiter.hpp"
#include "testing/fake_clock.hpp"

namespace by::queue::contract {

class QueueHarness {
  public:
    virtual ~QueueHarness() = default;
    virtual JobQueue& queue() = 0;
    virtual RateLimiter& limiter() = 0;
};

// Defined by each test program: a fresh, empty queue (own database or key prefix).
std::unique_ptr<QueueHarness> MakeHarness(testing::FakeClock& clock, Rng& rng, const QueueConfig& config);

class QueueContract : public ::testing::Test {
  protected:
    void SetUp() override { Reset(QueueConfig{}); }
    void Reset(const QueueConfig& c) {
        harness_.reset();
        config_ = c;
        harness_ = MakeHarness(clock_, rng_, config_);
    }
    JobQueue& q() { return harness_->queue(); }

    NewJob J(std::string partner = "prt_a", std::optional<int> priority = std::nullopt, std::string kind = "content") {
        NewJob j;
        j.kind = std::move(kind);
        j.partner_id = std::move(partner);
        j.priority = priority;
        j.payload = R"({"n":1})";
        return j;
    }
    std::string Add(const NewJob& j) {
        auto r = q().Enqueue(j);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
        return r.ok() ? r->id : std::string();
    }
    std::vector<Job> ClaimN(int n, const std::string& worker = "w1", std::vector<std::string> kinds = {}) {
        auto r = q().Claim({worker, n, std::move(kinds)});
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
        return r.ok() ? *r : std::vector<Job>{};
    }
    std::optional<Job> ClaimOne(const std::string& worker = "w1") {
        auto v = ClaimN(1, worker);
        if (v.empty()) return std::nullopt;
        return v[0];
    }
    Job GetJob(const std::string& id) {
        auto r = q().Get(id);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
        return r.ok() ? *r : Job{};
    }

    testing::FakeClock clock_;
    DefaultRng rng_{42};
    QueueConfig config_;
    std::unique_ptr<QueueHarness> harness_;
};

TEST_F(QueueContract, LifecycleEnqueueClaimComplete) {
    NewJob j = J();
    j.marketplace = core::Marketplace::kOzon;
    j.rate_key = "credential:c1:cards";
    std::string id = Add(j);
    Job w = GetJob(id);
    EXPECT_EQ(w.state, JobState::kWaiting);
    EXPECT_EQ(w.priority, kPriorityNormal) << "unset priority is normal, never silently highest (Q4)";
    EXPECT_EQ(w.marketplace, core::Marketplace::kOzon);
    EXPECT_EQ(w.rate_key, "credential:c1:cards");
    auto c = ClaimOne();
    ASSERT_TRUE(c);
    EXPECT_EQ(c->id, id);
    EXPECT_EQ(c->state, JobState::kRunning);
    EXPECT_EQ(c->attempt, 1);
    EXPECT_EQ(c->payload, R"({"n":1})");
    EXPECT_FALSE(c->lease_token.empty());
    EXPECT_EQ(c->lease_until, clock_.NowMs() + config_.lease_ms);
    EXPECT_FALSE(ClaimOne("w2")) << "a running job is not claimable";
    ASSERT_TRUE(q().Heartbeat(c->lease()).ok());
    ASSERT_TRUE(q().Complete(c->lease(), R"({"ok":true})").ok());
    Job done = GetJob(id);
    EXPECT_EQ(done.state, JobState::kCompleted);
    EXPECT_EQ(done.result, R"({"ok":true})");
    EXPECT_TRUE(done.lease_token.empty());
}

// Q1: a killed worker's job runs again on another worker within lease + reaper + first backoff (≤ 45 s).
TEST_F(QueueContract, Q1_ExpiredLeaseIsReclaimedWithin45s) {
    std::string id = Add(J());
    auto c = ClaimOne("w1");
    ASSERT_TRUE(c);
    int64_t t0 = clock_.NowMs();
    // The worker dies: no heartbeat. The reaper runs every 5 s.
    std::optional<Job> again;
    while (!again && clock_.NowMs() - t0 <= 60'000) {
        clock_.Advance(config_.reaper_interval_ms);
        ASSERT_TRUE(q().ReapExpired().ok());
        // Another worker polls once a second in between reaps.
        for (int i = 0; i < 5 && !again; ++i) {
            again = ClaimOne("w2");
            if (!again) clock_.Advance(1000);
        }
    }
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id, id);
    EXPECT_EQ(again->worker_id, "w2");
    EXPECT_EQ(again->attempt, 2) << "the stall counted an attempt (Q3)";
    EXPECT_EQ(again->stall_count, 1);
    EXPECT_LE(clock_.NowMs() - t0, 45'000);
}

TEST_F(QueueContract, Q1_HeartbeatKeepsTheLease) {
    Add(J());
    auto c = ClaimOne();
    ASSERT_TRUE(c);
    for (int i = 0; i < 10; ++i) {
        clock_.Advance(config_.heartbeat_interval_ms);
        auto hb = q().Heartbeat(c->lease());
        ASSERT_TRUE(hb.ok());
        EXPECT_EQ(*hb, clock_.NowMs() + config_.lease_ms);
        auto reap = q().ReapExpired();
        ASSERT_TRUE(reap.ok());
        EXPECT_EQ(reap->reclaimed + reap->dead, 0);
    }
    EXPECT_TRUE(q().Complete(c->lease()).ok());
}

// Q2: the old lease's token is refused after a re-claim, and its result is discarded.
TEST_F(QueueContract, Q2_FencingOldLeaseGetsLeaseLost) {
    std::string id = Add(J());
    auto first = ClaimOne("slow");
    ASSERT_TRUE(first);
    clock_.Advance(config_.lease_ms + 1);
    ASSERT_TRUE(q().ReapExpired().ok());
    clock_.Advance(config_.backoff_cap_ms);
    auto second = ClaimOne("fast");
    ASSERT_TRUE(second);
    ASSERT_EQ(second->id, id);
    EXPECT_NE(second->lease_token, first->lease_token);

    auto late = q().Complete(first->lease(), R"({"publish":"from the slow worker"})");
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, core::ErrorCode::kLeaseLost);
    auto hb = q().Heartbeat(first->lease());
    ASSERT_FALSE(hb.ok());
    EXPECT_EQ(hb.error().code, core::ErrorCode::kLeaseLost);
    auto fail = q().Fail(first->lease(), "boom", true);
    ASSERT_FALSE(fail.ok());
    EXPECT_EQ(fail.error().code, core::ErrorCode::kLeaseLost);
    EXPECT_EQ(q().Release(first->lease()).error().code, core::ErrorCode::kLeaseLost);
    EXPECT_EQ(q().RateLimited(first->lease(), 1000).error().code, core::ErrorCode::kLeaseLost);
    EXPECT_EQ(GetJob(id).state, JobState::kRunning) << "the slow worker changed nothing";

    ASSERT_TRUE(q().Complete(second->lease(), R"({"publish":"once"})").ok());
    Job done = GetJob(id);
    EXPECT_EQ(done.state, JobState::kCompleted);
    EXPECT_EQ(done.result, R"({"publish":"once"})");
    EXPECT_EQ(q().Complete(second->lease()).error().code, core::ErrorCode::kLeaseLost) << "complete is once";
}

// Q3: stalls go through the retry policy; a job that kills its workers is dead after 3 stalls.
TEST_F(QueueContract, Q3_StallsCountAttemptsAndDeadLetterAfterThree) {
    QueueConfig c;
    c.max_attempts = 10;
    Reset(c);
    std::string id = Add(J());
    for (int stall = 1; stall <= 3; ++stall) {
        auto job = ClaimOne();
        ASSERT_TRUE(job) << "stall " << stall;
        EXPECT_EQ(job->attempt, stall);
        int64_t killed_at = clock_.NowMs();
        clock_.Advance(config_.lease_ms + 1);
        auto reap = q().ReapExpired();
        ASSERT_TRUE(reap.ok());
        Job j = GetJob(id);
        EXPECT_EQ(j.stall_count, stall);
        EXPECT_EQ(j.last_error, kReasonLeaseExpired);
        if (stall < 3) {
            EXPECT_EQ(reap->reclaimed, 1);
            EXPECT_EQ(j.state, JobState::kDelayed) << "delayed by the backoff, like any failure";
            EXPECT_LE(j.run_at - clock_.NowMs(), BackoffCeilingMs(stall, config_));
            EXPECT_GT(j.run_at, killed_at);
            clock_.Advance(config_.backoff_cap_ms);
        } else {
            EXPECT_EQ(reap->dead, 1);
            EXPECT_EQ(j.state, JobState::kDead);
            EXPECT_EQ(j.attempt, 3);
        }
    }
    EXPECT_FALSE(ClaimOne());
    auto stats = q().Stats();
    ASSERT_TRUE(stats.ok());
    ASSERT_EQ(stats->dead_letters.size(), 1u);
    EXPECT_EQ(stats->dead_letters[0].id, id);
    EXPECT_EQ(stats->dead_letters[0].last_error, kReasonLeaseExpired);
}

TEST_F(QueueContract, Q3_StallsDeadLetterAtMaxAttempts) {
    QueueConfig c;
    c.max_attempts = 2;
    Reset(c);
    std::string id = Add(J());
    for (int i = 0; i < 2; ++i) {
        ASSERT_TRUE(ClaimOne());
        clock_.Advance(config_.lease_ms + 1);
        ASSERT_TRUE(q().ReapExpired().ok());
        clock_.Advance(config_.backoff_cap_ms);
    }
    Job j = GetJob(id);
    EXPECT_EQ(j.state, JobState::kDead);
    EXPECT_EQ(j.last_error, kReasonLeaseExpired);
    EXPECT_EQ(j.attempt, 2);
}

// Q4: priorities order strictly, and a low-priority job ages past an endless stream of urgent work.
TEST_F(QueueContract, Q4_StrictPriorityOrder) {
    std::string low = Add(J("prt_a", kPriorityLow));
    std::string normal = Add(J("prt_a"));
    std::string high = Add(J("prt_a", kPriorityHigh));
    clock_.Advance(1);
    std::string urgent = Add(J("prt_a", kPriorityUrgent));
    std::vector<std::string> got;
    for (int i = 0; i < 4; ++i) {
        auto c = ClaimOne();
        ASSERT_TRUE(c);
        got.push_back(c->id);
    }
    EXPECT_EQ(got, (std::vector<std::string>{urgent, high, normal, low}));
}

TEST_F(QueueContract, Q4_LowPriorityStartsWithinThreeAgingSteps) {
    QueueConfig c;
    c.aging_step_ms = 1000;
    Reset(c);
    const int kWorkers = 4;
    for (int i = 0; i < 2 * kWorkers; ++i) {
        Add(J("prt_a", kPriorityUrgent));
    }
    int64_t t0 = clock_.NowMs();
    std::string low = Add(J("prt_a", kPriorityLow));
    int64_t started = -1;
    // Saturated: every 100 ms the 4 workers each finish a job, take the next, and 4 new urgent jobs arrive.
    for (int tick = 0; tick < 200 && started < 0; ++tick) {
        clock_.Advance(100);
        auto batch = ClaimN(kWorkers);
        for (const Job& j : batch) {
            if (j.id == low) started = clock_.NowMs();
            ASSERT_TRUE(q().Complete(j.lease()).ok());
        }
        for (int i = 0; i < kWorkers; ++i) {
            Add(J("prt_a", kPriorityUrgent));
        }
    }
    ASSERT_GE(started, 0) << "the priority-3 job starved";
    EXPECT_LE(started - t0, 3 * config_.aging_step_ms + 100);
    EXPECT_GE(started - t0, 2 * config_.aging_step_ms) << "not before it has aged";
}

// Q5: partner B's 5 jobs are not stuck behind partner A's backlog.
TEST_F(QueueContract, Q5_FairShareAcrossPartners) {
    const int kBacklog = 1000;
    std::vector<NewJob> a(kBacklog, J("prt_A"));
    ASSERT_TRUE(q().EnqueueMany(a).ok());
    clock_.Advance(1);
    std::set<std::string> b_ids;
    for (int i = 0; i < 5; ++i) {
        b_ids.insert(Add(J("prt_B")));
    }
    int b_started = 0;
    for (int i = 0; i < 10; ++i) {
        auto c = ClaimOne();
        ASSERT_TRUE(c);
        if (c->partner_id == "prt_B") {
            EXPECT_TRUE(b_ids.count(c->id));
            ++b_started;
        }
    }
    EXPECT_EQ(b_started, 5) << "all 5 of B's jobs start within the next 10 dispatches";
}

TEST_F(QueueContract, Q5_SharesOverAWindowDifferByAtMostOne) {
    for (const char* p : {"prt_A", "prt_B", "prt_C"}) {
        std::vector<NewJob> jobs(300, J(p));
        ASSERT_TRUE(q().EnqueueMany(jobs).ok());
        clock_.Advance(1);
    }
    std::map<std::string, int> share;
    int dispatched = 0;
    while (dispatched < 600) {  // batch claims interleave partners too
        auto batch = ClaimN(7);
        ASSERT_FALSE(batch.empty());
        for (const Job& j : batch) {
            ++share[j.partner_id];
            ++dispatched;
        }
        int lo = std::min({share["prt_A"], share["prt_B"], share["prt_C"]});
        int hi = std::max({share["prt_A"], share["prt_B"], share["prt_C"]});
        ASSERT_LE(hi - lo, 1) << "after " << dispatched << " dispatches";
    }
}

// Q6: a 429 delays the job by Retry-After without consuming an attempt.
TEST_F(QueueContract, Q6_RateLimitedDelaysWithoutConsumingAnAttempt) {
    std::string id = Add(J());
    auto c = ClaimOne();
    ASSERT_TRUE(c);
    ASSERT_EQ(c->attempt, 1);
    auto run_at = q().RateLimited(c->lease(), 5000);
    ASSERT_TRUE(run_at.ok());
    EXPECT_EQ(*run_at, clock_.NowMs() + 5000);
    Job j = GetJob(id);
    EXPECT_EQ(j.state, JobState::kDelayed);
    EXPECT_EQ(j.attempt, 0);
    EXPECT_EQ(j.last_error, kReasonRateLimited);
    clock_.Advance(4999);
    EXPECT_FALSE(ClaimOne()) << "not before Retry-After";
    clock_.Advance(1);
    auto again = ClaimOne();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id, id);
    EXPECT_EQ(again->attempt, 1) << "the 429 did not count";
    // FailWith maps an Error::RateLimited the same way.
    ASSERT_TRUE(q().FailWith(again->lease(), core::Error::RateLimited(2000)).ok());
    EXPECT_EQ(GetJob(id).attempt, 0);
}

// Q6: over 10,000 acquisitions no sliding 1 s window exceeds burst + rate, and a greedy caller uses
// ≥ 90 % of the budget.
TEST_F(QueueContract, Q6_TokenBucketNoWindowExceedsTheLimit) {
    RateLimiter& rl = harness_->limiter();
    const BucketSpec spec{50.0, 10.0};  // 50 requests/s, burst 10
    const std::string key = RateKey("cred1", "cards");
    std::vector<int64_t> granted;
    int64_t start = clock_.NowMs();
    while (granted.size() < 10000) {
        auto a = rl.Acquire(key, spec);
        ASSERT_TRUE(a.ok()) << a.error().ToString();
        if (a->ok) {
            granted.push_back(clock_.NowMs());
        } else {
            ASSERT_GT(a->wait_ms, 0);
            clock_.Advance(a->wait_ms);
        }
    }
    size_t hi = 0;
    int max_window = 0, max_window_after_burst = 0;
    for (size_t lo = 0; lo < granted.size(); ++lo) {
        while (hi < granted.size() && granted[hi] < granted[lo] + 1000) ++hi;
        int in_window = static_cast<int>(hi - lo);
        max_window = std::max(max_window, in_window);
        if (granted[lo] >= start + 1000) max_window_after_burst = std::max(max_window_after_burst, in_window);
    }
    EXPECT_LE(max_window, static_cast<int>(spec.burst + spec.rate_per_sec));
    EXPECT_LE(max_window_after_burst, static_cast<int>(spec.rate_per_sec) + 1);
    double seconds = static_cast<double>(granted.back() - start) / 1000.0;
    double budget = spec.burst + spec.rate_per_sec * seconds;
    EXPECT_GE(static_cast<double>(granted.size()) / budget, 0.9);
}

TEST_F(QueueContract, Q6_BlockHonoursRetryAfter) {
    RateLimiter& rl = harness_->limiter();
    const BucketSpec spec{10.0, 5.0};
    const std::string key = RateKey("cred2", "prices");
    auto first = rl.Acquire(key, spec);
    ASSERT_TRUE(first.ok());
    EXPECT_TRUE(first->ok);
    ASSERT_TRUE(rl.Block(key, spec, clock_.NowMs() + 3000).ok());
    auto blocked = rl.Acquire(key, spec);
    ASSERT_TRUE(blocked.ok());
    EXPECT_FALSE(blocked->ok);
    EXPECT_EQ(blocked->wait_ms, 3000);
    clock_.Advance(2999);
    EXPECT_FALSE(rl.Acquire(key, spec)->ok);
    clock_.Advance(1);
    EXPECT_TRUE(rl.Acquire(key, spec)->ok) << "one probe right at Retry-After";
    EXPECT_FALSE(rl.Acquire(key, spec)->ok) << "no burst right after a 429";
    auto other = rl.Acquire(RateKey("cred3", "prices"), spec);
    EXPECT_TRUE(other->ok) << "buckets are per key";
}

// Q7: identical concurrent enqueues make one job; re-enqueue after completion within the TTL too.
TEST_F(QueueContract, Q7_ConcurrentIdenticalEnqueuesMakeOneJob) {
    NewJob j = J();
    j.dedupe_key = "prt_a|ozon|SKU-1|content|hash1";
    std::vector<std::string> ids(100);
    std::atomic<int> created{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 10; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                auto r = q().Enqueue(j);
                if (!r.ok()) {
                    ++errors;
                    continue;
                }
                ids[t * 10 + i] = r->id;
                if (r->created) ++created;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(created.load(), 1);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
    auto stats = q().Stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->waiting, 1);

    auto c = ClaimOne();
    ASSERT_TRUE(c);
    auto during = q().Enqueue(j);
    ASSERT_TRUE(during.ok());
    EXPECT_EQ(during->id, ids[0]) << "a running job answers too";
    ASSERT_TRUE(q().Complete(c->lease()).ok());
    clock_.Advance(config_.dedupe_ttl_ms - 1000);
    ASSERT_TRUE(q().ReapExpired().ok());
    auto after = q().Enqueue(j);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->id, ids[0]) << "re-enqueue after completion within the TTL: no new job";
    EXPECT_FALSE(after->created);
    EXPECT_FALSE(ClaimOne());
    clock_.Advance(2000);
    ASSERT_TRUE(q().ReapExpired().ok());
    auto later = q().Enqueue(j);
    ASSERT_TRUE(later.ok());
    EXPECT_TRUE(later->created) << "after the TTL the key is free again";
    EXPECT_NE(later->id, ids[0]);
}

// Q10: transient errors back off inside the full-jitter bounds, then dead-letter; permanent ones fail at once.
TEST_F(QueueContract, Q10_BackoffWithinJitterBoundsThenDead) {
    QueueConfig c;
    c.max_attempts = 4;
    c.backoff_base_ms = 1000;
    c.backoff_cap_ms = 5000;
    Reset(c);
    std::string id = Add(J());
    for (int attempt = 1; attempt <= 4; ++attempt) {
        auto job = ClaimOne();
        ASSERT_TRUE(job) << "attempt " << attempt;
        EXPECT_EQ(job->attempt, attempt);
        auto out = q().Fail(job->lease(), "HTTP 503", true);
        ASSERT_TRUE(out.ok());
        if (attempt < 4) {
            EXPECT_EQ(out->state, JobState::kDelayed);
            int64_t delay = out->run_at - clock_.NowMs();
            EXPECT_GE(delay, 0);
            EXPECT_LE(delay, std::min<int64_t>(5000, 1000LL << (attempt - 1)));
            EXPECT_EQ(GetJob(id).last_error, "HTTP 503");
            if (delay > 0) {
                clock_.Advance(delay - 1);
                EXPECT_FALSE(ClaimOne()) << "not before the backoff";
            }
            clock_.Advance(1);
        } else {
            EXPECT_EQ(out->state, JobState::kDead);
        }
    }
    EXPECT_EQ(GetJob(id).state, JobState::kDead);
}

TEST_F(QueueContract, Q10_PermanentErrorFailsAtOnce) {
    std::string id = Add(J());
    auto job = ClaimOne();
    ASSERT_TRUE(job);
    auto out = q().FailWith(job->lease(), core::Error::Invalid("title too long", "title"));
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->state, JobState::kFailed);
    Job j = GetJob(id);
    EXPECT_EQ(j.state, JobState::kFailed);
    EXPECT_EQ(j.attempt, 1) << "one attempt only";
    EXPECT_EQ(j.last_error, "title too long");
    clock_.Advance(config_.backoff_cap_ms);
    EXPECT_FALSE(ClaimOne());
}

// Q11: a subscriber that disconnects misses nothing: 500 events come back in order without duplicates.
TEST_F(QueueContract, Q11_EventsReplayAfterDisconnect) {
    const std::string stream = "req_123";
    std::vector<std::string> jobs = {Add(J()), Add(J()), Add(J())};
    int64_t last_seen = 0;
    for (int i = 0; i < 5; ++i) {
        auto e = q().AppendEvent(jobs[0], stream, "progress", R"({"pct":)" + std::to_string(i) + "}");
        ASSERT_TRUE(e.ok()) << e.error().ToString();
    }
    auto first = q().ReadEvents({stream, {}, 0, 100});
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 5u);
    last_seen = first->back().id;  // the browser's Last-Event-ID; now it disconnects

    std::map<std::string, int64_t> expected_seq = {{jobs[0], 5}, {jobs[1], 0}, {jobs[2], 0}};
    for (int i = 0; i < 500; ++i) {
        const std::string& job = jobs[i % 3];
        auto e = q().AppendEvent(job, stream, "progress", R"({"i":)" + std::to_string(i) + "}");
        ASSERT_TRUE(e.ok());
        EXPECT_EQ(e->seq, ++expected_seq[job]);
    }
    ASSERT_TRUE(q().AppendEvent(jobs[0], "other_stream", "progress", "{}").ok());

    std::vector<JobEvent> got;
    int64_t cursor = last_seen;
    while (true) {
        auto page = q().ReadEvents({stream, {}, cursor, 64});
        ASSERT_TRUE(page.ok());
        if (page->empty()) break;
        for (auto& e : *page) got.push_back(e);
        cursor = page->back().id;
    }
    ASSERT_EQ(got.size(), 500u);
    std::set<int64_t> ids;
    std::map<std::string, int64_t> seq;
    for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].payload, R"({"i":)" + std::to_string(i) + "}") << "in order";
        EXPECT_EQ(got[i].stream, stream);
        EXPECT_TRUE(ids.insert(got[i].id).second) << "no duplicates";
        if (i > 0) {
            EXPECT_GT(got[i].id, got[i - 1].id);
        }
        EXPECT_GT(got[i].seq, seq[got[i].job_id]) << "per-job seq is monotonic";
        seq[got[i].job_id] = got[i].seq;
    }
    // The same history by job ids.
    auto by_job = q().ReadEvents({"", {jobs[1]}, 0, 1000});
    ASSERT_TRUE(by_job.ok());
    ASSERT_EQ(by_job->size(), 167u);
    for (size_t i = 0; i < by_job->size(); ++i) EXPECT_EQ((*by_job)[i].seq, static_cast<int64_t>(i + 1));
}

// Q12: children wait for the parent; when it fails they fail with parent_failed and never run.
TEST_F(QueueContract, Q12_ParentFailureFailsChildren) {
    std::string parent = Add(J("prt_a", std::nullopt, "research"));
    std::vector<std::string> kids;
    for (auto m : core::kAllMarketplaces) {
        NewJob k = J("prt_a", std::nullopt, "content");
        k.marketplace = m;
        k.parent_id = parent;
        kids.push_back(Add(k));
    }
    for (auto& k : kids) EXPECT_EQ(GetJob(k).state, JobState::kDelayed);
    auto p = ClaimN(10);
    ASSERT_EQ(p.size(), 1u) << "children wait on the parent";
    ASSERT_EQ(p[0].id, parent);
    ASSERT_TRUE(q().Fail(p[0].lease(), "research source rejected the product", false).ok());
    for (auto& k : kids) {
        Job j = GetJob(k);
        EXPECT_EQ(j.state, JobState::kFailed);
        EXPECT_EQ(j.last_error.rfind(std::string(kReasonParentFailed), 0), 0u) << j.last_error;
        EXPECT_NE(j.last_error.find("research source rejected"), std::string::npos);
        EXPECT_EQ(j.attempt, 0) << "never ran";
    }
    clock_.Advance(config_.backoff_cap_ms);
    EXPECT_TRUE(ClaimN(10).empty());
    // A child enqueued after the parent failed fails at once.
    NewJob late = J();
    late.parent_id = parent;
    EXPECT_EQ(GetJob(Add(late)).state, JobState::kFailed);
    // Retrying the parent puts its children back to waiting on it.
    ASSERT_TRUE(q().Retry(parent).ok());
    for (auto& k : kids) EXPECT_EQ(GetJob(k).state, JobState::kDelayed);
}

TEST_F(QueueContract, Q12_ParentSuccessReleasesChildren) {
    std::string parent = Add(J("prt_a", std::nullopt, "research"));
    std::vector<std::string> kids;
    for (int i = 0; i < 4; ++i) {
        NewJob k = J();
        k.parent_id = parent;
        kids.push_back(Add(k));
    }
    auto p = ClaimN(10);
    ASSERT_EQ(p.size(), 1u);
    ASSERT_TRUE(q().Complete(p[0].lease()).ok());
    auto c = ClaimN(10);
    EXPECT_EQ(c.size(), 4u);
    NewJob after = J();
    after.parent_id = parent;
    EXPECT_EQ(GetJob(Add(after)).state, JobState::kWaiting) << "a completed parent does not block";
}

// Q13: graceful drain releases the lease at once; the attempt does not count.
TEST_F(QueueContract, Q13_ReleaseReturnsTheJobWithoutCountingAnAttempt) {
    std::string first = Add(J());
    clock_.Advance(1);
    std::string second = Add(J());
    auto c = ClaimOne("draining");
    ASSERT_TRUE(c);
    ASSERT_EQ(c->id, first);
    ASSERT_TRUE(q().Release(c->lease()).ok());
    Job j = GetJob(first);
    EXPECT_EQ(j.state, JobState::kWaiting);
    EXPECT_EQ(j.attempt, 0);
    auto again = ClaimOne("other");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->id, first) << "a released job keeps its place";
    EXPECT_EQ(again->attempt, 1);
    EXPECT_EQ(q().Complete(c->lease()).error().code, core::ErrorCode::kLeaseLost);
    (void)second;
}

TEST_F(QueueContract, RetryOfADeadJob) {
    NewJob n = J();
    n.max_attempts = 1;
    std::string id = Add(n);
    auto c = ClaimOne();
    ASSERT_TRUE(c);
    auto out = q().Fail(c->lease(), "HTTP 502", true);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out->state, JobState::kDead);
    auto busy = q().Retry(Add(J()));
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().code, core::ErrorCode::kConflict) << "only dead or failed jobs";
    EXPECT_EQ(q().Retry("job_missing").error().code, core::ErrorCode::kNotFound);
    ASSERT_TRUE(q().Retry(id).ok());
    Job j = GetJob(id);
    EXPECT_EQ(j.state, JobState::kWaiting);
    EXPECT_EQ(j.attempt, 0);
    EXPECT_EQ(j.stall_count, 0);
    bool seen = false;
    for (const Job& k : ClaimN(10)) seen |= k.id == id;
    EXPECT_TRUE(seen);
}

TEST_F(QueueContract, DelayedJobWaitsForRunAt) {
    NewJob n = J();
    n.run_at_ms = clock_.NowMs() + 10'000;
    std::string id = Add(n);
    EXPECT_EQ(GetJob(id).state, JobState::kDelayed);
    clock_.Advance(9'999);
    EXPECT_FALSE(ClaimOne());
    clock_.Advance(1);
    auto c = ClaimOne();
    ASSERT_TRUE(c);
    EXPECT_EQ(c->id, id);
}

// A chain's next step (pipeline: depth first) keeps the place of the step it follows, ahead of work that
// became ready later, in another kind's lane too; a time in the future neither delays nor reorders.
TEST_F(QueueContract, OrderAtPlacesANextStepAheadOfLaterWork) {
    int64_t first_ready = clock_.NowMs();
    std::string product_a_research = Add(J("prt_a", std::nullopt, "research"));
    clock_.Advance(1'000);
    std::string product_b_research = Add(J("prt_a", std::nullopt, "research"));
    clock_.Advance(1'000);
    NewJob next = J("prt_a", std::nullopt, "content");
    next.order_at_ms = first_ready - 1;
    std::string product_a_content = Add(next);
    NewJob future = J("prt_a", std::nullopt, "content");
    future.order_at_ms = clock_.NowMs() + 60'000;
    std::string odd = Add(future);
    EXPECT_EQ(GetJob(product_a_content).state, JobState::kWaiting);
    EXPECT_EQ(GetJob(product_a_content).ready_at, first_ready - 1);
    EXPECT_EQ(GetJob(odd).ready_at, clock_.NowMs());
    std::vector<std::string> got;
    for (int i = 0; i < 4; ++i) {
        auto c = ClaimOne();
        ASSERT_TRUE(c);
        got.push_back(c->id);
    }
    EXPECT_EQ(got, (std::vector<std::string>{product_a_content, product_a_research, product_b_research, odd}));
}

TEST_F(QueueContract, ClaimFiltersByKind) {
    std::string a = Add(J("prt_a", std::nullopt, "images"));
    std::string b = Add(J("prt_a", std::nullopt, "publish"));
    auto only = ClaimN(10, "w", {"publish"});
    ASSERT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0].id, b);
    auto rest = ClaimN(10, "w", {"images", "video"});
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].id, a);
}

TEST_F(QueueContract, EnqueueRejectsBadInput) {
    NewJob no_kind = J();
    no_kind.kind.clear();
    EXPECT_EQ(q().Enqueue(no_kind).error().code, core::ErrorCode::kInvalid);
    EXPECT_EQ(q().Enqueue(J("prt_a", 12)).error().code, core::ErrorCode::kInvalid);
    NewJob orphan = J();
    orphan.parent_id = "job_nope";
    EXPECT_EQ(q().Enqueue(orphan).error().code, core::ErrorCode::kInvalid);
}

// Q15: depth per priority × marketplace × partner, oldest age, in flight, leases near expiry, dead letters.
TEST_F(QueueContract, Q15_StatsForTheAdminPanel) {
    NewJob a = J("prt_a", kPriorityHigh);
    a.marketplace = core::Marketplace::kWildberries;
    Add(a);
    clock_.Advance(5000);
    Add(a);
    NewJob b = J("prt_b");
    b.marketplace = core::Marketplace::kUzum;
    Add(b);
    NewJob dead = J("prt_b");
    dead.max_attempts = 1;
    std::string dead_id = Add(dead);
    // Claim b's two jobs (normal priority, after a's high ones? No: a's go first); take all four.
    auto all = ClaimN(4);
    ASSERT_EQ(all.size(), 4u);
    for (const Job& j : all) {
        if (j.id == dead_id) {
            ASSERT_TRUE(q().Fail(j.lease(), "HTTP 500", true).ok());
        } else if (j.partner_id == "prt_b") {
            ASSERT_TRUE(q().Release(j.lease()).ok());
        }
    }
    clock_.Advance(25'000);  // a's two leases now expire within 10 s
    auto s = q().Stats();
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->in_flight, 2);
    EXPECT_EQ(s->leases_near_expiry, 2);
    EXPECT_EQ(s->waiting, 1);
    EXPECT_EQ(s->dead_count, 1);
    ASSERT_EQ(s->dead_letters.size(), 1u);
    EXPECT_EQ(s->dead_letters[0].id, dead_id);
    EXPECT_EQ(s->dead_letters[0].last_error, "HTTP 500");
    bool saw_a = false, saw_b = false;
    for (const DepthRow& d : s->depth) {
        if (d.partner_id == "prt_a") {
            saw_a = true;
            EXPECT_EQ(d.priority, kPriorityHigh);
            EXPECT_EQ(d.marketplace, "wildberries");
            EXPECT_EQ(d.running, 2);
            EXPECT_EQ(d.waiting, 0);
        }
        if (d.partner_id == "prt_b") {
            saw_b = true;
            EXPECT_EQ(d.marketplace, "uzum");
            EXPECT_EQ(d.waiting, 1);
            EXPECT_EQ(d.oldest_age_ms, 25'000);
        }
    }
    EXPECT_TRUE(saw_a && saw_b);
    EXPECT_GE(s->counters.claimed, 4);
    EXPECT_GE(s->counters.failed, 1);
}

// Q14: an idle worker waiting for work wakes on enqueue, not on its poll timeout.
TEST_F(QueueContract, Q14_IdleWaiterWakesOnEnqueue) {
    std::atomic<bool> woke{false};
    auto started = std::chrono::steady_clock::now();
    std::chrono::steady_clock::duration waited{};
    std::thread waiter([&] {
        q().WaitForWork(10'000);
        waited = std::chrono::steady_clock::now() - started;
        woke = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    Add(J());
    waiter.join();
    EXPECT_TRUE(woke);
    EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count(), 5000);
}

TEST_F(QueueContract, ConcurrentWorkersClaimEachJobOnce) {
    std::vector<NewJob> jobs;
    for (int i = 0; i < 400; ++i) jobs.push_back(J(i % 2 ? "prt_a" : "prt_b"));
    ASSERT_TRUE(q().EnqueueMany(jobs).ok());
    std::mutex mu;
    std::vector<std::string> seen;
    std::atomic<int> errors{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < 8; ++w) {
        workers.emplace_back([&, w] {
            while (true) {
                auto batch = q().Claim({"w" + std::to_string(w), 8, {}});
                if (!batch.ok()) {
                    ++errors;
                    break;
                }
                if (batch->empty()) break;
                for (const Job& j : *batch) {
                    if (!q().Complete(j.lease()).ok()) ++errors;
                    std::lock_guard lock(mu);
                    seen.push_back(j.id);
                }
            }
        });
    }
    for (auto& t : workers) t.join();
    EXPECT_EQ(errors.load(), 0);
    EXPECT_EQ(seen.size(), 400u);
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 400u);
}

}  // namespace by::queue::contract
