// Uzum Market seller OpenAPI (shared/marketplace-api/uzum/seller-openapi.json): the calls the adapter makes,
// as pure request builders and answer parsers (unit-tested for their exact shapes), and UzumApi, which sends
// them with the marketplace's rate-limit handling.
//
// Auth: "Authorization: <token>" with no Bearer prefix. Prices are integer UZS (1..999,999,000).
// Rate limits: every answer's X-RateLimit-* headers are read. A 429 becomes Error::RateLimited with
// retry_after_ms from Retry-After, else from X-RateLimit-Replenish-Rate (1 s when neither is there). When
// an answer says the per-second bucket is empty (X-RateLimit-Remaining: 0) the next call for that shop waits
// one replenish interval first; an exhausted daily budget (X-RateLimit-Remaining-Per-Day: 0) refuses calls
// locally for an hour (Uzum documents no reset time: UNCONFIRMED). Waits up to max_inline_rate_wait_ms happen
// inside the call, longer ones are returned as RateLimited.
// Errors never contain the token; upstream bodies go to Error::context only, truncated.
// Thread-safety: the builders and parsers are pure; UzumApi is safe from many threads (state under a mutex).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "net/http_client.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "marketplaces/uzum/uzum_config.hpp"

namespace by::marketplaces::uzum {

using net::HttpRequest;
using net::HttpResponse;

struct RateLimitInfo {
    std::optional<int64_t> remaining;            // X-RateLimit-Remaining (this second)
    std::optional<double> replenish_rate;        // X-RateLimit-Replenish-Rate (tokens per second)
    std::optional<int64_t> burst_capacity;       // X-RateLimit-Burst-Capacity
    std::optional<int64_t> requested_tokens;     // X-RateLimit-Requested-Tokens
    std::optional<int64_t> limit_per_day;        // X-RateLimit-Limit-Per-Day
    std::optional<int64_t> remaining_per_day;    // X-RateLimit-Remaining-Per-Day
    std::optional<int64_t> retry_after_ms;       // Retry-After (seconds on the wire)
};
RateLimitInfo ParseRateLimit(const HttpResponse& response);

struct Shop {
    int64_t id = 0;
    std::string name;
};

struct Sku {
    int64_t sku_id = 0;
    std::string article;      // the seller's article = our SKU
    std::string barcode;
    int64_t price = 0;        // UZS
    std::string title;
};

struct Product {
    int64_t product_id = 0;
    std::string title;
    std::string status;             // status.value, e.g. "IN_STOCK", "ON_MODERATION", "BLOCKED"
    std::string moderation_status;  // moderationStatus.value
    std::string status_text;        // status/moderationStatus title or description, for rejection reasons
    std::vector<Sku> skus;
};

struct ProductPage {
    std::vector<Product> products;
    int64_t total = 0;  // totalProductsAmount
};

struct Order {
    int64_t id = 0;
    std::string status;
    int64_t created_at_ms = 0;
    struct Item {
        std::string article;  // our SKU when the item names it
        int64_t sku_id = 0;
        int64_t product_id = 0;
        int64_t quantity = 0;
    };
    std::vector<Item> items;
};

struct OrderPage {
    std::vector<Order> orders;
    int64_t total = 0;
};

struct StockItem {
    int64_t sku_id = 0;
    std::string barcode;  // required by Uzum
    int64_t amount = 0;
};

// ---- request builders (token passed as a view; the request holds a copy the caller wipes) ----
HttpRequest ShopsRequest(const UzumConfig& config, std::string_view token);
HttpRequest ProductsRequest(const UzumConfig& config, std::string_view token, int64_t shop_id,
                            std::string_view search, int page, int size);
HttpRequest PriceRequest(const UzumConfig& config, std::string_view token, int64_t shop_id, int64_t product_id,
                         int64_t sku_id, int64_t price_uzs);
HttpRequest StockRequest(const UzumConfig& config, std::string_view token, const std::vector<StockItem>& items);
// dateFrom is Unix seconds (Uzum's order filters take seconds, answers carry milliseconds).
HttpRequest OrdersRequest(const UzumConfig& config, std::string_view token, int64_t shop_id,
                          std::string_view status, int64_t date_from_s, int page, int size);

// ---- answer parsers ----
core::Result<std::vector<Shop>> ParseShops(std::string_view body);
core::Result<ProductPage> ParseProducts(std::string_view body);
core::Result<OrderPage> ParseOrders(std::string_view body);
// Non-2xx → typed error: 401 Unauthenticated, 403 Forbidden, 404 NotFound, 429 RateLimited, 400/422
// Invalid/Unprocessable with Uzum's errors[].message, 5xx Unavailable.
core::Error ErrorFromResponse(const HttpResponse& response);

// Looks up the SKU whose article equals `sku` in a page (nullptr when absent).
const Sku* FindSku(const ProductPage& page, std::string_view sku, const Product** product = nullptr);

// Uzum counts requests per API token (its X-RateLimit headers answer for the token): the bucket key of a
// token, "token:<first 16 hex of its SHA-256>", never the token itself.
std::string BucketKey(std::string_view token);

class UzumApi {
  public:
    using Sleeper = std::function<void(int64_t ms)>;
    // `sleeper` defaults to a real sleep; tests pass a recorder.
    UzumApi(UzumConfig config, net::HttpClient& http, const core::Clock& clock, Sleeper sleeper = {});
    // Takes a token from `limiter` (app/ wires the one shared by every process) before each request, at the
    // rate Uzum's last X-RateLimit headers gave (UzumConfig's until then), and blocks it on a 429, so several
    // processes calling for one shop stay inside its bucket. Without one, only the headers pace the calls.
    void SetLimiter(RateLimiter* limiter) { limiter_ = limiter; }

    // Sends `request` under `bucket_key` (BucketKey of its token) with the rate-limit rules above. A 2xx
    // answer is returned; anything else becomes the typed error. The body is wiped after (~HttpRequest wipes the token).
    core::Result<HttpResponse> Send(const std::string& bucket_key, HttpRequest request);

    core::Result<std::vector<Shop>> Shops(std::string_view token);
    core::Result<ProductPage> Products(std::string_view token, int64_t shop_id, std::string_view search, int page,
                                       int size);
    // Finds our SKU through the product list (searchQuery first, then paging); nullopt when absent.
    struct Found {
        Product product;
        Sku sku;
    };
    core::Result<std::optional<Found>> FindBySku(std::string_view token, int64_t shop_id, std::string_view sku);
    core::Result<std::optional<Product>> FindByProductId(std::string_view token, int64_t shop_id,
                                                         int64_t product_id);
    core::Status SendPrice(std::string_view token, int64_t shop_id, int64_t product_id, int64_t sku_id,
                           int64_t price_uzs);
    core::Status UpdateStocks(std::string_view token, int64_t shop_id, const std::vector<StockItem>& items);
    core::Result<OrderPage> Orders(std::string_view token, int64_t shop_id, std::string_view status,
                                   int64_t date_from_s, int page, int size);

    const UzumConfig& config() const { return config_; }
    // The last rate-limit headers seen for a shop (for metrics and tests).
    std::optional<RateLimitInfo> LastRateLimit(const std::string& bucket_key) const;

  private:
    struct Bucket {
        int64_t not_before_ms = 0;  // monotonic
        RateLimitInfo last;
        bool seen = false;
    };

    LimitKey KeyFor(const std::string& bucket_key) const;
    // 0 once a token is taken (waiting inline up to max_inline_rate_wait_ms), else the wait to report.
    int64_t TakeToken(const LimitKey& key);

    UzumConfig config_;
    net::HttpClient& http_;
    const core::Clock& clock_;
    Sleeper sleeper_;
    RateLimiter* limiter_ = nullptr;
    mutable std::mutex mu_;
    std::map<std::string, Bucket> buckets_;  // guarded by mu_
};

}  // namespace by::marketplaces::uzum
