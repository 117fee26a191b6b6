#include <gtest/gtest.h>

#include <numeric>

#include "economics/exact.hpp"

namespace by::economics {
namespace {

TEST(Exact, RoundHalfUpAndFloorOnNegatives) {
    EXPECT_EQ(RoundHalfUp(5, 2), 3);    // 2.5 -> 3
    EXPECT_EQ(RoundHalfUp(-5, 2), -2);  // -2.5 -> -2 (halves go up)
    EXPECT_EQ(RoundHalfUp(7, 3), 2);    // 2.33 -> 2
    EXPECT_EQ(FloorDiv(-7, 2), -4);
    EXPECT_EQ(CeilDiv(7, 2), 4);
    EXPECT_EQ(CeilDiv(-7, 2), -3);
}

TEST(Exact, AllocationAddsUpAndFollowsRemainders) {
    // 100 over 1:1:1 -> 33.33 each; the one unit left goes to the first of equal remainders.
    auto p = AllocateLargestRemainder(100, {1, 1, 1});
    EXPECT_EQ(p, (std::vector<int64_t>{34, 33, 33}));
    // 10 over 0.15, 0.35, 0.5 -> 1.5, 3.5, 5: floors 1, 3, 5, the unit to the first largest remainder.
    p = AllocateLargestRemainder(10, {15, 35, 50});
    EXPECT_EQ(p, (std::vector<int64_t>{2, 3, 5}));
    // Negative weights (loss lines) still add up.
    p = AllocateLargestRemainder(7, {10, -3, 5});
    EXPECT_EQ(std::accumulate(p.begin(), p.end(), int64_t{0}), 7);
    EXPECT_EQ(p[1], -2);  // 7 * -3 / 12 = -1.75 -> floor -2, remainder 0.25
    EXPECT_EQ(AllocateLargestRemainder(0, {0, 0}), (std::vector<int64_t>{0, 0}));
}

TEST(Exact, ConversionIsExactBothWays) {
    FxRate fx = FxRate::FromDecimal(148.27);  // 14827 / 100
    EXPECT_EQ(fx.uzs_per_rub_num, 14827);
    EXPECT_EQ(fx.uzs_per_rub_den, 100);
    // 1 RUB (100 kopecks) = 148.27 so'm = 14827 tiyin.
    auto x = ToExact(100, "RUB", "UZS", fx);
    ASSERT_TRUE(x.ok());
    EXPECT_EQ(*x, static_cast<Wide>(14827) * Scale(fx));
    // 14827 tiyin = 1 RUB exactly.
    auto back = ToExact(14827, "UZS", "RUB", fx);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, static_cast<Wide>(100) * Scale(fx));
    EXPECT_FALSE(ToExact(1, "RUB", "UZS", FxRate::FromDecimal(0)).ok());
}

TEST(Exact, Hundredths) {
    EXPECT_EQ(*ParseHundredths("1.8"), 180);
    EXPECT_EQ(*ParseHundredths("46"), 4600);
    EXPECT_EQ(*ParseHundredths("300.01"), 30001);
    EXPECT_FALSE(ParseHundredths("1.234").ok());
    EXPECT_FALSE(ParseHundredths("-1").ok());
    EXPECT_FALSE(ParseHundredths("1.").ok());
    EXPECT_EQ(FormatHundredths(1250), "12.5");
    EXPECT_EQ(FormatHundredths(4600), "46");
    EXPECT_EQ(FormatHundredths(30001), "300.01");
}

}  // namespace
}  // namespace by::economics
