// Ozon Seller API request bodies and answer parsers (shared/marketplace-api/ozon/seller-api-swagger.json),
// as pure functions so that unit and contract tests check their exact shapes.
//
// Units: package dimensions in millimetres (dimension_unit "mm") and weight in grams (weight_unit "g"),
// whole numbers, never 0; prices as decimal strings in the cabinet currency ("1234.50", currency_code).
// offer_id is our SKU (<= 50 characters), name <= 500 characters, at most 15 images (the first is the main
// one), the video as complex attribute 100001 (21841 URL, 21837 name). Attributes with a dictionary take
// dictionary_value_id + value from /v1/description-category/attribute/values only.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "marketplaces/adapter.hpp"
#include "marketplaces/common/adapter_config.hpp"
#include "net/http_client.hpp"

namespace by::marketplaces::ozon {

inline constexpr size_t kBatchLimit = 100;  // items per /v3/product/import
inline constexpr size_t kOfferIdMax = 50;
inline constexpr size_t kNameMax = 500;
inline constexpr size_t kImagesMax = 15;
inline constexpr int64_t kAttrName = 4180;
inline constexpr int64_t kAttrAnnotation = 4191;
inline constexpr int64_t kAttrModel = 9048;
inline constexpr int64_t kAttrType = 8229;
inline constexpr int64_t kVideoComplexId = 100001;
inline constexpr int64_t kVideoUrlAttr = 21841;
inline constexpr int64_t kVideoNameAttr = 21837;

struct Attribute {
    int64_t id = 0;
    std::string name;
    std::string type;  // String, Integer, Decimal, Boolean, URL
    bool is_collection = false;
    bool is_required = false;
    int64_t dictionary_id = 0;  // 0 = free value
    int64_t max_value_count = 0;
};

struct DictValue {
    int64_t id = 0;
    std::string value;
};

// attribute id -> its dictionary values (only the attributes whose values were looked up).
using Dictionaries = std::map<int64_t, std::vector<DictValue>>;

// One /v3/product/import item. Error::Unprocessable names the field or attribute that cannot be filled.
core::Result<nlohmann::json> BuildImportItem(const PublishItem& item, int64_t description_category_id,
                                             int64_t type_id, const std::vector<Attribute>& attributes,
                                             const Dictionaries& dicts, const OzonConfig& cfg);
nlohmann::json BuildImportBody(const std::vector<nlohmann::json>& items);
nlohmann::json BuildPricesBody(const std::string& offer_id, const core::Money& price);
nlohmann::json BuildStocksBody(const std::string& offer_id, int64_t product_id, int64_t stock, int64_t warehouse_id);
nlohmann::json BuildProductListRequest(const std::vector<std::string>& offer_ids);
nlohmann::json BuildInfoListRequest(const std::vector<std::string>& offer_ids);
nlohmann::json BuildAttributeValuesRequest(int64_t category_id, int64_t type_id, int64_t attribute_id,
                                           int64_t last_value_id, const std::string& language);
// /v3/posting/fbs/list from `since_ms` to `to_ms`, page at `offset`.
nlohmann::json BuildPostingsRequest(int64_t since_ms, int64_t to_ms, int64_t offset);

// The attribute names whose values we can fill (those of `attributes` that need a dictionary lookup).
std::vector<int64_t> AttributesNeedingValues(const PublishItem& item, const std::vector<Attribute>& attributes);

std::vector<Attribute> ParseAttributes(const nlohmann::json& body);
std::vector<DictValue> ParseDictValues(const nlohmann::json& body, bool* has_next);
// offer_id -> product_id from /v3/product/list.
std::map<std::string, int64_t> ParseProductList(const nlohmann::json& body);

struct ImportStatus {
    std::string offer_id;
    int64_t product_id = 0;
    std::string status;  // pending | imported | failed | skipped
    std::vector<std::string> errors;
};
std::vector<ImportStatus> ParseImportInfo(const nlohmann::json& body);

struct ProductState {
    std::string offer_id;
    int64_t product_id = 0;
    int64_t sku = 0;
    PublishState state = PublishState::kModeration;
    std::vector<std::string> reasons;
};
std::vector<ProductState> ParseInfoList(const nlohmann::json& body);

std::string ExtractMessage(const net::HttpResponse& response);
// Ozon's over-limit answer: 429, or the error text "You have reached request rate limit per second".
bool IsOverLimit(const net::HttpResponse& response);

}  // namespace by::marketplaces::ozon
