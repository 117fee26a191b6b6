#include "sandbox/yandex/yandex_api.hpp"

#include "core/encoding.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox::yandex {

using nlohmann::json;

api::HttpResponse YandexError(int status, const std::string& code, const std::string& message) {
    return api::JsonResponse(status, {{"status", "ERROR"}, {"errors", json::array({{{"code", code}, {"message", message}}})}});
}

std::string SellerKey(const SellerAccount& s, const std::string& rest) { return s.name + "/" + rest; }

std::string PageToken(size_t offset) { return core::Base64UrlEncode("offset:" + std::to_string(offset)); }

std::optional<size_t> ParsePageToken(const std::string& token) {
    if (token.empty()) {
        return 0;
    }
    auto raw = core::Base64UrlDecode(token);
    if (!raw || raw->rfind("offset:", 0) != 0) {
        return std::nullopt;
    }
    auto n = AsInt(json(raw->substr(7)));
    if (!n || *n < 0) {
        return std::nullopt;
    }
    return static_cast<size_t>(*n);
}

api::HttpResponse YandexApi::ServerError() const {
    return YandexError(500, "INTERNAL_ERROR", "Internal server error");
}

api::HttpResponse YandexApi::OverLimit(const api::HttpRequest& req) const {
    return YandexError(420, "HIT_RATE_LIMIT", "Hit rate limit for resource (sandbox fault)");
}

void YandexApi::LimitHeaders(api::HttpResponse& resp, const LimitDecision& d) const {
    resp.SetHeader("X-RateLimit-Resource-Limit", std::to_string(d.limit));
    resp.SetHeader("X-RateLimit-Resource-Remaining", std::to_string(d.remaining));
    resp.SetHeader("X-RateLimit-Resource-Until", HttpDate(ctx_.NowMs() + d.reset_after_ms));
}

const SellerAccount* YandexApi::Admit(const api::HttpRequest& req, const ResourceLimit& limit, int64_t units,
                                      api::HttpResponse* out, LimitDecision* decision) const {
    std::string key = req.Header("Api-Key");
    if (key.empty()) {
        *out = YandexError(401, "UNAUTHORIZED", "Api-Key is not specified in the request");
        return nullptr;
    }
    const SellerAccount* seller = ctx_.accounts.ByYandexKey(key);
    if (seller == nullptr) {
        *out = YandexError(401, "UNAUTHORIZED", "Api-Key is invalid");
        return nullptr;
    }
    std::string business = req.Param("businessId");
    if (!business.empty() && AsInt(json(business)).value_or(0) != seller->yandex_business_id) {
        *out = YandexError(403, "FORBIDDEN", "Access denied to business " + business);
        return nullptr;
    }
    std::string campaign = req.Param("campaignId");
    if (!campaign.empty() && AsInt(json(campaign)).value_or(0) != seller->yandex_campaign_id) {
        *out = YandexError(403, "FORBIDDEN", "Access denied to campaign " + campaign);
        return nullptr;
    }
    LimitDecision d = ctx_.limiter.TakeWindow(
        name() + "|" + seller->name + "|" + std::to_string(limit.resource_id), limit.window, units);
    if (decision != nullptr) {
        *decision = d;
    }
    if (!d.allowed) {
        std::string period = limit.window.period_ms >= kHour ? "1 hours" : "1 minutes";
        *out = YandexError(420, "HIT_RATE_LIMIT",
                           "Hit rate limit of " + std::to_string(limit.window.amount) + " " + limit.unit + " per " +
                               period + " for resource " + std::to_string(limit.resource_id));
        LimitHeaders(*out, d);
        out->SetHeader("Retry-After", std::to_string(std::max<int64_t>(1, (d.retry_after_ms + 999) / 1000)));
        return nullptr;
    }
    return seller;
}

void YandexApi::Register(api::Router& r) {
    auto bind = [this](api::HttpResponse (YandexApi::*fn)(api::HttpRequest&)) {
        return [this, fn](api::HttpRequest& req) { return (this->*fn)(req); };
    };
    r.Add("GET", "/v2/campaigns", bind(&YandexApi::Campaigns));
    r.Add("GET", "/v2/campaigns/{campaignId}", bind(&YandexApi::Campaign));
    r.Add("POST", "/v2/categories/tree", bind(&YandexApi::CategoriesTree));
    r.Add("POST", "/v2/category/{categoryId}/parameters", bind(&YandexApi::CategoryParameters));
    r.Add("POST", "/v2/businesses/{businessId}/offer-mappings/update", bind(&YandexApi::UpdateMappings));
    r.Add("POST", "/v2/businesses/{businessId}/offer-mappings", bind(&YandexApi::GetMappings));
    r.Add("POST", "/v2/businesses/{businessId}/offer-mappings/delete", bind(&YandexApi::DeleteMappings));
    r.Add("POST", "/v2/businesses/{businessId}/offer-cards", bind(&YandexApi::OfferCards));
    r.Add("POST", "/v2/businesses/{businessId}/offer-prices/updates", bind(&YandexApi::UpdatePrices));
    r.Add("PUT", "/v2/campaigns/{campaignId}/offers/stocks", bind(&YandexApi::PutStocks));
    r.Add("POST", "/v2/campaigns/{campaignId}/offers/stocks", bind(&YandexApi::GetStocks));
    r.Add("POST", "/v1/businesses/{businessId}/orders", bind(&YandexApi::BusinessOrders));
    r.Add("GET", "/v2/campaigns/{campaignId}/orders", bind(&YandexApi::CampaignOrders));
}

namespace {

json CampaignJson(const SellerAccount& s) {
    return {{"domain", s.name + ".sandbox.market.yandex.uz"},
            {"id", s.yandex_campaign_id},
            {"clientId", s.yandex_business_id + 1000000},
            {"business", {{"id", s.yandex_business_id}, {"name", s.title}}},
            {"placementType", "FBS"},
            {"apiAvailability", "AVAILABLE"}};
}

json CategoryNode(const catalog::YandexCategory& c) {
    json node = {{"id", c.id}, {"name", c.name}};
    json children = json::array();
    for (const auto& k : catalog::YandexCategories()) {
        if (k.parent_id == c.id) {
            children.push_back(CategoryNode(k));
        }
    }
    if (!children.empty()) {
        node["children"] = children;
    }
    return node;
}

}  // namespace

api::HttpResponse YandexApi::Campaigns(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    const SellerAccount* s = Admit(req, kCampaignsLimit, 1, &err, &d);
    if (s == nullptr) {
        return err;
    }
    api::HttpResponse resp = api::JsonResponse(
        200, {{"campaigns", json::array({CampaignJson(*s)})},
              {"pager", {{"total", 1}, {"from", 1}, {"to", 1}, {"currentPage", 1}, {"pagesCount", 1}, {"pageSize", 1}}}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::Campaign(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    const SellerAccount* s = Admit(req, kCampaignLimit, 1, &err, &d);
    if (s == nullptr) {
        return err;
    }
    api::HttpResponse resp = api::JsonResponse(200, {{"campaign", CampaignJson(*s)}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::CategoriesTree(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    if (Admit(req, kTreeLimit, 1, &err, &d) == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return YandexError(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    std::string lang = JsonString(*body, "language", "RU");
    if (lang != "RU" && lang != "EN") {
        return YandexError(400, "BAD_REQUEST", "language must be RU or EN");
    }
    api::HttpResponse resp =
        api::JsonResponse(200, {{"status", "OK"}, {"result", CategoryNode(catalog::YandexCategories().front())}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::CategoryParameters(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    if (Admit(req, kParamsLimit, 1, &err, &d) == nullptr) {
        return err;
    }
    auto id = AsInt(json(req.Param("categoryId")));
    if (!id || catalog::FindYandexCategory(*id) == nullptr) {
        return YandexError(404, "NOT_FOUND", "Category " + req.Param("categoryId") + " not found");
    }
    if (!catalog::YandexIsLeaf(*id)) {
        return YandexError(400, "INVALID_CATEGORY", "Category " + req.Param("categoryId") + " is not a leaf category");
    }
    json params = json::array();
    for (const auto& p : catalog::YandexParametersFor(*id)) {
        json j = {{"id", p.id},
                  {"name", p.name},
                  {"type", p.type},
                  {"required", p.required},
                  {"filtering", p.type == std::string("ENUM")},
                  {"distinctive", false},
                  {"multivalue", p.multivalue},
                  {"allowCustomValues", p.allow_custom_values}};
        if (*p.unit) {
            j["unit"] = {{"defaultUnitId", p.unit_id},
                         {"units", json::array({{{"id", p.unit_id}, {"name", p.unit}, {"fullName", p.unit}}})}};
        }
        if (!p.values.empty()) {
            json values = json::array();
            for (const auto& v : p.values) {
                values.push_back({{"id", v.id}, {"value", v.value}});
            }
            j["values"] = values;
        }
        if (p.max_length > 0) {
            j["constraints"] = {{"maxLength", p.max_length}};
        }
        params.push_back(j);
    }
    api::HttpResponse resp =
        api::JsonResponse(200, {{"status", "OK"}, {"result", {{"categoryId", *id}, {"parameters", params}}}});
    LimitHeaders(resp, d);
    return resp;
}

}  // namespace by::sandbox::yandex
