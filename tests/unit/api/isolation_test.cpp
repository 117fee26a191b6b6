// Tenant isolation and role checks, route by route: partner B using partner A's ids gets 404,
// partners on admin routes get 403, and no route answers without a session (401).
#include "api_fixture.hpp"

namespace by::api {
namespace {

class IsolationTest : public ApiTest {
  protected:
    void SetUp() override {
        a_ = RegisterPartner("A", "a@a.uz");
        b_ = RegisterPartner("B", "b@b.uz");
        admin_ = Admin();
        product_ = CreateProduct(a_);
        auto photo = Call("POST", "/api/products/" + product_ + "/photos", TinyPng(), &a_, {{"Content-Type", "image/png"}});
        asset_ = J(photo)["asset_id"];
        request_ = Submit(a_, product_);
        auto tok = Call("POST", "/api/tokens", R"({"name":"a"})", &a_);
        token_ = J(tok)["id"];
        // A card row for A's request, as the orchestrator would create it.
        store::CardRow c;
        c.id = "crd_test_a";
        c.request_id = request_;
        c.partner_id = a_.partner_id;
        c.product_id = product_;
        c.marketplace = "uzum";
        c.status = "queued";
        ASSERT_TRUE(store_.CreateCard(c).ok());
    }

    struct Route {
        std::string method, path, body;
        std::map<std::string, std::string> headers;
    };

    std::vector<Route> PartnerRoutesOnAsRows() {
        return {
            {"GET", "/api/products/" + product_, ""},
            {"PATCH", "/api/products/" + product_, R"({"stock":1})"},
            {"POST", "/api/products/" + product_ + "/photos", TinyPng(), {{"Content-Type", "image/png"}}},
            {"GET", "/api/assets/" + asset_, ""},
            {"GET", "/api/requests/" + request_, ""},
            {"GET", "/api/cards/crd_test_a", ""},
            {"DELETE", "/api/tokens/" + token_, ""},
        };
    }

    std::vector<Route> AdminRoutes() {
        return {
            {"GET", "/api/admin/partners", ""},
            {"PATCH", "/api/admin/partners/" + a_.partner_id, R"({"tier":"enterprise"})"},
            {"GET", "/api/admin/audit", ""},
            {"POST", "/api/requests/" + request_ + "/approve", "{}"},
            {"POST", "/api/requests/" + request_ + "/reject", R"({"reason":"x"})"},
        };
    }

    Session a_, b_, admin_;
    std::string product_, asset_, request_, token_;
};

TEST_F(IsolationTest, OtherPartnersRowsAreNotFound) {
    for (const auto& r : PartnerRoutesOnAsRows()) {
        auto resp = Call(r.method, r.path, r.body, &b_, r.headers);
        EXPECT_EQ(resp.status, 404) << r.method << " " << r.path << " " << resp.body;
    }
    // B's lists do not show A's rows.
    EXPECT_TRUE(J(Call("GET", "/api/products", "", &b_))["items"].empty());
    EXPECT_TRUE(J(Call("GET", "/api/requests", "", &b_))["items"].empty());
    // Submitting a request for A's product is refused as if it did not exist.
    auto steal = Call("POST", "/api/requests", R"({"product_id":")" + product_ + R"(","marketplaces":["uzum"]})", &b_);
    EXPECT_EQ(steal.status, 422);
    // And A still sees everything, untouched.
    for (const auto& r : PartnerRoutesOnAsRows()) {
        if (r.method != "GET") continue;
        EXPECT_EQ(Call(r.method, r.path, r.body, &a_, r.headers).status, 200) << r.path;
    }
}

TEST_F(IsolationTest, PartnersGetForbiddenOnAdminRoutes) {
    for (const auto& r : AdminRoutes()) {
        auto resp = Call(r.method, r.path, r.body, &a_, r.headers);
        EXPECT_EQ(resp.status, 403) << r.method << " " << r.path;
        EXPECT_EQ(J(resp)["error"]["code"], "forbidden");
    }
    EXPECT_EQ(J(Call("GET", "/api/requests/" + request_, "", &a_))["status"], "submitted");
}

TEST_F(IsolationTest, EveryProtectedRouteNeedsASession) {
    std::vector<Route> all = PartnerRoutesOnAsRows();
    for (auto& r : AdminRoutes()) all.push_back(r);
    all.push_back({"GET", "/api/products", ""});
    all.push_back({"POST", "/api/products", "{}"});
    all.push_back({"GET", "/api/requests", ""});
    all.push_back({"POST", "/api/requests", "{}"});
    all.push_back({"GET", "/api/auth/me", ""});
    all.push_back({"POST", "/api/auth/logout", ""});
    all.push_back({"POST", "/api/tokens", R"({"name":"x"})"});
    for (const auto& r : all) {
        auto resp = Call(r.method, r.path, r.body, nullptr, r.headers);
        EXPECT_EQ(resp.status, 401) << r.method << " " << r.path;
        auto forged = Call(r.method, r.path, r.body, nullptr, [&] {
            auto h = r.headers;
            h["Cookie"] = "by_session=forged-session-id";
            return h;
        }());
        EXPECT_EQ(forged.status, 401) << r.method << " " << r.path;
    }
}

TEST_F(IsolationTest, AdminSeesEveryPartnersRows) {
    EXPECT_EQ(Call("GET", "/api/requests/" + request_, "", &admin_).status, 200);
    EXPECT_EQ(Call("GET", "/api/cards/crd_test_a", "", &admin_).status, 200);
    EXPECT_EQ(Call("GET", "/api/assets/" + asset_, "", &admin_).status, 200);
    EXPECT_EQ(J(Call("GET", "/api/requests", "", &admin_))["items"].size(), 1u);
}

}  // namespace
}  // namespace by::api
