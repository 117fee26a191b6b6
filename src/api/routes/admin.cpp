// /api/admin/*: partners and the audit log (queue and stats arrive with the orchestrator).
#include <algorithm>
#include <map>

#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "billing/subscriptions.hpp"
#include "core/time.hpp"
#include "pipeline/orchestrator.hpp"

namespace by::api {
namespace {

nlohmann::json QueueStatsJson(const queue::QueueStats& s) {
    nlohmann::json depth = nlohmann::json::array();
    static const char* kNames[] = {"urgent", "high", "normal", "low"};
    for (const auto& d : s.depth) {
        depth.push_back({{"priority", d.priority >= 0 && d.priority < 4 ? kNames[d.priority] : std::to_string(d.priority)},
                         {"marketplace", d.marketplace.empty() ? nlohmann::json() : nlohmann::json(d.marketplace)},
                         {"partner_id", d.partner_id},
                         {"waiting", d.waiting},
                         {"running", d.running},
                         {"oldest_age_ms", d.oldest_age_ms}});
    }
    nlohmann::json dead = nlohmann::json::array();
    for (const auto& j : s.dead_letters) {
        dead.push_back({{"id", j.id}, {"stage", j.kind}, {"state", queue::JobStateName(j.state)},
                        {"partner_id", j.partner_id},
                        {"marketplace", j.marketplace ? nlohmann::json(core::MarketplaceName(*j.marketplace)) : nlohmann::json()},
                        {"attempt", j.attempt}, {"error", j.last_error}, {"finished_at", TimeOrNull(j.finished_at)}});
    }
    return {{"depth", depth},
            {"waiting", s.waiting},
            {"delayed", s.delayed},
            {"in_flight", s.in_flight},
            {"leases_near_expiry", s.leases_near_expiry},
            {"oldest_age_ms", s.oldest_age_ms},
            {"dead_count", s.dead_count},
            {"dead_letters", dead},
            {"counters", {{"claimed", s.counters.claimed}, {"completed", s.counters.completed},
                          {"failed", s.counters.failed}, {"reclaimed", s.counters.reclaimed},
                          {"rate_limited", s.counters.rate_limited}}}};
}

// Figures from the cards table, so every server and the dashboard agree: cards finished per day, success
// rate, generation time (card created → live) mean and p95, errors per marketplace.
core::Result<nlohmann::json> AdminStats(ApiContext& ctx) {
    int64_t since = ctx.clock.NowMs() - 30LL * 24 * 3600 * 1000;
    BY_ASSIGN(auto rows, ctx.store.db().Query(
        "SELECT marketplace, status, created_at, updated_at FROM cards WHERE created_at >= ?", {since}));
    std::map<std::string, nlohmann::json> per_mp;
    std::map<std::string, std::map<std::string, int64_t>> per_day;  // day -> outcome -> count
    std::vector<double> gen_secs;
    std::map<std::string, std::vector<double>> gen_by_mp;
    int64_t live = 0, failed = 0, total = 0;
    for (const auto& r : rows.rows) {
        std::string mp = r.Str(0), status = r.Str(1);
        auto& m = per_mp[mp];
        if (m.is_null()) m = {{"marketplace", mp}, {"total", 0}, {"live", 0}, {"failed", 0}, {"in_progress", 0}};
        m["total"] = m["total"].get<int64_t>() + 1;
        ++total;
        bool ok = status == "live";
        bool bad = status == "failed" || status == "rejected" || status == "needs_attention";
        if (ok) { ++live; m["live"] = m["live"].get<int64_t>() + 1; }
        else if (bad) { ++failed; m["failed"] = m["failed"].get<int64_t>() + 1; }
        else m["in_progress"] = m["in_progress"].get<int64_t>() + 1;
        if (ok || bad) {
            std::string day = core::FormatRfc3339(r.Int(3)).substr(0, 10);
            per_day[day][ok ? "live" : "failed"]++;
        }
        if (ok) {
            double secs = static_cast<double>(r.Int(3) - r.Int(2)) / 1000.0;
            gen_secs.push_back(secs);
            gen_by_mp[mp].push_back(secs);
        }
    }
    auto pct = [](std::vector<double> v, double q) {
        if (v.empty()) return 0.0;
        std::sort(v.begin(), v.end());
        size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
        return v[std::min(i, v.size() - 1)];
    };
    auto mean = [](const std::vector<double>& v) {
        double s = 0;
        for (double x : v) s += x;
        return v.empty() ? 0.0 : s / static_cast<double>(v.size());
    };
    nlohmann::json mps = nlohmann::json::array();
    for (auto& [mp, m] : per_mp) {
        int64_t done = m["live"].get<int64_t>() + m["failed"].get<int64_t>();
        m["success_rate"] = done ? static_cast<double>(m["live"].get<int64_t>()) / static_cast<double>(done) : 0.0;
        m["error_rate"] = done ? static_cast<double>(m["failed"].get<int64_t>()) / static_cast<double>(done) : 0.0;
        m["generation_p50_s"] = pct(gen_by_mp[mp], 0.5);
        m["generation_p95_s"] = pct(gen_by_mp[mp], 0.95);
        mps.push_back(m);
    }
    nlohmann::json days = nlohmann::json::array();
    for (const auto& [day, counts] : per_day) {
        int64_t l = counts.count("live") ? counts.at("live") : 0;
        int64_t f = counts.count("failed") ? counts.at("failed") : 0;
        days.push_back({{"day", day}, {"live", l}, {"failed", f}, {"cards", l + f}});
    }
    int64_t done = live + failed;
    return nlohmann::json{{"cards_total", total},
                          {"cards_live", live},
                          {"cards_failed", failed},
                          {"success_rate", done ? static_cast<double>(live) / static_cast<double>(done) : 0.0},
                          {"error_rate", done ? static_cast<double>(failed) / static_cast<double>(done) : 0.0},
                          {"generation_mean_s", mean(gen_secs)},
                          {"generation_p50_s", pct(gen_secs, 0.5)},
                          {"generation_p95_s", pct(gen_secs, 0.95)},
                          {"per_day", days},
                          {"per_marketplace", mps}};
}

}  // namespace

void RegisterAdminRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/api/admin/partners", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto page = PageFromQuery(req);
        if (!page.ok()) return ErrorResponse(page.error());
        auto list = ctx.store.ListPartners(*page);
        if (!list.ok()) return ErrorResponse(list.error());
        return JsonResponse(200, PageJson(*list));
    });

    r.Add("PATCH", "/api/admin/partners/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto tier = StringField(*body, "tier", false, 20);
        if (!tier.ok()) return ErrorResponse(tier.error());
        auto status = StringField(*body, "status", false, 20);
        if (!status.ok()) return ErrorResponse(status.error());
        if (!tier->empty() && !core::ParseTier(*tier)) {
            return ErrorResponse(core::Error::Unprocessable("tier is starter, business, professional or enterprise", "tier"));
        }
        if (!status->empty() && *status != "active" && *status != "suspended") {
            return ErrorResponse(core::Error::Unprocessable("status is active or suspended", "status"));
        }
        auto existing = ctx.store.GetPartner(req.Param("id"));
        if (!existing.ok()) return ErrorResponse(existing.error());
        auto updated = ctx.store.UpdatePartner(existing->id, tier->empty() ? std::nullopt : std::optional(*tier),
                                               status->empty() ? std::nullopt : std::optional(*status));
        if (!updated.ok()) return ErrorResponse(updated.error());
        if (!tier->empty()) (void)billing::Subscriptions(ctx.store.db()).ChangeTier(existing->id, *core::ParseTier(*tier), ctx.clock.NowMs());
        (void)ctx.store.Audit(p->user_id, existing->id, "partner_updated", existing->id,
                              {{"tier", updated->tier}, {"status", updated->status}}, req.remote_addr);
        return JsonResponse(200, ToJson(*updated));
    });

    r.Add("GET", "/api/admin/queue", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        if (!ctx.queue) return ErrorResponse(core::Error::Unavailable("no queue in this process"));
        auto stats = ctx.queue->Stats();
        if (!stats.ok()) return ErrorResponse(stats.error());
        return JsonResponse(200, QueueStatsJson(*stats));
    });

    r.Add("POST", "/api/admin/jobs/{id}/retry", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        if (!ctx.orchestrator) return ErrorResponse(core::Error::Unavailable("no orchestrator in this process"));
        auto st = ctx.orchestrator->RetryJob(req.Param("id"));
        if (!st.ok()) return ErrorResponse(st.error());
        (void)ctx.store.Audit(p->user_id, "", "job_retried", req.Param("id"), nlohmann::json::object(), req.remote_addr);
        return JsonResponse(200, {{"ok", true}, {"job_id", req.Param("id")}});
    });

    r.Add("GET", "/api/admin/stats", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto stats = AdminStats(ctx);
        if (!stats.ok()) return ErrorResponse(stats.error());
        return JsonResponse(200, *stats);
    });

    r.Add("GET", "/api/admin/audit", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto page = PageFromQuery(req);
        if (!page.ok()) return ErrorResponse(page.error());
        std::optional<std::string> partner;
        if (!req.Query("partner_id").empty()) partner = req.Query("partner_id");
        auto list = ctx.store.ListAudit(partner, *page);
        if (!list.ok()) return ErrorResponse(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& a : list->items) {
            items.push_back({{"id", a.id}, {"ts", TimeOrNull(a.ts)}, {"actor", a.actor},
                             {"partner_id", a.partner_id.empty() ? nlohmann::json() : nlohmann::json(a.partner_id)},
                             {"action", a.action}, {"target", a.target}, {"details", a.details}, {"ip", a.ip}});
        }
        return JsonResponse(200, {{"items", items},
                                  {"next_cursor", list->next_cursor.empty() ? nlohmann::json() : nlohmann::json(list->next_cursor)}});
    });
}

}  // namespace by::api
