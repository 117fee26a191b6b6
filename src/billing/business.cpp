#include "billing/business.hpp"

#include <map>
#include <set>

#include "billing/plans.hpp"

namespace by::billing {
namespace {

bool ActiveAt(const Subscription& s, int64_t t) { return s.started_at <= t && (s.open() || s.ended_at > t); }

int64_t Fee(const Subscription& s) {
    return PlanFor(core::ParseTier(s.tier).value_or(core::Tier::kStarter)).monthly_fee + (s.ai_addon ? kAiAddonFee : 0);
}

nlohmann::json Uzs(int64_t amount) { return {{"amount", amount}, {"currency", kBillingCurrency}}; }

nlohmann::json Bp(int64_t num, int64_t den) {
    return den > 0 ? nlohmann::json(num * economics::kBpPerWhole / den) : nlohmann::json();
}

struct CardCounts {
    int64_t made = 0, live = 0, finished = 0;
};

core::Result<std::map<std::string, CardCounts>> CardsByPartner(store::SqlDb& db, const Month& m) {
    BY_ASSIGN(auto rows, db.Query("SELECT partner_id, status, COUNT(*) FROM cards WHERE created_at >= ? AND "
                                  "created_at < ? GROUP BY partner_id, status",
                                  {m.StartMs(), m.EndMs()}));
    std::map<std::string, CardCounts> out;
    for (const auto& r : rows.rows) {
        auto& c = out[r.Str(0)];
        std::string status = r.Str(1);
        int64_t n = r.Int(2);
        c.made += n;
        if (status == "live") c.live += n;
        // As GET /api/admin/stats counts them: a card is finished once live or given up on.
        if (status == "live" || status == "failed" || status == "rejected" || status == "needs_attention") c.finished += n;
    }
    return out;
}

}  // namespace

core::Result<nlohmann::json> BusinessFigures(store::SqlDb& db, const economics::FeeTable& fees,
                                             const economics::FxRate& fx, const Month& month, int64_t now_ms) {
    Subscriptions subs(db);
    BY_TRY(subs.MaterialiseAll());
    BY_ASSIGN(auto overlapping, subs.Overlapping(month.StartMs(), month.EndMs()));
    const int64_t start = month.StartMs();
    const int64_t last = std::min(month.EndMs(), now_ms) - 1;  // the month's last instant so far

    int64_t mrr = 0;
    std::set<std::string> at_start, at_end, cancelled;
    std::map<std::string, std::vector<Subscription>> by_partner;
    for (const auto& s : overlapping) {
        by_partner[s.partner_id].push_back(s);
        if (ActiveAt(s, start)) at_start.insert(s.partner_id);
        if (ActiveAt(s, last)) {
            at_end.insert(s.partner_id);
            mrr += Fee(s);
        }
        if (!s.open() && s.end_reason == "cancelled" && s.ended_at >= start && s.ended_at <= last) {
            cancelled.insert(s.partner_id);
        }
    }
    int64_t churned = 0;
    for (const auto& p : cancelled) churned += at_start.count(p) && !at_end.count(p) ? 1 : 0;

    BY_ASSIGN(auto cards, CardsByPartner(db, month));
    BY_ASSIGN(auto names, db.Query("SELECT id, company FROM partners"));
    std::map<std::string, std::string> company;
    for (const auto& r : names.rows) company[r.Str(0)] = r.Str(1);

    InvoiceService invoices(db, fees, fx);
    std::map<std::string, nlohmann::json> tiers;
    for (core::Tier t : {core::Tier::kStarter, core::Tier::kBusiness, core::Tier::kProfessional, core::Tier::kEnterprise}) {
        tiers[std::string(core::TierName(t))] = {{"tier", core::TierName(t)}, {"plan", PlanFor(t).name},
                                                 {"partners", 0}, {"fees", 0}, {"profit_share", 0}};
    }
    nlohmann::json partners = nlohmann::json::array();
    for (const auto& [pid, history] : by_partner) {
        auto sub = SubscriptionForMonth(history, month);
        if (!sub) continue;
        BY_ASSIGN(auto inv, invoices.Draft(pid, month));
        int64_t fee = inv["subscription_fee"]["amount"].get<int64_t>() + inv["ai_addon_fee"]["amount"].get<int64_t>();
        int64_t share = inv["profit_share"]["amount"].get<int64_t>();
        auto& t = tiers[sub->tier];
        t["partners"] = t["partners"].get<int64_t>() + 1;
        t["fees"] = t["fees"].get<int64_t>() + fee;
        t["profit_share"] = t["profit_share"].get<int64_t>() + share;
        CardCounts c = cards.count(pid) ? cards[pid] : CardCounts{};
        partners.push_back({{"partner_id", pid}, {"company", company[pid]}, {"tier", sub->tier},
                            {"ai_addon", sub->ai_addon}, {"active", at_end.count(pid) > 0},
                            {"cards_made", c.made}, {"cards_live", c.live}, {"cards_finished", c.finished},
                            {"success_rate_bp", Bp(c.live, c.finished)}, {"fee", Uzs(fee)},
                            {"profit_share", Uzs(share)}});
    }
    nlohmann::json per_tier = nlohmann::json::array();
    int64_t revenue = 0;
    for (core::Tier tier : {core::Tier::kStarter, core::Tier::kBusiness, core::Tier::kProfessional, core::Tier::kEnterprise}) {
        auto& t = tiers[std::string(core::TierName(tier))];
        int64_t fees_t = t["fees"].get<int64_t>(), share_t = t["profit_share"].get<int64_t>();
        revenue += fees_t + share_t;
        per_tier.push_back({{"tier", t["tier"]}, {"plan", t["plan"]}, {"partners", t["partners"]},
                            {"fees", Uzs(fees_t)}, {"profit_share", Uzs(share_t)}, {"revenue", Uzs(fees_t + share_t)}});
    }
    return nlohmann::json{{"month", month.ToString()},
                          {"mrr", Uzs(mrr)},
                          {"active_at_start", static_cast<int64_t>(at_start.size())},
                          {"active_at_end", static_cast<int64_t>(at_end.size())},
                          {"churned", churned},
                          {"churn_bp", Bp(churned, static_cast<int64_t>(at_start.size()))},
                          {"revenue", Uzs(revenue)},
                          {"per_tier", per_tier},
                          {"partners", partners}};
}

}  // namespace by::billing
