// A test database with partners, products and orders written directly, for the billing suites.
#pragma once

#include <gtest/gtest.h>

#include "billing/invoice.hpp"
#include "core/ids.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::billing {

// 2025-06-15T00:00:00Z
inline constexpr int64_t kJune15 = 1'749'945'600'000;

// uzum: commission 10 %, logistics 50 so'm; nothing for the other marketplaces.
inline economics::FeeTable TestFees() {
    auto t = economics::FeeTable::Parse(core::Marketplace::kUzum,
                                        "category,rate,value,unit,price_from,scheme,as_of,source,note\n"
                                        "*,commission,10,%,,FBO,2025-01-01,test,\n"
                                        "*,logistics,50,UZS,,FBO,2025-01-01,test,\n");
    EXPECT_TRUE(t.ok());
    return *t;
}

class BillingDb : public ::testing::Test {
  protected:
    BillingDb() : t_(testing::OpenTestDb()), clock_(kJune15), store_(*t_.db, clock_) {}

    std::string Partner(const std::string& company) {
        auto r = store_.CreatePartnerWithOwner(company, company + "@t.uz", "x");
        EXPECT_TRUE(r.ok()) << r.error().ToString();
        return r->first.id;
    }
    std::string Product(const std::string& partner, const std::string& sku, core::Money cost,
                        const std::string& category = "phones") {
        core::Product p;
        p.partner_id = partner;
        p.sku = sku;
        p.name = sku;
        p.category = category;
        p.brand = "B";
        p.cost = cost;
        p.price = cost;
        auto r = store_.CreateProduct(p);
        EXPECT_TRUE(r.ok()) << r.error().ToString();
        return r->id;
    }
    void Order(const std::string& partner, const std::string& mp, const std::string& sku, int64_t qty,
               core::Money unit_price, int64_t at_ms, const std::string& status = "new") {
        auto r = t_.db->Exec("INSERT INTO orders (id, partner_id, marketplace, order_ref, sku, product_id, quantity, "
                             "unit_price, currency, status, ordered_at, seen_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                             {core::NewId("ord"), partner, mp, core::NewId("ref"), sku, qty, unit_price.amount,
                              unit_price.currency, status, at_ms, at_ms});
        ASSERT_TRUE(r.ok()) << r.error().ToString();
    }

    testing::TestDb t_;
    testing::FakeClock clock_;
    store::Store store_;
};

inline int64_t Amt(const nlohmann::json& money) { return money.at("amount").get<int64_t>(); }

}  // namespace by::billing
