// Ozon prices, FBS stocks and FBS postings.
#include <set>

#include "core/time.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/ozon/ozon_api.hpp"

namespace by::sandbox::ozon {
namespace {

using nlohmann::json;

constexpr int64_t kPostingStart = 40000000;
constexpr int64_t kStockMax = 1000000;

json ItemErr(const std::string& code, const std::string& message) { return {{"code", code}, {"message", message}}; }

// Resolves an item's product by offer_id or product_id; nullopt when not the seller's.
std::optional<json> FindProduct(Store::Tx& tx, const SellerAccount& seller, const json& item) {
    std::string offer_id = JsonString(item, "offer_id");
    if (offer_id.empty() && item.contains("product_id")) {
        auto pid = AsInt(item["product_id"]);
        auto ref = pid ? tx.Get("pid", std::to_string(*pid)) : std::nullopt;
        if (!ref || ref->value("seller", "") != seller.name) {
            return std::nullopt;
        }
        offer_id = ref->value("offer_id", "");
    }
    if (offer_id.empty()) {
        return std::nullopt;
    }
    return tx.Get("product", SellerKey(seller, offer_id));
}

std::string Padded(int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%015lld", static_cast<long long>(n));
    return buf;
}

}  // namespace

api::HttpResponse OzonApi::Prices(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("prices") || !(*body)["prices"].is_array() ||
        (*body)["prices"].empty() || (*body)["prices"].size() > 1000) {
        return OzonError(400, 3, "invalid ImportProductsPricesRequest.Prices: value must contain between 1 and 1000 items");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    json result = json::array();
    for (const auto& item : (*body)["prices"]) {
        json errors = json::array();
        auto p = FindProduct(tx, *seller, item);
        std::string offer_id = p ? p->value("offer_id", "") : JsonString(item, "offer_id");
        int64_t pid = p ? JsonInt(*p, "product_id") : JsonInt(item, "product_id");
        if (!p) {
            errors.push_back(ItemErr("NOT_FOUND", "Product not found"));
        } else {
            double price = item.contains("price") ? AsDecimal(item["price"]).value_or(-1) : -1;
            double old_price = item.contains("old_price") ? AsDecimal(item["old_price"]).value_or(-1) : 0;
            std::string currency = JsonString(item, "currency_code", "RUB");
            if (price <= 0) {
                errors.push_back(ItemErr("INVALID_PRICE", "price must be greater than 0"));
            } else if (old_price < 0 || (old_price > 0 && old_price < price)) {
                errors.push_back(ItemErr("INVALID_OLD_PRICE", "old_price must be greater than price"));
            } else if (currency != p->value("currency_code", "RUB")) {
                errors.push_back(ItemErr("CURRENCY_MISMATCH", "currency_code does not match the cabinet currency"));
            } else {
                (*p)["price"] = item["price"];
                if (item.contains("old_price")) {
                    (*p)["old_price"] = item["old_price"];
                }
                if (item.contains("min_price")) {
                    (*p)["min_price"] = item["min_price"];
                }
                (*p)["price_updated_ms"] = now;
                tx.Put("product", SellerKey(*seller, offer_id), *p);
                tx.Bump("price", SellerKey(*seller, offer_id));
            }
        }
        result.push_back({{"product_id", pid}, {"offer_id", offer_id}, {"updated", errors.empty()}, {"errors", errors}});
    }
    tx.Commit();
    return api::JsonResponse(200, {{"result", result}});
}

api::HttpResponse OzonApi::Stocks(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    LimitDecision d = ctx_.limiter.TakeWindow(name() + "|" + seller->ozon_client_id + "|stocks", kStocksLimit);
    if (!d.allowed) {
        return OzonError(429, 8, "You have reached request rate limit per second");
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("stocks") || !(*body)["stocks"].is_array() ||
        (*body)["stocks"].empty() || (*body)["stocks"].size() > 100) {
        return OzonError(400, 3, "invalid ProductsStocksRequest.Stocks: value must contain between 1 and 100 items");
    }
    for (const auto& s : (*body)["stocks"]) {
        if (!s.is_object() || JsonInt(s, "warehouse_id") <= 0) {
            return OzonError(400, 3,
                             "Request validation error: invalid ProductsStocksRequest.Stocks[0]: embedded message failed "
                             "validation");
        }
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    json result = json::array();
    for (const auto& s : (*body)["stocks"]) {
        json errors = json::array();
        int64_t wh = JsonInt(s, "warehouse_id");
        auto p = FindProduct(tx, *seller, s);
        int64_t stock = s.contains("stock") ? AsInt(s["stock"]).value_or(-1) : -1;
        std::string offer_id = p ? p->value("offer_id", "") : JsonString(s, "offer_id");
        if (wh != seller->ozon_warehouse_id) {
            errors.push_back(ItemErr("WAREHOUSE_NOT_FOUND", "Warehouse not found"));
        } else if (!p) {
            errors.push_back(ItemErr(JsonString(s, "offer_id").empty() ? "NOT_FOUND_ERROR" : "offer_id_not_found",
                                     "Product not found"));
        } else if (!ProductIsReady(*p, now)) {
            errors.push_back(ItemErr("product_is_not_created", "Product is not created yet: wait for price_sent"));
        } else if (stock < 0) {
            errors.push_back(ItemErr("INVALID_STOCK", "stock must be a non-negative integer"));
        } else if (stock >= kStockMax) {
            errors.push_back(ItemErr("STOCK_TOO_BIG", "Stock must be less than 1000000"));
        } else {
            std::string pair_key = SellerKey(*seller, offer_id + "/" + std::to_string(wh));
            auto last = tx.Get("stock_update", pair_key);
            double since = last ? static_cast<double>(now - JsonInt(*last, "at_ms")) * ctx_.time_scale : 1e18;
            if (since < static_cast<double>(kStockPairIntervalMs)) {
                errors.push_back(ItemErr("TOO_MANY_REQUESTS", "Stock is updated too frequently: once per 30 seconds"));
            } else {
                (*p)["stocks"][std::to_string(wh)] = stock;
                tx.Put("product", SellerKey(*seller, offer_id), *p);
                tx.Put("stock_update", pair_key, {{"at_ms", now}, {"stock", stock}});
                tx.Bump("stock", SellerKey(*seller, offer_id));
            }
        }
        result.push_back({{"warehouse_id", wh},
                          {"product_id", p ? JsonInt(*p, "product_id") : JsonInt(s, "product_id")},
                          {"offer_id", offer_id},
                          {"updated", errors.empty()},
                          {"errors", errors}});
    }
    tx.Commit();
    return api::JsonResponse(200, {{"result", result}});
}

api::HttpResponse OzonApi::Postings(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object()) {
        return OzonError(400, 3, "invalid request payload");
    }
    json filter = body->value("filter", json::object());
    auto since = ParseTime(JsonString(filter, "since"));
    auto to = ParseTime(JsonString(filter, "to"));
    if (!since || !to) {
        return OzonError(400, 3, "invalid GetFbsPostingListRequest.Filter: since and to are required (RFC 3339)");
    }
    if (*to - *since > 366LL * 86400000) {
        return OzonError(400, 3, "invalid GetFbsPostingListRequest.Filter: period must not exceed one year");
    }
    int64_t limit = JsonInt(*body, "limit");
    int64_t offset = JsonInt(*body, "offset");
    if (limit < 1 || limit > 1000 || offset < 0) {
        return OzonError(400, 3, "invalid GetFbsPostingListRequest.Limit: value must be inside range [1, 1000]");
    }
    std::string status = JsonString(filter, "status");
    bool desc = JsonString(*body, "dir", "ASC") == "DESC";
    std::vector<json> all;
    {
        auto tx = ctx_.store.Begin(name());
        for (auto& [key, o] : tx.List("posting", seller->name + "/")) {
            int64_t at = JsonInt(o, "created_ms");
            if (at < *since || at > *to || (!status.empty() && o.value("status", "") != status)) {
                continue;
            }
            o.erase("created_ms");
            all.push_back(std::move(o));
        }
    }
    if (desc) {
        std::reverse(all.begin(), all.end());
    }
    json postings = json::array();
    for (size_t i = static_cast<size_t>(offset); i < all.size() && static_cast<int64_t>(postings.size()) < limit; ++i) {
        postings.push_back(all[i]);
    }
    bool has_next = static_cast<size_t>(offset) + postings.size() < all.size();
    return api::JsonResponse(200, {{"result", {{"postings", postings}, {"has_next", has_next}}}});
}

core::Result<nlohmann::json> OzonApi::CreateTestOrders(const nlohmann::json& body) {
    const SellerAccount* seller = ctx_.accounts.ByName(JsonString(body, "seller", "seller1"));
    if (seller == nullptr) {
        return core::Error::NotFound("no such sandbox seller");
    }
    std::string sku = JsonString(body, "sku");
    int64_t quantity = JsonInt(body, "quantity", 1);
    if (sku.empty() || quantity < 1 || quantity > 1000) {
        return core::Error::Invalid("sku (offer_id) and quantity 1..1000 are required");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    auto p = tx.Get("product", SellerKey(*seller, sku));
    if (!p) {
        return core::Error::NotFound("no product with this offer_id: " + sku);
    }
    std::string wh = std::to_string(seller->ozon_warehouse_id);
    bool tracked = p->contains("stocks") && (*p)["stocks"].contains(wh);
    BY_ASSIGN(int64_t left, TakeStock(tracked ? JsonInt((*p)["stocks"], wh) : 0, tracked, quantity, sku));
    if (tracked) {
        (*p)["stocks"][wh] = left;
        tx.Put("product", SellerKey(*seller, sku), *p);
    }
    int64_t n = tx.NextId("posting", kPostingStart);
    std::string number = std::to_string(n) + "-0001-1";
    std::string at = core::FormatRfc3339(now);
    json posting = {
        {"posting_number", number},
        {"order_id", n * 10},
        {"order_number", std::to_string(n) + "-0001"},
        {"status", "awaiting_packaging"},
        {"substatus", "posting_created"},
        {"delivery_method",
         {{"id", 1020000000000}, {"name", "Ozon Логистика"}, {"warehouse_id", seller->ozon_warehouse_id},
          {"warehouse", seller->title + " FBS"}, {"tpl_provider_id", 24}, {"tpl_provider", "Ozon Логистика"}}},
        {"tracking_number", ""},
        {"tpl_integration_type", "ozon"},
        {"in_process_at", at},
        {"shipment_date", core::FormatRfc3339(now + 2 * 86400000LL)},
        {"cancellation",
         {{"cancel_reason_id", 0}, {"cancel_reason", ""}, {"cancellation_type", ""}, {"cancelled_after_ship", false},
          {"affect_cancellation_rating", false}, {"cancellation_initiator", ""}}},
        {"products",
         json::array({{{"price", p->contains("price") ? (*p)["price"] : json("0")},
                       {"offer_id", sku},
                       {"name", p->value("name", "")},
                       {"sku", JsonInt(*p, "sku")},
                       {"quantity", quantity},
                       {"currency_code", p->value("currency_code", "RUB")},
                       {"is_blr_traceable", false},
                       {"is_marketplace_buyout", false}}})},
        {"is_express", false},
        {"requirements",
         {{"products_requiring_gtd", json::array()}, {"products_requiring_country", json::array()},
          {"products_requiring_mandatory_mark", json::array()}, {"products_requiring_rnpt", json::array()},
          {"products_requiring_jw_uin", json::array()}, {"products_requiring_change_country", json::array()}}},
        {"parent_posting_number", ""},
        {"available_actions", json::array({"arbitration", "cancel", "ship"})},
        {"multi_box_qty", 1},
        {"is_multibox", false},
        {"substatus", "posting_created"},
        {"prr_option", ""},
        {"quantum_id", 0},
        {"created_ms", now}};
    tx.Put("posting", SellerKey(*seller, Padded(n)), posting);
    tx.Commit();
    posting.erase("created_ms");
    return json{{"marketplace", name()}, {"postings", json::array({posting})}};
}

}  // namespace by::sandbox::ozon
