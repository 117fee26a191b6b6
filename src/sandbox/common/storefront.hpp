// The marketplaces' public storefronts, where anyone (a competitor watcher included) reads a card's
// current price without seller credentials, serving the sandbox's competitor cards (common/competitors.*)
// at the sandbox's scaled time. One marketplace per port, in that storefront's own public shape:
//   wildberries  GET /cards/v2/detail?nm=<id>[;<id>...]   card.wb.ru JSON, prices in kopecks
//   uzum         GET /api/v2/product/<id>                 api.uzum.uz JSON, prices in sums
//   ozon         GET /product/<id>/                       HTML page with schema.org Product JSON-LD
//   yandex       GET /product/<id>                        HTML page with schema.org Product JSON-LD
// An unknown id answers as the storefront would: WB an empty product list, the others 404.
// No credentials, limits or faults beyond the server's own. Thread-safety: stateless handlers.
#pragma once

#include <string>

#include "api/router.hpp"
#include "sandbox/common/context.hpp"

namespace by::sandbox {

void RegisterStorefront(api::Router& router, const Context& ctx, const std::string& marketplace);

}  // namespace by::sandbox
