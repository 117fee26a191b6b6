// Wildberries imitation: auth, catalog, asynchronous card creation with its error list, field limits,
// characteristics and dictionaries, dedupe by vendorCode, media by URL, prices, stocks, orders, limits.
#include <gtest/gtest.h>

#include "fixture.hpp"
#include "sandbox/common/catalog.hpp"

namespace by::sandbox::test {
namespace {

json Variant(const std::string& vc, const std::string& title = "Кроссовки беговые") {
    return {{"vendorCode", vc},
            {"title", title},
            {"description", "Лёгкие кроссовки для бега"},
            {"brand", "BiznesYordam Demo"},
            {"dimensions", {{"length", 30}, {"width", 20}, {"height", 12}, {"weightBrutto", 0.8}}},
            {"characteristics", json::array({{{"id", 14177449}, {"value", json::array({"черный"})}},
                                             {{"id", 14177451}, {"value", json::array({"Узбекистан"})}}})},
            {"sizes", json::array({{{"techSize", "42"}, {"wbSize", "42"}, {"price", 4990}}})}};
}

// A vector, not a json: a braced {one_json} would copy the element instead of making an array.
json Upload(const std::vector<json>& variants, int64_t subject = 105) {
    return json::array({{{"subjectID", subject}, {"variants", json(variants)}}});
}

class WbTest : public SandboxTest {
  protected:
    json Cards(const SellerAccount& s, json filter = json::object()) {
        return DoJson("wildberries", {"POST", "/content/v2/get/cards/list",
                                      {{"settings", {{"cursor", {{"limit", 100}}}, {"filter", filter}}}}, "", Wb(s)});
    }
    json Errors(const SellerAccount& s) {
        return DoJson("wildberries", {"POST", "/content/v2/cards/error/list", {{"cursor", {{"limit", 100}}}}, "", Wb(s)});
    }
    void Settle() { clock.Advance(delay_ms + 1); }
    // Card writes are limited to burst 5 and 10/min; tests that make many pace themselves.
    void Pace() { clock.Advance(6000); }
};

TEST_F(WbTest, MissingAndWrongTokensGetWbs401) {
    int status = 0;
    json j = DoJson("wildberries", {"GET", "/ping"}, &status);
    EXPECT_EQ(status, 401);
    EXPECT_EQ(j["title"], "unauthorized");
    EXPECT_EQ(j["status"], 401);
    for (const char* k : {"detail", "code", "requestId", "origin", "statusText", "timestamp"}) {
        EXPECT_TRUE(j.contains(k)) << k;
    }
    j = DoJson("wildberries", {"GET", "/content/v2/object/all", nullptr, "", {{"Authorization", "nope"}}}, &status);
    EXPECT_EQ(status, 401);
    j = DoJson("wildberries", {"GET", "/ping", nullptr, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(j["Status"], "OK");
}

TEST_F(WbTest, CatalogServesSubjectsCharacteristicsAndDictionaries) {
    json subjects = DoJson("wildberries", {"GET", "/content/v2/object/all?limit=100", nullptr, "", Wb(s1)});
    bool found = false;
    for (const auto& s : subjects["data"]) {
        found = found || (s["subjectID"] == 105 && s["parentName"] == "Обувь");
    }
    EXPECT_TRUE(found);
    json charcs = DoJson("wildberries", {"GET", "/content/v2/object/charcs/105", nullptr, "", Wb(s1)});
    bool color_required = false;
    for (const auto& c : charcs["data"]) {
        color_required = color_required || (c["charcID"] == 14177449 && c["required"] == true);
    }
    EXPECT_TRUE(color_required);
    json colors = DoJson("wildberries", {"GET", "/content/v2/directory/colors", nullptr, "", Wb(s1)});
    EXPECT_FALSE(colors["data"].empty());
    int status = 0;
    json bad = DoJson("wildberries", {"GET", "/content/v2/object/charcs/999999", nullptr, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(bad["errorText"], "This category does not exist");
}

TEST_F(WbTest, UploadIsAsynchronousAndCardsAppearAfterTheDelay) {
    int status = 0;
    json r = DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("SNK-1")}), "", Wb(s1)}, &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(r["error"], false);
    EXPECT_TRUE(Cards(s1)["cards"].empty());  // queued, not created yet
    Settle();
    json cards = Cards(s1)["cards"];
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0]["vendorCode"], "SNK-1");
    EXPECT_GT(cards[0]["nmID"].get<int64_t>(), 0);
    EXPECT_EQ(cards[0]["sizes"][0]["skus"].size(), 1u);  // a barcode was generated
    EXPECT_TRUE(Errors(s1)["data"]["items"].empty());
    EXPECT_TRUE(Cards(s2)["cards"].empty());  // another seller sees nothing
}

TEST_F(WbTest, FieldLimitsAndCharacteristicsFailInTheErrorList) {
    json long_title = Variant("SNK-T", std::string(61, 'a'));
    json long_vc = Variant(std::string(73, 'v'));
    json long_desc = Variant("SNK-D");
    long_desc["description"] = std::string(2001, 'x');
    json no_color = Variant("SNK-C");
    no_color["characteristics"] = json::array();
    json bad_color = Variant("SNK-X");
    bad_color["characteristics"][0]["value"] = json::array({"небесно-квантовый"});
    json ok = Variant("SNK-OK");
    int status = 0;
    DoJson("wildberries",
           {"POST", "/content/v2/cards/upload", Upload({long_title, long_vc, long_desc, no_color, bad_color, ok}), "", Wb(s1)},
           &status);
    EXPECT_EQ(status, 200);
    EXPECT_TRUE(Errors(s1)["data"]["items"].empty());  // reported later, not at once
    Settle();
    Pace();
    json items = Errors(s1)["data"]["items"];
    ASSERT_EQ(items.size(), 1u);
    json errors = items[0]["errors"];
    auto has = [&](const std::string& vc, const std::string& needle) {
        if (!errors.contains(vc)) {
            return false;
        }
        for (const auto& e : errors[vc]) {
            if (e.get<std::string>().find(needle) != std::string::npos) {
                return true;
            }
        }
        return false;
    };
    EXPECT_TRUE(has("SNK-T", "60 символов"));
    EXPECT_TRUE(has(std::string(73, 'v'), "72 символа"));
    EXPECT_TRUE(has("SNK-D", "2000 символов"));
    EXPECT_TRUE(has("SNK-C", "обязательная характеристика «Цвет»"));
    EXPECT_TRUE(has("SNK-X", "отсутствует в справочнике"));
    EXPECT_FALSE(errors.contains("SNK-OK"));
    EXPECT_EQ(items[0]["subjects"]["SNK-T"]["id"], 105);
    json cards = Cards(s1)["cards"];
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0]["vendorCode"], "SNK-OK");
    // Re-sending a fixed card clears its entry from the error list.
    Pace();
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("SNK-T")}), "", Wb(s1)}, &status);
    EXPECT_EQ(status, 200);
    Pace();
    EXPECT_FALSE(Errors(s1)["data"]["items"][0]["errors"].contains("SNK-T"));
}

TEST_F(WbTest, DescriptionLimitDependsOnTheSubject) {
    json book = Variant("BOOK-1", "Книга");
    book["description"] = std::string(4000, 'x');  // books allow 5,000
    book["sizes"] = json::array();
    book["characteristics"] = json::array();  // books have no colour; their own required characteristics instead
    for (const auto& c : catalog::WbCharcsFor(381)) {
        if (c.required) {
            book["characteristics"].push_back(
                {{"id", c.id}, {"value", c.charc_type == 4 ? json(2023) : json::array({"Михаил Булгаков"})}});
        }
    }
    ASSERT_FALSE(book["characteristics"].empty());
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({book}, 381), "", Wb(s1)});
    Settle();
    EXPECT_EQ(Cards(s1)["cards"].size(), 1u);
}

// A subject by name, and its own required characteristics: «Пол» checked against the kinds directory.
TEST_F(WbTest, CategoryCharacteristicsAndKinds) {
    json found = DoJson("wildberries", {"GET", "/content/v2/object/all?name=%D0%91%D0%BE%D1%82%D0%B8%D0%BD%D0%BA%D0%B8&limit=100",
                                        nullptr, "", Wb(s1)});  // name=Ботинки
    ASSERT_EQ(found["data"].size(), 1u);
    int64_t boots = found["data"][0]["subjectID"];
    EXPECT_EQ(found["data"][0]["parentName"], "Обувь");
    std::map<std::string, int64_t> ids;
    json charcs = DoJson("wildberries", {"GET", "/content/v2/object/charcs/" + std::to_string(boots), nullptr, "", Wb(s1)});
    for (const auto& c : charcs["data"]) {
        ids[c["name"]] = c["charcID"];
    }
    for (const char* name : {"Цвет", "Размер", "Пол", "Материал верха", "Страна производства"}) {
        ASSERT_TRUE(ids.count(name)) << name;
    }
    auto variant = [&](const std::string& vc, const std::string& kind) {
        json v = Variant(vc, "Ботинки мужские");
        v["characteristics"] = json::array({{{"id", ids["Цвет"]}, {"value", {"коричневый"}}},
                                            {{"id", ids["Размер"]}, {"value", 43}},
                                            {{"id", ids["Материал верха"]}, {"value", {"натуральная кожа"}}},
                                            {{"id", ids["Страна производства"]}, {"value", {"Россия"}}}});
        if (!kind.empty()) {
            v["characteristics"].push_back({{"id", ids["Пол"]}, {"value", {kind}}});
        }
        return v;
    };
    DoJson("wildberries", {"POST", "/content/v2/cards/upload",
                           Upload({variant("BT-OK", "Мужской"), variant("BT-NOKIND", ""), variant("BT-BADKIND", "для мальчиков")},
                                  boots),
                           "", Wb(s1)});
    Settle();
    Pace();
    json errors = Errors(s1)["data"]["items"][0]["errors"];
    EXPECT_FALSE(errors.contains("BT-OK")) << errors.dump();
    EXPECT_NE(errors["BT-NOKIND"].dump().find("обязательная характеристика «Пол»"), std::string::npos) << errors.dump();
    EXPECT_NE(errors["BT-BADKIND"].dump().find("отсутствует в справочнике"), std::string::npos) << errors.dump();
    json cards = Cards(s1)["cards"];
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0]["subjectName"], "Ботинки");
}

TEST_F(WbTest, SameVendorCodeIsNotCreatedTwice) {
    int status = 0;
    json first = DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("DUP-1")}), "", Wb(s1)}, &status);
    ASSERT_EQ(status, 200) << first.dump();
    json r = DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("DUP-1")}), "", Wb(s1)}, &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(r["errorText"], "bad request; Unexpected the specified card's vendor code is used in other cards");
    Settle();
    EXPECT_EQ(Cards(s1)["cards"].size(), 1u);
    json state = DoJson("wildberries", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["create"]["seller1/DUP-1"], 1);
    EXPECT_EQ(state["counters"]["create_rejected"]["seller1/DUP-1"], 1);
    EXPECT_EQ(state["counters"]["responses"]["400"], 1);
    // The other seller may use the same article.
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("DUP-1")}), "", Wb(s2)}, &status);
    EXPECT_EQ(status, 200);
}

TEST_F(WbTest, UpdateOverwritesTheCard) {
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("UPD-1")}), "", Wb(s1)});
    Settle();
    json card = Cards(s1)["cards"][0];
    json upd = Variant("UPD-1", "Кроссовки беговые v2");
    upd["nmID"] = card["nmID"];
    upd["sizes"] = card["sizes"];
    int status = 0;
    DoJson("wildberries", {"POST", "/content/v2/cards/update", json::array({upd}), "", Wb(s1)}, &status);
    EXPECT_EQ(status, 200);
    card = Cards(s1)["cards"][0];
    EXPECT_EQ(card["title"], "Кроссовки беговые v2");
    json state = DoJson("wildberries", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["update"]["seller1/UPD-1"], 1);
    // An update of someone else's nmID fails in the error list.
    upd["vendorCode"] = "UPD-1";
    DoJson("wildberries", {"POST", "/content/v2/cards/update", json::array({upd}), "", Wb(s2)}, &status);
    EXPECT_EQ(status, 200);
    Settle();
    EXPECT_EQ(Errors(s2)["data"]["items"].size(), 1u);
}

TEST_F(WbTest, MediaAreDownloadedAndChecked) {
    MediaServer media;
    media.Put("/ok.jpg", MakeJpeg(900, 1200), "image/jpeg");
    media.Put("/ok.png", MakePng(700, 900), "image/png");
    media.Put("/small.jpg", MakeJpeg(699, 900), "image/jpeg");
    media.Put("/clip.mp4", MakeMp4(), "video/mp4");
    media.Put("/page", "<html>preview</html>", "text/html");
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("MED-1")}), "", Wb(s1)});
    Settle();
    int64_t nm = Cards(s1)["cards"][0]["nmID"];
    int status = 0;
    json r = DoJson("wildberries",
                    {"POST", "/content/v3/media/save",
                     {{"nmId", nm}, {"data", {media.Url("/ok.jpg"), media.Url("/ok.png"), media.Url("/clip.mp4")}}}, "",
                     Wb(s1)},
                    &status);
    EXPECT_EQ(status, 200) << r.dump();
    json card = Cards(s1)["cards"][0];
    EXPECT_EQ(card["photos"].size(), 2u);
    EXPECT_EQ(card["video"], media.Url("/clip.mp4"));
    EXPECT_GE(media.hits(), 3);

    // One bad file: 200, nothing changes, and the reason shows in the error list.
    r = DoJson("wildberries",
               {"POST", "/content/v3/media/save", {{"nmId", nm}, {"data", {media.Url("/small.jpg"), media.Url("/page")}}},
                "", Wb(s1)},
               &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(Cards(s1)["cards"][0]["photos"].size(), 2u);
    Settle();
    json errors = Errors(s1)["data"]["items"][0]["errors"]["MED-1"];
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_NE(errors[0].get<std::string>().find("700x900"), std::string::npos);
    EXPECT_NE(errors[1].get<std::string>().find("прямо на изображение"), std::string::npos);

    // Count limits: 31 images, or two videos.
    json many = json::array();
    for (int i = 0; i < 31; ++i) {
        many.push_back(media.Url("/ok.jpg"));
    }
    DoJson("wildberries", {"POST", "/content/v3/media/save", {{"nmId", nm}, {"data", many}}, "", Wb(s1)}, &status);
    DoJson("wildberries",
           {"POST", "/content/v3/media/save", {{"nmId", nm}, {"data", {media.Url("/clip.mp4"), media.Url("/clip.mp4")}}}, "",
            Wb(s1)},
           &status);
    Settle();
    Pace();
    std::string all = Errors(s1).dump();
    EXPECT_NE(all.find("не более 30"), std::string::npos);
    EXPECT_NE(all.find("не более одного"), std::string::npos);
    EXPECT_EQ(Cards(s1)["cards"][0]["photos"].size(), 2u);
}

TEST_F(WbTest, CardWritesAreLimitedWithWbs429) {
    int status = 0;
    for (int i = 0; i < 5; ++i) {
        DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("RL-" + std::to_string(i))}), "", Wb(s1)},
               &status);
        EXPECT_EQ(status, 200) << i;
    }
    api::HttpResponse raw;
    json j = DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("RL-5")}), "", Wb(s1)}, &status, &raw);
    EXPECT_EQ(status, 429);
    EXPECT_EQ(j["title"], "too many requests");
    EXPECT_EQ(j["status"], 429);
    EXPECT_EQ(j["statusText"], "Too Many Requests");
    EXPECT_EQ(raw.GetHeader("X-Ratelimit-Retry"), "6");
    // Another seller has its own bucket; reads have another group.
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("RL-0")}), "", Wb(s2)}, &status);
    EXPECT_EQ(status, 200);
    Cards(s1);
    clock.Advance(6000);
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("RL-5")}), "", Wb(s1)}, &status);
    EXPECT_EQ(status, 200);
    json state = DoJson("wildberries", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["responses"]["429"], 1);
}

TEST_F(WbTest, PricesStocksAndOrders) {
    DoJson("wildberries", {"POST", "/content/v2/cards/upload", Upload({Variant("MKT-1")}), "", Wb(s1)});
    Settle();
    json card = Cards(s1)["cards"][0];
    int64_t nm = card["nmID"];
    std::string barcode = card["sizes"][0]["skus"][0];
    int status = 0;
    json r = DoJson("wildberries",
                    {"POST", "/api/v2/upload/task", {{"data", {{{"nmID", nm}, {"price", 5000}, {"discount", 10}}}}}, "", Wb(s1)},
                    &status);
    EXPECT_EQ(status, 200);
    EXPECT_GT(r["data"]["id"].get<int64_t>(), 0);
    r = DoJson("wildberries",
               {"POST", "/api/v2/upload/task", {{"data", {{{"nmID", nm}, {"price", 1}}, {{"nmID", nm}, {"price", 2}}}}}, "", Wb(s1)},
               &status);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(r["errorText"], "Duplicate item Nos.");
    r = DoJson("wildberries", {"POST", "/api/v2/upload/task", {{"data", {{{"nmID", nm}, {"price", 99.5}}}}}, "", Wb(s1)},
               &status);
    EXPECT_EQ(r["errorText"], "Price should be a whole number");
    json goods = DoJson("wildberries", {"GET", "/api/v2/list/goods/filter?limit=10", nullptr, "", Wb(s1)});
    EXPECT_EQ(goods["data"]["listGoods"][0]["sizes"][0]["price"], 5000);
    EXPECT_EQ(goods["data"]["listGoods"][0]["discount"], 10);

    std::string wh = "/api/v3/stocks/" + std::to_string(s1.wb_warehouse_id);
    api::HttpResponse put = Do("wildberries", {"PUT", wh, {{"stocks", {{{"sku", barcode}, {"amount", 7}}}}}, "", Wb(s1)});
    EXPECT_EQ(put.status, 204);
    json got = DoJson("wildberries", {"POST", wh, {{"skus", {barcode}}, {"chrtIds", json::array()}}, "", Wb(s1)});
    EXPECT_EQ(got["stocks"][0]["amount"], 7);
    r = DoJson("wildberries", {"PUT", wh, {{"stocks", {{{"sku", "unknown"}, {"amount", 1}}}}}, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 409);
    EXPECT_EQ(r[0]["code"], "NotFound");
    r = DoJson("wildberries", {"PUT", wh, {{"stocks", {{{"sku", barcode}, {"amount", 100001}}}}}, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 409);
    EXPECT_EQ(r[0]["code"], "UploadDataLimit");
    r = DoJson("wildberries", {"PUT", "/api/v3/stocks/1", {{"stocks", {{{"sku", barcode}, {"amount", 1}}}}}, "", Wb(s1)},
               &status);
    EXPECT_EQ(status, 404);

    json made = DoJson("wildberries", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "MKT-1"}, {"quantity", 2}}});
    EXPECT_EQ(made["orders"].size(), 2u);
    // The orders took two of the seven set above; a storefront cannot sell more than it shows. (Read
    // through the state hook: the stocks API's per-minute limit is the seller's, spent above.)
    auto amount = [&] {
        json st = DoJson("wildberries", {"GET", "/__sandbox/state"});
        for (const auto& [k, v] : st["documents"]["stock"].items()) return v.value("amount", -1);
        return -1;
    };
    EXPECT_EQ(amount(), 5);
    DoJson("wildberries", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "MKT-1"}, {"quantity", 6}}}, &status);
    EXPECT_EQ(status, 409);
    EXPECT_EQ(amount(), 5);
    json fresh = DoJson("wildberries", {"GET", "/api/v3/orders/new", nullptr, "", Wb(s1)});
    ASSERT_EQ(fresh["orders"].size(), 2u);
    EXPECT_EQ(fresh["orders"][0]["article"], "MKT-1");
    EXPECT_EQ(fresh["orders"][0]["skus"][0], barcode);
    json page = DoJson("wildberries", {"GET", "/api/v3/orders?limit=1&next=0", nullptr, "", Wb(s1)});
    ASSERT_EQ(page["orders"].size(), 1u);
    json page2 = DoJson("wildberries", {"GET", "/api/v3/orders?limit=10&next=" + page["next"].dump(), nullptr, "", Wb(s1)});
    EXPECT_EQ(page2["orders"].size(), 1u);
    DoJson("wildberries", {"GET", "/api/v3/orders?limit=10", nullptr, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 400);

    // Statuses of the seller's own orders only; a bad body is WB's 400.
    json ids = {fresh["orders"][0]["id"], fresh["orders"][1]["id"], 999999999};
    json statuses = DoJson("wildberries", {"POST", "/api/v3/orders/status", {{"orders", ids}}, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 200);
    ASSERT_EQ(statuses["orders"].size(), 2u);
    EXPECT_EQ(statuses["orders"][0]["supplierStatus"], "new");
    EXPECT_EQ(statuses["orders"][0]["wbStatus"], "waiting");
    DoJson("wildberries", {"POST", "/api/v3/orders/status", {{"orders", json::array()}}, "", Wb(s1)}, &status);
    EXPECT_EQ(status, 400);
}

}  // namespace
}  // namespace by::sandbox::test
