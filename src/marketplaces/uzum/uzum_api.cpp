#include "marketplaces/uzum/uzum_api.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

#include "core/encoding.hpp"
#include "core/secret.hpp"
#include "core/time.hpp"

namespace by::marketplaces::uzum {

using nlohmann::json;

namespace {

std::string UrlEncode(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

std::string Root(const UzumConfig& config) {
    std::string r = config.api_base_url;
    while (!r.empty() && r.back() == '/') {
        r.pop_back();
    }
    return r;
}

HttpRequest Base(const UzumConfig& config, std::string_view token, std::string method, std::string path) {
    HttpRequest r;
    r.method = std::move(method);
    r.url = Root(config) + path;
    r.timeout_ms = config.api_timeout_ms;
    r.headers.emplace_back("Authorization", std::string(token));  // Uzum: no "Bearer" prefix
    r.headers.emplace_back("Accept", "application/json");
    if (r.method != "GET") {
        r.headers.emplace_back("Content-Type", "application/json");
    }
    // Transient faults are retried inside the budget; an over-limit answer comes back to UzumApi, which
    // knows Uzum's headers and decides between waiting and RateLimited.
    r.retry.budget_ms = config.api_retry_budget_ms;
    r.retry.retry_rate_limited = false;
    return r;
}

std::string HeaderOf(const HttpResponse& r, std::string_view name) {
    auto v = r.Header(name);
    return v ? std::string(*v) : std::string();
}

std::optional<int64_t> IntHeader(const HttpResponse& r, std::string_view name) {
    std::string v = HeaderOf(r, name);
    if (v.empty()) {
        return std::nullopt;
    }
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (end == v.c_str()) {
        return std::nullopt;
    }
    return static_cast<int64_t>(n);
}

std::string Str(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return {};
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_number_integer()) {
        return std::to_string(it->get<int64_t>());
    }
    return it->dump();
}

int64_t Int(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end()) {
        return 0;
    }
    if (it->is_number()) {
        return it->get<int64_t>();
    }
    if (it->is_string()) {
        return std::strtoll(it->get<std::string>().c_str(), nullptr, 10);
    }
    return 0;
}

// Enum-like objects ({"value": ...}) or plain strings.
std::string ValueOf(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return {};
    }
    if (it->is_object()) {
        return Str(*it, "value");
    }
    return it->is_string() ? it->get<std::string>() : std::string();
}

// Uzum wraps some answers as {"payload": ..., "errors": [...]}; others are bare.
const json& Payload(const json& doc) {
    if (doc.is_object() && doc.contains("payload") && !doc["payload"].is_null()) {
        return doc["payload"];
    }
    return doc;
}

std::string Truncate(std::string_view s, size_t n = 300) { return std::string(s.substr(0, n)); }

}  // namespace

RateLimitInfo ParseRateLimit(const HttpResponse& r) {
    RateLimitInfo info;
    info.remaining = IntHeader(r, "X-RateLimit-Remaining");
    if (std::string v = HeaderOf(r, "X-RateLimit-Replenish-Rate"); !v.empty()) {
        double d = std::strtod(v.c_str(), nullptr);
        if (d > 0) {
            info.replenish_rate = d;
        }
    }
    info.burst_capacity = IntHeader(r, "X-RateLimit-Burst-Capacity");
    info.requested_tokens = IntHeader(r, "X-RateLimit-Requested-Tokens");
    info.limit_per_day = IntHeader(r, "X-RateLimit-Limit-Per-Day");
    info.remaining_per_day = IntHeader(r, "X-RateLimit-Remaining-Per-Day");
    if (auto s = IntHeader(r, "Retry-After"); s && *s >= 0) {
        info.retry_after_ms = *s * 1000;
    }
    return info;
}

HttpRequest ShopsRequest(const UzumConfig& config, std::string_view token) {
    return Base(config, token, "GET", "/v1/shops");
}

HttpRequest ProductsRequest(const UzumConfig& config, std::string_view token, int64_t shop_id,
                            std::string_view search, int page, int size) {
    std::string path = "/v1/product/shop/" + std::to_string(shop_id) + "?size=" + std::to_string(size) +
                       "&page=" + std::to_string(page);
    if (!search.empty()) {
        path += "&searchQuery=" + UrlEncode(search);
    }
    return Base(config, token, "GET", path);
}

HttpRequest PriceRequest(const UzumConfig& config, std::string_view token, int64_t shop_id, int64_t product_id,
                         int64_t sku_id, int64_t price_uzs) {
    HttpRequest r = Base(config, token, "POST", "/v1/product/" + std::to_string(shop_id) + "/sendPriceData");
    // The spec's SendPriceData: fullPrice is the price before discount, sellPrice what the buyer pays; we
    // publish one price, so both are equal.
    json body = {{"productId", product_id},
                 {"skuList", json::array({{{"skuId", sku_id}, {"fullPrice", price_uzs}, {"sellPrice", price_uzs}}})}};
    r.body = body.dump();
    return r;
}

HttpRequest StockRequest(const UzumConfig& config, std::string_view token, const std::vector<StockItem>& items) {
    HttpRequest r = Base(config, token, "POST", "/v2/fbs/sku/stocks");
    json list = json::array();
    for (const auto& it : items) {
        json e = {{"barcode", it.barcode}, {"amount", it.amount}};
        if (it.sku_id != 0) {
            e["skuId"] = it.sku_id;
        }
        list.push_back(std::move(e));
    }
    r.body = json{{"skuAmountList", list}}.dump();
    return r;
}

HttpRequest OrdersRequest(const UzumConfig& config, std::string_view token, int64_t shop_id,
                          std::string_view status, int64_t date_from_s, int page, int size) {
    std::string path = "/v2/fbs/orders?shopIds=" + std::to_string(shop_id) + "&page=" + std::to_string(page) +
                       "&size=" + std::to_string(size);
    if (!status.empty()) {
        path += "&status=" + UrlEncode(status);
    }
    if (date_from_s > 0) {
        path += "&dateFrom=" + std::to_string(date_from_s);
    }
    return Base(config, token, "GET", path);
}

core::Result<std::vector<Shop>> ParseShops(std::string_view body) {
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded()) {
        return core::Error::Unavailable("uzum: malformed shops answer");
    }
    const json& list = Payload(doc);
    if (!list.is_array()) {
        return core::Error::Unavailable("uzum: shops answer is not a list");
    }
    std::vector<Shop> shops;
    for (const auto& s : list) {
        if (s.is_object()) {
            shops.push_back(Shop{Int(s, "id"), Str(s, "name")});
        }
    }
    return shops;
}

core::Result<ProductPage> ParseProducts(std::string_view body) {
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return core::Error::Unavailable("uzum: malformed product list");
    }
    const json& p = Payload(doc);
    ProductPage page;
    page.total = Int(p, "totalProductsAmount");
    auto it = p.find("productList");
    if (it == p.end() || !it->is_array()) {
        return page;
    }
    for (const auto& pj : *it) {
        if (!pj.is_object()) {
            continue;
        }
        Product prod;
        prod.product_id = Int(pj, "productId");
        prod.title = Str(pj, "title");
        prod.status = ValueOf(pj, "status");
        prod.moderation_status = ValueOf(pj, "moderationStatus");
        for (const char* k : {"moderationStatus", "status"}) {
            if (auto st = pj.find(k); st != pj.end() && st->is_object() && prod.status_text.empty()) {
                prod.status_text = Str(*st, "description");
                if (prod.status_text.empty()) {
                    prod.status_text = Str(*st, "title");
                }
            }
        }
        if (auto sl = pj.find("skuList"); sl != pj.end() && sl->is_array()) {
            for (const auto& sj : *sl) {
                Sku sku;
                sku.sku_id = Int(sj, "skuId");
                sku.article = Str(sj, "article");
                if (sku.article.empty()) {
                    sku.article = Str(sj, "sellerItemCode");
                }
                sku.barcode = Str(sj, "barcode");
                sku.price = Int(sj, "price");
                sku.title = Str(sj, "skuTitle");
                prod.skus.push_back(std::move(sku));
            }
        }
        page.products.push_back(std::move(prod));
    }
    return page;
}

core::Result<OrderPage> ParseOrders(std::string_view body) {
    json doc = json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return core::Error::Unavailable("uzum: malformed order list");
    }
    const json& p = Payload(doc);
    OrderPage page;
    page.total = Int(p, "totalAmount");
    auto it = p.find("orders");
    if (it == p.end() || !it->is_array()) {
        return page;
    }
    for (const auto& oj : *it) {
        Order o;
        o.id = Int(oj, "id");
        o.status = Str(oj, "status");
        if (auto d = oj.find("dateCreated"); d != oj.end()) {
            if (d->is_number()) {
                o.created_at_ms = d->get<int64_t>();
            } else if (d->is_string()) {
                o.created_at_ms = core::ParseRfc3339(d->get<std::string>()).value_or(0);
            }
        }
        if (auto items = oj.find("orderItems"); items != oj.end() && items->is_array()) {
            for (const auto& ij : *items) {
                Order::Item item;
                item.article = Str(ij, "article");
                if (item.article.empty()) {
                    item.article = Str(ij, "sellerItemCode");
                }
                // Uzum's order items name the SKU's characteristic; when it is the article, that is our SKU.
                if (item.article.empty() && Str(ij, "skuCharTitle") == "Артикул") {
                    item.article = Str(ij, "skuCharValue");
                }
                item.sku_id = Int(ij, "skuId");
                item.product_id = Int(ij, "productId");
                item.quantity = ij.contains("amount") ? Int(ij, "amount") : Int(ij, "quantity");
                o.items.push_back(std::move(item));
            }
        }
        page.orders.push_back(std::move(o));
    }
    return page;
}

core::Error ErrorFromResponse(const HttpResponse& r) {
    std::string detail;
    json doc = json::parse(r.body, nullptr, false);
    if (!doc.is_discarded() && doc.is_object()) {
        if (auto errs = doc.find("errors"); errs != doc.end() && errs->is_array() && !errs->empty()) {
            const json& e0 = (*errs)[0];
            detail = Str(e0, "message");
            if (detail.empty()) {
                detail = Str(e0, "code");
            }
        } else if (doc.contains("message")) {
            detail = Str(doc, "message");
        } else if (doc.contains("error")) {
            detail = Str(doc, "error");
        }
    }
    if (detail.size() > 300) {
        detail.resize(300);
    }
    std::string context = "uzum HTTP " + std::to_string(r.status) + ": " + Truncate(r.body);
    core::Error e;
    switch (r.status) {
        case 401: e = core::Error::Unauthenticated("uzum: the API token was refused"); break;
        case 403: e = core::Error::Forbidden("uzum: the API token may not do this" + (detail.empty() ? "" : ": " + detail)); break;
        case 404: e = core::Error::NotFound("uzum: not found" + (detail.empty() ? "" : ": " + detail)); break;
        case 429: {
            RateLimitInfo info = ParseRateLimit(r);
            int64_t wait = 1000;
            if (info.retry_after_ms) {
                wait = std::max<int64_t>(1, *info.retry_after_ms);
            } else if (info.replenish_rate) {
                wait = static_cast<int64_t>(std::ceil(1000.0 / *info.replenish_rate));
            }
            e = core::Error::RateLimited(wait, "uzum: over the request limit");
            break;
        }
        case 400: e = core::Error::Invalid("uzum refused the request" + (detail.empty() ? "" : ": " + detail)); break;
        case 409:
        case 422: e = core::Error::Unprocessable("uzum refused the request" + (detail.empty() ? "" : ": " + detail)); break;
        default:
            if (r.status >= 500) {
                e = core::Error::Unavailable("uzum: server error " + std::to_string(r.status));
            } else {
                e = core::Error::Unprocessable("uzum answered " + std::to_string(r.status) +
                                               (detail.empty() ? "" : ": " + detail));
            }
    }
    e.context = std::move(context);
    return e;
}

const Sku* FindSku(const ProductPage& page, std::string_view sku, const Product** product) {
    for (const auto& p : page.products) {
        for (const auto& s : p.skus) {
            if (s.article == sku) {
                if (product != nullptr) {
                    *product = &p;
                }
                return &s;
            }
        }
    }
    return nullptr;
}

// ---- UzumApi ----

UzumApi::UzumApi(UzumConfig config, net::HttpClient& http, const core::Clock& clock, Sleeper sleeper)
    : config_(std::move(config)), http_(http), clock_(clock), sleeper_(std::move(sleeper)) {
    if (!sleeper_) {
        sleeper_ = [](int64_t ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    }
}

core::Result<HttpResponse> UzumApi::Send(const std::string& bucket_key, HttpRequest request) {
    struct Wiper {
        HttpRequest& r;
        ~Wiper() { core::WipeString(r.body); }  // ~HttpRequest wipes the Authorization value
    } wiper{request};
    for (int attempt = 0; attempt < 2; ++attempt) {
        int64_t wait = 0;
        {
            std::lock_guard lock(mu_);
            Bucket& b = buckets_[bucket_key];
            wait = b.not_before_ms - clock_.MonotonicMs();
        }
        if (wait > 0) {
            if (wait > config_.max_inline_rate_wait_ms) {
                return core::Error::RateLimited(wait, "uzum: request budget used up, try later");
            }
            sleeper_(wait);
        }
        LimitKey key = KeyFor(bucket_key);
        if (int64_t w = TakeToken(key); w > 0) {
            return core::Error::RateLimited(w, "uzum: request budget used up, try later");
        }
        auto res = http_.Send(request);
        if (!res.ok()) {
            return std::move(res).error();
        }
        RateLimitInfo info = ParseRateLimit(*res);
        int64_t now = clock_.MonotonicMs();
        int64_t blocked_for_ms = 0;  // a 429's wait, told to the shared limiter outside mu_ (it may be a network call)
        {
            std::lock_guard lock(mu_);
            Bucket& b = buckets_[bucket_key];
            b.last = info;
            b.seen = true;
            int64_t interval = info.replenish_rate ? static_cast<int64_t>(std::ceil(1000.0 / *info.replenish_rate))
                                                   : 1000;
            if (info.remaining_per_day && *info.remaining_per_day <= 0) {
                b.not_before_ms = now + 3600 * 1000;
            } else if (res->status == 429) {
                b.not_before_ms = now + (info.retry_after_ms ? *info.retry_after_ms : interval);
                blocked_for_ms = b.not_before_ms - now;
            } else if (info.remaining && *info.remaining <= 0) {
                b.not_before_ms = now + interval;
            } else {
                b.not_before_ms = 0;
            }
        }
        if (blocked_for_ms > 0 && limiter_ != nullptr) {
            limiter_->Block(key, clock_.NowMs() + blocked_for_ms);
        }
        if (res->status >= 200 && res->status < 300) {
            return std::move(res).value();
        }
        core::Error e = ErrorFromResponse(*res);
        if (e.code == core::ErrorCode::kRateLimited && attempt == 0 &&
            e.retry_after_ms <= config_.max_inline_rate_wait_ms) {
            continue;  // waited out at the top of the loop
        }
        return e;
    }
    return core::Error::RateLimited(1000, "uzum: over the request limit");
}

std::string BucketKey(std::string_view token) { return "token:" + core::Sha256Hex(token).substr(0, 16); }

LimitKey UzumApi::KeyFor(const std::string& bucket_key) const {
    double burst = config_.api_burst, per_second = config_.api_per_second;
    {
        std::lock_guard lock(mu_);
        auto it = buckets_.find(bucket_key);
        if (it != buckets_.end() && it->second.seen) {
            const RateLimitInfo& last = it->second.last;
            if (last.burst_capacity && *last.burst_capacity > 0) burst = double(*last.burst_capacity);
            if (last.replenish_rate && *last.replenish_rate > 0) per_second = *last.replenish_rate;
        }
    }
    return LimitKey{"uzum:" + bucket_key + ":api", RateSpec{burst, 1000.0 / std::max(0.001, per_second)}};
}

int64_t UzumApi::TakeToken(const LimitKey& key) {
    if (limiter_ == nullptr) {
        return 0;
    }
    int64_t waited = 0;
    while (true) {
        int64_t wait = limiter_->Acquire(key, 1);
        if (wait <= 0) {
            return 0;
        }
        if (waited + wait > config_.max_inline_rate_wait_ms) {
            return wait;
        }
        sleeper_(wait);
        waited += wait;
    }
}

core::Result<std::vector<Shop>> UzumApi::Shops(std::string_view token) {
    BY_ASSIGN(HttpResponse r, Send(BucketKey(token), ShopsRequest(config_, token)));
    return ParseShops(r.body);
}

core::Result<ProductPage> UzumApi::Products(std::string_view token, int64_t shop_id, std::string_view search,
                                            int page, int size) {
    BY_ASSIGN(HttpResponse r,
              Send(BucketKey(token), ProductsRequest(config_, token, shop_id, search, page, size)));
    return ParseProducts(r.body);
}

core::Result<std::optional<UzumApi::Found>> UzumApi::FindBySku(std::string_view token, int64_t shop_id,
                                                               std::string_view sku) {
    // searchQuery narrows the list on Uzum's side; matching is ours (article == SKU), so a search that
    // ignores articles still ends in paging through the whole list.
    for (std::string_view search : {sku, std::string_view()}) {
        for (int page = 0; page < config_.max_lookup_pages; ++page) {
            BY_ASSIGN(ProductPage p, Products(token, shop_id, search, page, config_.products_page_size));
            const Product* prod = nullptr;
            if (const Sku* s = FindSku(p, sku, &prod)) {
                return std::optional<Found>(Found{*prod, *s});
            }
            int64_t seen = static_cast<int64_t>(page + 1) * config_.products_page_size;
            if (p.products.size() < static_cast<size_t>(config_.products_page_size) || seen >= p.total) {
                break;
            }
        }
    }
    return std::optional<Found>();
}

core::Result<std::optional<Product>> UzumApi::FindByProductId(std::string_view token, int64_t shop_id,
                                                              int64_t product_id) {
    for (int page = 0; page < config_.max_lookup_pages; ++page) {
        BY_ASSIGN(ProductPage p, Products(token, shop_id, {}, page, config_.products_page_size));
        for (auto& prod : p.products) {
            if (prod.product_id == product_id) {
                return std::optional<Product>(std::move(prod));
            }
        }
        int64_t seen = static_cast<int64_t>(page + 1) * config_.products_page_size;
        if (p.products.size() < static_cast<size_t>(config_.products_page_size) || seen >= p.total) {
            break;
        }
    }
    return std::optional<Product>();
}

core::Status UzumApi::SendPrice(std::string_view token, int64_t shop_id, int64_t product_id, int64_t sku_id,
                                int64_t price_uzs) {
    if (price_uzs < 1 || price_uzs > 999999000) {
        return core::Error::Unprocessable("uzum: price must be 1..999,999,000 UZS", "price");
    }
    BY_TRY(Send(BucketKey(token), PriceRequest(config_, token, shop_id, product_id, sku_id, price_uzs)));
    return core::Ok();
}

core::Status UzumApi::UpdateStocks(std::string_view token, int64_t shop_id, const std::vector<StockItem>& items) {
    for (const auto& it : items) {
        if (it.barcode.empty()) {
            return core::Error::Unprocessable("uzum: a stock update needs the SKU's barcode", "barcode");
        }
        if (it.amount < 0) {
            return core::Error::Unprocessable("uzum: stock cannot be negative", "stock");
        }
    }
    BY_ASSIGN(HttpResponse r, Send(BucketKey(token), StockRequest(config_, token, items)));
    // A 200 may still carry errors[] (GenericResponseVoid).
    json doc = json::parse(r.body, nullptr, false);
    if (!doc.is_discarded() && doc.is_object()) {
        if (auto errs = doc.find("errors"); errs != doc.end() && errs->is_array() && !errs->empty()) {
            std::string msg = Str((*errs)[0], "message");
            return core::Error::Unprocessable("uzum refused the stock update" + (msg.empty() ? "" : ": " + msg));
        }
    }
    return core::Ok();
}

core::Result<OrderPage> UzumApi::Orders(std::string_view token, int64_t shop_id, std::string_view status,
                                        int64_t date_from_s, int page, int size) {
    BY_ASSIGN(HttpResponse r, Send(BucketKey(token),
                                   OrdersRequest(config_, token, shop_id, status, date_from_s, page, size)));
    return ParseOrders(r.body);
}

std::optional<RateLimitInfo> UzumApi::LastRateLimit(const std::string& bucket_key) const {
    std::lock_guard lock(mu_);
    auto it = buckets_.find(bucket_key);
    if (it == buckets_.end() || !it->second.seen) {
        return std::nullopt;
    }
    return it->second.last;
}

}  // namespace by::marketplaces::uzum
