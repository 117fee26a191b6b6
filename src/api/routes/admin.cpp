// /api/admin/*: partners and the audit log (queue and stats arrive with the orchestrator).
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"

namespace by::api {

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
        (void)ctx.store.Audit(p->user_id, existing->id, "partner_updated", existing->id,
                              {{"tier", updated->tier}, {"status", updated->status}}, req.remote_addr);
        return JsonResponse(200, ToJson(*updated));
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
