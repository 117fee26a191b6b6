// A partner's product as submitted (API.md POST /api/products), the input of every card.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/domain.hpp"

namespace by::core {

struct Product {
    std::string id;
    std::string partner_id;
    std::string sku;          // the seller's article: WB vendorCode (<=72), Ozon offer_id (<=50), Yandex offerId
    std::string name;
    std::string category;     // our category key (data/categories), e.g. "headphones"
    std::string brand;
    std::string description;  // the seller's own words, may be empty
    nlohmann::json attributes = nlohmann::json::object();  // {"color": "qora", "weight_g": 250, ...}
    Money cost;
    Money price;
    int64_t stock = 0;
    std::string barcode;
    std::vector<std::string> photo_asset_ids;  // in upload order
    int64_t created_at_ms = 0;
    int64_t updated_at_ms = 0;
};

}  // namespace by::core
