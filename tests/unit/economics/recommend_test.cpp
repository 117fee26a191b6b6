#include <gtest/gtest.h>

#include "test_tables.hpp"

namespace by::economics {
namespace {

TEST(Recommend, SolvesExactlyThenRoundsUpToAStep) {
    // 16 % of the price + 50 so'm + 60 000 so'm cost, 20 % margin: P >= 60 050 / 0.64 = 93 828.125 so'm.
    auto r = RecommendPrice(SimpleTable(), Sale(core::Marketplace::kUzum, "phones", Uzs(6'000'000), Uzs(0)), 2000, {});
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->exact_minimum, 9'382'813);  // 9 382 812 tiyin rounds the fees so the margin is 19.99 %
    EXPECT_EQ(r->price_step, 10'000);        // 100 so'm for a five-digit so'm price
    EXPECT_EQ(r->price, Uzs(9'390'000));
    EXPECT_EQ(r->at_price.margin_bp, 2004);
    EXPECT_EQ(r->at_price.profit, 1'882'600);
    // One step lower would miss the target: the recommendation is the least step that reaches it.
    auto lower = Compute(SimpleTable(), Sale(core::Marketplace::kUzum, "phones", Uzs(6'000'000), Uzs(9'380'000)), {});
    ASSERT_TRUE(lower.ok());
    EXPECT_LT(lower->margin_bp, 2000);
}

TEST(Recommend, PicksTheCheapestPriceBand) {
    // Uzum's tiers: at 25 % + 4 % tax the price would land above 49 900 so'm, where 24 % applies; the
    // 24 % band gives 40 000 / 0.62 = 64 516.13 so'm -> 64 600 so'm.
    auto r = RecommendPrice(FeeTable::Builtin(), Sale(core::Marketplace::kUzum, "phones", Uzs(4'000'000), Uzs(0)),
                            1000, {});
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->exact_minimum, 6'451'614);
    EXPECT_EQ(r->price, Uzs(6'460'000));
    EXPECT_EQ(RateOf(r->at_price, RateName::kCommission).value->value, 2400);
    EXPECT_EQ(r->at_price.margin_bp, 1008);
}

TEST(Recommend, ExplicitStepAndUnreachableTarget) {
    auto r = RecommendPrice(SimpleTable(), Sale(core::Marketplace::kUzum, "phones", Uzs(6'000'000), Uzs(0)), 2000, {},
                            100);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->price, Uzs(9'382'900));
    // 16 % of fees + 84 % margin leaves nothing for the cost.
    auto no = RecommendPrice(SimpleTable(), Sale(core::Marketplace::kUzum, "phones", Uzs(1), Uzs(0)), 8400, {});
    ASSERT_FALSE(no.ok());
    EXPECT_EQ(no.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(no.error().field, "target_margin_bp");
}

TEST(Recommend, PriceStepsHaveThreeSignificantFigures) {
    EXPECT_EQ(PriceStep(2'345'600), 100 * 100);     // 23 456 so'm -> 100 so'm
    EXPECT_EQ(PriceStep(23'456'700), 1'000 * 100);  // 234 567 so'm -> 1 000 so'm
    EXPECT_EQ(PriceStep(12'300), 100);              // 123 RUB -> 1 RUB
    EXPECT_EQ(PriceStep(50), 100);
}

}  // namespace
}  // namespace by::economics
