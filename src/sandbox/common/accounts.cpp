#include "sandbox/common/accounts.hpp"

#include <cstdio>

#include "core/encoding.hpp"

namespace by::sandbox {

Accounts Accounts::Seeded(int count) {
    Accounts a;
    SellerAccount s1;
    s1.name = "seller1";
    s1.title = "Sandbox Seller One";
    s1.uzum_token = "sbx-uzum-4f1c2a7e9b3d4e1f8a6c0b5d7e2f9a13";
    s1.uzum_shop_id = 30001;
    s1.uzum_shop_name = "Seller One Shop";
    s1.cabinet_login = "seller1@sandbox.uz";
    s1.cabinet_password = "Sandbox-Pass-1";
    s1.wb_token = "sbx-wb-9a7c5e3b1d2f4a6c8e0b2d4f6a8c0e1f";
    s1.wb_warehouse_id = 507001;
    s1.ozon_client_id = "1500001";
    s1.ozon_api_key = "0f6b2c1e-5a3d-4c7e-9b81-2d4f6a8c0e11";
    s1.ozon_warehouse_id = 22100000001;
    s1.yandex_api_key = "ACMA:sbxSeller1Key7Fq2Lw9Zp4Rt6Ym:c0ffee01";
    s1.yandex_business_id = 710001;
    s1.yandex_campaign_id = 820001;
    a.sellers_.push_back(s1);

    SellerAccount s2;
    s2.name = "seller2";
    s2.title = "Sandbox Seller Two";
    s2.uzum_token = "sbx-uzum-8d2e4f6a1b3c5d7e9f0a2b4c6d8e0f24";
    s2.uzum_shop_id = 30002;
    s2.uzum_shop_name = "Seller Two Shop";
    s2.cabinet_login = "seller2@sandbox.uz";
    s2.cabinet_password = "Sandbox-Pass-2";
    s2.cabinet_totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    s2.wb_token = "sbx-wb-2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e2b";
    s2.wb_warehouse_id = 507002;
    s2.ozon_client_id = "1500002";
    s2.ozon_api_key = "7c9e1a3b-5d7f-4a2c-8e6b-0d2f4a6c8e22";
    s2.ozon_warehouse_id = 22100000002;
    s2.yandex_api_key = "ACMA:sbxSeller2Key3Hn8Vc5Xb1Kd0Gs:c0ffee02";
    s2.yandex_business_id = 710002;
    s2.yandex_campaign_id = 820002;
    a.sellers_.push_back(s2);
    for (int i = 3; i <= count; ++i) {
        char n[16];
        std::snprintf(n, sizeof n, "%04d", i);
        SellerAccount s;
        s.name = "seller" + std::to_string(i);
        s.title = "Sandbox Seller " + std::to_string(i);
        s.uzum_token = std::string("sbx-uzum-seller") + n + "-5e1d0c3b7a9f";
        s.uzum_shop_id = 30000 + i;
        s.uzum_shop_name = "Seller " + std::to_string(i) + " Shop";
        s.cabinet_login = s.name + "@sandbox.uz";
        s.cabinet_password = "Sandbox-Pass-" + std::to_string(i);
        s.wb_token = std::string("sbx-wb-seller") + n + "-4c2e8a6f1b3d";
        s.wb_warehouse_id = 507000 + i;
        s.ozon_client_id = std::to_string(1500000 + i);
        s.ozon_api_key = std::string("9a1b2c3d-4e5f-4a6b-8c7d-00000000") + n;
        s.ozon_warehouse_id = 22100000000 + i;
        s.yandex_api_key = std::string("ACMA:sbxSeller") + n + "Key:c0ffee" + n;
        s.yandex_business_id = 710000 + i;
        s.yandex_campaign_id = 820000 + i;
        a.sellers_.push_back(s);
    }
    return a;
}

namespace {

template <typename F>
const SellerAccount* Find(const std::vector<SellerAccount>& sellers, F pred) {
    for (const auto& s : sellers) {
        if (pred(s)) {
            return &s;
        }
    }
    return nullptr;
}

// Credentials are compared in constant time, as a real gateway would.
bool SecretEq(std::string_view a, std::string_view b) { return core::ConstantTimeEquals(a, b); }

}  // namespace

const SellerAccount* Accounts::ByName(std::string_view name) const {
    return Find(sellers_, [&](const SellerAccount& s) { return s.name == name; });
}
const SellerAccount* Accounts::ByUzumToken(std::string_view token) const {
    return Find(sellers_, [&](const SellerAccount& s) { return SecretEq(s.uzum_token, token); });
}
const SellerAccount* Accounts::ByWbToken(std::string_view token) const {
    return Find(sellers_, [&](const SellerAccount& s) { return SecretEq(s.wb_token, token); });
}
const SellerAccount* Accounts::ByOzonClientId(std::string_view client_id) const {
    return Find(sellers_, [&](const SellerAccount& s) { return s.ozon_client_id == client_id; });
}
const SellerAccount* Accounts::ByYandexKey(std::string_view key) const {
    return Find(sellers_, [&](const SellerAccount& s) { return SecretEq(s.yandex_api_key, key); });
}
const SellerAccount* Accounts::ByCabinetLogin(std::string_view login) const {
    return Find(sellers_, [&](const SellerAccount& s) { return s.cabinet_login == login; });
}

nlohmann::json Accounts::ToJson() const {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : sellers_) {
        nlohmann::json totp = s.cabinet_totp_secret.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.cabinet_totp_secret);
        list.push_back({
            {"name", s.name},
            {"title", s.title},
            {"uzum",
             {{"token", s.uzum_token},
              {"shop_id", s.uzum_shop_id},
              {"shop_name", s.uzum_shop_name},
              {"cabinet", {{"login", s.cabinet_login}, {"password", s.cabinet_password}, {"totp_secret", totp}}}}},
            {"wildberries", {{"token", s.wb_token}, {"warehouse_id", s.wb_warehouse_id}}},
            {"ozon", {{"client_id", s.ozon_client_id}, {"api_key", s.ozon_api_key}, {"warehouse_id", s.ozon_warehouse_id}}},
            {"yandex",
             {{"api_key", s.yandex_api_key},
              {"business_id", s.yandex_business_id},
              {"campaign_id", s.yandex_campaign_id}}},
        });
    }
    return {{"sellers", list}};
}

}  // namespace by::sandbox
