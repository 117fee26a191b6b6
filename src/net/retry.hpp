// Retries for outbound calls: full-jitter exponential backoff (AWS "Exponential Backoff and Jitter") for
// transient faults (no answer, timeouts, 5xx, 408, 429 and Yandex's 420), honouring Retry-After (seconds or
// HTTP-date) and WB's X-Ratelimit-Retry (seconds) within each request's RetryPolicy budget.
//
// RetryingHttpClient decorates any HttpClient (the libcurl one in production, a fake in tests). Time and
// randomness are injected: waits go through a Sleeper, Retry-After dates are read against a core::Clock,
// and jitter comes from a seeded generator, so tests run without sleeping and repeat exactly.
// Every retry and every final failure writes one log line with the method, the redacted URL, the status or
// error, the attempt and the wait; never a header value.
// Thread-safety: RetryingHttpClient::Send may be called from many threads at once (the generator is
// guarded by a mutex); the wrapped client must be thread-safe too.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>

#include "core/clock.hpp"
#include "net/http_client.hpp"

namespace by::net {

class Sleeper {
  public:
    virtual ~Sleeper() = default;
    virtual void SleepMs(int64_t ms) = 0;
};

// std::this_thread::sleep_for.
class RealSleeper final : public Sleeper {
  public:
    void SleepMs(int64_t ms) override;
};
Sleeper& DefaultSleeper();  // a process-wide RealSleeper

// True for answers worth another try: 408, 420, 429, 5xx except 501 and 505.
bool IsTransientStatus(int status);
// True for over-limit answers: 429 and Yandex's 420.
bool IsOverLimitStatus(int status);

// The wait an answer asks for, in ms: X-Ratelimit-Retry (seconds, WB), else Retry-After (delta-seconds or
// an HTTP-date read against `now_unix_ms`). nullopt when neither is present or parseable.
std::optional<int64_t> RetryAfterMs(const HttpResponse& response, int64_t now_unix_ms);

// Full jitter: uniform in [0, min(max_delay, base * 2^(retry-1))] using `random` (any 64-bit value).
int64_t FullJitterDelayMs(int retry, const RetryPolicy& policy, uint64_t random);

class RetryingHttpClient final : public HttpClient {
  public:
    // `inner`, `clock` and `sleeper` must outlive this client.
    RetryingHttpClient(HttpClient& inner, const core::Clock& clock, Sleeper& sleeper, uint64_t seed = 0);
    // Owns the inner client.
    RetryingHttpClient(HttpClientPtr inner, const core::Clock& clock, Sleeper& sleeper, uint64_t seed = 0);

    core::Result<HttpResponse> Send(const HttpRequest& request) override;

  private:
    uint64_t NextRandom();

    HttpClientPtr owned_;
    HttpClient& inner_;
    const core::Clock& clock_;
    Sleeper& sleeper_;
    std::mutex mu_;
    std::mt19937_64 rng_;  // guarded by mu_
};

}  // namespace by::net
