#include "competitors/scheduler.hpp"

#include <algorithm>
#include <chrono>

#include "core/ids.hpp"
#include "obs/log.hpp"

namespace by::competitors {

PriceScheduler::PriceScheduler(store::Store& store, PriceReader& reader, SchedulerOptions options)
    : store_(store), reader_(reader), options_(std::move(options)), list_(store) {}

PriceScheduler::~PriceScheduler() { Stop(); }

core::Result<bool> PriceScheduler::Claim(const std::string& id, bool force) {
    const int64_t now = store_.clock().NowMs();
    BY_ASSIGN(int64_t n, store_.db().Exec("UPDATE competitor_cards SET lease_owner = ?, lease_until = ? WHERE id = ?"
                                          " AND lease_until < ? AND (next_read_at <= ? OR ? = 1)",
                                          {options_.owner, now + options_.lease_ms, id, now, now,
                                           static_cast<int64_t>(force ? 1 : 0)}));
    return n == 1;
}

core::Result<core::Status> PriceScheduler::ReadClaimed(const std::string& id, const std::string& marketplace,
                                                       const std::string& card_id) {
    const int64_t started = store_.clock().NowMs();
    auto mp = core::ParseMarketplace(marketplace);
    auto read = mp ? reader_.Read(*mp, card_id)
                   : core::Result<PriceRead>(core::Error::Invalid("unknown marketplace " + marketplace));
    if (!read.ok()) {
        int64_t wait = std::max<int64_t>(options_.interval_ms, read.error().retry_after_ms);
        // Only the lease holder writes: a read that outlived its lease leaves the card to the new holder.
        BY_TRY(store_.db().Exec("UPDATE competitor_cards SET lease_until = 0, next_read_at = ?, checked_at = ?,"
                                " last_error = ?, failures = failures + 1 WHERE id = ? AND lease_owner = ?",
                                {started + wait, started, read.error().message.substr(0, 500), id, options_.owner}));
        return core::Status(read.error());
    }
    BY_TRY(store_.db().Tx([&](store::SqlConn& c) -> core::Status {
        BY_ASSIGN(int64_t n, c.Exec("UPDATE competitor_cards SET lease_until = 0, next_read_at = ?, checked_at = ?,"
                                    " last_read_at = ?, last_amount = ?, last_currency = ?, last_error = '', failures = 0,"
                                    " title = CASE WHEN ? = '' THEN title ELSE ? END WHERE id = ? AND lease_owner = ?",
                                    {started + options_.interval_ms, started, started, read->amount, read->currency,
                                     read->title, read->title, id, options_.owner}));
        // Removed while we read, or the lease passed to another process: its read counts, not ours.
        if (n == 0) return core::Ok();
        BY_TRY(c.Exec("INSERT INTO competitor_prices (id, competitor_id, amount, currency, read_at) VALUES (?, ?, ?, ?, ?)",
                      {core::NewId("cpp"), id, read->amount, read->currency, started}));
        return core::Ok();
    }));
    obs::Log(obs::Level::kDebug, "competitor_price_read",
             {{"competitor_id", id}, {"marketplace", marketplace}, {"amount", read->amount}, {"currency", read->currency}});
    return core::Ok();
}

core::Result<CompetitorRow> PriceScheduler::ReadNow(const std::string& partner_id, const std::string& id) {
    BY_ASSIGN(auto row, list_.Get(partner_id, id));
    BY_ASSIGN(bool mine, Claim(id, true));
    if (!mine) return core::Error::Conflict("this card is being read right now");
    BY_ASSIGN(auto read, ReadClaimed(id, row.marketplace, row.card_id));
    (void)read;  // a failed read is recorded on the card (last_error), which is what the caller shows
    return list_.Get(partner_id, id);
}

core::Result<RunSummary> PriceScheduler::RunOnce() {
    RunSummary summary;
    const int64_t now = store_.clock().NowMs();
    BY_ASSIGN(auto due, store_.db().Query("SELECT id, marketplace, card_id FROM competitor_cards WHERE next_read_at <= ?"
                                          " AND lease_until < ? ORDER BY next_read_at, id LIMIT ?",
                                          {now, now, static_cast<int64_t>(options_.batch)}));
    for (const auto& row : due.rows) {
        BY_ASSIGN(bool mine, Claim(row.Str(0), false));
        if (!mine) continue;  // another process took it between our SELECT and UPDATE
        BY_ASSIGN(auto read, ReadClaimed(row.Str(0), row.Str(1), row.Str(2)));
        if (read.ok()) {
            ++summary.read;
        } else {
            ++summary.failed;
            obs::Log(obs::Level::kWarn, "competitor_read_failed",
                     {{"competitor_id", row.Str(0)}, {"marketplace", row.Str(1)}, {"card_id", row.Str(2)},
                      {"error", read.error().ToString()}});
        }
    }
    return summary;
}

void PriceScheduler::Start() {
    // Wake often enough that a card is never more than a tenth of its interval late.
    loop_.Start(std::chrono::milliseconds(std::clamp<int64_t>(options_.interval_ms / 10, 200, 5000)), [this] {
        if (auto r = RunOnce(); !r.ok()) {
            obs::Log(obs::Level::kWarn, "competitor_scheduler_failed", {{"error", r.error().ToString()}});
        }
    });
}

void PriceScheduler::Stop() { loop_.Stop(); }

}  // namespace by::competitors
