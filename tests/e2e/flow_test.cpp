// Issue 13, item 1: a partner signs in, submits a real product with photos for all four marketplaces,
// an admin approves, and the cards go live on the (sandbox) marketplaces with their generated content,
// images fetched by the marketplaces through signed links, and the video; nothing secret in the logs.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "../unit/media/test_images.hpp"
#include "e2e_support.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

using nlohmann::json;
using namespace e2e;

TEST(EndToEnd, ApprovedProductGoesLiveOnAllFourMarketplaces) {
    testing::TempDir dir;
    testing::SpawnedServer server(testing::BinaryPath(), {"run", "--data-dir", dir.path().string(), "--port", "0"},
                                  {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=2"});
    ASSERT_TRUE(server.WaitReady(60000)) << server.output() << server.ReadStderr();

    // The partner submits a real product (a golden one) with two photos, for all four marketplaces.
    Session partner(server.port(), "partner1@demo.uz", "demo-partner-123");
    ASSERT_TRUE(partner.ok());
    // The stored sandbox credentials pass the Test button (decrypted on the audited worker path).
    std::string responses;
    for (const char* mp : {"wildberries", "ozon", "yandex", "uzum"}) {
        auto [ts, tested] = partner.Call("POST", std::string("/api/credentials/") + mp + "/test", "{}");
        EXPECT_EQ(ts, 200) << mp << " " << tested.dump();
        EXPECT_EQ(tested.value("status", ""), "active") << mp << " " << tested.dump();
        responses += tested.dump();
    }
    responses += partner.Call("GET", "/api/credentials").second.dump();
    json product = json::parse(ReadAll(std::filesystem::path(std::getenv("BY_SOURCE_DIR")) /
                                       "tests/golden/products/phones_xiaomi_redmi_note13.json"));
    auto [ps, p] = partner.Call("POST", "/api/products", product.dump());
    ASSERT_EQ(ps, 201) << p.dump();
    std::string pid = p["id"];
    for (int shape : {0, 2}) {
        media::testing::PhotoOptions o;
        o.shape = shape;
        o.style = shape == 0 ? media::testing::PhotoStyle::kStudio : media::testing::PhotoStyle::kBusy;
        auto [s, j] = partner.Call("POST", "/api/products/" + pid + "/photos", media::testing::MakePhoto(o), "image/jpeg");
        ASSERT_EQ(s, 201) << j.dump();
    }
    auto [rs, req] = partner.Call("POST", "/api/requests",
                                  json{{"product_id", pid},
                                       {"marketplaces", {"uzum", "wildberries", "yandex", "ozon"}},
                                       {"priority", "high"}}
                                      .dump());
    ASSERT_EQ(rs, 201) << req.dump();
    std::string rid = req["id"];

    Session admin(server.port(), "admin@demo.uz", "demo-admin-123");
    ASSERT_TRUE(admin.ok());
    auto [as, approved] = admin.Call("POST", "/api/requests/" + rid + "/approve", "{}");
    ASSERT_EQ(as, 200) << approved.dump();

    // The partner watches until every card has an outcome.
    json cards;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(6);
    while (std::chrono::steady_clock::now() < deadline) {
        auto [s, r] = partner.Call("GET", "/api/requests/" + rid);
        ASSERT_EQ(s, 200);
        cards = r["cards"];
        bool done = cards.size() == 4;
        for (const auto& c : cards) done = done && Terminal(c.value("status", ""));
        if (done) break;
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }
    ASSERT_EQ(cards.size(), 4u);
    std::map<std::string, json> by_mp;
    for (const auto& c : cards) by_mp[c["marketplace"]] = c;
    for (const auto& [mp, c] : by_mp) {
        EXPECT_EQ(c["status"], "live") << mp << ": " << c.dump();
        EXPECT_FALSE(c.value("marketplace_ref", "").empty()) << mp;
        for (const auto& st : c["stages"]) EXPECT_EQ(st["status"], "done") << mp << " " << st.dump();
    }

    // The marketplaces hold what we generated: WB's card has our title, our characteristics, and the
    // images it downloaded through our signed links; Ozon and Yandex have the offer by our SKU.
    json urls = SandboxUrls(server.output());
    ASSERT_TRUE(urls.contains("wildberries")) << urls.dump();
    json wb = GetJson(urls["wildberries"].get<std::string>() + "/__sandbox/state");
    json wb_card = wb["documents"]["card"]["seller1/" + product["sku"].get<std::string>()];
    ASSERT_TRUE(wb_card.is_object()) << wb.dump().substr(0, 2000);
    EXPECT_NE(wb_card.value("title", "").find("Redmi Note 13"), std::string::npos);
    EXPECT_EQ(std::to_string(wb_card.value("nmID", 0)), by_mp["wildberries"]["marketplace_ref"].get<std::string>());
    ASSERT_GE(wb_card["photos"].size(), 6u) << "a card needs 6-10 images";
    EXPECT_LE(wb_card["photos"].size(), 10u);
    EXPECT_FALSE(wb_card.value("video", "").empty());
    EXPECT_GE(wb["counters"]["media"]["seller1/" + product["sku"].get<std::string>()].get<int>(), 1);

    // A signed link serves the image to anyone; a changed signature or expiry serves nothing.
    std::string link = wb_card["photos"][0];
    auto path_at = link.find("/media/");
    ASSERT_NE(path_at, std::string::npos);
    httplib::Client media("127.0.0.1", server.port());
    auto img = media.Get(link.substr(path_at));
    ASSERT_TRUE(img);
    EXPECT_EQ(img->status, 200);
    EXPECT_EQ(img->get_header_value("Content-Type"), "image/jpeg");
    std::string forged = link.substr(path_at);
    forged[forged.size() - 1] = forged.back() == '0' ? '1' : '0';
    EXPECT_EQ(media.Get(forged)->status, 404);
    std::string later = link.substr(path_at);
    later.replace(later.find("?e=") + 3, 1, "9");
    EXPECT_EQ(media.Get(later)->status, 404);

    json ozon = GetJson(urls["ozon"].get<std::string>() + "/__sandbox/state");
    EXPECT_NE(ozon["documents"].dump().find(product["sku"].get<std::string>()), std::string::npos);
    json yandex = GetJson(urls["yandex"].get<std::string>() + "/__sandbox/state");
    EXPECT_NE(yandex["documents"].dump().find(product["sku"].get<std::string>()), std::string::npos);

    // Going live pushed the product's stock (40) to every marketplace; a price and stock change then
    // reaches every marketplace where the card is live.
    const std::string sku = product["sku"];
    auto wait_stock = [&](const std::string& mp, int64_t want) {
        auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (MarketplaceStock(urls, mp, sku) != want && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        return MarketplaceStock(urls, mp, sku);
    };
    auto price_updates = [&](const std::string& mp) {
        std::string base = urls[mp].get<std::string>();
        if (auto cut = base.find("/api/seller-openapi"); cut != std::string::npos) base.resize(cut);
        return GetJson(base + "/__sandbox/state")["counters"].value("price", json::object()).value("seller1/" + sku, 0);
    };
    std::map<std::string, int> prices_before;
    for (const char* mp : {"wildberries", "ozon", "yandex", "uzum"}) {
        EXPECT_EQ(wait_stock(mp, 40), 40) << mp << ": the stock did not follow the card on sale";
        prices_before[mp] = price_updates(mp);
    }
    auto [pt, patched] = partner.Call("PATCH", "/api/products/" + pid,
                                      json{{"price", {{"amount", 389900000}, {"currency", "UZS"}}}, {"stock", 17}}.dump());
    ASSERT_EQ(pt, 200) << patched.dump();
    for (const char* mp : {"wildberries", "ozon", "yandex", "uzum"}) {
        EXPECT_EQ(wait_stock(mp, 17), 17) << mp << ": the new stock did not arrive";
        EXPECT_GT(price_updates(mp), prices_before[mp]) << mp << ": the new price did not arrive";
    }

    // The same run, as an operator sees it on /metrics.
    auto metrics = media.Get("/metrics");
    ASSERT_TRUE(metrics);
    for (const char* series : {"by_cards_total{marketplace=\"wildberries\",outcome=\"live\"}",
                               "by_marketplace_requests_total{marketplace=\"ozon\",status=\"200\"}",
                               "by_stage_duration_seconds_bucket{stage=\"video\"", "by_queue_in_flight",
                               "by_http_requests_total{method=\"POST\",route=\"/api/requests/{id}/approve\",status=\"200\"}"}) {
        EXPECT_NE(metrics->body.find(series), std::string::npos) << series;
    }

    // No marketplace secret in any log: the demo credentials are the sandbox's seller1.
    json accounts = GetJson(urls["wildberries"].get<std::string>() + "/__sandbox/accounts");
    json seller1 = accounts["sellers"][0];
    EXPECT_EQ(server.Stop(SIGTERM), 0);
    std::string logs = ReadAll(dir.path() / "logs" / "biznesyordam.log") + server.ReadStderr() + server.output();
    std::string database = ReadAll(dir.path() / "biznesyordam.db") + ReadAll(dir.path() / "biznesyordam.db-wal");
    ASSERT_GT(database.size(), 10000u);
    for (const std::string& secret :
         {seller1["wildberries"]["token"].get<std::string>(), seller1["ozon"]["api_key"].get<std::string>(),
          seller1["yandex"]["api_key"].get<std::string>(), seller1["uzum"]["token"].get<std::string>(),
          seller1["uzum"]["cabinet"]["password"].get<std::string>()}) {
        ASSERT_FALSE(secret.empty());
        EXPECT_EQ(logs.find(secret), std::string::npos) << "a marketplace secret leaked into the logs";
        EXPECT_EQ(responses.find(secret), std::string::npos) << "a marketplace secret reached an API response";
        EXPECT_EQ(database.find(secret), std::string::npos) << "a marketplace secret is in the database in clear";
    }
}

}  // namespace
}  // namespace by
