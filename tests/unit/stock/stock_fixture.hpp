// A partner with products and live cards in a fresh database (SQLite, or PostgreSQL for the pg variant).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stock/order_ledger.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::stock {

class StockFixture : public ::testing::Test {
  protected:
    StockFixture() : t_(testing::OpenTestDb(16)), store_(*t_.db, clock_) {
        auto pw = store_.CreatePartnerWithOwner("Do'kon", "seller@x.uz", "h");
        EXPECT_TRUE(pw.ok());
        partner_ = pw->first.id;
    }

    std::string Product(const std::string& sku, int64_t stock) {
        core::Product p;
        p.partner_id = partner_;
        p.sku = sku;
        p.name = "Telefon";
        p.category = "phones";
        p.brand = "Acme";
        p.cost = {100000000, "UZS"};
        p.price = {250000000, "UZS"};
        p.stock = stock;
        auto made = store_.CreateProduct(p);
        EXPECT_TRUE(made.ok());
        return made->id;
    }

    // A live card of the product on each marketplace.
    void Live(const std::string& product_id, const std::vector<std::string>& marketplaces) {
        store::RequestRow r;
        r.partner_id = partner_;
        r.product_id = product_id;
        r.marketplaces = marketplaces;
        r.priority = "normal";
        r.status = "done";
        auto req = store_.CreateRequest(r);
        ASSERT_TRUE(req.ok());
        for (const auto& mp : marketplaces) {
            store::CardRow c;
            c.id = "card-" + product_id + "-" + mp;
            c.request_id = req->id;
            c.partner_id = partner_;
            c.product_id = product_id;
            c.marketplace = mp;
            c.status = "live";
            ASSERT_TRUE(store_.CreateCard(c).ok());
        }
    }

    int64_t Stock(const std::string& product_id) {
        auto p = store_.GetProduct(partner_, product_id);
        EXPECT_TRUE(p.ok());
        return p.ok() ? p->stock : -1;
    }

    testing::TestDb t_;
    testing::FakeClock clock_;
    store::Store store_;
    std::string partner_;
};

inline marketplaces::OrderLine Line(const std::string& id, const std::string& sku, int64_t qty,
                                    const std::string& status = "new") {
    marketplaces::OrderLine l;
    l.order_id = id;
    l.sku = sku;
    l.quantity = qty;
    l.status = status;
    l.created_at_ms = 1'750'000'000'000;
    return l;
}

}  // namespace by::stock
