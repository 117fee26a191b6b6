#include "billing/invoice.hpp"

#include "billing/plans.hpp"
#include "core/time.hpp"

namespace by::billing {
namespace {

using economics::Wide;

nlohmann::json Uzs(int64_t amount) { return {{"amount", amount}, {"currency", kBillingCurrency}}; }

// A line's exact figures in UZS, over Scale(fx) * 10000 (so basis points of a converted price stay exact).
struct ExactLine {
    Wide revenue = 0, commission = 0, logistics = 0, cost = 0;
    Wide profit() const { return revenue - commission - logistics - cost; }
};

// The amount of one rate on `qty` units, exactly, in UZS.
core::Result<Wide> RateExact(const economics::AppliedRate& a, Wide unit_price_x, int64_t qty,
                             const economics::FxRate& fx) {
    if (!a.value) return Wide{0};
    if (a.value->percent) return unit_price_x * a.value->value * qty;
    BY_ASSIGN(Wide x, economics::ToExact(a.value->value, a.value->currency, kBillingCurrency, fx));
    return x * economics::kBpPerWhole * qty;
}

// Why a line adds nothing, or "" when it counts.
std::string Exclusion(const OrderLine& o) {
    if (o.status == "cancelled" || o.status == "returned") return o.status;
    if (!o.product_known) return "unknown_product";
    if (o.quantity <= 0) return "no_quantity";
    return "";
}

}  // namespace

std::optional<Subscription> SubscriptionForMonth(const std::vector<Subscription>& history, const Month& month) {
    std::optional<Subscription> best;
    for (const auto& s : history) {
        bool overlaps = s.started_at < month.EndMs() && (s.open() || s.ended_at > month.StartMs());
        if (overlaps && (!best || s.started_at >= best->started_at)) best = s;
    }
    return best;
}

core::Result<nlohmann::json> ComputeInvoice(const InvoiceInput& in, const economics::FeeTable& fees,
                                            const economics::FxRate& fx) {
    const Plan& plan = PlanFor(core::ParseTier(in.subscription.tier).value_or(core::Tier::kStarter));
    const Wide den = economics::Scale(fx) * economics::kBpPerWhole;
    std::vector<ExactLine> exact;
    std::vector<const OrderLine*> counted;
    std::vector<std::vector<economics::AppliedRate>> rates;
    nlohmann::json excluded = nlohmann::json::array();
    for (const OrderLine& o : in.orders) {
        std::string why = Exclusion(o);
        economics::SaleInput sale{o.unit_cost, o.unit_price, o.marketplace, o.category, in.overrides};
        core::Result<std::vector<economics::AppliedRate>> applied = std::vector<economics::AppliedRate>{};
        ExactLine x;
        if (why.empty()) {
            applied = economics::ResolveRates(fees, sale, fx);
            auto price_x = economics::ToExact(o.unit_price.amount, o.unit_price.currency, kBillingCurrency, fx);
            auto cost_x = economics::ToExact(o.unit_cost.amount, o.unit_cost.currency, kBillingCurrency, fx);
            if (!applied.ok() || !price_x.ok() || !cost_x.ok()) {
                why = "not_convertible";
            } else {
                x.revenue = *price_x * economics::kBpPerWhole * o.quantity;
                x.cost = *cost_x * economics::kBpPerWhole * o.quantity;
                BY_ASSIGN(x.commission, RateExact((*applied)[0], *price_x, o.quantity, fx));
                BY_ASSIGN(x.logistics, RateExact((*applied)[1], *price_x, o.quantity, fx));
            }
        }
        if (!why.empty()) {
            excluded.push_back({{"order_id", o.order_id}, {"order_ref", o.order_ref}, {"sku", o.sku},
                                {"marketplace", core::MarketplaceName(o.marketplace)}, {"reason", why}});
            continue;
        }
        exact.push_back(x);
        counted.push_back(&o);
        rates.push_back(std::move(*applied));
    }
    // Columns: exact sums rounded once, lines allocated.
    auto column = [&](Wide ExactLine::*field, int64_t* total) -> core::Result<std::vector<int64_t>> {
        std::vector<Wide> w;
        Wide sum = 0;
        for (const auto& x : exact) {
            w.push_back(x.*field);
            sum += x.*field;
        }
        BY_ASSIGN(*total, economics::Narrow(economics::RoundHalfUp(sum, den)));
        return economics::AllocateLargestRemainder(*total, w);
    };
    int64_t rev_t = 0, com_t = 0, log_t = 0, cost_t = 0;
    BY_ASSIGN(auto rev, column(&ExactLine::revenue, &rev_t));
    BY_ASSIGN(auto com, column(&ExactLine::commission, &com_t));
    BY_ASSIGN(auto log, column(&ExactLine::logistics, &log_t));
    BY_ASSIGN(auto cost, column(&ExactLine::cost, &cost_t));
    int64_t profit_t = rev_t - com_t - log_t - cost_t;
    int64_t share_t = profit_t > 0 ? static_cast<int64_t>(economics::RoundHalfUp(
                                         static_cast<Wide>(profit_t) * plan.profit_share_bp, economics::kBpPerWhole))
                                   : 0;
    std::vector<Wide> profit_w;
    for (size_t i = 0; i < exact.size(); ++i) profit_w.push_back(rev[i] - com[i] - log[i] - cost[i]);
    auto shares = economics::AllocateLargestRemainder(share_t, profit_w);

    nlohmann::json lines = nlohmann::json::array();
    for (size_t i = 0; i < counted.size(); ++i) {
        const OrderLine& o = *counted[i];
        nlohmann::json unknown = nlohmann::json::array();
        for (size_t k = 0; k < 2; ++k) {
            if (rates[i][k].origin == economics::RateOrigin::kUnknown) unknown.push_back(economics::RateNameText(rates[i][k].name));
        }
        lines.push_back({{"order_id", o.order_id}, {"order_ref", o.order_ref}, {"sku", o.sku},
                         {"product_id", o.product_id}, {"marketplace", core::MarketplaceName(o.marketplace)},
                         {"ordered_at", core::FormatRfc3339(o.ordered_at)}, {"quantity", o.quantity},
                         {"unit_price", {{"amount", o.unit_price.amount}, {"currency", o.unit_price.currency}}},
                         {"revenue", Uzs(rev[i])}, {"commission", Uzs(com[i])}, {"logistics", Uzs(log[i])},
                         {"cost", Uzs(cost[i])}, {"profit", Uzs(static_cast<int64_t>(profit_w[i]))},
                         {"profit_share", Uzs(shares[i])},
                         {"commission_origin", economics::RateOriginText(rates[i][0].origin)},
                         {"logistics_origin", economics::RateOriginText(rates[i][1].origin)},
                         {"unknown_rates", unknown}});
    }
    int64_t addon = in.subscription.ai_addon ? kAiAddonFee : 0;
    return nlohmann::json{
        {"partner_id", in.partner_id}, {"company", in.company}, {"month", in.month.ToString()},
        {"status", "draft"}, {"issued_at", nullptr}, {"currency", kBillingCurrency},
        {"tier", in.subscription.tier}, {"plan", plan.name}, {"ai_addon", in.subscription.ai_addon},
        {"subscription_fee", Uzs(plan.monthly_fee)}, {"ai_addon_fee", Uzs(addon)},
        {"profit_share_bp", plan.profit_share_bp},
        {"totals", {{"revenue", Uzs(rev_t)}, {"commission", Uzs(com_t)}, {"logistics", Uzs(log_t)},
                    {"cost", Uzs(cost_t)}, {"profit", Uzs(profit_t)}}},
        {"profit_share", Uzs(share_t)}, {"total", Uzs(plan.monthly_fee + addon + share_t)},
        {"uzs_per_rub", economics::FormatHundredths(fx.uzs_per_rub_num * 100 / std::max<int64_t>(fx.uzs_per_rub_den, 1))},
        {"lines", lines}, {"excluded", excluded}};
}

}  // namespace by::billing
