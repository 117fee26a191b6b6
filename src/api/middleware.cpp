#include "api/middleware.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <typeinfo>

#include "core/ids.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace by::api {
namespace {

constexpr const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'";

bool ValidRequestId(const std::string& id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// Route label for metrics: ids are replaced so the label set stays bounded.
std::string RouteLabel(const std::string& path) {
    if (path.rfind("/api/", 0) != 0) {
        return path == "/healthz" || path == "/readyz" || path == "/metrics" ? path : "static";
    }
    std::string out;
    size_t i = 0;
    while (i < path.size()) {
        size_t j = path.find('/', i + 1);
        std::string seg = path.substr(i, j == std::string::npos ? std::string::npos : j - i);
        bool looks_like_id = seg.find('_') != std::string::npos && seg.size() > 20;
        out += looks_like_id ? "/{id}" : seg;
        if (j == std::string::npos) {
            break;
        }
        i = j;
    }
    return out;
}

std::string Demangle(const char* name) {
    int status = 0;
    char* out = abi::__cxa_demangle(name, nullptr, nullptr, &status);
    std::string s = status == 0 && out ? out : name;
    std::free(out);
    return s;
}

// An exception's message without what it quotes of the request body (a JSON parser's "last read: '…'").
std::string WithoutBodyText(std::string what, const std::string& body) {
    if (size_t cut = what.find("last read:"); cut != std::string::npos) what.resize(cut);
    if (body.empty()) return what;
    for (size_t i = 0; i < what.size(); ++i) {
        char q = what[i];
        size_t end = q == '\'' || q == '"' ? what.find(q, i + 1) : std::string::npos;
        if (end == std::string::npos) continue;
        std::string quoted = what.substr(i + 1, end - i - 1);
        if (!quoted.empty() && body.find(quoted) != std::string::npos) {
            what.replace(i + 1, quoted.size(), "***");
            end = i + 4;
        }
        i = end;
    }
    return what;
}

}  // namespace

obs::ErrorReport InternalErrorReport(const HttpRequest& req, const HttpResponse& resp, const std::string& exception_type,
                                     const std::string& what) {
    obs::ErrorReport r;
    r.logger = "api";
    std::string route = req.route.empty() ? RouteLabel(req.path) : req.route;
    r.transaction = req.method + " " + route;
    if (!exception_type.empty()) {
        r.type = exception_type;
        r.message = WithoutBodyText(what, req.body);
    } else {
        size_t colon = resp.error_detail.find(": ");
        r.type = colon == std::string::npos ? std::string("internal") : resp.error_detail.substr(0, colon);
        r.message = colon == std::string::npos ? std::string("internal error") : resp.error_detail.substr(colon + 2);
    }
    r.tags = {{"request_id", req.request_id}, {"route", route}, {"method", req.method},
              {"status", std::to_string(resp.status)}};
    return r;
}

void ApplySecurityHeaders(const HttpRequest& req, HttpResponse& resp, bool hsts) {
    resp.SetHeader("Content-Security-Policy", kCsp);
    resp.SetHeader("X-Content-Type-Options", "nosniff");
    resp.SetHeader("X-Frame-Options", "DENY");
    resp.SetHeader("Referrer-Policy", "no-referrer");
    resp.SetHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    resp.SetHeader("Cross-Origin-Opener-Policy", "same-origin");
    resp.SetHeader("Cross-Origin-Resource-Policy", "same-origin");
    resp.SetHeader("X-Permitted-Cross-Domain-Policies", "none");
    resp.SetHeader("X-DNS-Prefetch-Control", "off");
    resp.SetHeader("Origin-Agent-Cluster", "?1");
    if (req.path.rfind("/api/", 0) == 0 || req.path == "/readyz" || req.path == "/healthz") {
        resp.SetHeader("Cache-Control", "no-store");
    }
    if (hsts) {
        resp.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
}

Handler WithMiddleware(Handler inner, MiddlewareOptions options) {
    return [inner = std::move(inner), options = std::move(options)](HttpRequest& req) -> HttpResponse {
        auto start = std::chrono::steady_clock::now();
        std::string incoming = req.Header("X-Request-Id");
        req.request_id = ValidRequestId(incoming) ? incoming : core::RandomHex(8);
        obs::SetThreadRequestId(req.request_id);

        HttpResponse resp;
        std::string exception_type, what;
        std::string origin = req.Header("Origin");
        bool cors_ok = !origin.empty() &&
                       std::find(options.cors_origins.begin(), options.cors_origins.end(), origin) !=
                           options.cors_origins.end();
        if (req.method == "OPTIONS") {
            resp.status = cors_ok ? 204 : 405;
            if (!cors_ok) {
                resp = ErrorResponse({core::ErrorCode::kMethodNotAllowed, "method not allowed"});
            }
        } else {
            try {
                resp = inner(req);
            } catch (const std::exception& e) {
                obs::Log(obs::Level::kError, "handler_exception", {{"path", req.path}, {"what", e.what()}});
                resp = ErrorResponse(core::Error::Internal("internal error"));
                exception_type = Demangle(typeid(e).name());
                what = e.what();
            }
        }
        if (options.errors && resp.status == 500) {
            options.errors->Report(InternalErrorReport(req, resp, exception_type, what));
        }
        if (cors_ok) {
            resp.SetHeader("Access-Control-Allow-Origin", origin);
            resp.SetHeader("Access-Control-Allow-Credentials", "true");
            resp.SetHeader("Access-Control-Allow-Headers", "Content-Type, X-CSRF-Token, Authorization");
            resp.SetHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE");
            resp.SetHeader("Vary", "Origin");
        }
        ApplySecurityHeaders(req, resp, options.hsts || req.tls);
        resp.SetHeader("X-Request-Id", req.request_id);

        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::string route = RouteLabel(req.path);
        std::string status = std::to_string(resp.status);
        auto& m = obs::Metrics::Global();
        m.Inc("by_http_requests_total", {{"method", req.method}, {"route", route}, {"status", status}});
        m.Observe("by_http_request_duration_seconds", {{"method", req.method}, {"route", route}}, secs);
        // Bodies are never logged: they may hold passwords or credential fields.
        obs::Level level = resp.status >= 500 ? obs::Level::kError
                           : resp.status >= 400 ? obs::Level::kWarn
                                                : obs::Level::kInfo;
        obs::Log(level, "http_request",
                 {{"method", req.method}, {"path", req.path}, {"status", resp.status},
                  {"ms", static_cast<int64_t>(secs * 1000)}, {"remote", req.remote_addr}});
        obs::SetThreadRequestId({});
        return resp;
    };
}

}  // namespace by::api
