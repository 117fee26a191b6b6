// The Uzum seller cabinet imitation: login, TOTP, the product form (multipart), validation, dedupe by
// article, the captcha fault, CSRF; products then show in the Uzum API.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace by::sandbox::test {
namespace {

class CabinetTest : public SandboxTest {
  protected:
    std::vector<FilePart> Photos() {
        return {{"photos", "front.jpg", "image/jpeg", MakeJpeg(1080, 1440)},
                {"photos", "back.png", "image/png", MakePng(1080, 1440)},
                {"video", "clip.mp4", "video/mp4", MakeMp4()}};
    }
    json ShopProducts(const SellerAccount& s) {
        return DoJson("uzum", {"GET", "/v1/product/shop/" + std::to_string(s.uzum_shop_id) + "?size=50&page=0", nullptr, "", Uz(s)});
    }
};

TEST_F(CabinetTest, LoginPageHasStableIds) {
    api::HttpResponse r = Do("cabinet", {"GET", "/login"});
    EXPECT_EQ(r.status, 200);
    for (const char* id : {"id=\"login\"", "id=\"password\"", "id=\"submit\"", "name=\"login\"", "name=\"password\""}) {
        EXPECT_NE(r.body.find(id), std::string::npos) << id;
    }
    EXPECT_EQ(Do("cabinet", {"GET", "/products/new"}).GetHeader("Location"), "/login");
}

TEST_F(CabinetTest, WrongPasswordIsRefused) {
    Call c{"POST", "/login"};
    c.raw_body = "login=" + s1.cabinet_login + "&password=nope";
    api::HttpResponse r = Do("cabinet", c);
    EXPECT_EQ(r.status, 401);
    EXPECT_NE(r.body.find("id=\"error\""), std::string::npos);
    EXPECT_TRUE(r.GetHeader("Set-Cookie").empty());
}

TEST_F(CabinetTest, PasswordOnlySellerReachesTheForm) {
    std::string cookie = CabinetLogin(s1);
    api::HttpResponse form = Do("cabinet", {"GET", "/products/new", nullptr, "", {{"Cookie", cookie}}});
    EXPECT_EQ(form.status, 200);
    for (const char* id : {"id=\"category\"", "id=\"title_uz\"", "id=\"title_ru\"", "id=\"description_uz\"",
                           "id=\"description_ru\"", "id=\"characteristics\"", "id=\"sku\"", "id=\"barcode\"", "id=\"price\"",
                           "id=\"photos\"", "id=\"video\"", "id=\"submit\"", "enctype=\"multipart/form-data\""}) {
        EXPECT_NE(form.body.find(id), std::string::npos) << id;
    }
}

// The category select shows each category's Russian name alone, so the automation can pick it by name.
TEST_F(CabinetTest, CategorySelectOffersEveryCategoryByName) {
    std::string cookie = CabinetLogin(s1);
    std::string form = Do("cabinet", {"GET", "/products/new", nullptr, "", {{"Cookie", cookie}}}).body;
    EXPECT_NE(form.find("<option value=\"12690\" data-title-uz=\"Smartfonlar\">Смартфоны</option>"), std::string::npos);
    for (const char* name : {"Наушники", "Щетки стеклоочистителя", "Корма для собак", "Электрочайники"}) {
        EXPECT_NE(form.find(std::string("\">") + name + "</option>"), std::string::npos) << name;
    }
}

TEST_F(CabinetTest, TotpSellerNeedsTheRightCode) {
    Call c{"POST", "/login"};
    c.raw_body = "login=" + s2.cabinet_login + "&password=" + s2.cabinet_password;
    api::HttpResponse r = Do("cabinet", c);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.GetHeader("Location"), "/login/totp");
    std::string cookie = r.GetHeader("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    // The pending session cannot open the form.
    EXPECT_EQ(Do("cabinet", {"GET", "/products/new", nullptr, "", {{"Cookie", cookie}}}).GetHeader("Location"), "/login");
    api::HttpResponse page = Do("cabinet", {"GET", "/login/totp", nullptr, "", {{"Cookie", cookie}}});
    EXPECT_NE(page.body.find("id=\"totp\""), std::string::npos);
    Call wrong{"POST", "/login/totp"};
    wrong.raw_body = "code=000000";
    wrong.headers = {{"Cookie", cookie}};
    EXPECT_EQ(Do("cabinet", wrong).status, 401);
    std::string good = CabinetLogin(s2);  // answers with the current code
    EXPECT_EQ(Do("cabinet", {"GET", "/products/new", nullptr, "", {{"Cookie", good}}}).status, 200);
}

TEST_F(CabinetTest, SubmittedProductAppearsInTheApiWithItsSku) {
    std::string cookie = CabinetLogin(s1);
    api::HttpResponse r = CabinetSubmit(cookie, ProductFields("UZ-PHONE-1"), Photos());
    ASSERT_EQ(r.status, 303) << r.body;
    std::string location = r.GetHeader("Location");
    ASSERT_EQ(location.rfind("/products/", 0), 0u);
    api::HttpResponse result = Do("cabinet", {"GET", location, nullptr, "", {{"Cookie", cookie}}});
    EXPECT_EQ(result.status, 200);
    EXPECT_NE(result.body.find("id=\"product-id\""), std::string::npos);
    EXPECT_NE(result.body.find("<span id=\"status\">ON_MODERATION</span>"), std::string::npos);
    EXPECT_NE(result.body.find("<span id=\"photo-count\">2</span>"), std::string::npos);

    json list = ShopProducts(s1);
    ASSERT_EQ(list["productList"].size(), 1u);
    json p = list["productList"][0];
    EXPECT_EQ(p["moderationStatus"]["value"], "ON_MODERATION");
    EXPECT_EQ(p["skuList"][0]["article"], "UZ-PHONE-1");
    EXPECT_EQ(p["skuList"][0]["price"], 2499000);
    int64_t sku = p["skuList"][0]["skuId"];
    EXPECT_GT(sku, 0);
    clock.Advance(delay_ms);
    EXPECT_EQ(ShopProducts(s1)["productList"][0]["moderationStatus"]["value"], "MODERATED");
    EXPECT_TRUE(ShopProducts(s2)["productList"].empty());
}

TEST_F(CabinetTest, FormRulesAreChecked) {
    std::string cookie = CabinetLogin(s1);
    auto fields = ProductFields("BAD-1");
    fields["title_uz"] = "";
    fields["price"] = "0";
    api::HttpResponse r = CabinetSubmit(cookie, fields, {{"photos", "doc.pdf", "image/jpeg", "%PDF-1.4 not an image"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("id=\"errors\""), std::string::npos);
    EXPECT_NE(r.body.find("Название (узб.)"), std::string::npos);
    EXPECT_NE(r.body.find("Цена продажи"), std::string::npos);
    EXPECT_NE(r.body.find("doc.pdf"), std::string::npos);
    EXPECT_NE(r.body.find("хотя бы одно фото"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"Смартфон Demo 128 ГБ\""), std::string::npos);  // the form keeps the input
    EXPECT_TRUE(ShopProducts(s1)["productList"].empty());
    fields = ProductFields("BAD-2");
    fields["csrf"] = "forged";
    EXPECT_EQ(CabinetSubmit(cookie, fields, Photos()).status, 403);
}

TEST_F(CabinetTest, SameArticleUpdatesTheProduct) {
    std::string cookie = CabinetLogin(s1);
    api::HttpResponse a = CabinetSubmit(cookie, ProductFields("SAME-1"), Photos());
    auto fields = ProductFields("SAME-1");
    fields["title_ru"] = "Смартфон Demo 256 ГБ";
    api::HttpResponse b = CabinetSubmit(cookie, fields, Photos());
    ASSERT_EQ(a.status, 303);
    ASSERT_EQ(b.status, 303);
    EXPECT_EQ(a.GetHeader("Location").substr(0, a.GetHeader("Location").find('?')),
              b.GetHeader("Location").substr(0, b.GetHeader("Location").find('?')));
    json list = ShopProducts(s1);
    ASSERT_EQ(list["productList"].size(), 1u);
    EXPECT_EQ(list["productList"][0]["title"], "Смартфон Demo 256 ГБ");
    json state = DoJson("uzum", {"GET", "/__sandbox/state"});
    EXPECT_EQ(state["counters"]["create"]["seller1/SAME-1"], 1);
    EXPECT_EQ(state["counters"]["update"]["seller1/SAME-1"], 1);
}

TEST_F(CabinetTest, CaptchaFaultReplacesTheForms) {
    std::string cookie = CabinetLogin(s1);
    json f = DoJson("cabinet", {"POST", "/__sandbox/faults", {{"captcha", true}}});
    EXPECT_EQ(f["faults"]["captcha"], true);
    api::HttpResponse login = Do("cabinet", {"GET", "/login"});
    EXPECT_NE(login.body.find("id=\"captcha\""), std::string::npos);
    EXPECT_EQ(login.body.find("id=\"password\""), std::string::npos);
    api::HttpResponse form = Do("cabinet", {"GET", "/products/new", nullptr, "", {{"Cookie", cookie}}});
    EXPECT_NE(form.body.find("id=\"captcha\""), std::string::npos);
    api::HttpResponse submit = CabinetSubmit(cookie, ProductFields("CAP-1"), Photos());
    EXPECT_NE(submit.body.find("id=\"captcha\""), std::string::npos);
    EXPECT_TRUE(ShopProducts(s1)["productList"].empty());
    DoJson("cabinet", {"POST", "/__sandbox/faults", {{"captcha", false}}});
    EXPECT_EQ(Do("cabinet", {"GET", "/login"}).body.find("id=\"captcha\""), std::string::npos);
}

}  // namespace
}  // namespace by::sandbox::test
