#include <gtest/gtest.h>

#include "billing/business.hpp"
#include "billing/plans.hpp"
#include "billing_fixture.hpp"

namespace by::billing {
namespace {

constexpr int64_t kDay = 86'400'000;

class SubscriptionsTest : public BillingDb {};

TEST_F(SubscriptionsTest, ImplicitThenChangedThenCancelled) {
    std::string p = Partner("Acme");
    Subscriptions subs(*t_.db);
    auto cur = subs.Current(p);
    ASSERT_TRUE(cur.ok()) << cur.error().ToString();
    EXPECT_EQ(cur->tier, "starter");
    EXPECT_EQ(cur->started_at, kJune15);  // from the partner's creation
    // Asking again does not add rows.
    ASSERT_TRUE(subs.Current(p).ok());
    EXPECT_EQ(subs.History(p)->size(), 1u);

    auto next = subs.Change(p, core::Tier::kBusiness, true, kJune15 + kDay);
    ASSERT_TRUE(next.ok()) << next.error().ToString();
    EXPECT_EQ(store_.GetPartner(p)->tier, "business");  // priority and limits follow
    // The same figures again change nothing.
    ASSERT_TRUE(subs.Change(p, core::Tier::kBusiness, true, kJune15 + 2 * kDay).ok());
    auto h = subs.History(p);
    ASSERT_EQ(h->size(), 2u);
    EXPECT_EQ((*h)[0].ended_at, kJune15 + kDay);
    EXPECT_EQ((*h)[0].end_reason, "changed");
    EXPECT_TRUE((*h)[1].open());
    EXPECT_TRUE((*h)[1].ai_addon);

    ASSERT_TRUE(subs.Cancel(p, kJune15 + 3 * kDay).ok());
    EXPECT_EQ(subs.Current(p).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(subs.Cancel(p, kJune15 + 4 * kDay).error().code, core::ErrorCode::kNotFound);
    // The month's invoice goes by the last subscription in it.
    auto s = SubscriptionForMonth(*subs.History(p), Month::Of(kJune15));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->tier, "business");
    EXPECT_FALSE(SubscriptionForMonth(*subs.History(p), Month::Of(kJune15).Next()));
}

TEST_F(SubscriptionsTest, BusinessFiguresForAMonth) {
    Month june = Month::Of(kJune15);
    // Three partners created in May, so all are subscribed on June 1.
    clock_.SetNowMs(june.StartMs() - 10 * kDay);
    std::string a = Partner("A"), b = Partner("B"), c = Partner("C");
    std::string prod = Product(a, "A1", {6'000'000, "UZS"});
    Subscriptions subs(*t_.db);
    ASSERT_TRUE(subs.Change(b, core::Tier::kProfessional, true, june.StartMs() - kDay).ok());
    ASSERT_TRUE(subs.Current(a).ok());
    ASSERT_TRUE(subs.Current(c).ok());
    // In June: C cancels, A sells (2 × 100 000 so'm at a 60 000 cost -> 59 900 so'm profit, 50 % share).
    ASSERT_TRUE(subs.Cancel(c, kJune15).ok());
    Order(a, "uzum", "A1", 2, {10'000'000, "UZS"}, kJune15);
    // Cards made in June by A: 3 live, 1 failed, 1 still running.
    ASSERT_TRUE(t_.db->Exec("INSERT INTO requests (id, partner_id, product_id, marketplaces, priority, status, "
                            "created_at, updated_at) VALUES ('r1', ?, ?, '[]', 'normal', 'done', ?, ?)",
                            {a, prod, kJune15, kJune15})
                    .ok());
    for (const char* st : {"live", "live", "live", "failed", "images"}) {
        ASSERT_TRUE(t_.db->Exec("INSERT INTO cards (id, request_id, partner_id, product_id, marketplace, status, "
                                "created_at, updated_at) VALUES (?, 'r1', ?, ?, ?, ?, ?, ?)",
                                {core::NewId("crd"), a, prod, core::NewId("mp"), std::string(st), kJune15, kJune15})
                        .ok());
    }
    auto fees = TestFees();
    auto f = BusinessFigures(*t_.db, fees, {}, june, june.EndMs() + kDay);
    ASSERT_TRUE(f.ok()) << f.error().ToString();
    const auto& j = *f;
    // MRR at the month's end: A starter (3M) + B professional with the add-on (18M + 1M).
    EXPECT_EQ(Amt(j["mrr"]), (3'000'000 + 18'000'000 + 1'000'000) * 100LL);
    EXPECT_EQ(j["active_at_start"], 3);
    EXPECT_EQ(j["churned"], 1);
    EXPECT_EQ(j["churn_bp"], 3333);
    int64_t share_a = 5'990'000 / 2;
    for (const auto& t : j["per_tier"]) {
        if (t["tier"] == "starter") {
            EXPECT_EQ(t["partners"], 2);  // A, and C who was starter until it left
            EXPECT_EQ(Amt(t["fees"]), 2 * 300'000'000LL);
            EXPECT_EQ(Amt(t["profit_share"]), share_a);
        }
        if (t["tier"] == "professional") EXPECT_EQ(Amt(t["revenue"]), 1'900'000'000LL);
        if (t["tier"] == "enterprise") EXPECT_EQ(t["partners"], 0);
    }
    EXPECT_EQ(Amt(j["revenue"]), 2 * 300'000'000LL + share_a + 1'900'000'000LL);
    bool seen_a = false;
    for (const auto& p : j["partners"]) {
        if (p["partner_id"] != a) continue;
        seen_a = true;
        EXPECT_EQ(p["cards_made"], 5);
        EXPECT_EQ(p["cards_live"], 3);
        EXPECT_EQ(p["success_rate_bp"], 7500);  // 3 live of 4 finished
        EXPECT_EQ(Amt(p["profit_share"]), share_a);
    }
    EXPECT_TRUE(seen_a);
}

}  // namespace
}  // namespace by::billing
