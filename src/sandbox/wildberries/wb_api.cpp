#include "sandbox/wildberries/wb_api.hpp"

#include <cmath>

#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox::wb {
namespace {

const char* StatusText(int status) {
    switch (status) {
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 413: return "Request Entity Too Large";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        default: return "Error";
    }
}

std::string Bearerless(const std::string& header) {
    // WB takes the token as is; clients that add "Bearer " are accepted too.
    if (header.rfind("Bearer ", 0) == 0) {
        return header.substr(7);
    }
    return header;
}

nlohmann::json ContentOk(nlohmann::json data) {
    return {{"data", std::move(data)}, {"error", false}, {"errorText", ""}, {"additionalErrors", nullptr}};
}

}  // namespace

std::string SellerKey(const SellerAccount& s, const std::string& rest) { return s.name + "/" + rest; }

api::HttpResponse GatewayError(int status, const std::string& title, const std::string& detail,
                               const std::string& origin, int64_t now_ms) {
    return api::JsonResponse(status, {{"title", title},
                                      {"detail", detail},
                                      {"code", NewUuid()},
                                      {"requestId", NewRequestId()},
                                      {"origin", origin},
                                      {"status", status},
                                      {"statusText", StatusText(status)},
                                      {"timestamp", IsoSeconds(now_ms)}});
}

api::HttpResponse ContentError(int status, const std::string& text, nlohmann::json additional) {
    return api::JsonResponse(status,
                             {{"data", nullptr}, {"error", true}, {"errorText", text}, {"additionalErrors", additional}});
}

api::HttpResponse MarketError(int status, const std::string& code, const std::string& message) {
    return api::JsonResponse(status, {{"code", code}, {"message", message}});
}

api::HttpResponse WbApi::ServerError() const {
    return GatewayError(500, "internal server error", "sandbox fault", "s2s-api-auth-sandbox", ctx_.NowMs());
}

api::HttpResponse WbApi::OverLimit(const api::HttpRequest& req) const {
    api::HttpResponse r = GatewayError(429, "too many requests", "limited by " + NewUuid(), "s2s-api-auth-sandbox",
                                       ctx_.NowMs());
    r.SetHeader("X-Ratelimit-Retry", "1");
    return r;
}

const SellerAccount* WbApi::Admit(const api::HttpRequest& req, const char* group, const BucketSpec& spec,
                                  const char* origin, api::HttpResponse* out) const {
    std::string header = req.Header("Authorization");
    if (header.empty()) {
        *out = GatewayError(401, "unauthorized", "empty Authorization header", origin, ctx_.NowMs());
        return nullptr;
    }
    const SellerAccount* seller = ctx_.accounts.ByWbToken(Bearerless(header));
    if (seller == nullptr) {
        *out = GatewayError(401, "unauthorized", "token problem; token is malformed: could not parse the token",
                            origin, ctx_.NowMs());
        return nullptr;
    }
    LimitDecision d = ctx_.limiter.TakeBucket(name() + "|" + seller->name + "|" + group, spec);
    if (!d.allowed) {
        *out = GatewayError(429, "too many requests", "limited by " + NewUuid(), origin, ctx_.NowMs());
        int64_t secs = std::max<int64_t>(1, (d.retry_after_ms + 999) / 1000);
        out->SetHeader("X-Ratelimit-Retry", std::to_string(secs));
        return nullptr;
    }
    return seller;
}

void WbApi::Register(api::Router& r) {
    auto bind = [this](api::HttpResponse (WbApi::*fn)(api::HttpRequest&)) {
        return [this, fn](api::HttpRequest& req) { return (this->*fn)(req); };
    };
    r.Add("GET", "/ping", bind(&WbApi::Ping));
    r.Add("GET", "/api/v1/seller-info", bind(&WbApi::SellerInfo));
    r.Add("GET", "/content/v2/object/parent/all", bind(&WbApi::Parents));
    r.Add("GET", "/content/v2/object/all", bind(&WbApi::Subjects));
    r.Add("GET", "/content/v2/object/charcs/{subjectId}", bind(&WbApi::Charcs));
    r.Add("GET", "/content/v2/directory/colors", bind(&WbApi::Colors));
    r.Add("GET", "/content/v2/directory/countries", bind(&WbApi::Countries));
    r.Add("GET", "/content/v2/directory/kinds", bind(&WbApi::Kinds));
    r.Add("GET", "/content/v2/cards/limits", bind(&WbApi::Limits));
    r.Add("POST", "/content/v2/cards/upload", bind(&WbApi::Upload));
    r.Add("POST", "/content/v2/cards/update", bind(&WbApi::Update));
    r.Add("POST", "/content/v2/get/cards/list", bind(&WbApi::CardsList));
    r.Add("POST", "/content/v2/cards/error/list", bind(&WbApi::ErrorList));
    r.Add("POST", "/content/v3/media/save", bind(&WbApi::MediaSave));
    r.Add("POST", "/api/v2/upload/task", bind(&WbApi::UploadPrices));
    r.Add("GET", "/api/v2/list/goods/filter", bind(&WbApi::GoodsFilter));
    r.Add("GET", "/api/v3/warehouses", bind(&WbApi::Warehouses));
    r.Add("PUT", "/api/v3/stocks/{warehouseId}", bind(&WbApi::PutStocks));
    r.Add("POST", "/api/v3/stocks/{warehouseId}", bind(&WbApi::GetStocks));
    r.Add("GET", "/api/v3/orders/new", bind(&WbApi::NewOrders));
    r.Add("GET", "/api/v3/orders", bind(&WbApi::Orders));
    r.Add("POST", "/api/v3/orders/status", bind(&WbApi::OrderStatuses));
}

api::HttpResponse WbApi::Ping(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "ping", kPingLimit, "s2s-api-auth-common", &err) == nullptr) {
        return err;
    }
    return api::JsonResponse(200, {{"TS", IsoSeconds(ctx_.NowMs())}, {"Status", "OK"}});
}

api::HttpResponse WbApi::SellerInfo(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* s = Admit(req, "common", kContentLimit, "s2s-api-auth-common", &err);
    if (s == nullptr) {
        return err;
    }
    // A stable UUID-shaped sid per seller.
    std::string sid = "5b3a1c2d-0000-4000-8000-" + std::string(12 - std::min<size_t>(12, s->name.size()), '0') + s->name;
    return api::JsonResponse(200, {{"name", s->title}, {"sid", sid}, {"tradeMark", s->title}});
}

api::HttpResponse WbApi::Parents(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    nlohmann::json data = nlohmann::json::array();
    for (const auto& p : catalog::WbParents()) {
        data.push_back({{"name", p.name}, {"id", p.id}, {"isVisible", true}});
    }
    return api::JsonResponse(200, ContentOk(data));
}

api::HttpResponse WbApi::Subjects(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    std::string name_filter = req.Query("name");
    int64_t parent = req.Query("parentID").empty() ? 0 : std::atoll(req.Query("parentID").c_str());
    int64_t limit = req.Query("limit").empty() ? 30 : std::atoll(req.Query("limit").c_str());
    int64_t offset = req.Query("offset").empty() ? 0 : std::atoll(req.Query("offset").c_str());
    if (limit <= 0 || limit > 1000 || offset < 0) {
        return ContentError(400, "Invalid request format");
    }
    nlohmann::json data = nlohmann::json::array();
    int64_t index = 0;
    for (const auto& s : catalog::WbSubjects()) {
        if (parent != 0 && s.parent_id != parent) {
            continue;
        }
        if (!name_filter.empty() && std::string(s.name).find(name_filter) == std::string::npos) {
            continue;
        }
        if (index++ < offset) {
            continue;
        }
        if (static_cast<int64_t>(data.size()) >= limit) {
            break;
        }
        const catalog::WbParent* p = catalog::FindWbParent(s.parent_id);
        data.push_back({{"subjectID", s.id},
                        {"parentID", s.parent_id},
                        {"subjectName", s.name},
                        {"parentName", p ? p->name : ""}});
    }
    return api::JsonResponse(200, ContentOk(data));
}

api::HttpResponse WbApi::Charcs(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    auto id = AsInt(nlohmann::json(req.Param("subjectId")));
    const catalog::WbSubject* subject = id ? catalog::FindWbSubject(*id) : nullptr;
    if (subject == nullptr) {
        return ContentError(400, "This category does not exist", {{"id", req.Param("subjectId")}});
    }
    nlohmann::json data = nlohmann::json::array();
    for (const auto& c : catalog::WbCharcsFor(subject->id)) {
        data.push_back({{"charcID", c.id},
                        {"subjectName", subject->name},
                        {"subjectID", subject->id},
                        {"name", c.name},
                        {"required", c.required},
                        {"unitName", c.unit},
                        {"maxCount", c.max_count},
                        {"popular", c.required},
                        {"charcType", c.charc_type}});
    }
    return api::JsonResponse(200, ContentOk(data));
}

api::HttpResponse WbApi::Colors(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    nlohmann::json data = nlohmann::json::array();
    for (const auto& c : catalog::WbColors()) {
        data.push_back({{"name", c.name}, {"parentName", c.parent}});
    }
    return api::JsonResponse(200, ContentOk(data));
}

api::HttpResponse WbApi::Countries(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    nlohmann::json data = nlohmann::json::array();
    for (const auto& c : catalog::WbCountries()) {
        data.push_back({{"name", c.name}, {"fullName", c.full_name}});
    }
    return api::JsonResponse(200, ContentOk(data));
}

api::HttpResponse WbApi::Kinds(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    return api::JsonResponse(200, ContentOk(catalog::WbKinds()));
}

api::HttpResponse WbApi::Limits(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, "content", kContentLimit, "s2s-api-auth-content", &err) == nullptr) {
        return err;
    }
    return api::JsonResponse(200, ContentOk({{"freeLimits", 10000}, {"paidLimits", 0}}));
}

}  // namespace by::sandbox::wb
