#include "billing/plans.hpp"

#include <nlohmann/json.hpp>

#include "billing/month.hpp"

namespace by::billing {

const Plan& PlanFor(core::Tier t) {
    // Limits: a starter seller lists about 50 products on all four marketplaces a month; each tier up
    // allows five times more; enterprise has none (docs/billing.md).
    static const Plan kPlans[] = {
        {core::Tier::kStarter, "Starter Pro", 3'000'000 * 100LL, 5000, 200},
        {core::Tier::kBusiness, "Business Standard", 8'000'000 * 100LL, 2500, 1'000},
        {core::Tier::kProfessional, "Professional Plus", 18'000'000 * 100LL, 1500, 5'000},
        {core::Tier::kEnterprise, "Enterprise Elite", 25'000'000 * 100LL, 1000, 0},
    };
    for (const Plan& p : kPlans) {
        if (p.tier == t) return p;
    }
    return kPlans[0];
}

core::Result<int64_t> CardsOrderedThisMonth(store::SqlDb& db, const std::string& partner_id, int64_t now_ms) {
    Month m = Month::Of(now_ms);
    BY_ASSIGN(auto rows, db.Query("SELECT marketplaces FROM requests WHERE partner_id = ? AND created_at >= ? "
                                  "AND created_at < ? AND status <> 'rejected'",
                                  {partner_id, m.StartMs(), m.EndMs()}));
    int64_t cards = 0;
    for (const auto& r : rows.rows) {
        auto list = nlohmann::json::parse(r.Str(0), nullptr, false);
        cards += list.is_array() ? static_cast<int64_t>(list.size()) : 0;
    }
    return cards;
}

core::Status CheckCardLimit(store::SqlDb& db, const std::string& partner_id, const std::string& tier,
                            int64_t new_cards, int64_t now_ms) {
    const Plan& plan = PlanFor(core::ParseTier(tier).value_or(core::Tier::kStarter));
    if (plan.cards_per_month == 0) return core::Ok();
    BY_ASSIGN(int64_t used, CardsOrderedThisMonth(db, partner_id, now_ms));
    if (used + new_cards <= plan.cards_per_month) return core::Ok();
    auto e = core::Error::RateLimited(
        Month::Of(now_ms).EndMs() - now_ms,
        std::string(plan.name) + ": " + std::to_string(plan.cards_per_month) + " cards a month; " +
            std::to_string(used) + " used, this request needs " + std::to_string(new_cards) +
            ". Upgrade the tier or wait for next month.");
    e.field = "marketplaces";
    return e;
}

}  // namespace by::billing
