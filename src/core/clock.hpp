// Time as a seam (Envoy's TimeSource): code asks a Clock, tests advance a FakeClock instead of sleeping.
// Thread-safety: implementations must be safe to call from any thread.
#pragma once

#include <chrono>
#include <cstdint>

namespace by::core {

class Clock {
  public:
    virtual ~Clock() = default;
    // Wall time, Unix milliseconds UTC: for stored timestamps and display.
    virtual int64_t NowMs() const = 0;
    // Monotonic milliseconds: for intervals, timeouts and rate limits.
    virtual int64_t MonotonicMs() const = 0;
};

class SystemClock final : public Clock {
  public:
    int64_t NowMs() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    int64_t MonotonicMs() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
};

}  // namespace by::core
