// Issue 12, item 1: one stock figure per SKU. The real binary under `run` (sandbox marketplaces, orders
// polled every second, sandbox limits 30x faster), a product live on all four marketplaces, and buyers
// ordering on all four at the same moment, round after round, until it is sold out. Each order lowers
// the one figure and the new figure reaches every marketplace; when it gets low it is split so that the
// marketplaces together never offer more than there is. At the end: every unit sold exactly once, no
// overselling, the same figure (zero) everywhere.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>
#include <vector>

#include "../unit/media/test_images.hpp"
#include "e2e_support.hpp"
#include "stock/allocation.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

using nlohmann::json;
using namespace e2e;

const std::vector<std::string> kMarketplaces = {"wildberries", "ozon", "yandex", "uzum"};
constexpr int64_t kSplitBelow = 8;

// One buyer's order on a sandbox marketplace: true when the storefront sold it, false when it had none left.
bool Buy(const json& urls, const std::string& mp, const std::string& sku) {
    std::string base = urls[mp].get<std::string>();
    if (auto cut = base.find("/api/seller-openapi"); cut != std::string::npos) base.resize(cut);
    auto slash = base.find('/', 7);
    httplib::Client c(base.substr(0, slash));
    auto r = c.Post("/__sandbox/orders", json{{"seller", "seller1"}, {"sku", sku}, {"quantity", 1}}.dump(),
                    "application/json");
    EXPECT_TRUE(r && (r->status == 200 || r->status == 201 || r->status == 409)) << mp << (r ? r->body : "");
    return r && r->status < 300;
}

TEST(StockSync, ConcurrentOrdersOnAllFourNeverOversellAndEndTheSameEverywhere) {
    testing::TempDir dir;
    testing::SpawnedServer server(testing::BinaryPath(), {"run", "--data-dir", dir.path().string(), "--port", "0"},
                                  {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=3", "BY_VIDEO=0",
                                   "BY_ORDERS_INTERVAL_MS=1000", "BY_SANDBOX_TIME_SCALE=30",
                                   "BY_STOCK_SPLIT_BELOW=" + std::to_string(kSplitBelow)});
    ASSERT_TRUE(server.WaitReady(60000)) << server.output() << server.ReadStderr();
    json urls = SandboxUrls(server.output());
    ASSERT_EQ(urls.size(), 5u) << server.output();

    Session partner(server.port(), "partner1@demo.uz", "demo-partner-123");
    ASSERT_TRUE(partner.ok());
    json product = json::parse(ReadAll(std::filesystem::path(std::getenv("BY_SOURCE_DIR")) /
                                       "tests/golden/products/phones_xiaomi_redmi_note13.json"));
    product["stock"] = 20;
    const std::string sku = product["sku"];
    auto [ps, p] = partner.Call("POST", "/api/products", product.dump());
    ASSERT_EQ(ps, 201) << p.dump();
    const std::string pid = p["id"];
    for (int shape : {0, 2}) {
        media::testing::PhotoOptions o;
        o.shape = shape;
        auto [s, j] = partner.Call("POST", "/api/products/" + pid + "/photos", media::testing::MakePhoto(o), "image/jpeg");
        ASSERT_EQ(s, 201) << j.dump();
    }
    auto [rs, req] = partner.Call("POST", "/api/requests",
                                  json{{"product_id", pid}, {"marketplaces", kMarketplaces}, {"priority", "high"}}.dump());
    ASSERT_EQ(rs, 201) << req.dump();
    Session admin(server.port(), "admin@demo.uz", "demo-admin-123");
    ASSERT_TRUE(admin.ok());
    ASSERT_EQ(admin.Call("POST", "/api/requests/" + req["id"].get<std::string>() + "/approve", "{}").first, 200);

    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(6);
    int live = 0;
    json cards;
    while (std::chrono::steady_clock::now() < deadline && live < 4) {
        auto [s, r] = partner.Call("GET", "/api/requests/" + req["id"].get<std::string>());
        ASSERT_EQ(s, 200);
        live = 0;
        bool over = true;
        cards = r["cards"];
        for (const auto& c : r["cards"]) {
            live += c["status"] == "live";
            over = over && Terminal(c.value("status", ""));
        }
        if (over) break;
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    ASSERT_EQ(live, 4) << "every card must be live before buyers come: " << cards.dump();

    auto our_stock = [&] { return partner.Call("GET", "/api/products/" + pid).second.value("stock", int64_t{-1}); };
    // Waits until we hold `want` and every marketplace shows its figure for it; false on timeout.
    auto converged = [&](int64_t want) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (std::chrono::steady_clock::now() < until) {
            bool ok = our_stock() == want;
            for (const auto& mp : kMarketplaces) {
                ok = ok && MarketplaceStock(urls, mp, sku) == stock::FigureFor(want, mp, kMarketplaces, kSplitBelow);
            }
            if (ok) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
        return false;
    };
    auto shown = [&] {
        std::string s;
        for (const auto& mp : kMarketplaces) s += mp + "=" + std::to_string(MarketplaceStock(urls, mp, sku)) + " ";
        s += "ours=" + std::to_string(our_stock()) + "\nsync and order lines of the log:\n";
        std::istringstream log(ReadAll(dir.path() / "logs" / "biznesyordam.log"));
        for (std::string line; std::getline(log, line);) {
            if (line.find("sync") != std::string::npos || line.find("orders_") != std::string::npos ||
                line.find("\"warn\"") != std::string::npos || line.find("\"error\"") != std::string::npos) {
                s += line.substr(0, 400) + "\n";
            }
        }
        return s;
    };
    ASSERT_TRUE(converged(20)) << shown();

    // Rounds of four buyers at once, one per marketplace, until the product is sold out.
    int64_t sold = 0;
    for (int round = 0; round < 30; ++round) {
        std::atomic<int> accepted{0};
        std::vector<std::thread> buyers;
        for (const auto& mp : kMarketplaces) {
            buyers.emplace_back([&, mp] {
                if (Buy(urls, mp, sku)) ++accepted;
            });
        }
        for (auto& b : buyers) b.join();
        sold += accepted.load();
        ASSERT_LE(sold, 20) << "oversold in round " << round;
        if (accepted.load() == 0) break;
        ASSERT_TRUE(converged(20 - sold)) << "round " << round << ": " << shown();
        if (20 - sold > kSplitBelow) {
            // Plenty: one figure, the same on every marketplace.
            for (const auto& mp : kMarketplaces) EXPECT_EQ(MarketplaceStock(urls, mp, sku), 20 - sold) << mp;
        }
    }
    EXPECT_EQ(sold, 20) << "every unit sells, none twice";
    EXPECT_EQ(our_stock(), 0);
    for (const auto& mp : kMarketplaces) EXPECT_EQ(MarketplaceStock(urls, mp, sku), 0) << mp;

    // The partner sees every order, each once, none oversold.
    auto [os, orders] = partner.Call("GET", "/api/orders?product_id=" + pid + "&limit=100");
    ASSERT_EQ(os, 200) << orders.dump();
    int64_t units = 0, oversold = 0;
    for (const auto& o : orders["items"]) {
        units += o["quantity"].get<int64_t>();
        oversold += o["oversold"].get<int64_t>();
    }
    EXPECT_EQ(units, 20);
    EXPECT_EQ(oversold, 0);
    EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace by
