// The Ozon adapter (ARCHITECTURE §5a), against https://api-seller.ozon.ru. Credentials: FieldMap
// {client_id, api_key} (kind client_key), sent as "Client-Id" and "Api-Key".
//
// Calls made:
//   Verify       POST /v1/roles
//   Publish      POST /v1/description-category/tree (category by name, cached), /v1/description-category/attribute
//                and /attribute/values (cached), POST /v3/product/list (look up by offer_id: created vs
//                updated), POST /v3/product/import (<= 100 items per request; creates or updates by offer_id)
//   Poll         POST /v1/product/import/info (one per task), POST /v3/product/info/list (moderation state)
//   UpdatePrice  POST /v1/product/import/prices
//   UpdateStock  POST /v1/warehouse/list (cached), /v3/product/list (product_id when unknown), /v2/products/stocks
//   ListOrders   POST /v3/posting/fbs/list (paged)
// Limits (per Client-Id): 50 requests/s over all methods; stocks 80/min; a product's price 10 changes/hour.
// "You have reached request rate limit per second" (or a 429) is Error::RateLimited.
// Thread-safety: safe from many threads.
#pragma once

#include "core/clock.hpp"
#include "marketplaces/adapter.hpp"
#include "marketplaces/common/adapter_config.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "net/http_client.hpp"
#include "net/retry.hpp"

namespace by::marketplaces {

// `http`, `limiter`, `clock` and `sleeper` must outlive the adapter; `cfg` is copied.
AdapterPtr MakeOzonAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                           const core::Clock& clock, net::Sleeper& sleeper = net::DefaultSleeper());

}  // namespace by::marketplaces
