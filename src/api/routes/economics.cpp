// /api/economics: a sale's unit economics per marketplace and the price for a target margin, and the
// partner's own fee rates (/api/economics/rates). Partners only; rates are always the caller's own.
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "core/time.hpp"
#include "economics/overrides.hpp"

namespace by::api {
namespace {

using economics::RateName;

nlohmann::json RateValueJson(const std::optional<economics::RateValue>& v) {
    if (!v) return nullptr;
    if (v->percent) return {{"kind", "percent"}, {"value_bp", v->value}};
    return {{"kind", "fixed"}, {"amount", {{"amount", v->value}, {"currency", v->currency}}}};
}

nlohmann::json BreakdownJson(const economics::Breakdown& b) {
    nlohmann::json rates = nlohmann::json::array();
    for (const auto& r : b.rates) {
        nlohmann::json j = {{"name", economics::RateNameText(r.name)},
                            {"origin", economics::RateOriginText(r.origin)},
                            {"value", RateValueJson(r.value)},
                            {"amount", ToJson(core::Money{r.amount, b.price.currency})},
                            {"category", r.category.empty() ? nlohmann::json() : nlohmann::json(r.category)}};
        if (r.origin == economics::RateOrigin::kPartner) {
            j["set_at"] = TimeOrNull(r.set_at_ms);
        } else {
            j["as_of"] = r.as_of;
            j["source"] = r.source;
            j["scheme"] = r.scheme;
            j["note"] = r.note;
        }
        rates.push_back(std::move(j));
    }
    return {{"price", ToJson(b.price)},       {"cost", ToJson(core::Money{b.cost_amount, b.price.currency})},
            {"rates", rates},                 {"fees_total", ToJson(core::Money{b.fees_total, b.price.currency})},
            {"profit", ToJson(core::Money{b.profit, b.price.currency})}, {"margin_bp", b.margin_bp},
            {"complete", b.complete()},       {"unknown", b.unknown}};
}

struct Ask {
    std::optional<int64_t> target_bp;
    int64_t step = 0;
};

core::Result<nlohmann::json> Evaluate(ApiContext& ctx, economics::SaleInput in, const Ask& ask) {
    economics::FxRate fx = economics::FxRate::FromDecimal(ctx.uzs_per_rub);
    const auto& table = economics::FeeTable::Builtin();
    BY_ASSIGN(auto b, economics::Compute(table, in, fx));
    nlohmann::json j = {{"marketplace", core::MarketplaceName(in.marketplace)}, {"category", in.category},
                        {"breakdown", BreakdownJson(b)}};
    if (ask.target_bp) {
        BY_ASSIGN(auto rec, economics::RecommendPrice(table, in, *ask.target_bp, fx, ask.step));
        j["recommendation"] = {{"target_margin_bp", rec.target_margin_bp},
                               {"price", ToJson(rec.price)},
                               {"exact_minimum", ToJson(core::Money{rec.exact_minimum, rec.price.currency})},
                               {"price_step", ToJson(core::Money{rec.price_step, rec.price.currency})},
                               {"breakdown", BreakdownJson(rec.at_price)}};
    }
    return j;
}

core::Result<int64_t> IntQuery(const HttpRequest& req, const std::string& name, int64_t min, int64_t max) {
    const std::string v = req.Query(name);
    size_t used = 0;
    int64_t n = 0;
    try {
        n = std::stoll(v, &used);
    } catch (...) {
        used = 0;
    }
    if (used != v.size() || v.empty()) return core::Error::Invalid(name + " must be a whole number", name);
    if (n < min || n > max) return core::Error::Unprocessable(name + " is out of range", name);
    return n;
}

core::Result<Ask> AskFromQuery(const HttpRequest& req) {
    Ask a;
    if (!req.Query("target_margin_bp").empty()) {
        BY_ASSIGN(a.target_bp, IntQuery(req, "target_margin_bp", -9999, 9999));
    }
    if (!req.Query("price_step").empty()) {
        BY_ASSIGN(a.step, IntQuery(req, "price_step", 1, 1'000'000'000));
    }
    return a;
}

core::Result<core::Marketplace> MarketplaceField(const std::string& name) {
    auto m = core::ParseMarketplace(name);
    if (!m) return core::Error::Unprocessable("marketplace is uzum, wildberries, yandex or ozon", "marketplace");
    return *m;
}

bool IsCategoryKey(const std::string& s) {
    if (s == "*") return true;
    return !s.empty() && s.size() <= 50 &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

nlohmann::json OverrideJson(const economics::RateOverride& o) {
    return {{"marketplace", core::MarketplaceName(o.marketplace)}, {"category", o.category},
            {"rate", economics::RateNameText(o.rate)}, {"value", RateValueJson(o.value)}, {"set_at", TimeOrNull(o.set_at_ms)}};
}

nlohmann::json DefaultRowJson(const economics::FeeRow& r) {
    nlohmann::json from = r.price_from ? ToJson(core::Money{r.price_from, r.price_currency}) : nlohmann::json();
    return {{"marketplace", core::MarketplaceName(r.marketplace)}, {"category", r.category},
            {"rate", economics::RateNameText(r.rate)}, {"value", RateValueJson(r.value)}, {"price_from", from},
            {"scheme", r.scheme}, {"as_of", r.as_of}, {"source", r.source}, {"note", r.note}};
}

// PUT body: {marketplace, category, rate, value_bp} or {..., amount: Money} (a fixed amount per unit).
core::Result<economics::RateOverride> OverrideFromBody(const nlohmann::json& body, int64_t now) {
    economics::RateOverride o;
    BY_ASSIGN(auto mp, StringField(body, "marketplace", true, 20));
    BY_ASSIGN(o.marketplace, MarketplaceField(mp));
    BY_ASSIGN(o.category, StringField(body, "category", true, 50));
    if (!IsCategoryKey(o.category)) return core::Error::Unprocessable("category is a category key or *", "category");
    BY_ASSIGN(auto rate, StringField(body, "rate", true, 20));
    auto name = economics::ParseRateName(rate);
    if (!name) return core::Error::Unprocessable("rate is commission, logistics, acquiring or tax", "rate");
    o.rate = *name;
    o.set_at_ms = now;
    bool has_bp = body.contains("value_bp"), has_amount = body.contains("amount");
    if (has_bp == has_amount) return core::Error::Unprocessable("give value_bp or amount", "value_bp");
    if (has_bp) {
        BY_ASSIGN(auto bp, IntField(body, "value_bp", true, 0, economics::kBpPerWhole));
        o.value = {true, *bp, ""};
    } else {
        if (o.rate != RateName::kLogistics) {
            return core::Error::Unprocessable("only logistics may be a fixed amount", "amount");
        }
        BY_ASSIGN(auto m, MoneyField(body, "amount"));
        if (m.amount < 0) return core::Error::Unprocessable("amount cannot be negative", "amount");
        o.value = {false, m.amount, m.currency};
    }
    return o;
}

}  // namespace

void RegisterEconomicsRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/api/economics", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto prod = ctx.store.GetProduct(p->partner_id, req.Query("product_id"));
        if (!prod.ok()) return ErrorResponse(core::Error::NotFound("product not found"));
        auto ask = AskFromQuery(req);
        if (!ask.ok()) return ErrorResponse(ask.error());
        std::vector<core::Marketplace> mps(core::kAllMarketplaces.begin(), core::kAllMarketplaces.end());
        if (!req.Query("marketplace").empty()) {
            auto m = MarketplaceField(req.Query("marketplace"));
            if (!m.ok()) return ErrorResponse(m.error());
            mps = {*m};
        }
        auto overrides = economics::RateOverrides(ctx.store.db()).List(p->partner_id);
        if (!overrides.ok()) return ErrorResponse(overrides.error());
        nlohmann::json items = nlohmann::json::array();
        for (auto m : mps) {
            auto j = Evaluate(ctx, {prod->cost, prod->price, m, prod->category, *overrides}, *ask);
            if (!j.ok()) return ErrorResponse(j.error());
            items.push_back(std::move(*j));
        }
        return JsonResponse(200, {{"product_id", prod->id}, {"items", items}});
    });

    r.Add("POST", "/api/economics", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto run = [&]() -> core::Result<nlohmann::json> {
            economics::SaleInput in;
            BY_ASSIGN(auto mp, StringField(*body, "marketplace", true, 20));
            BY_ASSIGN(in.marketplace, MarketplaceField(mp));
            BY_ASSIGN(in.category, StringField(*body, "category", true, 50));
            BY_ASSIGN(in.cost, MoneyField(*body, "cost"));
            BY_ASSIGN(in.price, MoneyField(*body, "price"));
            Ask ask;
            BY_ASSIGN(ask.target_bp, IntField(*body, "target_margin_bp", false, -9999, 9999));
            BY_ASSIGN(auto step, IntField(*body, "price_step", false, 1, 1'000'000'000));
            ask.step = step.value_or(0);
            BY_ASSIGN(in.overrides, economics::RateOverrides(ctx.store.db()).List(p->partner_id, in.marketplace));
            return Evaluate(ctx, in, ask);
        };
        auto j = run();
        if (!j.ok()) return ErrorResponse(j.error());
        return JsonResponse(200, *j);
    });

    r.Add("GET", "/api/economics/rates", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto list = economics::RateOverrides(ctx.store.db()).List(p->partner_id);
        if (!list.ok()) return ErrorResponse(list.error());
        nlohmann::json items = nlohmann::json::array(), defaults = nlohmann::json::array();
        for (const auto& o : *list) items.push_back(OverrideJson(o));
        for (const auto& row : economics::FeeTable::Builtin().rows()) defaults.push_back(DefaultRowJson(row));
        return JsonResponse(200, {{"items", items}, {"defaults", defaults}});
    });

    r.Add("PUT", "/api/economics/rates", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto o = OverrideFromBody(*body, ctx.clock.NowMs());
        if (!o.ok()) return ErrorResponse(o.error());
        auto st = economics::RateOverrides(ctx.store.db()).Put(p->partner_id, *o);
        if (!st.ok()) return ErrorResponse(st.error());
        return JsonResponse(200, OverrideJson(*o));
    });

    r.Add("DELETE", "/api/economics/rates", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto m = MarketplaceField(req.Query("marketplace"));
        if (!m.ok()) return ErrorResponse(m.error());
        auto name = economics::ParseRateName(req.Query("rate"));
        if (!name) return ErrorResponse(core::Error::Unprocessable("rate is commission, logistics, acquiring or tax", "rate"));
        auto st = economics::RateOverrides(ctx.store.db()).Delete(p->partner_id, *m, req.Query("category"), *name);
        if (!st.ok()) return ErrorResponse(st.error());
        return JsonResponse(200, {{"ok", true}});
    });
}

}  // namespace by::api
