#include "stock/order_ledger.hpp"

#include <algorithm>
#include <cctype>

#include "core/ids.hpp"

namespace by::stock {
namespace {

constexpr const char* kOrderCols =
    "id, partner_id, marketplace, order_ref, sku, product_id, quantity, unit_price, currency, status, oversold, "
    "ordered_at, seen_at";

OrderRow ToOrder(const store::Row& r) {
    OrderRow o;
    o.id = r.Str(0);
    o.partner_id = r.Str(1);
    o.marketplace = r.Str(2);
    o.order_ref = r.Str(3);
    o.sku = r.Str(4);
    o.product_id = r.Str(5);
    o.quantity = r.Int(6);
    o.unit_price = r.Int(7);
    o.currency = r.Str(8);
    o.status = r.Str(9);
    o.oversold = r.Int(10);
    o.ordered_at = r.Int(11);
    o.seen_at = r.Int(12);
    return o;
}

void NoteChange(IngestResult* result, const std::string& product_id, int64_t stock) {
    for (auto& c : result->changed) {
        if (c.product_id == product_id) {
            c.stock = stock;
            return;
        }
    }
    result->changed.push_back({product_id, stock});
}

}  // namespace

bool IsCancelledStatus(const std::string& status) {
    std::string s = status;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s.find("cancel") != std::string::npos || s.find("declined") != std::string::npos;
}

core::Result<IngestResult> OrderLedger::Ingest(const std::string& partner_id, core::Marketplace marketplace,
                                               const std::vector<marketplaces::OrderLine>& lines) {
    IngestResult result;
    std::string mp(core::MarketplaceName(marketplace));
    for (const auto& line : lines) {
        if (line.order_id.empty() || line.sku.empty() || line.quantity < 1) {
            continue;  // nothing to count: the adapters drop such lines already; never trust it twice
        }
        BY_TRY(IngestLine(partner_id, mp, line, &result));
    }
    return result;
}

core::Status OrderLedger::IngestLine(const std::string& partner_id, const std::string& marketplace,
                                     const marketplaces::OrderLine& line, IngestResult* result) {
    const int64_t now = store_.clock().NowMs();
    const bool cancelled = IsCancelledStatus(line.status);
    IngestResult delta;
    BY_TRY(store_.db().Tx([&](store::SqlConn& c) -> core::Status {
        delta = IngestResult{};
        BY_ASSIGN(auto prod, c.Query("SELECT id, price_amount, price_currency FROM products WHERE partner_id = ? AND sku = ?",
                                     {partner_id, line.sku}));
        std::string product_id = prod.empty() ? "" : prod.rows[0].Str(0);
        int64_t unit_price = line.unit_price > 0 ? line.unit_price : (prod.empty() ? 0 : prod.rows[0].Int(1));
        std::string currency = !line.currency.empty() ? line.currency : (prod.empty() ? "" : prod.rows[0].Str(2));
        BY_ASSIGN(int64_t inserted,
                  c.Exec("INSERT INTO orders (id, partner_id, marketplace, order_ref, sku, product_id, quantity, unit_price,"
                         " currency, status, oversold, ordered_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"
                         " ON CONFLICT (partner_id, marketplace, order_ref, sku) DO NOTHING",
                         {core::NewId("ord"), partner_id, marketplace, line.order_id, line.sku,
                          product_id.empty() ? store::SqlValue(nullptr) : store::SqlValue(product_id), line.quantity,
                          unit_price, currency, cancelled ? "cancelled" : "new", line.created_at_ms > 0 ? line.created_at_ms : now,
                          now}));
        if (product_id.empty()) {
            delta.unknown_sku += inserted > 0 ? 1 : 0;
            return core::Ok();
        }
        if (inserted > 0 && !cancelled) {
            // Take the units; the row stays locked (PostgreSQL) or the database is ours (SQLite) until
            // commit, so the figure read back is this transaction's own.
            BY_TRY(c.Exec("UPDATE products SET stock = stock - ?, updated_at = ? WHERE id = ?", {line.quantity, now, product_id}));
            BY_ASSIGN(auto after, c.Query("SELECT stock FROM products WHERE id = ?", {product_id}));
            int64_t stock = after.rows.at(0).Int(0);
            if (stock < 0) {
                int64_t short_by = std::min(-stock, line.quantity);
                BY_TRY(c.Exec("UPDATE products SET stock = 0 WHERE id = ?", {product_id}));
                BY_TRY(c.Exec("UPDATE orders SET oversold = ? WHERE partner_id = ? AND marketplace = ? AND order_ref = ? AND sku = ?",
                              {short_by, partner_id, marketplace, line.order_id, line.sku}));
                delta.oversold += short_by;
                stock = 0;
            }
            delta.new_orders = 1;
            NoteChange(&delta, product_id, stock);
        } else if (inserted == 0 && cancelled) {
            // A known order was cancelled: give back what it took (its quantity less what was oversold).
            BY_ASSIGN(auto known, c.Query("SELECT quantity, oversold FROM orders WHERE partner_id = ? AND marketplace = ?"
                                          " AND order_ref = ? AND sku = ? AND status <> 'cancelled'",
                                          {partner_id, marketplace, line.order_id, line.sku}));
            if (known.empty()) return core::Ok();
            BY_ASSIGN(int64_t moved, c.Exec("UPDATE orders SET status = 'cancelled', seen_at = ? WHERE partner_id = ?"
                                            " AND marketplace = ? AND order_ref = ? AND sku = ? AND status <> 'cancelled'",
                                            {now, partner_id, marketplace, line.order_id, line.sku}));
            if (moved == 0) return core::Ok();
            int64_t back = known.rows[0].Int(0) - known.rows[0].Int(1);
            BY_TRY(c.Exec("UPDATE products SET stock = stock + ?, updated_at = ? WHERE id = ?", {back, now, product_id}));
            BY_ASSIGN(auto after, c.Query("SELECT stock FROM products WHERE id = ?", {product_id}));
            delta.cancelled = 1;
            NoteChange(&delta, product_id, after.rows.at(0).Int(0));
        }
        return core::Ok();
    }));
    result->new_orders += delta.new_orders;
    result->cancelled += delta.cancelled;
    result->oversold += delta.oversold;
    result->unknown_sku += delta.unknown_sku;
    for (const auto& ch : delta.changed) NoteChange(result, ch.product_id, ch.stock);
    return core::Ok();
}

core::Result<store::PageOf<OrderRow>> OrderLedger::List(const std::string& partner_id,
                                                        const std::optional<std::string>& product_id,
                                                        const store::Page& page) {
    int64_t ts = INT64_MAX;
    std::string id = "\x7f";
    if (!page.cursor.empty() && !store::DecodeCursor(page.cursor, &ts, &id)) {
        return core::Error::Invalid("bad cursor", "cursor");
    }
    std::string sql = std::string("SELECT ") + kOrderCols +
                      " FROM orders WHERE partner_id = ? AND (ordered_at < ? OR (ordered_at = ? AND id < ?))";
    store::Params params = {partner_id, ts, ts, id};
    if (product_id) {
        sql += " AND product_id = ?";
        params.emplace_back(*product_id);
    }
    sql += " ORDER BY ordered_at DESC, id DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(page.limit + 1));
    BY_ASSIGN(auto rows, store_.db().Query(sql, params));
    store::PageOf<OrderRow> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
        out.items.push_back(ToOrder(rows.rows[i]));
    }
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = store::EncodeCursor(out.items.back().ordered_at, out.items.back().id);
    }
    return out;
}

}  // namespace by::stock
