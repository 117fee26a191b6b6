#include "competitors/price_reader.hpp"

#include <algorithm>
#include <cstdlib>

namespace by::competitors {

core::Status CheckCardId(const std::string& card_id) {
    bool digits = !card_id.empty() && card_id.size() <= 20 &&
                  std::all_of(card_id.begin(), card_id.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return core::Error::Unprocessable("card_id must be the card's number on the marketplace (1-20 digits)", "card_id");
    return core::Ok();
}

std::string StorefrontReader::UrlFor(core::Marketplace marketplace, const std::string& card_id) const {
    switch (marketplace) {
        case core::Marketplace::kWildberries:
            // The parameters the site itself sends; dest picks the delivery region (Moscow).
            return urls_.wildberries + "/cards/v2/detail?appType=1&curr=rub&dest=-1257786&nm=" + card_id;
        case core::Marketplace::kUzum: return urls_.uzum + "/api/v2/product/" + card_id;
        case core::Marketplace::kOzon: return urls_.ozon + "/product/" + card_id + "/";
        case core::Marketplace::kYandex: return urls_.yandex + "/product/" + card_id;
    }
    return {};
}

core::Result<PriceRead> StorefrontReader::Read(core::Marketplace marketplace, const std::string& card_id) {
    BY_TRY(CheckCardId(card_id));
    net::HttpRequest req;
    req.url = UrlFor(marketplace, card_id);
    req.timeout_ms = timeout_ms_;
    // One try per read: the scheduler reads again next interval, so a slow storefront costs one call.
    req.retry.max_attempts = 1;
    bool json = marketplace == core::Marketplace::kWildberries || marketplace == core::Marketplace::kUzum;
    req.headers = {{"Accept", json ? "application/json" : "text/html"}, {"User-Agent", "BiznesYordam-price-watch/1"}};
    BY_ASSIGN(auto res, http_.Send(req));
    std::string mp(core::MarketplaceName(marketplace));
    if (res.status == 404) return core::Error::NotFound(mp + " has no card " + card_id);
    if (res.status == 429) {
        int64_t after = 0;
        if (auto h = res.Header("Retry-After")) after = std::atoll(std::string(*h).c_str()) * 1000;
        return core::Error::RateLimited(after, mp + " storefront: too many requests");
    }
    if (res.status >= 500) return core::Error::Unavailable(mp + " storefront answered " + std::to_string(res.status));
    if (res.status != 200) {
        return core::Error::Unprocessable(mp + " storefront answered " + std::to_string(res.status));
    }
    switch (marketplace) {
        case core::Marketplace::kWildberries: return ParseWildberriesCard(res.body, card_id);
        case core::Marketplace::kUzum: return ParseUzumProduct(res.body);
        default: return ParseProductJsonLd(res.body);
    }
}

}  // namespace by::competitors
