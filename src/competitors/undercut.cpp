#include "competitors/undercut.hpp"

#include <cmath>

namespace by::competitors {
namespace {

bool IsRouble(const std::string& c) { return c == "RUB" || c == "RUR"; }

}  // namespace

core::Result<core::Money> ConvertPrice(const core::Money& price, const std::string& currency, double uzs_per_rub) {
    if (price.currency == currency || (IsRouble(price.currency) && IsRouble(currency))) {
        return core::Money{price.amount, currency};
    }
    if (uzs_per_rub > 0) {
        // Both in minor units (tiyin, kopecks): the ratio of the major units carries over.
        const double a = static_cast<double>(price.amount);
        if (price.currency == "UZS" && IsRouble(currency)) return core::Money{std::llround(a / uzs_per_rub), currency};
        if (IsRouble(price.currency) && currency == "UZS") return core::Money{std::llround(a * uzs_per_rub), currency};
    }
    return core::Error::Unprocessable("cannot compare " + price.currency + " with " + currency, "price.currency");
}

Comparison Compare(const CompetitorRow& competitor, const core::Money& our_price, double uzs_per_rub) {
    Comparison out;
    if (!competitor.last_price) return out;
    auto ours = ConvertPrice(our_price, competitor.last_price->currency, uzs_per_rub);
    if (!ours.ok()) return out;
    out.our_price = *ours;
    out.undercuts = competitor.last_price->amount < ours->amount;
    return out;
}

}  // namespace by::competitors
