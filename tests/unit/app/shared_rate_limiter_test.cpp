// SharedRateLimiter: two processes' adapters (two limiter objects over two connections to one store) draw
// from one bucket per key; a 429's block reaches the other; a failing store falls back to local buckets.
#include "app/shared_rate_limiter.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "queue/db/db_rate_limiter.hpp"
#include "queue/redis/redis_job_queue.hpp"
#include "queue/redis/redis_pool.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::app {
namespace {

marketplaces::LimitKey Key(const std::string& id) {
    // WB content: a burst of 5, one request back every 600 ms (100 a minute).
    return {id, marketplaces::RateSpec{5, 600}};
}

// Two "processes" take turns from one bucket: together they get the burst, not twice it.
void ExpectOneBucket(marketplaces::RateLimiter& a, marketplaces::RateLimiter& b, testing::FakeClock& clock,
                     const std::string& id) {
    int granted = 0;
    for (int i = 0; i < 10; ++i) {
        granted += (i % 2 ? a : b).Acquire(Key(id), 1) == 0;
    }
    EXPECT_EQ(granted, 5);
    int64_t wait = a.Acquire(Key(id), 1);
    EXPECT_GT(wait, 0);
    EXPECT_LE(wait, 700);  // one token at 95 % of the published rate: 600 / 0.95 ≈ 632 ms
    clock.Advance(wait);
    EXPECT_EQ(b.Acquire(Key(id), 1), 0) << "the refill is shared too";
    EXPECT_GT(a.Acquire(Key(id), 1), 0);

    // A 429 seen by one blocks the other until the marketplace's Retry-After.
    b.Block(Key(id + ":blocked"), clock.NowMs() + 5000);
    EXPECT_GE(a.Acquire(Key(id + ":blocked"), 1), 4000);
    clock.Advance(5000);
    EXPECT_EQ(a.Acquire(Key(id + ":blocked"), 1), 0);
}

TEST(SharedRateLimiter, ProcessesShareOneBucketInTheDatabase) {
    testing::FakeClock clock;
    auto tdb = testing::OpenTestDb(4);
    SharedRateLimiter a(std::make_unique<queue::DbRateLimiter>(*tdb.db, clock), clock, 0.95);
    SharedRateLimiter b(std::make_unique<queue::DbRateLimiter>(*tdb.db, clock), clock, 0.95);
    ExpectOneBucket(a, b, clock, "wildberries:abc:content");
}

TEST(SharedRateLimiter, ProcessesShareOneBucketInRedis) {
    const char* url = std::getenv("BY_TEST_REDIS_URL");
    if (url == nullptr || !testing::TestWantsPostgres()) {
        GTEST_SKIP() << "runs in the pg variant, with the Redis of scripts/test-servers.sh";
    }
    testing::FakeClock clock;
    auto pa = queue::RedisPool::Open(url, 2);
    auto pb = queue::RedisPool::Open(url, 2);
    ASSERT_TRUE(pa.ok() && pb.ok());
    std::string prefix = "by:test:rl:" + std::to_string(clock.NowMs()) + ":" + std::to_string(::getpid()) + ":";
    SharedRateLimiter a(std::make_unique<queue::RedisRateLimiter>(*pa, clock, prefix), clock, 0.95);
    SharedRateLimiter b(std::make_unique<queue::RedisRateLimiter>(*pb, clock, prefix), clock, 0.95);
    ExpectOneBucket(a, b, clock, "wildberries:abc:content");
}

// The shared store is down: this process goes on with its own buckets (the same limits), never unlimited.
TEST(SharedRateLimiter, FailingStoreFallsBackToLocalBuckets) {
    struct Down final : queue::RateLimiter {
        int calls = 0;
        core::Result<queue::Acquisition> Acquire(const std::string&, const queue::BucketSpec&, double) override {
            ++calls;
            return core::Error::Unavailable("redis: connection refused");
        }
        core::Status Block(const std::string&, const queue::BucketSpec&, int64_t) override {
            return core::Error::Unavailable("redis: connection refused");
        }
    };
    testing::FakeClock clock;
    auto down = std::make_unique<Down>();
    Down* store = down.get();
    SharedRateLimiter limiter(std::move(down), clock, 0.95);
    int granted = 0;
    for (int i = 0; i < 8; ++i) {
        granted += limiter.Acquire(Key("ozon:x:global"), 1) == 0;
    }
    EXPECT_EQ(granted, 5);
    EXPECT_EQ(store->calls, 8);
    limiter.Block(Key("ozon:x:global"), clock.NowMs() + 3000);
    clock.Advance(1000);
    EXPECT_GE(limiter.Acquire(Key("ozon:x:global"), 1), 1900);
}

}  // namespace
}  // namespace by::app
