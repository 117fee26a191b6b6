// A Clock tests move by hand: lease expiry, backoff, TOTP windows and rate limits without sleeping.
#pragma once

#include <atomic>

#include "core/clock.hpp"

namespace by::testing {

class FakeClock final : public core::Clock {
  public:
    explicit FakeClock(int64_t now_ms = 1'750'000'000'000) : now_(now_ms), mono_(1'000'000) {}
    int64_t NowMs() const override { return now_.load(); }
    int64_t MonotonicMs() const override { return mono_.load(); }
    void Advance(int64_t ms) {
        now_ += ms;
        mono_ += ms;
    }
    void SetNowMs(int64_t ms) { now_ = ms; }

  private:
    std::atomic<int64_t> now_;
    std::atomic<int64_t> mono_;
};

}  // namespace by::testing
