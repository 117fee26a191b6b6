// The orders the marketplaces report, and what they do to the stock. Each (marketplace order, SKU) is
// recorded once (a unique key, so overlapping polls and concurrent workers cannot count it twice); a new
// order takes its quantity from the product's one stock figure in the same transaction; a cancellation
// seen later gives back what the order took. Stock never goes below zero: units sold beyond it are
// kept on the order as `oversold`, for the seller to settle and for us to measure.
// Thread-safety: stateless beyond its Store; safe from any thread and any number of processes.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "marketplaces/adapter.hpp"
#include "store/store.hpp"

namespace by::stock {

struct OrderRow {
    std::string id, partner_id, marketplace, order_ref, sku, product_id;
    int64_t quantity = 0;
    int64_t unit_price = 0;  // minor units; the product's price when the marketplace's answer has none
    std::string currency;
    std::string status;      // "new" or "cancelled"
    int64_t oversold = 0;    // units of this order beyond the stock we had
    int64_t ordered_at = 0, seen_at = 0;
};

struct StockChange {
    std::string product_id;
    int64_t stock = 0;  // the figure after the change
};

struct IngestResult {
    int new_orders = 0;
    int cancelled = 0;
    int64_t oversold = 0;
    int unknown_sku = 0;                // orders for SKUs that are not products of this partner
    std::vector<StockChange> changed;   // one entry per product whose stock moved (last figure)
};

// True for the marketplaces' words for a cancelled order (WB canceled/declined, Ozon cancelled,
// Yandex CANCELLED, Uzum CANCELED…).
bool IsCancelledStatus(const std::string& status);

class OrderLedger {
  public:
    explicit OrderLedger(store::Store& store) : store_(store) {}

    core::Result<IngestResult> Ingest(const std::string& partner_id, core::Marketplace marketplace,
                                      const std::vector<marketplaces::OrderLine>& lines);

    // A partner's orders, newest first; optionally of one product.
    core::Result<store::PageOf<OrderRow>> List(const std::string& partner_id,
                                               const std::optional<std::string>& product_id, const store::Page& page);

  private:
    // One line in its own transaction: a crash between lines loses nothing (the next poll repeats them).
    core::Status IngestLine(const std::string& partner_id, const std::string& marketplace,
                            const marketplaces::OrderLine& line, IngestResult* result);

    store::Store& store_;
};

}  // namespace by::stock
