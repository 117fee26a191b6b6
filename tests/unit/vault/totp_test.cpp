// RFC 6238 Appendix B, RFC 4226 Appendix D, window and replay rules, base32.
#include <gtest/gtest.h>

#include "testing/fake_clock.hpp"
#include "vault/totp.hpp"

namespace by::vault {
namespace {

const std::string kSeed1 = "12345678901234567890";
const std::string kSeed256 = "12345678901234567890123456789012";
const std::string kSeed512 = "1234567890123456789012345678901234567890123456789012345678901234";

struct AppendixB {
    int64_t time;
    int64_t step;
    const char* sha1;
    const char* sha256;
    const char* sha512;
};

TEST(Totp, Rfc6238AppendixBVectors) {
    const AppendixB rows[] = {
        {59, 0x1, "94287082", "46119246", "90693936"},
        {1111111109, 0x23523EC, "07081804", "68084774", "25091201"},
        {1111111111, 0x23523ED, "14050471", "67062674", "99943326"},
        {1234567890, 0x273EF07, "89005924", "91819424", "93441116"},
        {2000000000, 0x3F940AA, "69279037", "90698825", "38618901"},
        {20000000000, 0x27BC86AA, "65353130", "77737706", "47863826"},
    };
    for (const AppendixB& row : rows) {
        TotpParams p;
        p.digits = 8;
        EXPECT_EQ(*TotpStep(row.time, p), row.step);
        p.algorithm = HashAlgorithm::kSha1;
        EXPECT_EQ(*TotpAt(kSeed1, row.time, p), row.sha1) << row.time;
        p.algorithm = HashAlgorithm::kSha256;
        EXPECT_EQ(*TotpAt(kSeed256, row.time, p), row.sha256) << row.time;
        p.algorithm = HashAlgorithm::kSha512;
        EXPECT_EQ(*TotpAt(kSeed512, row.time, p), row.sha512) << row.time;
    }
}

TEST(Totp, Rfc4226AppendixDHotpVectors) {
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                              "254676", "287922", "162583", "399871", "520489"};
    for (uint64_t c = 0; c < 10; ++c) {
        EXPECT_EQ(*Hotp(kSeed1, c), expected[c]) << c;
    }
    EXPECT_FALSE(Hotp(kSeed1, 0, 5).ok());
    EXPECT_FALSE(Hotp(kSeed1, 0, 9).ok());
}

TEST(Totp, NowUsesTheInjectedClock) {
    testing::FakeClock clock(59'000);
    TotpParams p;
    p.digits = 8;
    EXPECT_EQ(*TotpNow(kSeed1, clock, p), "94287082");
    EXPECT_EQ(*TotpNow(kSeed1, clock), "287082");  // 6-digit default = last 6 digits of the 8-digit value
}

TEST(Totp, VerifyAcceptsWindowAndRejectsReuse) {
    testing::FakeClock clock(1'111'111'111'000);  // step 0x23523ED
    const int64_t now_step = 0x23523ED;
    const std::string now_code = *TotpAt(kSeed1, 1'111'111'111);

    auto first = VerifyTotp(kSeed1, now_code, clock, std::nullopt);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(*first, now_step);
    // Same code again in the same step: rejected, as is any step not newer than the last accepted.
    auto replay = VerifyTotp(kSeed1, now_code, clock, *first);
    ASSERT_FALSE(replay.ok());
    EXPECT_EQ(replay.error().code, core::ErrorCode::kUnauthenticated);
    const std::string prev_code = *TotpAt(kSeed1, 1'111'111'111 - 30);
    EXPECT_FALSE(VerifyTotp(kSeed1, prev_code, clock, *first).ok());
    // ±1 step window for a fresh user.
    EXPECT_EQ(*VerifyTotp(kSeed1, prev_code, clock, std::nullopt), now_step - 1);
    const std::string next_code = *TotpAt(kSeed1, 1'111'111'111 + 30);
    EXPECT_EQ(*VerifyTotp(kSeed1, next_code, clock, *first), now_step + 1);
    EXPECT_FALSE(VerifyTotp(kSeed1, *TotpAt(kSeed1, 1'111'111'111 - 60), clock, std::nullopt).ok());
    EXPECT_FALSE(VerifyTotp(kSeed1, *TotpAt(kSeed1, 1'111'111'111 + 60), clock, std::nullopt).ok());
    // The next step's code becomes usable once, then the clock moves on.
    clock.Advance(30'000);
    EXPECT_FALSE(VerifyTotp(kSeed1, next_code, clock, now_step + 1).ok());
    // Malformed codes.
    EXPECT_FALSE(VerifyTotp(kSeed1, "12345", clock, std::nullopt).ok());
    EXPECT_FALSE(VerifyTotp(kSeed1, "12345a", clock, std::nullopt).ok());
    EXPECT_FALSE(VerifyTotp(kSeed1, "", clock, std::nullopt).ok());
}

TEST(Base32, Rfc4648VectorsAndHumanInput) {
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "MY"}, {"fo", "MZXQ"}, {"foo", "MZXW6"}, {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"},
        {"foobar", "MZXW6YTBOI"},
    };
    for (const auto& [plain, encoded] : vectors) {
        EXPECT_EQ(Base32Encode(plain), encoded);
        auto decoded = Base32Decode(encoded);
        ASSERT_TRUE(decoded.ok()) << encoded;
        EXPECT_EQ(decoded->view(), plain);
    }
    EXPECT_EQ(Base32Decode("MZXW6YTBOI======")->view(), "foobar");
    EXPECT_EQ(Base32Decode("mzxw 6ytb oi")->view(), "foobar");
    EXPECT_EQ(Base32Decode("MZXW-6YTB-OI")->view(), "foobar");
    EXPECT_EQ(Base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")->view(), kSeed1);
    EXPECT_FALSE(Base32Decode("MZXW1").ok());  // '1' is not base32
    EXPECT_FALSE(Base32Decode("MZXW0").ok());
    EXPECT_FALSE(Base32Decode("MZ").ok());      // leftover bits set
    EXPECT_FALSE(Base32Decode("M").ok());       // cannot be whole bytes
    EXPECT_FALSE(Base32Decode("MZX").ok());
    EXPECT_FALSE(Base32Decode("MY==MY").ok());  // data after padding
}

}  // namespace
}  // namespace by::vault
