// The Wildberries adapter (ARCHITECTURE §5a): cards through the content API, prices through the
// discounts-prices API, warehouses, stocks and FBS orders through the marketplace API. Credentials:
// FieldMap {token} (kind api_token), sent as "Authorization: <token>".
//
// Calls made:
//   Verify       GET  content /ping
//   Publish      POST content /content/v2/get/cards/list (SKU index, incremental), GET /content/v2/object/all
//                (subject by name, cached), GET /content/v2/object/charcs/{subjectId} and
//                /content/v2/directory/{colors,countries,kinds} (cached), POST /content/v2/cards/upload (new,
//                <= 100 per request), POST /content/v2/cards/update (existing), POST /content/v3/media/save and
//                POST prices /api/v2/upload/task (existing cards)
//   Poll         POST /content/v2/get/cards/list, POST /content/v2/cards/error/list, POST /content/v3/media/save
//                (once per new card, when it appears), live when the card shows its photos
//   UpdatePrice  POST prices /api/v2/upload/task
//   UpdateStock  GET marketplace /api/v3/warehouses (cached), PUT /api/v3/stocks/{warehouseId}
//   ListOrders   GET marketplace /api/v3/orders (paged), POST /api/v3/orders/status (best effort)
// Limits (per token): content 100/min burst 5; cards upload, update and error/list 10/min burst 5 each;
// prices 10 per 6 s burst 5; marketplace 300/min burst 20; ping 3 per 30 s.
// Thread-safety: safe from many threads (caches and indexes under mutexes).
#pragma once

#include "core/clock.hpp"
#include "marketplaces/adapter.hpp"
#include "marketplaces/common/adapter_config.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "net/http_client.hpp"
#include "net/retry.hpp"

namespace by::marketplaces {

// `http`, `limiter`, `clock` and `sleeper` must outlive the adapter; `cfg` is copied.
AdapterPtr MakeWildberriesAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                                  const core::Clock& clock, net::Sleeper& sleeper = net::DefaultSleeper());

}  // namespace by::marketplaces
