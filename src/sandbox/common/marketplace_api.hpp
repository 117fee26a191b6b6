// The seam between the generic sandbox server (faults, test hooks, counters) and one marketplace
// imitation. An implementation registers its routes on a Router and knows its own answers for a
// server fault and for an over-limit call. Implementations are called from many request threads at
// once and keep their state in the Context's Store, so they hold no mutable members of their own.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "api/http.hpp"
#include "api/router.hpp"
#include "core/error.hpp"

namespace by::sandbox {

class MarketplaceApi {
  public:
    virtual ~MarketplaceApi() = default;
    // "wildberries", "ozon", "yandex" or "uzum": the store namespace and the fault target.
    virtual std::string name() const = 0;
    virtual void Register(api::Router& router) = 0;
    // The marketplace's own 500 answer (used by the 5xx fault and on storage failures).
    virtual api::HttpResponse ServerError() const = 0;
    // The marketplace's own over-limit answer (used by the forced over-limit fault).
    virtual api::HttpResponse OverLimit(const api::HttpRequest& req) const = 0;
    // POST /__sandbox/orders: creates test orders, e.g. {"seller": "seller1", "sku": "ART-1", "quantity": 2}.
    virtual core::Result<nlohmann::json> CreateTestOrders(const nlohmann::json& body) = 0;
};

}  // namespace by::sandbox
