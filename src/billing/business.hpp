// The admin's business figures for a month, from the same tables the invoices use: MRR, churn, revenue
// per tier and, per partner, cards made, success rate and profit share earned. Rates are basis points.
// Thread-safety: stateless; reads only (apart from materialising implicit subscriptions).
#pragma once

#include <nlohmann/json.hpp>

#include "billing/invoice.hpp"

namespace by::billing {

// MRR: the monthly fees (+ add-on) of the subscriptions open at the month's last instant (or now, for the
// running month). Churn: of the partners subscribed at the month's start, those who cancelled during it
// and hold no subscription at its end. Revenue per tier: fees and profit shares of the month's invoices
// (issued or draft), by the tier that counts for the month.
core::Result<nlohmann::json> BusinessFigures(store::SqlDb& db, const economics::FeeTable& fees,
                                             const economics::FxRate& fx, const Month& month, int64_t now_ms);

}  // namespace by::billing
