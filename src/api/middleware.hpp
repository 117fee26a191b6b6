// Wraps the API's root handler: request id, security headers, CORS (closed unless configured),
// access log, request metrics, and a last-resort catch so no handler exception escapes.
#pragma once

#include <string>
#include <vector>

#include "api/http.hpp"

namespace by::api {

struct MiddlewareOptions {
    std::vector<std::string> cors_origins;  // empty: no CORS headers at all
    bool hsts = false;                      // set under TLS
};

Handler WithMiddleware(Handler inner, MiddlewareOptions options);

// The header set every response carries (exposed for tests).
void ApplySecurityHeaders(const HttpRequest& req, HttpResponse& resp, bool hsts);

}  // namespace by::api
