// The price for a target margin: solved exactly per price band, rounded up to a step, then re-checked by
// recomputing the breakdown (which carries the one rounding), stepping up until it holds.
#include <algorithm>
#include <set>

#include "economics/calculator.hpp"

namespace by::economics {
namespace {

constexpr int kMaxSteps = 10000;  // bounds the re-check walk; a target it cannot reach is reported

// The prices where some default rate of this marketplace changes (its price_from), in the sale currency.
core::Result<std::set<int64_t>> BandStarts(const FeeTable& table, const SaleInput& in, const FxRate& fx) {
    std::set<int64_t> starts = {0};
    for (const FeeRow& r : table.rows()) {
        if (r.marketplace != in.marketplace || r.price_from == 0) continue;
        if (r.category != "*" && r.category != in.category) continue;
        BY_ASSIGN(Wide x, ToExact(r.price_from, r.price_currency, in.price.currency, fx));
        BY_ASSIGN(int64_t start, Narrow(CeilDiv(x, Scale(fx))));
        starts.insert(start);
    }
    return starts;
}

core::Result<int64_t> MarginAt(const FeeTable& table, SaleInput in, int64_t price, const FxRate& fx) {
    in.price.amount = price;
    BY_ASSIGN(Breakdown b, Compute(table, in, fx));
    return b.margin_bp;
}

}  // namespace

int64_t PriceStep(int64_t amount_minor) {
    int64_t major = amount_minor / 100;
    int64_t step = 1;
    for (int64_t m = major; m >= 1000; m /= 10) step *= 10;
    return step * 100;
}

core::Result<Recommendation> RecommendPrice(const FeeTable& table, const SaleInput& in, int64_t target_margin_bp,
                                            const FxRate& fx, int64_t step_minor) {
    if (target_margin_bp < -kBpPerWhole || target_margin_bp >= kBpPerWhole) {
        return core::Error::Unprocessable("target margin is below 100 %", "target_margin_bp");
    }
    const Wide per_bp = Scale(fx) / kBpPerWhole;
    BY_ASSIGN(auto starts, BandStarts(table, in, fx));
    std::optional<Recommendation> best;
    for (int64_t start : starts) {
        // Within a band every rate is constant: profit = P·(1 − R) − E and profit ≥ m·P give
        // P ≥ E / (1 − R − m), in exact units P·per_bp·(10000 − R − m) ≥ E.
        SaleInput at = in;
        at.price.amount = std::max<int64_t>(start, 1);
        BY_ASSIGN(Breakdown b, Compute(table, at, fx));
        Wide percent_bp = 0, fixed_x = 0;
        for (const AppliedRate& a : b.rates) {
            if (!a.value) continue;
            if (a.value->percent) {
                percent_bp += a.value->value;
            } else {
                BY_ASSIGN(Wide x, ToExact(a.value->value, a.value->currency, in.price.currency, fx));
                fixed_x += x;
            }
        }
        Wide room = kBpPerWhole - percent_bp - target_margin_bp;
        if (room <= 0) continue;
        BY_ASSIGN(Wide cost_x, ToExact(in.cost.amount, in.cost.currency, in.price.currency, fx));
        BY_ASSIGN(int64_t exact, Narrow(std::max<Wide>(CeilDiv(cost_x + fixed_x, per_bp * room), at.price.amount)));
        // The fees' rounding may take a unit or two: walk up to the first price that holds.
        int walked = 0;
        for (; walked < kMaxSteps; ++walked, ++exact) {
            BY_ASSIGN(int64_t m, MarginAt(table, in, exact, fx));
            if (m >= target_margin_bp) break;
        }
        if (walked == kMaxSteps) continue;
        int64_t step = step_minor > 0 ? step_minor : PriceStep(exact);
        int64_t price = static_cast<int64_t>(CeilDiv(exact, step)) * step;
        for (walked = 0; walked < kMaxSteps; ++walked, price += step) {
            BY_ASSIGN(int64_t m, MarginAt(table, in, price, fx));
            if (m >= target_margin_bp) break;
        }
        if (walked == kMaxSteps) continue;
        if (!best || price < best->price.amount) {
            SaleInput final_in = in;
            final_in.price.amount = price;
            BY_ASSIGN(Breakdown at_price, Compute(table, final_in, fx));
            best = Recommendation{target_margin_bp, exact, step, final_in.price, std::move(at_price)};
        }
    }
    if (!best) {
        return core::Error::Unprocessable("no price reaches this margin: the percentage fees and the target add up "
                                          "to 100 % or more", "target_margin_bp");
    }
    return *best;
}

}  // namespace by::economics
