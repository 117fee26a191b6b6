#include "marketplaces/yandex/yandex_payload.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/time.hpp"
#include "marketplaces/common/mapping.hpp"

namespace by::marketplaces::yandex {

using nlohmann::json;

namespace {

std::string Quote(const std::string& s) { return "«" + s + "»"; }

std::vector<std::string> Split(const std::string& v) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= v.size()) {
        size_t comma = v.find_first_of(",;", start);
        std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        size_t b = part.find_first_not_of(' ');
        size_t e = part.find_last_not_of(' ');
        if (b != std::string::npos) {
            out.push_back(part.substr(b, e - b + 1));
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return out;
}

std::optional<double> ParseNumber(std::string s) {
    for (char& c : s) {
        if (c == ',') {
            c = '.';
        }
    }
    char* end = nullptr;
    double d = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) {
        return std::nullopt;
    }
    return d;
}

std::string NumberText(double d) {
    if (std::floor(d) == d && std::fabs(d) < 1e15) {
        return std::to_string(static_cast<int64_t>(d));
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", d);
    return buf;
}

double Round(double v, int places) {
    double f = std::pow(10.0, places);
    return std::round(v * f) / f;
}

double MajorUnits(const core::Money& m) { return static_cast<double>(m.amount) / 100.0; }

}  // namespace

std::vector<Parameter> ParseParameters(const json& body) {
    std::vector<Parameter> out;
    const json& result = body.value("result", json::object());
    for (const auto& p : result.value("parameters", json::array())) {
        Parameter x;
        x.id = JsonInt(p, "id");
        x.name = JsonStr(p, "name");
        x.type = JsonStr(p, "type");
        x.required = p.value("required", false);
        x.multivalue = p.value("multivalue", false);
        x.allow_custom = p.value("allowCustomValues", false);
        if (p.contains("unit") && p["unit"].is_object()) {
            x.default_unit_id = JsonInt(p["unit"], "defaultUnitId");
        }
        if (p.contains("constraints") && p["constraints"].is_object()) {
            x.max_length = static_cast<int>(JsonInt(p["constraints"], "maxLength"));
        }
        for (const auto& v : p.value("values", json::array())) {
            x.values.push_back({JsonInt(v, "id"), JsonStr(v, "value")});
        }
        if (x.id != 0) {
            out.push_back(std::move(x));
        }
    }
    return out;
}

core::Result<json> BuildOfferMapping(const PublishItem& item, int64_t market_category_id,
                                     const std::vector<Parameter>& params, const YandexConfig& cfg) {
    const core::Product& p = item.product;
    if (p.sku.empty()) {
        return core::Error::Unprocessable("the product has no SKU (Yandex offerId)", "sku");
    }
    if (Utf8Length(p.sku) > kOfferIdMax) {
        return core::Error::Unprocessable("SKU is longer than Yandex's 255-character offerId", "sku");
    }
    BY_TRY(CheckPrice(p.price, cfg.currency, core::Marketplace::kYandex));
    BY_ASSIGN(Package pkg, ReadPackage(p));
    if (item.image_urls.empty()) {
        return core::Error::Unprocessable("yandex: at least one picture is required", "images");
    }
    json offer = json::object();
    offer["offerId"] = p.sku;
    offer["name"] = Utf8Truncate(CardTitle(item, "ru"), kNameMax);
    offer["marketCategoryId"] = market_category_id;
    json pictures = json::array();
    for (const auto& u : item.image_urls) {
        if (pictures.size() < kPicturesMax) {
            pictures.push_back(u);
        }
    }
    offer["pictures"] = pictures;
    if (!item.video_url.empty()) {
        offer["videos"] = json::array({item.video_url});
    }
    offer["vendor"] = p.brand.empty() ? std::string("Нет бренда") : p.brand;
    std::string description = CardDescription(item, "ru");
    if (description.empty()) {
        return core::Error::Unprocessable("yandex: a description is required", "description");
    }
    offer["description"] = Utf8Truncate(description, kDescriptionMax);
    if (!p.barcode.empty()) {
        offer["barcodes"] = json::array({p.barcode});
    }
    offer["vendorCode"] = p.sku;
    offer["weightDimensions"] = {{"length", Round(pkg.length_cm, 1)},
                                 {"width", Round(pkg.width_cm, 1)},
                                 {"height", Round(pkg.height_cm, 1)},
                                 {"weight", std::max(0.001, Round(pkg.weight_g / 1000.0, 3))}};
    offer["basicPrice"] = {{"value", MajorUnits(p.price)}, {"currencyId", cfg.currency}};

    auto ours = Characteristics(item);
    json values = json::array();
    for (const auto& prm : params) {
        auto found = FindValue(ours, prm.name, prm.id);
        auto missing = [&](const std::string& why) {
            return core::Error::Unprocessable("yandex: required parameter " + Quote(prm.name) + " (" +
                                                  std::to_string(prm.id) + ") " + why,
                                              "parameters." + std::to_string(prm.id));
        };
        if (!found || found->empty()) {
            if (prm.required) {
                return missing("has no value in the product or its content");
            }
            continue;
        }
        std::vector<std::string> parts = prm.multivalue ? Split(*found) : std::vector<std::string>{*found};
        size_t before = values.size();
        for (const auto& part : parts) {
            json v = {{"parameterId", prm.id}};
            if (prm.type == "ENUM") {
                auto at = MatchDictionary(part, prm.values.size(), [&](size_t i) { return prm.values[i].value; });
                const ParamValue* hit = at ? &prm.values[*at] : nullptr;
                if (hit != nullptr) {
                    v["valueId"] = hit->id;
                    v["value"] = hit->value;
                } else if (prm.allow_custom) {
                    v["value"] = part;
                } else {
                    continue;
                }
            } else if (prm.type == "NUMERIC") {
                auto n = ParseNumber(part);
                if (!n) {
                    continue;
                }
                v["value"] = NumberText(*n);
                if (prm.default_unit_id != 0) {
                    v["unitId"] = prm.default_unit_id;
                }
            } else if (prm.type == "BOOLEAN") {
                std::string k = NormalizeKey(part);
                if (k == "да" || k == "yes" || k == "true" || k == "1" || k == "ha" || k == "есть") {
                    v["value"] = "true";
                } else if (k == "нет" || k == "no" || k == "false" || k == "0" || k == "yo'q" || k == "yoʻq") {
                    v["value"] = "false";
                } else {
                    continue;
                }
            } else {
                v["value"] = prm.max_length > 0 ? Utf8Truncate(part, prm.max_length) : part;
            }
            values.push_back(std::move(v));
        }
        if (values.size() == before && prm.required) {
            return missing("value " + Quote(*found) + " is not among its allowed values");
        }
    }
    if (!values.empty()) {
        offer["parameterValues"] = values;
    }
    return json{{"offer", offer}};
}

std::optional<json> BuildUzbekMapping(const PublishItem& item) {
    if (!HasLanguage(item, "uz")) {
        return std::nullopt;
    }
    json offer = {{"offerId", item.product.sku}, {"name", Utf8Truncate(CardTitle(item, "uz"), kNameMax)}};
    std::string d = CardDescription(item, "uz");
    if (!d.empty()) {
        offer["description"] = Utf8Truncate(d, kDescriptionMax);
    }
    return json{{"offer", offer}};
}

json BuildUpdateMappingsBody(const std::vector<json>& mappings) { return {{"offerMappings", mappings}}; }

json BuildMappingsRequest(const std::vector<std::string>& offer_ids) { return {{"offerIds", offer_ids}}; }

json BuildOfferCardsRequest(const std::vector<std::string>& offer_ids) { return {{"offerIds", offer_ids}}; }

json BuildPricesBody(const std::string& offer_id, const core::Money& price, const std::string& currency) {
    return {{"offers", json::array({{{"offerId", offer_id},
                                     {"price", {{"value", MajorUnits(price)}, {"currencyId", currency}}}}})}};
}

json BuildStocksBody(const std::string& offer_id, int64_t count, int64_t now_ms) {
    std::string at = core::FormatRfc3339(now_ms);
    return {{"skus", json::array({{{"sku", offer_id}, {"items", json::array({{{"count", count}, {"updatedAt", at}}})}}})}};
}

json BuildOrdersRequest(int64_t campaign_id, int64_t since_ms) {
    std::time_t t = static_cast<std::time_t>(since_ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char day[16];
    std::snprintf(day, sizeof day, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return {{"campaignIds", json::array({campaign_id})}, {"dates", {{"creationDateFrom", day}}}};
}

std::map<std::string, std::vector<std::string>> ParseUpdateErrors(const json& body) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& r : body.value("results", json::array())) {
        std::vector<std::string> errs;
        for (const auto& e : r.value("errors", json::array())) {
            std::string m = JsonStr(e, "message");
            std::string t = JsonStr(e, "type");
            errs.push_back(m.empty() ? t : m);
        }
        if (!errs.empty()) {
            out[JsonStr(r, "offerId")] = std::move(errs);
        }
    }
    return out;
}

std::vector<MappingState> ParseMappings(const json& body, int64_t campaign_id) {
    std::vector<MappingState> out;
    const json& result = body.value("result", json::object());
    for (const auto& m : result.value("offerMappings", json::array())) {
        const json& offer = m.value("offer", json::object());
        MappingState s;
        s.offer_id = JsonStr(offer, "offerId");
        s.card_status = JsonStr(offer, "cardStatus");
        for (const auto& c : offer.value("campaigns", json::array())) {
            if (JsonInt(c, "campaignId") == campaign_id) {
                s.campaign_status = JsonStr(c, "status");
            }
        }
        if (m.contains("mapping") && m["mapping"].is_object()) {
            s.market_sku = JsonInt(m["mapping"], "marketSku");
        }
        for (const auto& u : m.value("showcaseUrls", json::array())) {
            if (JsonStr(u, "showcaseType") == "B2C" || s.showcase_url.empty()) {
                s.showcase_url = JsonStr(u, "showcaseUrl");
            }
        }
        const std::string& c = s.campaign_status;
        const std::string& card = s.card_status;
        if (c == "PUBLISHED" || c == "NO_STOCKS" || c == "READY_FOR_PUBLICATION") {
            s.state = PublishState::kLive;
        } else if (c == "REJECTED_BY_MARKET" || c == "DISABLED_AUTOMATICALLY" || card == "NO_CARD_ERRORS" ||
                   card == "HAS_CARD_CAN_UPDATE_ERRORS") {
            s.state = PublishState::kRejected;
        } else if (c == "DISABLED_BY_PARTNER" || c == "ARCHIVED" || card == "NO_CARD_NEED_CONTENT" ||
                   card == "NO_CARD_ADD_TO_CAMPAIGN") {
            s.state = PublishState::kNeedsAttention;
        } else {
            s.state = PublishState::kModeration;
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::map<std::string, std::vector<std::string>> ParseOfferCardErrors(const json& body) {
    std::map<std::string, std::vector<std::string>> out;
    const json& result = body.value("result", json::object());
    for (const auto& c : result.value("offerCards", json::array())) {
        std::vector<std::string> errs;
        for (const auto& e : c.value("errors", json::array())) {
            std::string m = JsonStr(e, "message");
            std::string comment = JsonStr(e, "comment");
            errs.push_back(comment.empty() ? m : m + " (" + comment + ")");
        }
        if (!errs.empty()) {
            out[JsonStr(c, "offerId")] = std::move(errs);
        }
    }
    return out;
}

std::string ExtractMessage(const net::HttpResponse& response) {
    json j = json::parse(response.body, nullptr, false);
    if (!j.is_object()) {
        return Utf8Truncate(response.body, 300);
    }
    std::vector<std::string> parts;
    for (const auto& e : j.value("errors", json::array())) {
        std::string m = JsonStr(e, "message");
        std::string c = JsonStr(e, "code");
        parts.push_back(m.empty() ? c : (c.empty() ? m : c + ": " + m));
    }
    if (parts.empty()) {
        std::string m = JsonStr(j, "message");
        if (!m.empty()) {
            parts.push_back(m);
        }
    }
    return Join(parts, "; ");
}

}  // namespace by::marketplaces::yandex
