// Reading a month's orders and storing issued invoices (table invoices): the I/O around ComputeInvoice.
#include "billing/invoice.hpp"
#include "core/time.hpp"
#include "economics/overrides.hpp"

namespace by::billing {

core::Result<InvoiceInput> InvoiceService::Gather(const std::string& partner_id, const Month& month) {
    BY_ASSIGN(auto partner, db_.Query("SELECT company FROM partners WHERE id = ?", {partner_id}));
    if (partner.empty()) return core::Error::NotFound("partner not found");
    InvoiceInput in;
    in.partner_id = partner_id;
    in.company = partner.rows[0].Str(0);
    in.month = month;
    Subscriptions subs(db_);
    BY_ASSIGN(auto history, subs.History(partner_id));
    auto sub = SubscriptionForMonth(history, month);
    if (!sub) return core::Error::NotFound("no subscription in " + month.ToString());
    in.subscription = *sub;
    BY_ASSIGN(in.overrides, economics::RateOverrides(db_).List(partner_id));
    // The product is the order's own, or the partner's product with that SKU; its cost is today's.
    BY_ASSIGN(auto rows, db_.Query(
        "SELECT o.id, o.order_ref, o.sku, o.product_id, o.status, o.marketplace, o.quantity, o.unit_price, "
        "o.currency, o.ordered_at, p.id, p.cost_amount, p.cost_currency, p.category FROM orders o "
        "LEFT JOIN products p ON p.partner_id = o.partner_id AND "
        "(p.id = o.product_id OR (o.product_id IS NULL AND p.sku = o.sku)) "
        "WHERE o.partner_id = ? AND o.ordered_at >= ? AND o.ordered_at < ? ORDER BY o.ordered_at, o.id",
        {partner_id, month.StartMs(), month.EndMs()}));
    for (const auto& r : rows.rows) {
        auto mp = core::ParseMarketplace(r.Str(5));
        if (!mp) continue;
        OrderLine o;
        o.order_id = r.Str(0);
        o.order_ref = r.Str(1);
        o.sku = r.Str(2);
        o.product_id = r.IsNull(10) ? r.Str(3) : r.Str(10);
        o.status = r.Str(4);
        o.marketplace = *mp;
        o.quantity = r.Int(6);
        o.unit_price = {r.Int(7), r.Str(8)};
        o.ordered_at = r.Int(9);
        o.product_known = !r.IsNull(10);
        o.unit_cost = {r.Int(11), r.Str(12)};
        o.category = r.Str(13);
        in.orders.push_back(std::move(o));
    }
    return in;
}

core::Result<nlohmann::json> InvoiceService::Draft(const std::string& partner_id, const Month& month) {
    BY_ASSIGN(auto in, Gather(partner_id, month));
    return ComputeInvoice(in, fees_, fx_);
}

core::Result<nlohmann::json> InvoiceService::ForMonth(const std::string& partner_id, const Month& month,
                                                      int64_t now_ms) {
    if (month.StartMs() > now_ms) return core::Error::Unprocessable("that month has not begun", "month");
    if (month.EndMs() > now_ms) return Draft(partner_id, month);
    auto stored = [&]() -> core::Result<std::optional<nlohmann::json>> {
        BY_ASSIGN(auto rows, db_.Query("SELECT body FROM invoices WHERE partner_id = ? AND month = ?",
                                       {partner_id, month.ToString()}));
        if (rows.empty()) return std::optional<nlohmann::json>();
        return std::optional<nlohmann::json>(nlohmann::json::parse(rows.rows[0].Str(0), nullptr, false));
    };
    BY_ASSIGN(auto found, stored());
    if (found) return *found;
    BY_ASSIGN(auto inv, Draft(partner_id, month));
    inv["status"] = "issued";
    inv["issued_at"] = core::FormatRfc3339(now_ms);
    // Two issuers at once: the first insert wins and both return the stored row.
    auto ins = db_.Exec("INSERT INTO invoices (partner_id, month, currency, fee, profit_share, total, body, issued_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, month) DO NOTHING",
                        {partner_id, month.ToString(), inv["currency"].get<std::string>(),
                         inv["subscription_fee"]["amount"].get<int64_t>() + inv["ai_addon_fee"]["amount"].get<int64_t>(),
                         inv["profit_share"]["amount"].get<int64_t>(), inv["total"]["amount"].get<int64_t>(),
                         inv.dump(), now_ms});
    if (!ins.ok()) return ins.error();
    BY_ASSIGN(found, stored());
    if (!found) return core::Error::Internal("invoice not stored");
    return *found;
}

}  // namespace by::billing
