// The Sentry reporter: ErrorReport -> envelope -> POST {scheme}://{host}{path}/api/{project}/envelope/,
// for Sentry or a compatible server (GlitchTip). Report() only appends to a bounded in-memory queue (a full
// queue drops the report and counts it: the caller never waits); one background thread sends, one event per
// request, with short timeouts and no retries of its own, except that an over-limit answer (429 with
// Retry-After, or X-Sentry-Rate-Limits on any answer) pauses sending for as long as asked and the event is
// tried again after the pause, a few times at most. Other failures drop the event (counted).
// by_sentry_events_total{outcome="sent|dropped|failed"} counts what happened to every report.
//
// Shutdown: the destructor sends what is queued for up to flush_timeout_ms, drops the rest, and joins.
// Thread-safety: Report(), Flush() and the counters may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "obs/error_reporter.hpp"
#include "obs/sentry/dsn.hpp"

namespace by::obs::sentry {

struct SentryOptions {
    std::string environment = "production";  // [sentry] environment
    double sample_rate = 1.0;                 // [sentry] sample_rate: the share of reports sent (0..1)
    std::string release = "biznesyordam@1.0";
    std::string server_name;                  // default: the host name
    size_t max_queue = 100;                   // reports waiting to be sent; more are dropped
    int64_t timeout_ms = 3000;                // one POST, whole exchange
    int64_t connect_timeout_ms = 1000;
    int64_t flush_timeout_ms = 2000;          // on shutdown, how long queued reports may still take
    int max_tries = 3;                        // sends of one event that met an over-limit answer
    int64_t default_pause_ms = 60000;         // a 429 that says nothing of how long
    int64_t max_pause_ms = 3600 * 1000;       // a longer Retry-After is cut to this
};

class SentryReporter final : public ErrorReporter {
  public:
    // `clock` gives event timestamps; pauses use the steady clock of the condition variable.
    SentryReporter(Dsn dsn, SentryOptions options, net::HttpClientPtr http, const core::Clock& clock);
    ~SentryReporter() override;
    SentryReporter(const SentryReporter&) = delete;
    SentryReporter& operator=(const SentryReporter&) = delete;

    void Report(ErrorReport report) override;
    // Waits until nothing is queued or being sent; false when `timeout_ms` passed first.
    bool Flush(int64_t timeout_ms);

    int64_t sent() const;
    int64_t dropped() const;
    int64_t failed() const;

  private:
    struct Pending {
        ErrorReport report;
        std::string event_id;
        int64_t timestamp_ms = 0;
        int tries = 0;
    };
    void Loop();
    // Sends one event; returns how long to pause sending (0: none) and whether to try it again.
    void Send(Pending& p, int64_t* pause_ms, bool* again);
    void Count(const char* outcome, int64_t* counter);

    const Dsn dsn_;
    const SentryOptions options_;
    net::HttpClientPtr http_;
    const core::Clock& clock_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Pending> queue_;                                  // guarded by mu_
    bool sending_ = false;                                       // guarded by mu_: one event is in flight
    bool stopping_ = false;                                      // guarded by mu_
    std::chrono::steady_clock::time_point paused_until_{};       // guarded by mu_
    int64_t sent_ = 0, dropped_ = 0, failed_ = 0;                // guarded by mu_
    std::mt19937_64 rng_;                                        // guarded by mu_: sampling
    std::thread thread_;
};

// The pause an answer asks for, in ms (0: none): X-Sentry-Rate-Limits entries that cover errors (no
// categories, or "error"/"default"), else Retry-After seconds on a 429, else `default_ms` on a 429.
int64_t RateLimitPauseMs(const net::HttpResponse& response, int64_t default_ms);

}  // namespace by::obs::sentry
