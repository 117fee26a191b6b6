// Field rules per credential kind (API.md /api/credentials): errors name the field, never the value.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "vault/credential_fields.hpp"

namespace by::vault {
namespace {

using core::Marketplace;
using nlohmann::json;

void ExpectFieldError(Marketplace m, const std::string& kind, const json& fields, const std::string& field,
                      const char* why) {
    auto st = ValidateCredentialFields(m, kind, fields);
    ASSERT_FALSE(st.ok()) << why;
    EXPECT_EQ(st.error().code, core::ErrorCode::kUnprocessable) << why;
    EXPECT_EQ(st.error().field, field) << why;
    EXPECT_FALSE(st.error().message.empty());
    // Never echo a value.
    for (const auto& [name, value] : fields.items()) {
        if (value.is_string() && value.get<std::string>().size() >= 4) {
            EXPECT_EQ(st.error().ToString().find(value.get<std::string>()), std::string::npos) << why;
        }
    }
}

TEST(CredentialFields, ValidShapesPerKindAndMarketplace) {
    EXPECT_TRUE(ValidateCredentialFields(Marketplace::kWildberries, "api_token", json{{"token", "eyJhbGciOi.x.y"}}).ok());
    EXPECT_TRUE(
        ValidateCredentialFields(Marketplace::kUzum, "api_token", json{{"token", "uz-tok"}, {"shop_id", "4711"}}).ok());
    EXPECT_TRUE(ValidateCredentialFields(Marketplace::kUzum, "api_token", json{{"token", "uz-tok"}, {"shop_id", 4711}}).ok());
    EXPECT_TRUE(ValidateCredentialFields(Marketplace::kOzon, "client_key",
                                         json{{"client_id", "836194"}, {"api_key", "5f1c3b8a-0000-4c8e"}})
                    .ok());
    EXPECT_TRUE(ValidateCredentialFields(Marketplace::kYandex, "api_key",
                                         json{{"api_key", "ACMA:abc"}, {"business_id", "1"}, {"campaign_id", 22}})
                    .ok());
    for (Marketplace m : core::kAllMarketplaces) {
        EXPECT_TRUE(ValidateCredentialFields(m, "cabinet_login", json{{"login", "s@x.uz"}, {"password", " p w "}}).ok());
        EXPECT_TRUE(ValidateCredentialFields(m, "cabinet_login",
                                             json{{"login", "s@x.uz"}, {"password", "pw"},
                                                  {"totp_secret", "jbsw y3dp ehpk 3pxp"}})
                        .ok());
        EXPECT_TRUE(ValidateCredentialFields(m, "cabinet_login",
                                             json{{"login", "s@x.uz"}, {"password", "pw"}, {"totp_secret", ""}})
                        .ok());
        EXPECT_TRUE(ValidateCredentialFields(m, "cabinet_login",
                                             json{{"login", "s@x.uz"}, {"password", "pw"}, {"totp_secret", nullptr}})
                        .ok());
    }
}

TEST(CredentialFields, ErrorsNameTheField) {
    ExpectFieldError(Marketplace::kWildberries, "api_token", json::object(), "fields.token", "missing");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", 12345}}, "fields.token", "wrong type");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", ""}}, "fields.token", "empty");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", std::string(4097, 'a')}}, "fields.token",
                     "too long");
    EXPECT_TRUE(
        ValidateCredentialFields(Marketplace::kWildberries, "api_token", json{{"token", std::string(4096, 'a')}}).ok());
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", "abc\ndef-secret"}}, "fields.token",
                     "control char");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", "abc\x7f" "def"}}, "fields.token", "DEL");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", "abc\xc2\x85" "def"}}, "fields.token",
                     "C1 control (NEL)");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", " leading-space"}}, "fields.token",
                     "surrounding space");
    ExpectFieldError(Marketplace::kWildberries, "api_token", json{{"token", "ok-token"}, {"shop_id", "1"}},
                     "fields.shop_id", "shop_id is uzum only");
    ExpectFieldError(Marketplace::kUzum, "api_token", json{{"token", "ok-token"}}, "fields.shop_id", "uzum shop_id");
    ExpectFieldError(Marketplace::kUzum, "api_token", json{{"token", "ok-token"}, {"shop_id", "12a4"}},
                     "fields.shop_id", "non-numeric id");
    ExpectFieldError(Marketplace::kUzum, "api_token", json{{"token", "ok-token"}, {"shop_id", -5}}, "fields.shop_id",
                     "negative id");
    ExpectFieldError(Marketplace::kUzum, "api_token", json{{"token", "ok-token"}, {"shop_id", 1.5}}, "fields.shop_id",
                     "float id");
    ExpectFieldError(Marketplace::kOzon, "client_key", json{{"api_key", "k-123456"}}, "fields.client_id",
                     "missing client_id");
    ExpectFieldError(Marketplace::kOzon, "client_key", json{{"client_id", "1"}}, "fields.api_key", "missing api_key");
    ExpectFieldError(Marketplace::kYandex, "api_key", json{{"api_key", "ACMA:x"}, {"business_id", "1"}},
                     "fields.campaign_id", "missing campaign_id");
    ExpectFieldError(Marketplace::kYandex, "api_key",
                     json{{"api_key", "ACMA:x"}, {"business_id", "1"}, {"campaign_id", std::string(21, '9')}},
                     "fields.campaign_id", "id too long");
    ExpectFieldError(Marketplace::kOzon, "cabinet_login", json{{"login", "me"}}, "fields.password", "no password");
    ExpectFieldError(Marketplace::kOzon, "cabinet_login",
                     json{{"login", "me"}, {"password", "pw"}, {"totp_secret", "not base32 at all 1890"}},
                     "fields.totp_secret", "bad base32");
    ExpectFieldError(Marketplace::kOzon, "cabinet_login",
                     json{{"login", "me"}, {"password", "pw"}, {"totp_secret", "MZXW6YTBOI"}}, "fields.totp_secret",
                     "too short a seed");
    ExpectFieldError(Marketplace::kOzon, "cabinet_login", json{{"login", "me"}, {"password", "pw"}, {"extra", "x"}},
                     "fields.extra", "unexpected field");
    ExpectFieldError(Marketplace::kOzon, "cabinet_login", json::array(), "fields", "not an object");
    ExpectFieldError(Marketplace::kWildberries, "client_key", json{{"client_id", "1"}, {"api_key", "k"}}, "kind",
                     "client_key is ozon only");
    ExpectFieldError(Marketplace::kWildberries, "token", json::object(), "kind", "unknown kind");
}

TEST(CredentialFields, NormalisesIdsAndTotpSecrets) {
    auto fields = NormalizeCredentialFields(Marketplace::kOzon, CredentialKind::kCabinetLogin,
                                            json{{"login", "me"}, {"password", "pw"}, {"totp_secret", "jbsw y3dp ehpk 3pxp"}});
    ASSERT_TRUE(fields.ok());
    EXPECT_EQ(fields->at("totp_secret").view(), "JBSWY3DPEHPK3PXP");
    auto ids = NormalizeCredentialFields(Marketplace::kYandex, CredentialKind::kApiKey,
                                         json{{"api_key", "ACMA:x"}, {"business_id", 42}, {"campaign_id", "007"}});
    ASSERT_TRUE(ids.ok());
    EXPECT_EQ(ids->at("business_id").view(), "42");
    EXPECT_EQ(ids->at("campaign_id").view(), "007");
    auto absent = NormalizeCredentialFields(Marketplace::kOzon, CredentialKind::kCabinetLogin,
                                            json{{"login", "me"}, {"password", "pw"}, {"totp_secret", ""}});
    EXPECT_EQ(absent->count("totp_secret"), 0u);
}

TEST(CredentialFields, HintShowsAtMostTheLastFourCharacters) {
    auto make = [](std::initializer_list<std::pair<const char*, const char*>> kv) {
        FieldMap m;
        for (const auto& [k, v] : kv) {
            m.emplace(k, core::SecretBuffer::FromBytes(v));
        }
        return m;
    };
    EXPECT_EQ(Hint(CredentialKind::kApiToken, make({{"token", "abcdefgh1234"}})), "****1234");
    EXPECT_EQ(Hint(CredentialKind::kApiToken, make({{"token", "short"}})), "****");  // too short to show any
    EXPECT_EQ(Hint(CredentialKind::kClientKey, make({{"client_id", "123456789"}, {"api_key", "ozon-key-WXYZ"}})),
              "****WXYZ");
    EXPECT_EQ(Hint(CredentialKind::kApiKey, make({{"api_key", "ACMA:key:9999"}, {"business_id", "1"}})), "****9999");
    EXPECT_EQ(Hint(CredentialKind::kCabinetLogin, make({{"login", "seller@shop.uz"}, {"password", "secretpassword"}})),
              "****p.uz");
    EXPECT_EQ(Hint(CredentialKind::kCabinetLogin, make({{"login", "sotuvchi\xc3\xbc"}})), "****");  // non-ASCII tail
    EXPECT_EQ(Hint(CredentialKind::kApiToken, FieldMap{}), "****");
    for (const std::string& h : {Hint(CredentialKind::kApiToken, make({{"token", std::string(5000, 'x').c_str()}}))}) {
        EXPECT_LE(h.size(), 8u);
    }
}

}  // namespace
}  // namespace by::vault
