// Configuration of the Wildberries, Ozon and Yandex Market adapters (sections [marketplaces.*] of the
// config file; app/ fills it). Defaults point at the real seller APIs; for the sandbox every base URL is
// the loopback port of that marketplace's imitation (WB: all four hosts -> http://127.0.0.1:18082).
// Base URLs carry no trailing slash. A plain value; copy freely.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/domain.hpp"
#include "net/http_client.hpp"

namespace by::marketplaces {

struct WildberriesConfig {
    std::string content_url = "https://content-api.wildberries.ru";             // categories, cards, media
    std::string prices_url = "https://discounts-prices-api.wildberries.ru";     // prices
    std::string marketplace_url = "https://marketplace-api.wildberries.ru";     // warehouses, stocks, orders
    std::string currency = "RUB";      // prices go as whole units of this currency (WB takes integers)
    int64_t warehouse_id = 0;          // seller warehouse for stocks; 0 = the first from /api/v3/warehouses
    int error_list_pages = 3;          // cards/error/list pages read per Poll (newest first, 100 batches each)
    // A Poll within this long of the last error list read for the same token reuses it: the list is
    // allowed 10 calls a minute per seller, and every card of a seller under moderation polls.
    int64_t error_list_reuse_ms = 6000;
    int64_t resubmit_guard_ms = 15 * 60 * 1000;  // a vendorCode uploaded this recently is not uploaded again
    std::string storefront_url = "https://www.wildberries.ru/catalog/{nmID}/detail.aspx";
};

struct OzonConfig {
    std::string base_url = "https://api-seller.ozon.ru";
    std::string currency = "RUB";      // must equal the cabinet's currency (currency_code)
    std::string vat = "0";             // "0", "0.05", "0.07", "0.1", "0.2"
    std::string language = "RU";       // attribute names and dictionary values
    int64_t warehouse_id = 0;          // FBS warehouse for stocks; 0 = the first from /v1/warehouse/list
    std::string storefront_url = "https://www.ozon.ru/context/detail/id/{sku}";
};

struct YandexConfig {
    std::string base_url = "https://api.partner.market.yandex.ru";
    std::string currency = "RUR";      // Yandex CurrencyType: RUR, UZS, ...
    std::string tier = "none";         // x-resource-limit-config tier: "none" or "medium"
    bool uzbek_catalog = true;         // also send the Uzbek name/description (language=UZ) when content has them
    std::string storefront_url = "https://market.yandex.ru/product/{marketSku}";
};

struct AdapterConfig {
    WildberriesConfig wildberries;
    OzonConfig ozon;
    YandexConfig yandex;

    int64_t timeout_ms = 30000;          // per attempt
    int64_t connect_timeout_ms = 5000;
    net::RetryPolicy retry;              // transient faults; over-limit waits within its budget
    // A local rate-limit wait up to this long happens inside the call; a longer one returns
    // Error::RateLimited(wait) for the queue to reschedule. 6.5 s covers one WB card-write interval.
    int64_t max_inline_wait_ms = 6500;
    int64_t catalog_ttl_ms = 6ll * 3600 * 1000;   // categories, characteristics, dictionaries
    int64_t lookup_ttl_ms = 10ll * 60 * 1000;      // warehouses, SKU -> marketplace id indexes
    // Category map source: our category key -> {id, type_id?, name} for this marketplace, consulted when
    // the item carries no category id. Empty: the item's own category (and content.marketplace_category)
    // and, failing an id, a lookup by name in the marketplace's category tree.
    std::function<std::optional<nlohmann::json>(core::Marketplace, const std::string& our_category)> category_map;
};

}  // namespace by::marketplaces
