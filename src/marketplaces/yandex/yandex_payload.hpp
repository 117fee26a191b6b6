// Yandex Market Partner API request bodies and answer parsers (shared/marketplace-api/yandex-market/openapi/),
// as pure functions so that unit and contract tests check their exact shapes.
//
// Units: weightDimensions in centimetres and kilograms (brutto); prices as numbers in major units with a
// CurrencyType (RUR, UZS...). offerId is our SKU (<= 255 characters, never reused), name <= 256 characters,
// description <= 6,000, 1..30 pictures, up to 6 videos. Category parameters: ENUM values by valueId from
// /v2/category/{id}/parameters (custom values only where allowCustomValues), NUMERIC as numbers with the
// default unit, BOOLEAN as "true"/"false".
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

namespace by::marketplaces::yandex {

inline constexpr size_t kBatchLimit = 100;   // offers per offer-mappings/update (the description's advice)
inline constexpr size_t kOfferIdMax = 255;
inline constexpr size_t kNameMax = 256;
inline constexpr size_t kDescriptionMax = 6000;
inline constexpr size_t kPicturesMax = 30;
inline constexpr size_t kVideosMax = 6;

struct ParamValue {
    int64_t id = 0;
    std::string value;
};
struct Parameter {
    int64_t id = 0;
    std::string name;
    std::string type;  // TEXT ENUM BOOLEAN NUMERIC
    bool required = false;
    bool multivalue = false;
    bool allow_custom = false;
    int64_t default_unit_id = 0;
    int max_length = 0;
    std::vector<ParamValue> values;
};

std::vector<Parameter> ParseParameters(const nlohmann::json& body);

// One offerMappings element {offer:{...}} for a new or updated offer (Russian texts).
core::Result<nlohmann::json> BuildOfferMapping(const PublishItem& item, int64_t market_category_id,
                                               const std::vector<Parameter>& params, const YandexConfig& cfg);
// The Uzbek texts of an offer: {offer:{offerId, name, description}} for ?language=UZ; nullopt when none.
std::optional<nlohmann::json> BuildUzbekMapping(const PublishItem& item);
nlohmann::json BuildUpdateMappingsBody(const std::vector<nlohmann::json>& mappings);
nlohmann::json BuildMappingsRequest(const std::vector<std::string>& offer_ids);
nlohmann::json BuildOfferCardsRequest(const std::vector<std::string>& offer_ids);
nlohmann::json BuildPricesBody(const std::string& offer_id, const core::Money& price, const std::string& currency);
nlohmann::json BuildStocksBody(const std::string& offer_id, int64_t count, int64_t now_ms);
nlohmann::json BuildOrdersRequest(int64_t campaign_id, int64_t since_ms);

// offerId -> errors of an offer-mappings/update answer (status ERROR lists them per offer).
std::map<std::string, std::vector<std::string>> ParseUpdateErrors(const nlohmann::json& body);

struct MappingState {
    std::string offer_id;
    int64_t market_sku = 0;
    std::string card_status;
    std::string campaign_status;  // for our campaign ("" when not placed there)
    std::string showcase_url;
    PublishState state = PublishState::kModeration;
};
std::vector<MappingState> ParseMappings(const nlohmann::json& body, int64_t campaign_id);
// offerId -> errors of /offer-cards.
std::map<std::string, std::vector<std::string>> ParseOfferCardErrors(const nlohmann::json& body);

std::string ExtractMessage(const net::HttpResponse& response);

}  // namespace by::marketplaces::yandex
