// Exact money arithmetic for the calculator and invoices: amounts are carried as 128-bit numerators over
// a common denominator and rounded to minor units once, at the end (half up), so that no figure drifts.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace by::economics {

using Wide = __int128;

inline constexpr int64_t kBpPerWhole = 10000;  // basis points in 100 %

// floor(a / b) for b > 0, also for negative a.
Wide FloorDiv(Wide a, Wide b);
// a / b rounded to the nearest integer, halves upwards (towards +infinity); b > 0.
Wide RoundHalfUp(Wide a, Wide b);
// ceil(a / b) for b > 0.
Wide CeilDiv(Wide a, Wide b);
// Narrows to int64, or an internal error when the figure does not fit (never silently wraps).
core::Result<int64_t> Narrow(Wide v);

// Splits `total` (already rounded) over parts in proportion to `weights` (exact numerators, any sign):
// each part gets floor(total * w / sum), and the units left over go to the largest remainders (ties: the
// earlier part). The parts always add up to `total`. With a zero sum every part is 0 and `total` must be 0.
std::vector<int64_t> AllocateLargestRemainder(int64_t total, const std::vector<Wide>& weights);

// UZS per RUB as an exact fraction (num / den); the one conversion rate the product knows
// (config marketplaces.uzs_per_rub). Amounts in other currency pairs are not converted.
struct FxRate {
    int64_t uzs_per_rub_num = 150;
    int64_t uzs_per_rub_den = 1;
    // From the configured decimal rate, to 1/100 of a sum (the only rounding of the rate itself).
    static FxRate FromDecimal(double uzs_per_rub);
};

// An exact amount in `currency`, as a numerator over Scale(rate) (= 10000 * num * den): wide enough to hold
// basis-point fees and either direction of conversion without rounding.
Wide Scale(const FxRate& rate);
// `amount` minor units of `from` as an exact numerator in `to` (over Scale(rate)); Unprocessable when the
// pair cannot be converted.
core::Result<Wide> ToExact(int64_t amount, const std::string& from, const std::string& to, const FxRate& rate);

// Parses "12.5" (a percent with at most two decimals) into basis points, or "46" / "0.5" (major units, at
// most two decimals) into minor units: both are "a decimal with two places" times 100.
core::Result<int64_t> ParseHundredths(const std::string& text);
// Formats hundredths back: 1250 -> "12.5", 4600 -> "46".
std::string FormatHundredths(int64_t v);

}  // namespace by::economics
