#include "marketplaces/wildberries/wb_payload.hpp"

#include <cmath>
#include <cstdlib>

#include "marketplaces/common/mapping.hpp"

namespace by::marketplaces::wb {

using nlohmann::json;

namespace {

std::vector<std::string> SplitValues(const std::string& v) {
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
    const char* p = s.c_str();
    while (*p == ' ') {
        ++p;
    }
    char* end = nullptr;
    double d = std::strtod(p, &end);
    if (end == p) {
        return std::nullopt;
    }
    return d;
}

std::string Quote(const std::string& s) { return "«" + s + "»"; }

}  // namespace

std::string DirectoryFor(const Charc& c) {
    std::string n = NormalizeKey(c.name);
    if (n == "цвет" || n.rfind("цвет ", 0) == 0) {
        return "colors";
    }
    if (n.find("страна") != std::string::npos) {
        return "countries";
    }
    if (n == "пол") {
        return "kinds";
    }
    return {};
}

core::Result<json> BuildVariant(const PublishItem& item, const std::vector<Charc>& charcs, const Directories& dirs,
                                int64_t price_units) {
    const core::Product& p = item.product;
    if (p.sku.empty()) {
        return core::Error::Unprocessable("the product has no SKU (WB vendorCode)", "sku");
    }
    if (Utf8Length(p.sku) > kVendorCodeMax) {
        return core::Error::Unprocessable("SKU is longer than WB's 72-character vendorCode", "sku");
    }
    BY_ASSIGN(Package pkg, ReadPackage(p));
    json v = json::object();
    v["vendorCode"] = p.sku;
    v["title"] = Utf8Truncate(CardTitle(item, "ru"), kTitleMax);
    std::string description = CardDescription(item, "ru");
    if (!description.empty()) {
        v["description"] = Utf8Truncate(description, kDescriptionMax);
    }
    if (!p.brand.empty()) {
        v["brand"] = p.brand;
    }
    double kg = std::round(pkg.weight_g) / 1000.0;
    v["dimensions"] = {{"length", std::max<int64_t>(1, static_cast<int64_t>(std::ceil(pkg.length_cm - 1e-9)))},
                       {"width", std::max<int64_t>(1, static_cast<int64_t>(std::ceil(pkg.width_cm - 1e-9)))},
                       {"height", std::max<int64_t>(1, static_cast<int64_t>(std::ceil(pkg.height_cm - 1e-9)))},
                       {"weightBrutto", std::max(0.001, kg)}};
    auto ours = Characteristics(item);
    json chars = json::array();
    for (const Charc& c : charcs) {
        if (c.type == 0) {
            continue;
        }
        auto found = FindValue(ours, c.name, c.id);
        auto missing = [&](const std::string& why) -> core::Error {
            return core::Error::Unprocessable("wildberries: required characteristic " + Quote(c.name) + " (" +
                                                  std::to_string(c.id) + ") " + why,
                                              "characteristics." + std::to_string(c.id));
        };
        if (!found || found->empty()) {
            if (c.required) {
                return missing("has no value in the product or its content");
            }
            continue;
        }
        if (c.type == 4) {
            auto n = ParseNumber(*found);
            if (!n) {
                if (c.required) {
                    return missing("needs a number, got " + Quote(*found));
                }
                continue;
            }
            chars.push_back({{"id", c.id}, {"value", *n}});
            continue;
        }
        std::vector<std::string> values = SplitValues(*found);
        std::string dir = DirectoryFor(c);
        if (!dir.empty()) {
            auto it = dirs.find(dir);
            std::vector<std::string> matched;
            for (const auto& value : values) {
                if (it != dirs.end()) {
                    const auto& entries = it->second;
                    auto hit = MatchDictionary(value, entries.size(), [&](size_t i) { return std::string(entries[i]); });
                    if (hit) matched.push_back(entries[*hit]);  // the directory's own spelling
                }
            }
            if (matched.empty()) {
                if (c.required) {
                    return missing("value " + Quote(*found) + " is not in WB's " + dir + " directory");
                }
                continue;
            }
            values = matched;
        }
        if (c.max_count > 0 && static_cast<int>(values.size()) > c.max_count) {
            values.resize(c.max_count);
        }
        chars.push_back({{"id", c.id}, {"value", values}});
    }
    v["characteristics"] = chars;
    json size = {{"price", price_units}};
    if (!p.barcode.empty()) {
        size["skus"] = json::array({p.barcode});
    }
    v["sizes"] = json::array({size});
    return v;
}

json BuildUploadBody(const std::vector<std::pair<int64_t, json>>& subject_and_variant) {
    json body = json::array();
    for (const auto& [subject, variant] : subject_and_variant) {
        body.push_back({{"subjectID", subject}, {"variants", json::array({variant})}});
    }
    return body;
}

json BuildUpdateCard(const json& variant, const Card& existing) {
    json card = json::object();
    card["nmID"] = existing.nm_id;
    for (const char* k : {"vendorCode", "brand", "title", "description", "dimensions", "characteristics"}) {
        if (variant.contains(k)) {
            card[k] = variant[k];
        }
    }
    json sizes = json::array();
    for (const auto& s : existing.sizes) {
        json out = json::object();
        if (s.contains("chrtID")) {
            out["chrtID"] = s["chrtID"];
        }
        for (const char* k : {"techSize", "wbSize"}) {
            if (s.contains(k) && s[k].is_string()) {
                out[k] = s[k];
            }
        }
        if (s.contains("skus") && s["skus"].is_array()) {
            out["skus"] = s["skus"];
        }
        sizes.push_back(out);
    }
    if (sizes.empty()) {
        sizes = variant.value("sizes", json::array());
    }
    card["sizes"] = sizes;
    return card;
}

json BuildMediaSave(int64_t nm_id, const std::vector<std::string>& image_urls, const std::string& video_url) {
    json data = json::array();
    for (const auto& u : image_urls) {
        if (data.size() >= 30) {
            break;  // WB keeps at most 30 images per card
        }
        data.push_back(u);
    }
    if (!video_url.empty()) {
        data.push_back(video_url);
    }
    return {{"nmId", nm_id}, {"data", data}};
}

json BuildPriceTask(const std::vector<std::pair<int64_t, int64_t>>& nm_and_price) {
    json data = json::array();
    for (const auto& [nm, price] : nm_and_price) {
        data.push_back({{"nmID", nm}, {"price", price}});
    }
    return {{"data", data}};
}

json BuildStocks(const std::vector<std::pair<int64_t, int64_t>>& chrt_and_amount) {
    json stocks = json::array();
    for (const auto& [chrt, amount] : chrt_and_amount) {
        stocks.push_back({{"chrtId", chrt}, {"amount", amount}});
    }
    return {{"stocks", stocks}};
}

json BuildCardsListRequest(const json& cursor, int limit, const std::string& text_search) {
    json c = {{"limit", limit}};
    if (cursor.is_object() && cursor.contains("updatedAt") && cursor.contains("nmID")) {
        c["updatedAt"] = cursor["updatedAt"];
        c["nmID"] = cursor["nmID"];
    }
    json filter = {{"withPhoto", -1}};
    if (!text_search.empty()) {
        filter["textSearch"] = text_search;
    }
    return {{"settings", {{"sort", {{"ascending", true}}}, {"filter", filter}, {"cursor", c}}}};
}

json BuildErrorListRequest(const json& cursor, int limit) {
    json c = {{"limit", limit}};
    if (cursor.is_object() && cursor.contains("updatedAt") && cursor.contains("batchUUID")) {
        c["updatedAt"] = cursor["updatedAt"];
        c["batchUUID"] = cursor["batchUUID"];
    }
    return {{"cursor", c}, {"order", {{"ascending", false}}}};
}

std::vector<Charc> ParseCharcs(const json& body) {
    std::vector<Charc> out;
    if (!body.is_object() || !body.contains("data") || !body["data"].is_array()) {
        return out;
    }
    for (const auto& d : body["data"]) {
        Charc c;
        c.id = JsonInt(d, "charcID");
        c.name = JsonStr(d, "name");
        c.required = d.value("required", false);
        c.unit = JsonStr(d, "unitName");
        c.max_count = static_cast<int>(JsonInt(d, "maxCount"));
        c.type = static_cast<int>(JsonInt(d, "charcType", 1));
        if (c.id != 0) {
            out.push_back(std::move(c));
        }
    }
    return out;
}

std::vector<Card> ParseCards(const json& body) {
    std::vector<Card> out;
    if (!body.is_object() || !body.contains("cards") || !body["cards"].is_array()) {
        return out;
    }
    for (const auto& c : body["cards"]) {
        Card card;
        card.nm_id = JsonInt(c, "nmID");
        card.imt_id = JsonInt(c, "imtID");
        card.subject_id = JsonInt(c, "subjectID");
        card.vendor_code = JsonStr(c, "vendorCode");
        if (c.contains("sizes") && c["sizes"].is_array()) {
            card.sizes = c["sizes"];
        }
        card.photos = c.contains("photos") && c["photos"].is_array() ? c["photos"].size() : 0;
        card.updated_at = JsonStr(c, "updatedAt");
        if (card.nm_id != 0) {
            out.push_back(std::move(card));
        }
    }
    return out;
}

std::map<std::string, std::vector<std::string>> ParseErrorList(const json& body) {
    std::map<std::string, std::vector<std::string>> out;
    if (!body.is_object() || !body.contains("data") || !body["data"].is_object()) {
        return out;
    }
    const json& items = body["data"].value("items", json::array());
    for (const auto& batch : items) {
        if (!batch.is_object() || !batch.contains("errors") || !batch["errors"].is_object()) {
            continue;
        }
        for (const auto& [vc, errs] : batch["errors"].items()) {
            if (out.count(vc)) {
                continue;  // newest batch first: keep its reasons
            }
            auto& list = out[vc];
            if (errs.is_array()) {
                for (const auto& e : errs) {
                    if (e.is_string()) {
                        list.push_back(e.get<std::string>());
                    }
                }
            }
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
    for (const char* k : {"errorText", "title", "detail", "message"}) {
        std::string s = JsonStr(j, k);
        if (!s.empty()) {
            parts.push_back(s);
        }
    }
    if (j.contains("additionalErrors") && j["additionalErrors"].is_object()) {
        for (const auto& [k, v] : j["additionalErrors"].items()) {
            parts.push_back(k + ": " + (v.is_string() ? v.get<std::string>() : v.dump()));
        }
    }
    return Join(parts, "; ");
}

}  // namespace by::marketplaces::wb
