// /api/requests (submit, list, get, approve, reject) and /api/cards/{id}.
#include <set>

#include "api/routes/events.hpp"
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "billing/plans.hpp"

namespace by::api {
namespace {

// A request is visible to its partner and to admins; to anyone else it does not exist.
core::Result<store::RequestRow> VisibleRequest(ApiContext& ctx, const auth::Principal& p, const std::string& id) {
    BY_ASSIGN(auto r, ctx.store.GetRequest(id));
    if (!p.IsAdmin() && r.partner_id != p.partner_id) {
        return core::Error::NotFound("request not found");
    }
    return r;
}

nlohmann::json RequestWithCards(ApiContext& ctx, const store::RequestRow& r) {
    nlohmann::json j = ToJson(r);
    nlohmann::json cards = nlohmann::json::array();
    int sum = 0;
    auto list = ctx.store.ListCardsByRequest(r.id);
    if (list.ok()) {
        for (const auto& c : *list) {
            nlohmann::json cj = CardSummaryJson(c);
            sum += cj["progress"].get<int>();
            cards.push_back(std::move(cj));
        }
    }
    j["cards"] = cards;
    j["progress"] = cards.empty() ? (r.status == "done" ? 100 : 0) : sum / static_cast<int>(cards.size());
    return j;
}

}  // namespace

void RegisterRequestRoutes(Router& r, ApiContext& ctx) {
    r.Add("POST", "/api/requests", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto product_id = StringField(*body, "product_id", true, 100);
        if (!product_id.ok()) return ErrorResponse(product_id.error());
        auto prod = ctx.store.GetProduct(p->partner_id, *product_id);
        if (!prod.ok()) return ErrorResponse(core::Error::Unprocessable("product not found", "product_id"));
        auto mps = body->find("marketplaces");
        if (mps == body->end() || !mps->is_array()) {
            return ErrorResponse(core::Error::Invalid("marketplaces must be a list", "marketplaces"));
        }
        std::set<std::string> chosen;
        for (const auto& m : *mps) {
            if (!m.is_string() || !core::ParseMarketplace(m.get<std::string>())) {
                return ErrorResponse(core::Error::Unprocessable(
                    "marketplaces are uzum, wildberries, yandex, ozon", "marketplaces"));
            }
            chosen.insert(m.get<std::string>());
        }
        if (chosen.empty()) {
            return ErrorResponse(core::Error::Unprocessable("choose at least one marketplace", "marketplaces"));
        }
        auto partner = ctx.store.GetPartner(p->partner_id);
        if (!partner.ok()) return ErrorResponse(partner.error());
        if (auto lim = billing::CheckCardLimit(ctx.store.db(), partner->id, partner->tier, static_cast<int64_t>(chosen.size()), ctx.clock.NowMs()); !lim.ok()) return ErrorResponse(lim.error());
        core::Priority prio = core::DefaultPriority(core::ParseTier(partner->tier).value_or(core::Tier::kStarter));
        auto prio_field = StringField(*body, "priority", false, 10);
        if (!prio_field.ok()) return ErrorResponse(prio_field.error());
        if (!prio_field->empty()) {
            auto asked = core::ParsePriority(*prio_field);
            if (!asked) {
                return ErrorResponse(core::Error::Unprocessable("priority is urgent, high, normal or low", "priority"));
            }
            // A partner may lower its priority, never raise it above its tier's (admins may raise it).
            prio = std::max(prio, *asked);
        }
        store::RequestRow row;
        row.partner_id = p->partner_id;
        row.product_id = prod->id;
        row.marketplaces.assign(chosen.begin(), chosen.end());
        row.priority = std::string(core::PriorityName(prio));
        row.status = "submitted";
        auto created = ctx.store.CreateRequest(row);
        if (!created.ok()) return ErrorResponse(created.error());
        (void)ctx.store.Audit(p->user_id, p->partner_id, "request_submitted", created->id);
        return JsonResponse(201, RequestWithCards(ctx, *created));
    });

    r.Add("GET", "/api/requests", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto page = PageFromQuery(req);
        if (!page.ok()) return ErrorResponse(page.error());
        std::optional<std::string> status;
        if (!req.Query("status").empty()) {
            if (!core::ParseRequestStatus(req.Query("status"))) {
                return ErrorResponse(core::Error::Invalid("unknown status", "status"));
            }
            status = req.Query("status");
        }
        std::optional<std::string> partner;
        if (!p->IsAdmin()) partner = p->partner_id;
        auto list = ctx.store.ListRequests(partner, status, *page);
        if (!list.ok()) return ErrorResponse(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& row : list->items) items.push_back(RequestWithCards(ctx, row));
        return JsonResponse(200, {{"items", items},
                                  {"next_cursor", list->next_cursor.empty() ? nlohmann::json() : nlohmann::json(list->next_cursor)}});
    });

    r.Add("GET", "/api/requests/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto row = VisibleRequest(ctx, *p, req.Param("id"));
        if (!row.ok()) return ErrorResponse(row.error());
        nlohmann::json j = RequestWithCards(ctx, *row);
        auto prod = ctx.store.GetProductAnyPartner(row->product_id);
        if (prod.ok()) j["product"] = ToJson(*prod);
        return JsonResponse(200, j);
    });

    r.Add("POST", "/api/requests/{id}/approve", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        nlohmann::json body = nlohmann::json::object();
        if (!req.body.empty()) {
            auto parsed = ParseJsonBody(req);
            if (!parsed.ok()) return ErrorResponse(parsed.error());
            body = *parsed;
        }
        auto prio = StringField(body, "priority", false, 10);
        if (!prio.ok()) return ErrorResponse(prio.error());
        std::optional<std::string> priority;
        if (!prio->empty()) {
            if (!core::ParsePriority(*prio)) {
                return ErrorResponse(core::Error::Unprocessable("priority is urgent, high, normal or low", "priority"));
            }
            priority = *prio;
        }
        auto existing = ctx.store.GetRequest(req.Param("id"));
        if (!existing.ok()) return ErrorResponse(existing.error());
        store::RequestRow decided;
        // The decision, its audit row and the queued work commit together or not at all (GUARANTEES Q8).
        auto st = ctx.store.db().Tx([&](store::SqlConn& c) -> core::Status {
            BY_ASSIGN(decided, ctx.store.DecideRequest(existing->id, "submitted", "approved", p->user_id, "",
                                                       priority, &c));
            BY_TRY(ctx.store.Audit(p->user_id, decided.partner_id, "request_approved", decided.id,
                                   {{"priority", decided.priority}}, req.remote_addr, &c));
            if (ctx.on_approved) {
                BY_TRY(ctx.on_approved(decided, c));
            }
            return core::Ok();
        });
        if (!st.ok()) return ErrorResponse(st.error());
        if (ctx.after_approved) {
            auto after = ctx.after_approved(decided);
            if (!after.ok()) return ErrorResponse(after.error());
        }
        auto fresh = ctx.store.GetRequest(decided.id);
        return JsonResponse(200, RequestWithCards(ctx, fresh.ok() ? *fresh : decided));
    });

    r.Add("POST", "/api/requests/{id}/reject", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto reason = StringField(*body, "reason", true, 1000);
        if (!reason.ok()) return ErrorResponse(reason.error());
        store::RequestRow decided;
        auto st = ctx.store.db().Tx([&](store::SqlConn& c) -> core::Status {
            BY_ASSIGN(decided, ctx.store.DecideRequest(req.Param("id"), "submitted", "rejected", p->user_id, *reason,
                                                       std::nullopt, &c));
            BY_TRY(ctx.store.Audit(p->user_id, decided.partner_id, "request_rejected", decided.id,
                                   {{"reason", *reason}}, req.remote_addr, &c));
            return core::Ok();
        });
        if (!st.ok()) {
            if (st.error().code == core::ErrorCode::kConflict && !ctx.store.GetRequest(req.Param("id")).ok()) {
                return ErrorResponse(core::Error::NotFound("request not found"));
            }
            return ErrorResponse(st.error());
        }
        return JsonResponse(200, RequestWithCards(ctx, decided));
    });

    r.Add("GET", "/api/requests/{id}/events", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto row = VisibleRequest(ctx, *p, req.Param("id"));
        if (!row.ok()) return ErrorResponse(row.error());
        if (!ctx.queue) return ErrorResponse(core::Error::Unavailable("progress events need the queue"));
        int64_t after = 0;
        std::string last = req.Header("Last-Event-ID");
        if (last.empty()) last = req.Query("after");
        if (!last.empty()) after = std::strtoll(last.c_str(), nullptr, 10);
        return EventStream(ctx, row->id, after);
    });

    r.Add("POST", "/api/cards/{id}/republish", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto card = ctx.store.GetCard(req.Param("id"));
        if (!card.ok()) return ErrorResponse(card.error());
        if (!p->IsAdmin() && card->partner_id != p->partner_id) {
            return ErrorResponse(core::Error::NotFound("card not found"));
        }
        if (!ctx.orchestrator) return ErrorResponse(core::Error::Unavailable("publishing needs the orchestrator"));
        auto st = RepublishCard(ctx, card->id);
        if (!st.ok()) return ErrorResponse(st.error());
        (void)ctx.store.Audit(p->user_id, card->partner_id, "card_republish", card->id, nlohmann::json::object(),
                              req.remote_addr);
        auto fresh = ctx.store.GetCard(card->id);
        return JsonResponse(202, CardJson(fresh.ok() ? *fresh : *card));
    });

    r.Add("GET", "/api/cards/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto card = ctx.store.GetCard(req.Param("id"));
        if (!card.ok()) return ErrorResponse(card.error());
        if (!p->IsAdmin() && card->partner_id != p->partner_id) {
            return ErrorResponse(core::Error::NotFound("card not found"));
        }
        return JsonResponse(200, CardJson(*card));
    });
}

}  // namespace by::api
