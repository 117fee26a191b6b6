// RateLimiter over the rate_buckets table (SQLite or PostgreSQL): one row per key, read and written in
// one transaction (SELECT … FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so every process sees
// one bucket. Thread-safety: as RateLimiter.
#pragma once

#include "core/clock.hpp"
#include "queue/rate_limiter.hpp"
#include "store/sql.hpp"

namespace by::queue {

class DbRateLimiter final : public RateLimiter {
  public:
    DbRateLimiter(store::SqlDb& db, const core::Clock& clock) : db_(db), clock_(clock) {}
    core::Result<Acquisition> Acquire(const std::string& key, const BucketSpec& spec, double cost = 1.0) override;
    core::Status Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) override;

  private:
    template <typename Fn>
    core::Status Update(const std::string& key, Fn&& step);

    store::SqlDb& db_;
    const core::Clock& clock_;
};

}  // namespace by::queue
