#include "obs/sentry/sentry_reporter.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "core/ids.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "obs/sentry/envelope.hpp"

namespace by::obs::sentry {
namespace {

constexpr const char* kMetric = "by_sentry_events_total";

std::string HostName() {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    return host;
}

// "60:error;transaction:key, 2700::organization" -> the longest pause among entries that cover errors.
int64_t SentryHeaderPauseMs(std::string_view header) {
    int64_t best = 0;
    while (!header.empty()) {
        size_t comma = header.find(',');
        std::string_view entry = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
        size_t colon = entry.find(':');
        std::string secs(entry.substr(0, colon));
        std::string_view cats = colon == std::string_view::npos ? std::string_view() : entry.substr(colon + 1);
        cats = cats.substr(0, cats.find(':'));
        bool covers = cats.empty();
        while (!cats.empty() && !covers) {
            size_t semi = cats.find(';');
            std::string_view c = cats.substr(0, semi);
            covers = c == "error" || c == "default";
            cats = semi == std::string_view::npos ? std::string_view() : cats.substr(semi + 1);
        }
        char* end = nullptr;
        double s = std::strtod(secs.c_str(), &end);
        if (covers && end != secs.c_str() && s > 0) best = std::max(best, static_cast<int64_t>(s * 1000));
    }
    return best;
}

}  // namespace

int64_t RateLimitPauseMs(const net::HttpResponse& response, int64_t default_ms) {
    if (auto h = response.Header("X-Sentry-Rate-Limits"); h && !h->empty()) {
        if (int64_t ms = SentryHeaderPauseMs(*h); ms > 0) return ms;
    }
    if (response.status != 429) return 0;
    if (auto h = response.Header("Retry-After"); h && !h->empty()) {
        std::string v(*h);
        char* end = nullptr;
        double s = std::strtod(v.c_str(), &end);
        if (end != v.c_str() && s >= 0) return std::max<int64_t>(1000, static_cast<int64_t>(s * 1000));
    }
    return default_ms;
}

SentryReporter::SentryReporter(Dsn dsn, SentryOptions options, net::HttpClientPtr http, const core::Clock& clock)
    : dsn_(std::move(dsn)), options_(std::move(options)), http_(std::move(http)), clock_(clock),
      rng_(std::random_device{}()) {
    auto& m = Metrics::Global();
    m.Describe(kMetric, "counter", "Error reports by what became of them (sent, dropped, failed)");
    for (const char* o : {"sent", "dropped", "failed"}) m.Inc(kMetric, {{"outcome", o}}, 0);
    Log(Level::kInfo, "sentry_enabled", {{"dsn", dsn_.Redacted()}, {"environment", options_.environment},
                                         {"sample_rate", options_.sample_rate}});
    thread_ = std::thread([this] { Loop(); });
}

SentryReporter::~SentryReporter() {
    bool flushed = Flush(options_.flush_timeout_ms);
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    int64_t left = 0;
    {
        std::lock_guard lock(mu_);
        left = static_cast<int64_t>(queue_.size());
        queue_.clear();
        dropped_ += left;
    }
    if (left > 0) Metrics::Global().Inc(kMetric, {{"outcome", "dropped"}}, static_cast<double>(left));
    if (!flushed || left > 0) Log(Level::kWarn, "sentry_flush_incomplete", {{"dropped", left}});
}

void SentryReporter::Count(const char* outcome, int64_t* counter) {
    {
        std::lock_guard lock(mu_);
        ++*counter;
    }
    Metrics::Global().Inc(kMetric, {{"outcome", outcome}});
}

void SentryReporter::Report(ErrorReport report) {
    Pending p{std::move(report), core::RandomHex(16), clock_.NowMs(), 0};
    {
        std::lock_guard lock(mu_);
        if (options_.sample_rate < 1.0 && std::uniform_real_distribution<double>(0, 1)(rng_) >= options_.sample_rate) {
            return;
        }
        if (stopping_ || queue_.size() >= options_.max_queue) {
            ++dropped_;
        } else {
            queue_.push_back(std::move(p));
            cv_.notify_all();
            return;
        }
    }
    Metrics::Global().Inc(kMetric, {{"outcome", "dropped"}});
}

bool SentryReporter::Flush(int64_t timeout_ms) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [this] { return queue_.empty() && !sending_; });
}

void SentryReporter::Loop() {
    std::unique_lock lock(mu_);
    while (true) {
        if (stopping_) return;
        if (queue_.empty()) {
            cv_.wait(lock);
            continue;
        }
        if (std::chrono::steady_clock::now() < paused_until_) {
            cv_.wait_until(lock, paused_until_);
            continue;
        }
        Pending p = std::move(queue_.front());
        queue_.pop_front();
        sending_ = true;
        lock.unlock();
        int64_t pause_ms = 0;
        bool again = false;
        Send(p, &pause_ms, &again);
        lock.lock();
        if (pause_ms > 0) {
            paused_until_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(pause_ms);
        }
        if (again) queue_.push_front(std::move(p));
        sending_ = false;
        cv_.notify_all();
    }
}

void SentryReporter::Send(Pending& p, int64_t* pause_ms, bool* again) {
    ++p.tries;
    EventMeta meta{p.event_id, p.timestamp_ms, options_.release, options_.environment,
                   options_.server_name.empty() ? HostName() : options_.server_name};
    net::HttpRequest req;
    req.method = "POST";
    req.url = dsn_.EnvelopeUrl();
    req.headers = {{"Content-Type", "application/x-sentry-envelope"}, {"X-Sentry-Auth", AuthHeader(dsn_)}};
    req.body = BuildEnvelope(dsn_, BuildEvent(p.report, meta), clock_.NowMs());
    req.timeout_ms = options_.timeout_ms;
    req.connect_timeout_ms = options_.connect_timeout_ms;
    req.retry.max_attempts = 1;  // pacing is ours: over-limit answers pause the whole queue
    auto resp = http_->Send(req);
    if (!resp.ok()) {
        Log(Level::kWarn, "sentry_send_failed", {{"error", resp.error().message}});
        Count("failed", &failed_);
        return;
    }
    *pause_ms = std::min(RateLimitPauseMs(*resp, options_.default_pause_ms), options_.max_pause_ms);
    if (resp->status >= 200 && resp->status < 300) {
        Count("sent", &sent_);
        return;
    }
    if (resp->status == 429 && p.tries < options_.max_tries) {
        Log(Level::kWarn, "sentry_rate_limited", {{"pause_ms", *pause_ms}, {"try", p.tries}});
        *again = true;
        return;
    }
    Log(Level::kWarn, "sentry_send_failed", {{"status", resp->status}, {"try", p.tries}});
    Count("failed", &failed_);
}

int64_t SentryReporter::sent() const {
    std::lock_guard lock(mu_);
    return sent_;
}

int64_t SentryReporter::dropped() const {
    std::lock_guard lock(mu_);
    return dropped_;
}

int64_t SentryReporter::failed() const {
    std::lock_guard lock(mu_);
    return failed_;
}

}  // namespace by::obs::sentry
