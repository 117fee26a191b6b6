// What every marketplace imitation shares: storage, time, limits, faults, media checks and the seeded
// sellers. Built once by Sandbox::Start and outlives every server; the members are thread-safe
// themselves, so a Context may be used from all request threads at once.
#pragma once

#include <cmath>
#include <cstdint>

#include "core/clock.hpp"
#include "sandbox/common/accounts.hpp"
#include "sandbox/common/faults.hpp"
#include "sandbox/common/media_check.hpp"
#include "sandbox/common/rate_limiter.hpp"
#include "sandbox/common/store.hpp"

namespace by::sandbox {

struct Context {
    Store& store;
    const core::Clock& clock;
    RateLimiter& limiter;
    Faults& faults;
    MediaChecker& media;
    const Accounts& accounts;
    double time_scale = 1.0;             // > 1 runs limits and processing delays faster
    int64_t moderation_delay_ms = 3000;  // marketplace-side processing time before a result shows

    int64_t NowMs() const { return clock.NowMs(); }
    // The processing delay in real milliseconds (moderation_delay_ms divided by the time scale).
    int64_t ProcessingDelayMs() const {
        return static_cast<int64_t>(std::llround(static_cast<double>(moderation_delay_ms) / time_scale));
    }
    // Sandbox time for time-driven data (competitor prices): wall time sped up by the time scale.
    int64_t VirtualNowMs() const { return static_cast<int64_t>(static_cast<double>(NowMs()) * time_scale); }
};

}  // namespace by::sandbox
