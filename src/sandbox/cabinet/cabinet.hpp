// The Uzum seller cabinet imitation (seller.uzum.uz's card flow as plain server-rendered HTML):
// login + password, a TOTP step for accounts with 2FA, the product form (category, Uzbek and Russian
// names and descriptions, characteristics, SKU, barcode, price, photos and video uploaded as
// multipart/form-data), submit, and a result page with the product id and status. Sessions live in a
// cookie (uzum_session, HttpOnly) and in memory; the products go to the Uzum imitation's store, so
// GET /v1/product/shop/{shopId} lists them with their skuIds. The captcha fault (POST
// /__sandbox/faults {"captcha": true} on this port) shows div#captcha instead of the forms.
// Thread-safety: handlers run on many threads; the session map is guarded by a mutex.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "sandbox/common/context.hpp"
#include "sandbox/common/marketplace_api.hpp"

namespace by::sandbox::cabinet {

inline constexpr size_t kMaxPhotos = 10;                        // sandbox rule (Uzum's is unpublished)
inline constexpr size_t kMaxPhotoBytes = 10u * 1024 * 1024;     // sandbox rule
inline constexpr size_t kMaxVideoBytes = 50u * 1024 * 1024;     // sandbox rule
inline constexpr int kMaxTotpAttempts = 5;

class CabinetApp final : public MarketplaceApi {
  public:
    explicit CabinetApp(Context& ctx) : ctx_(ctx) {}
    // Products belong to the Uzum imitation, so the cabinet shares its store namespace.
    std::string name() const override { return "uzum"; }
    void Register(api::Router& router) override;
    api::HttpResponse ServerError() const override;
    api::HttpResponse OverLimit(const api::HttpRequest& req) const override;
    core::Result<nlohmann::json> CreateTestOrders(const nlohmann::json& body) override;

  private:
    struct Session {
        std::string seller;
        bool authenticated = false;  // false: password accepted, TOTP pending
        int totp_attempts = 0;
        std::string csrf;
        int64_t created_ms = 0;
    };
    // Copies the session named by the cookie; false when there is none.
    bool FindSession(const api::HttpRequest& req, Session* out, std::string* id) const;
    std::string NewSession(Session s);
    void DropSession(const std::string& id);
    bool Captcha() const;

    api::HttpResponse Root(api::HttpRequest& req);
    api::HttpResponse LoginForm(api::HttpRequest& req);
    api::HttpResponse Login(api::HttpRequest& req);
    api::HttpResponse TotpForm(api::HttpRequest& req);
    api::HttpResponse Totp(api::HttpRequest& req);
    api::HttpResponse ProductForm(api::HttpRequest& req);
    api::HttpResponse SubmitProduct(api::HttpRequest& req);
    api::HttpResponse ShowProduct(api::HttpRequest& req);
    api::HttpResponse ListProducts(api::HttpRequest& req);
    api::HttpResponse Logout(api::HttpRequest& req);
    api::HttpResponse CaptchaAnswer(api::HttpRequest& req);

    Context& ctx_;
    mutable std::mutex mu_;
    std::map<std::string, Session> sessions_;  // guarded by mu_
};

}  // namespace by::sandbox::cabinet
