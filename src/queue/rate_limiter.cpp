#include "queue/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace by::queue {
namespace {
// Refill arithmetic in doubles can land a hair under a whole token after waiting exactly wait_ms.
constexpr double kEpsilon = 1e-9;

void Refill(BucketState& s, bool fresh, const BucketSpec& spec, int64_t now) {
    if (fresh) {
        s.tokens = spec.burst;
        s.updated_at = now;
        s.blocked_until = 0;
        return;
    }
    if (now > s.updated_at) {
        s.tokens = std::min(spec.burst, s.tokens + static_cast<double>(now - s.updated_at) * spec.rate_per_sec / 1000.0);
        s.updated_at = now;
    }
    s.tokens = std::min(s.tokens, spec.burst);  // the spec may have shrunk
}
}  // namespace

Acquisition TokenBucketAcquire(BucketState& s, bool fresh, const BucketSpec& spec, int64_t now, double cost) {
    Refill(s, fresh, spec, now);
    if (s.blocked_until > now) {
        return {false, s.blocked_until - now};
    }
    if (s.tokens + kEpsilon >= cost) {
        s.tokens = std::max(0.0, s.tokens - cost);
        return {true, 0};
    }
    if (spec.rate_per_sec <= 0 || cost > spec.burst) {
        return {false, 60'000};  // can never be satisfied: ask again much later
    }
    double wait = std::ceil((cost - s.tokens) * 1000.0 / spec.rate_per_sec);
    return {false, std::max<int64_t>(1, static_cast<int64_t>(wait))};
}

void TokenBucketBlock(BucketState& s, bool fresh, const BucketSpec& spec, int64_t now, int64_t until) {
    Refill(s, fresh, spec, now);
    s.blocked_until = std::max(s.blocked_until, until);
    // One probe request may go when the block ends; refill starts from there (no burst right after a 429).
    s.tokens = std::min(1.0, spec.burst);
    s.updated_at = std::max(s.updated_at, s.blocked_until);
}

std::string RateKey(std::string_view credential_id, std::string_view endpoint_group) {
    std::string k = "credential:";
    k += credential_id;
    k += ':';
    k += endpoint_group;
    return k;
}

core::Result<Acquisition> InMemoryRateLimiter::Acquire(const std::string& key, const BucketSpec& spec, double cost) {
    std::lock_guard lock(mu_);
    auto [it, fresh] = buckets_.try_emplace(key);
    return TokenBucketAcquire(it->second, fresh, spec, clock_.NowMs(), cost);
}

core::Status InMemoryRateLimiter::Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) {
    std::lock_guard lock(mu_);
    auto [it, fresh] = buckets_.try_emplace(key);
    TokenBucketBlock(it->second, fresh, spec, clock_.NowMs(), until_ms);
    return core::Ok();
}

}  // namespace by::queue
