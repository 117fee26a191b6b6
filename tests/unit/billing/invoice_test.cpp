#include <gtest/gtest.h>

#include "billing/plans.hpp"
#include "billing_fixture.hpp"

namespace by::billing {
namespace {

OrderLine Line(core::Marketplace m, int64_t qty, core::Money price, core::Money cost, std::string status = "new") {
    static int n = 0;
    OrderLine o;
    o.order_id = "o" + std::to_string(++n);
    o.order_ref = "r" + std::to_string(n);
    o.sku = "S";
    o.marketplace = m;
    o.quantity = qty;
    o.unit_price = std::move(price);
    o.unit_cost = std::move(cost);
    o.product_known = true;
    o.category = "phones";
    o.status = std::move(status);
    return o;
}

InvoiceInput Input(const std::string& tier, bool addon = false) {
    InvoiceInput in;
    in.partner_id = "p1";
    in.company = "Acme";
    in.month = *Month::Parse("2025-06");
    in.subscription = {"s1", "p1", tier, addon, 0, 0, ""};
    return in;
}

int64_t SumOf(const nlohmann::json& lines, const char* field) {
    int64_t s = 0;
    for (const auto& l : lines) s += Amt(l[field]);
    return s;
}

TEST(Invoice, HandComputedMonthWithALossLineAndAnExcludedOne) {
    InvoiceInput in = Input("starter", true);
    // 2 × 100 000 so'm, cost 60 000: revenue 200 000, commission 20 000, logistics 100, cost 120 000 -> 59 900.
    in.orders.push_back(Line(core::Marketplace::kUzum, 2, {10'000'000, "UZS"}, {6'000'000, "UZS"}));
    // 1 × 50 000 so'm, cost 55 000: 50 000 − 5 000 − 50 − 55 000 = −10 050.
    in.orders.push_back(Line(core::Marketplace::kUzum, 1, {5'000'000, "UZS"}, {5'500'000, "UZS"}));
    in.orders.push_back(Line(core::Marketplace::kUzum, 7, {5'000'000, "UZS"}, {1, "UZS"}, "cancelled"));
    auto inv = ComputeInvoice(in, TestFees(), {});
    ASSERT_TRUE(inv.ok()) << inv.error().ToString();
    const auto& j = *inv;
    EXPECT_EQ(Amt(j["totals"]["revenue"]), 25'000'000);
    EXPECT_EQ(Amt(j["totals"]["commission"]), 2'500'000);
    EXPECT_EQ(Amt(j["totals"]["logistics"]), 15'000);
    EXPECT_EQ(Amt(j["totals"]["cost"]), 17'500'000);
    EXPECT_EQ(Amt(j["totals"]["profit"]), 4'985'000);
    EXPECT_EQ(Amt(j["profit_share"]), 2'492'500);  // 50 % of 49 850 so'm
    EXPECT_EQ(Amt(j["subscription_fee"]), 300'000'000);
    EXPECT_EQ(Amt(j["ai_addon_fee"]), 100'000'000);
    EXPECT_EQ(Amt(j["total"]), 402'492'500);
    ASSERT_EQ(j["lines"].size(), 2u);
    EXPECT_EQ(Amt(j["lines"][0]["profit_share"]), 2'995'000);  // in proportion to 59 900 : −10 050
    EXPECT_EQ(Amt(j["lines"][1]["profit_share"]), -502'500);
    ASSERT_EQ(j["excluded"].size(), 1u);
    EXPECT_EQ(j["excluded"][0]["reason"], "cancelled");
}

TEST(Invoice, LossMonthOwesNoShare) {
    InvoiceInput in = Input("business");
    in.orders.push_back(Line(core::Marketplace::kUzum, 1, {5'000'000, "UZS"}, {5'500'000, "UZS"}));
    auto inv = ComputeInvoice(in, TestFees(), {});
    ASSERT_TRUE(inv.ok());
    EXPECT_LT(Amt((*inv)["totals"]["profit"]), 0);
    EXPECT_EQ(Amt((*inv)["profit_share"]), 0);
    EXPECT_EQ(Amt((*inv)["lines"][0]["profit_share"]), 0);
    EXPECT_EQ(Amt((*inv)["total"]), PlanFor(core::Tier::kBusiness).monthly_fee);
}

TEST(Invoice, HalfUnitsRoundOnceOnTheTotalNotPerLine) {
    // Three sales at 5 tiyin: each commission is 0.5 tiyin. Rounding per line would charge 3; the exact
    // total is 1.5 -> 2, and the lines shown add up to it.
    InvoiceInput in = Input("starter");
    for (int i = 0; i < 3; ++i) in.orders.push_back(Line(core::Marketplace::kUzum, 1, {5, "UZS"}, {0, "UZS"}));
    auto fees = economics::FeeTable::Parse(core::Marketplace::kUzum,
                                           "category,rate,value,unit,price_from,scheme,as_of,source,note\n"
                                           "*,commission,10,%,,FBO,2025,test,\n");
    ASSERT_TRUE(fees.ok());
    auto inv = ComputeInvoice(in, *fees, {});
    ASSERT_TRUE(inv.ok());
    EXPECT_EQ(Amt((*inv)["totals"]["commission"]), 2);
    EXPECT_EQ(SumOf((*inv)["lines"], "commission"), 2);
    EXPECT_EQ(Amt((*inv)["totals"]["profit"]), 13);
    EXPECT_EQ(Amt((*inv)["profit_share"]), 7);  // 6.5 -> 7
    EXPECT_EQ(SumOf((*inv)["lines"], "profit_share"), 7);
}

TEST(Invoice, RoublesAreConvertedAndUnknownRatesFlagged) {
    InvoiceInput in = Input("enterprise");
    // 1 000 RUB at 148.27 = 148 270 so'm; Wildberries has no rates in the test table.
    in.orders.push_back(Line(core::Marketplace::kWildberries, 1, {100'000, "RUB"}, {10'000'000, "UZS"}));
    auto inv = ComputeInvoice(in, TestFees(), economics::FxRate::FromDecimal(148.27));
    ASSERT_TRUE(inv.ok());
    EXPECT_EQ(Amt((*inv)["totals"]["revenue"]), 14'827'000);
    EXPECT_EQ(Amt((*inv)["totals"]["profit"]), 4'827'000);
    EXPECT_EQ(Amt((*inv)["profit_share"]), 482'700);  // 10 %
    EXPECT_EQ((*inv)["lines"][0]["unknown_rates"], nlohmann::json({"commission", "logistics"}));
    EXPECT_EQ((*inv)["uzs_per_rub"], "148.27");
}

TEST(Invoice, ManyAwkwardLinesAddUpExactly) {
    auto fees = economics::FeeTable::Parse(core::Marketplace::kUzum,
                                           "category,rate,value,unit,price_from,scheme,as_of,source,note\n"
                                           "*,commission,12.35,%,,FBO,2025,test,\n"
                                           "*,logistics,7.77,RUB,,FBO,2025,test,\n");
    ASSERT_TRUE(fees.ok());
    for (const char* tier : {"starter", "business", "professional", "enterprise"}) {
        InvoiceInput in = Input(tier);
        uint64_t s = 99;
        auto next = [&s] { return s = s * 6364136223846793005ULL + 1442695040888963407ULL; };
        for (int i = 0; i < 400; ++i) {
            bool rub = next() % 3 == 0;
            int64_t price = static_cast<int64_t>(next() % 2'000'000) + 1;
            int64_t cost = static_cast<int64_t>(next() % 2'500'000);
            in.orders.push_back(Line(core::Marketplace::kUzum, static_cast<int64_t>(next() % 5) + 1,
                                     {price, rub ? "RUB" : "UZS"}, {cost, "UZS"}));
        }
        auto inv = ComputeInvoice(in, *fees, economics::FxRate::FromDecimal(148.27));
        ASSERT_TRUE(inv.ok());
        const auto& j = *inv;
        for (const char* col : {"revenue", "commission", "logistics", "cost", "profit"}) {
            EXPECT_EQ(SumOf(j["lines"], col), Amt(j["totals"][col])) << tier << " " << col;
        }
        for (const auto& l : j["lines"]) {
            ASSERT_EQ(Amt(l["revenue"]) - Amt(l["commission"]) - Amt(l["logistics"]) - Amt(l["cost"]), Amt(l["profit"]));
        }
        int64_t profit = Amt(j["totals"]["profit"]);
        int64_t bp = PlanFor(*core::ParseTier(tier)).profit_share_bp;
        int64_t expected_share = profit > 0 ? (2 * profit * bp + 10000) / 20000 : 0;  // half up, once
        EXPECT_EQ(Amt(j["profit_share"]), expected_share) << tier;
        EXPECT_EQ(SumOf(j["lines"], "profit_share"), expected_share) << tier;
        EXPECT_EQ(Amt(j["total"]), PlanFor(*core::ParseTier(tier)).monthly_fee + expected_share);
    }
}

class InvoiceStore : public BillingDb {};

TEST_F(InvoiceStore, FinishedMonthIsIssuedOnceRunningMonthIsADraft) {
    std::string p = Partner("Acme");
    Product(p, "PH-1", {6'000'000, "UZS"});
    Order(p, "uzum", "PH-1", 2, {10'000'000, "UZS"}, kJune15 + 1000);
    Order(p, "uzum", "UNKNOWN-SKU", 1, {10'000'000, "UZS"}, kJune15 + 2000);
    Order(p, "uzum", "PH-1", 1, {10'000'000, "UZS"}, Month::Of(kJune15).EndMs());  // July: not in June
    auto fees = TestFees();
    InvoiceService svc(*t_.db, fees, {});
    Month june = Month::Of(kJune15);
    // During June: a draft, not stored.
    auto draft = svc.ForMonth(p, june, kJune15 + 5000);
    ASSERT_TRUE(draft.ok()) << draft.error().ToString();
    EXPECT_EQ((*draft)["status"], "draft");
    EXPECT_EQ((*draft)["lines"].size(), 1u);
    EXPECT_EQ((*draft)["excluded"][0]["reason"], "unknown_product");
    EXPECT_EQ(Amt((*draft)["totals"]["profit"]), 5'990'000);
    // After June: issued and stored; a later order change does not alter the issued invoice.
    int64_t july2 = june.EndMs() + 86'400'000;
    auto issued = svc.ForMonth(p, june, july2);
    ASSERT_TRUE(issued.ok());
    EXPECT_EQ((*issued)["status"], "issued");
    ASSERT_TRUE(t_.db->Exec("UPDATE orders SET quantity = 50 WHERE partner_id = ?", {p}).ok());
    auto again = svc.ForMonth(p, june, july2 + 5000);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *issued);
    auto count = t_.db->Query("SELECT COUNT(*) FROM invoices WHERE partner_id = ?", {p});
    ASSERT_TRUE(count.ok());
    EXPECT_EQ(count->rows[0].Int(0), 1);
    // Before the partner existed there is no subscription; the future is refused.
    EXPECT_EQ(svc.ForMonth(p, june.Prev(), july2).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(svc.ForMonth(p, june.Next().Next(), july2).error().code, core::ErrorCode::kUnprocessable);
}

TEST_F(InvoiceStore, PrintablePageIsEscapedAndTranslated) {
    std::string p = Partner("Acme <&> Co");
    Product(p, "PH-1", {6'000'000, "UZS"});
    Order(p, "uzum", "PH-1", 2, {10'000'000, "UZS"}, kJune15 + 1000);
    auto fees = TestFees();
    auto inv = InvoiceService(*t_.db, fees, {}).Draft(p, Month::Of(kJune15));
    ASSERT_TRUE(inv.ok());
    std::string uz = RenderInvoiceHtml(*inv, "", "/x.css");
    EXPECT_NE(uz.find("Hisob-faktura"), std::string::npos);
    EXPECT_NE(uz.find("Acme &lt;&amp;&gt; Co"), std::string::npos);
    EXPECT_EQ(uz.find("Acme <&>"), std::string::npos);
    EXPECT_NE(uz.find("3\u00a0000\u00a0000.00"), std::string::npos);  // the starter fee
    EXPECT_EQ(uz.find("<script"), std::string::npos);
    EXPECT_NE(uz.find("href=\"/x.css\""), std::string::npos);
    EXPECT_EQ(uz.find("http"), std::string::npos);  // nothing fetched from elsewhere
    EXPECT_NE(RenderInvoiceHtml(*inv, "ru", "/x.css").find("Счёт"), std::string::npos);
    EXPECT_NE(RenderInvoiceHtml(*inv, "en", "/x.css").find("Total due"), std::string::npos);
}

}  // namespace
}  // namespace by::billing
