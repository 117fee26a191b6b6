// /healthz, /readyz, /metrics, the dashboard's static files, and the assembled root handler.
#include <fstream>
#include <map>
#include <sstream>

#include "api/middleware.hpp"
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "obs/metrics.hpp"

namespace by::api {
namespace {

std::string MimeFor(const std::string& path) {
    auto ends = [&](const char* ext) {
        std::string e(ext);
        return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    // Not text/*: httplib would brotli-compress every bundle at quality 11 on every request (seconds).
    if (ends(".js")) return "application/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".png")) return "image/png";
    if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
    if (ends(".webp")) return "image/webp";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".json")) return "application/json";
    if (ends(".woff2")) return "font/woff2";
    if (ends(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

bool ReadFile(const std::filesystem::path& p, std::string* out) {
    std::ifstream f(p, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    *out = ss.str();
    return true;
}

// Serves web/dist: a file if it exists, else index.html (client-side routes). Hashed assets are
// immutable; index.html is revalidated every time so a deploy takes effect at once.
HttpResponse ServeStatic(const ApiContext& ctx, const HttpRequest& req) {
    if (ctx.web_dist.empty()) {
        return ErrorResponse(core::Error::NotFound("no such route"));
    }
    std::string rel = req.path;
    if (rel.find("..") != std::string::npos || rel.find('\0') != std::string::npos) {
        return ErrorResponse(core::Error::NotFound("no such route"));
    }
    while (!rel.empty() && rel.front() == '/') rel.erase(rel.begin());
    std::filesystem::path file = ctx.web_dist / rel;
    std::error_code ec;
    HttpResponse resp;
    if (!rel.empty() && std::filesystem::is_regular_file(file, ec) && ReadFile(file, &resp.body)) {
        resp.content_type = MimeFor(file.string());
        bool hashed = rel.rfind("assets/", 0) == 0;
        resp.SetHeader("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
        return resp;
    }
    if (!ReadFile(ctx.web_dist / "index.html", &resp.body)) {
        return ErrorResponse(core::Error::NotFound("the dashboard is not built (run make web)"));
    }
    resp.content_type = "text/html; charset=utf-8";
    resp.SetHeader("Cache-Control", "no-cache");
    return resp;
}

}  // namespace

void RegisterOpsRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/healthz", [](HttpRequest&) { return JsonResponse(200, {{"status", "ok"}}); });
    r.Add("GET", "/readyz", [&ctx](HttpRequest&) -> HttpResponse {
        core::Status st = ctx.ready ? ctx.ready() : ctx.store.db().Ping();
        if (!st.ok()) {
            return ErrorResponse(core::Error::Unavailable("not ready: " + st.error().message));
        }
        return JsonResponse(200, {{"status", "ready"}});
    });
    r.Add("GET", "/metrics", [&ctx](HttpRequest&) {
        auto& m = obs::Metrics::Global();
        if (ctx.queue) {
            // Queue figures are read at scrape time from the shared queue, so every server reports the same.
            auto stats = ctx.queue->Stats();
            if (stats.ok()) {
                std::map<std::string, double> waiting, running;
                for (const auto& d : stats->depth) {
                    static const char* kNames[] = {"urgent", "high", "normal", "low"};
                    std::string prio = d.priority >= 0 && d.priority <= 3 ? kNames[d.priority] : std::to_string(d.priority);
                    waiting[prio] += static_cast<double>(d.waiting);
                    running[prio] += static_cast<double>(d.running);
                }
                for (const auto& [prio, n] : waiting) m.Set("by_queue_depth", {{"priority", prio}, {"state", "waiting"}}, n);
                for (const auto& [prio, n] : running) m.Set("by_queue_depth", {{"priority", prio}, {"state", "running"}}, n);
                m.Set("by_queue_delayed", {}, static_cast<double>(stats->delayed));
                m.Set("by_queue_in_flight", {}, static_cast<double>(stats->in_flight));
                m.Set("by_queue_dead_letters", {}, static_cast<double>(stats->dead_count));
                m.Set("by_queue_oldest_age_seconds", {}, static_cast<double>(stats->oldest_age_ms) / 1000.0);
            }
        }
        HttpResponse resp;
        resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
        resp.body = obs::Metrics::Global().RenderPrometheus();
        return resp;
    });
}

Handler BuildApi(Router& router, ApiContext& ctx, bool hsts) {
    RegisterOpsRoutes(router, ctx);
    RegisterAuthRoutes(router, ctx);
    RegisterProductRoutes(router, ctx);
    RegisterRequestRoutes(router, ctx);
    RegisterAdminRoutes(router, ctx);
    RegisterCredentialRoutes(router, ctx);
    RegisterEconomicsRoutes(router, ctx);
    RegisterBillingRoutes(router, ctx);
    RegisterNotifyRoutes(router, ctx);
    RegisterOrderRoutes(router, ctx);
    RegisterCompetitorRoutes(router, ctx);
    Handler inner = [&router, &ctx](HttpRequest& req) -> HttpResponse {
        bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/api";
        if (!api && (req.method == "GET" || req.method == "HEAD") && !router.HasPath(req.path)) {
            return ServeStatic(ctx, req);
        }
        if (req.body.size() > ctx.limits.max_json_bytes && req.Header("Content-Type").rfind("application/json", 0) == 0) {
            return ErrorResponse(core::Error::TooLarge("request body too large"));
        }
        return router.Dispatch(req);
    };
    MiddlewareOptions mo;
    mo.hsts = hsts;
    mo.errors = ctx.errors;
    return WithMiddleware(std::move(inner), mo);
}

}  // namespace by::api
