// The storage suite: runs against SQLite (label unit) and, with BY_TEST_BACKEND=pg, PostgreSQL (label pg).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "store/postgres/pg_db.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::store {
namespace {

class StoreTest : public ::testing::Test {
  protected:
    StoreTest() : t_(testing::OpenTestDb()), store_(*t_.db, clock_) {}
    testing::TestDb t_;
    testing::FakeClock clock_;
    Store store_;
};

core::Product MakeProduct(const std::string& partner, const std::string& sku) {
    core::Product p;
    p.partner_id = partner;
    p.sku = sku;
    p.name = "Simsiz quloqchin";
    p.category = "headphones";
    p.brand = "Acme";
    p.attributes = {{"color", "qora"}, {"battery_h", 30}};
    p.cost = {10000000, "UZS"};
    p.price = {25000000, "UZS"};
    p.stock = 7;
    return p;
}

TEST_F(StoreTest, MigrationsAreIdempotent) {
    ASSERT_TRUE(Migrate(*t_.db).ok());
    auto rows = t_.db->Query("SELECT COUNT(*) FROM schema_migrations");
    ASSERT_TRUE(rows.ok());
    EXPECT_GE(rows->rows[0].Int(0), 1);
}

TEST_F(StoreTest, PartnerAndOwnerCreatedTogetherAndEmailUnique) {
    auto a = store_.CreatePartnerWithOwner("A", "a@x.uz", "hash");
    ASSERT_TRUE(a.ok());
    auto dup = store_.CreatePartnerWithOwner("B", "a@x.uz", "hash");
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code, core::ErrorCode::kConflict);
    EXPECT_EQ(dup.error().field, "email");
    // The failed registration left no orphan partner behind.
    auto partners = store_.ListPartners({});
    ASSERT_TRUE(partners.ok());
    EXPECT_EQ(partners->items.size(), 1u);
}

TEST_F(StoreTest, ProductsAreTenantScopedAndSkuUniquePerPartner) {
    auto a = *store_.CreatePartnerWithOwner("A", "a@x.uz", "h");
    auto b = *store_.CreatePartnerWithOwner("B", "b@x.uz", "h");
    auto p = store_.CreateProduct(MakeProduct(a.first.id, "SKU-1"));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(store_.CreateProduct(MakeProduct(a.first.id, "SKU-1")).error().code, core::ErrorCode::kConflict);
    EXPECT_TRUE(store_.CreateProduct(MakeProduct(b.first.id, "SKU-1")).ok());
    EXPECT_EQ(store_.GetProduct(b.first.id, p->id).error().code, core::ErrorCode::kNotFound);
    auto got = store_.GetProduct(a.first.id, p->id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->attributes["battery_h"], 30);
    EXPECT_EQ(got->price.amount, 25000000);
}

TEST_F(StoreTest, KeysetPaginationVisitsEveryRowOnce) {
    auto a = *store_.CreatePartnerWithOwner("A", "a@x.uz", "h");
    for (int i = 0; i < 25; ++i) {
        if (i % 3 == 0) clock_.Advance(1);  // several rows share a timestamp
        ASSERT_TRUE(store_.CreateProduct(MakeProduct(a.first.id, "SKU-" + std::to_string(i))).ok());
    }
    std::set<std::string> seen;
    Page page{7, ""};
    int pages = 0;
    while (true) {
        auto list = store_.ListProducts(a.first.id, page);
        ASSERT_TRUE(list.ok());
        for (auto& p : list->items) EXPECT_TRUE(seen.insert(p.id).second);
        ++pages;
        if (list->next_cursor.empty()) break;
        page.cursor = list->next_cursor;
    }
    EXPECT_EQ(seen.size(), 25u);
    EXPECT_EQ(pages, 4);
    EXPECT_FALSE(store_.ListProducts(a.first.id, {5, "not-a-cursor!"}).ok());
}

TEST_F(StoreTest, TransactionRollsBackOnError) {
    auto a = *store_.CreatePartnerWithOwner("A", "a@x.uz", "h");
    auto st = t_.db->Tx([&](SqlConn& c) -> core::Status {
        BY_TRY(store_.Audit("x", a.first.id, "inside", "t", {}, "", &c));
        return core::Error::Conflict("forced");
    });
    EXPECT_FALSE(st.ok());
    auto audit = store_.ListAudit(std::nullopt, {});
    ASSERT_TRUE(audit.ok());
    EXPECT_TRUE(audit->items.empty());
}

TEST_F(StoreTest, DecideRequestIsConditional) {
    auto a = *store_.CreatePartnerWithOwner("A", "a@x.uz", "h");
    auto p = *store_.CreateProduct(MakeProduct(a.first.id, "S"));
    RequestRow r;
    r.partner_id = a.first.id;
    r.product_id = p.id;
    r.marketplaces = {"uzum", "ozon"};
    r.priority = "normal";
    r.status = "submitted";
    auto created = *store_.CreateRequest(r);
    auto approved = store_.DecideRequest(created.id, "submitted", "approved", "admin", "", std::string("high"));
    ASSERT_TRUE(approved.ok());
    EXPECT_EQ(approved->priority, "high");
    EXPECT_EQ(approved->marketplaces, (std::vector<std::string>{"uzum", "ozon"}));
    auto again = store_.DecideRequest(created.id, "submitted", "rejected", "admin", "no", std::nullopt);
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
}

TEST_F(StoreTest, InjectionStringsAreStoredVerbatim) {
    std::string evil = "x'); DROP TABLE products; --\"\\";
    auto a = *store_.CreatePartnerWithOwner(evil, "e@x.uz", "h");
    auto p = MakeProduct(a.first.id, evil.substr(0, 40));
    p.name = evil;
    p.attributes = {{evil, evil}};
    auto created = store_.CreateProduct(p);
    ASSERT_TRUE(created.ok());
    auto got = *store_.GetProduct(a.first.id, created->id);
    EXPECT_EQ(got.name, evil);
    EXPECT_EQ(got.attributes[evil], evil);
    EXPECT_EQ(store_.GetPartner(a.first.id)->company, evil);
}

TEST_F(StoreTest, ConcurrentWritersAllLand) {
    auto a = *store_.CreatePartnerWithOwner("A", "a@x.uz", "h");
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                auto r = t_.db->Tx([&](SqlConn& c) -> core::Status {
                    return store_.Audit("t" + std::to_string(t), a.first.id, "write", std::to_string(i), {}, "", &c);
                });
                if (!r.ok()) failures++;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    auto rows = t_.db->Query("SELECT COUNT(*) FROM audit_log");
    EXPECT_EQ(rows->rows[0].Int(0), 200);
}

TEST(PgPlaceholders, RewritesOutsideLiterals) {
    EXPECT_EQ(RewritePlaceholders("SELECT ?, '?', ?"), "SELECT $1, '?', $2");
}

}  // namespace
}  // namespace by::store
