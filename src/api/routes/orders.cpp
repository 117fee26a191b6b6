// GET /api/orders: the orders the marketplaces reported for the partner's products, newest first, with
// what each did to the stock (oversold units included), so a seller can check every figure.
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "stock/order_ledger.hpp"

namespace by::api {
namespace {

nlohmann::json OrderJson(const stock::OrderRow& o) {
    return {{"id", o.id},
            {"marketplace", o.marketplace},
            {"order_ref", o.order_ref},
            {"sku", o.sku},
            {"product_id", o.product_id.empty() ? nlohmann::json() : nlohmann::json(o.product_id)},
            {"quantity", o.quantity},
            {"unit_price", {{"amount", o.unit_price}, {"currency", o.currency}}},
            {"status", o.status},
            {"oversold", o.oversold},
            {"ordered_at", TimeOrNull(o.ordered_at)},
            {"seen_at", TimeOrNull(o.seen_at)}};
}

}  // namespace

void RegisterOrderRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/api/orders", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto page = PageFromQuery(req);
        if (!page.ok()) return ErrorResponse(page.error());
        auto product = ProductFilter(ctx, req, p->partner_id);
        if (!product.ok()) return ErrorResponse(product.error());
        stock::OrderLedger ledger(ctx.store);
        auto list = ledger.List(p->partner_id, *product, *page);
        if (!list.ok()) return ErrorResponse(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& o : list->items) items.push_back(OrderJson(o));
        return JsonResponse(200, {{"items", items},
                                  {"next_cursor", list->next_cursor.empty() ? nlohmann::json() : nlohmann::json(list->next_cursor)}});
    });
}

}  // namespace by::api
