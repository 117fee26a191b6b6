#include <gtest/gtest.h>

#include "test_tables.hpp"

namespace by::economics {
namespace {

TEST(Calculator, HandComputedBreakdown) {
    // 100 000 so'm sale, 60 000 cost: commission 10 000, logistics 50, acquiring 2 000, tax 4 000 (so'm).
    auto b = Compute(SimpleTable(), Sale(core::Marketplace::kUzum, "phones", Uzs(6'000'000), Uzs(10'000'000)), {});
    ASSERT_TRUE(b.ok()) << b.error().ToString();
    EXPECT_EQ(RateOf(*b, RateName::kCommission).amount, 1'000'000);
    EXPECT_EQ(RateOf(*b, RateName::kLogistics).amount, 5'000);
    EXPECT_EQ(RateOf(*b, RateName::kAcquiring).amount, 200'000);
    EXPECT_EQ(RateOf(*b, RateName::kTax).amount, 400'000);
    EXPECT_EQ(b->fees_total, 1'605'000);
    EXPECT_EQ(b->cost_amount, 6'000'000);
    EXPECT_EQ(b->profit, 2'395'000);
    EXPECT_EQ(b->margin_bp, 2395);
    EXPECT_TRUE(b->complete());
    EXPECT_EQ(RateOf(*b, RateName::kTax).origin, RateOrigin::kDefault);
    EXPECT_EQ(RateOf(*b, RateName::kTax).as_of, "2025-01-01");
}

TEST(Calculator, OneRoundingOfTheSumAndLinesThatAddUp) {
    // 999 tiyin: 10 % = 99.9, 2 % = 19.98, 4 % = 39.96, 50 so'm fixed = 5000; exact fees 5159.84 -> 5160.
    auto b = Compute(SimpleTable(), Sale(core::Marketplace::kUzum, "phones", Uzs(500), Uzs(999)), {});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->fees_total, 5160);
    int64_t sum = 0;
    for (const auto& r : b->rates) sum += r.amount;
    EXPECT_EQ(sum, 5160);
    EXPECT_EQ(RateOf(*b, RateName::kLogistics).amount, 5000);
    EXPECT_EQ(b->profit, 999 - 500 - 5160);
    EXPECT_EQ(b->margin_bp, -46657);  // floor(-4661 * 10000 / 999) = floor(-46656.66)
}

TEST(Calculator, NoDriftOverManyPrices) {
    // For many awkward prices and costs: cost + fees + profit == price, and each line is within one
    // minor unit of its exact share.
    uint64_t s = 12345;
    auto next = [&s] { return s = s * 6364136223846793005ULL + 1442695040888963407ULL; };
    for (int i = 0; i < 2000; ++i) {
        int64_t price = static_cast<int64_t>(next() % 50'000'000) + 1;
        int64_t cost = static_cast<int64_t>(next() % static_cast<uint64_t>(price));
        auto b = Compute(SimpleTable(), Sale(core::Marketplace::kUzum, "*", Uzs(cost), Uzs(price)), {});
        ASSERT_TRUE(b.ok());
        int64_t fees = 0;
        for (const auto& r : b->rates) fees += r.amount;
        ASSERT_EQ(b->cost_amount + fees + b->profit, price) << price;
        // exact commission = price / 10 (in tiyin): the line is its floor or ceiling.
        int64_t c = RateOf(*b, RateName::kCommission).amount;
        ASSERT_LE(std::abs(c * 10 - price), 10) << price;
    }
}

TEST(Calculator, ReportsUnknownRatesAndDefaultsWithSource) {
    // Wildberries publishes no per-subject commission: for phones it is unknown; tax is a dated default.
    auto b = Compute(FeeTable::Builtin(),
                     Sale(core::Marketplace::kWildberries, "phones", Rub(50'000), Rub(100'000)), {});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->unknown, (std::vector<std::string>{"commission", "logistics", "acquiring"}));
    EXPECT_FALSE(b->complete());
    EXPECT_EQ(RateOf(*b, RateName::kCommission).origin, RateOrigin::kUnknown);
    EXPECT_EQ(RateOf(*b, RateName::kCommission).amount, 0);
    const auto& tax = RateOf(*b, RateName::kTax);
    EXPECT_EQ(tax.origin, RateOrigin::kDefault);
    EXPECT_FALSE(tax.source.empty());
    EXPECT_FALSE(tax.as_of.empty());
    EXPECT_EQ(tax.amount, 4'000);  // 4 % of 1 000 RUB
    // Cosmetics has the article's 23 %.
    auto c = Compute(FeeTable::Builtin(),
                     Sale(core::Marketplace::kWildberries, "cosmetics", Rub(50'000), Rub(100'000)), {});
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(RateOf(*c, RateName::kCommission).origin, RateOrigin::kDefault);
    EXPECT_EQ(RateOf(*c, RateName::kCommission).category, "cosmetics");
    EXPECT_EQ(RateOf(*c, RateName::kCommission).amount, 23'000);
}

TEST(Calculator, PartnerOverridesWinCategoryBeforeAny) {
    SaleInput in = Sale(core::Marketplace::kWildberries, "phones", Rub(50'000), Rub(100'000));
    in.overrides.push_back({core::Marketplace::kWildberries, "*", RateName::kCommission, {true, 1500, ""}, 111});
    in.overrides.push_back({core::Marketplace::kWildberries, "phones", RateName::kCommission, {true, 1200, ""}, 222});
    in.overrides.push_back({core::Marketplace::kWildberries, "*", RateName::kLogistics, {false, 5'000, "RUB"}, 333});
    in.overrides.push_back({core::Marketplace::kOzon, "*", RateName::kAcquiring, {true, 100, ""}, 444});  // other mp
    auto b = Compute(FeeTable::Builtin(), in, {});
    ASSERT_TRUE(b.ok());
    const auto& com = RateOf(*b, RateName::kCommission);
    EXPECT_EQ(com.origin, RateOrigin::kPartner);
    EXPECT_EQ(com.amount, 12'000);
    EXPECT_EQ(com.set_at_ms, 222);
    EXPECT_EQ(RateOf(*b, RateName::kLogistics).amount, 5'000);
    EXPECT_EQ(b->unknown, (std::vector<std::string>{"acquiring"}));
    // 1 000 − 500 − 120 − 50 − 40 = 290 RUB.
    EXPECT_EQ(b->profit, 29'000);
    EXPECT_EQ(b->margin_bp, 2900);
}

TEST(Calculator, FixedFeeInAnotherCurrencyIsConverted) {
    // Ozon logistics 46 RUB above 300 RUB; a 60 000 so'm sale at 150 so'm/RUB is 400 RUB.
    auto b = Compute(FeeTable::Builtin(), Sale(core::Marketplace::kOzon, "phones", Uzs(3'000'000), Uzs(6'000'000)),
                     FxRate{150, 1});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(RateOf(*b, RateName::kLogistics).amount, 690'000);  // 46 RUB = 6 900 so'm
    EXPECT_EQ(RateOf(*b, RateName::kCommission).origin, RateOrigin::kUnknown);
    // Without a rate the conversion is refused, not guessed.
    EXPECT_FALSE(Compute(FeeTable::Builtin(), Sale(core::Marketplace::kOzon, "phones", Uzs(1), Uzs(6'000'000)),
                         FxRate::FromDecimal(0))
                     .ok());
}

}  // namespace
}  // namespace by::economics
