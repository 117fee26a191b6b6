#include "competitors/storefront_parse.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace by::competitors {
namespace {

using nlohmann::json;

core::Error Shape(const std::string& what, const std::string& field) {
    return core::Error::Unprocessable("unexpected storefront answer: " + what, field);
}

// A string member, or "" when absent or of another type (json::value would throw on the latter).
std::string Str(const json& node, const char* key) {
    auto it = node.find(key);
    return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<json> ParseJson(std::string_view body) {
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return j;
}

// A JSON number or numeric string as minor units; `scale_minor` tells whether the value is already in
// minor units (WB kopecks) or in whole units with up to two decimals.
core::Result<int64_t> Amount(const json& v, bool already_minor, const std::string& field) {
    if (v.is_number_integer()) {
        int64_t n = v.get<int64_t>();
        return already_minor ? n : n * 100;
    }
    if (!already_minor && (v.is_number_float() || v.is_string())) {
        auto r = DecimalToMinor(v.is_string() ? v.get<std::string>() : v.dump());
        if (!r.ok()) return Shape(field + " is not a price: " + r.error().message, field);
        return *r;
    }
    return Shape(field + " is missing or not a number", field);
}

}  // namespace

core::Result<int64_t> DecimalToMinor(std::string_view text) {
    if (text.empty()) return core::Error::Invalid("empty number");
    size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() || whole.size() > 15) return core::Error::Invalid("bad number '" + std::string(text) + "'");
    // Trailing zeros past the cents carry no value (JSON floats print 18990.50 as 18990.5).
    while (frac.size() > 2 && frac.back() == '0') frac.remove_suffix(1);
    if (frac.size() > 2) return core::Error::Invalid("more than two decimals in '" + std::string(text) + "'");
    int64_t n = 0;
    for (char ch : whole) {
        if (ch < '0' || ch > '9') return core::Error::Invalid("bad number '" + std::string(text) + "'");
        n = n * 10 + (ch - '0');
    }
    int64_t cents = 0;
    for (size_t i = 0; i < 2; ++i) {
        char ch = i < frac.size() ? frac[i] : '0';
        if (ch < '0' || ch > '9') return core::Error::Invalid("bad number '" + std::string(text) + "'");
        cents = cents * 10 + (ch - '0');
    }
    return n * 100 + cents;
}

core::Result<PriceRead> ParseWildberriesCard(std::string_view body, const std::string& card_id) {
    auto j = ParseJson(body);
    if (!j || !j->is_object()) return Shape("not a JSON object", "");
    // v2 wraps the list in data; v4 has it at the top.
    const json* products = nullptr;
    if (j->contains("data") && (*j)["data"].is_object() && (*j)["data"].contains("products")) {
        products = &(*j)["data"]["products"];
    } else if (j->contains("products")) {
        products = &(*j)["products"];
    }
    if (!products || !products->is_array()) return Shape("no products list", "data.products");
    for (const auto& p : *products) {
        if (!p.is_object() || !p.contains("id")) continue;
        std::string id = p["id"].is_string() ? p["id"].get<std::string>() : p["id"].dump();
        if (id != card_id) continue;
        if (!p.contains("sizes") || !p["sizes"].is_array()) return Shape("the card has no sizes", "sizes");
        std::optional<int64_t> lowest;
        for (const auto& s : p["sizes"]) {
            // A size without a price is out of stock: skip it, the others still sell.
            if (!s.is_object() || !s.contains("price") || !s["price"].is_object()) continue;
            BY_ASSIGN(int64_t v, Amount(s["price"].value("product", json()), true, "sizes[].price.product"));
            if (v <= 0) return Shape("sizes[].price.product is not positive", "sizes[].price.product");
            if (!lowest || v < *lowest) lowest = v;
        }
        if (!lowest) return Shape("no size of the card has a price (sold out?)", "sizes[].price.product");
        return PriceRead{*lowest, "RUB", Str(p, "name")};
    }
    return core::Error::NotFound("wildberries has no card " + card_id);
}

core::Result<PriceRead> ParseUzumProduct(std::string_view body) {
    auto j = ParseJson(body);
    if (!j || !j->is_object()) return Shape("not a JSON object", "");
    if (!j->contains("payload") || (*j)["payload"].is_null()) return core::Error::NotFound("uzum has no such product");
    const json& payload = (*j)["payload"];
    if (!payload.is_object() || !payload.contains("data") || !payload["data"].is_object()) {
        return Shape("no payload.data", "payload.data");
    }
    const json& data = payload["data"];
    if (!data.contains("skuList") || !data["skuList"].is_array() || data["skuList"].empty()) {
        return Shape("no skuList", "payload.data.skuList");
    }
    std::optional<int64_t> lowest;
    for (const auto& sku : data["skuList"]) {
        if (!sku.is_object()) return Shape("a skuList entry is not an object", "payload.data.skuList");
        BY_ASSIGN(int64_t v, Amount(sku.value("purchasePrice", json()), false, "skuList[].purchasePrice"));
        if (v <= 0) return Shape("skuList[].purchasePrice is not positive", "skuList[].purchasePrice");
        if (!lowest || v < *lowest) lowest = v;
    }
    return PriceRead{*lowest, "UZS", Str(data, "title")};
}

namespace {

bool IsProduct(const json& node) {
    if (!node.is_object() || !node.contains("@type")) return false;
    const json& t = node["@type"];
    if (t.is_string()) return t.get<std::string>() == "Product";
    if (t.is_array()) {
        for (const auto& x : t) {
            if (x.is_string() && x.get<std::string>() == "Product") return true;
        }
    }
    return false;
}

// Every Product node in a JSON-LD document: the root, an array of nodes, or an @graph.
void CollectProducts(const json& doc, std::vector<const json*>* out) {
    if (doc.is_array()) {
        for (const auto& n : doc) CollectProducts(n, out);
    } else if (doc.is_object()) {
        if (IsProduct(doc)) out->push_back(&doc);
        if (doc.contains("@graph")) CollectProducts(doc["@graph"], out);
    }
}

// The JSON texts of every <script type="application/ld+json"> in the page.
std::vector<std::string_view> LdScripts(std::string_view html) {
    std::vector<std::string_view> out;
    size_t at = 0;
    while ((at = html.find("<script", at)) != std::string_view::npos) {
        size_t tag_end = html.find('>', at);
        if (tag_end == std::string_view::npos) break;
        std::string_view tag = html.substr(at, tag_end - at);
        size_t close = html.find("</script>", tag_end);
        if (close == std::string_view::npos) break;
        if (tag.find("application/ld+json") != std::string_view::npos) {
            out.push_back(html.substr(tag_end + 1, close - tag_end - 1));
        }
        at = close;
    }
    return out;
}

}  // namespace

core::Result<PriceRead> ParseProductJsonLd(std::string_view html) {
    auto scripts = LdScripts(html);
    if (scripts.empty()) return Shape("the page has no JSON-LD", "script[type=application/ld+json]");
    std::vector<json> docs;
    for (auto s : scripts) {
        if (auto j = ParseJson(s)) docs.push_back(std::move(*j));
    }
    std::vector<const json*> products;
    for (const auto& d : docs) CollectProducts(d, &products);
    if (products.empty()) return Shape("no schema.org Product in the page's JSON-LD", "@type");
    const json& p = *products.front();
    if (!p.contains("offers")) return Shape("the Product has no offers", "offers");
    std::vector<const json*> offers;
    if (p["offers"].is_array()) {
        for (const auto& o : p["offers"]) offers.push_back(&o);
    } else {
        offers.push_back(&p["offers"]);
    }
    std::optional<PriceRead> best;
    for (const json* o : offers) {
        if (!o->is_object()) return Shape("an offer is not an object", "offers");
        // An AggregateOffer gives the range; lowPrice is what the cheapest seller asks.
        const char* field = o->contains("price") ? "price" : "lowPrice";
        BY_ASSIGN(int64_t v, Amount(o->value(field, json()), false, std::string("offers.") + field));
        if (v <= 0) return Shape(std::string("offers.") + field + " is not positive", std::string("offers.") + field);
        std::string currency = Str(*o, "priceCurrency");
        if (currency.size() != 3) return Shape("offers.priceCurrency is missing or not ISO 4217", "offers.priceCurrency");
        if (currency == "RUR") currency = "RUB";
        if (best && best->currency != currency) return Shape("offers in more than one currency", "offers.priceCurrency");
        if (!best || v < best->amount) best = PriceRead{v, currency, Str(p, "name")};
    }
    if (!best) return Shape("the Product has no offers", "offers");
    return *best;
}

}  // namespace by::competitors
