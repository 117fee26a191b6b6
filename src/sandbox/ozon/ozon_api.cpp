#include "sandbox/ozon/ozon_api.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox::ozon {

using nlohmann::json;

api::HttpResponse OzonError(int status, int code, const std::string& message) {
    return api::JsonResponse(status, {{"code", code}, {"message", message}, {"details", json::array()}});
}

std::string SellerKey(const SellerAccount& s, const std::string& rest) { return s.name + "/" + rest; }

bool ProductIsReady(const json& product, int64_t now_ms) {
    return product.value("imported_once", false) && JsonInt(product, "imported_at_ms") <= now_ms;
}

api::HttpResponse OzonApi::ServerError() const { return OzonError(500, 13, "Internal error"); }

api::HttpResponse OzonApi::OverLimit(const api::HttpRequest& req) const {
    return OzonError(429, 8, "You have reached request rate limit per second");
}

const SellerAccount* OzonApi::Admit(const api::HttpRequest& req, api::HttpResponse* out) const {
    std::string client_id = req.Header("Client-Id");
    std::string key = req.Header("Api-Key");
    if (client_id.empty() || key.empty()) {
        *out = OzonError(401, 16, "Client-Id and Api-Key headers are required");
        return nullptr;
    }
    const SellerAccount* seller = ctx_.accounts.ByOzonClientId(client_id);
    if (seller == nullptr || !core::ConstantTimeEquals(seller->ozon_api_key, key)) {
        *out = OzonError(403, 7, "Invalid Api-Key, please check the key and try again");
        return nullptr;
    }
    LimitDecision d = ctx_.limiter.TakeBucket(name() + "|" + client_id + "|global", kGlobalLimit);
    if (!d.allowed) {
        *out = OzonError(429, 8, "You have reached request rate limit per second");
        return nullptr;
    }
    return seller;
}

void OzonApi::Register(api::Router& r) {
    auto bind = [this](api::HttpResponse (OzonApi::*fn)(api::HttpRequest&)) {
        return [this, fn](api::HttpRequest& req) { return (this->*fn)(req); };
    };
    r.Add("POST", "/v1/roles", bind(&OzonApi::Roles));
    r.Add("POST", "/v1/warehouse/list", bind(&OzonApi::Warehouses));
    r.Add("POST", "/v1/description-category/tree", bind(&OzonApi::Tree));
    r.Add("POST", "/v1/description-category/attribute", bind(&OzonApi::Attributes));
    r.Add("POST", "/v1/description-category/attribute/values", bind(&OzonApi::AttributeValues));
    r.Add("POST", "/v3/product/import", bind(&OzonApi::Import));
    r.Add("POST", "/v1/product/import/info", bind(&OzonApi::ImportInfo));
    r.Add("POST", "/v3/product/info/list", bind(&OzonApi::InfoList));
    r.Add("POST", "/v3/product/list", bind(&OzonApi::ProductList));
    r.Add("POST", "/v1/product/pictures/import", bind(&OzonApi::PicturesImport));
    r.Add("POST", "/v1/product/import/prices", bind(&OzonApi::Prices));
    r.Add("POST", "/v2/products/stocks", bind(&OzonApi::Stocks));
    r.Add("POST", "/v3/posting/fbs/list", bind(&OzonApi::Postings));
}

api::HttpResponse OzonApi::Roles(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, &err) == nullptr) {
        return err;
    }
    json methods = json::array({"/v1/description-category/tree", "/v1/description-category/attribute",
                                "/v1/description-category/attribute/values", "/v3/product/import",
                                "/v1/product/import/info", "/v3/product/info/list", "/v3/product/list",
                                "/v1/product/pictures/import", "/v1/product/import/prices", "/v2/products/stocks",
                                "/v1/warehouse/list", "/v3/posting/fbs/list"});
    return api::JsonResponse(200, {{"roles", json::array({{{"name", "Admin"}, {"methods", methods}}})}});
}

api::HttpResponse OzonApi::Warehouses(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    json wh = {{"warehouse_id", seller->ozon_warehouse_id},
               {"name", seller->title + " FBS"},
               {"is_rfbs", false},
               {"is_able_to_set_price", false},
               {"has_entrusted_acceptance", false},
               {"first_mile_type",
                {{"dropoff_point_id", ""}, {"dropoff_timeslot_id", 0}, {"first_mile_is_changing", false},
                 {"first_mile_type", "DropOff"}}},
               {"is_kgt", false},
               {"can_print_act_in_advance", false},
               {"min_working_days", 5},
               {"is_karantin", false},
               {"has_postings_limit", false},
               {"postings_limit", -1},
               {"working_days", json::array({"1", "2", "3", "4", "5"})},
               {"min_postings_limit", 10},
               {"is_timetable_editable", true},
               {"status", "created"},
               {"is_economy", false}};
    return api::JsonResponse(200, {{"result", json::array({wh})}});
}

api::HttpResponse OzonApi::Tree(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, &err) == nullptr) {
        return err;
    }
    json roots = json::array();
    auto find = [](json& arr, const char* id_key, int64_t id) -> json* {
        for (auto& n : arr) {
            if (JsonInt(n, id_key) == id) {
                return &n;
            }
        }
        return nullptr;
    };
    for (const auto& t : catalog::OzonTypes()) {
        json* root = find(roots, "description_category_id", t.root_id);
        if (root == nullptr) {
            roots.push_back({{"description_category_id", t.root_id},
                             {"category_name", t.root_name},
                             {"disabled", false},
                             {"children", json::array()}});
            root = &roots.back();
        }
        json* cat = find((*root)["children"], "description_category_id", t.description_category_id);
        if (cat == nullptr) {
            (*root)["children"].push_back({{"description_category_id", t.description_category_id},
                                           {"category_name", t.category_name},
                                           {"disabled", false},
                                           {"children", json::array()}});
            cat = &(*root)["children"].back();
        }
        (*cat)["children"].push_back(
            {{"type_id", t.type_id}, {"type_name", t.type_name}, {"disabled", false}, {"children", json::array()}});
    }
    return api::JsonResponse(200, {{"result", roots}});
}

api::HttpResponse OzonApi::Attributes(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, &err) == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object()) {
        return OzonError(400, 3, "invalid request payload");
    }
    int64_t dc = JsonInt(*body, "description_category_id");
    int64_t type = JsonInt(*body, "type_id");
    if (dc <= 0 || type <= 0) {
        return OzonError(400, 3, "invalid GetAttributesRequest: description_category_id and type_id must be greater than 0");
    }
    if (catalog::FindOzonType(dc, type) == nullptr) {
        return OzonError(404, 5, "description category or type not found");
    }
    json result = json::array();
    for (const auto& a : catalog::OzonAttributesFor(dc, type)) {
        result.push_back({{"id", a.id},
                          {"attribute_complex_id", 0},
                          {"name", a.name},
                          {"description", a.description},
                          {"type", a.type},
                          {"is_collection", a.is_collection},
                          {"is_required", a.is_required},
                          {"is_aspect", false},
                          {"max_value_count", a.max_value_count},
                          {"group_name", ""},
                          {"group_id", 0},
                          {"dictionary_id", a.dictionary_id},
                          {"category_dependent", false},
                          {"complex_is_collection", false}});
    }
    return api::JsonResponse(200, {{"result", result}});
}

api::HttpResponse OzonApi::AttributeValues(api::HttpRequest& req) {
    api::HttpResponse err;
    if (Admit(req, &err) == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object()) {
        return OzonError(400, 3, "invalid request payload");
    }
    int64_t dc = JsonInt(*body, "description_category_id");
    int64_t type = JsonInt(*body, "type_id");
    int64_t attr = JsonInt(*body, "attribute_id");
    int64_t limit = JsonInt(*body, "limit");
    int64_t last = JsonInt(*body, "last_value_id");
    if (limit <= 0 || limit > 5000) {
        return OzonError(400, 3, "invalid GetAttributeValuesRequest.Limit: value must be inside range (0, 5000]");
    }
    if (catalog::FindOzonType(dc, type) == nullptr) {
        return OzonError(404, 5, "description category or type not found");
    }
    std::vector<catalog::OzonAttribute> attrs = catalog::OzonAttributesFor(dc, type);
    auto a = std::find_if(attrs.begin(), attrs.end(), [&](const catalog::OzonAttribute& x) { return x.id == attr; });
    if (a == attrs.end()) {
        return OzonError(404, 5, "attribute not found");
    }
    json result = json::array();
    bool has_next = false;
    bool past = last == 0;
    for (const auto& v : catalog::OzonDictionary(a->dictionary_id)) {
        if (!past) {
            past = v.id == last;
            continue;
        }
        if (static_cast<int64_t>(result.size()) >= limit) {
            has_next = true;
            break;
        }
        result.push_back({{"id", v.id}, {"value", v.value}, {"info", ""}, {"picture", ""}});
    }
    return api::JsonResponse(200, {{"result", result}, {"has_next", has_next}});
}

}  // namespace by::sandbox::ozon
