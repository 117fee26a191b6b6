// Reads every watched competitor card on a schedule and keeps its price history.
//
// Many worker processes may run a scheduler against one database: each card's row carries the time of
// its next read and a lease, taken with one conditional UPDATE (the order_cursors pattern of
// stock/order_poller.*), so a card is read by one process at a time and once per interval. A read
// appends to competitor_prices and updates the card's latest price; a failed read records the error,
// counts it and is tried again next interval (or when the storefront's Retry-After says, if later).
// Thread-safety: RunOnce and ReadNow may be called from any thread; Start/Stop from one owner thread.
#pragma once

#include <cstdint>
#include <string>

#include "competitors/price_reader.hpp"
#include "competitors/watch_list.hpp"
#include "core/error.hpp"
#include "core/periodic.hpp"
#include "store/store.hpp"

namespace by::competitors {

struct SchedulerOptions {
    int64_t interval_ms = 15 * 60000;  // between two reads of one card ([competitors] interval_ms)
    int64_t lease_ms = 60000;          // a process that died mid-read frees its card after this
    int batch = 100;                   // cards claimed per pass; the rest wait for the next tick
    std::string owner;                 // this process (worker id), written on the lease
};

struct RunSummary {
    int read = 0;
    int failed = 0;
};

class PriceScheduler {
  public:
    PriceScheduler(store::Store& store, PriceReader& reader, SchedulerOptions options);
    ~PriceScheduler();
    PriceScheduler(const PriceScheduler&) = delete;
    PriceScheduler& operator=(const PriceScheduler&) = delete;

    // Reads every card that is due and not leased by another process.
    core::Result<RunSummary> RunOnce();
    // Reads one of the partner's cards now, whatever its schedule (still under the lease): the
    // dashboard's refresh. Returns the card as it is afterwards (a failed read shows in last_error);
    // Conflict when another process is reading it right now.
    core::Result<CompetitorRow> ReadNow(const std::string& partner_id, const std::string& id);

    // A background thread calling RunOnce every few seconds (cards keep their own interval).
    void Start();
    void Stop();

  private:
    core::Result<bool> Claim(const std::string& id, bool force);
    // Reads a claimed card and records the outcome; the returned status is the read's.
    core::Result<core::Status> ReadClaimed(const std::string& id, const std::string& marketplace,
                                           const std::string& card_id);

    store::Store& store_;
    PriceReader& reader_;
    SchedulerOptions options_;
    WatchList list_;

    core::PeriodicTask loop_;  // last: stopped before the members its calls use
};

}  // namespace by::competitors
