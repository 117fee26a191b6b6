// Small fee tables written in the tests, so every expected figure can be worked out by hand.
#pragma once

#include <gtest/gtest.h>

#include "economics/calculator.hpp"

namespace by::economics {

// uzum: commission 10 %, logistics 50 so'm a unit, acquiring 2 %, tax 4 % (16 % of the price in all).
inline FeeTable SimpleTable() {
    auto t = FeeTable::Parse(core::Marketplace::kUzum,
                             "category,rate,value,unit,price_from,scheme,as_of,source,note\n"
                             "*,commission,10,%,,FBO,2025-01-01,test,\n"
                             "*,logistics,50,UZS,,FBO,2025-01-01,test,\n"
                             "*,acquiring,2,%,,all,2025-01-01,test,\n"
                             "*,tax,4,%,,all,2025-01-01,test,\n");
    EXPECT_TRUE(t.ok()) << t.error().ToString();
    return *t;
}

inline core::Money Uzs(int64_t minor) { return {minor, "UZS"}; }
inline core::Money Rub(int64_t minor) { return {minor, "RUB"}; }

inline SaleInput Sale(core::Marketplace m, const std::string& category, core::Money cost, core::Money price) {
    SaleInput in;
    in.marketplace = m;
    in.category = category;
    in.cost = std::move(cost);
    in.price = std::move(price);
    return in;
}

inline const AppliedRate& RateOf(const Breakdown& b, RateName n) {
    for (const auto& r : b.rates) {
        if (r.name == n) return r;
    }
    ADD_FAILURE() << "no rate " << RateNameText(n);
    return b.rates.front();
}

}  // namespace by::economics
