#include "economics/fee_table.hpp"

#include <algorithm>
#include <mutex>

#include "economics/csv.hpp"
#include "economics/fee_data.hpp"

namespace by::economics {
namespace {

const char* kHeader[] = {"category", "rate", "value", "unit", "price_from", "scheme", "as_of", "source", "note"};

bool IsKey(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

core::Result<FeeRow> RowFrom(core::Marketplace m, const CsvRecord& r) {
    FeeRow row;
    row.marketplace = m;
    row.category = r[0];
    if (row.category != "*" && !IsKey(row.category)) return core::Error::Invalid("bad category '" + r[0] + "'");
    auto rate = ParseRateName(r[1]);
    if (!rate) return core::Error::Invalid("unknown rate '" + r[1] + "'");
    row.rate = *rate;
    const std::string& unit = r[3];
    if (unit != "%" && !core::IsSupportedCurrency(unit)) return core::Error::Invalid("unit is % or a currency");
    if (!r[2].empty()) {
        BY_ASSIGN(int64_t v, ParseHundredths(r[2]));
        row.value = RateValue{unit == "%", v, unit == "%" ? "" : unit};
        if (row.value->percent && v > kBpPerWhole) return core::Error::Invalid("a percentage above 100");
        if (r[7].empty()) return core::Error::Invalid("a rate without a source");
    }
    if (!r[4].empty()) {
        size_t sp = r[4].find(' ');
        if (sp == std::string::npos || !core::IsSupportedCurrency(r[4].substr(sp + 1))) {
            return core::Error::Invalid("price_from is '<amount> <UZS|RUB>'");
        }
        BY_ASSIGN(row.price_from, ParseHundredths(r[4].substr(0, sp)));
        row.price_currency = r[4].substr(sp + 1);
    }
    row.scheme = r[5];
    row.as_of = r[6];
    row.source = r[7];
    row.note = r[8];
    return row;
}

}  // namespace

std::string_view RateNameText(RateName r) {
    switch (r) {
        case RateName::kCommission: return "commission";
        case RateName::kLogistics: return "logistics";
        case RateName::kAcquiring: return "acquiring";
        case RateName::kTax: return "tax";
    }
    return "commission";
}

std::optional<RateName> ParseRateName(std::string_view s) {
    for (RateName r : kAllRates) {
        if (RateNameText(r) == s) return r;
    }
    return std::nullopt;
}

core::Result<FeeTable> FeeTable::Parse(core::Marketplace m, std::string_view csv) {
    BY_ASSIGN(auto records, ParseCsv(csv));
    if (records.empty() || records[0].size() != std::size(kHeader) ||
        !std::equal(records[0].begin(), records[0].end(), std::begin(kHeader))) {
        return core::Error::Invalid("fee table header must be: category,rate,value,unit,price_from,scheme,as_of,source,note");
    }
    FeeTable t;
    for (size_t i = 1; i < records.size(); ++i) {
        std::string where = std::string(core::MarketplaceName(m)) + ".csv line " + std::to_string(i + 1);
        if (records[i].size() != std::size(kHeader)) return core::Error::Invalid(where + ": wrong number of fields");
        auto row = RowFrom(m, records[i]);
        if (!row.ok()) return core::Error::Invalid(where + ": " + row.error().message);
        t.rows_.push_back(std::move(*row));
    }
    return t;
}

const FeeTable& FeeTable::Builtin() {
    static const FeeTable table = [] {
        FeeTable all;
        for (const auto& f : EmbeddedFeeFiles()) {
            auto m = core::ParseMarketplace(f.marketplace);
            auto t = m ? Parse(*m, f.csv) : core::Result<FeeTable>(core::Error::Invalid("unknown marketplace file"));
            // The files are checked by fee_table_test at build time; a broken one leaves its rates unknown.
            if (t.ok()) all.Append(*t);
        }
        return all;
    }();
    return table;
}

void FeeTable::Append(const FeeTable& other) { rows_.insert(rows_.end(), other.rows_.begin(), other.rows_.end()); }

core::Result<const FeeRow*> FeeTable::Find(core::Marketplace m, const std::string& category, RateName rate,
                                           const core::Money& price, const FxRate& fx) const {
    BY_ASSIGN(Wide price_x, ToExact(price.amount, price.currency, price.currency, fx));
    for (const std::string& cat : {category, std::string("*")}) {
        const FeeRow* best = nullptr;
        Wide best_from = -1;
        for (const FeeRow& r : rows_) {
            if (r.marketplace != m || r.rate != rate || r.category != cat) continue;
            Wide from = 0;
            if (r.price_from != 0) {
                BY_ASSIGN(from, ToExact(r.price_from, r.price_currency, price.currency, fx));
            }
            if (from <= price_x && from > best_from) {
                best = &r;
                best_from = from;
            }
        }
        if (best != nullptr) return best;
    }
    return static_cast<const FeeRow*>(nullptr);
}

}  // namespace by::economics
