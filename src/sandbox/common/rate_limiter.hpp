// Per-credential request limits as the marketplaces publish them, on an injected core::Clock.
//
// Two shapes cover the four marketplaces:
//   - a token bucket (WB, Ozon, Uzum): `burst` tokens, one token back every `interval_ms`;
//     over any window of W ms at most burst + W / interval_ms requests pass;
//   - a sliding window (Yandex's x-resource-limit-config): at most `amount` units (requests or items
//     counted from the request) within any `period_ms`.
// `time_scale` runs every limit faster (time_scale = 60: a minute of limits passes in a second); all
// times handed out (retry_after_ms) are real milliseconds. Buckets are kept in memory only: a restart
// forgets them, as a fresh process at the marketplace would not.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/clock.hpp"

namespace by::sandbox {

struct BucketSpec {
    double burst = 1;          // bucket capacity
    double interval_ms = 1000;  // one token returns per interval
};

struct WindowSpec {
    int64_t amount = 1;       // units allowed per period
    int64_t period_ms = 60000;
};

struct LimitDecision {
    bool allowed = true;
    int64_t retry_after_ms = 0;  // real ms until the request would pass (0 when allowed)
    int64_t remaining = 0;       // whole units left after this request
    int64_t limit = 0;           // burst or amount, for X-RateLimit-* headers
    int64_t reset_after_ms = 0;  // real ms until the bucket is full / the window clears
};

class RateLimiter {
  public:
    RateLimiter(const core::Clock& clock, double time_scale);

    // Takes `units` from the bucket `key` (created full on first use).
    LimitDecision TakeBucket(const std::string& key, const BucketSpec& spec, double units = 1);
    // Records `units` in the sliding window `key` when they fit.
    LimitDecision TakeWindow(const std::string& key, const WindowSpec& spec, int64_t units = 1);
    // Forgets every bucket and window whose key starts with `prefix` (all when empty).
    void Reset(const std::string& prefix = {});

    double time_scale() const { return time_scale_; }

  private:
    struct Bucket {
        double tokens = 0;
        double last_vms = 0;  // virtual ms
    };
    struct Window {
        std::deque<std::pair<double, int64_t>> entries;  // (virtual ms, units)
        int64_t total = 0;
    };
    double VirtualNow() const;
    int64_t ToRealMs(double virtual_ms) const;

    const core::Clock& clock_;
    double time_scale_;
    std::mutex mu_;
    std::map<std::string, Bucket> buckets_;  // guarded by mu_
    std::map<std::string, Window> windows_;  // guarded by mu_
};

}  // namespace by::sandbox
