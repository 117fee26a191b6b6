#include "marketplaces/ozon/ozon_payload.hpp"

#include <cmath>
#include <set>

#include "core/time.hpp"
#include "marketplaces/common/mapping.hpp"

namespace by::marketplaces::ozon {

using nlohmann::json;

namespace {

std::string Quote(const std::string& s) { return "«" + s + "»"; }

// The value our product gives an attribute, including the card's own texts for name and annotation.
std::optional<std::string> ValueFor(const PublishItem& item, const std::vector<OurCharacteristic>& ours,
                                    const Attribute& a) {
    if (a.id == kAttrName) {
        std::string t = CardTitle(item, "ru");
        return t.empty() ? std::nullopt : std::optional<std::string>(Utf8Truncate(t, kNameMax));
    }
    if (a.id == kAttrAnnotation) {
        std::string d = CardDescription(item, "ru");
        return d.empty() ? std::nullopt : std::optional<std::string>(d);
    }
    auto v = FindValue(ours, a.name, a.id);
    if (!v && a.id == kAttrModel) {
        return item.product.sku;  // a model name of its own keeps unrelated products from merging
    }
    return v;
}

std::vector<std::string> Split(const std::string& v, bool collection) {
    if (!collection) {
        return {v};
    }
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

int64_t Positive(double v) { return std::max<int64_t>(1, static_cast<int64_t>(std::llround(v))); }

}  // namespace

std::vector<int64_t> AttributesNeedingValues(const PublishItem& item, const std::vector<Attribute>& attributes) {
    auto ours = Characteristics(item);
    std::vector<int64_t> out;
    for (const auto& a : attributes) {
        if (a.dictionary_id != 0 && ValueFor(item, ours, a)) {
            out.push_back(a.id);
        }
    }
    return out;
}

core::Result<json> BuildImportItem(const PublishItem& item, int64_t description_category_id, int64_t type_id,
                                   const std::vector<Attribute>& attributes, const Dictionaries& dicts,
                                   const OzonConfig& cfg) {
    const core::Product& p = item.product;
    if (p.sku.empty()) {
        return core::Error::Unprocessable("the product has no SKU (Ozon offer_id)", "sku");
    }
    if (Utf8Length(p.sku) > kOfferIdMax) {
        return core::Error::Unprocessable("SKU is longer than Ozon's 50-character offer_id", "sku");
    }
    BY_TRY(CheckPrice(p.price, cfg.currency, core::Marketplace::kOzon));
    BY_ASSIGN(Package pkg, ReadPackage(p));
    json it = json::object();
    it["description_category_id"] = description_category_id;
    it["type_id"] = type_id;
    it["offer_id"] = p.sku;
    it["name"] = Utf8Truncate(CardTitle(item, "ru"), kNameMax);
    it["price"] = MoneyDecimal(p.price);
    it["currency_code"] = cfg.currency;
    it["vat"] = cfg.vat;
    if (!p.barcode.empty()) {
        it["barcode"] = p.barcode;
    }
    it["depth"] = Positive(pkg.length_cm * 10);
    it["width"] = Positive(pkg.width_cm * 10);
    it["height"] = Positive(pkg.height_cm * 10);
    it["dimension_unit"] = "mm";
    it["weight"] = Positive(pkg.weight_g);
    it["weight_unit"] = "g";
    json images = json::array();
    for (const auto& u : item.image_urls) {
        if (images.size() < kImagesMax) {
            images.push_back(u);
        }
    }
    if (images.empty()) {
        return core::Error::Unprocessable("ozon: at least one image is required", "images");
    }
    it["images"] = images;
    it["primary_image"] = images[0];

    auto ours = Characteristics(item);
    json attrs = json::array();
    for (const auto& a : attributes) {
        auto value = ValueFor(item, ours, a);
        auto missing = [&](const std::string& why) {
            return core::Error::Unprocessable("ozon: required attribute " + Quote(a.name) + " (" +
                                                  std::to_string(a.id) + ") " + why,
                                              "attributes." + std::to_string(a.id));
        };
        if (!value || value->empty()) {
            if (a.is_required) {
                return missing("has no value in the product or its content");
            }
            continue;
        }
        json values = json::array();
        std::vector<std::string> parts = Split(*value, a.is_collection);
        if (a.dictionary_id != 0) {
            auto d = dicts.find(a.id);
            for (const auto& part : parts) {
                if (d == dicts.end()) {
                    break;
                }
                const auto& entries = d->second;
                if (auto at = MatchDictionary(part, entries.size(), [&](size_t i) { return entries[i].value; })) {
                    values.push_back({{"dictionary_value_id", entries[*at].id}, {"value", entries[*at].value}});
                }
            }
            if (values.empty()) {
                if (a.is_required) {
                    return missing("value " + Quote(*value) + " is not in Ozon's dictionary");
                }
                continue;
            }
        } else {
            for (const auto& part : parts) {
                values.push_back({{"value", part}});
            }
        }
        if (a.max_value_count > 0 && static_cast<int64_t>(values.size()) > a.max_value_count) {
            values.erase(values.begin() + a.max_value_count, values.end());
        }
        attrs.push_back({{"complex_id", 0}, {"id", a.id}, {"values", values}});
    }
    it["attributes"] = attrs;
    if (!item.video_url.empty()) {
        it["complex_attributes"] = json::array(
            {{{"attributes",
               json::array({{{"complex_id", kVideoComplexId}, {"id", kVideoUrlAttr}, {"values", json::array({{{"value", item.video_url}}})}},
                            {{"complex_id", kVideoComplexId},
                             {"id", kVideoNameAttr},
                             {"values", json::array({{{"value", Utf8Truncate(CardTitle(item, "ru"), 100)}}})}}})}}});
    }
    return it;
}

json BuildImportBody(const std::vector<json>& items) { return {{"items", items}}; }

json BuildPricesBody(const std::string& offer_id, const core::Money& price) {
    return {{"prices", json::array({{{"offer_id", offer_id},
                                     {"price", MoneyDecimal(price)},
                                     {"old_price", "0"},
                                     {"currency_code", price.currency == "RUR" ? std::string("RUB") : price.currency}}})}};
}

json BuildStocksBody(const std::string& offer_id, int64_t product_id, int64_t stock, int64_t warehouse_id) {
    return {{"stocks", json::array({{{"offer_id", offer_id},
                                     {"product_id", product_id},
                                     {"quant_size", 1},
                                     {"stock", stock},
                                     {"warehouse_id", warehouse_id}}})}};
}

json BuildProductListRequest(const std::vector<std::string>& offer_ids) {
    return {{"filter", {{"offer_id", offer_ids}, {"visibility", "ALL"}}}, {"last_id", ""}, {"limit", 1000}};
}

json BuildInfoListRequest(const std::vector<std::string>& offer_ids) { return {{"offer_id", offer_ids}}; }

json BuildAttributeValuesRequest(int64_t category_id, int64_t type_id, int64_t attribute_id, int64_t last_value_id,
                                 const std::string& language) {
    json j = {{"attribute_id", attribute_id},
              {"description_category_id", category_id},
              {"type_id", type_id},
              {"language", language},
              {"limit", 2000}};
    if (last_value_id != 0) {
        j["last_value_id"] = last_value_id;
    }
    return j;
}

json BuildPostingsRequest(int64_t since_ms, int64_t to_ms, int64_t offset) {
    auto at = [](int64_t ms) {
        std::string s = core::FormatRfc3339(ms);
        // Ozon's format is seconds precision: "2025-01-01T00:00:00Z".
        if (size_t dot = s.find('.'); dot != std::string::npos) {
            s = s.substr(0, dot) + "Z";
        }
        return s;
    };
    // Seconds precision: `since` rounds down and `to` up, so nothing of the boundary seconds is lost.
    return {{"dir", "ASC"},
            {"filter", {{"since", at(since_ms - since_ms % 1000)}, {"to", at(to_ms + 999)}}},
            {"limit", 1000},
            {"offset", offset},
            {"with", {{"analytics_data", false}, {"financial_data", false}}}};
}

std::vector<Attribute> ParseAttributes(const json& body) {
    std::vector<Attribute> out;
    for (const auto& a : body.value("result", json::array())) {
        Attribute x;
        x.id = JsonInt(a, "id");
        x.name = JsonStr(a, "name");
        x.type = JsonStr(a, "type");
        x.is_collection = a.value("is_collection", false);
        x.is_required = a.value("is_required", false);
        x.dictionary_id = JsonInt(a, "dictionary_id");
        x.max_value_count = JsonInt(a, "max_value_count");
        if (x.id != 0) {
            out.push_back(std::move(x));
        }
    }
    return out;
}

std::vector<DictValue> ParseDictValues(const json& body, bool* has_next) {
    std::vector<DictValue> out;
    for (const auto& v : body.value("result", json::array())) {
        out.push_back({JsonInt(v, "id"), JsonStr(v, "value")});
    }
    if (has_next != nullptr) {
        *has_next = body.value("has_next", false);
    }
    return out;
}

std::map<std::string, int64_t> ParseProductList(const json& body) {
    std::map<std::string, int64_t> out;
    const json& result = body.value("result", json::object());
    for (const auto& i : result.value("items", json::array())) {
        out[JsonStr(i, "offer_id")] = JsonInt(i, "product_id");
    }
    return out;
}

std::vector<ImportStatus> ParseImportInfo(const json& body) {
    std::vector<ImportStatus> out;
    const json& result = body.value("result", json::object());
    for (const auto& i : result.value("items", json::array())) {
        ImportStatus s;
        s.offer_id = JsonStr(i, "offer_id");
        s.product_id = JsonInt(i, "product_id");
        s.status = JsonStr(i, "status");
        for (const auto& e : i.value("errors", json::array())) {
            std::string level = JsonStr(e, "level");
            if (level == "ERROR_LEVEL_WARNING" || level == "warning") {
                continue;
            }
            std::string text = JsonStr(e, "message");
            if (text.empty()) {
                text = JsonStr(e, "description");
            }
            if (text.empty()) {
                text = JsonStr(e, "code");
            }
            std::string attr = JsonStr(e, "attribute_name");
            s.errors.push_back(attr.empty() ? text : attr + ": " + text);
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<ProductState> ParseInfoList(const json& body) {
    std::vector<ProductState> out;
    const json& items = body.contains("items") ? body["items"] : body.value("result", json::object()).value("items", json::array());
    for (const auto& i : items) {
        ProductState s;
        s.offer_id = JsonStr(i, "offer_id");
        s.product_id = JsonInt(i, "id");
        s.sku = JsonInt(i, "sku");
        if (s.sku == 0) {
            for (const auto& src : i.value("sources", json::array())) {
                if (JsonInt(src, "sku") != 0) {
                    s.sku = JsonInt(src, "sku");
                    break;
                }
            }
        }
        const json& st = i.value("statuses", json::object());
        std::string moderate = JsonStr(st, "moderate_status");
        std::string status = JsonStr(st, "status");
        std::string validation = JsonStr(st, "validation_status");
        bool created = st.value("is_created", false);
        for (const auto& e : i.value("errors", json::array())) {
            std::string level = JsonStr(e, "level");
            if (level == "ERROR_LEVEL_WARNING") {
                continue;
            }
            const json& texts = e.value("texts", json::object());
            std::string msg = JsonStr(texts, "message");
            if (msg.empty()) {
                msg = JsonStr(texts, "description");
            }
            if (msg.empty()) {
                msg = JsonStr(e, "code");
            }
            std::string attr = JsonStr(texts, "attribute_name");
            s.reasons.push_back(attr.empty() ? msg : attr + ": " + msg);
        }
        if (moderate == "declined" || validation == "fail" || status.find("failed") != std::string::npos ||
            !JsonStr(st, "status_failed").empty()) {
            s.state = PublishState::kRejected;
            if (s.reasons.empty()) {
                std::string d = JsonStr(st, "status_description");
                s.reasons.push_back(d.empty() ? JsonStr(st, "status_name") : d);
            }
        } else if (created && (moderate == "approved" || status == "price_sent")) {
            s.state = PublishState::kLive;
        } else {
            s.state = PublishState::kModeration;
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::string ExtractMessage(const net::HttpResponse& response) {
    json j = json::parse(response.body, nullptr, false);
    if (!j.is_object()) {
        return Utf8Truncate(response.body, 300);
    }
    std::string m = JsonStr(j, "message");
    if (m.empty()) {
        m = JsonStr(j, "error");
    }
    return m;
}

bool IsOverLimit(const net::HttpResponse& response) {
    return response.status == 429 || response.body.find("rate limit") != std::string::npos;
}

}  // namespace by::marketplaces::ozon
