// Uzum API imitation: token without Bearer, shop ownership, X-RateLimit-* headers and 429, products
// from the cabinet, prices, stocks and orders.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace by::sandbox::test {
namespace {

class UzumTest : public SandboxTest {
  protected:
    // One moderated product of seller1 made through the cabinet; returns its first SKU.
    json MakeProduct(const std::string& article) {
        std::string cookie = CabinetLogin(s1);
        api::HttpResponse r = CabinetSubmit(cookie, ProductFields(article), {{"photos", "a.jpg", "image/jpeg", MakeJpeg(1080, 1440)}});
        EXPECT_EQ(r.status, 303) << r.body;
        clock.Advance(delay_ms);
        json list = DoJson("uzum", {"GET", Shop(s1) + "?size=50&page=0", nullptr, "", Uz(s1)});
        for (const auto& p : list["productList"]) {
            if (p["skuList"][0]["article"] == article) {
                json out = p["skuList"][0];
                out["productId"] = p["productId"];
                return out;
            }
        }
        return nullptr;
    }
    std::string Shop(const SellerAccount& s) { return "/v1/product/shop/" + std::to_string(s.uzum_shop_id); }
};

TEST_F(UzumTest, TokenWithoutBearerOnly) {
    int status = 0;
    json j = DoJson("uzum", {"GET", "/v1/shops"}, &status);
    EXPECT_EQ(status, 401);
    ASSERT_TRUE(j.is_array());
    EXPECT_FALSE(j[0]["errors"].empty());
    DoJson("uzum", {"GET", "/v1/shops", nullptr, "", {{"Authorization", "Bearer " + s1.uzum_token}}}, &status);
    EXPECT_EQ(status, 401);
    api::HttpResponse raw;
    j = DoJson("uzum", {"GET", "/v1/shops", nullptr, "", Uz(s1)}, &status, &raw);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(j[0]["id"], s1.uzum_shop_id);
    for (const char* h : {"X-RateLimit-Remaining", "X-RateLimit-Replenish-Rate", "X-RateLimit-Burst-Capacity",
                          "X-RateLimit-Requested-Tokens", "X-RateLimit-Limit-Per-Day", "X-RateLimit-Remaining-Per-Day"}) {
        EXPECT_FALSE(raw.GetHeader(h).empty()) << h;
    }
    // The real base path works too.
    DoJson("uzum", {"GET", "/api/seller-openapi/v1/shops", nullptr, "", Uz(s2)}, &status);
    EXPECT_EQ(status, 200);
    DoJson("uzum", {"GET", Shop(s2) + "?size=10&page=0", nullptr, "", Uz(s1)}, &status);
    EXPECT_EQ(status, 403);
}

TEST_F(UzumTest, BurstThenBare429) {
    int status = 0;
    api::HttpResponse raw;
    for (int i = 0; i < 5; ++i) {
        DoJson("uzum", {"GET", "/v1/shops", nullptr, "", Uz(s1)}, &status, &raw);
        ASSERT_EQ(status, 200) << i;
    }
    EXPECT_EQ(raw.GetHeader("X-RateLimit-Remaining"), "0");
    api::HttpResponse r = Do("uzum", {"GET", "/v1/shops", nullptr, "", Uz(s1)});
    EXPECT_EQ(r.status, 429);
    EXPECT_EQ(r.GetHeader("X-RateLimit-Remaining"), "0");
    clock.Advance(500);
    EXPECT_EQ(Do("uzum", {"GET", "/v1/shops", nullptr, "", Uz(s1)}).status, 200);
}

TEST_F(UzumTest, PricesStocksAndOrdersGoThroughTheApi) {
    json sku = MakeProduct("API-1");
    ASSERT_FALSE(sku.is_null());
    int64_t product = sku["productId"];
    int64_t sku_id = sku["skuId"];
    std::string barcode = std::to_string(sku["barcode"].get<int64_t>());
    clock.Advance(1000);
    int status = 0;
    api::HttpResponse r = Do("uzum", {"POST", "/v1/product/" + std::to_string(s1.uzum_shop_id) + "/sendPriceData",
                                      {{"productId", product}, {"skuList", {{{"skuId", sku_id}, {"fullPrice", 3000000},
                                                                             {"sellPrice", 2600000}}}}}, "", Uz(s1)});
    EXPECT_EQ(r.status, 200);
    EXPECT_FALSE(r.GetHeader("X-RateLimit-Remaining").empty());
    json bad = DoJson("uzum", {"POST", "/v1/product/" + std::to_string(s1.uzum_shop_id) + "/sendPriceData",
                               {{"productId", product}, {"skuList", {{{"skuId", sku_id}, {"sellPrice", 0}}}}}, "", Uz(s1)},
                      &status);
    EXPECT_EQ(status, 400);
    EXPECT_FALSE(bad["errors"].empty());
    clock.Advance(1000);
    json list = DoJson("uzum", {"GET", Shop(s1) + "?size=50&page=0", nullptr, "", Uz(s1)});
    EXPECT_EQ(list["productList"][0]["skuList"][0]["price"], 2600000);

    json stocks = {{"skuAmountList", {{{"barcode", barcode}, {"amount", 12}, {"skuId", sku_id}}}}};
    DoJson("uzum", {"POST", "/v2/fbs/sku/stocks", stocks, "", Uz(s1)}, &status);
    EXPECT_EQ(status, 200);
    json got = DoJson("uzum", {"GET", "/v2/fbs/sku/stocks", nullptr, "", Uz(s1)});
    EXPECT_EQ(got["payload"]["skuAmountList"][0]["amount"], 12);
    clock.Advance(1000);
    DoJson("uzum", {"POST", "/v2/fbs/sku/stocks", {{"skuAmountList", {{{"barcode", "000"}, {"amount", 1}}}}}, "", Uz(s1)},
           &status);
    EXPECT_EQ(status, 400);

    DoJson("uzum", {"POST", "/__sandbox/orders", {{"seller", "seller1"}, {"sku", "API-1"}, {"quantity", 2}}});
    json orders = DoJson("uzum", {"GET", "/v2/fbs/orders?shopIds=" + std::to_string(s1.uzum_shop_id), nullptr, "", Uz(s1)});
    ASSERT_EQ(orders["payload"]["orders"].size(), 1u);
    EXPECT_EQ(orders["payload"]["orders"][0]["status"], "CREATED");
    EXPECT_EQ(orders["payload"]["orders"][0]["orderItems"][0]["amount"], 2);
    clock.Advance(1000);
    DoJson("uzum", {"GET", "/v2/fbs/orders", nullptr, "", Uz(s1)}, &status);
    EXPECT_EQ(status, 400);
}

}  // namespace
}  // namespace by::sandbox::test
