// /api/competitors: competitor cards a partner watches for its products (marketplace + the card's number
// on that storefront), their latest price against ours, the price history, and a refresh. Partners only;
// every row is the caller's own (another partner's product or card answers 404).
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "competitors/scheduler.hpp"
#include "competitors/undercut.hpp"
#include "competitors/watch_list.hpp"

namespace by::api {
namespace {

using competitors::CompetitorRow;

nlohmann::json MoneyOrNull(const std::optional<core::Money>& m) { return m ? ToJson(*m) : nlohmann::json(); }

// The card with our price on its marketplace and whether it undercuts it (products are cached per call).
core::Result<nlohmann::json> CompetitorJson(ApiContext& ctx, const CompetitorRow& c,
                                            std::map<std::string, core::Product>* products) {
    auto it = products->find(c.product_id);
    if (it == products->end()) {
        BY_ASSIGN(auto p, ctx.store.GetProduct(c.partner_id, c.product_id));
        it = products->emplace(c.product_id, std::move(p)).first;
    }
    auto cmp = competitors::Compare(c, it->second.price, ctx.uzs_per_rub);
    return nlohmann::json{{"id", c.id},
                          {"product_id", c.product_id},
                          {"marketplace", c.marketplace},
                          {"card_id", c.card_id},
                          {"title", c.title},
                          {"latest_price", MoneyOrNull(c.last_price)},
                          {"our_price", MoneyOrNull(cmp.our_price)},
                          {"undercuts", cmp.undercuts},
                          {"last_read_at", TimeOrNull(c.last_read_at)},
                          {"checked_at", TimeOrNull(c.checked_at)},
                          {"next_read_at", TimeOrNull(c.next_read_at)},
                          {"last_error", c.last_error.empty() ? nlohmann::json() : nlohmann::json(c.last_error)},
                          {"failures", c.failures},
                          {"created_at", TimeOrNull(c.created_at)}};
}

HttpResponse One(ApiContext& ctx, int status, const core::Result<CompetitorRow>& row) {
    if (!row.ok()) return ErrorResponse(row.error());
    std::map<std::string, core::Product> products;
    auto j = CompetitorJson(ctx, *row, &products);
    if (!j.ok()) return ErrorResponse(j.error());
    return JsonResponse(status, *j);
}

HttpResponse Add(ApiContext& ctx, HttpRequest& req) {
    auto p = RequirePartner(ctx, req);
    if (!p.ok()) return ErrorResponse(p.error());
    auto body = ParseJsonBody(req);
    if (!body.ok()) return ErrorResponse(body.error());
    auto product = StringField(*body, "product_id", true, 64, 1);
    if (!product.ok()) return ErrorResponse(product.error());
    auto mp_text = StringField(*body, "marketplace", true, 32, 1);
    if (!mp_text.ok()) return ErrorResponse(mp_text.error());
    auto mp = core::ParseMarketplace(*mp_text);
    if (!mp) return ErrorResponse(core::Error::Unprocessable("marketplace must be uzum, wildberries, yandex or ozon", "marketplace"));
    // A number sent as a JSON number is the same card id.
    std::string card_id;
    if (auto it = body->find("card_id"); it != body->end() && it->is_number_unsigned()) {
        card_id = std::to_string(it->get<uint64_t>());
    } else {
        auto c = StringField(*body, "card_id", true, 20, 1);
        if (!c.ok()) return ErrorResponse(c.error());
        card_id = *c;
    }
    if (auto st = competitors::CheckCardId(card_id); !st.ok()) return ErrorResponse(st.error());
    competitors::WatchList list(ctx.store);
    return One(ctx, 201, list.Add(p->partner_id, *product, *mp, card_id));
}

HttpResponse List(ApiContext& ctx, HttpRequest& req) {
    auto p = RequirePartner(ctx, req);
    if (!p.ok()) return ErrorResponse(p.error());
    auto page = PageFromQuery(req);
    if (!page.ok()) return ErrorResponse(page.error());
    auto product = ProductFilter(ctx, req, p->partner_id);
    if (!product.ok()) return ErrorResponse(product.error());
    competitors::WatchList list(ctx.store);
    auto rows = list.List(p->partner_id, *product, *page);
    if (!rows.ok()) return ErrorResponse(rows.error());
    std::map<std::string, core::Product> products;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& c : rows->items) {
        auto j = CompetitorJson(ctx, c, &products);
        if (!j.ok()) return ErrorResponse(j.error());
        items.push_back(std::move(*j));
    }
    return JsonResponse(200, {{"items", items},
                              {"next_cursor", rows->next_cursor.empty() ? nlohmann::json() : nlohmann::json(rows->next_cursor)}});
}

HttpResponse Prices(ApiContext& ctx, HttpRequest& req) {
    auto p = RequirePartner(ctx, req);
    if (!p.ok()) return ErrorResponse(p.error());
    auto page = PageFromQuery(req);
    if (!page.ok()) return ErrorResponse(page.error());
    competitors::WatchList list(ctx.store);
    auto rows = list.Prices(p->partner_id, req.Param("id"), *page);
    if (!rows.ok()) return ErrorResponse(rows.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& pt : rows->items) {
        items.push_back({{"id", pt.id}, {"price", ToJson(pt.price)}, {"read_at", TimeOrNull(pt.read_at)}});
    }
    return JsonResponse(200, {{"items", items},
                              {"next_cursor", rows->next_cursor.empty() ? nlohmann::json() : nlohmann::json(rows->next_cursor)}});
}

HttpResponse Refresh(ApiContext& ctx, HttpRequest& req) {
    auto p = RequirePartner(ctx, req);
    if (!p.ok()) return ErrorResponse(p.error());
    const std::string id = req.Param("id");
    if (ctx.competitors) return One(ctx, 200, ctx.competitors->ReadNow(p->partner_id, id));
    // No reader in this process: make the card due, a worker reads it within its next tick.
    competitors::WatchList list(ctx.store);
    if (auto st = list.MarkDue(p->partner_id, id); !st.ok()) return ErrorResponse(st.error());
    return One(ctx, 202, list.Get(p->partner_id, id));
}

}  // namespace

void RegisterCompetitorRoutes(Router& r, ApiContext& ctx) {
    r.Add("POST", "/api/competitors", [&ctx](HttpRequest& req) { return Add(ctx, req); });
    r.Add("GET", "/api/competitors", [&ctx](HttpRequest& req) { return List(ctx, req); });
    r.Add("GET", "/api/competitors/{id}/prices", [&ctx](HttpRequest& req) { return Prices(ctx, req); });
    r.Add("POST", "/api/competitors/{id}/refresh", [&ctx](HttpRequest& req) { return Refresh(ctx, req); });
    r.Add("DELETE", "/api/competitors/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        competitors::WatchList list(ctx.store);
        if (auto st = list.Remove(p->partner_id, req.Param("id")); !st.ok()) return ErrorResponse(st.error());
        return JsonResponse(200, {{"ok", true}});
    });
}

}  // namespace by::api
