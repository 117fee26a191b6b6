#include "sandbox/uzum/uzum_api.hpp"

#include <set>

#include "core/time.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/uzum/uzum_catalog.hpp"

namespace by::sandbox::uzum {

using nlohmann::json;

namespace {

constexpr int64_t kOrderStart = 93000000;

std::string Padded(int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%012lld", static_cast<long long>(n));
    return buf;
}

}  // namespace

json UzumErrorBody(const std::string& code, const std::string& message, const std::string& error, int64_t now_ms) {
    return {{"errors", json::array({{{"code", code}, {"message", message}}})},
            {"timestamp", core::FormatRfc3339(now_ms)},
            {"error", error}};
}

api::HttpResponse UzumApi::ServerError() const {
    return api::JsonResponse(500, UzumErrorBody("internal-error", "Internal server error", "Internal Server Error", ctx_.NowMs()));
}

api::HttpResponse UzumApi::OverLimit(const api::HttpRequest& req) const {
    api::HttpResponse r;
    r.status = 429;
    r.content_type = "application/json";
    r.SetHeader("X-RateLimit-Remaining", "0");
    r.SetHeader("X-RateLimit-Replenish-Rate", "2");
    r.SetHeader("X-RateLimit-Burst-Capacity", "5");
    r.SetHeader("X-RateLimit-Requested-Tokens", "1");
    return r;
}

void UzumApi::RateHeaders(api::HttpResponse& resp, const LimitDecision& bucket, const LimitDecision& daily) const {
    resp.SetHeader("X-RateLimit-Remaining", std::to_string(bucket.remaining));
    resp.SetHeader("X-RateLimit-Replenish-Rate", std::to_string(static_cast<int64_t>(1000 / kUzumLimit.interval_ms)));
    resp.SetHeader("X-RateLimit-Burst-Capacity", std::to_string(static_cast<int64_t>(kUzumLimit.burst)));
    resp.SetHeader("X-RateLimit-Requested-Tokens", "1");
    resp.SetHeader("X-RateLimit-Limit-Per-Day", std::to_string(kUzumDailyLimit.amount));
    resp.SetHeader("X-RateLimit-Remaining-Per-Day", std::to_string(daily.remaining));
}

const SellerAccount* UzumApi::Admit(const api::HttpRequest& req, api::HttpResponse* out, LimitDecision* bucket,
                                    LimitDecision* daily) const {
    std::string token = req.Header("Authorization");
    // The token goes as is: "Bearer <token>" is not a known token, exactly as at Uzum.
    const SellerAccount* seller = token.empty() ? nullptr : ctx_.accounts.ByUzumToken(token);
    if (seller == nullptr) {
        *out = api::JsonResponse(
            401, json::array({UzumErrorBody("unauthorized", token.empty() ? "Full authentication is required"
                                                                          : "Invalid token",
                                            "Unauthorized", ctx_.NowMs())}));
        return nullptr;
    }
    std::string shop = req.Param("shopId");
    if (!shop.empty() && AsInt(json(shop)).value_or(0) != seller->uzum_shop_id) {
        *out = api::JsonResponse(403, UzumErrorBody("forbidden", "Access denied to shop " + shop, "Forbidden", ctx_.NowMs()));
        return nullptr;
    }
    *bucket = ctx_.limiter.TakeBucket(name() + "|" + seller->name + "|bucket", kUzumLimit);
    if (!bucket->allowed) {
        *out = OverLimit(req);
        return nullptr;
    }
    *daily = ctx_.limiter.TakeWindow(name() + "|" + seller->name + "|day", kUzumDailyLimit);
    if (!daily->allowed) {
        *out = OverLimit(req);
        out->SetHeader("X-RateLimit-Remaining-Per-Day", "0");
        return nullptr;
    }
    return seller;
}

void UzumApi::Register(api::Router& r) {
    auto bind = [this](api::HttpResponse (UzumApi::*fn)(api::HttpRequest&)) {
        return [this, fn](api::HttpRequest& req) { return (this->*fn)(req); };
    };
    // The real base URL is https://api-seller.uzum.uz/api/seller-openapi/; the paths answer both with
    // and without that prefix.
    for (std::string prefix : {std::string(), std::string(kUzumBasePath)}) {
        r.Add("GET", prefix + "/v1/shops", bind(&UzumApi::Shops));
        r.Add("GET", prefix + "/v1/product/shop/{shopId}", bind(&UzumApi::Products));
        r.Add("POST", prefix + "/v1/product/{shopId}/sendPriceData", bind(&UzumApi::SendPrices));
        r.Add("GET", prefix + "/v2/fbs/sku/stocks", bind(&UzumApi::GetStocks));
        r.Add("POST", prefix + "/v2/fbs/sku/stocks", bind(&UzumApi::PutStocks));
        r.Add("GET", prefix + "/v2/fbs/orders", bind(&UzumApi::Orders));
    }
}

api::HttpResponse UzumApi::Shops(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision b, d;
    const SellerAccount* seller = Admit(req, &err, &b, &d);
    if (seller == nullptr) {
        return err;
    }
    api::HttpResponse resp =
        api::JsonResponse(200, json::array({{{"id", seller->uzum_shop_id}, {"name", seller->uzum_shop_name}}}));
    RateHeaders(resp, b, d);
    return resp;
}

api::HttpResponse UzumApi::Products(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision b, d;
    const SellerAccount* seller = Admit(req, &err, &b, &d);
    if (seller == nullptr) {
        return err;
    }
    auto size = AsInt(json(req.Query("size")));
    auto page = AsInt(json(req.Query("page")));
    if (!size || !page || *size < 1 || *size > 100 || *page < 0) {
        return api::JsonResponse(400, UzumErrorBody("bad-request", "size (1..100) and page (>= 0) are required",
                                                    "Bad Request", ctx_.NowMs()));
    }
    std::string search = req.Query("searchQuery");
    std::string filter = req.Query("filter").empty() ? "ALL" : req.Query("filter");
    int64_t now = ctx_.NowMs();
    std::vector<json> cards;
    {
        auto tx = ctx_.store.Begin(name());
        for (const auto& [key, p] : tx.List("product", seller->name + "/")) {
            if (!search.empty()) {
                bool hit = p.value("title_ru", "").find(search) != std::string::npos ||
                           p.value("title_uz", "").find(search) != std::string::npos ||
                           std::to_string(JsonInt(p, "productId")) == search;
                for (const auto& s : p["skus"]) {
                    hit = hit || s.value("article", "") == search || s.value("barcode", "") == search;
                }
                if (!hit) {
                    continue;
                }
            }
            bool moderated = IsModerated(p, now);
            if ((filter == "ACTIVE" && !moderated) || (filter == "INACTIVE" && moderated) || filter == "ARCHIVE") {
                continue;
            }
            cards.push_back(ProductCard(p, now));
        }
    }
    json list = json::array();
    for (size_t i = static_cast<size_t>(*page * *size); i < cards.size() && static_cast<int64_t>(list.size()) < *size; ++i) {
        list.push_back(cards[i]);
    }
    api::HttpResponse resp = api::JsonResponse(200, {{"productList", list}, {"totalProductsAmount", cards.size()}});
    RateHeaders(resp, b, d);
    return resp;
}

api::HttpResponse UzumApi::SendPrices(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision b, d;
    const SellerAccount* seller = Admit(req, &err, &b, &d);
    if (seller == nullptr) {
        return err;
    }
    auto bad = [&](const std::string& message) {
        return api::JsonResponse(400, UzumErrorBody("bad-request", message, "Bad Request", ctx_.NowMs()));
    };
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("skuList") || !(*body)["skuList"].is_array() ||
        (*body)["skuList"].empty()) {
        return bad("productId and skuList are required");
    }
    int64_t product_id = JsonInt(*body, "productId");
    auto tx = ctx_.store.Begin(name());
    auto product = tx.Get("product", ProductKey(*seller, product_id));
    if (!product) {
        return bad("Product " + std::to_string(product_id) + " not found in shop " + req.Param("shopId"));
    }
    for (const auto& s : (*body)["skuList"]) {
        int64_t sku_id = JsonInt(s, "skuId");
        bool found = false;
        for (const auto& k : (*product)["skus"]) {
            found = found || JsonInt(k, "skuId") == sku_id;
        }
        if (!found) {
            return bad("SKU " + std::to_string(sku_id) + " does not belong to product " + std::to_string(product_id));
        }
        for (const char* k : {"fullPrice", "sellPrice"}) {
            if (s.contains(k) && (!s[k].is_number_integer() || s[k].get<int64_t>() < 1 || s[k].get<int64_t>() > 999999000)) {
                return bad(std::string(k) + " must be an integer from 1 to 999999000");
            }
        }
        if (s.contains("fullPrice") && s.contains("sellPrice") && s["sellPrice"].get<int64_t>() > s["fullPrice"].get<int64_t>()) {
            return bad("sellPrice must not exceed fullPrice");
        }
    }
    for (const auto& s : (*body)["skuList"]) {
        for (auto& k : (*product)["skus"]) {
            if (JsonInt(k, "skuId") == JsonInt(s, "skuId")) {
                if (s.contains("fullPrice")) {
                    k["fullPrice"] = s["fullPrice"];
                }
                if (s.contains("sellPrice")) {
                    k["sellPrice"] = s["sellPrice"];
                }
                tx.Bump("price", seller->name + "/" + k.value("article", ""));
            }
        }
    }
    tx.Put("product", ProductKey(*seller, product_id), *product);
    tx.Commit();
    api::HttpResponse resp;
    resp.status = 200;
    resp.content_type = "application/json";
    RateHeaders(resp, b, d);
    return resp;
}

api::HttpResponse UzumApi::GetStocks(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision b, d;
    const SellerAccount* seller = Admit(req, &err, &b, &d);
    if (seller == nullptr) {
        return err;
    }
    json list = json::array();
    auto tx = ctx_.store.Begin(name());
    for (const auto& [key, p] : tx.List("product", seller->name + "/")) {
        for (const auto& s : p["skus"]) {
            list.push_back({{"skuId", s["skuId"]},
                            {"skuTitle", p.value("title_ru", "")},
                            {"productTitle", p.value("title_ru", "")},
                            {"barcode", s.value("barcode", "")},
                            {"amount", JsonInt(s, "amount")},
                            {"fbsAllowed", true},
                            {"dbsAllowed", false},
                            {"fbsLinked", true},
                            {"dbsLinked", false},
                            {"sellerSkuCode", s.value("article", "")}});
        }
    }
    api::HttpResponse resp = api::JsonResponse(
        200, {{"payload", {{"skuAmountList", list}}}, {"errors", json::array()}, {"timestamp", core::FormatRfc3339(ctx_.NowMs())}});
    RateHeaders(resp, b, d);
    return resp;
}

api::HttpResponse UzumApi::PutStocks(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision b, d;
    const SellerAccount* seller = Admit(req, &err, &b, &d);
    if (seller == nullptr) {
        return err;
    }
    auto bad = [&](const std::string& message) {
        return api::JsonResponse(400, UzumErrorBody("bad-request", message, "Bad Request", ctx_.NowMs()));
    };
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !(*body)["skuAmountList"].is_array() || (*body)["skuAmountList"].empty()) {
        return bad("skuAmountList must contain at least one item");
    }
    std::set<std::string> barcodes;
    for (const auto& s : (*body)["skuAmountList"]) {
        if (!s.is_object() || !s.contains("barcode") || !s["barcode"].is_string() || !s.contains("amount") ||
            !s["amount"].is_number_integer() || s["amount"].get<int64_t>() < 0) {
            return bad("each item needs barcode and amount >= 0");
        }
        if (!barcodes.insert(s["barcode"].get<std::string>()).second) {
            return bad("barcode " + s["barcode"].get<std::string>() + " occurs more than once");
        }
    }
    auto tx = ctx_.store.Begin(name());
    for (const auto& s : (*body)["skuAmountList"]) {
        if (!tx.Get("barcode", seller->name + "/" + s["barcode"].get<std::string>())) {
            return bad("SKU with barcode " + s["barcode"].get<std::string>() + " not found");
        }
    }
    for (const auto& s : (*body)["skuAmountList"]) {
        auto ref = tx.Get("barcode", seller->name + "/" + s["barcode"].get<std::string>());
        auto p = tx.Get("product", ProductKey(*seller, JsonInt(*ref, "productId")));
        if (!p) {
            continue;
        }
        for (auto& k : (*p)["skus"]) {
            if (JsonInt(k, "skuId") == JsonInt(*ref, "skuId")) {
                k["amount"] = s["amount"];
                tx.Bump("stock", seller->name + "/" + k.value("article", ""));
            }
        }
        tx.Put("product", ProductKey(*seller, JsonInt(*ref, "productId")), *p);
    }
    tx.Commit();
    api::HttpResponse resp =
        api::JsonResponse(200, {{"errors", json::array()}, {"timestamp", core::FormatRfc3339(ctx_.NowMs())}});
    RateHeaders(resp, b, d);
    return resp;
}

api::HttpResponse UzumApi::Orders(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision b, d;
    const SellerAccount* seller = Admit(req, &err, &b, &d);
    if (seller == nullptr) {
        return err;
    }
    auto bad = [&](const std::string& message) {
        return api::JsonResponse(400, UzumErrorBody("bad-request", message, "Bad Request", ctx_.NowMs()));
    };
    std::set<int64_t> shops;
    for (auto [it, end] = req.query.equal_range("shopIds"); it != end; ++it) {
        for (const auto& part : SplitComma(it->second)) {
            shops.insert(AsInt(json(part)).value_or(-1));
        }
    }
    if (shops.empty()) {
        return bad("shopIds is required");
    }
    for (int64_t s : shops) {
        if (s != seller->uzum_shop_id) {
            return api::JsonResponse(403, UzumErrorBody("forbidden", "Access denied to shop " + std::to_string(s),
                                                        "Forbidden", ctx_.NowMs()));
        }
    }
    std::string status = req.Query("status").empty() ? "CREATED" : req.Query("status");
    int64_t page = req.Query("page").empty() ? 0 : AsInt(json(req.Query("page"))).value_or(-1);
    int64_t size = req.Query("size").empty() ? 20 : AsInt(json(req.Query("size"))).value_or(-1);
    int64_t from_s = req.Query("dateFrom").empty() ? 0 : AsInt(json(req.Query("dateFrom"))).value_or(-1);
    int64_t to_s = req.Query("dateTo").empty() ? 0 : AsInt(json(req.Query("dateTo"))).value_or(-1);
    if (page < 0 || size < 1 || size > 50 || from_s < 0 || to_s < 0) {
        return bad("page >= 0, size 1..50, dateFrom/dateTo in Unix seconds");
    }
    std::string scheme = req.Query("scheme");
    std::vector<json> orders;
    {
        auto tx = ctx_.store.Begin(name());
        for (const auto& [key, o] : tx.List("order", seller->name + "/")) {
            int64_t created_s = JsonInt(o, "created_ms") / 1000;
            if (o.value("status", "") != status || (!scheme.empty() && o.value("scheme", "") != scheme) ||
                (from_s > 0 && created_s < from_s) || (to_s > 0 && created_s > to_s)) {
                continue;
            }
            json out = o;
            out.erase("created_ms");
            orders.push_back(std::move(out));
        }
    }
    json list = json::array();
    for (size_t i = static_cast<size_t>(page * size); i < orders.size() && static_cast<int64_t>(list.size()) < size; ++i) {
        list.push_back(orders[i]);
    }
    api::HttpResponse resp = api::JsonResponse(
        200, {{"payload", {{"orders", list}, {"totalAmount", orders.size()}}},
              {"errors", json::array()},
              {"timestamp", core::FormatRfc3339(ctx_.NowMs())}});
    RateHeaders(resp, b, d);
    return resp;
}

core::Result<nlohmann::json> UzumApi::CreateTestOrders(const nlohmann::json& body) {
    const SellerAccount* seller = ctx_.accounts.ByName(JsonString(body, "seller", "seller1"));
    if (seller == nullptr) {
        return core::Error::NotFound("no such sandbox seller");
    }
    std::string sku = JsonString(body, "sku");
    int64_t quantity = JsonInt(body, "quantity", 1);
    if (sku.empty() || quantity < 1 || quantity > 1000) {
        return core::Error::Invalid("sku (article, barcode or skuId) and quantity 1..1000 are required");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    std::optional<json> product;
    if (auto a = tx.Get("article", seller->name + "/" + sku)) {
        product = tx.Get("product", ProductKey(*seller, JsonInt(*a, "productId")));
    } else if (auto bc = tx.Get("barcode", seller->name + "/" + sku)) {
        product = tx.Get("product", ProductKey(*seller, JsonInt(*bc, "productId")));
    } else if (auto s = tx.Get("sku", sku); s && s->value("seller", "") == seller->name) {
        product = tx.Get("product", ProductKey(*seller, JsonInt(*s, "productId")));
    }
    if (!product) {
        return core::Error::NotFound("no product with this article, barcode or skuId: " + sku);
    }
    json& k = (*product)["skus"][0];
    bool tracked = tx.Counter("stock", seller->name + "/" + k.value("article", "")) > 0;
    BY_ASSIGN(int64_t left, TakeStock(JsonInt(k, "amount"), tracked, quantity, sku));
    if (tracked) {
        k["amount"] = left;
        tx.Put("product", ProductKey(*seller, JsonInt(*product, "productId")), *product);
    }
    int64_t id = tx.NextId("order", kOrderStart);
    int64_t price = JsonInt(k, "sellPrice");
    std::string at = core::FormatRfc3339(now);
    json order = {{"id", id},
                  {"status", "CREATED"},
                  {"scheme", "FBS"},
                  {"dateCreated", at},
                  {"acceptUntil", core::FormatRfc3339(now + 86400000LL)},
                  {"deliverUntil", core::FormatRfc3339(now + 3 * 86400000LL)},
                  {"price", price * quantity},
                  {"shopId", seller->uzum_shop_id},
                  {"identifierRequired", false},
                  {"orderItems", json::array({{{"id", id * 10 + 1},
                                               {"status", "PROCESSING"},
                                               {"date", now},
                                               {"orderId", id},
                                               {"skuTitle", (*product).value("title_ru", "")},
                                               {"productTitle", (*product).value("title_ru", "")},
                                               {"productId", (*product)["productId"]},
                                               {"shopId", seller->uzum_shop_id},
                                               {"sellerPrice", price},
                                               {"amount", quantity},
                                               {"amountReturns", 0},
                                               {"commission", price * quantity * 15 / 100},
                                               {"sellerProfit", price * quantity * 85 / 100},
                                               {"purchasePrice", 0},
                                               {"skuCharValue", k.value("article", "")},
                                               {"skuCharTitle", "Артикул"}}})},
                  {"created_ms", now}};
    tx.Put("order", seller->name + "/" + Padded(id), order);
    tx.Commit();
    order.erase("created_ms");
    return json{{"marketplace", name()}, {"orders", json::array({order})}};
}

}  // namespace by::sandbox::uzum
