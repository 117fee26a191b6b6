#include "api/routes/route_helpers.hpp"

#include "core/time.hpp"
#include "marketplaces/common/reasons.hpp"

namespace by::api {
namespace {

bool IsScalar(const nlohmann::json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

// A value is a scalar, a list of scalars ("package_contents": ["phone", "cable"]), or the same value in
// each language the seller writes it in ({"ru": "бескаркасная", "uz": "karkassiz"}).
core::Status CheckAttributeValue(const std::string& k, const nlohmann::json& v) {
    auto too_long = [&](const nlohmann::json& x) { return x.is_string() && x.get<std::string>().size() > 1000; };
    std::string field = "attributes." + k;
    if (IsScalar(v)) {
        if (too_long(v)) return core::Error::Unprocessable("attribute " + k + " is longer than 1000 characters", field);
        return core::Ok();
    }
    auto check_list = [&](const std::string& name, const nlohmann::json& list) -> core::Status {
        if (list.size() > 50) return core::Error::Unprocessable("attribute " + name + " has more than 50 values", field);
        for (const auto& x : list) {
            if (!IsScalar(x)) return core::Error::Invalid("attribute " + name + " must list strings or numbers", field);
            if (too_long(x)) return core::Error::Unprocessable("a value of " + name + " is longer than 1000 characters", field);
        }
        return core::Ok();
    };
    if (v.is_array()) return check_list(k, v);
    if (v.is_object() && !v.empty()) {
        for (const auto& [lang, x] : v.items()) {
            std::string name = k + "." + lang;
            if (lang != "uz" && lang != "ru" && lang != "en") {
                return core::Error::Invalid("attribute " + k + " may give values per language: uz, ru, en", field);
            }
            if (x.is_array()) {
                BY_TRY(check_list(name, x));
            } else if (!IsScalar(x)) {
                return core::Error::Invalid("attribute " + name + " must be a string, number or list", field);
            } else if (too_long(x)) {
                return core::Error::Unprocessable("attribute " + name + " is longer than 1000 characters", field);
            }
        }
        return core::Ok();
    }
    return core::Error::Invalid("attribute " + k + " must be a string, number, boolean, list, or {uz, ru, en} values", field);
}

}  // namespace

core::Status ReadAttributes(const nlohmann::json& body, nlohmann::json* out) {
    auto it = body.find("attributes");
    if (it == body.end() || it->is_null()) {
        return core::Ok();
    }
    if (!it->is_object()) {
        return core::Error::Invalid("attributes must be an object", "attributes");
    }
    if (it->size() > 100) {
        return core::Error::Unprocessable("at most 100 attributes", "attributes");
    }
    for (const auto& [k, v] : it->items()) {
        if (k.empty() || k.size() > 100) {
            return core::Error::Unprocessable("attribute names are 1..100 characters", "attributes");
        }
        BY_TRY(CheckAttributeValue(k, v));
    }
    *out = *it;
    return core::Ok();
}

core::Result<core::Product> ProductFromBody(const nlohmann::json& body) {
    if (!body.is_object()) {
        return core::Error::Invalid("the product must be a JSON object");
    }
    core::Product prod;
    // The SKU is every marketplace's article key: Ozon's offer_id (50) is the tightest limit.
    BY_ASSIGN(prod.sku, StringField(body, "sku", true, 50));
    BY_ASSIGN(prod.name, StringField(body, "name", true, 500));
    BY_ASSIGN(prod.category, StringField(body, "category", true, 100));
    BY_ASSIGN(prod.brand, StringField(body, "brand", true, 100));
    BY_ASSIGN(prod.description, StringField(body, "description", false, 5000));
    BY_ASSIGN(prod.barcode, StringField(body, "barcode", false, 64));
    BY_ASSIGN(prod.cost, MoneyField(body, "cost"));
    BY_ASSIGN(prod.price, MoneyField(body, "price"));
    BY_ASSIGN(auto stock, IntField(body, "stock", true, 0, 10'000'000));
    BY_TRY(ReadAttributes(body, &prod.attributes));
    if (prod.cost.currency != prod.price.currency) {
        return core::Error::Unprocessable("cost and price must be in the same currency", "cost.currency");
    }
    prod.stock = *stock;
    return prod;
}

std::string SessionCookieName(const ApiContext& ctx) { return ctx.secure_cookies ? "__Host-by_session" : "by_session"; }

core::Result<auth::Principal> RequireCaller(ApiContext& ctx, const HttpRequest& req) {
    std::string authz = req.Header("Authorization");
    if (authz.rfind("Bearer ", 0) == 0) {
        return ctx.auth.FromToken(authz.substr(7));
    }
    std::string sid = req.Cookie(SessionCookieName(ctx));
    if (sid.empty()) {
        return core::Error::Unauthenticated();
    }
    BY_ASSIGN(auth::Principal p, ctx.auth.FromSession(sid));
    bool changes_state = req.method != "GET" && req.method != "HEAD";
    if (changes_state) {
        if (req.Header("Sec-Fetch-Site") == "cross-site") {
            return core::Error::Forbidden("cross-site request refused");
        }
        if (!ctx.auth.CheckCsrf(p, req.Header("X-CSRF-Token"))) {
            return core::Error::Forbidden("missing or wrong X-CSRF-Token");
        }
    }
    return p;
}

core::Result<auth::Principal> RequirePartner(ApiContext& ctx, const HttpRequest& req) {
    BY_ASSIGN(auth::Principal p, RequireCaller(ctx, req));
    if (p.partner_id.empty()) {
        return core::Error::Forbidden("this action is for partner accounts");
    }
    return p;
}

core::Result<auth::Principal> RequireAdmin(ApiContext& ctx, const HttpRequest& req) {
    BY_ASSIGN(auth::Principal p, RequireCaller(ctx, req));
    if (!p.IsAdmin()) {
        return core::Error::Forbidden("admins only");
    }
    return p;
}

core::Result<std::string> StringField(const nlohmann::json& body, const std::string& name, bool required,
                                      size_t max_len, size_t min_len) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required) {
            return core::Error::Unprocessable(name + " is required", name);
        }
        return std::string();
    }
    if (!it->is_string()) {
        return core::Error::Invalid(name + " must be a string", name);
    }
    std::string v = it->get<std::string>();
    if (v.size() > max_len) {
        return core::Error::Unprocessable(name + " is longer than " + std::to_string(max_len) + " characters", name);
    }
    if (required && v.size() < std::max<size_t>(min_len, 1)) {
        return core::Error::Unprocessable(name + " is required", name);
    }
    for (unsigned char c : v) {
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            return core::Error::Unprocessable(name + " contains control characters", name);
        }
    }
    return v;
}

core::Result<std::optional<int64_t>> IntField(const nlohmann::json& body, const std::string& name, bool required,
                                              int64_t min, int64_t max) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required) {
            return core::Error::Unprocessable(name + " is required", name);
        }
        return std::optional<int64_t>();
    }
    if (!it->is_number_integer()) {
        return core::Error::Invalid(name + " must be an integer", name);
    }
    int64_t v = it->get<int64_t>();
    if (v < min || v > max) {
        return core::Error::Unprocessable(
            name + " must be between " + std::to_string(min) + " and " + std::to_string(max), name);
    }
    return std::optional<int64_t>(v);
}

core::Result<core::Money> MoneyField(const nlohmann::json& body, const std::string& name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        return core::Error::Unprocessable(name + " is required", name);
    }
    if (!it->is_object()) {
        return core::Error::Invalid(name + " must be {amount, currency}", name);
    }
    auto amount = it->find("amount");
    auto currency = it->find("currency");
    if (amount == it->end() || !amount->is_number_integer()) {
        return core::Error::Invalid(name + ".amount must be an integer in minor units", name + ".amount");
    }
    if (currency == it->end() || !currency->is_string()) {
        return core::Error::Invalid(name + ".currency must be a string", name + ".currency");
    }
    core::Money m{amount->get<int64_t>(), currency->get<std::string>()};
    if (m.amount < 0 || m.amount > 1'000'000'000'000'00LL) {
        return core::Error::Unprocessable(name + ".amount is out of range", name + ".amount");
    }
    if (!core::IsSupportedCurrency(m.currency)) {
        return core::Error::Unprocessable(name + ".currency must be UZS or RUB", name + ".currency");
    }
    return m;
}

core::Result<std::optional<std::string>> ProductFilter(ApiContext& ctx, const HttpRequest& req,
                                                       const std::string& partner_id) {
    std::string id = req.Query("product_id");
    if (id.empty()) return std::optional<std::string>();
    BY_TRY(ctx.store.GetProduct(partner_id, id));
    return std::optional<std::string>(id);
}

core::Result<store::Page> PageFromQuery(const HttpRequest& req) {
    store::Page page;
    std::string limit = req.Query("limit");
    if (!limit.empty()) {
        char* end = nullptr;
        long v = std::strtol(limit.c_str(), &end, 10);
        if (*end != '\0' || v < 1 || v > 200) {
            return core::Error::Invalid("limit must be 1..200", "limit");
        }
        page.limit = static_cast<int>(v);
    }
    page.cursor = req.Query("cursor");
    return page;
}

nlohmann::json TimeOrNull(int64_t ms) { return ms > 0 ? nlohmann::json(core::FormatRfc3339(ms)) : nlohmann::json(); }

nlohmann::json ToJson(const store::UserRow& u) {
    return {{"id", u.id}, {"email", u.email}, {"role", u.role},
            {"partner_id", u.partner_id.empty() ? nlohmann::json() : nlohmann::json(u.partner_id)}};
}

nlohmann::json ToJson(const store::PartnerRow& p) {
    return {{"id", p.id}, {"company", p.company}, {"tier", p.tier}, {"status", p.status},
            {"created_at", TimeOrNull(p.created_at)}};
}

nlohmann::json ToJson(const core::Money& m) { return {{"amount", m.amount}, {"currency", m.currency}}; }

nlohmann::json ToJson(const core::Product& p) {
    return {{"id", p.id},
            {"sku", p.sku},
            {"name", p.name},
            {"category", p.category},
            {"brand", p.brand},
            {"description", p.description},
            {"attributes", p.attributes},
            {"cost", ToJson(p.cost)},
            {"price", ToJson(p.price)},
            {"stock", p.stock},
            {"barcode", p.barcode},
            {"photos", p.photo_asset_ids},
            {"created_at", TimeOrNull(p.created_at_ms)},
            {"updated_at", TimeOrNull(p.updated_at_ms)}};
}

nlohmann::json ToJson(const store::RequestRow& r) {
    return {{"id", r.id},
            {"partner_id", r.partner_id},
            {"product_id", r.product_id},
            {"marketplaces", r.marketplaces},
            {"priority", r.priority},
            {"status", r.status},
            {"decided_by", r.decided_by.empty() ? nlohmann::json() : nlohmann::json(r.decided_by)},
            {"decided_at", TimeOrNull(r.decided_at)},
            {"reason", r.reason},
            {"created_at", TimeOrNull(r.created_at)},
            {"updated_at", TimeOrNull(r.updated_at)}};
}

nlohmann::json CardSummaryJson(const store::CardRow& c) {
    int total = static_cast<int>(c.stages.size());
    int done = 0;
    for (const auto& s : c.stages) {
        if (s.value("status", "") == "done") {
            ++done;
        }
    }
    int progress = total == 0 ? 0 : done * 100 / total;
    if (c.status == "live") {
        progress = 100;
    }
    return {{"id", c.id},
            {"marketplace", c.marketplace},
            {"status", c.status},
            {"stages", c.stages},
            {"progress", progress},
            {"error", c.error.empty() ? nlohmann::json() : nlohmann::json(c.error)},
            {"marketplace_ref", c.marketplace_ref}};
}

nlohmann::json CardJson(const store::CardRow& c) {
    nlohmann::json j = CardSummaryJson(c);
    j["request_id"] = c.request_id;
    j["product_id"] = c.product_id;
    j["content"] = c.content;
    j["images"] = c.images;
    j["video"] = c.video.empty() ? nlohmann::json() : nlohmann::json(c.video);
    j["quality"] = c.quality;
    j["moderation"] = c.moderation;
    // The marketplace's reasons, each with our explanation in the three languages where we know it.
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : c.moderation.value("reasons", nlohmann::json::array())) {
        if (!r.is_string()) continue;
        auto known = marketplaces::ExplainReason(r.get<std::string>());
        reasons.push_back({{"original", r},
                           {"code", known ? nlohmann::json(known->code) : nlohmann::json()},
                           {"text", known ? nlohmann::json{{"uz", known->uz}, {"ru", known->ru}, {"en", known->en}}
                                          : nlohmann::json()}});
    }
    j["reasons"] = reasons;
    return j;
}

}  // namespace by::api
