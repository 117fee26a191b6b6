// Pure parts of the queue: effective priority, the fair picker, backoff bounds and the token bucket.
#include <gtest/gtest.h>

#include <map>

#include "queue/job_queue.hpp"
#include "queue/rate_limiter.hpp"
#include "queue/scheduler.hpp"
#include "testing/fake_clock.hpp"

namespace by::queue {
namespace {

TEST(EffectivePriority, AgesOneStepPerAgingStep) {
    EXPECT_EQ(EffectivePriority(3, 0, 0, 1000), 3);
    EXPECT_EQ(EffectivePriority(3, 0, 999, 1000), 3);
    EXPECT_EQ(EffectivePriority(3, 0, 1000, 1000), 2);
    EXPECT_EQ(EffectivePriority(3, 0, 3000, 1000), 0);
    EXPECT_EQ(EffectivePriority(0, 0, 5000, 1000), -5);
    EXPECT_EQ(EffectivePriority(2, 1000, 0, 1000), 3) << "floor for a ready_at in the future";
}

std::vector<Lane> LanesOf(const std::map<std::pair<std::string, int>, std::vector<int64_t>>& spec,
                          std::map<std::pair<std::string, int>, std::vector<Candidate>>* store) {
    std::vector<Lane> lanes;
    for (auto& [key, readies] : spec) {
        auto& items = (*store)[key];
        int i = 0;
        for (int64_t r : readies) items.push_back({key.first + "_" + std::to_string(key.second) + "_" + std::to_string(i++), key.first, key.second, r});
        Lane l;
        l.partner_id = key.first;
        l.priority = key.second;
        l.hint = items.front();
        lanes.push_back(l);
    }
    return lanes;
}

TEST(FairPicker, RoundRobinAcrossPartnersWithinALevel) {
    std::map<std::pair<std::string, int>, std::vector<Candidate>> store;
    auto lanes = LanesOf({{{"A", 2}, {1, 2, 3, 4, 5, 6}}, {{"B", 2}, {10, 11}}, {{"C", 2}, {20}}}, &store);
    FairPicker p(100, 1000, {}, 1);
    auto fetch = [&](const Lane& l) { return store[{l.partner_id, l.priority}]; };
    auto got = p.Pick(lanes, 9, fetch);
    std::string order;
    for (auto& c : got) order += c.partner_id;
    EXPECT_EQ(order, "ABCABAAAA");
}

TEST(FairPicker, LeastRecentlyServedPartnerGoesFirst) {
    std::map<std::pair<std::string, int>, std::vector<Candidate>> store;
    auto lanes = LanesOf({{{"A", 2}, {1, 2}}, {{"B", 2}, {50, 51}}}, &store);
    FairPicker p(100, 1000, {{"A", 5}, {"B", 7}}, 8);
    auto got = p.Pick(lanes, 1, [&](const Lane& l) { return store[{l.partner_id, l.priority}]; });
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].partner_id, "A");
    EXPECT_EQ(p.served().at("A"), 8);
}

TEST(FairPicker, PriorityBeatsFairnessUntilAged) {
    std::map<std::pair<std::string, int>, std::vector<Candidate>> store;
    // B's urgent job beats A's normal ones even though A was never served.
    auto lanes = LanesOf({{{"A", 2}, {0, 1}}, {{"B", 0}, {5}}}, &store);
    FairPicker p(10, 1000, {{"B", 100}}, 101);
    auto got = p.Pick(lanes, 3, [&](const Lane& l) { return store[{l.partner_id, l.priority}]; });
    ASSERT_EQ(got.size(), 3u);
    EXPECT_EQ(got[0].partner_id, "B");
    // After two aging steps A's normal jobs are level 0 and older than B's: A first.
    std::map<std::pair<std::string, int>, std::vector<Candidate>> store2;
    auto lanes2 = LanesOf({{{"A", 2}, {0}}, {{"B", 0}, {1500}}}, &store2);
    FairPicker p2(2100, 1000, {}, 1);
    auto got2 = p2.Pick(lanes2, 2, [&](const Lane& l) { return store2[{l.partner_id, l.priority}]; });
    ASSERT_EQ(got2.size(), 2u);
    EXPECT_EQ(got2[0].partner_id, "A");
}

TEST(FairPicker, SkipsLanesThatFetchEmpty) {
    std::map<std::pair<std::string, int>, std::vector<Candidate>> store;
    auto lanes = LanesOf({{{"A", 2}, {1}}, {{"B", 2}, {2}}}, &store);
    store[{"A", 2}].clear();  // taken by another claimer meanwhile
    FairPicker p(10, 1000, {}, 1);
    auto got = p.Pick(lanes, 5, [&](const Lane& l) { return store[{l.partner_id, l.priority}]; });
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].partner_id, "B");
}

TEST(Backoff, FullJitterInsideBounds) {
    QueueConfig c;
    c.backoff_base_ms = 1000;
    c.backoff_cap_ms = 60'000;
    DefaultRng rng(7);
    for (int attempt = 1; attempt <= 12; ++attempt) {
        int64_t ceiling = std::min<int64_t>(60'000, 1000LL << (attempt - 1));
        EXPECT_EQ(BackoffCeilingMs(attempt, c), ceiling);
        int64_t lo = ceiling, hi = 0;
        for (int i = 0; i < 2000; ++i) {
            int64_t d = BackoffMs(attempt, c, rng);
            ASSERT_GE(d, 0);
            ASSERT_LE(d, ceiling);
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
        EXPECT_LT(lo, ceiling / 10 + 1) << "full jitter reaches near zero";
        EXPECT_GT(hi, ceiling * 9 / 10) << "and near the ceiling";
    }
    EXPECT_EQ(BackoffCeilingMs(200, c), 60'000) << "no overflow";
}

TEST(TokenBucket, ContinuousRefillNoWindowEdgeBurst) {
    testing::FakeClock clock;
    InMemoryRateLimiter rl(clock);
    BucketSpec spec{10.0, 10.0};
    // Drain at the end of one "window", then keep asking across the edge: never more than refill allows.
    int granted = 0;
    for (int i = 0; i < 10; ++i) granted += rl.Acquire("k", spec)->ok;
    EXPECT_EQ(granted, 10);
    clock.Advance(1);
    EXPECT_FALSE(rl.Acquire("k", spec)->ok) << "a fixed window would allow 10 more here";
    auto a = rl.Acquire("k", spec);
    EXPECT_EQ(a->wait_ms, 99);
    clock.Advance(99);
    EXPECT_TRUE(rl.Acquire("k", spec)->ok);
}

TEST(TokenBucket, CostAboveBurstNeverSucceedsButAnswers) {
    testing::FakeClock clock;
    InMemoryRateLimiter rl(clock);
    auto a = rl.Acquire("k", {1.0, 2.0}, 5.0);
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->ok);
    EXPECT_GT(a->wait_ms, 0);
}

TEST(JobState, NamesRoundTrip) {
    for (JobState s : {JobState::kWaiting, JobState::kDelayed, JobState::kRunning, JobState::kCompleted,
                       JobState::kFailed, JobState::kDead}) {
        EXPECT_EQ(ParseJobState(JobStateName(s)), s);
    }
    EXPECT_FALSE(ParseJobState("paused"));
    EXPECT_EQ(PriorityValue(core::Priority::kNormal), kPriorityNormal);
}

}  // namespace
}  // namespace by::queue
