// S1 stored format and S2 AAD: golden vectors (computed independently with Python `cryptography`), strict
// parser, and a seeded mutation fuzz loop over the parser.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "vault/aead.hpp"
#include "vault/credential_types.hpp"
#include "vault/format.hpp"
#include "vault_test_util.hpp"

namespace by::vault {
namespace {

using test::Hex;

struct Golden {
    std::string key_hex;
    std::string nonce_hex;
    uint32_t version;
    CredentialContext context;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string plaintext_hex;  // EncodeFields
    std::string aad_hex;        // BuildAad
    std::string stored;         // EncodeStored
};

// Generated once by an independent implementation of S1/S2 + the field encoding (Python, AESGCM from the
// `cryptography` package). They must never change: rows in production are stored in this format.
const std::vector<Golden>& Goldens() {
    static const std::vector<Golden> kGoldens = {
        {"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "000102030405060708090a0b", 1,
         {"prt_a", core::Marketplace::kWildberries, "crd_0001", CredentialKind::kApiToken},
         {{"token", "wb-token-ABCDEFGH1234"}},
         "0105746f6b656e0000001577622d746f6b656e2d414243444546474831323334",
         "0000000101000000057072745f610000000b77696c6462657272696573000000086372645f3030303100000009617069"
         "5f746f6b656e",
         "QllDMQEAAAABAAECAwQFBgcICQoLRgeidK6ArBuNQYL808QMAuiz6RmxORw4fSGizSxbM4auu35p9gIJyAJpHggQCV2b"},
        {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "cafebabefacedbaddecaf888", 7,
         {"prt_b", core::Marketplace::kOzon, "crd_0002", CredentialKind::kClientKey},
         {{"client_id", "123456"}, {"api_key", "0c9d-ozon-key"}},
         "01076170695f6b65790000000d306339642d6f7a6f6e2d6b657909636c69656e745f696400000006313233343536",
         "0000000101000000057072745f62000000046f7a6f6e000000086372645f303030320000000a636c69656e745f6b6579",
         "QllDMQEAAAAHyv66vvrO263eyviIZj43UkrM4JoNhyE8vBLeilGE1YD7HrwEK0FQWqlNcSnBiEja27k_7a2YLNR7wDfq7_SUJ8fCIL6bn1NW"
         "C1Y"},
        {"603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", "f0f1f2f3f4f5f6f7f8f9fafb", 4294967295u,
         {"prt_c", core::Marketplace::kUzum, "crd_0003", CredentialKind::kCabinetLogin},
         {{"login", "seller@example.uz"}, {"password", "pa ss\xc3\xbc"},
          {"totp_secret", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"}},
         "01056c6f67696e0000001173656c6c6572406578616d706c652e757a0870617373776f7264000000077061207373c3bc0b746f74"
         "705f7365637265740000002047455a44474e425647593354514f4a5147455a44474e425647593354514f4a51",
         "0000000101000000057072745f6300000004757a756d000000086372645f303030330000000d636162696e65745f6c6f67696e",
         "QllDMQH_____8PHy8_T19vf4-fr73_Z2BqnDURYPRMv2bemW5J7GJaVVFUx_fn6Mi2ErGuJ0EQtPCkvhb8tcZ70ZEFzaGSFLTE8KPl0h-"
         "14LDqLwlS0DU_kFFjkjfehxE4wHV9eHueITZqeUG2Nao7YoucPcJHWnlaTkaG3xtivYXnia9A"},
    };
    return kGoldens;
}

FieldMap ToFieldMap(const std::vector<std::pair<std::string, std::string>>& fields) {
    FieldMap map;
    for (const auto& [name, value] : fields) {
        map.emplace(name, core::SecretBuffer::FromBytes(value));
    }
    return map;
}

TEST(FormatGolden, EncryptProducesTheCommittedStoredString) {
    for (const Golden& g : Goldens()) {
        core::SecretBuffer plaintext = EncodeFields(ToFieldMap(g.fields));
        EXPECT_EQ(core::HexEncode(plaintext.view()), g.plaintext_hex);
        const std::string aad = BuildAad(g.context);
        EXPECT_EQ(core::HexEncode(aad), g.aad_hex);
        Nonce nonce{};
        const std::string nonce_bytes = Hex(g.nonce_hex);
        std::copy(nonce_bytes.begin(), nonce_bytes.end(), nonce.begin());
        auto box = testing_only::SealWithNonce(Hex(g.key_hex), nonce, plaintext.view(), aad);
        ASSERT_TRUE(box.ok());
        StoredCiphertext stored{g.version, box->nonce, box->ciphertext, box->tag};
        EXPECT_EQ(EncodeStored(stored), g.stored);
    }
}

TEST(FormatGolden, CommittedStoredStringDecryptsToItsFields) {
    for (const Golden& g : Goldens()) {
        auto stored = ParseStored(g.stored);
        ASSERT_TRUE(stored.ok()) << stored.error().ToString();
        EXPECT_EQ(stored->key_version, g.version);
        EXPECT_EQ(core::HexEncode(AsView(stored->nonce)), g.nonce_hex);
        auto pt = Open(Hex(g.key_hex), AsView(stored->nonce), BuildAad(g.context), stored->ciphertext,
                       AsView(stored->tag));
        ASSERT_TRUE(pt.ok());
        auto fields = DecodeFields(pt->view());
        ASSERT_TRUE(fields.ok());
        ASSERT_EQ(fields->size(), g.fields.size());
        for (const auto& [name, value] : g.fields) {
            ASSERT_TRUE(fields->count(name));
            EXPECT_EQ(fields->at(name).view(), value);
        }
    }
}

TEST(FormatAad, EveryContextElementChangesTheAad) {
    CredentialContext base{"prt_1", core::Marketplace::kWildberries, "crd_1", CredentialKind::kApiToken};
    const std::string aad = BuildAad(base);
    auto changed = [&](auto mutate) {
        CredentialContext c = base;
        mutate(c);
        return BuildAad(c);
    };
    EXPECT_NE(aad, changed([](auto& c) { c.partner_id = "prt_2"; }));
    EXPECT_NE(aad, changed([](auto& c) { c.marketplace = core::Marketplace::kUzum; }));
    EXPECT_NE(aad, changed([](auto& c) { c.credential_id = "crd_2"; }));
    EXPECT_NE(aad, changed([](auto& c) { c.kind = CredentialKind::kCabinetLogin; }));
    // Length prefixes: moving bytes between adjacent elements changes the encoding.
    EXPECT_NE(BuildAad({"ab", core::Marketplace::kOzon, "c", CredentialKind::kApiToken}),
              BuildAad({"a", core::Marketplace::kOzon, "bc", CredentialKind::kApiToken}));
}

std::string ValidBinary(size_t ct_size = 10, uint32_t version = 3) {
    StoredCiphertext s;
    s.key_version = version;
    s.nonce.fill(0x11);
    s.ciphertext.assign(ct_size, '\x22');
    s.tag.fill(0x33);
    return EncodeStoredBinary(s);
}

void ExpectRejected(std::string_view text, const char* why) {
    auto r = ParseStored(text);
    ASSERT_FALSE(r.ok()) << why;
    EXPECT_EQ(r.error().code, core::ErrorCode::kCrypto) << why;
}

TEST(FormatParser, AcceptsValidAndRoundTrips) {
    for (size_t n : {0, 1, 2, 3, 100, 4096}) {
        const std::string text = core::Base64UrlEncode(ValidBinary(n));
        auto r = ParseStored(text);
        ASSERT_TRUE(r.ok()) << n;
        EXPECT_EQ(r->ciphertext.size(), n);
        EXPECT_EQ(r->key_version, 3u);
        EXPECT_EQ(EncodeStored(*r), text);
    }
}

TEST(FormatParser, RejectsUnknownMagicAndFormat) {
    std::string bin = ValidBinary();
    for (size_t i = 0; i < 5; ++i) {
        std::string bad = bin;
        bad[i] ^= 0x01;
        ExpectRejected(core::Base64UrlEncode(bad), "magic/format byte changed");
    }
    std::string v2 = bin;
    v2[4] = 0x02;
    ExpectRejected(core::Base64UrlEncode(v2), "format 2");
    ExpectRejected(core::Base64UrlEncode(ValidBinary(10, 0)), "version 0");
}

TEST(FormatParser, RejectsTruncationAndLengthMismatch) {
    const std::string bin = ValidBinary(0);
    ASSERT_EQ(bin.size(), kStoredMinSize);
    for (size_t n = 0; n < kStoredMinSize; ++n) {
        ExpectRejected(core::Base64UrlEncode(bin.substr(0, n)), "truncated binary");
    }
    const std::string text = core::Base64UrlEncode(ValidBinary(5));
    for (size_t n = 0; n < text.size(); ++n) {
        auto r = ParseStored(text.substr(0, n));
        if (r.ok()) {
            // A shorter prefix can only parse as a shorter ciphertext (the tag then swallows ciphertext bytes),
            // never as the original.
            EXPECT_LT(r->ciphertext.size(), 5u);
        }
    }
    ExpectRejected(core::Base64UrlEncode(ValidBinary(kMaxStoredCiphertextSize + 1)), "too long");
    EXPECT_TRUE(ParseStored(core::Base64UrlEncode(ValidBinary(kMaxStoredCiphertextSize))).ok());
    ExpectRejected(text + "A", "length % 4 == 1 after an extra char");
    ExpectRejected("", "empty");
}

TEST(FormatParser, RejectsNonCanonicalBase64) {
    const std::string text = core::Base64UrlEncode(ValidBinary(1));  // 38 bytes -> 51 chars, 2 spare bits
    ASSERT_EQ(text.size() % 4, 3u);
    ExpectRejected(text + "=", "padding");
    std::string plus = text;
    plus[10] = '+';
    ExpectRejected(plus, "standard alphabet '+'");
    std::string slash = text;
    slash[10] = '/';
    ExpectRejected(slash, "standard alphabet '/'");
    std::string space = text;
    space[10] = ' ';
    ExpectRejected(space, "space");
    // The last char carries 2 unused bits: setting one spells the same bytes a second way, which is refused.
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string noncanon = text;
    size_t v = kAlphabet.find(noncanon.back());
    ASSERT_EQ(v & 3u, 0u);
    noncanon.back() = kAlphabet[v | 1u];
    ExpectRejected(noncanon, "non-canonical trailing bits");
}

// Mutations of a text: replace, insert, delete, truncate, duplicate a run; characters drawn from the
// base64url alphabet mostly, and from hostile bytes sometimes.
std::string Mutate(std::string s, std::mt19937_64& rng) {
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static const std::string kHostile = std::string("+/= \n\0\xff\x80", 9);
    auto pick_char = [&]() {
        return (rng() % 8 == 0) ? kHostile[rng() % kHostile.size()] : kAlphabet[rng() % kAlphabet.size()];
    };
    int n = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < n; ++k) {
        size_t pos = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 6) {
            case 0:
                if (!s.empty()) s[pos % s.size()] = pick_char();
                break;
            case 1: s.insert(s.begin() + static_cast<long>(pos), pick_char()); break;
            case 2:
                if (!s.empty()) s.erase(pos % s.size(), 1 + rng() % 4);
                break;
            case 3: s.resize(pos); break;
            case 4:
                if (!s.empty()) {
                    size_t from = rng() % s.size();
                    s.insert(pos, s.substr(from, 1 + rng() % 8));
                }
                break;
            case 5:
                if (!s.empty()) s[pos % s.size()] ^= static_cast<char>(1u << (rng() % 8));
                break;
        }
    }
    return s;
}

TEST(FormatParser, SeededMutationFuzzOneMillionIterations) {
    std::mt19937_64 rng(0xB7C1F00Dull);
    std::vector<std::string> corpus;
    for (const Golden& g : Goldens()) {
        corpus.push_back(g.stored);
    }
    corpus.push_back(core::Base64UrlEncode(ValidBinary(0)));
    corpus.push_back(core::Base64UrlEncode(ValidBinary(1, 0xFFFFFFFF)));

    constexpr int kTextIterations = 1'000'000;
    int accepted = 0;
    for (int i = 0; i < kTextIterations; ++i) {
        const std::string input = Mutate(corpus[rng() % corpus.size()], rng);
        auto r = ParseStored(input);
        if (r.ok()) {
            ++accepted;
            // Whatever the parser accepts it accepts canonically: one text per value.
            ASSERT_EQ(EncodeStored(*r), input) << "iteration " << i;
            ASSERT_GE(r->key_version, 1u);
        } else {
            ASSERT_EQ(r.error().code, core::ErrorCode::kCrypto);
        }
    }
    // The binary layer directly, so header bytes get mutated without base64 in the way.
    constexpr int kBinaryIterations = 200'000;
    std::vector<std::string> bin_corpus;
    for (const std::string& s : corpus) {
        bin_corpus.push_back(*core::Base64UrlDecode(s));
    }
    for (int i = 0; i < kBinaryIterations; ++i) {
        std::string input = bin_corpus[rng() % bin_corpus.size()];
        int flips = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < flips && !input.empty(); ++k) {
            switch (rng() % 3) {
                case 0: input[rng() % input.size()] = static_cast<char>(rng()); break;
                case 1: input.resize(rng() % (input.size() + 1)); break;
                case 2: input.insert(rng() % (input.size() + 1), 1, static_cast<char>(rng())); break;
            }
        }
        auto r = ParseStoredBinary(input);
        if (r.ok()) {
            ASSERT_EQ(EncodeStoredBinary(*r), input);
        }
    }
    // Sanity: the loop exercised both outcomes.
    EXPECT_GT(accepted, 0);
    EXPECT_LT(accepted, kTextIterations);
}

TEST(FieldEncoding, RoundTripAndRejectsMalformed) {
    FieldMap fields;
    fields.emplace("token", core::SecretBuffer::FromBytes("abc"));
    fields.emplace("empty", core::SecretBuffer());
    core::SecretBuffer enc = EncodeFields(fields);
    auto dec = DecodeFields(enc.view());
    ASSERT_TRUE(dec.ok());
    EXPECT_EQ(dec->at("token").view(), "abc");
    EXPECT_TRUE(dec->at("empty").empty());
    const std::string bytes(enc.view());
    for (size_t n = 0; n < bytes.size(); ++n) {
        if (n == 1 || n == 1 + 1 + 5 + 4) {  // prefixes that end exactly on a field boundary are valid maps
            continue;
        }
        EXPECT_FALSE(DecodeFields(bytes.substr(0, n)).ok()) << n;
    }
    EXPECT_FALSE(DecodeFields("").ok());
    EXPECT_FALSE(DecodeFields(std::string("\x02", 1)).ok());
    // duplicate name
    std::string dup = std::string("\x01", 1) + std::string("\x01" "a\0\0\0\0", 6) + std::string("\x01" "a\0\0\0\0", 6);
    EXPECT_FALSE(DecodeFields(dup).ok());
}

}  // namespace
}  // namespace by::vault
