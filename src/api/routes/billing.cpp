// /api/billing/*: plans, the partner's subscription (admins change it), monthly invoices as JSON and as a
// printable page; /api/admin/business: the admin's business figures.
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "billing/business.hpp"
#include "billing/plans.hpp"
#include "core/time.hpp"

namespace by::api {
namespace {

constexpr const char* kInvoiceCss = "/api/billing/invoice.css";

nlohmann::json PlanJson(const billing::Plan& p) {
    return {{"tier", core::TierName(p.tier)},
            {"name", p.name},
            {"monthly_fee", ToJson(core::Money{p.monthly_fee, billing::kBillingCurrency})},
            {"profit_share_bp", p.profit_share_bp},
            {"cards_per_month", p.cards_per_month ? nlohmann::json(p.cards_per_month) : nlohmann::json()},
            {"priority", core::PriorityName(core::DefaultPriority(p.tier))}};
}

nlohmann::json SubscriptionJson(const billing::Subscription& s) {
    return {{"id", s.id}, {"partner_id", s.partner_id}, {"tier", s.tier}, {"ai_addon", s.ai_addon},
            {"started_at", TimeOrNull(s.started_at)}, {"ended_at", TimeOrNull(s.ended_at)},
            {"end_reason", s.end_reason.empty() ? nlohmann::json() : nlohmann::json(s.end_reason)}};
}

// The partner a request is about: a partner's own; an admin names one (`partner_id`), else 422.
core::Result<std::string> TargetPartner(const auth::Principal& p, const std::string& asked) {
    if (!p.IsAdmin()) {
        if (!asked.empty() && asked != p.partner_id) return core::Error::NotFound("partner not found");
        return p.partner_id;
    }
    if (asked.empty()) return core::Error::Unprocessable("partner_id is required", "partner_id");
    return asked;
}

core::Result<billing::Month> MonthQuery(const std::string& text, int64_t now_ms) {
    if (text.empty()) return billing::Month::Of(now_ms);
    auto m = billing::Month::Parse(text);
    if (!m) return core::Error::Invalid("month is YYYY-MM", "month");
    return *m;
}

billing::InvoiceService Invoices(ApiContext& ctx) {
    return billing::InvoiceService(ctx.store.db(), economics::FeeTable::Builtin(),
                                   economics::FxRate::FromDecimal(ctx.uzs_per_rub));
}

core::Result<nlohmann::json> SubscriptionView(ApiContext& ctx, const std::string& partner_id) {
    billing::Subscriptions subs(ctx.store.db());
    BY_ASSIGN(auto partner, ctx.store.GetPartner(partner_id));
    BY_ASSIGN(auto history, subs.History(partner_id));
    nlohmann::json hist = nlohmann::json::array();
    nlohmann::json current;
    for (const auto& s : history) {
        hist.push_back(SubscriptionJson(s));
        if (s.open()) current = SubscriptionJson(s);
    }
    const auto& plan = billing::PlanFor(core::ParseTier(partner.tier).value_or(core::Tier::kStarter));
    BY_ASSIGN(int64_t used, billing::CardsOrderedThisMonth(ctx.store.db(), partner_id, ctx.clock.NowMs()));
    return nlohmann::json{{"partner_id", partner_id}, {"current", current}, {"plan", PlanJson(plan)},
                          {"ai_addon_fee", ToJson(core::Money{billing::kAiAddonFee, billing::kBillingCurrency})},
                          {"cards_this_month", used}, {"history", hist}};
}

}  // namespace

void RegisterBillingRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/api/billing/plans", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        nlohmann::json items = nlohmann::json::array();
        for (auto t : {core::Tier::kStarter, core::Tier::kBusiness, core::Tier::kProfessional, core::Tier::kEnterprise}) {
            items.push_back(PlanJson(billing::PlanFor(t)));
        }
        return JsonResponse(200, {{"items", items},
                                  {"ai_addon_fee", ToJson(core::Money{billing::kAiAddonFee, billing::kBillingCurrency})}});
    });

    r.Add("GET", "/api/billing/subscription", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto who = TargetPartner(*p, req.Query("partner_id"));
        if (!who.ok()) return ErrorResponse(who.error());
        auto view = SubscriptionView(ctx, *who);
        if (!view.ok()) return ErrorResponse(view.error());
        return JsonResponse(200, *view);
    });

    r.Add("PUT", "/api/billing/subscriptions/{partner}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto tier_s = StringField(*body, "tier", true, 20);
        if (!tier_s.ok()) return ErrorResponse(tier_s.error());
        auto tier = core::ParseTier(*tier_s);
        if (!tier) return ErrorResponse(core::Error::Unprocessable("tier is starter, business, professional or enterprise", "tier"));
        auto addon = body->find("ai_addon");
        if (addon != body->end() && !addon->is_boolean()) {
            return ErrorResponse(core::Error::Invalid("ai_addon must be true or false", "ai_addon"));
        }
        const std::string partner = req.Param("partner");
        if (!ctx.store.GetPartner(partner).ok()) return ErrorResponse(core::Error::NotFound("partner not found"));
        auto s = billing::Subscriptions(ctx.store.db())
                     .Change(partner, *tier, addon != body->end() && addon->get<bool>(), ctx.clock.NowMs());
        if (!s.ok()) return ErrorResponse(s.error());
        (void)ctx.store.Audit(p->user_id, partner, "subscription_changed", s->id,
                              {{"tier", s->tier}, {"ai_addon", s->ai_addon}}, req.remote_addr);
        auto view = SubscriptionView(ctx, partner);
        if (!view.ok()) return ErrorResponse(view.error());
        return JsonResponse(200, *view);
    });

    r.Add("DELETE", "/api/billing/subscriptions/{partner}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        const std::string partner = req.Param("partner");
        if (!ctx.store.GetPartner(partner).ok()) return ErrorResponse(core::Error::NotFound("partner not found"));
        auto st = billing::Subscriptions(ctx.store.db()).Cancel(partner, ctx.clock.NowMs());
        if (!st.ok()) return ErrorResponse(st.error());
        (void)ctx.store.Audit(p->user_id, partner, "subscription_cancelled", partner, nlohmann::json::object(),
                              req.remote_addr);
        return JsonResponse(200, {{"ok", true}});
    });

    r.Add("GET", "/api/billing/invoices", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto who = TargetPartner(*p, req.Query("partner_id"));
        if (!who.ok()) return ErrorResponse(who.error());
        auto month = MonthQuery(req.Query("month"), ctx.clock.NowMs());
        if (!month.ok()) return ErrorResponse(month.error());
        auto inv = Invoices(ctx).ForMonth(*who, *month, ctx.clock.NowMs());
        if (!inv.ok()) return ErrorResponse(inv.error());
        return JsonResponse(200, *inv);
    });

    r.Add("GET", "/api/billing/invoices/{partner}/{month}/print", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto who = TargetPartner(*p, req.Param("partner"));
        if (!who.ok()) return ErrorResponse(who.error());
        auto month = billing::Month::Parse(req.Param("month"));
        if (!month) return ErrorResponse(core::Error::Invalid("month is YYYY-MM", "month"));
        auto inv = Invoices(ctx).ForMonth(*who, *month, ctx.clock.NowMs());
        if (!inv.ok()) return ErrorResponse(inv.error());
        HttpResponse resp;
        resp.content_type = "text/html; charset=utf-8";
        resp.body = billing::RenderInvoiceHtml(*inv, req.Query("lang"), kInvoiceCss);
        return resp;
    });

    // The invoice page's stylesheet (the API's CSP allows no inline styles). Not secret: no sign-in.
    r.Add("GET", kInvoiceCss, [](HttpRequest&) -> HttpResponse {
        HttpResponse resp;
        resp.content_type = "text/css; charset=utf-8";
        resp.body = billing::InvoiceCss();
        return resp;
    });

    r.Add("GET", "/api/admin/business", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireAdmin(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto month = MonthQuery(req.Query("month"), ctx.clock.NowMs());
        if (!month.ok()) return ErrorResponse(month.error());
        if (month->StartMs() > ctx.clock.NowMs()) {
            return ErrorResponse(core::Error::Unprocessable("that month has not begun", "month"));
        }
        auto f = billing::BusinessFigures(ctx.store.db(), economics::FeeTable::Builtin(),
                                          economics::FxRate::FromDecimal(ctx.uzs_per_rub), *month, ctx.clock.NowMs());
        if (!f.ok()) return ErrorResponse(f.error());
        return JsonResponse(200, *f);
    });
}

}  // namespace by::api
