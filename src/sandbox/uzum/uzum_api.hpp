// The Uzum Market seller OpenAPI imitation: the token in "Authorization: <token>" with no Bearer
// prefix, shop ownership, X-RateLimit-* headers on every 200 (Spring-gateway style token bucket:
// replenish 2/s, burst 5, and a daily quota) and a bare 429 over the limit, the product list of a shop
// (products come from the cabinet imitation), prices, FBS stocks and FBS orders.
// Stateless apart from the Context (see MarketplaceApi for threading).
#pragma once

#include <string>

#include "sandbox/common/context.hpp"
#include "sandbox/common/marketplace_api.hpp"

namespace by::sandbox::uzum {

inline constexpr const char* kUzumBasePath = "/api/seller-openapi";
inline constexpr BucketSpec kUzumLimit{5, 500};             // replenish 2 tokens/s, burst capacity 5
inline constexpr WindowSpec kUzumDailyLimit{100000, 86400000};  // per token per day (sandbox figure)

class UzumApi final : public MarketplaceApi {
  public:
    explicit UzumApi(Context& ctx) : ctx_(ctx) {}
    std::string name() const override { return "uzum"; }
    void Register(api::Router& router) override;
    api::HttpResponse ServerError() const override;
    api::HttpResponse OverLimit(const api::HttpRequest& req) const override;
    core::Result<nlohmann::json> CreateTestOrders(const nlohmann::json& body) override;

  private:
    const SellerAccount* Admit(const api::HttpRequest& req, api::HttpResponse* out, LimitDecision* bucket,
                               LimitDecision* daily) const;
    void RateHeaders(api::HttpResponse& resp, const LimitDecision& bucket, const LimitDecision& daily) const;

    api::HttpResponse Shops(api::HttpRequest& req);
    api::HttpResponse Products(api::HttpRequest& req);
    api::HttpResponse SendPrices(api::HttpRequest& req);
    api::HttpResponse GetStocks(api::HttpRequest& req);
    api::HttpResponse PutStocks(api::HttpRequest& req);
    api::HttpResponse Orders(api::HttpRequest& req);

    Context& ctx_;
};

// GenericResponseObject: {"errors": [{"code", "message"}], "timestamp", "error"} (no payload).
nlohmann::json UzumErrorBody(const std::string& code, const std::string& message, const std::string& error,
                             int64_t now_ms);

}  // namespace by::sandbox::uzum
