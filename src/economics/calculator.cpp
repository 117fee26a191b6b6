#include "economics/calculator.hpp"

namespace by::economics {
namespace {

// The partner's override for the category, else for "*".
const RateOverride* FindOverride(const SaleInput& in, RateName name) {
    const RateOverride* any = nullptr;
    for (const auto& o : in.overrides) {
        if (o.marketplace != in.marketplace || o.rate != name) continue;
        if (o.category == in.category) return &o;
        if (o.category == "*") any = &o;
    }
    return any;
}

core::Result<AppliedRate> Resolve(const FeeTable& table, const SaleInput& in, RateName name, const FxRate& fx) {
    AppliedRate a;
    a.name = name;
    if (const RateOverride* o = FindOverride(in, name)) {
        a.origin = RateOrigin::kPartner;
        a.value = o->value;
        a.category = o->category;
        a.set_at_ms = o->set_at_ms;
        return a;
    }
    BY_ASSIGN(const FeeRow* row, table.Find(in.marketplace, in.category, name, in.price, fx));
    if (row != nullptr) {
        a.origin = row->value ? RateOrigin::kDefault : RateOrigin::kUnknown;
        a.value = row->value;
        a.category = row->category;
        a.as_of = row->as_of;
        a.source = row->source;
        a.note = row->note;
        a.scheme = row->scheme;
    }
    return a;
}

// The rate's amount per unit as an exact numerator over Scale(fx), in the sale currency.
core::Result<Wide> ExactAmount(const AppliedRate& a, const core::Money& price, const FxRate& fx) {
    if (!a.value) return Wide{0};
    if (a.value->percent) {
        return static_cast<Wide>(price.amount) * a.value->value * (Scale(fx) / kBpPerWhole);
    }
    return ToExact(a.value->value, a.value->currency, price.currency, fx);
}

}  // namespace

std::string_view RateOriginText(RateOrigin o) {
    switch (o) {
        case RateOrigin::kDefault: return "default";
        case RateOrigin::kPartner: return "partner";
        case RateOrigin::kUnknown: return "unknown";
    }
    return "unknown";
}

core::Result<std::vector<AppliedRate>> ResolveRates(const FeeTable& table, const SaleInput& in, const FxRate& fx) {
    std::vector<AppliedRate> out;
    for (RateName name : kAllRates) {
        BY_ASSIGN(AppliedRate a, Resolve(table, in, name, fx));
        out.push_back(std::move(a));
    }
    return out;
}

core::Result<Breakdown> Compute(const FeeTable& table, const SaleInput& in, const FxRate& fx) {
    if (in.price.amount < 0 || in.cost.amount < 0) return core::Error::Unprocessable("amounts cannot be negative");
    Breakdown b;
    b.price = in.price;
    b.cost = in.cost;
    const Wide scale = Scale(fx);
    BY_ASSIGN(Wide cost_x, ToExact(in.cost.amount, in.cost.currency, in.price.currency, fx));
    std::vector<Wide> fee_x;
    Wide fees_sum = 0;
    BY_ASSIGN(auto rates, ResolveRates(table, in, fx));
    for (AppliedRate& a : rates) {
        BY_ASSIGN(Wide x, ExactAmount(a, in.price, fx));
        if (a.origin == RateOrigin::kUnknown) b.unknown.emplace_back(RateNameText(a.name));
        fee_x.push_back(x);
        fees_sum += x;
        b.rates.push_back(std::move(a));
    }
    // The single rounding: the exact deductions, half up; the cost its own nearest; fees get the rest.
    BY_ASSIGN(int64_t deductions, Narrow(RoundHalfUp(cost_x + fees_sum, scale)));
    BY_ASSIGN(b.cost_amount, Narrow(RoundHalfUp(cost_x, scale)));
    b.fees_total = deductions - b.cost_amount;
    auto parts = AllocateLargestRemainder(b.fees_total, fee_x);
    for (size_t i = 0; i < parts.size(); ++i) b.rates[i].amount = parts[i];
    b.profit = in.price.amount - deductions;
    b.margin_bp = in.price.amount > 0
                      ? static_cast<int64_t>(FloorDiv(static_cast<Wide>(b.profit) * kBpPerWhole, in.price.amount))
                      : 0;
    return b;
}

}  // namespace by::economics
