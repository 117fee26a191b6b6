// The adapters' request limits (marketplaces::RateLimiter) kept in the queue's shared buckets
// (queue::RateLimiter: Redis, or the rate_buckets table of PostgreSQL), so every server and worker process of
// a deployment draws from one bucket per credential × endpoint group, as the marketplace counts them (Q6).
// With one bucket per process, three workers and two servers spent five times WB's content budget in the
// 200-card crash test and were answered 429 about 90 times a minute.
//
// If the shared store fails (Redis or the database unreachable), the call falls back to this process's own
// bucket for that key: work goes on at one process's share, and the failure is logged (at most once a minute).
// Thread-safety: as both limiters (any thread).
#pragma once

#include <atomic>
#include <memory>

#include "core/clock.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "queue/rate_limiter.hpp"

namespace by::app {

class SharedRateLimiter final : public marketplaces::RateLimiter {
  public:
    // headroom < 1 refills slower than the published rate, as TokenBucketRateLimiter's.
    SharedRateLimiter(std::unique_ptr<queue::RateLimiter> shared, const core::Clock& clock, double headroom);
    int64_t Acquire(const marketplaces::LimitKey& key, double cost) override;
    void Block(const marketplaces::LimitKey& key, int64_t until_unix_ms) override;

  private:
    queue::BucketSpec SpecOf(const marketplaces::LimitKey& key) const;
    void NoteFailure(const core::Error& e);

    std::unique_ptr<queue::RateLimiter> shared_;
    marketplaces::TokenBucketRateLimiter local_;
    const core::Clock& clock_;
    double headroom_;
    std::atomic<int64_t> last_failure_log_ms_{0};
};

}  // namespace by::app
