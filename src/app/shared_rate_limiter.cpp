#include "app/shared_rate_limiter.hpp"

#include <algorithm>

#include "obs/log.hpp"

namespace by::app {

SharedRateLimiter::SharedRateLimiter(std::unique_ptr<queue::RateLimiter> shared, const core::Clock& clock,
                                     double headroom)
    : shared_(std::move(shared)), local_(clock, headroom), clock_(clock), headroom_(std::clamp(headroom, 0.1, 1.0)) {}

queue::BucketSpec SharedRateLimiter::SpecOf(const marketplaces::LimitKey& key) const {
    queue::BucketSpec spec;
    spec.burst = std::max(1.0, key.rate.burst);
    spec.rate_per_sec = key.rate.interval_ms > 0 ? headroom_ * 1000.0 / key.rate.interval_ms : 0;
    return spec;
}

int64_t SharedRateLimiter::Acquire(const marketplaces::LimitKey& key, double cost) {
    queue::BucketSpec spec = SpecOf(key);
    // As the local limiter: a cost above the burst passes once the bucket is full.
    double need = std::clamp(cost, 0.0, spec.burst);
    auto got = shared_->Acquire(key.id, spec, need);
    if (!got.ok()) {
        NoteFailure(got.error());
        return local_.Acquire(key, cost);
    }
    return got->ok ? 0 : std::max<int64_t>(1, got->wait_ms);
}

void SharedRateLimiter::Block(const marketplaces::LimitKey& key, int64_t until_unix_ms) {
    local_.Block(key, until_unix_ms);
    if (auto st = shared_->Block(key.id, SpecOf(key), until_unix_ms); !st.ok()) {
        NoteFailure(st.error());
    }
}

void SharedRateLimiter::NoteFailure(const core::Error& e) {
    int64_t now = clock_.MonotonicMs();
    int64_t last = last_failure_log_ms_.load();
    if (now - last >= 60'000 && last_failure_log_ms_.compare_exchange_strong(last, now)) {
        obs::Log(obs::Level::kWarn, "rate_limiter_shared_unavailable",
                 {{"error", e.ToString()}, {"fallback", "this process's own buckets"}});
    }
}

}  // namespace by::app
