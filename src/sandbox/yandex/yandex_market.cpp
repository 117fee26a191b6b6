// Yandex Market prices, stocks and orders (business-wide and per campaign), and test ("fake") orders.
#include <set>

#include "core/time.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/yandex/yandex_api.hpp"

namespace by::sandbox::yandex {
namespace {

using nlohmann::json;

constexpr int64_t kOrderStart = 52000000;

std::string Padded(int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%015lld", static_cast<long long>(n));
    return buf;
}

json BusinessOrder(const json& o) {
    json items = json::array();
    for (const auto& it : o["items"]) {
        items.push_back({{"id", it["id"]},
                         {"offerId", it["offerId"]},
                         {"offerName", it["offerName"]},
                         {"count", it["count"]},
                         {"prices", {{"payment", {{"value", it["price"]}, {"currencyId", o["currency"]}}}}}});
    }
    int64_t at = JsonInt(o, "created_ms");
    return {{"orderId", o["id"]},
            {"campaignId", o["campaignId"]},
            {"programType", "FBS"},
            {"status", o["status"]},
            {"substatus", o["substatus"]},
            {"creationDate", core::FormatRfc3339(at)},
            {"updateDate", core::FormatRfc3339(at)},
            {"paymentType", "PREPAID"},
            {"paymentMethod", "YANDEX"},
            {"fake", o["fake"]},
            {"items", items},
            {"delivery",
             {{"type", "PICKUP"},
              {"serviceName", "Доставка Маркета"},
              {"deliveryServiceId", 1006360},
              {"deliveryPartnerType", "YANDEX_MARKET"},
              {"dates", {{"fromDate", IsoDate(at + 2 * 86400000LL)}}}}},
            {"buyerType", "PERSON"}};
}

json CampaignOrder(const json& o) {
    json items = json::array();
    double total = 0;
    for (const auto& it : o["items"]) {
        double price = it["price"].get<double>();
        total += price * it["count"].get<int64_t>();
        items.push_back({{"id", it["id"]},
                         {"offerId", it["offerId"]},
                         {"offerName", it["offerName"]},
                         {"price", price},
                         {"buyerPrice", price},
                         {"buyerPriceBeforeDiscount", price},
                         {"priceBeforeDiscount", price},
                         {"count", it["count"]},
                         {"vat", "NO_VAT"},
                         {"shopSku", it["offerId"]}});
    }
    int64_t at = JsonInt(o, "created_ms");
    return {{"id", o["id"]},
            {"status", o["status"]},
            {"substatus", o["substatus"]},
            {"currency", o["currency"]},
            {"creationDate", DdMmYyyyHhMmSs(at)},
            {"updatedAt", DdMmYyyyHhMmSs(at)},
            {"itemsTotal", total},
            {"deliveryTotal", 0},
            {"buyerItemsTotal", total},
            {"buyerTotal", total},
            {"buyerItemsTotalBeforeDiscount", total},
            {"buyerTotalBeforeDiscount", total},
            {"paymentType", "PREPAID"},
            {"paymentMethod", "YANDEX"},
            {"fake", o["fake"]},
            {"items", items},
            {"delivery",
             {{"type", "PICKUP"},
              {"serviceName", "Доставка Маркета"},
              {"deliveryPartnerType", "YANDEX_MARKET"},
              {"deliveryServiceId", 1006360},
              {"dates", {{"fromDate", DdMmYyyy(at + 2 * 86400000LL)}}}}},
            {"buyer", {{"type", "PERSON"}}},
            {"taxSystem", "OSN"},
            {"cancelRequested", false}};
}

}  // namespace

api::HttpResponse YandexApi::UpdatePrices(api::HttpRequest& req) {
    api::HttpResponse err;
    auto body = ParseJson(req.body);
    int64_t units = body && body->is_object() && (*body)["offers"].is_array() ? (*body)["offers"].size() : 1;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kPricesLimit, std::max<int64_t>(1, units), &err, &d);
    if (seller == nullptr) {
        return err;
    }
    if (!body || !body->is_object() || !(*body)["offers"].is_array() || (*body)["offers"].empty() ||
        (*body)["offers"].size() > 500) {
        return YandexError(400, "BAD_REQUEST", "offers must contain from 1 to 500 items");
    }
    for (const auto& o : (*body)["offers"]) {
        const json price = o.is_object() ? o.value("price", json()) : json();
        if (!o.is_object() || !o.contains("offerId") || !o["offerId"].is_string() || !price.is_object() ||
            !price.contains("value") || !price["value"].is_number() || price["value"].get<double>() < 0 ||
            !price.contains("currencyId") || !price["currencyId"].is_string()) {
            return YandexError(400, "BAD_REQUEST", "each offer needs offerId and price {value >= 0, currencyId}");
        }
        std::string currency = price["currencyId"].get<std::string>();
        if (currency != "RUR" && currency != "UZS") {
            return YandexError(400, "INVALID_CURRENCY", "currency " + currency + " is not the cabinet's currency");
        }
        if (price.contains("discountBase") &&
            (!price["discountBase"].is_number() || price["discountBase"].get<double>() <= price["value"].get<double>())) {
            return YandexError(400, "BAD_REQUEST", "discountBase must be greater than value");
        }
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    for (const auto& o : (*body)["offers"]) {
        std::string id = o["offerId"].get<std::string>();
        auto doc = tx.Get("offer", SellerKey(*seller, id));
        if (!doc || doc->value("deleted", false)) {
            return YandexError(400, "OFFER_NOT_FOUND", "offer " + id + " is not in the catalog");
        }
    }
    for (const auto& o : (*body)["offers"]) {
        std::string id = o["offerId"].get<std::string>();
        auto doc = tx.Get("offer", SellerKey(*seller, id));
        json price = o["price"];
        price["updated_ms"] = now;
        (*doc)["price"] = price;
        tx.Put("offer", SellerKey(*seller, id), *doc);
        tx.Bump("price", SellerKey(*seller, id));
    }
    tx.Commit();
    api::HttpResponse resp = api::JsonResponse(200, {{"status", "OK"}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::PutStocks(api::HttpRequest& req) {
    api::HttpResponse err;
    auto body = ParseJson(req.body);
    int64_t units = body && body->is_object() && (*body)["skus"].is_array() ? (*body)["skus"].size() : 1;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kStocksPutLimit, std::max<int64_t>(1, units), &err, &d);
    if (seller == nullptr) {
        return err;
    }
    if (!body || !body->is_object() || !(*body)["skus"].is_array() || (*body)["skus"].empty() ||
        (*body)["skus"].size() > 2000) {
        return YandexError(400, "BAD_REQUEST", "skus must contain from 1 to 2000 items");
    }
    for (const auto& s : (*body)["skus"]) {
        if (!s.is_object() || !s.contains("sku") || !s["sku"].is_string() || !s.contains("items") ||
            !s["items"].is_array() || s["items"].size() != 1 || !s["items"][0].is_object() ||
            !s["items"][0].contains("count") || !s["items"][0]["count"].is_number_integer() ||
            s["items"][0]["count"].get<int64_t>() < 0 || s["items"][0]["count"].get<int64_t>() > 2000000000) {
            return YandexError(400, "BAD_REQUEST", "each sku needs sku and exactly one item {count 0..2000000000}");
        }
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    for (const auto& s : (*body)["skus"]) {
        std::string sku = s["sku"].get<std::string>();
        tx.Put("stock", SellerKey(*seller, sku),
               {{"count", s["items"][0]["count"]}, {"updatedAt", JsonString(s["items"][0], "updatedAt", IsoSeconds(now))}});
        tx.Bump("stock", SellerKey(*seller, sku));
    }
    tx.Commit();
    api::HttpResponse resp = api::JsonResponse(200, {{"status", "OK"}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::GetStocks(api::HttpRequest& req) {
    api::HttpResponse err;
    // The limit counts offers in the answer; one unit is taken up front, the rest once known.
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kStocksGetLimit, 1, &err, &d);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return YandexError(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    auto offset = ParsePageToken(req.Query("pageToken"));
    int64_t limit = req.Query("limit").empty() ? 100 : AsInt(json(req.Query("limit"))).value_or(0);
    if (!offset || limit < 1 || limit > 200) {
        return YandexError(400, "BAD_REQUEST", "invalid pageToken or limit (1..200)");
    }
    std::set<std::string> want;
    for (const auto& o : body->value("offerIds", json::array())) {
        if (o.is_string()) {
            want.insert(o.get<std::string>());
        }
    }
    std::vector<json> offers;
    {
        auto tx = ctx_.store.Begin(name());
        for (const auto& [key, st] : tx.List("stock", seller->name + "/")) {
            std::string id = key.substr(seller->name.size() + 1);
            if (!want.empty() && !want.count(id)) {
                continue;
            }
            int64_t count = JsonInt(st, "count");
            offers.push_back({{"offerId", id},
                              {"stocks", json::array({{{"type", "FIT"}, {"count", count}},
                                                      {{"type", "AVAILABLE"}, {"count", count}}})},
                              {"updatedAt", JsonString(st, "updatedAt")}});
        }
    }
    json page = json::array();
    for (size_t i = *offset; i < offers.size() && static_cast<int64_t>(page.size()) < limit; ++i) {
        page.push_back(offers[i]);
    }
    if (page.size() > 1) {
        ctx_.limiter.TakeWindow(name() + "|" + seller->name + "|" + std::to_string(kStocksGetLimit.resource_id),
                                kStocksGetLimit.window, static_cast<int64_t>(page.size()) - 1);
    }
    json paging = json::object();
    if (*offset + page.size() < offers.size()) {
        paging["nextPageToken"] = PageToken(*offset + page.size());
    }
    api::HttpResponse resp = api::JsonResponse(
        200, {{"status", "OK"},
              {"result", {{"paging", paging},
                          {"warehouses", json::array({{{"warehouseId", seller->yandex_campaign_id + 100000},
                                                       {"offers", page}}})}}}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::BusinessOrders(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kBusinessOrdersLimit, 1, &err, &d);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return YandexError(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    auto offset = ParsePageToken(req.Query("pageToken"));
    int64_t limit = req.Query("limit").empty() ? 50 : AsInt(json(req.Query("limit"))).value_or(0);
    if (!offset || limit < 1 || limit > 50) {
        return YandexError(400, "BAD_REQUEST", "invalid pageToken or limit (1..50)");
    }
    std::set<int64_t> ids;
    for (const auto& o : body->value("orderIds", json::array())) {
        ids.insert(AsInt(o).value_or(-1));
    }
    std::set<std::string> statuses;
    for (const auto& s : body->value("statuses", json::array())) {
        statuses.insert(s.is_string() ? s.get<std::string>() : "");
    }
    std::optional<bool> fake;
    if (body->contains("fake") && (*body)["fake"].is_boolean()) {
        fake = (*body)["fake"].get<bool>();
    }
    std::vector<json> orders;
    {
        auto tx = ctx_.store.Begin(name());
        for (const auto& [key, o] : tx.List("order", seller->name + "/")) {
            if ((!ids.empty() && !ids.count(JsonInt(o, "id"))) ||
                (!statuses.empty() && !statuses.count(o.value("status", ""))) ||
                (fake && o.value("fake", false) != *fake)) {
                continue;
            }
            orders.push_back(BusinessOrder(o));
        }
    }
    json page = json::array();
    for (size_t i = *offset; i < orders.size() && static_cast<int64_t>(page.size()) < limit; ++i) {
        page.push_back(orders[i]);
    }
    json out = {{"orders", page}};
    if (*offset + page.size() < orders.size()) {
        out["paging"] = {{"nextPageToken", PageToken(*offset + page.size())}};
    }
    api::HttpResponse resp = api::JsonResponse(200, out);
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::CampaignOrders(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kCampaignOrdersLimit, 1, &err, &d);
    if (seller == nullptr) {
        return err;
    }
    int64_t limit = req.Query("limit").empty() ? 50 : AsInt(json(req.Query("limit"))).value_or(0);
    auto offset = ParsePageToken(req.Query("pageToken"));
    if (!offset || limit < 1 || limit > 50) {
        return YandexError(400, "BAD_REQUEST", "invalid pageToken or limit (1..50)");
    }
    std::string status = req.Query("status");
    bool fake = req.Query("fake") == "true";
    std::vector<json> orders;
    {
        auto tx = ctx_.store.Begin(name());
        for (const auto& [key, o] : tx.List("order", seller->name + "/")) {
            if ((!status.empty() && o.value("status", "") != status) || o.value("fake", false) != fake) {
                continue;
            }
            orders.push_back(CampaignOrder(o));
        }
    }
    json page = json::array();
    for (size_t i = *offset; i < orders.size() && static_cast<int64_t>(page.size()) < limit; ++i) {
        page.push_back(orders[i]);
    }
    json out = {{"orders", page},
                {"pager", {{"total", orders.size()}, {"from", *offset + 1}, {"to", *offset + page.size()},
                           {"currentPage", 1}, {"pagesCount", 1}, {"pageSize", limit}}}};
    if (*offset + page.size() < orders.size()) {
        out["paging"] = {{"nextPageToken", PageToken(*offset + page.size())}};
    }
    api::HttpResponse resp = api::JsonResponse(200, out);
    LimitHeaders(resp, d);
    return resp;
}

core::Result<nlohmann::json> YandexApi::CreateTestOrders(const nlohmann::json& body) {
    const SellerAccount* seller = ctx_.accounts.ByName(JsonString(body, "seller", "seller1"));
    if (seller == nullptr) {
        return core::Error::NotFound("no such sandbox seller");
    }
    std::string sku = JsonString(body, "sku");
    int64_t quantity = JsonInt(body, "quantity", 1);
    if (sku.empty() || quantity < 1 || quantity > 1000) {
        return core::Error::Invalid("sku (offerId) and quantity 1..1000 are required");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    auto doc = tx.Get("offer", SellerKey(*seller, sku));
    if (!doc || doc->value("deleted", false)) {
        return core::Error::NotFound("no offer with this offerId: " + sku);
    }
    auto stock = tx.Get("stock", SellerKey(*seller, sku));
    BY_ASSIGN(int64_t left, TakeStock(stock ? JsonInt(*stock, "count") : 0, stock.has_value(), quantity, sku));
    if (stock) {
        (*stock)["count"] = left;
        tx.Put("stock", SellerKey(*seller, sku), *stock);
    }
    int64_t id = tx.NextId("order", kOrderStart);
    json price = doc->value("price", json{{"value", 1000}, {"currencyId", "RUR"}});
    json order = {{"id", id},
                  {"campaignId", seller->yandex_campaign_id},
                  {"status", "PROCESSING"},
                  {"substatus", "STARTED"},
                  {"fake", JsonBool(body, "fake", false)},
                  {"currency", price.value("currencyId", "RUR")},
                  {"items", json::array({{{"id", id * 10 + 1},
                                          {"offerId", sku},
                                          {"offerName", (*doc)["offer"].value("name", "")},
                                          {"count", quantity},
                                          {"price", JsonNumber(price, "value", 1000)}}})},
                  {"created_ms", now}};
    tx.Put("order", SellerKey(*seller, Padded(id)), order);
    tx.Commit();
    return json{{"marketplace", name()}, {"orders", json::array({BusinessOrder(order)})}};
}

}  // namespace by::sandbox::yandex
