// Sealer/opener: round trip, audit records, S2 context binding, tampering, S12 role split, wiping.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <set>

#include "core/encoding.hpp"
#include "testing/fake_clock.hpp"
#include "vault/credential_vault.hpp"
#include "vault/memory_credential_store.hpp"

namespace by::vault {
namespace {

using core::Marketplace;
using nlohmann::json;

// S12 at compile time: the sealer handed to API processes has no way to decrypt.
template <typename T>
concept CanOpen = requires(T& t, const OpenRequest& r) { t.Open(r); };
static_assert(!CanOpen<CredentialSealer>, "API-side sealer must not expose decryption");
static_assert(CanOpen<CredentialOpener>);
static_assert(!std::is_copy_constructible_v<OpenedCredential>, "plaintext must not be copied");

constexpr const char* kToken = "wb-SECRET-token-value-9876";

class VaultTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ring_ = std::move(Keyring::Ephemeral()).value();
        sealer_ = std::make_unique<CredentialSealer>(*ring_, store_);
        opener_ = std::make_unique<CredentialOpener>(*ring_, store_, audit_, clock_,
                                                     VaultCapability::ForWorker("worker-7"));
    }

    CredentialRow PutToken(const std::string& partner, Marketplace m = Marketplace::kWildberries,
                           const std::string& token = kToken) {
        auto row = sealer_->Put(partner, m, "api_token", json{{"token", token}});
        EXPECT_TRUE(row.ok()) << row.error().ToString();
        return row.ok() ? *row : CredentialRow{};
    }

    core::Result<OpenedCredential> OpenFor(const std::string& partner, Marketplace m = Marketplace::kWildberries) {
        return opener_->Open({partner, m, "job_42", "publish"});
    }

    testing::FakeClock clock_;
    MemoryCredentialStore store_;
    MemoryAuditSink audit_;
    KeyringPtr ring_;
    std::unique_ptr<CredentialSealer> sealer_;
    std::unique_ptr<CredentialOpener> opener_;
};

TEST_F(VaultTest, PutThenOpenReturnsFieldsAndAuditsWithoutTheValue) {
    CredentialRow row = PutToken("prt_a");
    EXPECT_EQ(row.hint, "****9876");
    EXPECT_EQ(row.status, CredentialStatus::kUntested);
    EXPECT_EQ(row.key_version, 1u);
    EXPECT_EQ(row.id.rfind("crd_", 0), 0u);
    EXPECT_EQ(row.ciphertext.find("SECRET"), std::string::npos);
    EXPECT_EQ(row.ciphertext.rfind("QllDMQ", 0), 0u);  // base64url of "BYC1"

    auto opened = OpenFor("prt_a");
    ASSERT_TRUE(opened.ok()) << opened.error().ToString();
    ASSERT_NE(opened->Field("token"), nullptr);
    EXPECT_EQ(opened->Field("token")->view(), kToken);
    EXPECT_EQ(opened->Field("shop_id"), nullptr);
    EXPECT_EQ(opened->credential_id, row.id);
    EXPECT_EQ(opened->key_version, 1u);

    auto records = audit_.Records();
    ASSERT_EQ(records.size(), 1u);
    const DecryptAuditRecord& r = records[0];
    EXPECT_EQ(r.actor, "worker-7");
    EXPECT_EQ(r.partner_id, "prt_a");
    EXPECT_EQ(r.marketplace, Marketplace::kWildberries);
    EXPECT_EQ(r.credential_id, row.id);
    EXPECT_EQ(r.key_version, 1u);
    EXPECT_EQ(r.job_id, "job_42");
    EXPECT_EQ(r.purpose, "publish");
    EXPECT_EQ(r.outcome, AuditOutcome::kSuccess);
    EXPECT_EQ(r.at_ms, clock_.NowMs());
    for (const std::string* s : {&r.actor, &r.partner_id, &r.credential_id, &r.job_id, &r.purpose, &r.error_code}) {
        EXPECT_EQ(s->find("SECRET"), std::string::npos);
    }
}

TEST_F(VaultTest, PutKeepsTheRowIdAndReplacesTheValue) {
    CredentialRow first = PutToken("prt_a");
    CredentialRow second = PutToken("prt_a", Marketplace::kWildberries, "another-token-0000");
    EXPECT_EQ(first.id, second.id);
    EXPECT_NE(first.ciphertext, second.ciphertext);
    EXPECT_EQ(store_.size(), 1u);
    EXPECT_EQ(OpenFor("prt_a")->Field("token")->view(), "another-token-0000");
}

TEST_F(VaultTest, ValidationErrorsNameTheFieldAndStoreNothing) {
    auto r = sealer_->Put("prt_a", Marketplace::kUzum, "api_token", json{{"token", kToken}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(r.error().field, "fields.shop_id");
    EXPECT_EQ(r.error().ToString().find("SECRET"), std::string::npos);
    auto k = sealer_->Put("prt_a", Marketplace::kUzum, "password", json::object());
    ASSERT_FALSE(k.ok());
    EXPECT_EQ(k.error().field, "kind");
    EXPECT_EQ(store_.size(), 0u);
}

TEST_F(VaultTest, SealRefusesUnencodableFieldNames) {
    FieldMap fields;
    fields.emplace(std::string(65, 'n'), core::SecretBuffer::FromBytes("v"));
    CredentialContext context{"prt_a", Marketplace::kOzon, "crd_1", CredentialKind::kApiKey};
    EXPECT_EQ(sealer_->Seal(context, fields).error().code, core::ErrorCode::kInvalid);
    FieldMap ok;
    ok.emplace("api_key", core::SecretBuffer::FromBytes("v"));
    auto sealed = sealer_->Seal(context, ok);
    ASSERT_TRUE(sealed.ok());
    EXPECT_EQ(sealed->key_version, 1u);
    EXPECT_EQ(ParseStored(sealed->ciphertext)->key_version, 1u);
}

TEST_F(VaultTest, ApiRoleCannotDecryptAndTheAttemptIsAudited) {
    PutToken("prt_a");
    CredentialOpener api_opener(*ring_, store_, audit_, clock_, VaultCapability::ForApi("api-1"));
    auto r = api_opener.Open({"prt_a", Marketplace::kWildberries, "", "request_handler"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kPermission);
    CredentialOpener admin_opener(*ring_, store_, audit_, clock_, VaultCapability::ForKeyAdmin("ops"));
    EXPECT_EQ(admin_opener.Open({"prt_a", Marketplace::kWildberries, "", "curious"}).error().code,
              core::ErrorCode::kPermission);
    auto records = audit_.Records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].outcome, AuditOutcome::kDenied);
    EXPECT_EQ(records[0].actor, "api-1");
    EXPECT_EQ(records[0].error_code, "permission_denied");
}

TEST_F(VaultTest, MissingCredentialAndMissingPurposeAreAuditedFailures) {
    EXPECT_EQ(OpenFor("prt_none").error().code, core::ErrorCode::kNotFound);
    PutToken("prt_a");
    EXPECT_EQ(opener_->Open({"prt_a", Marketplace::kWildberries, "job", ""}).error().code,
              core::ErrorCode::kInvalid);
    auto records = audit_.Records();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[0].outcome, AuditOutcome::kFailed);
    EXPECT_EQ(records[0].error_code, "not_found");
    EXPECT_EQ(records[1].outcome, AuditOutcome::kDenied);
}

// S2: a ciphertext moved to another context fails authentication, and the failure is audited.
TEST_F(VaultTest, CiphertextBoundToPartnerMarketplaceIdAndKind) {
    CredentialRow a = PutToken("prt_a");
    CredentialRow b = PutToken("prt_b");
    auto expect_auth_failure = [&](const CredentialRow& row, const char* what) {
        size_t before = audit_.Records().size();
        auto r = opener_->Open({row.partner_id, row.marketplace, "job_9", "publish"});
        ASSERT_FALSE(r.ok()) << what;
        EXPECT_EQ(r.error().code, core::ErrorCode::kCrypto) << what;
        EXPECT_EQ(r.error().message, "authentication failed") << what;
        auto records = audit_.Records();
        ASSERT_EQ(records.size(), before + 1) << what;
        EXPECT_EQ(records.back().outcome, AuditOutcome::kFailed) << what;
        EXPECT_EQ(records.back().error_code, "crypto_error") << what;
        EXPECT_EQ(records.back().partner_id, row.partner_id) << what;
        EXPECT_EQ(records.back().credential_id, row.id) << what;
    };

    CredentialRow stolen = b;
    stolen.ciphertext = a.ciphertext;  // partner A's ciphertext in partner B's row
    ASSERT_TRUE(store_.Upsert(stolen).ok());
    expect_auth_failure(stolen, "other partner");

    CredentialRow moved = a;  // same partner, other marketplace
    ASSERT_TRUE(store_.Delete("prt_a", Marketplace::kWildberries).ok());
    moved.marketplace = Marketplace::kUzum;
    ASSERT_TRUE(store_.Upsert(moved).ok());
    expect_auth_failure(moved, "other marketplace");

    CredentialRow rekinded = moved;  // rows are keyed by kind too: move it, as a copy into another row would
    ASSERT_TRUE(store_.Delete("prt_a", Marketplace::kUzum).ok());
    rekinded.kind = CredentialKind::kCabinetLogin;
    ASSERT_TRUE(store_.Upsert(rekinded).ok());
    expect_auth_failure(rekinded, "other kind");

    CredentialRow renamed = a;
    ASSERT_TRUE(store_.Delete("prt_a", Marketplace::kUzum).ok());
    renamed.id = "crd_other";
    ASSERT_TRUE(store_.Upsert(renamed).ok());
    expect_auth_failure(renamed, "other credential id");

    ASSERT_TRUE(store_.Upsert(a).ok());  // back where it belongs
    EXPECT_TRUE(OpenFor("prt_a").ok());
}

TEST_F(VaultTest, FlippingAnyByteOfTheStoredCiphertextFails) {
    CredentialRow row = PutToken("prt_a");
    const std::string binary = *core::Base64UrlDecode(row.ciphertext);
    for (size_t i = 0; i < binary.size(); ++i) {
        for (unsigned char mask : {0x01, 0x80, 0xFF}) {
            std::string bad = binary;
            bad[i] = static_cast<char>(bad[i] ^ mask);
            CredentialRow tampered = row;
            tampered.ciphertext = core::Base64UrlEncode(bad);
            ASSERT_TRUE(store_.Upsert(tampered).ok());
            auto r = OpenFor("prt_a");
            ASSERT_FALSE(r.ok()) << "byte " << i << " mask " << int(mask);
            EXPECT_EQ(r.error().code, core::ErrorCode::kCrypto) << "byte " << i;
        }
    }
    ASSERT_TRUE(store_.Upsert(row).ok());
    EXPECT_TRUE(OpenFor("prt_a").ok());
    // Every attempt was audited: 3 masks per byte + the final success.
    EXPECT_EQ(audit_.Records().size(), binary.size() * 3 + 1);
}

TEST_F(VaultTest, KeyVersionColumnMustMatchTheHeader) {
    CredentialRow row = PutToken("prt_a");
    row.key_version = 2;
    ASSERT_TRUE(store_.Upsert(row).ok());
    EXPECT_EQ(OpenFor("prt_a").error().code, core::ErrorCode::kCrypto);
}

TEST_F(VaultTest, UnknownKeyVersionIsRejected) {
    CredentialRow row = PutToken("prt_a");
    auto stored = ParseStored(row.ciphertext);
    stored->key_version = 77;
    row.ciphertext = EncodeStored(*stored);
    row.key_version = 77;
    ASSERT_TRUE(store_.Upsert(row).ok());
    auto r = OpenFor("prt_a");
    EXPECT_EQ(r.error().code, core::ErrorCode::kCrypto);
    EXPECT_EQ(r.error().message, "unknown key version");
    EXPECT_EQ(audit_.Records().back().key_version, 77u);
}

TEST_F(VaultTest, AuditOutageWithholdsThePlaintext) {
    PutToken("prt_a");
    audit_.SetFailing(true);
    auto r = OpenFor("prt_a");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnavailable);
}

// S5: the plaintext buffers handed to a stage are zeroed before they are freed.
std::atomic<int> g_wiped_buffers{0};
std::atomic<int> g_dirty_buffers{0};
std::atomic<size_t> g_token_sized{0};
void CountWipes(const unsigned char* data, size_t size) {
    for (size_t i = 0; i < size; ++i) {
        if (data[i] != 0) {
            ++g_dirty_buffers;
            return;
        }
    }
    ++g_wiped_buffers;
    if (size == std::char_traits<char>::length(kToken)) {
        ++g_token_sized;
    }
}

TEST_F(VaultTest, DecryptedFieldsAreWipedOnDestruction) {
    PutToken("prt_a");
    core::SecretBuffer::SetWipeObserverForTesting(&CountWipes);
    g_wiped_buffers = 0;
    g_dirty_buffers = 0;
    g_token_sized = 0;
    {
        auto opened = OpenFor("prt_a");
        ASSERT_TRUE(opened.ok());
        EXPECT_EQ(opened->Field("token")->view(), kToken);
        g_token_sized = 0;  // temporaries inside Open (whole plaintext) are counted before this point
    }
    core::SecretBuffer::SetWipeObserverForTesting(nullptr);
    EXPECT_EQ(g_dirty_buffers.load(), 0);
    EXPECT_GE(g_wiped_buffers.load(), 2);  // the decrypted plaintext inside Open and the returned field
    EXPECT_EQ(g_token_sized.load(), 1u);   // the field handed to the stage, wiped at scope exit
}

// S4 end to end: with the budget at 10, the 11th stored credential is sealed under a new version.
TEST(VaultNonceBudget, EleventhPutIsSealedUnderANewVersion) {
    testing::FakeClock clock;
    MemoryCredentialStore store;
    MemoryAuditSink audit;
    KeyringOptions options;
    options.nonce_threshold = 10;
    auto ring = std::move(Keyring::Ephemeral(options)).value();
    CredentialSealer sealer(*ring, store);
    CredentialOpener opener(*ring, store, audit, clock, VaultCapability::ForWorker("w"));
    for (int i = 1; i <= 11; ++i) {
        auto row = sealer.Put("prt_" + std::to_string(i), Marketplace::kWildberries, "api_token",
                              json{{"token", "token-number-" + std::to_string(i)}});
        ASSERT_TRUE(row.ok());
        EXPECT_EQ(row->key_version, i <= 10 ? 1u : 2u) << "put " << i;
    }
    for (int i = 1; i <= 11; ++i) {
        auto opened = opener.Open({"prt_" + std::to_string(i), Marketplace::kWildberries, "job", "publish"});
        ASSERT_TRUE(opened.ok());
        EXPECT_EQ(opened->Field("token")->view(), "token-number-" + std::to_string(i));
    }
}

TEST(MemoryStore, CompareAndSwapNeedsVersionAndCiphertext) {
    MemoryCredentialStore store;
    CredentialRow row;
    row.id = "crd_1";
    row.partner_id = "prt_1";
    row.ciphertext = "A";
    row.key_version = 1;
    ASSERT_TRUE(store.Upsert(row).ok());
    EXPECT_FALSE(*store.CompareAndSwapCiphertext("crd_1", 2, "A", "B", 3));
    EXPECT_FALSE(*store.CompareAndSwapCiphertext("crd_1", 1, "stale", "B", 3));  // a concurrent PUT won
    EXPECT_FALSE(*store.CompareAndSwapCiphertext("crd_x", 1, "A", "B", 3));
    EXPECT_TRUE(*store.CompareAndSwapCiphertext("crd_1", 1, "A", "B", 3));
    EXPECT_EQ(store.GetById("crd_1")->key_version, 3u);
    EXPECT_FALSE(*store.AnyRowUnderKeyVersion(1));
    EXPECT_TRUE(*store.AnyRowUnderKeyVersion(3));
    CredentialRow other = row;
    other.partner_id = "prt_2";
    EXPECT_EQ(store.Upsert(other).error().code, core::ErrorCode::kConflict);  // ids are unique
    EXPECT_TRUE(store.UpdateVerification("crd_1", CredentialStatus::kActive, 5, "").ok());
    EXPECT_EQ(store.Get("prt_1", core::Marketplace::kUzum)->status, CredentialStatus::kActive);
    EXPECT_EQ(store.ListByPartner("prt_1")->size(), 1u);
}

}  // namespace
}  // namespace by::vault
