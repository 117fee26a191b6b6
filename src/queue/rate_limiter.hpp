// Rate limits per marketplace credential × endpoint group, shared by every worker in every process (Q6).
//
// A token bucket per key: capacity = the published burst, refill = the published rate, continuous (no
// fixed windows, so nothing bursts to 2× at a window edge: any interval of T seconds admits at most
// burst + rate·T). Block(key, until) records a 429's Retry-After: the bucket answers "wait" until then
// and restarts with one token. Backends: InMemoryRateLimiter (one process), DbRateLimiter (a row per key in
// rate_buckets, db/), RedisRateLimiter (a hash per key and one Lua script, redis/).
//
// Thread-safety: every method may be called from any thread at once; the DB and Redis backends are
// also safe across processes. Time comes from the injected Clock (wall ms, shared across processes).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace by::queue {

struct BucketSpec {
    double rate_per_sec = 1.0;  // refill
    double burst = 1.0;         // capacity
};

struct Acquisition {
    bool ok = false;
    int64_t wait_ms = 0;  // when !ok: try again after this long
};

// The persistent part of one bucket.
struct BucketState {
    double tokens = 0;
    int64_t updated_at = 0;
    int64_t blocked_until = 0;
};

// One step of the bucket, shared by every backend (the Redis script mirrors it). `fresh`: no state yet
// (starts full). Mutates state.
Acquisition TokenBucketAcquire(BucketState& state, bool fresh, const BucketSpec& spec, int64_t now_ms, double cost);
void TokenBucketBlock(BucketState& state, bool fresh, const BucketSpec& spec, int64_t now_ms, int64_t until_ms);

// "credential:<id>:<group>", the usual key.
std::string RateKey(std::string_view credential_id, std::string_view endpoint_group);

class RateLimiter {
  public:
    virtual ~RateLimiter() = default;
    // Takes `cost` tokens if available; otherwise says how long to wait (nothing taken).
    virtual core::Result<Acquisition> Acquire(const std::string& key, const BucketSpec& spec, double cost = 1.0) = 0;
    // A 429/420 answered with Retry-After: no tokens for this key until until_ms.
    virtual core::Status Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) = 0;
};

class InMemoryRateLimiter final : public RateLimiter {
  public:
    explicit InMemoryRateLimiter(const core::Clock& clock) : clock_(clock) {}
    core::Result<Acquisition> Acquire(const std::string& key, const BucketSpec& spec, double cost = 1.0) override;
    core::Status Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) override;

  private:
    const core::Clock& clock_;
    std::mutex mu_;
    std::unordered_map<std::string, BucketState> buckets_;  // guarded by mu_
};

}  // namespace by::queue
