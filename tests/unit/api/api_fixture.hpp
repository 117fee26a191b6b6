// An in-process API: the real router, middleware, auth and store over a test database, called
// without a socket. Runs on SQLite, and on PostgreSQL under BY_TEST_BACKEND=pg.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "api/context.hpp"
#include "api/router.hpp"
#include "api/routes/routes.hpp"
#include "auth/auth_service.hpp"
#include "core/encoding.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::api {

struct Session {
    std::string cookie;  // "by_session=..."
    std::string csrf;
    std::string user_id;
    std::string partner_id;
};

class ApiTest : public ::testing::Test {
  protected:
    ApiTest() : t_(testing::OpenTestDb()), store_(*t_.db, clock_) {
        auth::AuthOptions ao;
        ao.password.ops_limit = 1;
        ao.password.mem_limit = 8 * 1024 * 1024;  // fast hashing in tests; the policy test checks defaults
        auth_ = std::make_unique<auth::AuthService>(store_, clock_, ao);
        ctx_ = std::unique_ptr<ApiContext>(new ApiContext{store_, *auth_, clock_});
        auto assets = t_.dir->path() / "assets";
        ctx_->put_blob = [this](const std::string& b, const std::string&) -> core::Result<std::string> {
            std::string sha = core::Sha256Hex(b);
            blobs_[sha] = b;
            return sha;
        };
        ctx_->get_blob = [this](const std::string& sha) -> core::Result<std::string> {
            auto it = blobs_.find(sha);
            if (it == blobs_.end()) return core::Error::NotFound("asset not found");
            return it->second;
        };
        root_ = BuildApi(router_, *ctx_, false);
    }

    HttpResponse Call(const std::string& method, const std::string& path, const std::string& body = "",
                      const Session* s = nullptr, std::map<std::string, std::string> headers = {}) {
        HttpRequest req;
        req.method = method;
        size_t q = path.find('?');
        req.path = path.substr(0, q);
        if (q != std::string::npos) {
            std::string qs = path.substr(q + 1);
            std::stringstream ss(qs);
            std::string kv;
            while (std::getline(ss, kv, '&')) {
                size_t eq = kv.find('=');
                req.query.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
            }
        }
        req.body = body;
        req.remote_addr = "10.0.0.1";
        if (!body.empty() && !headers.count("Content-Type")) req.headers["Content-Type"] = "application/json";
        if (s) {
            req.headers["Cookie"] = s->cookie;
            if (method != "GET" && !headers.count("X-CSRF-Token")) req.headers["X-CSRF-Token"] = s->csrf;
        }
        for (auto& [k, v] : headers) req.headers[k] = v;
        return root_(req);
    }

    static nlohmann::json J(const HttpResponse& r) { return nlohmann::json::parse(r.body, nullptr, false); }

    Session Login(const std::string& email, const std::string& password) {
        auto r = Call("POST", "/api/auth/login", nlohmann::json{{"email", email}, {"password", password}}.dump());
        EXPECT_EQ(r.status, 200) << r.body;
        Session s;
        std::string set_cookie = r.GetHeader("Set-Cookie");
        s.cookie = set_cookie.substr(0, set_cookie.find(';'));
        auto j = J(r);
        s.csrf = j.value("csrf_token", "");
        s.user_id = j["user"].value("id", "");
        s.partner_id = j["user"]["partner_id"].is_string() ? j["user"]["partner_id"].get<std::string>() : "";
        return s;
    }

    Session RegisterPartner(const std::string& company, const std::string& email) {
        auto r = Call("POST", "/api/auth/register",
                      nlohmann::json{{"company", company}, {"email", email}, {"password", "correct-horse-1"}}.dump());
        EXPECT_EQ(r.status, 201) << r.body;
        return Login(email, "correct-horse-1");
    }

    Session Admin() {
        if (!auth_->CreateUser(core::Role::kAdmin, "root@by.uz", "admin-password-1", "").ok()) {
            // already created in this test
        }
        return Login("root@by.uz", "admin-password-1");
    }

    std::string CreateProduct(const Session& s, const std::string& sku = "SKU-1") {
        nlohmann::json body = {{"sku", sku},
                               {"name", "Simsiz quloqchin Acme X1"},
                               {"category", "headphones"},
                               {"brand", "Acme"},
                               {"attributes", {{"color", "qora"}, {"battery_h", 30}}},
                               {"cost", {{"amount", 10000000}, {"currency", "UZS"}}},
                               {"price", {{"amount", 25000000}, {"currency", "UZS"}}},
                               {"stock", 12}};
        auto r = Call("POST", "/api/products", body.dump(), &s);
        EXPECT_EQ(r.status, 201) << r.body;
        return J(r).value("id", "");
    }

    std::string Submit(const Session& s, const std::string& product_id) {
        auto r = Call("POST", "/api/requests",
                      nlohmann::json{{"product_id", product_id}, {"marketplaces", {"uzum", "ozon"}}}.dump(), &s);
        EXPECT_EQ(r.status, 201) << r.body;
        return J(r).value("id", "");
    }

    testing::TestDb t_;
    testing::FakeClock clock_;
    store::Store store_;
    std::unique_ptr<auth::AuthService> auth_;
    std::unique_ptr<ApiContext> ctx_;
    std::map<std::string, std::string> blobs_;
    Router router_;
    Handler root_;
};

// A tiny valid 1x1 PNG.
inline std::string TinyPng() {
    static const unsigned char k[] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49,
                                      0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
                                      0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44,
                                      0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00,
                                      0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
                                      0x44, 0xAE, 0x42, 0x60, 0x82};
    return std::string(reinterpret_cast<const char*>(k), sizeof k);
}

}  // namespace by::api
