// Reads a competitor card's current price from its marketplace's public storefront (no seller
// credentials: these are the pages and JSON any buyer's browser loads). One GET per read over the
// project's HttpClient; the answer is parsed by storefront_parse.*.
// Thread-safety: Read may be called from many threads at once (the HttpClient is thread-safe).
#pragma once

#include <cstdint>
#include <string>

#include "competitors/storefront_parse.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"
#include "net/http_client.hpp"

namespace by::competitors {

// Storefront origins, without a trailing slash. Defaults: the real public hosts; under `run` the
// in-process sandbox's ports; [competitors] *_url in the config file override either.
struct StorefrontUrls {
    std::string wildberries = "https://card.wb.ru";
    std::string uzum = "https://api.uzum.uz";
    std::string ozon = "https://www.ozon.ru";
    std::string yandex = "https://market.yandex.ru";
};

// A competitor's card id as the storefront names it: 1..20 digits on every marketplace (WB nm, Uzum
// product id, Ozon SKU, Yandex Market product id). Unprocessable (field "card_id") otherwise.
core::Status CheckCardId(const std::string& card_id);

class PriceReader {
  public:
    virtual ~PriceReader() = default;
    // NotFound: the storefront has no such card; Unavailable/Timeout/RateLimited: try later;
    // Unprocessable: the answer had another shape (the message names the field).
    virtual core::Result<PriceRead> Read(core::Marketplace marketplace, const std::string& card_id) = 0;
};

class StorefrontReader final : public PriceReader {
  public:
    StorefrontReader(net::HttpClient& http, StorefrontUrls urls, int64_t timeout_ms = 15000)
        : http_(http), urls_(std::move(urls)), timeout_ms_(timeout_ms) {}
    core::Result<PriceRead> Read(core::Marketplace marketplace, const std::string& card_id) override;
    // The URL one read fetches (shown in logs and docs).
    std::string UrlFor(core::Marketplace marketplace, const std::string& card_id) const;

  private:
    net::HttpClient& http_;
    StorefrontUrls urls_;
    int64_t timeout_ms_;
};

}  // namespace by::competitors
