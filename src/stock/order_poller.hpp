// Reads new orders from every marketplace where a partner has a live card, on a schedule, and turns
// them into one stock figure that then goes back to every marketplace.
//
// Many worker processes may run a poller against one database: each (partner, marketplace) pair has a
// row in order_cursors with the time of its next poll and a lease, taken with one conditional UPDATE,
// so a pair is polled by one process at a time and once per interval. A poll reads since the last one
// less an overlap (marketplaces list late orders with their creation time); the ledger's unique key makes
// the overlap harmless. A failed poll keeps the cursor, records the error and tries again next interval
// (or when the marketplace's rate limit says).
// Thread-safety: RunOnce may be called from any thread; Start/Stop from one owner thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"
#include "core/periodic.hpp"
#include "stock/order_ledger.hpp"
#include "store/store.hpp"

namespace by::stock {

// Where orders come from: the partner's marketplace, through its adapter and credentials (app/).
class OrderSource {
  public:
    virtual ~OrderSource() = default;
    virtual core::Result<std::vector<marketplaces::OrderLine>> ListOrders(const std::string& partner_id,
                                                                          core::Marketplace marketplace,
                                                                          int64_t since_ms) = 0;
};

struct PollerOptions {
    int64_t interval_ms = 60000;       // between two polls of one pair
    int64_t overlap_ms = 10 * 60000;   // each poll reaches this far behind the previous one
    int64_t lease_ms = 120000;         // a poller that died mid-poll frees its pair after this
    int64_t low_stock = 3;             // on_low_stock fires when a change leaves this or less
    std::string owner;                 // this process (worker id), written on the lease
};

struct PollSummary {
    int pairs_polled = 0;
    int failures = 0;
    IngestResult orders;
};

class OrderPoller {
  public:
    // push(partner, product): send the product's figure to its marketplaces (queues sync jobs).
    using PushFn = std::function<core::Status(const std::string& partner_id, const std::string& product_id)>;
    // low_stock(partner, product, stock): the seller should hear of it.
    using LowStockFn = std::function<void(const std::string& partner_id, const std::string& product_id, int64_t stock)>;

    OrderPoller(store::Store& store, OrderSource& source, PushFn push, PollerOptions options,
                LowStockFn low_stock = nullptr);
    ~OrderPoller();
    OrderPoller(const OrderPoller&) = delete;
    OrderPoller& operator=(const OrderPoller&) = delete;

    // Polls every pair that is due and not leased by another process.
    core::Result<PollSummary> RunOnce();
    // Polls one pair now, whatever its schedule (still under the lease). Tests and "refresh" buttons.
    core::Result<IngestResult> PollPair(const std::string& partner_id, core::Marketplace marketplace);

    // A background thread calling RunOnce every few seconds (pairs keep their own interval).
    void Start();
    void Stop();

  private:
    core::Result<bool> Claim(const std::string& partner_id, const std::string& marketplace, bool force);
    core::Result<IngestResult> Poll(const std::string& partner_id, core::Marketplace marketplace);

    store::Store& store_;
    OrderSource& source_;
    PushFn push_;
    PollerOptions options_;
    LowStockFn low_stock_;
    OrderLedger ledger_;

    core::PeriodicTask loop_;  // last: stopped before the members its calls use
};

}  // namespace by::stock
