// /api/credentials over the real vault (ephemeral key ring) and the SQL credential store: secrets go in
// sealed and never come back out of the API or into the database in plain text.
#include "api_fixture.hpp"
#include "store/credential_store_sql.hpp"
#include "vault/credential_vault.hpp"
#include "vault/keyring.hpp"

namespace by::api {
namespace {

class CredentialsTest : public ApiTest {
  protected:
    void SetUp() override {
        keyring_ = std::move(vault::Keyring::Ephemeral()).value();
        creds_ = std::make_unique<store::SqlCredentialStore>(*t_.db, clock_);
        sealer_ = std::make_unique<vault::CredentialSealer>(*keyring_, *creds_);
        opener_ = std::make_unique<vault::CredentialOpener>(*keyring_, *creds_, *creds_, clock_,
                                                            vault::VaultCapability::ForWorker("test-worker"));
        ctx_->credentials = creds_.get();
        ctx_->sealer = sealer_.get();
        // The Test action: decrypt through the worker-role opener (audited), as the app wires it.
        ctx_->test_credential = [this](const std::string& partner, core::Marketplace mp,
                                       std::optional<vault::CredentialKind> kind) -> core::Result<nlohmann::json> {
            BY_ASSIGN(auto opened, opener_->Open({partner, mp, "", "credential_test", kind}));
            const core::SecretBuffer* token = opened.Field("token");
            bool ok = token && token->Equals(kGoodToken);
            BY_TRY(creds_->UpdateVerification(opened.credential_id,
                                               ok ? vault::CredentialStatus::kActive : vault::CredentialStatus::kFailed,
                                               clock_.NowMs(), ok ? "" : "token refused"));
            return nlohmann::json{{"status", ok ? "active" : "failed"}};
        };
    }
    static constexpr const char* kGoodToken = "wb-secret-token-ABCDEFGH-1234";
    vault::KeyringPtr keyring_;
    std::unique_ptr<store::SqlCredentialStore> creds_;
    std::unique_ptr<vault::CredentialSealer> sealer_;
    std::unique_ptr<vault::CredentialOpener> opener_;
};

TEST_F(CredentialsTest, StoredSealedShownAsHintOnly) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto put = Call("PUT", "/api/credentials/wildberries",
                    nlohmann::json{{"kind", "api_token"}, {"fields", {{"token", kGoodToken}}}}.dump(), &s);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(J(put)["hint"], "****1234");
    EXPECT_EQ(J(put)["status"], "untested");
    auto list = Call("GET", "/api/credentials", "", &s);
    EXPECT_EQ(list.body.find(kGoodToken), std::string::npos);
    EXPECT_EQ(J(list)["items"].size(), 1u);
    // Neither the API nor the database holds the secret in plain text.
    auto rows = t_.db->Query("SELECT ciphertext, key_version FROM marketplace_credentials");
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->rows[0].Str(0).find(kGoodToken), std::string::npos);
    EXPECT_EQ(rows->rows[0].Str(0).rfind("QllDMQ", 0), 0u);  // base64url of "BYC1"
    auto test = Call("POST", "/api/credentials/wildberries/test", "{}", &s);
    ASSERT_EQ(test.status, 200) << test.body;
    EXPECT_EQ(J(test)["status"], "active");
    auto after = J(Call("GET", "/api/credentials", "", &s))["items"][0];
    EXPECT_EQ(after["status"], "active");
    EXPECT_TRUE(after["last_verified"].is_string());
    // The decryption left an audit row that names the purpose and never the value.
    auto audit = t_.db->Query("SELECT details FROM audit_log WHERE action = 'credential_decrypt'");
    ASSERT_EQ(audit->size(), 1u);
    EXPECT_NE(audit->rows[0].Str(0).find("credential_test"), std::string::npos);
    EXPECT_EQ(audit->rows[0].Str(0).find(kGoodToken), std::string::npos);
}

TEST_F(CredentialsTest, WrongTokenFailsWithReasonAndFieldsAreValidated) {
    auto s = RegisterPartner("A", "a@a.uz");
    Call("PUT", "/api/credentials/wildberries",
         nlohmann::json{{"kind", "api_token"}, {"fields", {{"token", "another-token-ZZZZ-9999"}}}}.dump(), &s);
    EXPECT_EQ(J(Call("POST", "/api/credentials/wildberries/test", "{}", &s))["status"], "failed");
    auto item = J(Call("GET", "/api/credentials", "", &s))["items"][0];
    EXPECT_EQ(item["status"], "failed");
    EXPECT_EQ(item["last_error"], "token refused");
    auto missing = Call("PUT", "/api/credentials/ozon", R"({"kind":"client_key","fields":{"client_id":"123"}})", &s);
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(J(missing)["error"]["field"], "fields.api_key");
    auto kind = Call("PUT", "/api/credentials/ozon", R"({"kind":"password","fields":{}})", &s);
    EXPECT_EQ(kind.status, 422);
    EXPECT_EQ(Call("PUT", "/api/credentials/amazon", R"({"kind":"api_token","fields":{}})", &s).status, 404);
}

TEST_F(CredentialsTest, UzumKeepsBothKindsAndPartnersAreIsolated) {
    auto a = RegisterPartner("A", "a@a.uz");
    auto b = RegisterPartner("B", "b@b.uz");
    ASSERT_EQ(Call("PUT", "/api/credentials/uzum",
                   R"({"kind":"api_token","fields":{"token":"uzum-token-abcdefgh","shop_id":"42"}})", &a).status, 200);
    ASSERT_EQ(Call("PUT", "/api/credentials/uzum",
                   R"({"kind":"cabinet_login","fields":{"login":"seller@a.uz","password":"cabinet-pass-123"}})", &a).status,
              200);
    EXPECT_EQ(J(Call("GET", "/api/credentials", "", &a))["items"].size(), 2u);
    EXPECT_TRUE(J(Call("GET", "/api/credentials", "", &b))["items"].empty());
    EXPECT_EQ(Call("DELETE", "/api/credentials/uzum", "", &b).status, 404);
    EXPECT_EQ(Call("DELETE", "/api/credentials/uzum?kind=cabinet_login", "", &a).status, 200);
    EXPECT_EQ(J(Call("GET", "/api/credentials", "", &a))["items"].size(), 1u);
    EXPECT_EQ(Call("GET", "/api/credentials", "").status, 401);
}

}  // namespace
}  // namespace by::api
