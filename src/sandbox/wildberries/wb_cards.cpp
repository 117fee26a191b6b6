// Wildberries content: card create/update (asynchronous, failures in cards/error/list), the card list
// and media by URL.
#include <algorithm>
#include <map>
#include <set>

#include "core/time.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/wildberries/wb_api.hpp"

namespace by::sandbox::wb {
namespace {

using nlohmann::json;

constexpr int64_t kNmStart = 310000000;
constexpr int64_t kImtStart = 210000000;
constexpr int64_t kChrtStart = 510000000;
constexpr int64_t kBarcodeStart = 204000000000;
constexpr size_t kMaxBody = 10 * 1024 * 1024;
constexpr int kMaxImages = 30;
constexpr int kMaxVideos = 1;
constexpr size_t kTitleMax = 60;
constexpr size_t kVendorCodeMax = 72;

const char* kCardsOrigin = "s2s-api-auth-content";

json OkBody() { return {{"data", nullptr}, {"error", false}, {"errorText", ""}, {"additionalErrors", json::object()}}; }

std::string Rfc(int64_t ms) { return core::FormatRfc3339(ms); }

MediaRules WbMediaRules() {
    MediaRules r;
    r.image_formats = {MediaFormat::kJpeg, MediaFormat::kPng, MediaFormat::kBmp, MediaFormat::kGif, MediaFormat::kWebp};
    r.video_formats = {MediaFormat::kMp4, MediaFormat::kMov};
    r.allow_animated = false;
    r.min_width = 700;
    r.min_height = 900;
    r.max_image_bytes = 32u * 1024 * 1024;
    r.max_video_bytes = 50u * 1024 * 1024;
    return r;
}

std::string MediaProblemText(const MediaVerdict& v) {
    std::string what = "Файл " + v.url + ": ";
    if (v.problem == "download_failed" || v.problem == "http_status") {
        return what + "не удалось скачать файл по ссылке (" + v.detail + ")";
    }
    if (v.problem == "not_media") {
        return what + "ссылка должна вести прямо на изображение или видео";
    }
    if (v.problem == "format") {
        return what + "недопустимый формат (изображения: JPG, PNG, BMP, GIF, WebP; видео: MOV, MP4)";
    }
    if (v.problem == "animated") {
        return what + "анимированные GIF не допускаются";
    }
    if (v.problem == "too_small") {
        return what + "разрешение " + std::to_string(v.info.width) + "x" + std::to_string(v.info.height) +
               " меньше минимального 700x900";
    }
    if (v.problem == "too_large") {
        return what + (v.kind == MediaKind::kVideo ? "размер видео превышает 50 Мб" : "размер изображения превышает 32 Мб");
    }
    return what + v.detail;
}

bool InColors(const std::string& v) {
    for (const auto& c : catalog::WbColors()) {
        if (v == c.name) {
            return true;
        }
    }
    return false;
}

bool InCountries(const std::string& v) {
    for (const auto& c : catalog::WbCountries()) {
        if (v == c.name) {
            return true;
        }
    }
    return false;
}

bool InKinds(const std::string& v) {
    for (const auto& k : catalog::WbKinds()) {
        if (v == k) {
            return true;
        }
    }
    return false;
}

// Checks a variant's texts and characteristics against WB's rules; returns error texts as WB lists
// them in cards/error/list, and fills `normalized` with {id, name, value} characteristics.
std::vector<std::string> ValidateVariant(const json& v, const catalog::WbSubject& subject, json* normalized) {
    std::vector<std::string> errors;
    std::string vendor_code = JsonString(v, "vendorCode");
    if (Utf8Length(vendor_code) > kVendorCodeMax) {
        errors.push_back("Артикул продавца не должен превышать 72 символа");
    }
    std::string title = JsonString(v, "title");
    if (Utf8Length(title) > kTitleMax) {
        errors.push_back("Наименование товара не должно превышать 60 символов");
    }
    std::string description = JsonString(v, "description");
    if (Utf8Length(description) > static_cast<size_t>(subject.description_max)) {
        errors.push_back("Описание товара не должно превышать " + std::to_string(subject.description_max) +
                         " символов");
    }
    if (v.contains("dimensions") && v["dimensions"].is_object()) {
        for (const char* k : {"length", "width", "height"}) {
            if (v["dimensions"].contains(k) && (!v["dimensions"][k].is_number() || v["dimensions"][k].get<double>() < 0)) {
                errors.push_back(std::string("Некорректное значение габарита ") + k);
            }
        }
    }
    *normalized = json::array();
    std::vector<catalog::WbCharc> charcs = catalog::WbCharcsFor(subject.id);
    std::set<int64_t> seen;
    const json empty = json::array();
    const json& chars = v.contains("characteristics") ? v["characteristics"] : empty;
    if (!chars.is_array()) {
        errors.push_back("Некорректный формат характеристик");
    } else {
        for (const auto& c : chars) {
            auto id = c.is_object() && c.contains("id") ? AsInt(c["id"]) : std::nullopt;
            if (!id || !c.contains("value")) {
                errors.push_back("Некорректный формат характеристики: нужны id и value");
                continue;
            }
            auto it = std::find_if(charcs.begin(), charcs.end(), [&](const catalog::WbCharc& x) { return x.id == *id; });
            if (it == charcs.end()) {
                errors.push_back("Характеристика с ID " + std::to_string(*id) + " не относится к предмету «" +
                                 subject.name + "»");
                continue;
            }
            seen.insert(*id);
            const json& value = c["value"];
            if (it->charc_type == 4) {
                if (!value.is_number()) {
                    errors.push_back(std::string("Значение характеристики «") + it->name + "» должно быть числом");
                    continue;
                }
            } else {
                bool ok = value.is_array() && std::all_of(value.begin(), value.end(), [](const json& x) { return x.is_string(); });
                if (!ok) {
                    errors.push_back(std::string("Значение характеристики «") + it->name + "» должно быть массивом строк");
                    continue;
                }
                if (it->max_count > 0 && static_cast<int>(value.size()) > it->max_count) {
                    errors.push_back(std::string("Превышено количество значений характеристики «") + it->name +
                                     "»: не более " + std::to_string(it->max_count));
                }
                std::string dict = it->dictionary;
                for (const auto& x : value) {
                    const std::string& s = x.get_ref<const std::string&>();
                    bool known = dict == "colors"      ? InColors(s)
                                 : dict == "countries" ? InCountries(s)
                                 : dict == "kinds"     ? InKinds(s)
                                                       : true;
                    if (!known) {
                        errors.push_back("Значение «" + s + "» характеристики «" + it->name +
                                         "» отсутствует в справочнике");
                    }
                }
            }
            normalized->push_back({{"id", it->id}, {"name", it->name}, {"value", value}});
        }
    }
    for (const auto& c : charcs) {
        if (c.required && !seen.count(c.id)) {
            errors.push_back(std::string("Не заполнена обязательная характеристика «") + c.name + "»");
        }
    }
    return errors;
}

// Output shape of a card in get/cards/list.
json CardOut(const json& d) {
    json photos = json::array();
    for (const auto& url : d.value("photos", json::array())) {
        photos.push_back({{"big", url}, {"c246x328", url}, {"c516x688", url}, {"square", url}, {"tm", url}});
    }
    json dims = d.value("dimensions", json::object());
    json out = {{"nmID", d["nmID"]},
                {"imtID", d["imtID"]},
                {"nmUUID", d["nmUUID"]},
                {"subjectID", d["subjectID"]},
                {"subjectName", d["subjectName"]},
                {"vendorCode", d["vendorCode"]},
                {"brand", d.value("brand", "")},
                {"title", d.value("title", "")},
                {"description", d.value("description", "")},
                {"needKiz", false},
                {"photos", photos},
                {"dimensions",
                 {{"length", JsonInt(dims, "length")},
                  {"width", JsonInt(dims, "width")},
                  {"height", JsonInt(dims, "height")},
                  {"weightBrutto", JsonNumber(dims, "weightBrutto")},
                  {"isValid", JsonInt(dims, "length") > 0 && JsonInt(dims, "width") > 0 && JsonInt(dims, "height") > 0}}},
                {"characteristics", d.value("characteristics", json::array())},
                {"sizes", d.value("sizes", json::array())},
                {"tags", json::array()},
                {"createdAt", Rfc(JsonInt(d, "created_ms"))},
                {"updatedAt", Rfc(JsonInt(d, "updated_ms"))}};
    if (!d.value("video", "").empty()) {
        out["video"] = d["video"];
    }
    if (d.contains("wholesale")) {
        out["wholesale"] = d["wholesale"];
    }
    return out;
}

// Builds the stored sizes, giving new sizes a chrtID and missing barcodes a generated EAN-13.
// Returns an error text when a barcode already belongs to another card of the seller.
std::optional<std::string> BuildSizes(Store::Tx& tx, const SellerAccount& seller, const std::string& vendor_code,
                                      const json& in_sizes, const json& old_sizes, json* out) {
    *out = json::array();
    json sizes = in_sizes.is_array() && !in_sizes.empty() ? in_sizes : json::array({json::object()});
    for (const auto& s : sizes) {
        if (!s.is_object()) {
            return std::string("Некорректный формат размеров");
        }
        int64_t chrt = JsonInt(s, "chrtID");
        if (chrt == 0) {
            // Reuse the chrtID of the same techSize from before, else allocate.
            for (const auto& o : old_sizes) {
                if (o.value("techSize", "") == s.value("techSize", "")) {
                    chrt = JsonInt(o, "chrtID");
                }
            }
        }
        if (chrt == 0) {
            chrt = tx.NextId("chrt", kChrtStart);
        }
        json skus = json::array();
        if (s.contains("skus") && s["skus"].is_array() && !s["skus"].empty()) {
            for (const auto& b : s["skus"]) {
                if (!b.is_string()) {
                    return std::string("Баркод должен быть строкой");
                }
                skus.push_back(b);
            }
        } else {
            bool reused = false;
            for (const auto& o : old_sizes) {
                if (JsonInt(o, "chrtID") == chrt && o.contains("skus")) {
                    skus = o["skus"];
                    reused = true;
                }
            }
            if (!reused) {
                skus.push_back(Ean13(kBarcodeStart + tx.NextId("barcode", 1)));
            }
        }
        for (const auto& b : skus) {
            auto owner = tx.Get("barcode", SellerKey(seller, b.get<std::string>()));
            if (owner && owner->value("vendorCode", "") != vendor_code) {
                return "Баркод " + b.get<std::string>() + " уже используется в другой карточке товара";
            }
        }
        json size = {{"chrtID", chrt}, {"techSize", s.value("techSize", "0")}, {"skus", skus}};
        if (s.contains("wbSize")) {
            size["wbSize"] = s["wbSize"];
        }
        if (s.contains("price")) {
            size["price"] = s["price"];
        }
        out->push_back(size);
    }
    return std::nullopt;
}

void IndexBarcodes(Store::Tx& tx, const SellerAccount& seller, const json& card) {
    for (const auto& size : card["sizes"]) {
        std::string first = size["skus"].empty() ? std::string() : size["skus"][0].get<std::string>();
        tx.Put("chrt", SellerKey(seller, std::to_string(size["chrtID"].get<int64_t>())),
               {{"vendorCode", card["vendorCode"]}, {"nmID", card["nmID"]}, {"sku", first}});
        for (const auto& b : size["skus"]) {
            tx.Put("barcode", SellerKey(seller, b.get<std::string>()),
                   {{"vendorCode", card["vendorCode"]}, {"nmID", card["nmID"]}, {"chrtID", size["chrtID"]}});
        }
    }
}

// A later successful create/update clears the vendor code from earlier error batches (as WB does).
void ClearErrors(Store::Tx& tx, const SellerAccount& seller, const std::set<std::string>& vendor_codes) {
    if (vendor_codes.empty()) {
        return;
    }
    for (auto& [key, batch] : tx.List("error_batch", seller.name + "/")) {
        bool changed = false;
        json codes = json::array();
        for (const auto& vc : batch["vendorCodes"]) {
            if (vendor_codes.count(vc.get<std::string>())) {
                batch["errors"].erase(vc.get<std::string>());
                batch["subjects"].erase(vc.get<std::string>());
                changed = true;
            } else {
                codes.push_back(vc);
            }
        }
        if (!changed) {
            continue;
        }
        if (codes.empty()) {
            tx.Erase("error_batch", key);
        } else {
            batch["vendorCodes"] = codes;
            tx.Put("error_batch", key, batch);
        }
    }
}

struct Batch {
    json subjects = json::object();
    json brands = json::object();
    json vendor_codes = json::array();
    json errors = json::object();
    void Add(const std::string& vc, int64_t subject_id, const std::string& subject_name, const std::string& brand,
             const std::vector<std::string>& errs) {
        if (!errors.contains(vc)) {
            vendor_codes.push_back(vc);
            errors[vc] = json::array();
        }
        subjects[vc] = {{"id", subject_id}, {"name", subject_name}};
        if (!brand.empty()) {
            brands[vc] = {{"id", 0}, {"name", brand}};
        }
        for (const auto& e : errs) {
            errors[vc].push_back(e);
        }
    }
    bool empty() const { return vendor_codes.empty(); }
};

void SaveBatch(Store::Tx& tx, const SellerAccount& seller, Batch& b, int64_t visible_at) {
    std::string uuid = NewUuid();
    char ts[24];
    std::snprintf(ts, sizeof ts, "%016lld", static_cast<long long>(visible_at));
    tx.Put("error_batch", SellerKey(seller, std::string(ts) + "/" + uuid),
           {{"batchUUID", uuid},
            {"subjects", b.subjects},
            {"brands", b.brands},
            {"vendorCodes", b.vendor_codes},
            {"errors", b.errors},
            {"updated_ms", visible_at}});
}

}  // namespace

api::HttpResponse WbApi::Upload(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "cards_upload", kCardWriteLimit, kCardsOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    if (req.body.size() > kMaxBody) {
        return GatewayError(413, "request body too long", "https://openapi.wildberries.ru/content/api/ru/",
                            kCardsOrigin, ctx_.NowMs());
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_array() || body->empty() || body->size() > 100) {
        return ContentError(400, "Invalid request format");
    }
    std::vector<std::string> codes;
    for (const auto& group : *body) {
        if (!group.is_object() || !group.contains("subjectID") || !AsInt(group["subjectID"]) ||
            !group.contains("variants") || !group["variants"].is_array() || group["variants"].empty() ||
            group["variants"].size() > 30) {
            return ContentError(400, "Invalid request format");
        }
        if (catalog::FindWbSubject(*AsInt(group["subjectID"])) == nullptr) {
            return ContentError(400, "This category does not exist",
                                {{"id", std::to_string(*AsInt(group["subjectID"]))}});
        }
        for (const auto& v : group["variants"]) {
            if (!v.is_object() || JsonString(v, "vendorCode").empty()) {
                return ContentError(400, "A card cannot be created without a vendorCode");
            }
            codes.push_back(JsonString(v, "vendorCode"));
        }
    }
    int64_t now = ctx_.NowMs();
    int64_t visible_at = now + ctx_.ProcessingDelayMs();
    auto tx = ctx_.store.Begin(name());
    std::set<std::string> unique(codes.begin(), codes.end());
    bool duplicate = unique.size() != codes.size();
    for (const auto& vc : unique) {
        if (tx.Get("card", SellerKey(*seller, vc))) {
            duplicate = true;
        }
    }
    if (duplicate) {
        for (const auto& vc : unique) {
            tx.Bump("create_rejected", SellerKey(*seller, vc));
        }
        tx.Commit();
        return ContentError(400, "bad request; Unexpected the specified card's vendor code is used in other cards");
    }
    std::set<std::string> created;
    for (const auto& group : *body) {
        const catalog::WbSubject* subject = catalog::FindWbSubject(*AsInt(group["subjectID"]));
        int64_t imt = tx.NextId("imt", kImtStart);
        Batch batch;
        for (const auto& v : group["variants"]) {
            std::string vc = JsonString(v, "vendorCode");
            tx.Bump("create", SellerKey(*seller, vc));
            json characteristics;
            std::vector<std::string> errors = ValidateVariant(v, *subject, &characteristics);
            json sizes;
            if (errors.empty()) {
                if (auto e = BuildSizes(tx, *seller, vc, v.value("sizes", json::array()), json::array(), &sizes)) {
                    errors.push_back(*e);
                }
            }
            if (!errors.empty()) {
                batch.Add(vc, subject->id, subject->name, JsonString(v, "brand"), errors);
                continue;
            }
            json card = {{"nmID", tx.NextId("nm", kNmStart)},
                         {"imtID", imt},
                         {"nmUUID", NewUuid()},
                         {"subjectID", subject->id},
                         {"subjectName", subject->name},
                         {"vendorCode", vc},
                         {"brand", JsonString(v, "brand")},
                         {"title", JsonString(v, "title")},
                         {"description", JsonString(v, "description")},
                         {"dimensions", v.value("dimensions", json::object())},
                         {"characteristics", characteristics},
                         {"sizes", sizes},
                         {"photos", json::array()},
                         {"video", ""},
                         {"created_ms", now},
                         {"updated_ms", now},
                         {"visible_at_ms", visible_at}};
            if (v.contains("wholesale")) {
                card["wholesale"] = v["wholesale"];
            }
            tx.Put("card", SellerKey(*seller, vc), card);
            tx.Put("nm", std::to_string(card["nmID"].get<int64_t>()), {{"seller", seller->name}, {"vendorCode", vc}});
            IndexBarcodes(tx, *seller, card);
            created.insert(vc);
        }
        if (!batch.empty()) {
            SaveBatch(tx, *seller, batch, visible_at);
        }
    }
    ClearErrors(tx, *seller, created);
    tx.Commit();
    return api::JsonResponse(200, OkBody());
}

api::HttpResponse WbApi::Update(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "cards_update", kCardWriteLimit, kCardsOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    if (req.body.size() > kMaxBody) {
        return GatewayError(413, "request body too long", "https://openapi.wildberries.ru/content/api/ru/",
                            kCardsOrigin, ctx_.NowMs());
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_array() || body->empty() || body->size() > 3000) {
        return ContentError(400, "Invalid request format");
    }
    for (const auto& item : *body) {
        if (!item.is_object() || !item.contains("nmID") || !AsInt(item["nmID"]) ||
            JsonString(item, "vendorCode").empty() || !item.contains("sizes") || !item["sizes"].is_array()) {
            return ContentError(400, "Invalid request format");
        }
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    Batch batch;
    std::set<std::string> updated;
    for (const auto& item : *body) {
        int64_t nm = *AsInt(item["nmID"]);
        std::string vc = JsonString(item, "vendorCode");
        tx.Bump("update", SellerKey(*seller, vc));
        auto index = tx.Get("nm", std::to_string(nm));
        if (!index || index->value("seller", "") != seller->name) {
            batch.Add(vc, 0, "", JsonString(item, "brand"),
                      {"Карточка товара с nmID " + std::to_string(nm) + " не найдена"});
            continue;
        }
        std::string old_vc = index->value("vendorCode", "");
        auto card = tx.Get("card", SellerKey(*seller, old_vc));
        if (!card) {
            batch.Add(vc, 0, "", "", {"Карточка товара с nmID " + std::to_string(nm) + " не найдена"});
            continue;
        }
        const catalog::WbSubject* subject = catalog::FindWbSubject(JsonInt(*card, "subjectID"));
        json characteristics;
        std::vector<std::string> errors = ValidateVariant(item, *subject, &characteristics);
        if (vc != old_vc && tx.Get("card", SellerKey(*seller, vc))) {
            errors.push_back("Артикул продавца используется в другой карточке товара");
        }
        json sizes;
        if (errors.empty()) {
            if (auto e = BuildSizes(tx, *seller, old_vc, item["sizes"], (*card)["sizes"], &sizes)) {
                errors.push_back(*e);
            }
        }
        if (!errors.empty()) {
            batch.Add(vc, subject->id, subject->name, JsonString(item, "brand"), errors);
            continue;
        }
        // An update overwrites the whole card except media, tags and existing barcodes.
        (*card)["vendorCode"] = vc;
        (*card)["brand"] = JsonString(item, "brand");
        (*card)["title"] = JsonString(item, "title");
        (*card)["description"] = JsonString(item, "description");
        (*card)["dimensions"] = item.value("dimensions", json::object());
        (*card)["characteristics"] = characteristics;
        (*card)["sizes"] = sizes;
        (*card)["updated_ms"] = now;
        if (vc != old_vc) {
            tx.Erase("card", SellerKey(*seller, old_vc));
            tx.Put("nm", std::to_string(nm), {{"seller", seller->name}, {"vendorCode", vc}});
        }
        tx.Put("card", SellerKey(*seller, vc), *card);
        IndexBarcodes(tx, *seller, *card);
        updated.insert(vc);
    }
    if (!batch.empty()) {
        SaveBatch(tx, *seller, batch, now + ctx_.ProcessingDelayMs());
    }
    ClearErrors(tx, *seller, updated);
    tx.Commit();
    return api::JsonResponse(200, OkBody());
}

api::HttpResponse WbApi::CardsList(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "content", kContentLimit, kCardsOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        api::HttpResponse r;
        r.status = 400;
        r.content_type = "plain/text";
        r.body = "Request body can not be decoded";
        return r;
    }
    json settings = body->value("settings", json::object());
    json filter = settings.value("filter", json::object());
    json cursor = settings.value("cursor", json::object());
    bool ascending = settings.value("sort", json::object()).value("ascending", false);
    int64_t limit = JsonInt(cursor, "limit", 100);
    if (limit <= 0 || limit > 100) {
        return ContentError(400, "Invalid request format", {{"limit", "must be from 1 to 100"}});
    }
    int64_t with_photo = filter.contains("withPhoto") ? JsonInt(filter, "withPhoto", -1) : -1;
    std::string text = JsonString(filter, "textSearch");
    std::set<int64_t> objects;
    for (const auto& o : filter.value("objectIDs", json::array())) {
        if (auto id = AsInt(o)) {
            objects.insert(*id);
        }
    }
    int64_t imt = JsonInt(filter, "imtID");
    int64_t now = ctx_.NowMs();

    std::vector<json> cards;
    {
        auto tx = ctx_.store.Begin(name());
        for (auto& [key, d] : tx.List("card", seller->name + "/")) {
            if (JsonInt(d, "visible_at_ms") > now) {
                continue;  // still being created
            }
            bool has_photo = !d.value("photos", json::array()).empty();
            if ((with_photo == 0 && has_photo) || (with_photo == 1 && !has_photo)) {
                continue;
            }
            if (!objects.empty() && !objects.count(JsonInt(d, "subjectID"))) {
                continue;
            }
            if (imt != 0 && JsonInt(d, "imtID") != imt) {
                continue;
            }
            if (!text.empty()) {
                bool hit = d.value("vendorCode", "").find(text) != std::string::npos ||
                           std::to_string(JsonInt(d, "nmID")) == text ||
                           d.value("title", "").find(text) != std::string::npos;
                for (const auto& s : d.value("sizes", json::array())) {
                    for (const auto& b : s.value("skus", json::array())) {
                        hit = hit || b == text;
                    }
                }
                if (!hit) {
                    continue;
                }
            }
            cards.push_back(std::move(d));
        }
    }
    auto before = [&](const json& a, const json& b) {
        int64_t ua = JsonInt(a, "updated_ms");
        int64_t ub = JsonInt(b, "updated_ms");
        if (ua != ub) {
            return ascending ? ua < ub : ua > ub;
        }
        return ascending ? JsonInt(a, "nmID") < JsonInt(b, "nmID") : JsonInt(a, "nmID") > JsonInt(b, "nmID");
    };
    std::sort(cards.begin(), cards.end(), before);
    size_t start = 0;
    if (cursor.contains("nmID") && cursor.contains("updatedAt")) {
        auto at = ParseTime(JsonString(cursor, "updatedAt"));
        json marker = {{"updated_ms", at ? *at : 0}, {"nmID", JsonInt(cursor, "nmID")}};
        while (start < cards.size() && !before(marker, cards[start])) {
            ++start;
        }
    }
    json out = json::array();
    for (size_t i = start; i < cards.size() && static_cast<int64_t>(out.size()) < limit; ++i) {
        out.push_back(CardOut(cards[i]));
    }
    json next_cursor = {{"total", out.size()}};
    if (!out.empty()) {
        next_cursor["updatedAt"] = out.back()["updatedAt"];
        next_cursor["nmID"] = out.back()["nmID"];
    }
    return api::JsonResponse(200, {{"cards", out}, {"cursor", next_cursor}});
}

api::HttpResponse WbApi::ErrorList(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "cards_errors", kCardWriteLimit, kCardsOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return ContentError(400, "Invalid request format");
    }
    json cursor = body->value("cursor", json::object());
    bool ascending = body->value("order", json::object()).value("ascending", true);
    int64_t limit = JsonInt(cursor, "limit", 100);
    if (limit <= 0 || limit > 100) {
        return ContentError(400, "Invalid request format");
    }
    int64_t now = ctx_.NowMs();
    std::vector<json> batches;
    {
        auto tx = ctx_.store.Begin(name());
        for (auto& [key, b] : tx.List("error_batch", seller->name + "/")) {
            if (JsonInt(b, "updated_ms") <= now) {
                batches.push_back(std::move(b));
            }
        }
    }
    auto before = [&](const json& a, const json& b) {
        int64_t ua = JsonInt(a, "updated_ms");
        int64_t ub = JsonInt(b, "updated_ms");
        if (ua != ub) {
            return ascending ? ua < ub : ua > ub;
        }
        return ascending ? a.value("batchUUID", "") < b.value("batchUUID", "")
                         : a.value("batchUUID", "") > b.value("batchUUID", "");
    };
    std::sort(batches.begin(), batches.end(), before);
    size_t start = 0;
    if (cursor.contains("batchUUID") && cursor.contains("updatedAt")) {
        auto at = ParseTime(JsonString(cursor, "updatedAt"));
        json marker = {{"updated_ms", at ? *at : 0}, {"batchUUID", JsonString(cursor, "batchUUID")}};
        while (start < batches.size() && !before(marker, batches[start])) {
            ++start;
        }
    }
    json items = json::array();
    size_t i = start;
    for (; i < batches.size() && static_cast<int64_t>(items.size()) < limit; ++i) {
        const json& b = batches[i];
        items.push_back({{"batchUUID", b["batchUUID"]},
                         {"subjects", b["subjects"]},
                         {"brands", b["brands"]},
                         {"vendorCodes", b["vendorCodes"]},
                         {"errors", b["errors"]}});
    }
    json out_cursor = {{"next", i < batches.size()},
                       {"updatedAt", items.empty() ? Rfc(now) : Rfc(JsonInt(batches[i - 1], "updated_ms"))},
                       {"batchUUID", items.empty() ? std::string("00000000-0000-0000-0000-000000000000")
                                                   : batches[i - 1].value("batchUUID", "")}};
    return api::JsonResponse(200, {{"data", {{"items", items}, {"cursor", out_cursor}}},
                                   {"error", false},
                                   {"errorText", ""},
                                   {"additionalErrors", nullptr}});
}

api::HttpResponse WbApi::MediaSave(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, "content", kContentLimit, kCardsOrigin, &err);
    if (seller == nullptr) {
        return err;
    }
    auto media_error = [](int status, const std::string& text) {
        return api::JsonResponse(status, {{"additionalErrors", nullptr}, {"data", nullptr}, {"error", true}, {"errorText", text}});
    };
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || !body->contains("nmId") || !AsInt((*body)["nmId"]) || !body->contains("data") ||
        !(*body)["data"].is_array()) {
        return media_error(400, "Invalid request format");
    }
    std::vector<std::pair<std::string, MediaKind>> urls;
    for (const auto& u : (*body)["data"]) {
        if (!u.is_string() || u.get<std::string>().empty()) {
            return media_error(400, "Invalid request format");
        }
        urls.emplace_back(u.get<std::string>(), MediaKind::kAny);
    }
    int64_t nm = *AsInt((*body)["nmId"]);
    std::string vc;
    {
        auto tx = ctx_.store.Begin(name());
        auto index = tx.Get("nm", std::to_string(nm));
        if (!index || index->value("seller", "") != seller->name) {
            return media_error(400, "Карточка товара с nmId " + std::to_string(nm) + " не найдена");
        }
        vc = index->value("vendorCode", "");
    }
    // Downloads happen outside the store lock: they may take seconds.
    std::vector<MediaVerdict> verdicts = ctx_.media.CheckAll(urls, WbMediaRules());
    std::vector<std::string> errors;
    json photos = json::array();
    std::string video;
    int images = 0;
    int videos = 0;
    for (const auto& v : verdicts) {
        if (!v.ok) {
            errors.push_back(MediaProblemText(v));
            continue;
        }
        if (v.kind == MediaKind::kVideo) {
            ++videos;
            video = v.url;
        } else {
            ++images;
            photos.push_back(v.url);
        }
    }
    if (images > kMaxImages) {
        errors.push_back("Превышено количество изображений: не более 30 на карточку товара");
    }
    if (videos > kMaxVideos) {
        errors.push_back("Превышено количество видео: не более одного на карточку товара");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    tx.Bump("media", SellerKey(*seller, vc));
    auto card = tx.Get("card", SellerKey(*seller, vc));
    if (!card) {
        return media_error(400, "Карточка товара с nmId " + std::to_string(nm) + " не найдена");
    }
    if (!errors.empty()) {
        // Any bad file: WB answers 200 but uploads nothing, and lists the reasons with the card's errors.
        Batch batch;
        const catalog::WbSubject* subject = catalog::FindWbSubject(JsonInt(*card, "subjectID"));
        batch.Add(vc, subject ? subject->id : 0, subject ? subject->name : "", card->value("brand", ""), errors);
        SaveBatch(tx, *seller, batch, now + ctx_.ProcessingDelayMs());
    } else {
        (*card)["photos"] = photos;
        (*card)["video"] = video;
        (*card)["updated_ms"] = now;
        tx.Put("card", SellerKey(*seller, vc), *card);
    }
    tx.Commit();
    return api::JsonResponse(200, {{"data", json::object()}, {"error", false}, {"errorText", ""}, {"additionalErrors", nullptr}});
}

}  // namespace by::sandbox::wb
