// One marketplace call the way every adapter makes it: take the rate-limiter tokens of its (credential,
// endpoint group), send through net::HttpClient with the configured timeouts and retry budget, turn
// over-limit answers into Error::RateLimited (and block the bucket), and turn other failures into typed
// errors that carry the marketplace's own words (never a credential: bodies are scrubbed of every
// sensitive header value of the request).
//
// Error classes: 400 kInvalid, 401 kUnauthenticated, 403 kForbidden, 404 kNotFound, 409 kConflict,
// 413 kTooLarge, 422 and other 4xx kUnprocessable (permanent); 408 kTimeout, 423 and 5xx kUnavailable,
// 420/429 (or the marketplace's over-limit body) kRateLimited (transient).
// Thread-safety: Call() may be used from many threads; the referenced collaborators must be thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"
#include "marketplaces/common/adapter_config.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "net/http_client.hpp"
#include "net/retry.hpp"
#include "vault/credential_types.hpp"

namespace by::marketplaces {

// One bucket a call draws from.
struct Limit {
    std::string group;  // "content", "cards_upload", ...
    RateSpec rate;
    double cost = 1;
};

// Reads the marketplace's message out of an error body (empty when none).
using MessageExtractor = std::function<std::string(const net::HttpResponse&)>;
// True when an answer means "over the limit" although its status is not 420/429 (Ozon).
using OverLimitDetector = std::function<bool(const net::HttpResponse&)>;

// A short, stable, non-reversible id of a credential for limiter keys and logs (BLAKE2b of every field).
std::string CredentialId(const vault::FieldMap& creds);
// The value of a credential field, or Error::Invalid naming the missing field (never its value).
core::Result<std::string_view> CredentialField(const vault::FieldMap& creds, std::string_view name);

// Maps a failed answer to a typed error: "<marketplace>: HTTP <status>: <message>".
core::Error ClassifyFailure(core::Marketplace mp, const net::HttpResponse& response, const std::string& message,
                            const net::Headers& request_headers);

class ApiClient {
  public:
    ApiClient(core::Marketplace mp, const AdapterConfig& config, net::HttpClient& http, RateLimiter& limiter,
              const core::Clock& clock, net::Sleeper& sleeper, MessageExtractor extract,
              OverLimitDetector over_limit = nullptr);

    // A request with the configured timeouts and retry policy.
    net::HttpRequest NewRequest(std::string method, std::string url) const;

    // Takes the tokens, sends, and answers the response when its status is 2xx; any other status becomes
    // a typed error (see above).
    core::Result<net::HttpResponse> Call(const std::string& cred_id, const net::HttpRequest& request,
                                         const std::vector<Limit>& limits);
    // Like Call, but answers 4xx responses as values too (for endpoints whose 4xx bodies carry per-item
    // results); over-limit, 5xx and transport failures are still errors.
    core::Result<net::HttpResponse> CallAllow4xx(const std::string& cred_id, const net::HttpRequest& request,
                                                 const std::vector<Limit>& limits);

    // Takes tokens only (waits inline up to max_inline_wait_ms, else Error::RateLimited).
    core::Status Take(const std::string& cred_id, const std::vector<Limit>& limits);

    const MessageExtractor& extractor() const { return extract_; }
    core::Marketplace marketplace() const { return mp_; }

  private:
    core::Result<net::HttpResponse> Do(const std::string& cred_id, const net::HttpRequest& request,
                                       const std::vector<Limit>& limits, bool allow_4xx);
    LimitKey KeyFor(const std::string& cred_id, const Limit& limit) const;

    core::Marketplace mp_;
    const AdapterConfig& config_;
    net::HttpClient& http_;
    RateLimiter& limiter_;
    const core::Clock& clock_;
    net::Sleeper& sleeper_;
    MessageExtractor extract_;
    OverLimitDetector over_limit_;
};

}  // namespace by::marketplaces
