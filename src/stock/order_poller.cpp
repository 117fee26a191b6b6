#include "stock/order_poller.hpp"

#include <algorithm>
#include <chrono>

#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace by::stock {

OrderPoller::OrderPoller(store::Store& store, OrderSource& source, PushFn push, PollerOptions options,
                         LowStockFn low_stock)
    : store_(store),
      source_(source),
      push_(std::move(push)),
      options_(std::move(options)),
      low_stock_(std::move(low_stock)),
      ledger_(store) {}

OrderPoller::~OrderPoller() { Stop(); }

core::Result<bool> OrderPoller::Claim(const std::string& partner_id, const std::string& marketplace, bool force) {
    const int64_t now = store_.clock().NowMs();
    // First sight of a pair: start reading a little before now (a card that just went live has no
    // older orders that are ours to count).
    BY_TRY(store_.db().Exec("INSERT INTO order_cursors (partner_id, marketplace, since_ms, next_poll_at) VALUES (?, ?, ?, ?)"
                            " ON CONFLICT (partner_id, marketplace) DO NOTHING",
                            {partner_id, marketplace, now - options_.overlap_ms, now}));
    BY_ASSIGN(int64_t n, store_.db().Exec("UPDATE order_cursors SET lease_owner = ?, lease_until = ? WHERE partner_id = ?"
                                          " AND marketplace = ? AND lease_until < ? AND (next_poll_at <= ? OR ? = 1)",
                                          {options_.owner, now + options_.lease_ms, partner_id, marketplace, now, now,
                                           static_cast<int64_t>(force ? 1 : 0)}));
    return n == 1;
}

core::Result<IngestResult> OrderPoller::Poll(const std::string& partner_id, core::Marketplace marketplace) {
    std::string mp(core::MarketplaceName(marketplace));
    const int64_t started = store_.clock().NowMs();
    BY_ASSIGN(auto cursor, store_.db().Query("SELECT since_ms FROM order_cursors WHERE partner_id = ? AND marketplace = ?",
                                             {partner_id, mp}));
    int64_t since = cursor.empty() ? started - options_.overlap_ms : cursor.rows[0].Int(0);
    auto lines = source_.ListOrders(partner_id, marketplace, since - options_.overlap_ms);
    if (!lines.ok()) {
        int64_t wait = std::max<int64_t>(options_.interval_ms, lines.error().retry_after_ms);
        obs::Metrics::Global().Inc("by_order_poll_failures_total", {{"marketplace", mp}});
        BY_TRY(store_.db().Exec("UPDATE order_cursors SET lease_until = 0, next_poll_at = ?, last_error = ?, polled_at = ?"
                                " WHERE partner_id = ? AND marketplace = ?",
                                {started + wait, lines.error().message.substr(0, 500), started, partner_id, mp}));
        return std::move(lines).error();
    }
    BY_ASSIGN(auto result, ledger_.Ingest(partner_id, marketplace, *lines));
    // The cursor moves only after the orders are recorded: a crash before this line repeats the poll,
    // which the ledger's unique key makes harmless.
    BY_TRY(store_.db().Exec("UPDATE order_cursors SET since_ms = ?, lease_until = 0, next_poll_at = ?, last_error = '',"
                            " polled_at = ? WHERE partner_id = ? AND marketplace = ?",
                            {started, started + options_.interval_ms, started, partner_id, mp}));
    for (const auto& change : result.changed) {
        auto pushed = push_ ? push_(partner_id, change.product_id) : core::Ok();
        if (!pushed.ok()) {
            // The figure is saved; the next change or poll pushes it again.
            obs::Log(obs::Level::kError, "stock_push_not_queued",
                     {{"product_id", change.product_id}, {"error", pushed.error().ToString()}});
        }
        if (low_stock_ && change.stock <= options_.low_stock) {
            low_stock_(partner_id, change.product_id, change.stock);
        }
    }
    auto& metrics = obs::Metrics::Global();
    if (result.new_orders > 0) metrics.Inc("by_orders_total", {{"marketplace", mp}, {"status", "new"}}, result.new_orders);
    if (result.cancelled > 0) metrics.Inc("by_orders_total", {{"marketplace", mp}, {"status", "cancelled"}}, result.cancelled);
    if (result.oversold > 0) metrics.Inc("by_oversold_units_total", {{"marketplace", mp}}, static_cast<double>(result.oversold));
    if (result.new_orders > 0 || result.cancelled > 0 || result.oversold > 0) {
        obs::Log(result.oversold > 0 ? obs::Level::kWarn : obs::Level::kInfo, "orders_ingested",
                 {{"partner_id", partner_id}, {"marketplace", mp}, {"new", result.new_orders},
                  {"cancelled", result.cancelled}, {"oversold", result.oversold}, {"unknown_sku", result.unknown_sku}});
    }
    return result;
}

core::Result<IngestResult> OrderPoller::PollPair(const std::string& partner_id, core::Marketplace marketplace) {
    BY_ASSIGN(bool mine, Claim(partner_id, std::string(core::MarketplaceName(marketplace)), true));
    if (!mine) return core::Error::Conflict("another process is reading these orders right now");
    return Poll(partner_id, marketplace);
}

core::Result<PollSummary> OrderPoller::RunOnce() {
    PollSummary summary;
    BY_ASSIGN(auto pairs, store_.db().Query("SELECT DISTINCT partner_id, marketplace FROM cards WHERE status = 'live'"
                                            " ORDER BY partner_id, marketplace"));
    for (const auto& row : pairs.rows) {
        std::string partner_id = row.Str(0);
        auto mp = core::ParseMarketplace(row.Str(1));
        if (!mp) continue;
        BY_ASSIGN(bool mine, Claim(partner_id, row.Str(1), false));
        if (!mine) continue;
        ++summary.pairs_polled;
        auto r = Poll(partner_id, *mp);
        if (!r.ok()) {
            ++summary.failures;
            obs::Log(obs::Level::kWarn, "orders_poll_failed",
                     {{"partner_id", partner_id}, {"marketplace", row.Str(1)}, {"error", r.error().ToString()}});
            continue;
        }
        summary.orders.new_orders += r->new_orders;
        summary.orders.cancelled += r->cancelled;
        summary.orders.oversold += r->oversold;
        summary.orders.unknown_sku += r->unknown_sku;
    }
    return summary;
}

void OrderPoller::Start() {
    // Wake often enough that a pair is never more than a tenth of its interval late.
    loop_.Start(std::chrono::milliseconds(std::clamp<int64_t>(options_.interval_ms / 10, 200, 5000)), [this] {
        if (auto r = RunOnce(); !r.ok()) {
            obs::Log(obs::Level::kWarn, "orders_poller_failed", {{"error", r.error().ToString()}});
        }
    });
}

void OrderPoller::Stop() { loop_.Stop(); }

}  // namespace by::stock
