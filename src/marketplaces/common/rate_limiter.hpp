// Request limits per (credential, endpoint group), taken by the adapters before every marketplace call.
//
// The seam is deliberately small so that another store can stand behind it: the in-process token bucket
// below, or the shared DB/Redis bucket of src/queue/ (an app/ class adapts it). A LimitKey names the bucket
// ("<marketplace>:<credential hash>:<group>", never a secret) and carries its published rate, so a shared
// store needs no separate configuration.
//
// Acquire takes `cost` tokens (requests, or items where the marketplace counts items) and answers 0, or the
// milliseconds to wait before asking again (then nothing was taken). Block stops a bucket until a wall-clock
// time, after the marketplace said we were over its limit (429 + X-Ratelimit-Retry, Yandex 420, Ozon's
// per-second error).
// Thread-safety: implementations must be safe to call from many threads at once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.hpp"

namespace by::marketplaces {

// A token bucket: `burst` tokens, one token back every `interval_ms` (WB's "interval" and "burst").
struct RateSpec {
    double burst = 1;
    double interval_ms = 1000;
};

// A limit published as "N per period" over a sliding window (Yandex's x-resource-limit-config, Ozon's stocks)
// as a token bucket that never exceeds it: a twentieth of the amount as burst and the rest refilling over
// the period, so any window sees at most the amount and a backlog gets 95 % of it (a tenth as burst left
// 90 %, about 85 % after the limiter's headroom: under Q6's 90 %).
inline RateSpec SlidingWindow(double amount, double period_ms) {
    return RateSpec{std::max(1.0, amount / 20.0), period_ms / (amount * 0.95)};
}

struct LimitKey {
    std::string id;  // "<marketplace>:<credential hash>:<group>"
    RateSpec rate;
};

class RateLimiter {
  public:
    virtual ~RateLimiter() = default;
    // 0 when `cost` tokens were taken; otherwise ms until they could be (nothing taken). A cost above the
    // burst is treated as the burst (it passes once the bucket is full).
    virtual int64_t Acquire(const LimitKey& key, double cost) = 0;
    // Refuses the bucket until `until_unix_ms` (wall clock).
    virtual void Block(const LimitKey& key, int64_t until_unix_ms) = 0;
};

// In-process buckets on an injected clock (monotonic time for refills).
class TokenBucketRateLimiter final : public RateLimiter {
  public:
    // headroom < 1 refills slower than the published rate (0.9: 90 % of it), so two clocks that start
    // together never disagree at the edge and the marketplace never answers 429.
    explicit TokenBucketRateLimiter(const core::Clock& clock, double headroom = 1.0)
        : clock_(clock), headroom_(std::clamp(headroom, 0.1, 1.0)) {}
    int64_t Acquire(const LimitKey& key, double cost) override;
    void Block(const LimitKey& key, int64_t until_unix_ms) override;

  private:
    struct Bucket {
        double tokens = 0;
        int64_t last_ms = 0;           // monotonic
        int64_t blocked_until_ms = 0;  // monotonic
    };
    Bucket& Get(const LimitKey& key, int64_t now);

    const core::Clock& clock_;
    double headroom_;
    std::mutex mu_;
    std::map<std::string, Bucket> buckets_;  // guarded by mu_
};

}  // namespace by::marketplaces
