// JobQueue over Redis (hiredis + Lua, scripts.hpp): for many workers on many machines when PostgreSQL
// should not carry the queue's write load. Every multi-step change is one Lua script, so it is atomic;
// time is the caller's Clock passed into each script. Keys live under `config.name + ":"`, so tests (and
// several deployments on one Redis) use their own prefix. Idle workers wake through pub/sub on
// `<prefix>wake`.
//
// Durability is Redis's: run it with appendonly yes (everysec) in production, or accept losing the last
// second of queue changes on a Redis crash (jobs would then be re-enqueued idempotently, Q7).
//
// Thread-safety: as JobQueue. The Clock and Rng must outlive the queue.
#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "queue/job_queue.hpp"
#include "queue/rate_limiter.hpp"
#include "queue/wakeup.hpp"

namespace by::queue {

class RedisPool;
class RedisSubscriber;

class RedisJobQueue final : public JobQueue {
  public:
    // pool_size connections; subscribe: start the pub/sub listener for cross-process wakeups.
    static core::Result<std::unique_ptr<RedisJobQueue>> Open(const std::string& url, const core::Clock& clock, Rng& rng,
                                                             QueueConfig config = {}, int pool_size = 8,
                                                             bool subscribe = true);
    ~RedisJobQueue() override;

    core::Result<EnqueueResult> Enqueue(const NewJob& job) override;
    core::Result<std::vector<EnqueueResult>> EnqueueMany(const std::vector<NewJob>& jobs) override;
    core::Result<std::vector<Job>> Claim(const ClaimRequest& request) override;
    core::Result<int64_t> Heartbeat(const Lease& lease) override;
    core::Status Complete(const Lease& lease, std::string_view result = "{}") override;
    core::Result<FailOutcome> Fail(const Lease& lease, std::string_view error, bool transient) override;
    core::Result<int64_t> RateLimited(const Lease& lease, int64_t retry_after_ms) override;
    core::Status Release(const Lease& lease) override;
    core::Result<ReapReport> ReapExpired() override;
    core::Status Retry(const std::string& job_id) override;
    core::Result<Job> Get(const std::string& job_id) override;
    core::Result<QueueStats> Stats() override;
    core::Result<JobEvent> AppendEvent(const std::string& job_id, const std::string& stream, std::string_view kind,
                                       std::string_view payload) override;
    core::Result<std::vector<JobEvent>> ReadEvents(const EventQuery& query) override;
    void WaitForWork(int64_t max_wait_ms) override;
    void NotifyWork() override;

    // Deletes every key under this queue's prefix (tests, `bench`).
    core::Status DeleteAll();
    std::shared_ptr<RedisPool> pool() const { return pool_; }
    const std::string& prefix() const { return prefix_; }

  private:
    RedisJobQueue(std::shared_ptr<RedisPool> pool, const core::Clock& clock, Rng& rng, QueueConfig config);
    std::vector<std::string> Args(std::initializer_list<std::string> rest) const;
    double Uniform();

    std::shared_ptr<RedisPool> pool_;
    const core::Clock& clock_;
    Rng& rng_;
    QueueConfig config_;
    std::string prefix_;
    Notifier notifier_;
    AtomicCounters counters_;
    std::unique_ptr<RedisSubscriber> subscriber_;
};

// Token buckets as Redis hashes under `prefix`, one Lua script per call (shared by all processes).
class RedisRateLimiter final : public RateLimiter {
  public:
    RedisRateLimiter(std::shared_ptr<RedisPool> pool, const core::Clock& clock, std::string prefix = "by:rl:");
    core::Result<Acquisition> Acquire(const std::string& key, const BucketSpec& spec, double cost = 1.0) override;
    core::Status Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) override;

  private:
    core::Result<Acquisition> Run(const std::string& key, const BucketSpec& spec, double cost, bool block,
                                  int64_t until_ms);
    std::shared_ptr<RedisPool> pool_;
    const core::Clock& clock_;
    std::string prefix_;
};

}  // namespace by::queue
