// The Yandex Market adapter (ARCHITECTURE §5a), against https://api.partner.market.yandex.ru. Credentials:
// FieldMap {api_key, business_id, campaign_id} (kind api_key), the key sent as "Api-Key".
//
// Calls made:
//   Verify       GET  /v2/campaigns/{campaignId} (and checks it belongs to businessId)
//   Publish      POST /v2/categories/tree (category by name, cached), POST /v2/category/{id}/parameters (cached),
//                POST /v2/businesses/{businessId}/offer-mappings (look up by offerId: created vs updated),
//                POST .../offer-mappings/update (<= 100 offers; when Yandex refuses some, status ERROR applies none,
//                so the refused ones are rejected and the rest resent once), then .../offer-mappings/update
//                ?language=UZ with the Uzbek name and description when the content has them
//   Poll         POST .../offer-mappings (campaign status), POST .../offer-cards (reasons of rejected offers)
//   UpdatePrice  POST /v2/businesses/{businessId}/offer-prices/updates
//   UpdateStock  PUT  /v2/campaigns/{campaignId}/offers/stocks
//   ListOrders   POST /v1/businesses/{businessId}/orders (paged by pageToken)
// Limits: each path's x-resource-limit-config for the configured tier (items where the spec counts items);
// over-limit answers are HTTP 420.
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
AdapterPtr MakeYandexAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                             const core::Clock& clock, net::Sleeper& sleeper = net::DefaultSleeper());

}  // namespace by::marketplaces
