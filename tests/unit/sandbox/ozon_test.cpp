// Ozon imitation: two-header auth, catalog, import as a task (pending -> imported/failed), field limits,
// dictionary checks, dedupe by offer_id, media, 50 rps limit, prices, stocks rules, postings.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace by::sandbox::test {
namespace {

class OzonTest : public SandboxTest {
  protected:
    void SetUp() override {
        SandboxTest::SetUp();
        media.Put("/a.jpg", MakeJpeg(1000, 1000), "image/jpeg");
        media.Put("/b.png", MakePng(800, 800), "image/png");
        media.Put("/c.webp", MakeWebp(800, 800), "image/webp");
        media.Put("/v.mp4", MakeMp4(), "video/mp4");
    }
    json Item(const std::string& offer_id) {
        return {{"offer_id", offer_id},
                {"name", "Смартфон Demo 128 ГБ"},
                {"description_category_id", 15621050},
                {"type_id", 95139},
                {"price", "19990"},
                {"old_price", "21990"},
                {"currency_code", "RUB"},
                {"vat", "0"},
                {"depth", 160},
                {"width", 80},
                {"height", 10},
                {"dimension_unit", "mm"},
                {"weight", 200},
                {"weight_unit", "g"},
                {"images", {media.Url("/a.jpg"), media.Url("/b.png")}},
                {"attributes",
                 {{{"id", 85}, {"complex_id", 0}, {"values", {{{"dictionary_value_id", 126745801}, {"value", "Нет бренда"}}}}},
                  {{"id", 9048}, {"complex_id", 0}, {"values", {{{"value", "Demo 128"}}}}},
                  {{"id", 4191}, {"complex_id", 0}, {"values", {{{"value", "Описание товара"}}}}}}}};
    }
    int64_t Import(const std::vector<json>& items, const SellerAccount& s, int* status = nullptr) {
        json r = DoJson("ozon", {"POST", "/v3/product/import", {{"items", json(items)}}, "", Ozon(s)}, status);
        return r.contains("result") ? r["result"]["task_id"].get<int64_t>() : 0;
    }
    json Info(int64_t task, const SellerAccount& s) {
        return DoJson("ozon", {"POST", "/v1/product/import/info", {{"task_id", task}}, "", Ozon(s)})["result"];
    }
    std::string ErrorCodes(const json& item) {
        std::string codes;
        for (const auto& e : item["errors"]) {
            codes += e["code"].get<std::string>() + " ";
        }
        return codes;
    }
    MediaServer media;
};

TEST_F(OzonTest, AuthNeedsBothHeaders) {
    int status = 0;
    json j = DoJson("ozon", {"POST", "/v1/roles", json::object(), "", {{"Client-Id", s1.ozon_client_id}}}, &status);
    EXPECT_EQ(status, 401);
    EXPECT_EQ(j["code"], 16);
    EXPECT_TRUE(j["details"].is_array());
    j = DoJson("ozon", {"POST", "/v1/roles", json::object(), "", {{"Client-Id", s1.ozon_client_id}, {"Api-Key", s2.ozon_api_key}}},
               &status);
    EXPECT_EQ(status, 403);
    EXPECT_EQ(j["message"], "Invalid Api-Key, please check the key and try again");
    j = DoJson("ozon", {"POST", "/v1/roles", json::object(), "", Ozon(s1)}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_FALSE(j["roles"].empty());
}

TEST_F(OzonTest, CatalogTreeAttributesAndValues) {
    json tree = DoJson("ozon", {"POST", "/v1/description-category/tree", {{"language", "RU"}}, "", Ozon(s1)});
    EXPECT_NE(tree.dump().find("\"type_id\":95139"), std::string::npos);
    json attrs = DoJson("ozon", {"POST", "/v1/description-category/attribute",
                                 {{"description_category_id", 15621050}, {"type_id", 95139}, {"language", "RU"}}, "", Ozon(s1)});
    bool brand_required = false;
    for (const auto& a : attrs["result"]) {
        brand_required = brand_required || (a["id"] == 85 && a["is_required"] == true);
    }
    EXPECT_TRUE(brand_required);
    json values = DoJson("ozon", {"POST", "/v1/description-category/attribute/values",
                                  {{"attribute_id", 85}, {"description_category_id", 15621050}, {"type_id", 95139}, {"limit", 2}},
                                  "", Ozon(s1)});
    EXPECT_EQ(values["result"].size(), 2u);
    EXPECT_EQ(values["has_next"], true);
    int status = 0;
    DoJson("ozon", {"POST", "/v1/description-category/attribute", {{"description_category_id", 15621050}, {"type_id", 1}}, "",
                    Ozon(s1)},
           &status);
    EXPECT_EQ(status, 404);
}

TEST_F(OzonTest, ImportMovesFromPendingToImported) {
    int64_t task = Import({Item("PH-1")}, s1);
    ASSERT_GT(task, 0);
    json info = Info(task, s1);
    EXPECT_EQ(info["items"][0]["status"], "pending");
    json list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"offer_id", {"PH-1"}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["statuses"]["status"], "processing");
    clock.Advance(delay_ms);
    info = Info(task, s1);
    EXPECT_EQ(info["items"][0]["status"], "imported");
    EXPECT_GT(info["items"][0]["product_id"].get<int64_t>(), 0);
    list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"offer_id", {"PH-1"}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["statuses"]["status"], "price_sent");
    EXPECT_EQ(list["items"][0]["images"].size(), 2u);
    EXPECT_GT(list["items"][0]["sku"].get<int64_t>(), 0);
    int status = 0;
    DoJson("ozon", {"POST", "/v1/product/import/info", {{"task_id", task}}, "", Ozon(s2)}, &status);
    EXPECT_EQ(status, 404);  // another seller's task
}

TEST_F(OzonTest, FieldLimitsAndDictionariesFailItems) {
    json long_offer = Item(std::string(51, 'o'));
    json long_name = Item("PH-NAME");
    long_name["name"] = std::string(501, 'n');
    json zero_dims = Item("PH-DIM");
    zero_dims["depth"] = 0;
    json bad_brand = Item("PH-DICT");
    bad_brand["attributes"][0]["values"] = {{{"value", "NoSuchBrand"}}};
    json no_model = Item("PH-REQ");
    no_model["attributes"].erase(1);
    json many_images = Item("PH-IMG");
    many_images["images"] = json::array();
    for (int i = 0; i < 16; ++i) {
        many_images["images"].push_back(media.Url("/a.jpg"));
    }
    json webp = Item("PH-WEBP");
    webp["images"] = {media.Url("/c.webp"), media.Url("/missing.jpg")};
    int64_t task = Import({long_offer, long_name, zero_dims, bad_brand, no_model, many_images, webp, Item("PH-OK")}, s1);
    clock.Advance(delay_ms);
    json items = Info(task, s1)["items"];
    ASSERT_EQ(items.size(), 8u);
    EXPECT_EQ(items[0]["status"], "failed");
    EXPECT_NE(ErrorCodes(items[0]).find("INVALID_OFFER_ID_LENGTH"), std::string::npos);
    EXPECT_EQ(items[0]["product_id"], 0);
    EXPECT_NE(ErrorCodes(items[1]).find("NAME_TOO_LONG"), std::string::npos);
    EXPECT_NE(ErrorCodes(items[2]).find("INVALID_DIMENSIONS"), std::string::npos);
    EXPECT_NE(ErrorCodes(items[3]).find("ATTRIBUTE_VALUE_NOT_IN_DICTIONARY"), std::string::npos);
    EXPECT_EQ(items[3]["errors"][0]["attribute_id"], 85);
    EXPECT_NE(ErrorCodes(items[4]).find("REQUIRED_ATTRIBUTE_MISSING"), std::string::npos);
    EXPECT_NE(ErrorCodes(items[5]).find("TOO_MANY_IMAGES"), std::string::npos);
    EXPECT_NE(ErrorCodes(items[6]).find("IMAGE_INVALID_FORMAT"), std::string::npos);
    EXPECT_NE(ErrorCodes(items[6]).find("IMAGE_DOWNLOAD_FAILED"), std::string::npos);
    EXPECT_EQ(items[7]["status"], "imported");
    json list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"offer_id", {"PH-DICT"}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["statuses"]["validation_status"], "fail");
    EXPECT_FALSE(list["items"][0]["errors"].empty());

    int status = 0;
    json hundred_one = json::array();
    for (int i = 0; i < 101; ++i) {
        hundred_one.push_back(Item("BULK-" + std::to_string(i)));
    }
    json r = DoJson("ozon", {"POST", "/v3/product/import", {{"items", hundred_one}}, "", Ozon(s1)}, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(r["code"], 3);
}

// Attributes belong to a type: the wiper blade's own are required, another type's are refused, and the
// brand dictionary knows the brands sellers use.
TEST_F(OzonTest, AttributesArePerType) {
    auto attrs = [&](int64_t dc, int64_t type) {
        std::map<std::string, json> out;
        json r = DoJson("ozon", {"POST", "/v1/description-category/attribute",
                                 {{"description_category_id", dc}, {"type_id", type}, {"language", "DEFAULT"}}, "", Ozon(s1)});
        for (const auto& a : r["result"]) {
            out[a["name"]] = a;
        }
        return out;
    };
    auto wiper = attrs(17027950, 95589);
    ASSERT_TRUE(wiper.count("Тип щетки"));
    EXPECT_EQ(wiper["Тип щетки"]["is_required"], true);
    EXPECT_EQ(wiper["Страна-изготовитель"]["dictionary_id"], 1935);
    EXPECT_FALSE(wiper.count("Встроенная память"));
    int64_t memory = attrs(15621050, 95139)["Встроенная память"]["id"];

    json brands = DoJson("ozon", {"POST", "/v1/description-category/attribute/values",
                                  {{"attribute_id", 85}, {"description_category_id", 17027950}, {"type_id", 95589}, {"limit", 1000}},
                                  "", Ozon(s1)});
    EXPECT_NE(brands["result"].dump().find("\"Bosch\""), std::string::npos);
    EXPECT_GT(brands["result"].size(), 200u);

    json blade = Item("WIPER-OK");
    blade["name"] = "Щетка стеклоочистителя Bosch Aerotwin 600 мм";
    blade["description_category_id"] = 17027950;
    blade["type_id"] = 95589;
    blade["attributes"] = {{{"id", 85}, {"values", {{{"value", "Bosch"}}}}},
                           {{"id", 9048}, {"values", {{{"value", "Aerotwin AR601S"}}}}}};
    for (const char* name : {"Длина, мм", "Тип щетки", "Крепление", "Страна-изготовитель"}) {
        const char* value = std::string(name) == "Длина, мм" ? "600" : std::string(name) == "Крепление" ? "Hook"
                            : std::string(name) == "Тип щетки"  ? "бескаркасная"
                                                               : "Бельгия";
        blade["attributes"].push_back({{"id", wiper[name]["id"]}, {"values", {{{"value", value}}}}});
    }
    json missing = blade;
    missing["offer_id"] = "WIPER-MISSING";
    missing["attributes"].erase(3);  // «Тип щетки»
    json foreign = blade;
    foreign["offer_id"] = "WIPER-FOREIGN";
    foreign["attributes"].push_back({{"id", memory}, {"values", {{{"value", "128"}}}}});
    int64_t task = Import({blade, missing, foreign}, s1);
    clock.Advance(delay_ms);
    json items = Info(task, s1)["items"];
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0]["status"], "imported") << items[0].dump();
    EXPECT_NE(ErrorCodes(items[1]).find("REQUIRED_ATTRIBUTE_MISSING"), std::string::npos);
    EXPECT_NE(ErrorCodes(items[2]).find("ATTRIBUTE_NOT_FOUND"), std::string::npos);
}

TEST_F(OzonTest, SameOfferIdUpdatesInsteadOfDuplicating) {
    int64_t t1 = Import({Item("PH-D")}, s1);
    clock.Advance(delay_ms);
    json changed = Item("PH-D");
    changed["name"] = "Смартфон Demo 256 ГБ";
    int64_t t2 = Import({changed}, s1);
    clock.Advance(delay_ms);
    EXPECT_EQ(Info(t1, s1)["items"][0]["product_id"], Info(t2, s1)["items"][0]["product_id"]);
    int64_t t3 = Import({changed}, s1);
    clock.Advance(delay_ms);
    EXPECT_EQ(Info(t3, s1)["items"][0]["status"], "skipped");
    json list = DoJson("ozon", {"POST", "/v3/product/list", {{"limit", 100}}, "", Ozon(s1)});
    EXPECT_EQ(list["result"]["total"], 1);
    json state = DoJson("ozon", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["create"]["seller1/PH-D"], 1);
    EXPECT_EQ(state["counters"]["update"]["seller1/PH-D"], 2);
}

TEST_F(OzonTest, PicturesImportReplacesTheSetOrReportsErrors) {
    int64_t task = Import({Item("PIC-1")}, s1);
    clock.Advance(delay_ms);
    int64_t pid = Info(task, s1)["items"][0]["product_id"];
    json r = DoJson("ozon", {"POST", "/v1/product/pictures/import", {{"product_id", pid}, {"images", {media.Url("/b.png")}}}, "",
                             Ozon(s1)});
    EXPECT_EQ(r["result"]["pictures"][0]["state"], "imported");
    json list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"product_id", {std::to_string(pid)}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["images"], json::array({media.Url("/b.png")}));
    DoJson("ozon", {"POST", "/v1/product/pictures/import", {{"product_id", pid}, {"images", {media.Url("/c.webp")}}}, "", Ozon(s1)});
    clock.Advance(delay_ms);
    list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"product_id", {std::to_string(pid)}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["images"], json::array({media.Url("/b.png")}));
    EXPECT_EQ(list["items"][0]["errors"][0]["code"], "IMAGE_INVALID_FORMAT");
}

TEST_F(OzonTest, FiftyRequestsPerSecondPerClientId) {
    int status = 0;
    for (int i = 0; i < 50; ++i) {
        DoJson("ozon", {"POST", "/v1/warehouse/list", json::object(), "", Ozon(s1)}, &status);
        ASSERT_EQ(status, 200) << i;
    }
    json j = DoJson("ozon", {"POST", "/v1/warehouse/list", json::object(), "", Ozon(s1)}, &status);
    EXPECT_EQ(status, 429);
    EXPECT_EQ(j["code"], 8);
    EXPECT_EQ(j["message"], "You have reached request rate limit per second");
    DoJson("ozon", {"POST", "/v1/warehouse/list", json::object(), "", Ozon(s2)}, &status);
    EXPECT_EQ(status, 200);
    clock.Advance(20);
    DoJson("ozon", {"POST", "/v1/warehouse/list", json::object(), "", Ozon(s1)}, &status);
    EXPECT_EQ(status, 200);
}

TEST_F(OzonTest, StocksFollowTheProductStateAndThirtySecondRule) {
    Import({Item("ST-1")}, s1);
    json stock = {{"stocks", {{{"offer_id", "ST-1"}, {"stock", 5}, {"warehouse_id", s1.ozon_warehouse_id}}}}};
    json r = DoJson("ozon", {"POST", "/v2/products/stocks", stock, "", Ozon(s1)});
    EXPECT_EQ(r["result"][0]["updated"], false);
    EXPECT_EQ(r["result"][0]["errors"][0]["code"], "product_is_not_created");
    clock.Advance(delay_ms);
    r = DoJson("ozon", {"POST", "/v2/products/stocks", stock, "", Ozon(s1)});
    EXPECT_EQ(r["result"][0]["updated"], true);
    r = DoJson("ozon", {"POST", "/v2/products/stocks", stock, "", Ozon(s1)});
    EXPECT_EQ(r["result"][0]["errors"][0]["code"], "TOO_MANY_REQUESTS");
    clock.Advance(30000);
    r = DoJson("ozon", {"POST", "/v2/products/stocks", stock, "", Ozon(s1)});
    EXPECT_EQ(r["result"][0]["updated"], true);
    json wrong = {{"stocks", {{{"offer_id", "ST-1"}, {"stock", 5}, {"warehouse_id", 1}}}}};
    r = DoJson("ozon", {"POST", "/v2/products/stocks", wrong, "", Ozon(s1)});
    EXPECT_EQ(r["result"][0]["errors"][0]["code"], "WAREHOUSE_NOT_FOUND");
    json list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"offer_id", {"ST-1"}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["stocks"]["stocks"][0]["present"], 5);
}

TEST_F(OzonTest, PricesAndPostings) {
    Import({Item("PR-1")}, s1);
    clock.Advance(delay_ms);
    json r = DoJson("ozon", {"POST", "/v1/product/import/prices",
                             {{"prices", {{{"offer_id", "PR-1"}, {"price", "17990"}, {"old_price", "19990"}},
                                          {{"offer_id", "NOPE"}, {"price", "1"}}}}},
                             "", Ozon(s1)});
    EXPECT_EQ(r["result"][0]["updated"], true);
    EXPECT_EQ(r["result"][1]["updated"], false);
    json list = DoJson("ozon", {"POST", "/v3/product/info/list", {{"offer_id", {"PR-1"}}}, "", Ozon(s1)});
    EXPECT_EQ(list["items"][0]["price"], "17990");

    DoJson("ozon", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "PR-1"}, {"quantity", 3}}});
    int status = 0;
    json filter = {{"since", "2025-01-01T00:00:00+05:00"}, {"to", "2025-12-31T00:00:00Z"}};
    json postings = DoJson("ozon", {"POST", "/v3/posting/fbs/list", {{"filter", filter}, {"limit", 10}, {"offset", 0}}, "", Ozon(s1)},
                           &status);
    ASSERT_EQ(status, 200);
    ASSERT_EQ(postings["result"]["postings"].size(), 1u);
    EXPECT_EQ(postings["result"]["postings"][0]["products"][0]["quantity"], 3);
    EXPECT_EQ(postings["result"]["postings"][0]["products"][0]["offer_id"], "PR-1");
    DoJson("ozon", {"POST", "/v3/posting/fbs/list", {{"limit", 10}, {"offset", 0}}, "", Ozon(s1)}, &status);
    EXPECT_EQ(status, 400);
}

}  // namespace
}  // namespace by::sandbox::test
