#include <set>

#include "api_fixture.hpp"

namespace by::api {
namespace {

TEST_F(ApiTest, RegisterLoginMeLogout) {
    auto s = RegisterPartner("Acme MChJ", "Owner@Acme.uz");
    EXPECT_FALSE(s.partner_id.empty());
    auto me = Call("GET", "/api/auth/me", "", &s);
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(J(me)["user"]["email"], "owner@acme.uz");
    EXPECT_EQ(J(me)["user"]["role"], "partner");
    EXPECT_EQ(J(me)["partner"]["tier"], "starter");
    EXPECT_EQ(J(me)["csrf_token"], s.csrf);
    EXPECT_EQ(Call("POST", "/api/auth/logout", "", &s).status, 200);
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).status, 401);
}

TEST_F(ApiTest, SessionCookieFlagsAndRotation) {
    RegisterPartner("A", "a@a.uz");
    auto r = Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"correct-horse-1"})");
    std::string cookie = r.GetHeader("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(cookie.rfind("by_session=", 0), 0u);
    auto s1 = Login("a@a.uz", "correct-horse-1");
    auto s2 = Login("a@a.uz", "correct-horse-1");
    EXPECT_NE(s1.cookie, s2.cookie);  // every login gets a fresh id
    // The id is stored hashed: the raw value appears nowhere in the database.
    auto raw = s1.cookie.substr(s1.cookie.find('=') + 1);
    auto rows = t_.db->Query("SELECT id_hash FROM sessions");
    for (auto& row : rows->rows) EXPECT_NE(row.Str(0), raw);
}

TEST_F(ApiTest, DuplicateEmailAndBadInputNameTheField) {
    RegisterPartner("A", "a@a.uz");
    auto dup = Call("POST", "/api/auth/register", R"({"company":"B","email":"A@a.uz","password":"correct-horse-1"})");
    EXPECT_EQ(dup.status, 409);
    EXPECT_EQ(J(dup)["error"]["field"], "email");
    auto weak = Call("POST", "/api/auth/register", R"({"company":"B","email":"b@a.uz","password":"short"})");
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(J(weak)["error"]["field"], "password");
    auto huge = Call("POST", "/api/auth/register",
                     nlohmann::json{{"company", "B"}, {"email", "b@a.uz"}, {"password", std::string(2000, 'x')}}.dump());
    EXPECT_EQ(huge.status, 400);  // refused before hashing (DoS guard)
    auto bad_email = Call("POST", "/api/auth/register", R"({"company":"B","email":"nope","password":"correct-horse-1"})");
    EXPECT_EQ(J(bad_email)["error"]["field"], "email");
}

TEST_F(ApiTest, ErrorsHaveTheContractShape) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto malformed = Call("POST", "/api/products", "{\"sku\": ", &s);
    EXPECT_EQ(malformed.status, 400);
    EXPECT_EQ(J(malformed)["error"]["code"], "invalid_input");
    EXPECT_TRUE(J(malformed)["error"]["message"].is_string());
    auto wrong_type = Call("POST", "/api/products", R"({"sku": 5})", &s);
    EXPECT_EQ(wrong_type.status, 400);
    EXPECT_EQ(J(wrong_type)["error"]["field"], "sku");
    auto missing = Call("POST", "/api/products", R"({"sku": "A1"})", &s);
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(J(missing)["error"]["field"], "name");
    auto money = Call("POST", "/api/products",
                      R"({"sku":"A","name":"N","category":"c","brand":"b","cost":{"amount":1.5,"currency":"UZS"}})", &s);
    EXPECT_EQ(J(money)["error"]["field"], "cost.amount");
    auto deep = std::string(100, '[') + std::string(100, ']');
    EXPECT_EQ(Call("POST", "/api/products", "{\"a\":" + deep + "}", &s).status, 400);
    auto big = Call("POST", "/api/products", "{\"sku\":\"" + std::string(2 * 1024 * 1024, 'a') + "\"}", &s);
    EXPECT_EQ(big.status, 413);
    auto unknown = Call("GET", "/api/nothing-here");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(J(unknown)["error"]["code"], "not_found");
    auto method = Call("DELETE", "/api/products", "", &s);
    EXPECT_EQ(method.status, 405);
    EXPECT_EQ(J(method)["error"]["code"], "method_not_allowed");
}

TEST_F(ApiTest, SecurityHeadersOnEveryResponseClass) {
    auto s = RegisterPartner("A", "a@a.uz");
    for (auto* r : {new HttpResponse(Call("GET", "/api/auth/me", "", &s)), new HttpResponse(Call("GET", "/healthz")),
                    new HttpResponse(Call("GET", "/api/none")), new HttpResponse(Call("GET", "/dashboard/x"))}) {
        std::unique_ptr<HttpResponse> resp(r);
        EXPECT_NE(resp->GetHeader("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
        EXPECT_EQ(resp->GetHeader("Content-Security-Policy").find("unsafe-inline"), std::string::npos);
        EXPECT_EQ(resp->GetHeader("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(resp->GetHeader("X-Frame-Options"), "DENY");
        EXPECT_FALSE(resp->GetHeader("Referrer-Policy").empty());
        EXPECT_FALSE(resp->GetHeader("Permissions-Policy").empty());
        EXPECT_TRUE(resp->GetHeader("Access-Control-Allow-Origin").empty());  // CORS closed by default
        EXPECT_TRUE(resp->GetHeader("Strict-Transport-Security").empty());    // HSTS only under TLS
        EXPECT_FALSE(resp->GetHeader("X-Request-Id").empty());
    }
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).GetHeader("Cache-Control"), "no-store");
    auto cors = Call("GET", "/api/auth/me", "", &s, {{"Origin", "https://evil.example"}});
    EXPECT_TRUE(cors.GetHeader("Access-Control-Allow-Origin").empty());
}

TEST_F(ApiTest, CsrfRequiredOnEveryStateChangeWithCookie) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto pid = CreateProduct(s);
    struct Case { const char* method; std::string path; std::string body; };
    std::vector<Case> cases = {
        {"POST", "/api/products", R"({"sku":"Z"})"},
        {"PATCH", "/api/products/" + pid, R"({"stock":1})"},
        {"POST", "/api/products/" + pid + "/photos", TinyPng()},
        {"POST", "/api/requests", R"({"product_id":")" + pid + R"(","marketplaces":["uzum"]})"},
        {"POST", "/api/tokens", R"({"name":"ci"})"},
        {"POST", "/api/auth/logout", ""},
    };
    for (const auto& c : cases) {
        auto none = Call(c.method, c.path, c.body, &s, {{"X-CSRF-Token", ""}});
        EXPECT_EQ(none.status, 403) << c.method << " " << c.path;
        auto wrong = Call(c.method, c.path, c.body, &s, {{"X-CSRF-Token", std::string(64, 'a')}});
        EXPECT_EQ(wrong.status, 403) << c.method << " " << c.path;
        auto cross = Call(c.method, c.path, c.body, &s, {{"Sec-Fetch-Site", "cross-site"}});
        EXPECT_EQ(cross.status, 403) << c.method << " " << c.path;
    }
    EXPECT_EQ(Call("PATCH", "/api/products/" + pid, R"({"stock":3})", &s).status, 200);
}

TEST_F(ApiTest, BearerTokensWorkWithoutCsrfAndCanBeRevoked) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto created = Call("POST", "/api/tokens", R"({"name":"erp"})", &s);
    ASSERT_EQ(created.status, 201);
    std::string token = J(created)["token"];
    std::string id = J(created)["id"];
    auto list = Call("GET", "/api/products", "", nullptr, {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(list.status, 200);
    auto post = Call("POST", "/api/products", R"({"sku":"Q","name":"N","category":"headphones","brand":"B",
        "cost":{"amount":1,"currency":"UZS"},"price":{"amount":2,"currency":"UZS"},"stock":1})",
                     nullptr, {{"Authorization", "Bearer " + token}});
    EXPECT_EQ(post.status, 201) << post.body;
    EXPECT_EQ(Call("DELETE", "/api/tokens/" + id, "", &s).status, 200);
    EXPECT_EQ(Call("GET", "/api/products", "", nullptr, {{"Authorization", "Bearer " + token}}).status, 401);
    // The token is stored only as a hash.
    auto rows = t_.db->Query("SELECT token_hash FROM api_tokens");
    EXPECT_NE(rows->rows[0].Str(0), token);
}

TEST_F(ApiTest, LoginThrottlingPerAccount) {
    RegisterPartner("A", "a@a.uz");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"wrong-password"})").status, 401);
    }
    auto sixth = Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"wrong-password"})");
    EXPECT_EQ(sixth.status, 429);
    EXPECT_FALSE(sixth.GetHeader("Retry-After").empty());
    // Even the right password waits until the delay is over.
    EXPECT_EQ(Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"correct-horse-1"})").status, 429);
    clock_.Advance(16 * 60 * 1000);
    EXPECT_EQ(Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"correct-horse-1"})").status, 200);
}

TEST_F(ApiTest, LoginThrottlingPerIp) {
    for (int i = 0; i < 20; ++i) {
        auto r = Call("POST", "/api/auth/login",
                      nlohmann::json{{"email", "user" + std::to_string(i) + "@a.uz"}, {"password", "wrong-password"}}.dump());
        EXPECT_EQ(r.status, 401);
    }
    EXPECT_EQ(Call("POST", "/api/auth/login", R"({"email":"fresh@a.uz","password":"wrong-password"})").status, 429);
}

TEST_F(ApiTest, UnknownUserAndWrongPasswordLookTheSame) {
    RegisterPartner("A", "a@a.uz");
    auto wrong = Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"wrong-password"})");
    auto unknown = Call("POST", "/api/auth/login", R"({"email":"nobody@a.uz","password":"wrong-password"})");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.body, unknown.body);
}

TEST_F(ApiTest, IdleSessionsExpireServerSide) {
    auto s = RegisterPartner("A", "a@a.uz");
    clock_.Advance(29 * 60 * 1000);
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).status, 200);  // activity refreshes the idle timer
    clock_.Advance(29 * 60 * 1000);
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).status, 200);
    clock_.Advance(31 * 60 * 1000);
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).status, 401);
}

TEST_F(ApiTest, AbsoluteSessionLifetime) {
    auto s = RegisterPartner("A", "a@a.uz");
    for (int i = 0; i < 26; ++i) {  // active every 28 minutes, past 12 hours in total
        clock_.Advance(28 * 60 * 1000);
        Call("GET", "/api/auth/me", "", &s);
    }
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).status, 401);
}

TEST_F(ApiTest, ProductsCrudAndPatch) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto id = CreateProduct(s);
    auto dup = Call("POST", "/api/products", R"({"sku":"SKU-1","name":"N","category":"headphones","brand":"B",
        "cost":{"amount":1,"currency":"UZS"},"price":{"amount":2,"currency":"UZS"},"stock":1})", &s);
    EXPECT_EQ(dup.status, 409);
    EXPECT_EQ(J(dup)["error"]["field"], "sku");
    auto got = Call("GET", "/api/products/" + id, "", &s);
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(J(got)["price"]["amount"], 25000000);
    EXPECT_EQ(J(got)["attributes"]["battery_h"], 30);
    auto patched = Call("PATCH", "/api/products/" + id,
                        R"({"price":{"amount":26000000,"currency":"UZS"},"stock":3,"attributes":{"color":"oq"}})", &s);
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(J(patched)["price"]["amount"], 26000000);
    EXPECT_EQ(J(patched)["stock"], 3);
    EXPECT_EQ(J(patched)["attributes"]["color"], "oq");
    EXPECT_EQ(Call("PATCH", "/api/products/" + id, R"({"sku":"X"})", &s).status, 422);
    EXPECT_EQ(Call("PATCH", "/api/products/" + id, R"({"stock":-1})", &s).status, 422);
    auto list = Call("GET", "/api/products?limit=1", "", &s);
    EXPECT_EQ(J(list)["items"].size(), 1u);
    EXPECT_TRUE(J(list)["next_cursor"].is_null());
}

TEST_F(ApiTest, PhotosCheckedByContent) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto id = CreateProduct(s);
    auto ok = Call("POST", "/api/products/" + id + "/photos", TinyPng(), &s, {{"Content-Type", "image/png"}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    std::string asset = J(ok)["asset_id"];
    auto fetched = Call("GET", "/api/assets/" + asset, "", &s);
    EXPECT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.content_type, "image/png");
    EXPECT_EQ(fetched.body, TinyPng());
    auto text = Call("POST", "/api/products/" + id + "/photos", "<?php echo 1; ?>", &s, {{"Content-Type", "image/jpeg"}});
    EXPECT_EQ(text.status, 415);
    auto big = Call("POST", "/api/products/" + id + "/photos", "\xFF\xD8\xFF" + std::string(21 * 1024 * 1024, 'x'), &s,
                    {{"Content-Type", "image/jpeg"}});
    EXPECT_EQ(big.status, 413);
    for (int i = 1; i < 15; ++i) {
        ASSERT_EQ(Call("POST", "/api/products/" + id + "/photos", TinyPng(), &s, {{"Content-Type", "image/png"}}).status, 201);
    }
    EXPECT_EQ(Call("POST", "/api/products/" + id + "/photos", TinyPng(), &s, {{"Content-Type", "image/png"}}).status, 409);
    EXPECT_EQ(J(Call("GET", "/api/products/" + id, "", &s))["photos"].size(), 15u);
}

TEST_F(ApiTest, RequestLifecycleApproveAndReject) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto admin = Admin();
    auto pid = CreateProduct(s);
    auto rid = Submit(s, pid);
    auto got = Call("GET", "/api/requests/" + rid, "", &s);
    EXPECT_EQ(J(got)["status"], "submitted");
    EXPECT_EQ(J(got)["priority"], "low");  // starter tier
    EXPECT_EQ(Call("POST", "/api/requests/" + rid + "/approve", "{}", &s).status, 403);
    auto queue = Call("GET", "/api/requests?status=submitted", "", &admin);
    EXPECT_EQ(J(queue)["items"].size(), 1u);
    auto approved = Call("POST", "/api/requests/" + rid + "/approve", R"({"priority":"urgent"})", &admin);
    ASSERT_EQ(approved.status, 200) << approved.body;
    EXPECT_EQ(J(approved)["status"], "approved");
    EXPECT_EQ(J(approved)["priority"], "urgent");
    EXPECT_EQ(Call("POST", "/api/requests/" + rid + "/approve", "{}", &admin).status, 409);
    auto rid2 = Submit(s, pid);
    EXPECT_EQ(Call("POST", "/api/requests/" + rid2 + "/reject", "{}", &admin).status, 422);  // reason required
    auto rejected = Call("POST", "/api/requests/" + rid2 + "/reject", R"({"reason":"rasmlar sifatsiz"})", &admin);
    ASSERT_EQ(rejected.status, 200);
    EXPECT_EQ(J(rejected)["reason"], "rasmlar sifatsiz");
    auto bad = Call("POST", "/api/requests", R"({"product_id":")" + pid + R"(","marketplaces":["amazon"]})", &s);
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(J(bad)["error"]["field"], "marketplaces");
    EXPECT_EQ(Call("POST", "/api/requests/req_missing/approve", "{}", &admin).status, 404);
}

TEST_F(ApiTest, ApproveRollsBackWhenQueueingFails) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto admin = Admin();
    auto rid = Submit(s, CreateProduct(s));
    ctx_->on_approved = [](const store::RequestRow&, store::SqlConn&) -> core::Status {
        return core::Error::Unavailable("queue down");
    };
    EXPECT_EQ(Call("POST", "/api/requests/" + rid + "/approve", "{}", &admin).status, 503);
    EXPECT_EQ(J(Call("GET", "/api/requests/" + rid, "", &s))["status"], "submitted");
    auto audit = store_.ListAudit(std::nullopt, {});
    for (auto& a : audit->items) EXPECT_NE(a.action, "request_approved");
}

TEST_F(ApiTest, AuditRowsForLoginsDecisionsAndTokens) {
    auto s = RegisterPartner("A", "a@a.uz");
    Call("POST", "/api/auth/login", R"({"email":"a@a.uz","password":"wrong-password"})");
    auto admin = Admin();
    auto rid = Submit(s, CreateProduct(s));
    Call("POST", "/api/requests/" + rid + "/approve", "{}", &admin);
    auto rid2 = Submit(s, CreateProduct(s, "SKU-2"));
    Call("POST", "/api/requests/" + rid2 + "/reject", R"({"reason":"no"})", &admin);
    Call("POST", "/api/tokens", R"({"name":"x"})", &s);
    auto audit = Call("GET", "/api/admin/audit?limit=200", "", &admin);
    ASSERT_EQ(audit.status, 200) << audit.body;
    std::multiset<std::string> actions;
    auto items = J(audit)["items"];
    for (auto& a : items) actions.insert(a["action"].get<std::string>());
    EXPECT_GE(actions.count("login"), 2u);
    EXPECT_EQ(actions.count("login_failed"), 1u);
    EXPECT_EQ(actions.count("request_approved"), 1u);
    EXPECT_EQ(actions.count("request_rejected"), 1u);
    EXPECT_EQ(actions.count("token_created"), 1u);
}

TEST_F(ApiTest, AdminPartnersTierAndSuspension) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto admin = Admin();
    auto list = Call("GET", "/api/admin/partners", "", &admin);
    ASSERT_EQ(J(list)["items"].size(), 1u);
    auto patched = Call("PATCH", "/api/admin/partners/" + s.partner_id, R"({"tier":"enterprise"})", &admin);
    EXPECT_EQ(J(patched)["tier"], "enterprise");
    EXPECT_EQ(J(Call("GET", "/api/requests/" + Submit(s, CreateProduct(s)), "", &s))["priority"], "urgent");
    EXPECT_EQ(Call("PATCH", "/api/admin/partners/" + s.partner_id, R"({"tier":"gold"})", &admin).status, 422);
    EXPECT_EQ(Call("PATCH", "/api/admin/partners/" + s.partner_id, R"({"status":"suspended"})", &admin).status, 200);
    EXPECT_EQ(Call("GET", "/api/auth/me", "", &s).status, 403);
}

TEST_F(ApiTest, SqlInjectionStringsStoredVerbatim) {
    const std::string evil = "Robert'); DROP TABLE products;-- \" OR 1=1";
    auto r = Call("POST", "/api/auth/register",
                  nlohmann::json{{"company", evil}, {"email", "x@a.uz"}, {"password", "correct-horse-1"}}.dump());
    ASSERT_EQ(r.status, 201);
    auto s = Login("x@a.uz", "correct-horse-1");
    nlohmann::json body = {{"sku", evil.substr(0, 50)}, {"name", evil}, {"category", evil}, {"brand", evil.substr(0, 100)},
                           {"description", evil}, {"barcode", evil.substr(0, 64)}, {"attributes", {{evil, evil}}},
                           {"cost", {{"amount", 1}, {"currency", "UZS"}}}, {"price", {{"amount", 2}, {"currency", "UZS"}}},
                           {"stock", 1}};
    auto created = Call("POST", "/api/products", body.dump(), &s);
    ASSERT_EQ(created.status, 201) << created.body;
    auto got = J(Call("GET", "/api/products/" + J(created)["id"].get<std::string>(), "", &s));
    EXPECT_EQ(got["name"], evil);
    EXPECT_EQ(got["description"], evil);
    EXPECT_EQ(got["category"], evil);
    EXPECT_EQ(got["attributes"][evil], evil);
    EXPECT_EQ(J(Call("GET", "/api/auth/me", "", &s))["partner"]["company"], evil);
    auto count = t_.db->Query("SELECT COUNT(*) FROM products");
    EXPECT_EQ(count->rows[0].Int(0), 1);
    auto reason = Call("POST", "/api/requests/" + Submit(s, J(created)["id"]) + "/reject",
                       nlohmann::json{{"reason", evil}}.dump(), nullptr);
    EXPECT_EQ(reason.status, 401);
}

}  // namespace
}  // namespace by::api
