// The libcurl HttpClient (the only translation unit of the product that includes curl): a pool of easy
// handles sharing one share handle (DNS cache, TLS sessions, connection cache), HTTP/2 negotiated over
// TLS where the server offers it (HTTP/1.1 otherwise), connect and total timeouts per request, no
// redirects followed, a cap on the response body. One attempt per Send(): wrap it in RetryingHttpClient
// (net/retry.hpp), or use MakeDefaultHttpClient which does.
// Thread-safety: Send() may be called from many threads at once; each call borrows its own easy handle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/clock.hpp"
#include "net/http_client.hpp"
#include "net/retry.hpp"

namespace by::net {

struct CurlOptions {
    size_t max_idle_handles = 32;             // easy handles kept for reuse; more are made on demand
    int64_t max_response_bytes = 64ll << 20;  // a longer body ends the call with kUnavailable
    std::string user_agent = "biznesyordam/1.0";
    bool http2 = true;                        // ALPN h2 over TLS; plain http stays HTTP/1.1
    bool verify_tls = true;                   // never off in production
    std::string ca_file;                      // empty: the system bundle
};

HttpClientPtr MakeCurlHttpClient(const CurlOptions& options = {});

// libcurl wrapped in RetryingHttpClient (real sleeps, jitter seeded from the clock).
HttpClientPtr MakeDefaultHttpClient(const core::Clock& clock, const CurlOptions& options = {});

}  // namespace by::net
