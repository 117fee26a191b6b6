// Wildberries request bodies and answer parsers (shared/marketplace-api/wildberries/products.yaml,
// orders-fbs.yaml), as pure functions so that unit and contract tests check their exact shapes.
//
// Units: dimensions in whole centimetres (rounded up, at least 1) and gross weight in kilograms with at most
// three decimals; prices in whole units of the cabinet currency (WB takes integers). vendorCode is our SKU
// (<= 72 characters), title <= 60 characters, description <= the subject's limit (2,000 by default).
// Characteristics: charcType 1 is an array of strings (at most maxCount), 4 a number; colours, countries
// and kinds (gender) must be values of /content/v2/directory/*.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "marketplaces/adapter.hpp"
#include "net/http_client.hpp"

namespace by::marketplaces::wb {

inline constexpr size_t kBatchLimit = 100;      // merged cards per cards/upload (README §1b)
inline constexpr size_t kTitleMax = 60;
inline constexpr size_t kVendorCodeMax = 72;
inline constexpr size_t kDescriptionMax = 2000;  // the default; WB allows 1,000–5,000 by subject
inline constexpr int64_t kStockMax = 100000;

struct Charc {
    int64_t id = 0;
    std::string name;
    bool required = false;
    std::string unit;
    int max_count = 0;  // 0 = unlimited
    int type = 1;       // 1 = array of strings, 4 = number, 0 = unused
};

// Directory values by name: "colors", "countries", "kinds".
using Directories = std::map<std::string, std::vector<std::string>>;
// Which directory a characteristic's values come from ("" = free text), by its name.
std::string DirectoryFor(const Charc& c);

struct Card {
    int64_t nm_id = 0;
    int64_t imt_id = 0;
    int64_t subject_id = 0;
    std::string vendor_code;
    nlohmann::json sizes = nlohmann::json::array();  // as get/cards/list returns them (chrtID, techSize, skus)
    size_t photos = 0;
    std::string updated_at;
};

// One variant of cards/upload: vendorCode, title, description, brand, dimensions, characteristics, sizes
// (price in whole units, barcode when the product has one). Errors are Error::Unprocessable with the reason.
core::Result<nlohmann::json> BuildVariant(const PublishItem& item, const std::vector<Charc>& charcs,
                                          const Directories& dirs, int64_t price_units);
// cards/upload: [{subjectID, variants:[variant]}] (one merged card per product).
nlohmann::json BuildUploadBody(const std::vector<std::pair<int64_t, nlohmann::json>>& subject_and_variant);
// One element of cards/update: the variant's fields plus nmID and the existing sizes (chrtID, skus kept).
nlohmann::json BuildUpdateCard(const nlohmann::json& variant, const Card& existing);
// content/v3/media/save.
nlohmann::json BuildMediaSave(int64_t nm_id, const std::vector<std::string>& image_urls, const std::string& video_url);
// Prices upload task: {data:[{nmID, price}]}.
nlohmann::json BuildPriceTask(const std::vector<std::pair<int64_t, int64_t>>& nm_and_price);
// PUT /api/v3/stocks/{warehouseId}: {stocks:[{chrtId, amount}]}.
nlohmann::json BuildStocks(const std::vector<std::pair<int64_t, int64_t>>& chrt_and_amount);
// get/cards/list request from a cursor ({} for the first page), ascending by updatedAt.
nlohmann::json BuildCardsListRequest(const nlohmann::json& cursor, int limit, const std::string& text_search = "");
// cards/error/list request, newest first.
nlohmann::json BuildErrorListRequest(const nlohmann::json& cursor, int limit);

std::vector<Charc> ParseCharcs(const nlohmann::json& body);
std::vector<Card> ParseCards(const nlohmann::json& body);
// vendorCode -> reasons, over every batch of one error/list page.
std::map<std::string, std::vector<std::string>> ParseErrorList(const nlohmann::json& body);
// The marketplace's words in an error answer (content errorText/additionalErrors, gateway title/detail,
// marketplace code/message).
std::string ExtractMessage(const net::HttpResponse& response);

}  // namespace by::marketplaces::wb
