// Reading a price out of a marketplace's public storefront answer. Pure functions over the body text,
// so every shape (and every way it can be broken) is tested without a network. A body that does not
// have the expected shape is an Unprocessable error naming the missing or bad field; a card the
// storefront does not know is NotFound.
//   Wildberries  card.wb.ru /cards/v2/detail JSON: data.products[] (v4: products[]), the card's
//                lowest sizes[].price.product, in kopecks.
//   Uzum         api.uzum.uz /api/v2/product/<id> JSON: the lowest payload.data.skuList[].purchasePrice,
//                in sums.
//   Ozon, Yandex product pages: schema.org Product JSON-LD, offers.price (or AggregateOffer lowPrice)
//                with offers.priceCurrency.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace by::competitors {

struct PriceRead {
    int64_t amount = 0;     // minor units (kopecks, tiyin)
    std::string currency;   // ISO 4217: "RUB", "UZS"
    std::string title;      // the card's name as the storefront shows it ("" when absent)
};

core::Result<PriceRead> ParseWildberriesCard(std::string_view body, const std::string& card_id);
core::Result<PriceRead> ParseUzumProduct(std::string_view body);
core::Result<PriceRead> ParseProductJsonLd(std::string_view html);

// "18990", "18990.5", 18990.50 → minor units (two decimals; more digits are an error, never rounded).
core::Result<int64_t> DecimalToMinor(std::string_view text);

}  // namespace by::competitors
