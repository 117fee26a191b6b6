// A partner with a product in a fresh database (SQLite, or PostgreSQL for the pg variant), and a price
// reader the test controls: a price per card, failures on demand, and a count of reads in flight.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "competitors/price_reader.hpp"
#include "competitors/watch_list.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::competitors {

class FakeReader final : public PriceReader {
  public:
    core::Result<PriceRead> Read(core::Marketplace marketplace, const std::string& card_id) override {
        {
            std::lock_guard lock(mu_);
            ++reads_[card_id];
            int now = ++in_flight_[card_id];
            if (now > max_in_flight_) max_in_flight_ = now;
        }
        if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        if (on_read) on_read(card_id);
        std::lock_guard lock(mu_);
        --in_flight_[card_id];
        if (auto it = fail_.find(card_id); it != fail_.end()) return it->second;
        auto price = prices_.find(card_id);
        if (price == prices_.end()) return core::Error::NotFound("no card " + card_id);
        return PriceRead{price->second, marketplace == core::Marketplace::kUzum ? "UZS" : "RUB", "Card " + card_id};
    }

    void SetPrice(const std::string& card, int64_t amount) {
        std::lock_guard lock(mu_);
        prices_[card] = amount;
    }
    void Fail(const std::string& card, core::Error e) {
        std::lock_guard lock(mu_);
        fail_.insert_or_assign(card, std::move(e));
    }
    void Heal(const std::string& card) {
        std::lock_guard lock(mu_);
        fail_.erase(card);
    }
    int Reads(const std::string& card) {
        std::lock_guard lock(mu_);
        return reads_[card];
    }
    int TotalReads() {
        std::lock_guard lock(mu_);
        int n = 0;
        for (auto& [k, v] : reads_) n += v;
        return n;
    }
    int MaxInFlight() {
        std::lock_guard lock(mu_);
        return max_in_flight_;
    }

    int delay_ms = 0;
    std::function<void(const std::string&)> on_read;

  private:
    std::mutex mu_;
    std::map<std::string, int64_t> prices_;
    std::map<std::string, core::Error> fail_;
    std::map<std::string, int> reads_;
    std::map<std::string, int> in_flight_;
    int max_in_flight_ = 0;
};

class CompetitorsFixture : public ::testing::Test {
  protected:
    CompetitorsFixture() : t_(testing::OpenTestDb(16)), store_(*t_.db, clock_), list_(store_) {
        auto pw = store_.CreatePartnerWithOwner("Do'kon", "seller@x.uz", "h");
        EXPECT_TRUE(pw.ok());
        partner_ = pw->first.id;
        product_ = Product("SKU-1", {250000000, "UZS"});
    }

    std::string Product(const std::string& sku, core::Money price) {
        core::Product p;
        p.partner_id = partner_;
        p.sku = sku;
        p.name = "Telefon";
        p.category = "phones";
        p.brand = "Acme";
        p.cost = {100000000, "UZS"};
        p.price = std::move(price);
        auto made = store_.CreateProduct(p);
        EXPECT_TRUE(made.ok());
        return made.ok() ? made->id : "";
    }

    std::string Watch(const std::string& card_id, core::Marketplace mp = core::Marketplace::kWildberries) {
        auto row = list_.Add(partner_, product_, mp, card_id);
        EXPECT_TRUE(row.ok()) << (row.ok() ? "" : row.error().ToString());
        return row.ok() ? row->id : "";
    }

    int64_t HistoryCount(const std::string& id) {
        auto rows = t_.db->Query("SELECT COUNT(*) FROM competitor_prices WHERE competitor_id = ?", {id});
        EXPECT_TRUE(rows.ok());
        return rows.ok() ? rows->rows[0].Int(0) : -1;
    }

    testing::TestDb t_;
    testing::FakeClock clock_;
    store::Store store_;
    WatchList list_;
    std::string partner_, product_;
};

}  // namespace by::competitors
