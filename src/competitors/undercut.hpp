// Whether a competitor undercuts us: its latest price is below our product's price on that marketplace.
// Our price is converted into the competitor's currency the way the publisher prices a card for a
// cabinet in another currency (app/publish_service.cpp PriceIn: marketplaces.uzs_per_rub, minor units).
#pragma once

#include <optional>

#include "competitors/watch_list.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"

namespace by::competitors {

// `price` in `currency` (RUB/RUR and UZS; minor units). Unprocessable when it cannot be converted
// (another currency, or uzs_per_rub = 0).
core::Result<core::Money> ConvertPrice(const core::Money& price, const std::string& currency, double uzs_per_rub);

struct Comparison {
    std::optional<core::Money> our_price;  // ours in the competitor's currency; none before a read
    bool undercuts = false;
};

Comparison Compare(const CompetitorRow& competitor, const core::Money& our_price, double uzs_per_rub);

}  // namespace by::competitors
