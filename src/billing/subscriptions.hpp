// Subscription history (table subscriptions): which tier and add-on a partner paid for, from when to when.
// A partner has at most one open subscription; changing tier or add-on ends it and opens the next at the
// same instant, cancelling ends it with none after (that is churn). Partners older than this table get an
// open subscription from their creation, on their current tier, the first time one is asked for.
// Thread-safety: stateless beyond the SqlDb reference; writes run in one transaction each.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "store/sql.hpp"

namespace by::billing {

struct Subscription {
    std::string id, partner_id, tier;
    bool ai_addon = false;
    int64_t started_at = 0;
    int64_t ended_at = 0;  // 0: open
    std::string end_reason;  // "changed" | "cancelled"
    bool open() const { return ended_at == 0; }
};

class Subscriptions {
  public:
    explicit Subscriptions(store::SqlDb& db) : db_(db) {}

    // The open subscription, created from the partner row when there is none and never was one.
    // NotFound when the partner does not exist or has cancelled.
    core::Result<Subscription> Current(const std::string& partner_id);
    // Ends the open subscription (if any) and opens one on `tier` with the add-on, at `now_ms`; also sets
    // partners.tier so the queue priority and limits follow. Unchanged figures are a no-op.
    core::Result<Subscription> Change(const std::string& partner_id, core::Tier tier, bool ai_addon, int64_t now_ms);
    // The same, keeping the add-on as it is: for a tier changed by PATCH /api/admin/partners.
    core::Result<Subscription> ChangeTier(const std::string& partner_id, core::Tier tier, int64_t now_ms);
    // Ends the open subscription with reason "cancelled"; NotFound when there is none.
    core::Status Cancel(const std::string& partner_id, int64_t now_ms);
    // A partner's history, oldest first (after materialising the implicit one).
    core::Result<std::vector<Subscription>> History(const std::string& partner_id);
    // Every subscription that overlaps [from_ms, to_ms), all partners (business figures).
    core::Result<std::vector<Subscription>> Overlapping(int64_t from_ms, int64_t to_ms);
    // Gives every partner without any subscription its implicit one (before figures over all partners).
    core::Status MaterialiseAll();

  private:
    core::Status Materialise(const std::string& partner_id);
    store::SqlDb& db_;
};

}  // namespace by::billing
