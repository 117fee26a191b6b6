#include "sandbox/common/storefront.hpp"

#include <optional>
#include <sstream>

#include "sandbox/common/competitors.hpp"

namespace by::sandbox {
namespace {

// The competitor card with this id at the sandbox's current (scaled) time, if there is one.
std::optional<nlohmann::json> FindCard(const Context& ctx, const std::string& marketplace, const std::string& id) {
    nlohmann::json all = CompetitorCards(marketplace, ctx.VirtualNowMs());
    for (const auto& c : all["competitors"]) {
        if (c.value("id", "") == id) return c;
    }
    return std::nullopt;
}

int64_t Num(const std::string& id) {
    try {
        return std::stoll(id);
    } catch (...) {
        return 0;
    }
}

// card.wb.ru: the product as the catalogue shows it; `basic` is the price before the seller's discount,
// `product` what a buyer pays (both kopecks). basic sits 30 % above the base so a reader that takes the
// wrong field is caught by the tests.
nlohmann::json WbProduct(const nlohmann::json& c) {
    int64_t price = c["price"].get<int64_t>() * 100;
    int64_t basic = c["base_price"].get<int64_t>() * 130;
    nlohmann::json size = {{"name", ""},
                           {"origName", "0"},
                           {"rank", 0},
                           {"optionId", Num(c["id"]) * 10},
                           {"stocks", nlohmann::json::array({{{"wh", 507001}, {"qty", 40}}})},
                           {"price", {{"basic", basic}, {"product", price}, {"total", price}, {"logistics", 0}, {"return", 0}}}};
    return {{"id", Num(c["id"])},
            {"root", Num(c["id"]) / 10},
            {"name", c["title"]},
            {"brand", ""},
            {"supplier", c["seller"]},
            {"subjectId", c["category_id"]},
            {"sizes", nlohmann::json::array({size})},
            {"totalQuantity", 40}};
}

api::HttpResponse WbDetail(const Context& ctx, api::HttpRequest& req) {
    // nm takes one id or several joined by ';'; unknown ones are simply absent from the list.
    nlohmann::json products = nlohmann::json::array();
    std::stringstream ids(req.Query("nm"));
    std::string id;
    while (std::getline(ids, id, ';')) {
        if (auto c = FindCard(ctx, "wildberries", id)) products.push_back(WbProduct(*c));
    }
    return api::JsonResponse(200, {{"state", 0}, {"payloadVersion", 2}, {"data", {{"products", products}}}});
}

api::HttpResponse UzumProduct(const Context& ctx, api::HttpRequest& req) {
    auto c = FindCard(ctx, "uzum", req.Param("id"));
    if (!c) {
        return api::JsonResponse(404, {{"payload", nullptr},
                                       {"errors", nlohmann::json::array({{{"message", "Product not found"}}})}});
    }
    int64_t price = (*c)["price"].get<int64_t>();
    // fullPrice is the crossed-out price, purchasePrice what a buyer pays (sums).
    nlohmann::json sku = {{"id", Num((*c)["id"]) * 10 + 1},
                          {"availableAmount", 25},
                          {"fullPrice", price * 5 / 4},
                          {"purchasePrice", price},
                          {"characteristics", nlohmann::json::array()}};
    nlohmann::json data = {{"id", Num((*c)["id"])},
                           {"title", (*c)["title"]},
                           {"category", {{"id", (*c)["category_id"]}, {"title", ""}}},
                           {"seller", {{"id", Num((*c)["id"]) % 1000 + 5000}, {"title", (*c)["seller"]}}},
                           {"totalAvailableAmount", 25},
                           {"skuList", nlohmann::json::array({sku})}};
    return api::JsonResponse(200, {{"payload", {{"data", data}}}});
}

api::HttpResponse Html(int status, const std::string& body) {
    api::HttpResponse r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = body;
    return r;
}

std::string EscapeHtml(const std::string& s) {
    std::string out;
    for (char ch : s) {
        if (ch == '<') out += "&lt;";
        else if (ch == '>') out += "&gt;";
        else if (ch == '&') out += "&amp;";
        else out += ch;
    }
    return out;
}

// Ozon and Yandex Market product pages: what matters to a reader is the schema.org Product in JSON-LD.
api::HttpResponse ProductPage(const Context& ctx, const std::string& marketplace, api::HttpRequest& req) {
    auto c = FindCard(ctx, marketplace, req.Param("id"));
    if (!c) return Html(404, "<!doctype html><html><head><title>Not found</title></head><body>404</body></html>");
    nlohmann::json ld = {{"@context", "https://schema.org"},
                         {"@type", "Product"},
                         {"name", (*c)["title"]},
                         {"sku", (*c)["id"]},
                         {"offers", {{"@type", "Offer"},
                                     {"price", std::to_string((*c)["price"].get<int64_t>())},
                                     {"priceCurrency", (*c)["currency"]},
                                     {"availability", "https://schema.org/InStock"},
                                     {"seller", {{"@type", "Organization"}, {"name", (*c)["seller"]}}}}}};
    std::string json = ld.dump();
    // "</" inside a script element would end it early.
    for (size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 2)) json.replace(at, 2, "<\\/");
    std::string title = EscapeHtml((*c)["title"].get<std::string>());
    return Html(200, "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title +
                         "</title><script type=\"application/ld+json\">" + json +
                         "</script></head><body><h1>" + title + "</h1></body></html>");
}

}  // namespace

void RegisterStorefront(api::Router& router, const Context& ctx, const std::string& marketplace) {
    const Context* c = &ctx;
    if (marketplace == "wildberries") {
        router.Add("GET", "/cards/v2/detail", [c](api::HttpRequest& req) { return WbDetail(*c, req); });
    } else if (marketplace == "uzum") {
        router.Add("GET", "/api/v2/product/{id}", [c](api::HttpRequest& req) { return UzumProduct(*c, req); });
    } else if (marketplace == "ozon" || marketplace == "yandex") {
        router.Add("GET", "/product/{id}", [c, marketplace](api::HttpRequest& req) {
            return ProductPage(*c, marketplace, req);
        });
    }
}

}  // namespace by::sandbox
