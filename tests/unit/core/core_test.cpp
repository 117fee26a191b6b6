#include <gtest/gtest.h>

#include <vector>

#include "core/domain.hpp"
#include "core/encoding.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "core/secret.hpp"
#include "core/time.hpp"

namespace by::core {
namespace {

Result<int> Half(int x) {
    if (x % 2 != 0) {
        return Error::Invalid("odd", "x");
    }
    return x / 2;
}

Result<int> Quarter(int x) {
    BY_ASSIGN(int h, Half(x));
    BY_ASSIGN(int q, Half(h));
    return q;
}

TEST(Result, PropagatesErrors) {
    EXPECT_EQ(*Quarter(8), 2);
    auto r = Quarter(6);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_EQ(r.error().field, "x");
}

TEST(Encoding, Base64UrlRoundTrip) {
    for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\x10", 3)}) {
        auto enc = Base64UrlEncode(s);
        auto dec = Base64UrlDecode(enc);
        ASSERT_TRUE(dec.has_value()) << enc;
        EXPECT_EQ(*dec, s);
    }
    EXPECT_EQ(Base64UrlEncode("foobar"), "Zm9vYmFy");
    EXPECT_FALSE(Base64UrlDecode("Zm9vY!").has_value());
}

TEST(Encoding, Sha256KnownAnswer) {
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // RFC 4231 test case 2
    EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Ids, UniqueAndPrefixed) {
    auto a = NewId("prd");
    auto b = NewId("prd");
    EXPECT_NE(a, b);
    EXPECT_EQ(a.rfind("prd_", 0), 0u);
    EXPECT_EQ(a.size(), 4u + 32u);
}

TEST(Time, Rfc3339RoundTrip) {
    EXPECT_EQ(FormatRfc3339(1700000000123), "2023-11-14T22:13:20.123Z");
    EXPECT_EQ(*ParseRfc3339("2023-11-14T22:13:20.123Z"), 1700000000123);
    EXPECT_EQ(*ParseRfc3339("2023-11-14T22:13:20Z"), 1700000000000);
    EXPECT_FALSE(ParseRfc3339("yesterday").has_value());
}

TEST(Domain, NamesRoundTrip) {
    for (auto m : kAllMarketplaces) {
        EXPECT_EQ(*ParseMarketplace(MarketplaceName(m)), m);
    }
    EXPECT_FALSE(ParseMarketplace("amazon").has_value());
    EXPECT_EQ(DefaultPriority(Tier::kEnterprise), Priority::kUrgent);
    EXPECT_EQ(DefaultPriority(Tier::kStarter), Priority::kLow);
}

const unsigned char* g_seen_data = nullptr;
bool g_all_zero = false;
void Observe(const unsigned char* data, size_t size) {
    g_seen_data = data;
    g_all_zero = true;
    for (size_t i = 0; i < size; ++i) {
        g_all_zero = g_all_zero && data[i] == 0;
    }
}

TEST(SecretBuffer, WipedOnDestruction) {
    SecretBuffer::SetWipeObserverForTesting(&Observe);
    {
        std::string s = "hunter2-secret";
        auto b = SecretBuffer::Take(std::move(s));
        EXPECT_TRUE(b.Equals("hunter2-secret"));
        EXPECT_FALSE(b.Equals("hunter2-secreT"));
    }
    SecretBuffer::SetWipeObserverForTesting(nullptr);
    EXPECT_NE(g_seen_data, nullptr);
    EXPECT_TRUE(g_all_zero);
    EXPECT_EQ(RedactedHint("abcdefghij", true), "****ghij");
    EXPECT_EQ(RedactedHint("short", true), "****");
}

}  // namespace
}  // namespace by::core
