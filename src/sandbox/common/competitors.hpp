// Competitor cards whose prices move over time, for price-watching features. The price of each card
// is a deterministic function of (sandbox) time: a slow sine around a base price, so two reads at the
// same time agree and a test can predict the value. Ids are numeric, as on the real storefronts (WB nm,
// Ozon SKU, Yandex Market product id, Uzum product id); common/storefront.* serves them in the public
// storefront shapes. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

namespace by::sandbox {

// {"marketplace", "now_ms", "competitors": [{"id", "title", "category_id", "seller", "currency",
//   "base_price", "price", "period_ms"}]}. `virtual_now_ms` is wall time multiplied by the time scale.
nlohmann::json CompetitorCards(std::string_view marketplace, int64_t virtual_now_ms);
// The price of one card at a moment (whole currency units).
int64_t CompetitorPrice(int64_t base_price, int64_t period_ms, double phase, double amplitude, int64_t virtual_now_ms);

}  // namespace by::sandbox
