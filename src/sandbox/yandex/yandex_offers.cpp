// Yandex Market catalog: offer-mappings update (validation, per-offer errors, "never reuse an offerId"),
// asynchronous moderation, read-back through offer-mappings and offer-cards, and delete.
#include <algorithm>
#include <set>

#include "core/time.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/yandex/yandex_api.hpp"

namespace by::sandbox::yandex {
namespace {

using nlohmann::json;

constexpr int64_t kMarketSkuStart = 101000000000;

// Fields of BaseOfferDTO that the read-back returns as they were sent.
const char* const kOfferFields[] = {"name", "marketCategoryId", "category", "pictures", "videos", "manuals", "vendor",
                                    "barcodes", "description", "manufacturerCountries", "weightDimensions",
                                    "vendorCode", "tags", "shelfLife", "lifeTime", "guaranteePeriod",
                                    "customsCommodityCode", "commodityCodes", "certificates", "boxCount", "condition",
                                    "type", "downloadable", "adult", "age", "params"};

bool ValidShopSku(const std::string& s) {
    size_t n = Utf8Length(s);
    if (n < 1 || n > 255) {
        return false;
    }
    bool non_space = false;
    for (unsigned char c : s) {
        if ((c <= 0x08) || (c >= 0x0A && c <= 0x1F) || c == 0x7F) {
            return false;
        }
        if (!std::isspace(c)) {
            non_space = true;
        }
    }
    return non_space;
}

// Schema-level checks of UpdateOfferMappingsRequest; a message for a 400 answer, or nullopt.
std::optional<std::string> SchemaProblem(const json& body) {
    if (!body.is_object() || !body.contains("offerMappings") || !body["offerMappings"].is_array()) {
        return "offerMappings is required";
    }
    const json& list = body["offerMappings"];
    if (list.empty() || list.size() > 500) {
        return "offerMappings must contain from 1 to 500 items";
    }
    for (size_t i = 0; i < list.size(); ++i) {
        std::string at = "offerMappings[" + std::to_string(i) + "].offer";
        const json& m = list[i];
        if (!m.is_object() || !m.contains("offer") || !m["offer"].is_object()) {
            return at + " is required";
        }
        const json& o = m["offer"];
        if (!o.contains("offerId") || !o["offerId"].is_string() || !ValidShopSku(o["offerId"].get<std::string>())) {
            return at + ".offerId must be 1 to 255 characters without control characters";
        }
        if (o.contains("name") && (!o["name"].is_string() || Utf8Length(o["name"].get<std::string>()) > 256)) {
            return at + ".name must be at most 256 characters";
        }
        if (o.contains("description") &&
            (!o["description"].is_string() || Utf8Length(o["description"].get<std::string>()) > 6000)) {
            return at + ".description must be at most 6000 characters";
        }
        if (o.contains("marketCategoryId") && (!o["marketCategoryId"].is_number_integer() || o["marketCategoryId"].get<int64_t>() < 0)) {
            return at + ".marketCategoryId must be a non-negative integer";
        }
        auto check_urls = [&](const char* key, size_t max) -> std::optional<std::string> {
            if (!o.contains(key) || o[key].is_null()) {
                return std::nullopt;
            }
            const json& a = o[key];
            if (!a.is_array() || a.empty() || a.size() > max) {
                return at + "." + key + " must contain from 1 to " + std::to_string(max) + " links";
            }
            for (const auto& u : a) {
                if (!u.is_string() || u.get<std::string>().empty() || u.get<std::string>().size() > 2000) {
                    return at + "." + key + " must contain links of 1 to 2000 characters";
                }
            }
            return std::nullopt;
        };
        if (auto p = check_urls("pictures", 30)) {
            return p;
        }
        if (auto p = check_urls("videos", 6)) {
            return p;
        }
        if (o.contains("manuals") && (!o["manuals"].is_array() || o["manuals"].size() > 6)) {
            return at + ".manuals must contain from 1 to 6 items";
        }
        if (o.contains("tags") && (!o["tags"].is_array() || o["tags"].size() > 50)) {
            return at + ".tags must contain at most 50 items";
        }
        if (o.contains("parameterValues")) {
            const json& pv = o["parameterValues"];
            if (!pv.is_array() || pv.size() > 300) {
                return at + ".parameterValues must contain at most 300 items";
            }
            for (const auto& v : pv) {
                if (!v.is_object() || !v.contains("parameterId") || !v["parameterId"].is_number_integer() ||
                    v["parameterId"].get<int64_t>() < 1) {
                    return at + ".parameterValues[].parameterId is required";
                }
            }
        }
        if (o.contains("basicPrice")) {
            const json& p = o["basicPrice"];
            if (!p.is_object() || !p.contains("value") || !p["value"].is_number() || p["value"].get<double>() < 0 ||
                !p.contains("currencyId") || !p["currencyId"].is_string()) {
                return at + ".basicPrice needs value >= 0 and currencyId";
            }
        }
    }
    return std::nullopt;
}

json MappingError(const std::string& type, const std::string& message, int64_t parameter_id = 0) {
    json e = {{"type", type}, {"message", message}};
    if (parameter_id != 0) {
        e["parameterId"] = parameter_id;
    }
    return e;
}

// Catalog errors the update call reports per offer (status ERROR, nothing applied).
json OfferErrors(const json& offer, int64_t category) {
    json errors = json::array();
    if (offer.contains("parameterValues") && category == 0) {
        errors.push_back(MappingError("EMPTY_MARKET_CATEGORY", "marketCategoryId is required with parameterValues"));
        return errors;
    }
    if (category == 0) {
        return errors;
    }
    if (catalog::FindYandexCategory(category) == nullptr) {
        errors.push_back(MappingError("UNKNOWN_CATEGORY", "Unknown category " + std::to_string(category)));
        return errors;
    }
    if (!catalog::YandexIsLeaf(category)) {
        errors.push_back(MappingError("INVALID_CATEGORY", "Category " + std::to_string(category) + " is not a leaf"));
        return errors;
    }
    std::vector<catalog::YandexParameter> params = catalog::YandexParametersFor(category);
    for (const auto& v : offer.value("parameterValues", json::array())) {
        int64_t id = JsonInt(v, "parameterId");
        auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.id == id; });
        if (it == params.end()) {
            errors.push_back(MappingError("UNKNOWN_PARAMETER", "Parameter " + std::to_string(id) +
                                                                   " is not a parameter of the category", id));
            continue;
        }
        std::string type = it->type;
        std::string value = JsonString(v, "value");
        if (type == "NUMERIC" && v.contains("value") && !AsDecimal(v["value"])) {
            errors.push_back(MappingError("NUMBER_FORMAT", "Value '" + value + "' is not a number", id));
        }
        if (type == "BOOLEAN" && v.contains("value") && value != "true" && value != "false") {
            errors.push_back(MappingError("UNEXPECTED_BOOLEAN_VALUE", "Value '" + value + "' is not true or false", id));
        }
        if (v.contains("unitId") && JsonInt(v, "unitId") != it->unit_id) {
            errors.push_back(MappingError("INVALID_UNIT_ID", "Unit " + std::to_string(JsonInt(v, "unitId")) +
                                                                 " is not allowed for the parameter", id));
        }
    }
    return errors;
}

json Reason(const std::string& message, const std::string& comment = "") {
    return {{"message", message}, {"comment", comment}};
}

// What moderation will say about the offer, decided now and shown after the delay.
json ModerationReasons(const json& offer, const std::vector<MediaVerdict>& media) {
    json reasons = json::array();
    for (const auto& v : media) {
        if (!v.ok) {
            reasons.push_back(Reason(std::string(v.kind == MediaKind::kVideo ? "Видео" : "Изображение") +
                                         " не прошло проверку: " + v.url,
                                     v.detail));
        }
    }
    if (offer.value("pictures", json::array()).empty()) {
        reasons.push_back(Reason("Добавьте хотя бы одно изображение товара"));
    }
    int64_t category = JsonInt(offer, "marketCategoryId");
    std::vector<catalog::YandexParameter> params = catalog::YandexParametersFor(category);
    std::set<int64_t> present;
    for (const auto& v : offer.value("parameterValues", json::array())) {
        int64_t id = JsonInt(v, "parameterId");
        present.insert(id);
        auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.id == id; });
        if (it == params.end()) {
            continue;
        }
        if (std::string(it->type) == "ENUM" && !it->allow_custom_values) {
            int64_t value_id = JsonInt(v, "valueId");
            std::string text = JsonString(v, "value");
            bool known = std::any_of(it->values.begin(), it->values.end(), [&](const auto& x) {
                return (value_id != 0 && x.id == value_id) || (value_id == 0 && text == x.value);
            });
            if (!known) {
                reasons.push_back(Reason("Значение «" + (text.empty() ? std::to_string(value_id) : text) +
                                         "» характеристики «" + it->name + "» не из списка допустимых"));
            }
        }
        if (it->max_length > 0 && Utf8Length(JsonString(v, "value")) > static_cast<size_t>(it->max_length)) {
            reasons.push_back(Reason(std::string("Значение характеристики «") + it->name + "» длиннее " +
                                     std::to_string(it->max_length) + " символов"));
        }
    }
    for (const auto& p : params) {
        if (p.required && !present.count(p.id)) {
            reasons.push_back(Reason(std::string("Не заполнена обязательная характеристика «") + p.name + "»"));
        }
    }
    return reasons;
}

std::string CamelCase(const std::string& upper_snake) {
    std::string out;
    bool up = false;
    for (char c : upper_snake) {
        if (c == '_') {
            up = true;
            continue;
        }
        out += up ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        up = false;
    }
    return out;
}

struct CardState {
    std::string card_status;
    std::string campaign_status;
    bool has_mapping = false;
    bool rejected = false;
};

CardState StateOf(const json& doc, int64_t now, int64_t stock) {
    CardState s;
    const json& m = doc["moderation"];
    bool pending = JsonInt(m, "ready_at_ms") > now;
    bool has_card = doc.contains("first_ready_at_ms") && JsonInt(doc, "first_ready_at_ms") <= now;
    if (pending) {
        s.card_status = has_card ? "HAS_CARD_CAN_UPDATE_PROCESSING" : "NO_CARD_PROCESSING";
        s.campaign_status = "CHECKING";
    } else if (m.value("result", "") == "ready") {
        s.card_status = "HAS_CARD_CAN_UPDATE";
        s.campaign_status = stock > 0 ? "PUBLISHED" : "NO_STOCKS";
    } else {
        s.card_status = has_card ? "HAS_CARD_CAN_UPDATE_ERRORS" : "NO_CARD_ERRORS";
        s.campaign_status = "REJECTED_BY_MARKET";
        s.rejected = true;
    }
    s.has_mapping = has_card || (!pending && m.value("result", "") == "ready");
    return s;
}

json MappingOf(const json& doc) {
    int64_t category = JsonInt(doc["offer"], "marketCategoryId");
    const catalog::YandexCategory* c = catalog::FindYandexCategory(category);
    return {{"marketSku", JsonInt(doc, "market_sku")},
            {"marketSkuName", doc["offer"].value("name", "")},
            {"marketModelName", doc["offer"].value("name", "")},
            {"marketCategoryId", category},
            {"marketCategoryName", c ? c->name : ""}};
}

int64_t StockOf(Store::Tx& tx, const SellerAccount& seller, const std::string& offer_id) {
    auto st = tx.Get("stock", SellerKey(seller, offer_id));
    return st ? JsonInt(*st, "count") : 0;
}

}  // namespace

api::HttpResponse YandexApi::UpdateMappings(api::HttpRequest& req) {
    api::HttpResponse err;
    auto body = ParseJson(req.body);
    int64_t units = body && body->is_object() && (*body)["offerMappings"].is_array()
                        ? static_cast<int64_t>((*body)["offerMappings"].size())
                        : 1;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kMappingsUpdateLimit, std::max<int64_t>(1, units), &err, &d);
    if (seller == nullptr) {
        return err;
    }
    if (!body) {
        return YandexError(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    if (auto problem = SchemaProblem(*body)) {
        return YandexError(400, "BAD_REQUEST", *problem);
    }
    std::string language = req.Query("language").empty() ? "RU" : req.Query("language");
    if (language != "RU" && language != "UZ") {
        return YandexError(400, "BAD_REQUEST", "language must be RU or UZ");
    }
    const json& list = (*body)["offerMappings"];
    std::set<std::string> ids;
    for (const auto& m : list) {
        if (!ids.insert(m["offer"]["offerId"].get<std::string>()).second) {
            return YandexError(400, "DUPLICATE_OFFER",
                               "offerId " + m["offer"]["offerId"].get<std::string>() + " occurs more than once");
        }
    }
    // Catalog checks and the "offerId is never reused" rule need the stored offers.
    json results = json::array();
    bool any_error = false;
    std::vector<std::optional<json>> existing;
    {
        auto tx = ctx_.store.Begin(name());
        for (const auto& m : list) {
            const json& o = m["offer"];
            std::string id = o["offerId"].get<std::string>();
            auto doc = tx.Get("offer", SellerKey(*seller, id));
            auto used = tx.Get("used", SellerKey(*seller, id));
            bool live = doc && !doc->value("deleted", false);
            if (language == "UZ") {
                if (!live) {
                    return YandexError(400, "OFFER_NOT_FOUND",
                                       "offer " + id + " is not in the catalog: send it in Russian first");
                }
            } else if (!live) {
                if (used) {
                    return YandexError(400, "INVALID_SHOP_SKU",
                                       "offerId " + id + " was already used for another product and cannot be reused");
                }
                std::vector<std::string> missing;
                for (const char* k : {"name", "marketCategoryId", "pictures", "vendor", "description"}) {
                    if (!o.contains(k) || o[k].is_null() || (o[k].is_string() && o[k].get<std::string>().empty())) {
                        missing.push_back(k);
                    }
                }
                if (!missing.empty()) {
                    std::string names;
                    for (const auto& k : missing) {
                        names += (names.empty() ? "" : ", ") + k;
                    }
                    return YandexError(400, "NO_REQUIRED_FIELDS", "offer " + id + ": required fields missing: " + names);
                }
            } else {
                const json& before = (*doc)["offer"];
                bool other_category = o.contains("marketCategoryId") &&
                                      JsonInt(o, "marketCategoryId") != JsonInt(before, "marketCategoryId");
                bool other_name = o.contains("name") && JsonString(o, "name") != JsonString(before, "name");
                if (other_category && other_name) {
                    return YandexError(400, "INVALID_SHOP_SKU",
                                       "offerId " + id + " already belongs to another product (different name and "
                                                         "category); an offerId is never reused");
                }
            }
            int64_t category = o.contains("marketCategoryId") ? JsonInt(o, "marketCategoryId")
                               : live                         ? JsonInt((*doc)["offer"], "marketCategoryId")
                                                              : 0;
            json errors = language == "UZ" ? json::array() : OfferErrors(o, category);
            json r = {{"offerId", id}};
            if (!errors.empty()) {
                r["errors"] = errors;
                any_error = true;
            }
            results.push_back(r);
            existing.push_back(live ? doc : std::nullopt);
        }
    }
    if (any_error) {
        api::HttpResponse resp = api::JsonResponse(200, {{"status", "ERROR"}, {"results", results}});
        LimitHeaders(resp, d);
        return resp;
    }
    // Merge, then download media outside the store lock.
    std::vector<json> merged;
    std::vector<std::vector<MediaVerdict>> media;
    MediaRules rules;
    rules.image_formats = {MediaFormat::kJpeg, MediaFormat::kPng, MediaFormat::kWebp, MediaFormat::kGif, MediaFormat::kBmp};
    rules.video_formats = {MediaFormat::kMp4, MediaFormat::kMov};
    for (size_t i = 0; i < list.size(); ++i) {
        const json& o = list[i]["offer"];
        json offer = existing[i] ? (*existing[i])["offer"] : json::object();
        if (language == "RU") {
            for (const auto& [k, v] : o.items()) {
                if (k != "deleteParameters") {
                    offer[k] = v;
                }
            }
            for (const auto& p : o.value("deleteParameters", json::array())) {
                if (p.is_string()) {
                    offer.erase(CamelCase(p.get<std::string>()));
                }
            }
        }
        std::vector<std::pair<std::string, MediaKind>> urls;
        for (const auto& u : offer.value("pictures", json::array())) {
            urls.emplace_back(u.get<std::string>(), MediaKind::kImage);
        }
        for (const auto& u : offer.value("videos", json::array())) {
            urls.emplace_back(u.get<std::string>(), MediaKind::kVideo);
        }
        media.push_back(language == "RU" ? ctx_.media.CheckAll(urls, rules) : std::vector<MediaVerdict>{});
        merged.push_back(std::move(offer));
    }
    int64_t now = ctx_.NowMs();
    int64_t ready_at = now + ctx_.ProcessingDelayMs();
    auto tx = ctx_.store.Begin(name());
    for (size_t i = 0; i < list.size(); ++i) {
        const json& o = list[i]["offer"];
        std::string id = o["offerId"].get<std::string>();
        std::string key = SellerKey(*seller, id);
        auto doc = tx.Get("offer", key);
        bool live = doc && !doc->value("deleted", false);
        json d2 = live ? *doc : json{{"created_ms", now}, {"market_sku", tx.NextId("market_sku", kMarketSkuStart)}};
        if (language == "UZ") {
            json uz = d2.value("uz", json::object());
            if (o.contains("name")) {
                uz["name"] = o["name"];
            }
            if (o.contains("description")) {
                uz["description"] = o["description"];
            }
            d2["uz"] = uz;
            d2["updated_ms"] = now;
            tx.Put("offer", key, d2);
            tx.Bump("update_uz", key);
            continue;
        }
        tx.Bump(live ? "update" : "create", key);
        // Keep "has a card" once a version passed moderation.
        const json old_m = d2.value("moderation", json::object());
        if (!d2.contains("first_ready_at_ms") && old_m.value("result", "") == "ready" && JsonInt(old_m, "ready_at_ms") <= now) {
            d2["first_ready_at_ms"] = JsonInt(old_m, "ready_at_ms");
        }
        json reasons = ModerationReasons(merged[i], media[i]);
        std::string result = reasons.empty() ? "ready" : "rejected";
        json pictures = json::array();
        json videos = json::array();
        for (const auto& v : media[i]) {
            json f = {{"url", v.url}, {"uploadState", v.ok ? "UPLOADED" : "FAILED"}};
            (v.kind == MediaKind::kVideo ? videos : pictures).push_back(f);
        }
        d2["offer"] = merged[i];
        d2["offer"]["offerId"] = id;
        d2["moderation"] = {{"ready_at_ms", ready_at}, {"result", result}, {"reasons", reasons},
                            {"pictures", pictures}, {"videos", videos}};
        if (result == "ready" && !d2.contains("first_ready_at_ms")) {
            d2["first_ready_at_ms"] = ready_at;
        }
        if (o.contains("basicPrice")) {
            json price = o["basicPrice"];
            price["updated_ms"] = now;
            d2["price"] = price;
        }
        d2["updated_ms"] = now;
        d2["deleted"] = false;
        tx.Put("offer", key, d2);
        tx.Put("used", key, {{"first_ms", now}, {"marketCategoryId", JsonInt(merged[i], "marketCategoryId")}});
    }
    tx.Commit();
    api::HttpResponse resp = api::JsonResponse(200, {{"status", "OK"}, {"results", results}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::GetMappings(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kMappingsLimit, 1, &err, &d);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return YandexError(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    json offer_ids = body->value("offerIds", json::array());
    if (!offer_ids.is_null() && (!offer_ids.is_array() || offer_ids.size() > 100)) {
        return YandexError(400, "BAD_REQUEST", "offerIds must contain at most 100 items");
    }
    auto offset = ParsePageToken(req.Query("pageToken"));
    int64_t limit = req.Query("limit").empty() ? 50 : AsInt(json(req.Query("limit"))).value_or(0);
    if (!offset || limit < 1 || limit > 100) {
        return YandexError(400, "BAD_REQUEST", "invalid pageToken or limit (1..100)");
    }
    std::string language = req.Query("language").empty() ? "RU" : req.Query("language");
    std::set<std::string> want;
    for (const auto& o : offer_ids.is_array() ? offer_ids : json::array()) {
        if (o.is_string()) {
            want.insert(o.get<std::string>());
        }
    }
    std::set<std::string> statuses;
    for (const auto& s : body->value("cardStatuses", json::array())) {
        statuses.insert(s.get<std::string>());
    }
    std::set<int64_t> categories;
    for (const auto& c : body->value("categoryIds", json::array())) {
        categories.insert(AsInt(c).value_or(-1));
    }
    bool archived = body->value("archived", false);
    int64_t now = ctx_.NowMs();
    std::vector<json> rows;
    auto tx = ctx_.store.Begin(name());
    for (const auto& [key, doc] : tx.List("offer", seller->name + "/")) {
        if (doc.value("deleted", false) || archived) {
            continue;
        }
        const json& offer = doc["offer"];
        std::string id = offer.value("offerId", "");
        if (!want.empty() && !want.count(id)) {
            continue;
        }
        if (!categories.empty() && !categories.count(JsonInt(offer, "marketCategoryId"))) {
            continue;
        }
        CardState st = StateOf(doc, now, StockOf(tx, *seller, id));
        if (!statuses.empty() && !statuses.count(st.card_status)) {
            continue;
        }
        json out = {{"offerId", id}};
        for (const char* k : kOfferFields) {
            if (offer.contains(k)) {
                out[k] = offer[k];
            }
        }
        if (language == "UZ" && doc.contains("uz")) {
            for (const char* k : {"name", "description"}) {
                if (doc["uz"].contains(k)) {
                    out[k] = doc["uz"][k];
                }
            }
        }
        if (doc.contains("price")) {
            json p = {{"value", doc["price"]["value"]},
                      {"currencyId", doc["price"]["currencyId"]},
                      {"updatedAt", core::FormatRfc3339(JsonInt(doc["price"], "updated_ms"))}};
            if (doc["price"].contains("discountBase")) {
                p["discountBase"] = doc["price"]["discountBase"];
            }
            out["basicPrice"] = p;
        }
        out["cardStatus"] = st.card_status;
        out["campaigns"] = json::array({{{"campaignId", seller->yandex_campaign_id}, {"status", st.campaign_status}}});
        out["sellingPrograms"] = json::array({{{"sellingProgram", "FBS"}, {"status", st.rejected ? "REJECT" : "FINE"}}});
        json media = {{"firstVideoAsCover", offer.value("firstVideoAsCover", false)}};
        const json& m = doc["moderation"];
        bool pending = JsonInt(m, "ready_at_ms") > now;
        for (const char* k : {"pictures", "videos"}) {
            json files = json::array();
            for (const auto& f : m.value(k, json::array())) {
                files.push_back({{"url", f["url"]}, {"uploadState", pending ? json("UPLOADING") : f["uploadState"]}});
            }
            if (!files.empty()) {
                media[k] = files;
            }
        }
        out["mediaFiles"] = media;
        out["archived"] = false;
        json row = {{"offer", out}};
        if (st.has_mapping) {
            row["mapping"] = MappingOf(doc);
        }
        rows.push_back(std::move(row));
    }
    json page = json::array();
    for (size_t i = *offset; i < rows.size() && static_cast<int64_t>(page.size()) < limit; ++i) {
        page.push_back(rows[i]);
    }
    json paging = json::object();
    if (*offset + page.size() < rows.size()) {
        paging["nextPageToken"] = PageToken(*offset + page.size());
    }
    api::HttpResponse resp =
        api::JsonResponse(200, {{"status", "OK"}, {"result", {{"paging", paging}, {"offerMappings", page}}}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::DeleteMappings(api::HttpRequest& req) {
    api::HttpResponse err;
    auto body = ParseJson(req.body);
    int64_t units = body && body->is_object() && (*body)["offerIds"].is_array() ? (*body)["offerIds"].size() : 1;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kMappingsDeleteLimit, std::max<int64_t>(1, units), &err, &d);
    if (seller == nullptr) {
        return err;
    }
    if (!body || !body->is_object() || !(*body)["offerIds"].is_array() || (*body)["offerIds"].empty() ||
        (*body)["offerIds"].size() > 500) {
        return YandexError(400, "BAD_REQUEST", "offerIds must contain from 1 to 500 items");
    }
    json not_deleted = json::array();
    auto tx = ctx_.store.Begin(name());
    for (const auto& o : (*body)["offerIds"]) {
        std::string id = o.is_string() ? o.get<std::string>() : "";
        auto doc = tx.Get("offer", SellerKey(*seller, id));
        if (!doc || doc->value("deleted", false)) {
            not_deleted.push_back(id);
            continue;
        }
        (*doc)["deleted"] = true;
        tx.Put("offer", SellerKey(*seller, id), *doc);
        tx.Bump("delete", SellerKey(*seller, id));
    }
    tx.Commit();
    json result = json::object();
    if (!not_deleted.empty()) {
        result["notDeletedOfferIds"] = not_deleted;
    }
    api::HttpResponse resp = api::JsonResponse(200, {{"status", "OK"}, {"result", result}});
    LimitHeaders(resp, d);
    return resp;
}

api::HttpResponse YandexApi::OfferCards(api::HttpRequest& req) {
    api::HttpResponse err;
    LimitDecision d;
    const SellerAccount* seller = Admit(req, kCardsLimit, 1, &err, &d);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return YandexError(400, "BAD_REQUEST", "Request body is not valid JSON");
    }
    json offer_ids = body->value("offerIds", json::array());
    if (!offer_ids.is_null() && (!offer_ids.is_array() || offer_ids.size() > 200)) {
        return YandexError(400, "BAD_REQUEST", "offerIds must contain at most 200 items");
    }
    auto offset = ParsePageToken(req.Query("pageToken"));
    int64_t limit = req.Query("limit").empty() ? 100 : AsInt(json(req.Query("limit"))).value_or(0);
    if (!offset || limit < 1 || limit > 200) {
        return YandexError(400, "BAD_REQUEST", "invalid pageToken or limit (1..200)");
    }
    std::set<std::string> want;
    for (const auto& o : offer_ids.is_array() ? offer_ids : json::array()) {
        if (o.is_string()) {
            want.insert(o.get<std::string>());
        }
    }
    std::set<std::string> statuses;
    for (const auto& s : body->value("cardStatuses", json::array())) {
        statuses.insert(s.get<std::string>());
    }
    int64_t now = ctx_.NowMs();
    std::vector<json> rows;
    auto tx = ctx_.store.Begin(name());
    for (const auto& [key, doc] : tx.List("offer", seller->name + "/")) {
        if (doc.value("deleted", false)) {
            continue;
        }
        std::string id = doc["offer"].value("offerId", "");
        if (!want.empty() && !want.count(id)) {
            continue;
        }
        CardState st = StateOf(doc, now, StockOf(tx, *seller, id));
        if (!statuses.empty() && !statuses.count(st.card_status)) {
            continue;
        }
        json card = {{"offerId", id}, {"cardStatus", st.card_status}, {"contentRatingStatus", "ACTUAL"}};
        if (st.has_mapping) {
            card["mapping"] = MappingOf(doc);
        }
        json pv = doc["offer"].value("parameterValues", json::array());
        if (!pv.empty()) {
            card["parameterValues"] = pv;
        }
        if (st.rejected) {
            json reasons = doc["moderation"].value("reasons", json::array());
            if (!reasons.empty()) {
                card["errors"] = reasons;
            }
        }
        card["contentRating"] = st.rejected ? 20 : 80;
        rows.push_back(std::move(card));
    }
    json page = json::array();
    for (size_t i = *offset; i < rows.size() && static_cast<int64_t>(page.size()) < limit; ++i) {
        page.push_back(rows[i]);
    }
    json paging = json::object();
    if (*offset + page.size() < rows.size()) {
        paging["nextPageToken"] = PageToken(*offset + page.size());
    }
    api::HttpResponse resp =
        api::JsonResponse(200, {{"status", "OK"}, {"result", {{"offerCards", page}, {"paging", paging}}}});
    LimitHeaders(resp, d);
    return resp;
}

}  // namespace by::sandbox::yandex
