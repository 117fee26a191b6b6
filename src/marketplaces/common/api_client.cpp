#include "marketplaces/common/api_client.hpp"

#include <sodium.h>

#include <algorithm>
#include <cmath>

#include "net/redact.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace by::marketplaces {
namespace {

std::string Prefix(core::Marketplace mp) { return std::string(core::MarketplaceName(mp)) + ": "; }

}  // namespace

std::string CredentialId(const vault::FieldMap& creds) {
    crypto_generichash_state st;
    unsigned char out[8];
    static const unsigned char kKey[] = "biznesyordam-rate-key-v1";
    crypto_generichash_init(&st, kKey, sizeof kKey - 1, sizeof out);
    for (const auto& [name, value] : creds) {
        uint32_t n = static_cast<uint32_t>(name.size());
        uint32_t v = static_cast<uint32_t>(value.size());
        crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(&n), sizeof n);
        crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(name.data()), name.size());
        crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(&v), sizeof v);
        crypto_generichash_update(&st, value.data(), value.size());
    }
    crypto_generichash_final(&st, out, sizeof out);
    static const char* kHex = "0123456789abcdef";
    std::string id;
    for (unsigned char c : out) {
        id += kHex[c >> 4];
        id += kHex[c & 15];
    }
    return id;
}

core::Result<std::string_view> CredentialField(const vault::FieldMap& creds, std::string_view name) {
    auto it = creds.find(name);
    if (it == creds.end() || it->second.empty()) {
        return core::Error::Invalid("credential field '" + std::string(name) + "' is missing", std::string(name));
    }
    return it->second.view();
}

core::Error ClassifyFailure(core::Marketplace mp, const net::HttpResponse& response, const std::string& message,
                            const net::Headers& request_headers) {
    std::string text = Prefix(mp) + "HTTP " + std::to_string(response.status);
    std::string said = net::ScrubAndTruncate(message, request_headers, 1000);
    if (!said.empty()) {
        text += ": " + said;
    }
    core::Error e;
    int s = response.status;
    if (s == 400) {
        e = core::Error::Invalid(text);
    } else if (s == 401) {
        e = core::Error::Unauthenticated(text);
    } else if (s == 403) {
        e = core::Error::Forbidden(text);
    } else if (s == 404) {
        e = core::Error::NotFound(text);
    } else if (s == 409) {
        e = core::Error::Conflict(text);
    } else if (s == 413) {
        e = core::Error::TooLarge(text);
    } else if (s == 408) {
        e = core::Error::Timeout(text);
    } else if (s == 423 || s >= 500) {
        e = core::Error::Unavailable(text);
    } else {
        e = core::Error::Unprocessable(text);
    }
    e.context = net::ScrubAndTruncate(response.body, request_headers, 2000);
    return e;
}

ApiClient::ApiClient(core::Marketplace mp, const AdapterConfig& config, net::HttpClient& http, RateLimiter& limiter,
                     const core::Clock& clock, net::Sleeper& sleeper, MessageExtractor extract,
                     OverLimitDetector over_limit)
    : mp_(mp),
      config_(config),
      http_(http),
      limiter_(limiter),
      clock_(clock),
      sleeper_(sleeper),
      extract_(std::move(extract)),
      over_limit_(std::move(over_limit)) {}

net::HttpRequest ApiClient::NewRequest(std::string method, std::string url) const {
    net::HttpRequest r;
    r.method = std::move(method);
    r.url = std::move(url);
    r.timeout_ms = config_.timeout_ms;
    r.connect_timeout_ms = config_.connect_timeout_ms;
    r.retry = config_.retry;
    r.headers.emplace_back("Accept", "application/json");
    return r;
}

LimitKey ApiClient::KeyFor(const std::string& cred_id, const Limit& limit) const {
    return LimitKey{std::string(core::MarketplaceName(mp_)) + ":" + cred_id + ":" + limit.group, limit.rate};
}

core::Status ApiClient::Take(const std::string& cred_id, const std::vector<Limit>& limits) {
    for (const Limit& limit : limits) {
        LimitKey key = KeyFor(cred_id, limit);
        int64_t waited = 0;
        for (;;) {
            int64_t wait = limiter_.Acquire(key, limit.cost);
            if (wait <= 0) {
                break;
            }
            if (waited + wait > config_.max_inline_wait_ms) {
                obs::Log(obs::Level::kInfo, "marketplace_rate_wait",
                         {{"marketplace", core::MarketplaceName(mp_)}, {"group", limit.group}, {"wait_ms", wait}});
                return core::Error::RateLimited(wait, Prefix(mp_) + "local rate limit of " + limit.group);
            }
            sleeper_.SleepMs(wait);
            waited += wait;
        }
    }
    return core::Ok();
}

core::Result<net::HttpResponse> ApiClient::Call(const std::string& cred_id, const net::HttpRequest& request,
                                                const std::vector<Limit>& limits) {
    return Do(cred_id, request, limits, false);
}

core::Result<net::HttpResponse> ApiClient::CallAllow4xx(const std::string& cred_id, const net::HttpRequest& request,
                                                        const std::vector<Limit>& limits) {
    return Do(cred_id, request, limits, true);
}

core::Result<net::HttpResponse> ApiClient::Do(const std::string& cred_id, const net::HttpRequest& request,
                                              const std::vector<Limit>& limits, bool allow_4xx) {
    BY_TRY(Take(cred_id, limits));
    std::string group = limits.empty() ? std::string() : limits.front().group;
    int64_t started = clock_.MonotonicMs();
    auto result = http_.Send(request);
    int64_t took = clock_.MonotonicMs() - started;
    if (!result.ok()) {
        core::Error e = std::move(result).error();
        e.message = Prefix(mp_) + net::ScrubSecrets(e.message, request.headers);
        obs::Metrics::Global().Inc("by_marketplace_requests_total",
                                   {{"marketplace", std::string(core::MarketplaceName(mp_))}, {"status", "error"}});
        obs::Log(obs::Level::kWarn, "marketplace_call_failed",
                 {{"marketplace", core::MarketplaceName(mp_)},
                  {"group", group},
                  {"method", request.method},
                  {"url", net::RedactUrl(request.url)},
                  {"error", e.message},
                  {"ms", took}});
        return e;
    }
    net::HttpResponse& r = *result;
    obs::Metrics::Global().Inc("by_marketplace_requests_total", {{"marketplace", std::string(core::MarketplaceName(mp_))},
                                                                 {"status", std::to_string(r.status)}});
    obs::Metrics::Global().Observe("by_marketplace_request_duration_seconds",
                                   {{"marketplace", std::string(core::MarketplaceName(mp_))}, {"group", group}},
                                   static_cast<double>(took) / 1000.0);
    obs::Log(r.status >= 400 ? obs::Level::kWarn : obs::Level::kDebug, "marketplace_call",
             {{"marketplace", core::MarketplaceName(mp_)},
              {"group", group},
              {"method", request.method},
              {"url", net::RedactUrl(request.url)},
              {"status", r.status},
              {"attempts", r.attempts},
              {"ms", took}});
    bool over = net::IsOverLimitStatus(r.status) || (r.status >= 400 && over_limit_ && over_limit_(r));
    if (over) {
        int64_t wait = net::RetryAfterMs(r, clock_.NowMs())
                           .value_or(limits.empty() ? 1000
                                                    : std::max<int64_t>(1000, static_cast<int64_t>(std::ceil(
                                                                                  limits.front().rate.interval_ms))));
        for (const Limit& limit : limits) {
            limiter_.Block(KeyFor(cred_id, limit), clock_.NowMs() + wait);
        }
        std::string said = extract_ ? extract_(r) : std::string();
        core::Error e = core::Error::RateLimited(
            wait, Prefix(mp_) + "over the rate limit of " + group +
                      (said.empty() ? std::string() : ": " + net::ScrubAndTruncate(said, request.headers, 300)));
        e.context = net::ScrubAndTruncate(r.body, request.headers, 1000);
        return e;
    }
    if (r.status >= 200 && r.status < 300) {
        return result;
    }
    if (allow_4xx && r.status >= 400 && r.status < 500 && r.status != 408 && r.status != 423) {
        return result;
    }
    return ClassifyFailure(mp_, r, extract_ ? extract_(r) : std::string(), request.headers);
}

}  // namespace by::marketplaces
