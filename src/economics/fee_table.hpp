// The marketplaces' default fees (data/fees/<marketplace>.csv, embedded at build time): per marketplace,
// category ("*" = any) and rate, a value or "unknown", with the price it starts at, its date and source.
// The calculator never invents a rate: a row without a value, or no row, is reported as unknown.
// Thread-safety: a FeeTable is immutable once parsed; Builtin() is parsed once and shared.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "economics/exact.hpp"

namespace by::economics {

// commission: % of the sale price; logistics: a fixed amount per unit sold (or a %); acquiring: payment
// acceptance / payout fee, % of the sale price; tax: the seller's turnover tax, % of the sale price.
enum class RateName { kCommission, kLogistics, kAcquiring, kTax };
inline constexpr RateName kAllRates[] = {RateName::kCommission, RateName::kLogistics, RateName::kAcquiring,
                                         RateName::kTax};
std::string_view RateNameText(RateName r);
std::optional<RateName> ParseRateName(std::string_view s);

// A rate's value: basis points of the sale price, or a fixed amount (minor units of `currency`) per unit.
struct RateValue {
    bool percent = true;
    int64_t value = 0;        // bp when percent, else minor units
    std::string currency;     // fixed only
    bool operator==(const RateValue&) const = default;
};

struct FeeRow {
    core::Marketplace marketplace = core::Marketplace::kUzum;
    std::string category;             // our category key, or "*"
    RateName rate = RateName::kCommission;
    std::optional<RateValue> value;   // nullopt: known to exist, amount unknown
    int64_t price_from = 0;           // the row applies from this sale price (minor units of price_currency)
    std::string price_currency;       // "" when price_from is 0
    std::string scheme, as_of, source, note;
};

class FeeTable {
  public:
    // Parses one marketplace's CSV (header: category,rate,value,unit,price_from,scheme,as_of,source,note).
    // Every value row needs a source; a malformed row is an error naming its line.
    static core::Result<FeeTable> Parse(core::Marketplace m, std::string_view csv);
    // The tables shipped in data/fees/, embedded in the binary.
    static const FeeTable& Builtin();

    void Append(const FeeTable& other);
    const std::vector<FeeRow>& rows() const { return rows_; }

    // The row for (marketplace, category, rate) at `price`: a category's own rows win over "*"; among the
    // rows of that category the one with the highest price_from not above the price. Nullptr: no row.
    core::Result<const FeeRow*> Find(core::Marketplace m, const std::string& category, RateName rate,
                                     const core::Money& price, const FxRate& fx) const;

  private:
    std::vector<FeeRow> rows_;
};

}  // namespace by::economics
