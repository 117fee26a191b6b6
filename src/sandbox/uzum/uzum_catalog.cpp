#include "sandbox/uzum/uzum_catalog.hpp"

#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox::uzum {

using nlohmann::json;

namespace {

constexpr int64_t kProductStart = 1700000;
constexpr int64_t kSkuStart = 5400000;
constexpr int64_t kBarcodeStart = 478000000000;

std::string Padded(int64_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%012lld", static_cast<long long>(n));
    return buf;
}

}  // namespace

std::string ProductKey(const SellerAccount& seller, int64_t product_id) { return seller.name + "/" + Padded(product_id); }

bool IsModerated(const json& product, int64_t now_ms) { return JsonInt(product, "ready_at_ms") <= now_ms; }

SavedProduct UpsertProduct(Store::Tx& tx, const SellerAccount& seller, const NewProduct& p, int64_t now_ms,
                           int64_t ready_at_ms) {
    SavedProduct out;
    std::string article_key = seller.name + "/" + p.article;
    auto index = tx.Get("article", article_key);
    json doc;
    if (index) {
        out.product_id = JsonInt(*index, "productId");
        doc = tx.Get("product", ProductKey(seller, out.product_id)).value_or(json::object());
    }
    if (doc.empty()) {
        out.created = true;
        out.product_id = tx.NextId("product", kProductStart);
        out.sku_id = tx.NextId("sku", kSkuStart);
        out.barcode = p.barcode.empty() ? Ean13(kBarcodeStart + out.sku_id) : p.barcode;
        doc = {{"productId", out.product_id}, {"shopId", seller.uzum_shop_id}, {"created_ms", now_ms},
               {"skus", json::array({{{"skuId", out.sku_id}, {"article", p.article}, {"barcode", out.barcode},
                                      {"amount", 0}}})}};
        tx.Put("article", article_key, {{"productId", out.product_id}});
    } else {
        json& sku = doc["skus"][0];
        out.sku_id = JsonInt(sku, "skuId");
        if (!p.barcode.empty() && p.barcode != sku.value("barcode", "")) {
            tx.Erase("barcode", seller.name + "/" + sku.value("barcode", ""));
            sku["barcode"] = p.barcode;
        }
        out.barcode = sku.value("barcode", "");
    }
    const catalog::UzumCategory* category = catalog::FindUzumCategory(p.category_id);
    json chars = json::array();
    for (const auto& [t, v] : p.characteristics) {
        chars.push_back({{"title", t}, {"value", v}});
    }
    doc["categoryId"] = p.category_id;
    doc["category"] = category ? category->title_ru : "";
    doc["title_ru"] = p.title_ru;
    doc["title_uz"] = p.title_uz;
    doc["description_ru"] = p.description_ru;
    doc["description_uz"] = p.description_uz;
    doc["characteristics"] = chars;
    doc["skus"][0]["sellPrice"] = p.sell_price;
    doc["skus"][0]["fullPrice"] = p.full_price > 0 ? p.full_price : p.sell_price;
    doc["photos"] = p.photos;
    doc["video"] = p.video;
    doc["updated_ms"] = now_ms;
    doc["ready_at_ms"] = ready_at_ms;
    tx.Put("product", ProductKey(seller, out.product_id), doc);
    tx.Put("sku", std::to_string(out.sku_id), {{"seller", seller.name}, {"productId", out.product_id}});
    tx.Put("barcode", seller.name + "/" + out.barcode, {{"productId", out.product_id}, {"skuId", out.sku_id}});
    tx.Bump(out.created ? "create" : "update", article_key);
    return out;
}

json ProductCard(const json& d, int64_t now_ms) {
    bool moderated = IsModerated(d, now_ms);
    int64_t fbs = 0;
    json skus = json::array();
    std::string chars;
    for (const auto& c : d.value("characteristics", json::array())) {
        chars += (chars.empty() ? "" : ", ") + c.value("title", "") + ": " + c.value("value", "");
    }
    std::string preview = d.value("photos", json::array()).empty() ? "" : d["photos"][0].value("name", "");
    for (const auto& s : d["skus"]) {
        int64_t amount = JsonInt(s, "amount");
        fbs += amount;
        skus.push_back({{"skuTitle", d.value("title_ru", "")},
                        {"skuFullTitle", d.value("title_ru", "")},
                        {"productTitle", d.value("title_ru", "")},
                        {"skuId", s["skuId"]},
                        {"quantityCreated", 0},
                        {"quantityActive", 0},
                        {"quantityFbs", amount},
                        {"quantityAdditional", 0},
                        {"quantityOnPhotoStudio", 0},
                        {"quantityArchived", 0},
                        {"quantitySold", 0},
                        {"quantityReturned", 0},
                        {"quantityMissing", 0},
                        {"quantityDefected", 0},
                        {"quantityPending", 0},
                        {"returnedPercentage", 0.0},
                        {"barcode", AsInt(s["barcode"]).value_or(0)},
                        {"archived", false},
                        {"commission", 15.0},
                        {"characteristics", chars},
                        {"purchasePrice", 0},
                        {"price", JsonInt(s, "sellPrice")},
                        {"blocked", false},
                        {"article", s.value("article", "")},
                        {"sellerItemCode", s.value("article", "")},
                        {"hasStudioPhoto", false},
                        {"previewImage", preview},
                        {"ikpu", ""}});
    }
    std::string status = !moderated ? "NOT_READY_TO_SEND" : fbs > 0 ? "IN_STOCK" : "READY_TO_SEND";
    return {{"productId", d["productId"]},
            {"category", d.value("category", "")},
            {"rating", "0"},
            {"status", {{"id", moderated ? 2 : 1}, {"title", status}, {"value", status}, {"description", ""},
                        {"color", moderated ? "green" : "grey"}, {"additional", json::array()}}},
            {"moderationStatus", {{"title", moderated ? "Прошел модерацию" : "На модерации"},
                                  {"color", moderated ? "green" : "orange"},
                                  {"value", moderated ? "MODERATED" : "ON_MODERATION"},
                                  {"hasAnySkuBlocked", false}}},
            {"commission", 15.0},
            {"commissionDto", {{"minCommission", 15.0}, {"maxCommission", 15.0}}},
            {"skuList", skus},
            {"skuTitle", d.value("title_ru", "")},
            {"image", preview},
            {"previewImg", preview},
            {"title", d.value("title_ru", "")},
            {"quantityActive", 0},
            {"quantityFbs", fbs}};
}

}  // namespace by::sandbox::uzum
