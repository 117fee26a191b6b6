// The Wildberries seller API imitation. One port serves the paths of every WB host group the product
// uses (content-api: categories, cards, media; discounts-prices-api: prices; marketplace-api:
// warehouses, stocks, FBS orders; /ping for each), with WB's auth (Authorization: <token>), its
// 401/429 bodies, its per-group token buckets and its asynchronous card creation: cards/upload answers
// 200 at once, failures show up in cards/error/list and created cards in get/cards/list after the
// processing delay. Stateless apart from the Context (see MarketplaceApi for threading).
#pragma once

#include <optional>
#include <string>

#include "sandbox/common/context.hpp"
#include "sandbox/common/marketplace_api.hpp"

namespace by::sandbox::wb {

// Limit groups (per seller token): {burst, interval}.
inline constexpr BucketSpec kPingLimit{3, 10000};         // 3 per 30 s
inline constexpr BucketSpec kContentLimit{5, 600};        // 100/min, burst 5
inline constexpr BucketSpec kCardWriteLimit{5, 6000};     // 10/min, burst 5 (upload, update, error/list each)
inline constexpr BucketSpec kPricesLimit{5, 600};         // 10 per 6 s, burst 5
inline constexpr BucketSpec kMarketplaceLimit{20, 200};   // 300/min, burst 20

class WbApi final : public MarketplaceApi {
  public:
    explicit WbApi(Context& ctx) : ctx_(ctx) {}
    std::string name() const override { return "wildberries"; }
    void Register(api::Router& router) override;
    api::HttpResponse ServerError() const override;
    api::HttpResponse OverLimit(const api::HttpRequest& req) const override;
    core::Result<nlohmann::json> CreateTestOrders(const nlohmann::json& body) override;

  private:
    // Checks the token and the limit of `group`; on failure fills `out` with WB's answer.
    const SellerAccount* Admit(const api::HttpRequest& req, const char* group, const BucketSpec& spec,
                               const char* origin, api::HttpResponse* out) const;

    // Content: catalog (wb_api.cpp).
    api::HttpResponse Ping(api::HttpRequest& req);
    api::HttpResponse SellerInfo(api::HttpRequest& req);
    api::HttpResponse Parents(api::HttpRequest& req);
    api::HttpResponse Subjects(api::HttpRequest& req);
    api::HttpResponse Charcs(api::HttpRequest& req);
    api::HttpResponse Colors(api::HttpRequest& req);
    api::HttpResponse Countries(api::HttpRequest& req);
    api::HttpResponse Kinds(api::HttpRequest& req);
    api::HttpResponse Limits(api::HttpRequest& req);
    // Content: cards and media (wb_cards.cpp).
    api::HttpResponse Upload(api::HttpRequest& req);
    api::HttpResponse Update(api::HttpRequest& req);
    api::HttpResponse CardsList(api::HttpRequest& req);
    api::HttpResponse ErrorList(api::HttpRequest& req);
    api::HttpResponse MediaSave(api::HttpRequest& req);
    // Prices, warehouses, stocks, orders (wb_market.cpp).
    api::HttpResponse UploadPrices(api::HttpRequest& req);
    api::HttpResponse GoodsFilter(api::HttpRequest& req);
    api::HttpResponse Warehouses(api::HttpRequest& req);
    api::HttpResponse PutStocks(api::HttpRequest& req);
    api::HttpResponse GetStocks(api::HttpRequest& req);
    api::HttpResponse NewOrders(api::HttpRequest& req);
    api::HttpResponse Orders(api::HttpRequest& req);
    api::HttpResponse OrderStatuses(api::HttpRequest& req);

    Context& ctx_;
};

// WB's gateway error body: {title, detail, code, requestId, origin, status, statusText, timestamp}.
api::HttpResponse GatewayError(int status, const std::string& title, const std::string& detail,
                               const std::string& origin, int64_t now_ms);
// Content API body: {data: null, error: true, errorText, additionalErrors}.
api::HttpResponse ContentError(int status, const std::string& text, nlohmann::json additional = nlohmann::json::object());
// Marketplace API body: {code, message}.
api::HttpResponse MarketError(int status, const std::string& code, const std::string& message);

// Store keys: every document of a seller starts with "<seller>/".
std::string SellerKey(const SellerAccount& s, const std::string& rest);

}  // namespace by::sandbox::wb
