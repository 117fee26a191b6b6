#include "net/retry.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>
#include <thread>

#include "net/redact.hpp"
#include "obs/log.hpp"

namespace by::net {
namespace {

std::optional<int64_t> ParseSeconds(std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) {
        v.remove_prefix(1);
    }
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) {
        v.remove_suffix(1);
    }
    if (v.empty()) {
        return std::nullopt;
    }
    // Whole or fractional seconds ("2", "0.5").
    double secs = 0;
    size_t dot = v.find('.');
    int64_t whole = 0;
    auto head = v.substr(0, dot);
    auto [p, ec] = std::from_chars(head.data(), head.data() + head.size(), whole);
    if (ec != std::errc() || p != head.data() + head.size() || whole < 0) {
        return std::nullopt;
    }
    secs = static_cast<double>(whole);
    if (dot != std::string_view::npos) {
        double scale = 0.1;
        for (char c : v.substr(dot + 1)) {
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
            secs += (c - '0') * scale;
            scale /= 10;
        }
    }
    return static_cast<int64_t>(secs * 1000 + 0.5);
}

// RFC 7231 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::optional<int64_t> ParseHttpDateMs(std::string_view v) {
    std::string s(v);
    std::tm tm{};
    const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr) {
        return std::nullopt;
    }
    return static_cast<int64_t>(timegm(&tm)) * 1000;
}

}  // namespace

void RealSleeper::SleepMs(int64_t ms) {
    if (ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    }
}

Sleeper& DefaultSleeper() {
    static RealSleeper sleeper;
    return sleeper;
}

bool IsTransientStatus(int status) {
    return status == 408 || status == 420 || status == 429 || (status >= 500 && status <= 599 && status != 501 &&
                                                                 status != 505);
}

bool IsOverLimitStatus(int status) { return status == 429 || status == 420; }

std::optional<int64_t> RetryAfterMs(const HttpResponse& response, int64_t now_unix_ms) {
    if (auto v = response.Header("X-Ratelimit-Retry")) {
        if (auto ms = ParseSeconds(*v)) {
            return ms;
        }
    }
    if (auto v = response.Header("Retry-After")) {
        if (auto ms = ParseSeconds(*v)) {
            return ms;
        }
        if (auto at = ParseHttpDateMs(*v)) {
            return std::max<int64_t>(0, *at - now_unix_ms);
        }
    }
    return std::nullopt;
}

int64_t FullJitterDelayMs(int retry, const RetryPolicy& policy, uint64_t random) {
    int shift = std::clamp(retry - 1, 0, 30);
    int64_t cap = std::min<int64_t>(policy.max_delay_ms, policy.base_delay_ms << shift);
    if (cap <= 0) {
        return 0;
    }
    return static_cast<int64_t>(random % static_cast<uint64_t>(cap + 1));
}

RetryingHttpClient::RetryingHttpClient(HttpClient& inner, const core::Clock& clock, Sleeper& sleeper, uint64_t seed)
    : inner_(inner), clock_(clock), sleeper_(sleeper), rng_(seed) {}

RetryingHttpClient::RetryingHttpClient(HttpClientPtr inner, const core::Clock& clock, Sleeper& sleeper,
                                       uint64_t seed)
    : owned_(std::move(inner)), inner_(*owned_), clock_(clock), sleeper_(sleeper), rng_(seed) {}

uint64_t RetryingHttpClient::NextRandom() {
    std::lock_guard<std::mutex> lock(mu_);
    return rng_();
}

core::Result<HttpResponse> RetryingHttpClient::Send(const HttpRequest& request) {
    const RetryPolicy& policy = request.retry;
    int max_attempts = std::max(1, policy.max_attempts);
    int64_t waited = 0;
    std::string url = RedactUrl(request.url);
    for (int attempt = 1;; ++attempt) {
        auto result = inner_.Send(request);
        bool transient = false;
        std::optional<int64_t> asked;  // Retry-After of an answer
        std::string what;
        if (result.ok()) {
            result->attempts = attempt;
            int status = result->status;
            transient = IsTransientStatus(status);
            if (!transient) {
                return result;
            }
            asked = RetryAfterMs(*result, clock_.NowMs());
            if (IsOverLimitStatus(status) && !policy.retry_rate_limited) {
                return result;
            }
            what = "status " + std::to_string(status);
        } else {
            transient = result.error().IsTransient();
            if (!transient) {
                return result;
            }
            what = result.error().message;
        }
        int64_t delay = asked ? *asked : FullJitterDelayMs(attempt, policy, NextRandom());
        bool out_of_tries = attempt >= max_attempts;
        bool out_of_budget = waited + delay > policy.budget_ms;
        if (out_of_tries || out_of_budget) {
            obs::Log(obs::Level::kWarn, "http_gave_up",
                     {{"method", request.method},
                      {"url", url},
                      {"outcome", what},
                      {"attempts", attempt},
                      {"waited_ms", waited},
                      {"next_wait_ms", delay},
                      {"reason", out_of_tries ? "attempts" : "budget"}});
            return result;
        }
        obs::Log(obs::Level::kInfo, "http_retry",
                 {{"method", request.method},
                  {"url", url},
                  {"outcome", what},
                  {"attempt", attempt},
                  {"wait_ms", delay},
                  {"retry_after", asked.has_value()}});
        sleeper_.SleepMs(delay);
        waited += delay;
    }
}

}  // namespace by::net
