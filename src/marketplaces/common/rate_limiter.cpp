#include "marketplaces/common/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace by::marketplaces {

TokenBucketRateLimiter::Bucket& TokenBucketRateLimiter::Get(const LimitKey& key, int64_t now) {
    auto [it, inserted] = buckets_.try_emplace(key.id);
    Bucket& b = it->second;
    double burst = std::max(1.0, key.rate.burst);
    if (inserted) {
        b.tokens = burst;
        b.last_ms = now;
        return b;
    }
    double interval = std::max(1e-3, key.rate.interval_ms / headroom_);
    b.tokens = std::min(burst, b.tokens + static_cast<double>(now - b.last_ms) / interval);
    b.last_ms = now;
    return b;
}

int64_t TokenBucketRateLimiter::Acquire(const LimitKey& key, double cost) {
    std::lock_guard<std::mutex> lock(mu_);
    int64_t now = clock_.MonotonicMs();
    Bucket& b = Get(key, now);
    if (b.blocked_until_ms > now) {
        return b.blocked_until_ms - now;
    }
    double need = std::clamp(cost, 0.0, std::max(1.0, key.rate.burst));
    if (b.tokens + 1e-9 >= need) {
        b.tokens -= need;
        return 0;
    }
    return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((need - b.tokens) * key.rate.interval_ms / headroom_)));
}

void TokenBucketRateLimiter::Block(const LimitKey& key, int64_t until_unix_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    int64_t now = clock_.MonotonicMs();
    Bucket& b = Get(key, now);
    int64_t until = now + std::max<int64_t>(0, until_unix_ms - clock_.NowMs());
    b.blocked_until_ms = std::max(b.blocked_until_ms, until);
    b.tokens = 0;  // the marketplace's bucket is empty; ours should be too
}

}  // namespace by::marketplaces
