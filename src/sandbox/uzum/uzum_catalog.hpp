// Uzum products as the sandbox stores them. Products are created only through the seller cabinet
// imitation (Uzum's API has no create call); the API then lists them with their skuIds, so prices and
// stocks go through the API. The seller's article (SKU code) is the key: a second cabinet submit with
// the same article updates the product instead of duplicating it.
// Functions take an open Store::Tx; thread-safety is the Tx's.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sandbox/common/accounts.hpp"
#include "sandbox/common/store.hpp"

namespace by::sandbox::uzum {

struct NewProduct {
    int64_t category_id = 0;
    std::string title_ru, title_uz, description_ru, description_uz;
    std::vector<std::pair<std::string, std::string>> characteristics;  // (title, value)
    std::string article;  // seller's SKU code
    std::string barcode;  // empty: generated
    int64_t sell_price = 0;
    int64_t full_price = 0;
    nlohmann::json photos = nlohmann::json::array();  // [{name, format, width, height, bytes}]
    nlohmann::json video;                             // {name, format, bytes} or null
};

struct SavedProduct {
    int64_t product_id = 0;
    int64_t sku_id = 0;
    std::string barcode;
    bool created = false;
};

// Creates or (same article) updates a product; moderation ends at `ready_at_ms`.
SavedProduct UpsertProduct(Store::Tx& tx, const SellerAccount& seller, const NewProduct& p, int64_t now_ms,
                           int64_t ready_at_ms);
std::string ProductKey(const SellerAccount& seller, int64_t product_id);
// The SellerProductCard the API lists for a stored product.
nlohmann::json ProductCard(const nlohmann::json& product, int64_t now_ms);
// Moderation state at a moment: ON_MODERATION until ready_at_ms, then MODERATED.
bool IsModerated(const nlohmann::json& product, int64_t now_ms);

}  // namespace by::sandbox::uzum
