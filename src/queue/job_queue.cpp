#include "queue/job_queue.hpp"

#include <algorithm>
#include <cstdint>

namespace by::queue {

int64_t Rng::UniformInt(int64_t lo, int64_t hi) {
    if (hi <= lo) {
        return lo;
    }
    uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
    return lo + static_cast<int64_t>(Next() % span);  // span ≪ 2^64: the modulo bias is negligible
}

DefaultRng::DefaultRng() {
    std::random_device rd;
    gen_.seed((static_cast<uint64_t>(rd()) << 32) ^ rd());
}

uint64_t DefaultRng::Next() {
    std::lock_guard lock(mu_);
    return gen_();
}

int64_t BackoffCeilingMs(int attempt, const QueueConfig& config) {
    int shift = std::clamp(attempt - 1, 0, 40);
    int64_t base = std::max<int64_t>(config.backoff_base_ms, 0);
    // base·2^shift, saturating at the cap
    if (base > (INT64_MAX >> shift)) {
        return config.backoff_cap_ms;  // base·2^shift would overflow: the cap wins anyway
    }
    return std::min(config.backoff_cap_ms, base << shift);
}

int64_t BackoffMs(int attempt, const QueueConfig& config, Rng& rng) {
    return rng.UniformInt(0, BackoffCeilingMs(attempt, config));
}

std::string_view JobStateName(JobState s) {
    switch (s) {
        case JobState::kWaiting: return "waiting";
        case JobState::kDelayed: return "delayed";
        case JobState::kRunning: return "running";
        case JobState::kCompleted: return "completed";
        case JobState::kFailed: return "failed";
        case JobState::kDead: return "dead";
    }
    return "waiting";
}

std::optional<JobState> ParseJobState(std::string_view name) {
    for (JobState s : {JobState::kWaiting, JobState::kDelayed, JobState::kRunning, JobState::kCompleted,
                       JobState::kFailed, JobState::kDead}) {
        if (JobStateName(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

core::Result<FailOutcome> JobQueue::FailWith(const Lease& lease, const core::Error& error) {
    if (error.code == core::ErrorCode::kRateLimited) {
        BY_ASSIGN(int64_t run_at, RateLimited(lease, std::max<int64_t>(error.retry_after_ms, 0)));
        return FailOutcome{JobState::kDelayed, run_at};
    }
    std::string what = error.message;
    if (!error.context.empty()) {
        what += " (" + error.context + ")";
    }
    return Fail(lease, what, error.IsTransient());
}

}  // namespace by::queue
