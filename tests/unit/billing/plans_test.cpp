#include <gtest/gtest.h>

#include "billing/month.hpp"
#include "billing/plans.hpp"
#include "billing_fixture.hpp"

namespace by::billing {
namespace {

TEST(Plans, BusinessPlanFigures) {
    EXPECT_EQ(PlanFor(core::Tier::kStarter).monthly_fee, 300'000'000);  // 3 000 000 so'm in tiyin
    EXPECT_EQ(PlanFor(core::Tier::kStarter).profit_share_bp, 5000);
    EXPECT_EQ(PlanFor(core::Tier::kBusiness).monthly_fee, 800'000'000);
    EXPECT_EQ(PlanFor(core::Tier::kBusiness).profit_share_bp, 2500);
    EXPECT_EQ(PlanFor(core::Tier::kProfessional).monthly_fee, 1'800'000'000);
    EXPECT_EQ(PlanFor(core::Tier::kProfessional).profit_share_bp, 1500);
    EXPECT_EQ(PlanFor(core::Tier::kEnterprise).monthly_fee, 2'500'000'000);
    EXPECT_EQ(PlanFor(core::Tier::kEnterprise).profit_share_bp, 1000);
    EXPECT_EQ(kAiAddonFee, 100'000'000);
    // Each tier up allows more cards; enterprise has no limit.
    EXPECT_LT(PlanFor(core::Tier::kStarter).cards_per_month, PlanFor(core::Tier::kBusiness).cards_per_month);
    EXPECT_LT(PlanFor(core::Tier::kBusiness).cards_per_month, PlanFor(core::Tier::kProfessional).cards_per_month);
    EXPECT_EQ(PlanFor(core::Tier::kEnterprise).cards_per_month, 0);
}

TEST(Month, ParseAndBounds) {
    auto m = Month::Parse("2025-06");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->StartMs(), 1'748'736'000'000);  // 2025-06-01T00:00:00Z
    EXPECT_EQ(m->EndMs(), 1'751'328'000'000);    // 2025-07-01T00:00:00Z
    EXPECT_EQ(Month::Of(kJune15), *m);
    EXPECT_EQ(Month::Of(m->EndMs() - 1), *m);
    EXPECT_EQ(Month::Of(m->EndMs()).ToString(), "2025-07");
    EXPECT_EQ(Month::Parse("2024-12")->Next().ToString(), "2025-01");
    EXPECT_EQ(Month::Parse("2025-01")->Prev().ToString(), "2024-12");
    for (const char* bad : {"2025-13", "2025-00", "25-06", "2025/06", "2025-6", "1999-01"}) {
        EXPECT_FALSE(Month::Parse(bad)) << bad;
    }
}

class CardLimit : public BillingDb {
  protected:
    void Request(const std::string& partner, int n_marketplaces, int64_t at, const std::string& status) {
        static const char* kMps[] = {"uzum", "wildberries", "yandex", "ozon"};
        nlohmann::json mps = nlohmann::json::array();
        for (int i = 0; i < n_marketplaces; ++i) mps.push_back(kMps[i]);
        ASSERT_TRUE(t_.db->Exec("INSERT INTO requests (id, partner_id, product_id, marketplaces, priority, status, "
                                "created_at, updated_at) VALUES (?, ?, ?, ?, 'normal', ?, ?, ?)",
                                {core::NewId("req"), partner, product_, mps.dump(), status, at, at})
                        .ok());
    }
    std::string product_;
};

TEST_F(CardLimit, CountsThisMonthsCardsAndRefusesPastTheLimit) {
    std::string p = Partner("Limit");
    product_ = Product(p, "S1", {100, "UZS"});
    const int64_t limit = PlanFor(core::Tier::kStarter).cards_per_month;
    // Last month's cards and rejected requests do not count.
    Request(p, 4, Month::Of(kJune15).StartMs() - 1, "done");
    Request(p, 4, kJune15, "rejected");
    for (int64_t used = 0; used + 4 <= limit - 2; used += 4) Request(p, 4, kJune15, "submitted");
    int64_t used = (limit - 2) / 4 * 4;
    auto n = CardsOrderedThisMonth(*t_.db, p, kJune15);
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, used);
    EXPECT_TRUE(CheckCardLimit(*t_.db, p, "starter", limit - used, kJune15).ok());
    auto over = CheckCardLimit(*t_.db, p, "starter", limit - used + 1, kJune15);
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(over.error().retry_after_ms, Month::Of(kJune15).EndMs() - kJune15);
    EXPECT_NE(over.error().message.find(std::to_string(limit)), std::string::npos);
    // A higher tier lifts it; enterprise has none.
    EXPECT_TRUE(CheckCardLimit(*t_.db, p, "business", limit - used + 1, kJune15).ok());
    EXPECT_TRUE(CheckCardLimit(*t_.db, p, "enterprise", 1'000'000, kJune15).ok());
    // Next month starts from zero.
    EXPECT_TRUE(CheckCardLimit(*t_.db, p, "starter", limit, Month::Of(kJune15).EndMs()).ok());
}

}  // namespace
}  // namespace by::billing
