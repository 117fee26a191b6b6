// Wraps the API's root handler: request id, security headers, CORS (closed unless configured),
// access log, request metrics, and a last-resort catch so no handler exception escapes.
#pragma once

#include <string>
#include <vector>

#include "api/http.hpp"
#include "obs/error_reporter.hpp"

namespace by::api {

struct MiddlewareOptions {
    std::vector<std::string> cors_origins;  // empty: no CORS headers at all
    bool hsts = false;                      // set under TLS
    obs::ErrorReporter* errors = nullptr;   // set: every 500 answer is reported (request id, route, method)
};

Handler WithMiddleware(Handler inner, MiddlewareOptions options);

// The error report of a 500 answer: request id, route pattern (the path's shape when no route matched),
// method and status; the exception's type and message when a handler threw, else the error's code and
// message. Never the body, the query or a header. Exposed for tests.
obs::ErrorReport InternalErrorReport(const HttpRequest& req, const HttpResponse& resp, const std::string& exception_type,
                                     const std::string& what);

// The header set every response carries (exposed for tests).
void ApplySecurityHeaders(const HttpRequest& req, HttpResponse& resp, bool hsts);

}  // namespace by::api
