// Fault switches for tests and benchmarks, set through POST /__sandbox/faults: per marketplace a 5xx
// probability, added latency, hangs (the answer comes only after hang_ms, then the connection closes),
// forced over-limit answers for the next N calls, and the captcha switch of the Uzum seller cabinet.
// Randomness comes from a seeded generator, so a run with the same seed and call order repeats.
// Sleeps use real time (latency is about the wall clock) and end early when Shutdown() is called, so
// stopping the sandbox never waits for a hang.
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "core/error.hpp"

namespace by::sandbox {

struct FaultSettings {
    double error_rate = 0;        // probability that a call answers 500
    int64_t latency_ms = 0;       // added before every answer
    double timeout_rate = 0;      // probability that a call hangs
    int64_t hang_ms = 30000;      // how long a hanging call waits before closing
    int64_t error_next = 0;       // the next N calls answer 500
    int64_t timeout_next = 0;     // the next N calls hang
    int64_t over_limit_next = 0;  // the next N calls get the marketplace's over-limit answer
    bool captcha = false;         // cabinet only: a captcha page instead of the login and product forms

    nlohmann::json ToJson() const;
};

enum class FaultAction { kNone, kServerError, kHang, kOverLimit };

class Faults {
  public:
    explicit Faults(uint64_t seed);

    FaultSettings Get(const std::string& target) const;
    // Applies the keys present in `patch` (unknown keys and bad values are errors; nothing changes then).
    core::Status Apply(const std::string& target, const nlohmann::json& patch);
    void Reset(const std::string& target);
    // Decides the fault for one API call, consuming the "next N" counters. `latency_ms` receives the
    // added latency to sleep first.
    FaultAction Next(const std::string& target, int64_t* latency_ms);
    // Sleeps up to `ms` real milliseconds; false when cut short by Shutdown().
    bool Sleep(int64_t ms);
    void Shutdown();

  private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::map<std::string, FaultSettings> settings_;  // guarded by mu_
    std::mt19937_64 rng_;                            // guarded by mu_
    bool shutdown_ = false;                          // guarded by mu_
};

}  // namespace by::sandbox
