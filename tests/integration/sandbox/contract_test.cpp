// Drives every operation the product uses on the four imitations over real HTTP, records each
// exchange (spec path, method, status, request and response bodies) and has validate_contract.py
// check them against the saved OpenAPI specs.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "sandbox/fetch.hpp"
#include "unit/sandbox/fixture.hpp"

namespace by::sandbox::test {
namespace {

class ContractTest : public SandboxTest {
  protected:
    // Calls `url_path` on the marketplace's base URL and records the exchange under `spec_path`.
    FetchResponse Ex(const std::string& mp, const std::string& method, const std::string& spec_path,
                     const std::string& url_path, const json& body, std::map<std::string, std::string> headers,
                     bool advance = true) {
        if (advance) {
            clock.Advance(700);  // keeps every per-second bucket from emptying during the walk
        }
        FetchRequest r;
        r.method = method;
        r.url = sandbox->BaseUrls()[mp].get<std::string>() + url_path;
        r.timeout_ms = 10000;
        if (!body.is_null()) {
            r.body = body.dump();
            r.headers.emplace_back("Content-Type", "application/json");
        }
        for (const auto& [k, v] : headers) {
            r.headers.emplace_back(k, v);
        }
        auto resp = HttpFetch(r);
        EXPECT_TRUE(resp.ok()) << method << " " << url_path;
        if (!resp.ok()) {
            return {};
        }
        json parsed = nullptr;
        if (!resp->body.empty()) {
            parsed = json::parse(resp->body, nullptr, false);
            if (parsed.is_discarded()) {
                parsed = resp->body;
            }
        }
        exchanges.push_back({{"marketplace", mp},
                             {"method", method},
                             {"path", spec_path},
                             {"status", resp->status},
                             {"request", body},
                             {"response", parsed},
                             {"content_type", resp->Header("Content-Type")}});
        return *resp;
    }
    static json J(const FetchResponse& r) { return r.body.empty() ? json() : json::parse(r.body, nullptr, false); }

    json exchanges = json::array();
    MediaServer media;
};

TEST_F(ContractTest, EveryExchangeMatchesTheSavedSpecs) {
    media.Put("/img1.jpg", MakeJpeg(1080, 1440), "image/jpeg");
    media.Put("/img2.png", MakePng(1080, 1440), "image/png");
    media.Put("/clip.mp4", MakeMp4(), "video/mp4");
    const std::string wh_wb = std::to_string(s1.wb_warehouse_id);

    // ---------------- Wildberries ----------------
    auto wb = Wb(s1);
    Ex("wildberries", "GET", "/ping", "/ping", nullptr, {});
    Ex("wildberries", "GET", "/ping", "/ping", nullptr, wb);
    Ex("wildberries", "GET", "/api/v1/seller-info", "/api/v1/seller-info", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/object/parent/all", "/content/v2/object/parent/all", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/object/all", "/content/v2/object/all?limit=100", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/object/charcs/{subjectId}", "/content/v2/object/charcs/105", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/object/charcs/{subjectId}", "/content/v2/object/charcs/1", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/directory/colors", "/content/v2/directory/colors", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/directory/countries", "/content/v2/directory/countries", nullptr, wb);
    Ex("wildberries", "GET", "/content/v2/directory/kinds", "/content/v2/directory/kinds", nullptr, wb);
    json variant = {{"vendorCode", "C-SNK-1"},
                    {"title", "Кроссовки беговые"},
                    {"description", "Лёгкие кроссовки"},
                    {"brand", "Demo"},
                    {"dimensions", {{"length", 30}, {"width", 20}, {"height", 12}, {"weightBrutto", 0.8}}},
                    {"characteristics", {{{"id", 14177449}, {"value", {"черный"}}}, {{"id", 54337}, {"value", 42}}}},
                    {"sizes", {{{"techSize", "42"}, {"wbSize", "42"}, {"price", 4990}}}}};
    json bad_variant = variant;
    bad_variant["vendorCode"] = "C-SNK-BAD";
    bad_variant["characteristics"] = json::array();  // the required colour is missing: fails later, in the error list
    json upload = json::array({{{"subjectID", 105}, {"variants", json::array({variant, bad_variant})}}});
    Ex("wildberries", "POST", "/content/v2/cards/upload", "/content/v2/cards/upload", upload, wb);
    Ex("wildberries", "POST", "/content/v2/cards/upload", "/content/v2/cards/upload", upload, wb);  // 400: article used
    clock.Advance(delay_ms);
    json list_req = {{"settings", {{"cursor", {{"limit", 100}}}, {"filter", {{"withPhoto", -1}}}}}};
    json cards = J(Ex("wildberries", "POST", "/content/v2/get/cards/list", "/content/v2/get/cards/list", list_req, wb));
    Ex("wildberries", "POST", "/content/v2/cards/error/list", "/content/v2/cards/error/list",
       {{"cursor", {{"limit", 100}}}, {"order", {{"ascending", true}}}}, wb);
    ASSERT_FALSE(cards["cards"].empty());
    int64_t nm = cards["cards"][0]["nmID"];
    std::string barcode = cards["cards"][0]["sizes"][0]["skus"][0];
    json upd = variant;
    upd["nmID"] = nm;
    upd["sizes"] = cards["cards"][0]["sizes"];
    upd["title"] = "Кроссовки беговые 2";
    Ex("wildberries", "POST", "/content/v2/cards/update", "/content/v2/cards/update", json::array({upd}), wb);
    Ex("wildberries", "POST", "/content/v3/media/save", "/content/v3/media/save",
       {{"nmId", nm}, {"data", {media.Url("/img1.jpg"), media.Url("/img2.png"), media.Url("/clip.mp4")}}}, wb);
    Ex("wildberries", "POST", "/content/v2/get/cards/list", "/content/v2/get/cards/list", list_req, wb);
    Ex("wildberries", "POST", "/api/v2/upload/task", "/api/v2/upload/task",
       {{"data", {{{"nmID", nm}, {"price", 5990}, {"discount", 15}}}}}, wb);
    Ex("wildberries", "POST", "/api/v2/upload/task", "/api/v2/upload/task", {{"data", json::array()}}, wb);
    Ex("wildberries", "GET", "/api/v2/list/goods/filter", "/api/v2/list/goods/filter?limit=100", nullptr, wb);
    Ex("wildberries", "GET", "/api/v3/warehouses", "/api/v3/warehouses", nullptr, wb);
    Ex("wildberries", "PUT", "/api/v3/stocks/{warehouseId}", "/api/v3/stocks/" + wh_wb,
       {{"stocks", {{{"sku", barcode}, {"amount", 10}}}}}, wb);
    Ex("wildberries", "PUT", "/api/v3/stocks/{warehouseId}", "/api/v3/stocks/" + wh_wb,
       {{"stocks", {{{"sku", "nope"}, {"amount", 10}}}}}, wb);
    Ex("wildberries", "POST", "/api/v3/stocks/{warehouseId}", "/api/v3/stocks/" + wh_wb,
       {{"skus", {barcode}}, {"chrtIds", json::array()}}, wb);
    DoJson("wildberries", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "C-SNK-1"}, {"quantity", 1}}});
    Ex("wildberries", "GET", "/api/v3/orders/new", "/api/v3/orders/new", nullptr, wb);
    Ex("wildberries", "GET", "/api/v3/orders", "/api/v3/orders?limit=100&next=0", nullptr, wb);
    for (int i = 0; i < 6; ++i) {  // the sixth is over the card-write burst: 429
        json u = json::array({{{"subjectID", 105}, {"variants", {{{"vendorCode", "C-RL-" + std::to_string(i)}}}}}});
        Ex("wildberries", "POST", "/content/v2/cards/upload", "/content/v2/cards/upload", u, Wb(s2), false);
    }

    // ---------------- Ozon ----------------
    auto oz = Ozon(s1);
    Ex("ozon", "POST", "/v1/roles", "/v1/roles", json::object(), {});
    Ex("ozon", "POST", "/v1/roles", "/v1/roles", json::object(), oz);
    Ex("ozon", "POST", "/v1/warehouse/list", "/v1/warehouse/list", nullptr, oz);
    Ex("ozon", "POST", "/v1/description-category/tree", "/v1/description-category/tree", {{"language", "DEFAULT"}}, oz);
    Ex("ozon", "POST", "/v1/description-category/attribute", "/v1/description-category/attribute",
       {{"description_category_id", 15621050}, {"type_id", 95139}, {"language", "DEFAULT"}}, oz);
    Ex("ozon", "POST", "/v1/description-category/attribute/values", "/v1/description-category/attribute/values",
       {{"attribute_id", 85}, {"description_category_id", 15621050}, {"type_id", 95139}, {"limit", 50}, {"language", "DEFAULT"}}, oz);
    json item = {{"offer_id", "C-PH-1"},
                 {"name", "Смартфон Demo"},
                 {"description_category_id", 15621050},
                 {"type_id", 95139},
                 {"price", "19990"},
                 {"old_price", "21990"},
                 {"currency_code", "RUB"},
                 {"vat", "0"},
                 {"barcode", "4601234567893"},
                 {"depth", 160}, {"width", 80}, {"height", 10}, {"dimension_unit", "mm"},
                 {"weight", 200}, {"weight_unit", "g"},
                 {"images", {media.Url("/img1.jpg"), media.Url("/img2.png")}},
                 {"attributes", {{{"id", 85}, {"complex_id", 0}, {"values", {{{"dictionary_value_id", 126745801}, {"value", "Нет бренда"}}}}},
                                 {{"id", 9048}, {"complex_id", 0}, {"values", {{{"value", "Demo"}}}}}}},
                 {"complex_attributes", {{{"attributes", {{{"complex_id", 100001}, {"id", 21841}, {"values", {{{"value", media.Url("/clip.mp4")}}}}},
                                                          {{"complex_id", 100001}, {"id", 21837}, {"values", {{{"value", "clip"}}}}}}}}}}};
    json bad_item = item;
    bad_item["offer_id"] = "C-PH-BAD";
    bad_item["depth"] = 0;
    json task = J(Ex("ozon", "POST", "/v3/product/import", "/v3/product/import", {{"items", {item, bad_item}}}, oz));
    int64_t task_id = task["result"]["task_id"];
    Ex("ozon", "POST", "/v1/product/import/info", "/v1/product/import/info", {{"task_id", task_id}}, oz);
    clock.Advance(delay_ms);
    json info = J(Ex("ozon", "POST", "/v1/product/import/info", "/v1/product/import/info", {{"task_id", task_id}}, oz));
    int64_t pid = info["result"]["items"][0]["product_id"];
    Ex("ozon", "POST", "/v3/product/info/list", "/v3/product/info/list", {{"offer_id", {"C-PH-1", "C-PH-BAD"}}}, oz);
    Ex("ozon", "POST", "/v3/product/list", "/v3/product/list", {{"filter", {{"visibility", "ALL"}}}, {"last_id", ""}, {"limit", 100}}, oz);
    Ex("ozon", "POST", "/v1/product/pictures/import", "/v1/product/pictures/import",
       {{"product_id", pid}, {"images", {media.Url("/img2.png"), media.Url("/img1.jpg")}}}, oz);
    Ex("ozon", "POST", "/v1/product/import/prices", "/v1/product/import/prices",
       {{"prices", {{{"offer_id", "C-PH-1"}, {"price", "18990"}, {"old_price", "21990"}, {"currency_code", "RUB"}}}}}, oz);
    Ex("ozon", "POST", "/v2/products/stocks", "/v2/products/stocks",
       {{"stocks", {{{"offer_id", "C-PH-1"}, {"product_id", pid}, {"quant_size", 1}, {"stock", 7},
                     {"warehouse_id", s1.ozon_warehouse_id}}}}},
       oz);
    Ex("ozon", "POST", "/v3/product/import", "/v3/product/import", {{"items", json::array()}}, oz);
    DoJson("ozon", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "C-PH-1"}, {"quantity", 1}}});
    Ex("ozon", "POST", "/v3/posting/fbs/list", "/v3/posting/fbs/list",
       {{"dir", "ASC"}, {"filter", {{"since", "2025-01-01T00:00:00Z"}, {"to", "2025-12-31T00:00:00Z"}}}, {"limit", 100}, {"offset", 0},
        {"with", {{"analytics_data", false}, {"financial_data", false}}}},
       oz);

    // ---------------- Yandex Market ----------------
    auto ya = Ya(s1);
    std::string biz = "/v2/businesses/" + std::to_string(s1.yandex_business_id);
    std::string camp = "/v2/campaigns/" + std::to_string(s1.yandex_campaign_id);
    Ex("yandex", "GET", "/v2/campaigns", "/v2/campaigns", nullptr, {});
    Ex("yandex", "GET", "/v2/campaigns", "/v2/campaigns", nullptr, ya);
    Ex("yandex", "GET", "/v2/campaigns/{campaignId}", camp, nullptr, ya);
    Ex("yandex", "POST", "/v2/categories/tree", "/v2/categories/tree", {{"language", "RU"}}, ya);
    Ex("yandex", "POST", "/v2/category/{categoryId}/parameters", "/v2/category/91491/parameters", nullptr, ya);
    json offer = {{"offerId", "C-YA-1"},
                  {"name", "Смартфон Demo 128 ГБ"},
                  {"marketCategoryId", 91491},
                  {"pictures", {media.Url("/img1.jpg")}},
                  {"videos", {media.Url("/clip.mp4")}},
                  {"vendor", "Demo"},
                  {"vendorCode", "D-128"},
                  {"description", "Смартфон"},
                  {"barcodes", {"4601234567893"}},
                  {"weightDimensions", {{"length", 16}, {"width", 8}, {"height", 1}, {"weight", 0.2}}},
                  {"parameterValues", {{{"parameterId", 14871214}, {"valueId", 14896255}},
                                       {{"parameterId", 23674510}, {"value", "128"}, {"unitId", 262}}}},
                  {"basicPrice", {{"value", 18990}, {"currencyId", "RUR"}}}};
    std::string upd_path = "/v2/businesses/{businessId}/offer-mappings/update";
    Ex("yandex", "POST", upd_path, biz + "/offer-mappings/update", {{"offerMappings", {{{"offer", offer}}}}}, ya);
    json bad_offer = offer;
    bad_offer["offerId"] = "C-YA-2";
    bad_offer["marketCategoryId"] = 5;
    Ex("yandex", "POST", upd_path, biz + "/offer-mappings/update", {{"offerMappings", {{{"offer", bad_offer}}}}}, ya);
    json long_offer = offer;
    long_offer["name"] = std::string(300, 'n');
    Ex("yandex", "POST", upd_path, biz + "/offer-mappings/update", {{"offerMappings", {{{"offer", long_offer}}}}}, ya);
    Ex("yandex", "POST", "/v2/businesses/{businessId}/offer-cards", biz + "/offer-cards", {{"offerIds", {"C-YA-1"}}}, ya);
    clock.Advance(delay_ms);
    Ex("yandex", "POST", "/v2/businesses/{businessId}/offer-cards", biz + "/offer-cards",
       {{"offerIds", {"C-YA-1"}}, {"withRecommendations", false}}, ya);
    Ex("yandex", "POST", "/v2/businesses/{businessId}/offer-mappings", biz + "/offer-mappings?limit=50",
       {{"offerIds", {"C-YA-1"}}}, ya);
    Ex("yandex", "POST", "/v2/businesses/{businessId}/offer-prices/updates", biz + "/offer-prices/updates",
       {{"offers", {{{"offerId", "C-YA-1"}, {"price", {{"value", 17990}, {"currencyId", "RUR"}, {"discountBase", 19990}}}}}}}, ya);
    Ex("yandex", "PUT", "/v2/campaigns/{campaignId}/offers/stocks", camp + "/offers/stocks",
       {{"skus", {{{"sku", "C-YA-1"}, {"items", {{{"count", 3}, {"updatedAt", "2025-06-15T12:00:00Z"}}}}}}}}, ya);
    Ex("yandex", "POST", "/v2/campaigns/{campaignId}/offers/stocks", camp + "/offers/stocks", {{"offerIds", {"C-YA-1"}}}, ya);
    DoJson("yandex", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "C-YA-1"}, {"quantity", 2}}});
    Ex("yandex", "POST", "/v1/businesses/{businessId}/orders", "/v1/businesses/" + std::to_string(s1.yandex_business_id) + "/orders",
       {{"statuses", {"PROCESSING"}}}, ya);
    Ex("yandex", "GET", "/v2/campaigns/{campaignId}/orders", camp + "/orders", nullptr, ya);
    Ex("yandex", "POST", "/v2/businesses/{businessId}/offer-mappings/delete", biz + "/offer-mappings/delete",
       {{"offerIds", {"C-YA-1", "C-YA-MISSING"}}}, ya);
    DoJson("yandex", {"POST", "/__sandbox/faults", {{"over_limit_next", 1}}});
    Ex("yandex", "POST", "/v2/businesses/{businessId}/offer-cards", biz + "/offer-cards", json::object(), ya);

    // ---------------- Uzum ----------------
    auto uz = Uz(s1);
    std::string shop = std::to_string(s1.uzum_shop_id);
    Ex("uzum", "GET", "/v1/shops", "/v1/shops", nullptr, {});
    Ex("uzum", "GET", "/v1/shops", "/v1/shops", nullptr, uz);
    std::string cookie = CabinetLogin(s1);
    ASSERT_EQ(CabinetSubmit(cookie, ProductFields("C-UZ-1"), {{"photos", "a.jpg", "image/jpeg", MakeJpeg(1080, 1440)}}).status, 303);
    clock.Advance(delay_ms);
    json products = J(Ex("uzum", "GET", "/v1/product/shop/{shopId}", "/v1/product/shop/" + shop + "?size=20&page=0", nullptr, uz));
    ASSERT_FALSE(products["productList"].empty());
    int64_t product = products["productList"][0]["productId"];
    int64_t sku = products["productList"][0]["skuList"][0]["skuId"];
    std::string uz_barcode = std::to_string(products["productList"][0]["skuList"][0]["barcode"].get<int64_t>());
    Ex("uzum", "POST", "/v1/product/{shopId}/sendPriceData", "/v1/product/" + shop + "/sendPriceData",
       {{"productId", product}, {"skuList", {{{"skuId", sku}, {"fullPrice", 2900000}, {"sellPrice", 2500000}}}}}, uz);
    Ex("uzum", "POST", "/v2/fbs/sku/stocks", "/v2/fbs/sku/stocks", {{"skuAmountList", {{{"skuId", sku}, {"barcode", uz_barcode}, {"amount", 9}}}}}, uz);
    Ex("uzum", "POST", "/v2/fbs/sku/stocks", "/v2/fbs/sku/stocks", {{"skuAmountList", {{{"barcode", "1"}, {"amount", 9}}}}}, uz);
    Ex("uzum", "GET", "/v2/fbs/sku/stocks", "/v2/fbs/sku/stocks", nullptr, uz);
    DoJson("uzum", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "C-UZ-1"}, {"quantity", 1}}});
    Ex("uzum", "GET", "/v2/fbs/orders", "/v2/fbs/orders?shopIds=" + shop + "&status=CREATED&page=0&size=50", nullptr, uz);
    for (int i = 0; i < 6; ++i) {
        Ex("uzum", "GET", "/v1/shops", "/v1/shops", nullptr, Uz(s2), false);
    }

    // Every kind of answer the product relies on was produced.
    std::set<std::pair<std::string, int>> seen;
    for (const auto& e : exchanges) {
        seen.insert({e["marketplace"].get<std::string>(), e["status"].get<int>()});
    }
    for (auto want : std::vector<std::pair<std::string, int>>{
             {"wildberries", 200}, {"wildberries", 204}, {"wildberries", 400}, {"wildberries", 401}, {"wildberries", 409},
             {"wildberries", 429}, {"ozon", 200}, {"ozon", 400}, {"ozon", 401}, {"yandex", 200}, {"yandex", 400},
             {"yandex", 401}, {"yandex", 420}, {"uzum", 200}, {"uzum", 400}, {"uzum", 401}, {"uzum", 429}}) {
        EXPECT_TRUE(seen.count(want)) << want.first << " " << want.second;
    }

    testing::TempDir dir;
    std::string file = (dir.path() / "exchanges.json").string();
    std::ofstream(file) << exchanges.dump(2);
    const char* shared = std::getenv("BY_SHARED_DIR");
    const char* script = std::getenv("BY_CONTRACT_SCRIPT");
    ASSERT_NE(shared, nullptr) << "BY_SHARED_DIR is not set (run through ctest)";
    ASSERT_NE(script, nullptr) << "BY_CONTRACT_SCRIPT is not set (run through ctest)";
    std::string cmd = std::string("/usr/bin/python3 ") + script + " " + file + " " + shared + "/marketplace-api";
    int rc = std::system(cmd.c_str());
    EXPECT_EQ(rc, 0) << "validate_contract.py found responses or requests that do not match the specs (see above)";
}

}  // namespace
}  // namespace by::sandbox::test
