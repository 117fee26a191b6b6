// Unit economics of one sale on one marketplace: sale price − cost − commission − logistics − acquiring −
// tax = profit, with the margin in basis points, and the price that reaches a target margin.
//
// Every rate comes from the partner's override (category before "*"), else the default fee table, else it
// is unknown: unknown rates count as 0 and are listed, so the caller always sees which figures are
// defaults (with date and source), which the partner set, and which are missing.
//
// Rounding (the only one): all terms are summed exactly (basis points and currency conversion kept as
// 128-bit fractions); the sum of the deductions is rounded half up to minor units once, and the lines are
// allocated by largest remainder so they add up to it. Profit = price − deductions, exactly. The margin is
// floor(profit × 10000 / price). Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "economics/fee_table.hpp"

namespace by::economics {

// A partner's own rate: for a marketplace and a category (or "*"), replacing the default.
struct RateOverride {
    core::Marketplace marketplace = core::Marketplace::kUzum;
    std::string category;  // our category key or "*"
    RateName rate = RateName::kCommission;
    RateValue value;
    int64_t set_at_ms = 0;
};

struct SaleInput {
    core::Money cost;   // cost price of one unit
    core::Money price;  // sale price of one unit
    core::Marketplace marketplace = core::Marketplace::kUzum;
    std::string category;
    std::vector<RateOverride> overrides;  // the partner's; others' are ignored by the caller
};

enum class RateOrigin { kDefault, kPartner, kUnknown };
std::string_view RateOriginText(RateOrigin o);  // "default", "partner", "unknown"

struct AppliedRate {
    RateName name = RateName::kCommission;
    RateOrigin origin = RateOrigin::kUnknown;
    std::optional<RateValue> value;  // what was applied (none when unknown)
    int64_t amount = 0;              // minor units of the sale currency, after allocation
    std::string category;            // the row or override matched ("*" or the key)
    // Defaults: where the figure comes from; partner: set_at.
    std::string as_of, source, note, scheme;
    int64_t set_at_ms = 0;
};

struct Breakdown {
    core::Money price, cost;
    int64_t cost_amount = 0;           // the cost in the sale currency (allocated like the fees)
    std::vector<AppliedRate> rates;    // commission, logistics, acquiring, tax, in that order
    int64_t fees_total = 0;            // sum of the rates' amounts
    int64_t profit = 0;                // price − cost_amount − fees_total
    int64_t margin_bp = 0;             // floor(profit × 10000 / price); 0 when the price is 0
    std::vector<std::string> unknown;  // names of the rates that are unknown
    bool complete() const { return unknown.empty(); }
};

core::Result<Breakdown> Compute(const FeeTable& table, const SaleInput& in, const FxRate& fx);

// The four rates that apply to a sale (amounts left 0), for callers that sum sales exactly (invoices).
core::Result<std::vector<AppliedRate>> ResolveRates(const FeeTable& table, const SaleInput& in, const FxRate& fx);

struct Recommendation {
    int64_t target_margin_bp = 0;
    int64_t exact_minimum = 0;  // the least price (minor units) with margin >= target, before the step
    int64_t price_step = 0;     // minor units
    core::Money price;          // the recommended price: a multiple of the step, margin re-checked
    Breakdown at_price;         // the breakdown recomputed at that price
};

// The "sensible step" for a price: three significant figures of the major unit, never under 1 major unit
// (e.g. UZS 23 456 → 100 so'm, 234 567 → 1 000 so'm; RUB 1 234 → 10 RUB).
int64_t PriceStep(int64_t amount_minor);

// The least price (rounded up to a step) whose recomputed margin reaches `target_margin_bp`. In the
// input, `price` gives only the currency. Unprocessable when no price can reach it (the percentage
// rates and the target add up to 100 % or more). `step_minor` 0 picks PriceStep.
core::Result<Recommendation> RecommendPrice(const FeeTable& table, const SaleInput& in, int64_t target_margin_bp,
                                            const FxRate& fx, int64_t step_minor = 0);

}  // namespace by::economics
