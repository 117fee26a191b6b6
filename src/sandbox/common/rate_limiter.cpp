#include "sandbox/common/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace by::sandbox {

RateLimiter::RateLimiter(const core::Clock& clock, double time_scale)
    : clock_(clock), time_scale_(time_scale > 0 ? time_scale : 1.0) {}

double RateLimiter::VirtualNow() const { return static_cast<double>(clock_.MonotonicMs()) * time_scale_; }

int64_t RateLimiter::ToRealMs(double virtual_ms) const {
    return static_cast<int64_t>(std::ceil(std::max(0.0, virtual_ms) / time_scale_));
}

LimitDecision RateLimiter::TakeBucket(const std::string& key, const BucketSpec& spec, double units) {
    std::lock_guard<std::mutex> lock(mu_);
    double now = VirtualNow();
    auto [it, fresh] = buckets_.try_emplace(key);
    Bucket& b = it->second;
    if (fresh) {
        b.tokens = spec.burst;
        b.last_vms = now;
    } else if (now > b.last_vms) {
        b.tokens = std::min(spec.burst, b.tokens + (now - b.last_vms) / spec.interval_ms);
        b.last_vms = now;
    }
    LimitDecision d;
    d.limit = static_cast<int64_t>(spec.burst);
    // A tiny epsilon absorbs floating-point drift so exactly-on-time requests pass.
    if (b.tokens + 1e-9 >= units) {
        b.tokens = std::max(0.0, b.tokens - units);
        d.allowed = true;
    } else {
        d.allowed = false;
        double missing = units > spec.burst ? units : units - b.tokens;
        d.retry_after_ms = std::max<int64_t>(1, ToRealMs(missing * spec.interval_ms));
    }
    d.remaining = static_cast<int64_t>(std::floor(b.tokens + 1e-9));
    d.reset_after_ms = ToRealMs((spec.burst - b.tokens) * spec.interval_ms);
    return d;
}

LimitDecision RateLimiter::TakeWindow(const std::string& key, const WindowSpec& spec, int64_t units) {
    std::lock_guard<std::mutex> lock(mu_);
    double now = VirtualNow();
    Window& w = windows_[key];
    double period = static_cast<double>(spec.period_ms);
    while (!w.entries.empty() && w.entries.front().first <= now - period) {
        w.total -= w.entries.front().second;
        w.entries.pop_front();
    }
    LimitDecision d;
    d.limit = spec.amount;
    if (w.total + units <= spec.amount) {
        w.entries.emplace_back(now, units);
        w.total += units;
        d.allowed = true;
    } else {
        d.allowed = false;
        if (units > spec.amount) {
            d.retry_after_ms = ToRealMs(period);
        } else {
            // Wait until enough of the oldest entries leave the window.
            int64_t need = w.total + units - spec.amount;
            double when = now;
            for (const auto& [t, n] : w.entries) {
                need -= n;
                when = t + period;
                if (need <= 0) {
                    break;
                }
            }
            d.retry_after_ms = std::max<int64_t>(1, ToRealMs(when - now));
        }
    }
    d.remaining = std::max<int64_t>(0, spec.amount - w.total);
    d.reset_after_ms = w.entries.empty() ? 0 : ToRealMs(w.entries.back().first + period - now);
    return d;
}

void RateLimiter::Reset(const std::string& prefix) {
    std::lock_guard<std::mutex> lock(mu_);
    if (prefix.empty()) {
        buckets_.clear();
        windows_.clear();
        return;
    }
    std::erase_if(buckets_, [&](const auto& kv) { return kv.first.rfind(prefix, 0) == 0; });
    std::erase_if(windows_, [&](const auto& kv) { return kv.first.rfind(prefix, 0) == 0; });
}

}  // namespace by::sandbox
