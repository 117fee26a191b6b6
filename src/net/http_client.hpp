// Outbound HTTP as a seam: adapters (marketplaces/) speak HttpClient; app/ wires the libcurl client
// (net/curl/) wrapped in the retrying client (net/retry.hpp); tests wire a fake.
//
// Contract of Send(): any HTTP answer, 4xx and 5xx included, is a value (HttpResponse) for the caller to
// interpret; an Error means no usable answer came: kTimeout (connect or total timeout), kUnavailable
// (DNS, refused, reset, TLS, body cap), kInvalid (a malformed URL or method). Error messages carry the
// method and the redacted URL (net/redact.hpp), never a header value.
//
// Secrets: credential headers (Authorization, Api-Key, Client-Id, Cookie...) live only in the request for
// the duration of the call; ~HttpRequest wipes their values, so every copy of a request wipes its own.
// Thread-safety: HttpClient implementations are safe to call from many threads at once; HttpRequest and
// HttpResponse are plain values owned by one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace by::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of the first header called `name`.
std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view name);

// How many times and how long one call may be retried (STYLE rule 10: every call states its budget).
struct RetryPolicy {
    int max_attempts = 4;          // tries in total, the first included; 1 = never retry
    int64_t base_delay_ms = 250;   // backoff before retry n is uniform in [0, min(max, base * 2^(n-1))]
    int64_t max_delay_ms = 8000;   // cap of one backoff
    int64_t budget_ms = 20000;     // total time the retries may wait; a wait past it ends the call with the
                                   // last answer (an over-limit answer then carries its Retry-After upward)
    bool retry_rate_limited = true;  // wait out 429/420 answers whose Retry-After fits the budget
};

struct HttpRequest {
    std::string method = "GET";      // GET POST PUT PATCH DELETE
    std::string url;
    Headers headers;
    std::string body;
    int64_t timeout_ms = 30000;          // whole exchange, per attempt
    int64_t connect_timeout_ms = 5000;   // TCP + TLS handshake, per attempt
    RetryPolicy retry;

    HttpRequest() = default;
    HttpRequest(const HttpRequest&) = default;
    HttpRequest(HttpRequest&&) = default;
    HttpRequest& operator=(const HttpRequest&) = default;
    HttpRequest& operator=(HttpRequest&&) = default;
    ~HttpRequest();  // wipes the values of credential headers (IsSensitiveHeader)
};

struct HttpResponse {
    int status = 0;
    Headers headers;
    std::string body;
    int attempts = 1;  // how many tries the retrying client made

    std::optional<std::string_view> Header(std::string_view name) const { return FindHeader(headers, name); }
};

class HttpClient {
  public:
    virtual ~HttpClient() = default;
    virtual core::Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

using HttpClientPtr = std::unique_ptr<HttpClient>;

}  // namespace by::net
