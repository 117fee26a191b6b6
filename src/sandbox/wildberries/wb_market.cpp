// Wildberries prices (discounts-prices-api), warehouses, stocks and FBS orders (marketplace-api).
#include <set>

#include "sandbox/common/util.hpp"
#include "sandbox/wildberries/wb_api.hpp"

namespace by::sandbox::wb {
namespace {

using nlohmann::json;

constexpr const char* kPricesOrigin = "s2s-api-auth-dp";
constexpr const char* kMarketOrigin = "s2s-api-auth-marketplace";
constexpr int64_t kPriceTaskStart = 7100000;
constexpr int64_t kOrderStart = 1500000000;

api::HttpResponse PriceError(int status, const std::string& text) {
    return api::JsonResponse(status, {{"data", nullptr}, {"error", true}, {"errorText", text}});
}

std::string Padded(int64_t n) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%015lld", static_cast<long long>(n));
    return buf;
}

json OrderOut(const json& o, bool is_new) {
    json out = {{"address", nullptr},
                {"deliveryType", "fbs"},
                {"orderUid", o["orderUid"]},
                {"article", o["article"]},
                {"colorCode", ""},
                {"rid", o["rid"]},
                {"createdAt", o["createdAt"]},
                {"offices", json::array({"Ташкент"})},
                {"skus", o["skus"]},
                {"id", o["id"]},
                {"warehouseId", o["warehouseId"]},
                {"officeId", 15},
                {"nmId", o["nmId"]},
                {"chrtId", o["chrtId"]},
                {"price", o["price"]},
                {"convertedPrice", o["price"]},
                {"currencyCode", 643},
                {"convertedCurrencyCode", 643},
                {"cargoType", 1},
                {"comment", ""},
                {"isZeroOrder", false},
                {"options", {{"isB2b", false}}}};
    if (is_new) {
        out["scanPrice"] = nullptr;
        out["ddate"] = o["ddate"];
        out["sellerDate"] = nullptr;
        out["salePrice"] = o["price"];
        out["requiredMeta"] = json::array();
        out["optionalMeta"] = json::array();
        out["finalPrice"] = o["price"];
        out["convertedFinalPrice"] = o["price"];
    } else {
        out["supplyId"] = "";
    }
    return out;
}

}  // namespace

api::HttpResponse WbApi::UploadPrices(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "prices", kPricesLimit, kPricesOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("data") || !(*body)["data"].is_array()) {
        return PriceError(400, "Invalid data format");
    }
    const json& data = (*body)["data"];
    if (data.empty()) {
        return PriceError(400, "Empty data");
    }
    if (data.size() > 1000) {
        return PriceError(400, "Upload limit exceeded: You can upload a maximum of 10 000 items");
    }
    std::set<int64_t> seen;
    for (const auto& g : data) {
        if (!g.is_object() || !g.contains("nmID") || !g["nmID"].is_number_integer() || g["nmID"].get<int64_t>() <= 0) {
            return PriceError(400, "Invalid item No.");
        }
        if (!seen.insert(g["nmID"].get<int64_t>()).second) {
            return PriceError(400, "Duplicate item Nos.");
        }
        if (!g.contains("price") && !g.contains("discount")) {
            return PriceError(400, "Price and discount not specified");
        }
        if (g.contains("price")) {
            if (!g["price"].is_number()) {
                return PriceError(400, "Invalid price value");
            }
            if (!g["price"].is_number_integer()) {
                return PriceError(400, "Price should be a whole number");
            }
            if (g["price"].get<int64_t>() <= 0) {
                return PriceError(400, "Invalid price value");
            }
        }
        if (g.contains("discount") &&
            (!g["discount"].is_number_integer() || g["discount"].get<int64_t>() < 0 || g["discount"].get<int64_t>() > 99)) {
            return PriceError(400, "Invalid discount value");
        }
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    int applied = 0;
    for (const auto& g : data) {
        int64_t nm = g["nmID"].get<int64_t>();
        auto index = tx.Get("nm", std::to_string(nm));
        if (!index || index->value("seller", "") != seller->name) {
            continue;
        }
        std::string key = SellerKey(*seller, std::to_string(nm));
        json current = tx.Get("price", key).value_or(json{{"price", 0}, {"discount", 0}});
        int64_t price = g.contains("price") ? g["price"].get<int64_t>() : JsonInt(current, "price");
        int64_t discount = g.contains("discount") ? g["discount"].get<int64_t>() : JsonInt(current, "discount");
        if (price == JsonInt(current, "price") && discount == JsonInt(current, "discount")) {
            continue;
        }
        tx.Put("price", key,
               {{"nmID", nm}, {"vendorCode", index->value("vendorCode", "")}, {"price", price}, {"discount", discount},
                {"updated_ms", now}});
        tx.Bump("price", SellerKey(*seller, index->value("vendorCode", "")));
        ++applied;
    }
    if (applied == 0) {
        return PriceError(400,
                          "All item Nos. are specified incorrectly, or the specified prices and discounts are already set");
    }
    int64_t task = tx.NextId("price_task", kPriceTaskStart);
    tx.Put("price_task", SellerKey(*seller, std::to_string(task)), {{"id", task}, {"uploaded_ms", now}, {"items", data}});
    tx.Commit();
    return api::JsonResponse(200, {{"data", {{"id", task}, {"alreadyExists", false}}}, {"error", false}, {"errorText", ""}});
}

api::HttpResponse WbApi::GoodsFilter(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "prices", kPricesLimit, kPricesOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto limit = AsInt(json(req.Query("limit")));
    int64_t offset = req.Query("offset").empty() ? 0 : AsInt(json(req.Query("offset"))).value_or(-1);
    int64_t filter_nm = req.Query("filterNmID").empty() ? 0 : AsInt(json(req.Query("filterNmID"))).value_or(0);
    if (!limit || *limit <= 0 || *limit > 1000 || offset < 0) {
        return PriceError(400, "Invalid data format");
    }
    int64_t now = ctx_.NowMs();
    json goods = json::array();
    auto tx = ctx_.store.Begin(name());
    int64_t index = 0;
    for (const auto& [key, card] : tx.List("card", seller->name + "/")) {
        if (JsonInt(card, "visible_at_ms") > now) {
            continue;
        }
        int64_t nm = JsonInt(card, "nmID");
        if (filter_nm != 0 && nm != filter_nm) {
            continue;
        }
        if (index++ < offset) {
            continue;
        }
        if (static_cast<int64_t>(goods.size()) >= *limit) {
            break;
        }
        json p = tx.Get("price", SellerKey(*seller, std::to_string(nm))).value_or(json{{"price", 0}, {"discount", 0}});
        int64_t price = JsonInt(p, "price");
        int64_t discount = JsonInt(p, "discount");
        double discounted = static_cast<double>(price) * (100 - discount) / 100.0;
        json sizes = json::array();
        for (const auto& s : card.value("sizes", json::array())) {
            sizes.push_back({{"sizeID", s["chrtID"]},
                             {"price", price},
                             {"discountedPrice", discounted},
                             {"clubDiscountedPrice", discounted},
                             {"techSizeName", s.value("techSize", "0")}});
        }
        goods.push_back({{"nmID", nm},
                         {"vendorCode", card["vendorCode"]},
                         {"sizes", sizes},
                         {"currencyIsoCode4217", "RUB"},
                         {"discount", discount},
                         {"clubDiscount", 0},
                         {"editableSizePrice", false},
                         {"isBadTurnover", false}});
    }
    return api::JsonResponse(200, {{"data", {{"listGoods", goods}}}, {"error", false}, {"errorText", ""}});
}

api::HttpResponse WbApi::Warehouses(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "marketplace", kMarketplaceLimit, kMarketOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    json list = json::array({{{"name", seller->title + " — склад продавца"},
                              {"officeId", 15},
                              {"id", seller->wb_warehouse_id},
                              {"cargoType", 1},
                              {"deliveryType", 1},
                              {"isDeleting", false},
                              {"isProcessing", false}}});
    return api::JsonResponse(200, list);
}

api::HttpResponse WbApi::PutStocks(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "marketplace", kMarketplaceLimit, kMarketOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto wh = AsInt(json(req.Param("warehouseId")));
    if (!wh || *wh != seller->wb_warehouse_id) {
        return MarketError(404, "NotFound", "");
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("stocks") || !(*body)["stocks"].is_array() ||
        (*body)["stocks"].empty() || (*body)["stocks"].size() > 1000) {
        return MarketError(400, "IncorrectRequestBody", "Incorrect required body");
    }
    std::string limit_key = name() + "|" + seller->name + "|marketplace";
    auto conflict = [&](const std::string& code, const std::string& message, const json& data) {
        // A 409 costs 10 requests of the limit.
        ctx_.limiter.TakeBucket(limit_key, kMarketplaceLimit, 9);
        return api::JsonResponse(409, json::array({{{"code", code}, {"message", message}, {"data", data}}}));
    };
    json too_big = json::array();
    for (const auto& s : (*body)["stocks"]) {
        if (!s.is_object() || !s.contains("amount") || !s["amount"].is_number_integer() || s["amount"].get<int64_t>() < 0 ||
            (!s.contains("sku") && !s.contains("chrtId"))) {
            return MarketError(400, "IncorrectRequest", "Переданы некорректные данные");
        }
        if (s["amount"].get<int64_t>() > 100000) {
            too_big.push_back({{"sku", JsonString(s, "sku")}, {"amount", s["amount"]}});
        }
    }
    if (!too_big.empty()) {
        return conflict("UploadDataLimit", "Upload limit exceeded.", too_big);
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    json not_found = json::array();
    std::vector<json> updates;
    for (const auto& s : (*body)["stocks"]) {
        std::optional<json> ref;
        int64_t chrt = 0;
        std::string sku;
        if (s.contains("chrtId")) {
            chrt = JsonInt(s, "chrtId");
            ref = tx.Get("chrt", SellerKey(*seller, std::to_string(chrt)));
            sku = ref ? ref->value("sku", "") : "";
        } else {
            sku = JsonString(s, "sku");
            ref = tx.Get("barcode", SellerKey(*seller, sku));
            chrt = ref ? JsonInt(*ref, "chrtID") : 0;
        }
        if (!ref) {
            not_found.push_back({{"sku", sku.empty() ? std::to_string(chrt) : sku}, {"amount", s["amount"]}});
            continue;
        }
        updates.push_back({{"chrtId", chrt}, {"sku", sku}, {"vendorCode", ref->value("vendorCode", "")},
                           {"amount", s["amount"]}, {"updated_ms", now}});
    }
    if (!not_found.empty()) {
        return conflict("NotFound", "Not found", not_found);
    }
    for (const auto& u : updates) {
        tx.Put("stock", SellerKey(*seller, std::to_string(*wh) + "/" + std::to_string(JsonInt(u, "chrtId"))), u);
        tx.Bump("stock", SellerKey(*seller, u.value("vendorCode", "")));
    }
    tx.Commit();
    api::HttpResponse r;
    r.status = 204;
    r.content_type = "application/json";
    return r;
}

api::HttpResponse WbApi::GetStocks(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "marketplace", kMarketplaceLimit, kMarketOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto wh = AsInt(json(req.Param("warehouseId")));
    if (!wh || *wh != seller->wb_warehouse_id) {
        return MarketError(404, "NotFound", "");
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object()) {
        return MarketError(400, "IncorrectRequestBody", "Incorrect required body");
    }
    json out = json::array();
    auto tx = ctx_.store.Begin(name());
    auto emit = [&](int64_t chrt, const std::string& sku) {
        auto st = tx.Get("stock", SellerKey(*seller, std::to_string(*wh) + "/" + std::to_string(chrt)));
        out.push_back({{"chrtId", chrt}, {"sku", sku}, {"amount", st ? JsonInt(*st, "amount") : 0}});
    };
    for (const auto& c : body->value("chrtIds", json::array())) {
        auto id = AsInt(c);
        auto ref = id ? tx.Get("chrt", SellerKey(*seller, std::to_string(*id))) : std::nullopt;
        if (ref) {
            emit(*id, ref->value("sku", ""));
        }
    }
    for (const auto& s : body->value("skus", json::array())) {
        if (!s.is_string()) {
            continue;
        }
        auto ref = tx.Get("barcode", SellerKey(*seller, s.get<std::string>()));
        if (ref) {
            emit(JsonInt(*ref, "chrtID"), s.get<std::string>());
        }
    }
    return api::JsonResponse(200, {{"stocks", out}});
}

api::HttpResponse WbApi::NewOrders(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "marketplace", kMarketplaceLimit, kMarketOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    json orders = json::array();
    auto tx = ctx_.store.Begin(name());
    for (const auto& [key, o] : tx.List("order", seller->name + "/")) {
        if (o.value("status", "") == "new") {
            orders.push_back(OrderOut(o, true));
        }
    }
    return api::JsonResponse(200, {{"orders", orders}});
}

api::HttpResponse WbApi::Orders(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "marketplace", kMarketplaceLimit, kMarketOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto limit = AsInt(json(req.Query("limit")));
    auto next = AsInt(json(req.Query("next")));
    if (!limit || !next || *limit < 1 || *limit > 1000 || *next < 0) {
        return MarketError(400, "IncorrectParameter", "IncorrectParameter");
    }
    int64_t from_s = req.Query("dateFrom").empty() ? 0 : AsInt(json(req.Query("dateFrom"))).value_or(-1);
    int64_t to_s = req.Query("dateTo").empty() ? 0 : AsInt(json(req.Query("dateTo"))).value_or(-1);
    if (from_s < 0 || to_s < 0 || (to_s > 0 && from_s > 0 && to_s - from_s > 30 * 86400)) {
        return MarketError(400, "IncorrectParameter", "IncorrectParameter");
    }
    json orders = json::array();
    int64_t last = *next;
    auto tx = ctx_.store.Begin(name());
    for (const auto& [key, o] : tx.List("order", seller->name + "/")) {
        int64_t id = JsonInt(o, "id");
        int64_t created_s = JsonInt(o, "created_ms") / 1000;
        if (id <= *next || (from_s > 0 && created_s < from_s) || (to_s > 0 && created_s > to_s)) {
            continue;
        }
        if (static_cast<int64_t>(orders.size()) >= *limit) {
            break;
        }
        orders.push_back(OrderOut(o, false));
        last = id;
    }
    return api::JsonResponse(200, {{"next", last}, {"orders", orders}});
}

// POST /api/v3/orders/status: {"orders": [id, ...]} (1..1000) -> the statuses of the seller's own orders;
// ids that are not theirs are left out, as WB does.
api::HttpResponse WbApi::OrderStatuses(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "marketplace", kMarketplaceLimit, kMarketOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("orders") || !(*body)["orders"].is_array() ||
        (*body)["orders"].empty() || (*body)["orders"].size() > 1000) {
        return MarketError(400, "IncorrectRequestBody", "Incorrect required body");
    }
    std::set<int64_t> wanted;
    for (const auto& id : (*body)["orders"]) {
        if (!id.is_number_integer()) {
            return MarketError(400, "IncorrectRequestBody", "Incorrect required body");
        }
        wanted.insert(id.get<int64_t>());
    }
    json out = json::array();
    auto tx = ctx_.store.Begin(name());
    for (const auto& [key, o] : tx.List("order", seller->name + "/")) {
        int64_t id = JsonInt(o, "id");
        if (!wanted.count(id)) {
            continue;
        }
        std::string status = o.value("status", "new");
        out.push_back({{"id", id}, {"supplierStatus", status}, {"wbStatus", status == "new" ? "waiting" : "sorted"}});
    }
    return api::JsonResponse(200, {{"orders", out}});
}

core::Result<nlohmann::json> WbApi::CreateTestOrders(const nlohmann::json& body) {
    const SellerAccount* seller = ctx_.accounts.ByName(JsonString(body, "seller", "seller1"));
    if (seller == nullptr) {
        return core::Error::NotFound("no such sandbox seller");
    }
    std::string sku = JsonString(body, "sku");
    int64_t quantity = JsonInt(body, "quantity", 1);
    if (sku.empty() || quantity < 1 || quantity > 1000) {
        return core::Error::Invalid("sku (vendorCode or barcode) and quantity 1..1000 are required");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    auto card = tx.Get("card", SellerKey(*seller, sku));
    if (!card) {
        auto ref = tx.Get("barcode", SellerKey(*seller, sku));
        if (ref) {
            card = tx.Get("card", SellerKey(*seller, ref->value("vendorCode", "")));
        }
    }
    if (!card) {
        return core::Error::NotFound("no card with this vendorCode or barcode: " + sku);
    }
    const json& size = (*card)["sizes"][0];
    std::string barcode = size["skus"].empty() ? sku : size["skus"][0].get<std::string>();
    std::string stock_key = SellerKey(*seller, std::to_string(seller->wb_warehouse_id) + "/" +
                                                   std::to_string(JsonInt(size, "chrtID")));
    auto stock = tx.Get("stock", stock_key);
    BY_ASSIGN(int64_t left, TakeStock(stock ? JsonInt(*stock, "amount") : 0, stock.has_value(), quantity, sku));
    if (stock) {
        (*stock)["amount"] = left;
        tx.Put("stock", stock_key, *stock);
    }
    json price = tx.Get("price", SellerKey(*seller, std::to_string(JsonInt(*card, "nmID")))).value_or(json::object());
    int64_t kopecks = JsonInt(price, "price", 1000) * (100 - JsonInt(price, "discount")) ;  // price * (100 - d)% * 100
    json created = json::array();
    for (int64_t i = 0; i < quantity; ++i) {
        int64_t id = tx.NextId("order", kOrderStart);
        json o = {{"id", id},
                  {"rid", "sbx" + std::to_string(id) + ".0.0"},
                  {"orderUid", NewUuid()},
                  {"article", (*card)["vendorCode"]},
                  {"nmId", (*card)["nmID"]},
                  {"chrtId", size["chrtID"]},
                  {"skus", json::array({barcode})},
                  {"price", kopecks},
                  {"warehouseId", seller->wb_warehouse_id},
                  {"createdAt", IsoSeconds(now)},
                  {"ddate", IsoDate(now + 3 * 86400000LL)},
                  {"created_ms", now},
                  {"status", "new"}};
        tx.Put("order", SellerKey(*seller, Padded(id)), o);
        created.push_back(OrderOut(o, true));
    }
    tx.Commit();
    return json{{"marketplace", name()}, {"orders", created}};
}

}  // namespace by::sandbox::wb
