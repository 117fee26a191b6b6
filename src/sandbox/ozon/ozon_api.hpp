// The Ozon Seller API imitation: two auth headers (Client-Id + Api-Key), 50 requests/s per Client-Id,
// Ozon's error body {code, message, details}, category tree/attributes/dictionaries, product import as
// an asynchronous task (task_id; items pending -> imported | failed | skipped with per-item errors),
// pictures by URL, prices, FBS stocks with the per-pair 30 s rule, and FBS postings.
// Stateless apart from the Context (see MarketplaceApi for threading).
#pragma once

#include <string>

#include "sandbox/common/context.hpp"
#include "sandbox/common/marketplace_api.hpp"

namespace by::sandbox::ozon {

inline constexpr BucketSpec kGlobalLimit{50, 20};     // 50 requests per second per Client-Id
inline constexpr WindowSpec kStocksLimit{80, 60000};  // /v2/products/stocks: 80 per minute per seller
inline constexpr int64_t kStockPairIntervalMs = 30000;  // one update per (product, warehouse) per 30 s

class OzonApi final : public MarketplaceApi {
  public:
    explicit OzonApi(Context& ctx) : ctx_(ctx) {}
    std::string name() const override { return "ozon"; }
    void Register(api::Router& router) override;
    api::HttpResponse ServerError() const override;
    api::HttpResponse OverLimit(const api::HttpRequest& req) const override;
    core::Result<nlohmann::json> CreateTestOrders(const nlohmann::json& body) override;

  private:
    const SellerAccount* Admit(const api::HttpRequest& req, api::HttpResponse* out) const;

    // ozon_api.cpp: account, catalog.
    api::HttpResponse Roles(api::HttpRequest& req);
    api::HttpResponse Warehouses(api::HttpRequest& req);
    api::HttpResponse Tree(api::HttpRequest& req);
    api::HttpResponse Attributes(api::HttpRequest& req);
    api::HttpResponse AttributeValues(api::HttpRequest& req);
    // ozon_products.cpp: import and read-back.
    api::HttpResponse Import(api::HttpRequest& req);
    api::HttpResponse ImportInfo(api::HttpRequest& req);
    api::HttpResponse InfoList(api::HttpRequest& req);
    api::HttpResponse ProductList(api::HttpRequest& req);
    api::HttpResponse PicturesImport(api::HttpRequest& req);
    // ozon_market.cpp: prices, stocks, postings.
    api::HttpResponse Prices(api::HttpRequest& req);
    api::HttpResponse Stocks(api::HttpRequest& req);
    api::HttpResponse Postings(api::HttpRequest& req);

    Context& ctx_;
};

// {code, message, details: []} with the HTTP status (gRPC-style codes: 3 invalid, 5 not found,
// 7 permission denied, 8 exhausted, 13 internal, 16 unauthenticated).
api::HttpResponse OzonError(int status, int code, const std::string& message);
std::string SellerKey(const SellerAccount& s, const std::string& rest);
// Product states the product and stock calls share.
bool ProductIsReady(const nlohmann::json& product, int64_t now_ms);

}  // namespace by::sandbox::ozon
