// The Yandex Market Partner API imitation: Api-Key auth, businessId/campaignId ownership, the limits
// of each path's x-resource-limit-config (tier "none"; counted in requests or in items of the request)
// answered with HTTP 420 and ApiLimitErrorResponse, the category tree and parameters, the catalog
// (offer-mappings update/read/delete, offer-cards) with asynchronous moderation, prices, stocks and
// orders. Stateless apart from the Context (see MarketplaceApi for threading).
#pragma once

#include <string>

#include "sandbox/common/context.hpp"
#include "sandbox/common/marketplace_api.hpp"

namespace by::sandbox::yandex {

struct ResourceLimit {
    int64_t resource_id;  // x-resource-id
    WindowSpec window;    // amount per period
    const char* unit;     // "requests" or "items"
};

inline constexpr int64_t kHour = 3600000;
inline constexpr int64_t kMinute = 60000;
inline constexpr ResourceLimit kCampaignsLimit{1, {1000, kHour}, "requests"};
inline constexpr ResourceLimit kCampaignLimit{2, {5000, kHour}, "requests"};
inline constexpr ResourceLimit kTreeLimit{222, {50, kHour}, "requests"};
inline constexpr ResourceLimit kParamsLimit{197, {100, kMinute}, "requests"};
inline constexpr ResourceLimit kMappingsUpdateLimit{170, {5000, kMinute}, "items"};
inline constexpr ResourceLimit kMappingsLimit{169, {100, kMinute}, "requests"};
inline constexpr ResourceLimit kMappingsDeleteLimit{171, {5000, kMinute}, "items"};
inline constexpr ResourceLimit kCardsLimit{198, {100, kMinute}, "requests"};
inline constexpr ResourceLimit kPricesLimit{177, {10000, kMinute}, "items"};
inline constexpr ResourceLimit kStocksPutLimit{141, {100000, kMinute}, "items"};
inline constexpr ResourceLimit kStocksGetLimit{201, {100000, kMinute}, "items"};
inline constexpr ResourceLimit kBusinessOrdersLimit{283, {10000, kHour}, "requests"};
inline constexpr ResourceLimit kCampaignOrdersLimit{27, {10000, kHour}, "requests"};

class YandexApi final : public MarketplaceApi {
  public:
    explicit YandexApi(Context& ctx) : ctx_(ctx) {}
    std::string name() const override { return "yandex"; }
    void Register(api::Router& router) override;
    api::HttpResponse ServerError() const override;
    api::HttpResponse OverLimit(const api::HttpRequest& req) const override;
    core::Result<nlohmann::json> CreateTestOrders(const nlohmann::json& body) override;

  private:
    // Checks the Api-Key, then the businessId / campaignId path parameter when present, then the
    // limit (units = requests or items). On failure fills `out` and returns nullptr.
    const SellerAccount* Admit(const api::HttpRequest& req, const ResourceLimit& limit, int64_t units,
                               api::HttpResponse* out, LimitDecision* decision = nullptr) const;
    // Adds X-RateLimit-Resource-* headers to a response.
    void LimitHeaders(api::HttpResponse& resp, const LimitDecision& d) const;

    // yandex_api.cpp
    api::HttpResponse Campaigns(api::HttpRequest& req);
    api::HttpResponse Campaign(api::HttpRequest& req);
    api::HttpResponse CategoriesTree(api::HttpRequest& req);
    api::HttpResponse CategoryParameters(api::HttpRequest& req);
    // yandex_offers.cpp
    api::HttpResponse UpdateMappings(api::HttpRequest& req);
    api::HttpResponse GetMappings(api::HttpRequest& req);
    api::HttpResponse DeleteMappings(api::HttpRequest& req);
    api::HttpResponse OfferCards(api::HttpRequest& req);
    // yandex_market.cpp
    api::HttpResponse UpdatePrices(api::HttpRequest& req);
    api::HttpResponse PutStocks(api::HttpRequest& req);
    api::HttpResponse GetStocks(api::HttpRequest& req);
    api::HttpResponse BusinessOrders(api::HttpRequest& req);
    api::HttpResponse CampaignOrders(api::HttpRequest& req);

    Context& ctx_;
};

// {"status": "ERROR", "errors": [{"code", "message"}]}
api::HttpResponse YandexError(int status, const std::string& code, const std::string& message);
std::string SellerKey(const SellerAccount& s, const std::string& rest);
// Page tokens are opaque to clients: base64url of the next offset.
std::string PageToken(size_t offset);
std::optional<size_t> ParsePageToken(const std::string& token);

}  // namespace by::sandbox::yandex
