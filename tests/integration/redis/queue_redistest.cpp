// The JobQueue contract on the Redis backend (label redis): a real redis-server on loopback named by
// BY_TEST_REDIS_URL, each test under its own key prefix so parallel runs never clash.
#include <cstdio>
#include <cstdlib>

#include "core/ids.hpp"
#include "queue/redis/redis_job_queue.hpp"
#include "queue/redis/redis_pool.hpp"
#include "unit/queue/queue_contract.hpp"

namespace by::queue::contract {
namespace {

std::string RedisUrl() {
    const char* url = std::getenv("BY_TEST_REDIS_URL");
    if (!url || !*url) {
        std::fprintf(stderr, "queue_redistest needs BY_TEST_REDIS_URL (scripts/test-servers.sh sets it)\n");
        std::abort();
    }
    return url;
}

class RedisHarness final : public QueueHarness {
  public:
    RedisHarness(testing::FakeClock& clock, Rng& rng, QueueConfig config) {
        config.name = "bytest:" + core::RandomHex(6);
        auto q = RedisJobQueue::Open(RedisUrl(), clock, rng, config, 12);
        if (!q.ok()) {
            std::fprintf(stderr, "cannot open Redis: %s\n", q.error().ToString().c_str());
            std::abort();
        }
        queue_ = std::move(*q);
        limiter_ = std::make_unique<RedisRateLimiter>(queue_->pool(), clock, queue_->prefix() + "rl:");
    }
    ~RedisHarness() override { (void)queue_->DeleteAll(); }
    JobQueue& queue() override { return *queue_; }
    RateLimiter& limiter() override { return *limiter_; }
    RedisJobQueue& redis_queue() { return *queue_; }

  private:
    std::unique_ptr<RedisJobQueue> queue_;
    std::unique_ptr<RedisRateLimiter> limiter_;
};

}  // namespace

std::unique_ptr<QueueHarness> MakeHarness(testing::FakeClock& clock, Rng& rng, const QueueConfig& config) {
    return std::make_unique<RedisHarness>(clock, rng, config);
}

class RedisQueueTest : public QueueContract {
  protected:
    RedisHarness& h() { return static_cast<RedisHarness&>(*harness_); }
};

// Q14 across processes: a second queue object (another process in production) is woken by pub/sub.
TEST_F(RedisQueueTest, Q14_PubSubWakesAnotherQueueInstance) {
    QueueConfig c = config_;
    c.name = h().redis_queue().prefix().substr(0, h().redis_queue().prefix().size() - 1);
    auto other = RedisJobQueue::Open(RedisUrl(), clock_, rng_, c, 2);
    ASSERT_TRUE(other.ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let its subscriber connect
    auto started = std::chrono::steady_clock::now();
    std::thread waiter([&] { (*other)->WaitForWork(10'000); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    Add(J());
    waiter.join();
    auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    EXPECT_LT(waited.count(), 5000);
    auto got = (*other)->Claim({"other", 1, {}});
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->size(), 1u);
}

TEST(RedisUrl, Parses) {
    auto a = ParseRedisUrl("redis://127.0.0.1:6380/2");
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->host, "127.0.0.1");
    EXPECT_EQ(a->port, 6380);
    EXPECT_EQ(a->db, 2);
    auto b = ParseRedisUrl("redis://:s3cret@cache:6379");
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->password, "s3cret");
    EXPECT_EQ(b->host, "cache");
    EXPECT_FALSE(ParseRedisUrl("http://x").ok());
}

}  // namespace by::queue::contract
