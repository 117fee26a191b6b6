// Small helpers shared by the route files: caller resolution with CSRF, JSON field readers that name
// the field in their errors, paging, and the JSON shapes of our records.
#pragma once

#include <optional>
#include <string>

#include "api/context.hpp"
#include "api/http.hpp"
#include "auth/auth_service.hpp"
#include "store/store.hpp"

namespace by::api {

// Resolves the caller from the session cookie or a Bearer token; for state-changing methods with a
// cookie also checks X-CSRF-Token and rejects cross-site requests (403).
core::Result<auth::Principal> RequireCaller(ApiContext& ctx, const HttpRequest& req);
core::Result<auth::Principal> RequirePartner(ApiContext& ctx, const HttpRequest& req);
core::Result<auth::Principal> RequireAdmin(ApiContext& ctx, const HttpRequest& req);
std::string SessionCookieName(const ApiContext& ctx);

// Field readers: 400 for a wrong type, 422 for a missing or out-of-range value; `field` names it.
core::Result<std::string> StringField(const nlohmann::json& body, const std::string& name, bool required,
                                      size_t max_len, size_t min_len = 0);
core::Result<std::optional<int64_t>> IntField(const nlohmann::json& body, const std::string& name, bool required,
                                              int64_t min, int64_t max);
core::Result<core::Money> MoneyField(const nlohmann::json& body, const std::string& name);

// The `attributes` object of a product body (a missing or null one leaves *out alone): at most 100 names of
// 1..100 characters; each value a scalar, a list of at most 50 scalars, or {uz, ru, en} of those; strings
// at most 1000 characters.
core::Status ReadAttributes(const nlohmann::json& body, nlohmann::json* out);
// A product from the POST /api/products body (API.md), checked field by field as that route does; the id,
// partner and photos are left for the caller. Also used by `biznesyordam generate`.
core::Result<core::Product> ProductFromBody(const nlohmann::json& body);

core::Result<store::Page> PageFromQuery(const HttpRequest& req);
// ?product_id= of a list: nullopt when absent; another partner's product answers 404.
core::Result<std::optional<std::string>> ProductFilter(ApiContext& ctx, const HttpRequest& req,
                                                       const std::string& partner_id);

nlohmann::json ToJson(const store::UserRow& u);
nlohmann::json ToJson(const store::PartnerRow& p);
nlohmann::json ToJson(const core::Product& p);
nlohmann::json ToJson(const core::Money& m);
nlohmann::json ToJson(const store::RequestRow& r);
nlohmann::json CardSummaryJson(const store::CardRow& c);
nlohmann::json CardJson(const store::CardRow& c);
nlohmann::json TimeOrNull(int64_t ms);

template <typename T>
nlohmann::json PageJson(const store::PageOf<T>& page) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& i : page.items) {
        items.push_back(ToJson(i));
    }
    return {{"items", items}, {"next_cursor", page.next_cursor.empty() ? nlohmann::json() : nlohmann::json(page.next_cursor)}};
}

}  // namespace by::api
