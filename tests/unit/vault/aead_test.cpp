// AES-GCM wrapper: Wycheproof (both files), our own encrypt-path rules, nonce uniqueness.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <unordered_set>

#include "vault/aead.hpp"
#include "vault_test_util.hpp"

namespace by::vault {
namespace {

using test::Hex;

struct WycheproofTally {
    int total = 0;
    int valid = 0;
    int invalid = 0;
    int acceptable = 0;
    std::map<std::string, int> flags;
    int iv96_cases = 0;
    int sealed_checked = 0;
    int reduced_checked = 0;
};

// Runs every case of one Wycheproof AES-GCM file through Open (and, for 96-bit IVs with 256-bit keys, through
// the known-nonce Seal), asserting each case's expected result.
void RunWycheproof(const std::string& file, WycheproofTally& tally) {
    std::string text = test::ReadFile(test::SharedDir() / "testvectors" / file);
    EXPECT_FALSE(text.empty()) << "missing " << file << " under BY_SHARED_DIR/testvectors";
    if (text.empty()) {
        return;
    }
    auto doc = nlohmann::json::parse(text);
    EXPECT_EQ(doc["algorithm"], "AES-GCM");
    for (const auto& group : doc["testGroups"]) {
        const int iv_bits = group["ivSize"];
        const int key_bits = group["keySize"];
        EXPECT_EQ(group["tagSize"].get<int>(), 128);
        for (const auto& t : group["tests"]) {
            ++tally.total;
            const std::string key = Hex(t["key"].get<std::string>());
            const std::string iv = Hex(t["iv"].get<std::string>());
            const std::string aad = Hex(t["aad"].get<std::string>());
            const std::string msg = Hex(t["msg"].get<std::string>());
            const std::string ct = Hex(t["ct"].get<std::string>());
            const std::string tag = Hex(t["tag"].get<std::string>());
            const std::string result = t["result"];
            const int id = t["tcId"];
            for (const auto& f : t["flags"]) {
                tally.flags[f.get<std::string>()]++;
            }
            ASSERT_EQ(static_cast<int>(key.size()) * 8, key_bits);
            ASSERT_EQ(static_cast<int>(iv.size()) * 8, iv_bits);
            auto opened = Open(key, iv, aad, ct, tag);
            if (result == "valid" || result == "acceptable") {
                (result == "valid" ? tally.valid : tally.acceptable)++;
                ASSERT_TRUE(opened.ok()) << file << " tcId " << id << ": " << opened.error().ToString();
                EXPECT_EQ(opened->view(), msg) << file << " tcId " << id;
            } else {
                ++tally.invalid;
                ASSERT_FALSE(opened.ok()) << file << " tcId " << id << " must be rejected";
                EXPECT_EQ(opened.error().code, core::ErrorCode::kCrypto) << file << " tcId " << id;
            }
            if (iv_bits == 96) {
                ++tally.iv96_cases;
            } else if (iv_bits > 0) {
                // The long-IV folding must agree with OpenSSL's own IV processing on every size.
                auto reduced = testing_only::OpenWithReducedIv(key, iv, aad, ct, tag);
                ASSERT_EQ(reduced.ok(), opened.ok()) << file << " tcId " << id;
                if (reduced.ok()) {
                    EXPECT_EQ(reduced->view(), msg) << file << " tcId " << id;
                }
                ++tally.reduced_checked;
            }
            if (iv_bits == 96 && key_bits == 256 && result == "valid") {
                Nonce nonce{};
                std::copy(iv.begin(), iv.end(), nonce.begin());
                auto sealed = testing_only::SealWithNonce(key, nonce, msg, aad);
                ASSERT_TRUE(sealed.ok());
                EXPECT_EQ(sealed->ciphertext, ct) << file << " tcId " << id;
                EXPECT_EQ(AsView(sealed->tag), tag) << file << " tcId " << id;
                ++tally.sealed_checked;
            }
        }
    }
}

TEST(AeadWycheproof, V1AllCasesGiveTheirExpectedResult) {
    WycheproofTally t;
    RunWycheproof("wycheproof_aes_gcm_test_v1.json", t);
    // GUARANTEES S6: 316 vectors, all three key sizes, 229 valid and 87 invalid.
    EXPECT_EQ(t.total, 316);
    EXPECT_EQ(t.valid, 229);
    EXPECT_EQ(t.invalid, 87);
    EXPECT_EQ(t.acceptable, 0);
    EXPECT_EQ(t.flags["ModifiedTag"], 81);
    EXPECT_EQ(t.flags["ZeroLengthIv"], 6);
    EXPECT_EQ(t.flags["CounterWrap"], 36);
    EXPECT_EQ(t.flags["LongIv"], 18);
    EXPECT_EQ(t.flags["SmallIv"], 36);
    EXPECT_EQ(t.iv96_cases, 197);
    EXPECT_EQ(t.sealed_checked, 39);
    EXPECT_EQ(t.reduced_checked, 113);
}

TEST(AeadWycheproof, LegacyFileAllCasesGiveTheirExpectedResult) {
    WycheproofTally t;
    RunWycheproof("wycheproof_aes_gcm_test.json", t);
    EXPECT_EQ(t.total, 256);
    EXPECT_EQ(t.valid, 139);
    EXPECT_EQ(t.invalid, 87);
    EXPECT_EQ(t.acceptable, 30);  // SmallIv: decrypts correctly through EVP with the IV length set
    EXPECT_EQ(t.flags["ZeroLengthIv"], 6);
}

const std::string kKey(32, '\x42');

TEST(Aead, SealOpenRoundTripWithRandomNonceAndFullTag) {
    auto a = Seal(kKey, "secret value", "context");
    auto b = Seal(kKey, "secret value", "context");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_NE(AsView(a->nonce), AsView(b->nonce));
    EXPECT_NE(a->ciphertext, b->ciphertext);
    EXPECT_EQ(a->ciphertext.size(), 12u);
    auto pt = Open(kKey, AsView(a->nonce), "context", a->ciphertext, AsView(a->tag));
    ASSERT_TRUE(pt.ok());
    EXPECT_EQ(pt->view(), "secret value");
}

TEST(Aead, EmptyPlaintextAndAad) {
    auto box = Seal(kKey, "", "");
    ASSERT_TRUE(box.ok());
    auto pt = Open(kKey, AsView(box->nonce), "", "", AsView(box->tag));
    ASSERT_TRUE(pt.ok());
    EXPECT_TRUE(pt->empty());
}

TEST(Aead, SealOnlyWithAes256) {
    EXPECT_EQ(Seal(std::string(16, 'k'), "x", "").error().code, core::ErrorCode::kInvalid);
    EXPECT_EQ(Seal(std::string(31, 'k'), "x", "").error().code, core::ErrorCode::kInvalid);
}

TEST(Aead, RejectsModifiedTagWrongAadAndZeroIv) {
    auto box = Seal(kKey, "payload", "aad");
    ASSERT_TRUE(box.ok());
    for (size_t i = 0; i < kGcmTagSize; ++i) {
        Tag tag = box->tag;
        tag[i] ^= 0x80;
        auto r = Open(kKey, AsView(box->nonce), "aad", box->ciphertext, AsView(tag));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, core::ErrorCode::kCrypto);
        EXPECT_EQ(r.error().message, "authentication failed");
    }
    EXPECT_FALSE(Open(kKey, AsView(box->nonce), "aaD", box->ciphertext, AsView(box->tag)).ok());
    EXPECT_FALSE(Open(std::string(32, '\x43'), AsView(box->nonce), "aad", box->ciphertext, AsView(box->tag)).ok());
    // Zero-length IV leaks the GHASH key: always refused, whatever the other inputs.
    auto zero = Open(kKey, "", "aad", box->ciphertext, AsView(box->tag));
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code, core::ErrorCode::kCrypto);
    // Truncated tags and absurd IVs are refused before OpenSSL sees them.
    EXPECT_FALSE(Open(kKey, AsView(box->nonce), "aad", box->ciphertext, AsView(box->tag).substr(0, 12)).ok());
    EXPECT_FALSE(Open(kKey, std::string(kMaxGcmIvSize + 1, 'i'), "aad", box->ciphertext, AsView(box->tag)).ok());
    EXPECT_FALSE(Open(std::string(20, 'k'), AsView(box->nonce), "aad", box->ciphertext, AsView(box->tag)).ok());
}

TEST(Aead, OneMillionEncryptionsNeverRepeatANonce) {
    constexpr int kCount = 1'000'000;
    std::unordered_set<std::string> seen;
    seen.reserve(kCount);
    for (int i = 0; i < kCount; ++i) {
        auto box = Seal(kKey, "p", "");
        ASSERT_TRUE(box.ok());
        ASSERT_TRUE(seen.emplace(AsView(box->nonce)).second) << "repeated nonce at encryption " << i;
    }
    EXPECT_EQ(seen.size(), static_cast<size_t>(kCount));
}

TEST(Hmac, Rfc4231Case2) {
    // RFC 4231 test case 2 ("Jefe", "what do ya want for nothing?").
    auto sha256 = Hmac(HashAlgorithm::kSha256, "Jefe", "what do ya want for nothing?");
    ASSERT_TRUE(sha256.ok());
    EXPECT_EQ(core::HexEncode(*sha256), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    auto sha1 = Hmac(HashAlgorithm::kSha1, "Jefe", "what do ya want for nothing?");
    ASSERT_TRUE(sha1.ok());
    EXPECT_EQ(core::HexEncode(*sha1), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");  // RFC 2202 case 2
}

}  // namespace
}  // namespace by::vault
