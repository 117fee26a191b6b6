// The tiers of the business plan (PRODUCT.md) as figures: the monthly fee, the share of the partner's
// profit we take, the cards a month it may order, and the AI services add-on. Money is UZS minor units
// (tiyin); shares are basis points. The queue priority per tier stays core::DefaultPriority.
#pragma once

#include <cstdint>
#include <string>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "store/sql.hpp"

namespace by::billing {

inline constexpr const char* kBillingCurrency = "UZS";

struct Plan {
    core::Tier tier;
    const char* name;            // "Starter Pro", ...
    int64_t monthly_fee = 0;     // tiyin
    int64_t profit_share_bp = 0;
    int64_t cards_per_month = 0; // 0: no limit
};

const Plan& PlanFor(core::Tier t);
// The AI services add-on: +1 000 000 so'm a month.
inline constexpr int64_t kAiAddonFee = 1'000'000 * 100;

// The cards a partner has ordered in the calendar month (UTC) of `now_ms`: one per marketplace of every
// request submitted that month, except rejected ones (they made no cards).
core::Result<int64_t> CardsOrderedThisMonth(store::SqlDb& db, const std::string& partner_id, int64_t now_ms);

// Called by POST /api/requests before it stores a request for `new_cards` cards: RateLimited (429) with a
// message naming the tier's limit when the month's total would pass it; retry_after_ms points at the
// next month's start.
core::Status CheckCardLimit(store::SqlDb& db, const std::string& partner_id, const std::string& tier,
                            int64_t new_cards, int64_t now_ms);

}  // namespace by::billing
