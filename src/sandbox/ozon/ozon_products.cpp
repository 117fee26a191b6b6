// Ozon product import (asynchronous task), its status, the product read-back calls and pictures.
#include <algorithm>
#include <set>

#include "core/time.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/ozon/ozon_api.hpp"

namespace by::sandbox::ozon {
namespace {

using nlohmann::json;

constexpr int64_t kProductStart = 820000000;
constexpr int64_t kTaskStart = 1300000000;
constexpr int64_t kSkuOffset = 1000000000;
constexpr size_t kOfferIdMax = 50;
constexpr size_t kNameMax = 500;
constexpr size_t kImagesMax = 15;

json ItemError(const std::string& code, const std::string& field, const std::string& description,
               int64_t attribute_id = 0, const std::string& attribute_name = "") {
    return {{"code", code},
            {"field", field},
            {"attribute_id", attribute_id},
            {"state", "imported"},
            {"level", "error"},
            {"description", description},
            {"attribute_name", attribute_name},
            {"message", description}};
}

MediaRules OzonMediaRules() {
    MediaRules r;
    r.image_formats = {MediaFormat::kJpeg, MediaFormat::kPng};
    r.video_formats = {MediaFormat::kMp4, MediaFormat::kMov};
    return r;
}

bool PositiveDecimal(const json& item, const char* key) {
    if (!item.contains(key)) {
        return false;
    }
    auto v = AsDecimal(item[key]);
    return v && *v > 0;
}

std::string DecimalString(const json& v) {
    if (v.is_string()) {
        return v.get<std::string>();
    }
    if (v.is_number()) {
        return v.dump();
    }
    return "0";
}

// Collects the media URLs of an item: images (+ primary) and videos from complex attribute 100001.
std::vector<std::pair<std::string, MediaKind>> MediaOf(const json& item) {
    std::vector<std::pair<std::string, MediaKind>> out;
    if (!JsonString(item, "primary_image").empty()) {
        out.emplace_back(JsonString(item, "primary_image"), MediaKind::kImage);
    }
    for (const auto& u : item.value("images", json::array())) {
        if (u.is_string()) {
            out.emplace_back(u.get<std::string>(), MediaKind::kImage);
        }
    }
    for (const auto& c : item.value("complex_attributes", json::array())) {
        if (!c.is_object()) {
            continue;
        }
        for (const auto& a : c.value("attributes", json::array())) {
            if (!a.is_object()) {
                continue;
            }
            if (JsonInt(a, "complex_id") == catalog::kOzonVideoComplexId && JsonInt(a, "id") == catalog::kOzonVideoUrlAttr) {
                for (const auto& v : a.value("values", json::array())) {
                    if (!JsonString(v, "value").empty()) {
                        out.emplace_back(JsonString(v, "value"), MediaKind::kVideo);
                    }
                }
            }
        }
    }
    return out;
}

json MediaErrors(const std::vector<MediaVerdict>& verdicts) {
    json errors = json::array();
    for (const auto& v : verdicts) {
        if (v.ok) {
            continue;
        }
        bool video = v.kind == MediaKind::kVideo;
        std::string field = video ? "complex_attributes" : "images";
        if (v.problem == "download_failed" || v.problem == "http_status") {
            errors.push_back(ItemError(video ? "VIDEO_DOWNLOAD_FAILED" : "IMAGE_DOWNLOAD_FAILED", field,
                                       "Не удалось загрузить файл по ссылке " + v.url + ": " + v.detail));
        } else {
            errors.push_back(ItemError(video ? "VIDEO_INVALID_FORMAT" : "IMAGE_INVALID_FORMAT", field,
                                       std::string("Файл ") + v.url + (video ? " должен быть видео MP4 или MOV"
                                                                             : " должен быть изображением JPG или PNG")));
        }
    }
    return errors;
}

// Everything about an item that needs no download; errors as import/info reports them.
json ValidateItem(const json& item) {
    json errors = json::array();
    std::string offer_id = JsonString(item, "offer_id");
    if (offer_id.empty()) {
        errors.push_back(ItemError("EMPTY_OFFER_ID", "offer_id", "Не указан артикул товара (offer_id)"));
    } else if (Utf8Length(offer_id) > kOfferIdMax) {
        errors.push_back(ItemError("INVALID_OFFER_ID_LENGTH", "offer_id", "Артикул (offer_id) длиннее 50 символов"));
    }
    std::string name = JsonString(item, "name");
    if (name.empty()) {
        errors.push_back(ItemError("EMPTY_NAME", "name", "Не указано название товара"));
    } else if (Utf8Length(name) > kNameMax) {
        errors.push_back(ItemError("NAME_TOO_LONG", "name", "Название товара длиннее 500 символов"));
    }
    const catalog::OzonType* type = catalog::FindOzonType(JsonInt(item, "description_category_id"), JsonInt(item, "type_id"));
    if (type == nullptr) {
        errors.push_back(ItemError("DESCRIPTION_CATEGORY_NOT_FOUND", "description_category_id",
                                   "Категория и тип товара не найдены или категория не последнего уровня"));
    }
    // The type's own attributes; an unknown type is reported above and its attributes are not checked.
    const std::vector<catalog::OzonAttribute> defs =
        type ? catalog::OzonAttributesFor(type->description_category_id, type->type_id) : std::vector<catalog::OzonAttribute>{};
    for (const char* k : {"depth", "width", "height", "weight"}) {
        if (!PositiveDecimal(item, k)) {
            errors.push_back(ItemError("INVALID_DIMENSIONS", k,
                                       std::string("Укажите реальное значение ") + k + ": параметр обязателен и не может быть 0"));
        }
    }
    std::string du = JsonString(item, "dimension_unit");
    if (du != "mm" && du != "cm" && du != "in") {
        errors.push_back(ItemError("INVALID_DIMENSION_UNIT", "dimension_unit", "dimension_unit должен быть mm, cm или in"));
    }
    std::string wu = JsonString(item, "weight_unit");
    if (wu != "g" && wu != "kg" && wu != "lb") {
        errors.push_back(ItemError("INVALID_WEIGHT_UNIT", "weight_unit", "weight_unit должен быть g, kg или lb"));
    }
    if (!PositiveDecimal(item, "price")) {
        errors.push_back(ItemError("INVALID_PRICE", "price", "Укажите цену товара больше 0"));
    } else if (item.contains("old_price")) {
        auto old_price = AsDecimal(item["old_price"]);
        auto price = AsDecimal(item["price"]);
        if (!old_price || (*old_price > 0 && *old_price < *price)) {
            errors.push_back(ItemError("INVALID_OLD_PRICE", "old_price", "Цена до скидки должна быть больше цены"));
        }
    }
    std::string currency = JsonString(item, "currency_code", "RUB");
    if (currency != "RUB") {
        errors.push_back(ItemError("CURRENCY_MISMATCH", "currency_code",
                                   "Валюта " + currency + " не совпадает с валютой в настройках кабинета (RUB)"));
    }
    size_t images = item.value("images", json::array()).size();
    bool has_primary = !JsonString(item, "primary_image").empty();
    if (images > (has_primary ? kImagesMax - 1 : kImagesMax)) {
        errors.push_back(ItemError("TOO_MANY_IMAGES", "images", "Можно загрузить не больше 15 изображений, включая главное"));
    }
    if (images == 0 && !has_primary) {
        errors.push_back(ItemError("IMAGES_REQUIRED", "images", "Добавьте хотя бы одно изображение товара"));
    }
    std::set<int64_t> present;
    const json attrs = item.value("attributes", json::array());
    for (const auto& a : attrs) {
        if (!a.is_object()) {
            errors.push_back(ItemError("INVALID_ATTRIBUTE", "attributes", "Характеристика должна быть объектом {id, values}"));
            continue;
        }
        int64_t id = JsonInt(a, "id");
        if (type == nullptr) {
            continue;
        }
        auto it = std::find_if(defs.begin(), defs.end(), [&](const catalog::OzonAttribute& x) { return x.id == id; });
        const catalog::OzonAttribute* def = it == defs.end() ? nullptr : &*it;
        if (def == nullptr) {
            errors.push_back(ItemError("ATTRIBUTE_NOT_FOUND", "attributes",
                                       "Характеристика " + std::to_string(id) + " не относится к категории", id));
            continue;
        }
        json values = a.value("values", json::array());
        if (!values.is_array() || values.empty()) {
            continue;
        }
        present.insert(id);
        if (!def->is_collection && values.size() > 1) {
            errors.push_back(ItemError("TOO_MANY_VALUES", "attributes",
                                       std::string("У характеристики «") + def->name + "» может быть только одно значение",
                                       id, def->name));
        }
        if (def->dictionary_id == 0) {
            continue;
        }
        for (const auto& v : values) {
            int64_t dv = JsonInt(v, "dictionary_value_id");
            std::string text = JsonString(v, "value");
            bool known = false;
            for (const auto& d : catalog::OzonDictionary(def->dictionary_id)) {
                if ((dv != 0 && d.id == dv) || (dv == 0 && text == d.value)) {
                    known = true;
                }
            }
            if (!known) {
                errors.push_back(ItemError("ATTRIBUTE_VALUE_NOT_IN_DICTIONARY", "attributes",
                                           "Значение «" + (text.empty() ? std::to_string(dv) : text) +
                                               "» характеристики «" + def->name + "» не из справочника Ozon",
                                           id, def->name));
            }
        }
    }
    for (const auto& def : defs) {
        if (def.is_required && !present.count(def.id)) {
            errors.push_back(ItemError("REQUIRED_ATTRIBUTE_MISSING", "attributes",
                                       std::string("Не заполнена обязательная характеристика «") + def.name + "»",
                                       def.id, def.name));
        }
    }
    return errors;
}

struct View {
    std::string state;  // pending | imported | failed | skipped
    bool live = false;
};

View ViewOf(const json& p, int64_t now) {
    View v;
    v.live = ProductIsReady(p, now);
    v.state = JsonInt(p, "status_at_ms") > now ? "pending" : p.value("status", "pending");
    return v;
}

json InfoItem(const json& p, int64_t now) {
    View v = ViewOf(p, now);
    std::string status = v.live ? "price_sent" : v.state == "failed" ? "failed_validation" : "processing";
    std::string validation = v.state == "pending" ? "pending" : v.state == "failed" ? "fail" : "success";
    std::string moderate = v.live ? "approved" : v.state == "failed" ? "declined" : "moderating";
    json errors = json::array();
    if (v.state == "failed") {
        for (const auto& e : p.value("errors", json::array())) {
            errors.push_back({{"attribute_id", JsonInt(e, "attribute_id")},
                              {"code", JsonString(e, "code")},
                              {"field", JsonString(e, "field")},
                              {"level", "ERROR_LEVEL_ERROR"},
                              {"state", "imported"},
                              {"texts",
                               {{"attribute_name", JsonString(e, "attribute_name")},
                                {"description", JsonString(e, "description")},
                                {"hint_code", JsonString(e, "code")},
                                {"message", JsonString(e, "message")},
                                {"params", json::array()},
                                {"short_description", JsonString(e, "description")}}}});
        }
    }
    int64_t present = 0;
    const json stocks = p.value("stocks", json::object());  // named: items() must not outlive it
    for (const auto& [wh, n] : stocks.items()) {
        present += n.get<int64_t>();
    }
    int64_t sku = v.live ? JsonInt(p, "sku") : 0;
    json primary = json::array();
    if (!JsonString(p, "primary_image").empty()) {
        primary.push_back(p["primary_image"]);
    }
    json color = json::array();
    if (!JsonString(p, "color_image").empty()) {
        color.push_back(p["color_image"]);
    }
    json barcodes = json::array();
    if (!JsonString(p, "barcode").empty()) {
        barcodes.push_back(p["barcode"]);
    }
    return {{"id", p["product_id"]},
            {"offer_id", p["offer_id"]},
            {"name", p.value("name", "")},
            {"sku", sku},
            {"barcodes", barcodes},
            {"description_category_id", JsonInt(p, "description_category_id")},
            {"type_id", JsonInt(p, "type_id")},
            {"images", p.value("images", json::array())},
            {"images360", p.value("images360", json::array())},
            {"primary_image", primary},
            {"color_image", color},
            {"price", DecimalString(p.value("price", json("0")))},
            {"old_price", DecimalString(p.value("old_price", json("0")))},
            {"min_price", ""},
            {"marketing_price", ""},
            {"currency_code", p.value("currency_code", "RUB")},
            {"vat", DecimalString(p.value("vat", json("0")))},
            {"created_at", core::FormatRfc3339(JsonInt(p, "created_ms"))},
            {"updated_at", core::FormatRfc3339(JsonInt(p, "updated_ms"))},
            {"is_archived", false},
            {"is_autoarchived", false},
            {"is_discounted", false},
            {"is_kgt", false},
            {"is_prepayment_allowed", true},
            {"is_super", false},
            {"has_discounted_fbo_item", false},
            {"discounted_fbo_stocks", 0},
            {"volume_weight", 0.0},
            {"model_info", {{"model_id", JsonInt(p, "product_id")}, {"count", 1}}},
            {"commissions", json::array()},
            {"promotions", json::array()},
            {"sources", v.live ? json::array({{{"sku", sku}, {"source", "sds"}, {"created_at", core::FormatRfc3339(JsonInt(p, "created_ms"))},
                                               {"shipment_type", "SHIPMENT_TYPE_GENERAL"}, {"quant_code", ""}}})
                               : json::array()},
            {"errors", errors},
            {"statuses",
             {{"is_created", v.live},
              {"moderate_status", moderate},
              {"status", status},
              {"status_description", ""},
              {"status_failed", v.state == "failed" ? "failed_validation" : ""},
              {"status_name", v.live ? "Готов к продаже" : v.state == "failed" ? "Ошибка" : "Обрабатывается"},
              {"status_tooltip", ""},
              {"status_updated_at", core::FormatRfc3339(JsonInt(p, "status_at_ms"))},
              {"validation_status", validation}}},
            {"stocks",
             {{"has_stock", present > 0},
              {"stocks", json::array({{{"present", present}, {"reserved", 0}, {"sku", sku}, {"source", "fbs"}}})}}},
            {"visibility_details", {{"has_price", true}, {"has_stock", present > 0}}}};
}

}  // namespace

api::HttpResponse OzonApi::Import(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object()) {
        return OzonError(400, 3, "invalid request payload");
    }
    const json items = body->value("items", json::array());
    if (!items.is_array() || items.empty() || items.size() > 100) {
        return OzonError(400, 3, "invalid ImportProductsRequest.Items: value must contain between 1 and 100 items");
    }
    for (const auto& item : items) {
        if (!item.is_object() || JsonInt(item, "description_category_id") <= 0 || JsonInt(item, "type_id") <= 0) {
            return OzonError(400, 3,
                             "invalid ImportProductsRequestItem: description_category_id and type_id must be greater than 0");
        }
    }
    // Validation and downloads before the store lock; the verdicts are revealed after the delay.
    std::vector<json> errors;
    for (const auto& item : items) {
        json e = ValidateItem(item);
        json m = MediaErrors(ctx_.media.CheckAll(MediaOf(item), OzonMediaRules()));
        for (auto& x : m) {
            e.push_back(std::move(x));
        }
        errors.push_back(std::move(e));
    }
    int64_t now = ctx_.NowMs();
    int64_t ready_at = now + ctx_.ProcessingDelayMs();
    auto tx = ctx_.store.Begin(name());
    int64_t task_id = tx.NextId("task", kTaskStart);
    json task_items = json::array();
    for (size_t i = 0; i < items.size(); ++i) {
        const json& item = items[i];
        std::string offer_id = JsonString(item, "offer_id");
        bool key_ok = !offer_id.empty() && Utf8Length(offer_id) <= kOfferIdMax;
        std::string key = SellerKey(*seller, offer_id);
        std::optional<json> existing = key_ok ? tx.Get("product", key) : std::nullopt;
        if (key_ok) {
            tx.Bump(existing ? "update" : "create", key);
        }
        std::string final_status = errors[i].empty() ? "imported" : "failed";
        int64_t product_id = existing ? JsonInt(*existing, "product_id") : 0;
        if (final_status == "imported" && existing && existing->value("source", json()) == item &&
            existing->value("status", "") == "imported") {
            final_status = "skipped";
        }
        if (key_ok) {
            json p = existing.value_or(json::object());
            if (!existing) {
                product_id = tx.NextId("product", kProductStart);
                p = {{"product_id", product_id}, {"offer_id", offer_id}, {"sku", product_id + kSkuOffset},
                     {"created_ms", now}, {"imported_once", false}, {"stocks", json::object()}};
                tx.Put("pid", std::to_string(product_id), {{"seller", seller->name}, {"offer_id", offer_id}});
            }
            if (final_status == "imported") {
                for (const char* k : {"name", "description_category_id", "type_id", "attributes", "complex_attributes",
                                      "images", "primary_image", "images360", "color_image", "price", "old_price",
                                      "currency_code", "vat", "barcode", "depth", "width", "height", "dimension_unit",
                                      "weight", "weight_unit"}) {
                    if (item.contains(k)) {
                        p[k] = item[k];
                    } else {
                        p.erase(k);
                    }
                }
                p["source"] = item;
                p["imported_once"] = true;
                p["imported_at_ms"] = ready_at;
                p["updated_ms"] = now;
                p["errors"] = json::array();
            } else if (final_status == "failed") {
                p["errors"] = errors[i];
                if (!existing) {
                    p["name"] = JsonString(item, "name");
                    p["description_category_id"] = JsonInt(item, "description_category_id");
                    p["type_id"] = JsonInt(item, "type_id");
                    p["updated_ms"] = now;
                }
            }
            if (final_status != "skipped") {
                p["status"] = final_status;
                p["status_at_ms"] = ready_at;
            }
            tx.Put("product", key, p);
        }
        task_items.push_back({{"offer_id", offer_id},
                              {"product_id", final_status == "failed" && !existing ? 0 : product_id},
                              {"final_status", final_status},
                              {"errors", errors[i]},
                              {"ready_at_ms", ready_at}});
    }
    tx.Put("task", std::to_string(task_id), {{"seller", seller->name}, {"created_ms", now}, {"items", task_items}});
    tx.Commit();
    return api::JsonResponse(200, {{"result", {{"task_id", task_id}}}});
}

api::HttpResponse OzonApi::ImportInfo(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || JsonInt(*body, "task_id") <= 0) {
        return OzonError(400, 3, "invalid GetImportProductsInfoRequest.TaskId: value must be greater than 0");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    auto task = tx.Get("task", std::to_string(JsonInt(*body, "task_id")));
    if (!task || task->value("seller", "") != seller->name) {
        return OzonError(404, 5, "task not found");
    }
    json items = json::array();
    for (const auto& it : (*task)["items"]) {
        bool done = JsonInt(it, "ready_at_ms") <= now;
        items.push_back({{"offer_id", it["offer_id"]},
                         {"product_id", it["product_id"]},
                         {"status", done ? it["final_status"].get<std::string>() : std::string("pending")},
                         {"errors", done ? it["errors"] : json::array()}});
    }
    return api::JsonResponse(200, {{"result", {{"items", items}, {"total", items.size()}}}});
}

api::HttpResponse OzonApi::InfoList(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object()) {
        return OzonError(400, 3, "invalid request payload");
    }
    json offer_ids = body->value("offer_id", json::array());
    json product_ids = body->value("product_id", json::array());
    json skus = body->value("sku", json::array());
    if (!offer_ids.is_array() || !product_ids.is_array() || !skus.is_array() ||
        offer_ids.size() + product_ids.size() + skus.size() > 1000) {
        return OzonError(400, 3, "invalid GetProductInfoListRequest: no more than 1000 identifiers in total");
    }
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    std::set<std::string> offers;
    for (const auto& o : offer_ids) {
        if (o.is_string()) {
            offers.insert(o.get<std::string>());
        }
    }
    for (const auto& id : product_ids) {
        auto pid = AsInt(id);
        auto ref = pid ? tx.Get("pid", std::to_string(*pid)) : std::nullopt;
        if (ref && ref->value("seller", "") == seller->name) {
            offers.insert(ref->value("offer_id", ""));
        }
    }
    for (const auto& s : skus) {
        auto sku = AsInt(s);
        auto ref = sku ? tx.Get("pid", std::to_string(*sku - kSkuOffset)) : std::nullopt;
        if (ref && ref->value("seller", "") == seller->name) {
            offers.insert(ref->value("offer_id", ""));
        }
    }
    json out = json::array();
    for (const auto& o : offers) {
        auto p = tx.Get("product", SellerKey(*seller, o));
        if (p) {
            out.push_back(InfoItem(*p, now));
        }
    }
    return api::JsonResponse(200, {{"items", out}});
}

api::HttpResponse OzonApi::ProductList(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body.empty() ? "{}" : req.body);
    if (!body || !body->is_object()) {
        return OzonError(400, 3, "invalid request payload");
    }
    json filter = body->value("filter", json::object());
    std::set<std::string> offers;
    for (const auto& o : filter.value("offer_id", json::array())) {
        if (o.is_string()) {
            offers.insert(o.get<std::string>());
        }
    }
    std::set<int64_t> pids;
    for (const auto& p : filter.value("product_id", json::array())) {
        if (auto v = AsInt(p)) {
            pids.insert(*v);
        }
    }
    std::string visibility = JsonString(filter, "visibility", "ALL");
    int64_t limit = JsonInt(*body, "limit", 100);
    if (limit <= 0 || limit > 1000) {
        return OzonError(400, 3, "invalid GetProductListRequest.Limit: value must be inside range [1, 1000]");
    }
    int64_t last_id = AsInt(body->value("last_id", json(""))).value_or(0);
    int64_t now = ctx_.NowMs();
    std::vector<json> products;
    {
        auto tx = ctx_.store.Begin(name());
        for (auto& [key, p] : tx.List("product", seller->name + "/")) {
            products.push_back(std::move(p));
        }
    }
    std::sort(products.begin(), products.end(),
              [](const json& a, const json& b) { return JsonInt(a, "product_id") < JsonInt(b, "product_id"); });
    json items = json::array();
    int64_t total = 0;
    int64_t next_last = 0;
    for (const auto& p : products) {
        int64_t pid = JsonInt(p, "product_id");
        if (!offers.empty() && !offers.count(p.value("offer_id", ""))) {
            continue;
        }
        if (!pids.empty() && !pids.count(pid)) {
            continue;
        }
        bool live = ProductIsReady(p, now);
        if ((visibility == "VISIBLE" && !live) || (visibility == "INVISIBLE" && live)) {
            continue;
        }
        ++total;
        if (pid <= last_id || static_cast<int64_t>(items.size()) >= limit) {
            continue;
        }
        int64_t stock = 0;
        const json stocks = p.value("stocks", json::object());
        for (const auto& [wh, n] : stocks.items()) {
            stock += n.get<int64_t>();
        }
        items.push_back({{"product_id", pid},
                         {"offer_id", p["offer_id"]},
                         {"archived", false},
                         {"has_fbo_stocks", false},
                         {"has_fbs_stocks", stock > 0},
                         {"is_discounted", false},
                         {"quants", {{"quant_code", ""}, {"quant_size", 1}}}});
        next_last = pid;
    }
    return api::JsonResponse(200, {{"result", {{"items", items}, {"total", total},
                                               {"last_id", next_last ? std::to_string(next_last) : std::string()}}}});
}

api::HttpResponse OzonApi::PicturesImport(api::HttpRequest& req) {
    api::HttpResponse err;
    const SellerAccount* seller = Admit(req, &err);
    if (seller == nullptr) {
        return err;
    }
    auto body = ParseJson(req.body);
    if (!body || !body->is_object() || JsonInt(*body, "product_id") <= 0) {
        return OzonError(400, 3, "invalid ProductImportPicturesRequest.ProductId: value must be greater than 0");
    }
    json images = body->value("images", json::array());
    if (!images.is_array() || images.size() > kImagesMax) {
        return OzonError(400, 3, "invalid ProductImportPicturesRequest.Images: value must contain at most 15 items");
    }
    int64_t pid = JsonInt(*body, "product_id");
    std::string offer_id;
    {
        auto tx = ctx_.store.Begin(name());
        auto ref = tx.Get("pid", std::to_string(pid));
        if (!ref || ref->value("seller", "") != seller->name) {
            return OzonError(404, 5, "product not found");
        }
        offer_id = ref->value("offer_id", "");
    }
    std::vector<std::pair<std::string, MediaKind>> urls;
    for (const auto& u : images) {
        if (!u.is_string()) {
            return OzonError(400, 3, "invalid ProductImportPicturesRequest.Images: strings expected");
        }
        urls.emplace_back(u.get<std::string>(), MediaKind::kImage);
    }
    json media_errors = MediaErrors(ctx_.media.CheckAll(urls, OzonMediaRules()));
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    auto p = tx.Get("product", SellerKey(*seller, offer_id));
    if (!p) {
        return OzonError(404, 5, "product not found");
    }
    tx.Bump("pictures", SellerKey(*seller, offer_id));
    if (media_errors.empty()) {
        (*p)["images"] = images;
        (*p)["primary_image"] = images.empty() ? json("") : images[0];
        if (body->contains("images360")) {
            (*p)["images360"] = (*body)["images360"];
        }
        if (body->contains("color_image")) {
            (*p)["color_image"] = (*body)["color_image"];
        }
    } else {
        // The old set stays; the reasons appear with the product's errors once processed.
        (*p)["errors"] = media_errors;
        (*p)["status"] = "failed";
        (*p)["status_at_ms"] = now + ctx_.ProcessingDelayMs();
    }
    (*p)["updated_ms"] = now;
    tx.Put("product", SellerKey(*seller, offer_id), *p);
    tx.Commit();
    json pictures = json::array();
    for (size_t i = 0; i < images.size(); ++i) {
        pictures.push_back({{"is_360", false}, {"is_color", false}, {"is_primary", i == 0}, {"product_id", pid},
                            {"state", "imported"}, {"url", images[i]}});
    }
    return api::JsonResponse(200, {{"result", {{"pictures", pictures}}}});
}

}  // namespace by::sandbox::ozon
