// The many-process setup on one machine: PostgreSQL (the store and the queue), `biznesyordam sandbox`,
// two `serve` processes (the API; the second also serves the signed media links, as nginx would route
// them) and three `worker` processes sharing one data dir for assets and keys. A partner stores
// credentials and submits products through either server, an admin approves them; one worker is killed
// with SIGKILL, started again and killed again while cards are in flight, and the first server is killed
// (the queue in the database, then in Redis). Every card must go live, and no marketplace may see a
// product created twice (publish looks up by SKU first; a stage re-run after a crash converges).
// BY_CLUSTER_PRODUCTS (default 6: 24 cards) sizes it; cluster_200_pgtest runs 50 products (200 cards).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "../../e2e/e2e_support.hpp"
#include "../../unit/media/test_images.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_db.hpp"

namespace by {
namespace {

using nlohmann::json;
using namespace e2e;

std::string Strip(std::string url) {
    if (auto cut = url.find("/api/seller-openapi"); cut != std::string::npos) url.resize(cut);
    return url;
}

// redis: the queue and rate limits in Redis (BY_TEST_REDIS_URL), the store in PostgreSQL.
void RunCluster(bool redis) {
    testing::TestDb db = testing::OpenTestDb(2);
    testing::TempDir dir;
    std::string data = dir.path().string();

    testing::SpawnedServer sandbox(testing::BinaryPath(), {"sandbox", "--data-dir", data + "/sandbox", "--port", "0"});
    ASSERT_TRUE(sandbox.WaitReady(30000, "/__sandbox/health")) << sandbox.output() << sandbox.ReadStderr();
    std::string line = sandbox.output().substr(sandbox.output().find("Sandbox marketplaces: ") + 22);
    json urls = json::parse(line.substr(0, line.find('\n')));

    std::vector<std::string> env = {
        "BY_DATABASE_URL=" + db.url, "BY_MEDIA_LINK_KEY=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        "BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_LEASE_MS=4000",
        "BY_WILDBERRIES_URL=" + urls["wildberries"].get<std::string>(), "BY_OZON_URL=" + urls["ozon"].get<std::string>(),
        "BY_YANDEX_URL=" + urls["yandex"].get<std::string>(), "BY_UZUM_URL=" + urls["uzum"].get<std::string>(),
        "BY_UZUM_CABINET_URL=" + urls["cabinet"].get<std::string>()};
    if (redis) env.push_back("BY_REDIS_URL=" + std::string(std::getenv("BY_TEST_REDIS_URL")));
    if (const char* v = std::getenv("BY_CLUSTER_VIDEO")) env.push_back(std::string("BY_VIDEO=") + v);
    auto first = std::make_unique<testing::SpawnedServer>(
        testing::BinaryPath(), std::vector<std::string>{"serve", "--data-dir", data, "--port", "0", "--workers", "0"}, env);
    ASSERT_TRUE(first->WaitReady(60000)) << first->output() << first->ReadStderr();
    testing::SpawnedServer serve(testing::BinaryPath(), {"serve", "--data-dir", data, "--port", "0", "--workers", "0"}, env);
    ASSERT_TRUE(serve.WaitReady(60000)) << serve.output() << serve.ReadStderr();
    env.push_back("BY_PUBLIC_URL=" + serve.base_url());  // workers sign media links the sandbox downloads from serve
    env.push_back("BY_WORKERS=1");
    auto start_worker = [&] {
        return std::make_unique<testing::SpawnedServer>(testing::BinaryPath(),
                                                        std::vector<std::string>{"worker", "--data-dir", data}, env);
    };
    std::vector<std::unique_ptr<testing::SpawnedServer>> workers;
    for (int i = 0; i < 3; ++i) workers.push_back(start_worker());

    // The admin comes from the CLI, the partner registers and stores the sandbox seller's credentials.
    std::string admin_cmd = "env";
    for (const auto& e : env) admin_cmd += " '" + e + "'";
    admin_cmd += " " + testing::BinaryPath() + " users create --role admin --email ops@by.uz --password ops-password-123" +
                 " --data-dir " + data + " >/dev/null 2>&1";
    ASSERT_EQ(std::system(admin_cmd.c_str()), 0);
    {
        httplib::Client raw("127.0.0.1", serve.port());
        auto r = raw.Post("/api/auth/register",
                          json{{"company", "Klaster MChJ"}, {"email", "p@klaster.uz"}, {"password", "klaster-pass-123"}}.dump(),
                          "application/json");
        ASSERT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    }
    Session partner(serve.port(), "p@klaster.uz", "klaster-pass-123");
    ASSERT_TRUE(partner.ok());
    Session partner_first(first->port(), "p@klaster.uz", "klaster-pass-123");  // the same partner, other server
    ASSERT_TRUE(partner_first.ok());
    json seller = GetJson(Strip(urls["wildberries"]) + "/__sandbox/accounts")["sellers"][0];
    json cab = {{"login", seller["uzum"]["cabinet"]["login"]}, {"password", seller["uzum"]["cabinet"]["password"]}};
    struct Put {
        const char* mp;
        const char* kind;
        json fields;
    } puts[] = {
        {"uzum", "api_token", {{"token", seller["uzum"]["token"]}, {"shop_id", std::to_string(seller["uzum"]["shop_id"].get<int64_t>())}}},
        {"uzum", "cabinet_login", cab},
        {"wildberries", "api_token", {{"token", seller["wildberries"]["token"]}}},
        {"ozon", "client_key", {{"client_id", seller["ozon"]["client_id"]}, {"api_key", seller["ozon"]["api_key"]}}},
        {"yandex", "api_key", {{"api_key", seller["yandex"]["api_key"]},
                               {"business_id", std::to_string(seller["yandex"]["business_id"].get<int64_t>())},
                               {"campaign_id", std::to_string(seller["yandex"]["campaign_id"].get<int64_t>())}}},
    };
    for (const auto& p : puts) {
        auto [s, j] = partner.Call("PUT", std::string("/api/credentials/") + p.mp, json{{"kind", p.kind}, {"fields", p.fields}}.dump());
        ASSERT_TRUE(s == 200 || s == 201) << p.mp << " " << j.dump();
    }

    // Products (golden ones, distinct categories; past six, the golden set in order with unique SKUs), a
    // photo each, one request each for the four marketplaces, sent through the two servers in turn.
    std::vector<std::string> files = {"phones_xiaomi_redmi_note13", "headphones_jbl_tune520bt", "kitchen_tefal_kettle_ko2408",
                                      "toys_lego_city_60337", "shoes_skechers_gowalk6", "watches_casio_mtp1302"};
    const int products = std::getenv("BY_CLUSTER_PRODUCTS") ? std::atoi(std::getenv("BY_CLUSTER_PRODUCTS")) : 6;
    {
        std::vector<std::string> golden;
        for (const auto& e : std::filesystem::directory_iterator(std::string(std::getenv("BY_SOURCE_DIR")) + "/tests/golden/products")) {
            golden.push_back(e.path().stem().string());
        }
        std::sort(golden.begin(), golden.end());
        while (static_cast<int>(files.size()) < products) files.push_back(golden[files.size() % golden.size()]);
        files.resize(static_cast<size_t>(products));
    }
    std::vector<std::string> skus, request_ids;
    for (size_t i = 0; i < files.size(); ++i) {
        Session& via = i % 2 ? partner_first : partner;
        std::ifstream in(std::string(std::getenv("BY_SOURCE_DIR")) + "/tests/golden/products/" + files[i] + ".json");
        json product = json::parse(in);
        if (i >= 6) {
            product["sku"] = product["sku"].get<std::string>() + "-C" + std::to_string(i);
            product.erase("barcode");
        }
        auto [ps, p] = via.Call("POST", "/api/products", product.dump());
        ASSERT_EQ(ps, 201) << files[i] << " " << p.dump();
        skus.push_back(product["sku"]);
        media::testing::PhotoOptions o;
        o.shape = static_cast<int>(skus.size() % 3);
        auto [phs, ph] = via.Call("POST", "/api/products/" + p["id"].get<std::string>() + "/photos",
                                  media::testing::MakePhoto(o), "image/jpeg");
        ASSERT_EQ(phs, 201) << ph.dump();
        auto [rs, r] = via.Call("POST", "/api/requests",
                                    json{{"product_id", p["id"]}, {"marketplaces", {"uzum", "wildberries", "yandex", "ozon"}}}.dump());
        ASSERT_EQ(rs, 201) << r.dump();
        request_ids.push_back(r["id"]);
    }
    Session admin(serve.port(), "ops@by.uz", "ops-password-123");
    ASSERT_TRUE(admin.ok());
    Session admin_first(first->port(), "ops@by.uz", "ops-password-123");
    ASSERT_TRUE(admin_first.ok());
    for (size_t i = 0; i < request_ids.size(); ++i) {
        auto [s, j] = (i % 2 ? admin_first : admin).Call("POST", "/api/requests/" + request_ids[i] + "/approve", "{}");
        ASSERT_EQ(s, 200) << j.dump();
    }

    // Kill the first worker as soon as work is in flight, start it again, and kill it again once it is
    // working, while its first life's jobs are coming back; then kill the first server.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    int killed = 0;
    while (killed < 2 && std::chrono::steady_clock::now() < deadline) {
        auto [s, q] = admin.Call("GET", "/api/admin/queue");
        if (s == 200 && q.value("in_flight", 0) >= 1) {
            kill(workers[0]->pid(), SIGKILL);
            ++killed;
            std::this_thread::sleep_for(std::chrono::seconds(6));
            if (killed == 1) workers[0] = start_worker();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_EQ(killed, 2) << "no job ran to kill a worker under";
    kill(first->pid(), SIGKILL);
    {
        auto [s, j] = partner_first.Call("GET", "/api/requests");
        EXPECT_EQ(s, 0) << "the first server is gone";
        auto [s2, j2] = partner.Call("GET", "/api/requests");
        EXPECT_EQ(s2, 200) << "the other server answers for the same session";
    }

    // Every card ends live.
    int live = 0, total = 0;
    const int cards = products * 4;
    deadline = std::chrono::steady_clock::now() + std::chrono::minutes(8 + products / 2);
    json last;
    while (std::chrono::steady_clock::now() < deadline) {
        live = total = 0;
        bool open = false;
        for (const auto& id : request_ids) {
            auto [s, r] = partner.Call("GET", "/api/requests/" + id);
            last = r;
            for (const auto& c : r["cards"]) {
                ++total;
                std::string st = c.value("status", "");
                live += st == "live";
                open = open || !(st == "live" || st == "rejected" || st == "failed" || st == "needs_attention");
            }
        }
        if (!open && total == cards) break;
        std::this_thread::sleep_for(std::chrono::seconds(products > 10 ? 5 : 1));
    }
    EXPECT_EQ(total, cards);
    EXPECT_EQ(live, cards) << last.dump().substr(0, 3000);

    // No product was created twice on any marketplace.
    for (const char* mp : {"wildberries", "ozon", "yandex", "cabinet"}) {
        json st = GetJson(Strip(urls[mp]) + "/__sandbox/state");
        json counter = st["counters"].value(std::string(mp) == "cabinet" ? "cabinet_submit" : "create", json::object());
        for (const auto& sku : skus) {
            EXPECT_LE(counter.value("seller1/" + sku, 0), 1) << mp << " created " << sku << " twice: " << counter.dump();
        }
    }
    // Every process draws from one bucket per seller and endpoint group (Redis or PostgreSQL), so the
    // marketplaces see their published limits kept: no over-limit answer (WB/Ozon/Uzum 429, Yandex 420).
    for (const char* mp : {"wildberries", "ozon", "yandex", "uzum"}) {
        json counters = GetJson(Strip(urls[mp]) + "/__sandbox/state")["counters"];
        int64_t requests = counters.value("requests", json::object()).value("total", 0);
        json responses = counters.value("responses", json::object());
        int64_t over = responses.value("429", 0) + responses.value("420", 0);
        std::printf("[ sandbox ] %s: %lld requests, %lld over the limit\n", mp, static_cast<long long>(requests),
                    static_cast<long long>(over));
        EXPECT_EQ(over, 0) << mp << " answered over-limit " << over << " times of " << requests;
    }
    EXPECT_EQ(workers[1]->Stop(SIGTERM), 0) << "a surviving worker drains and exits";
    EXPECT_EQ(workers[2]->Stop(SIGTERM), 0);
    EXPECT_EQ(serve.Stop(SIGTERM), 0);
}

TEST(Cluster, KilledWorkersLoseNoCardAndPublishNothingTwice) {
    if (!testing::TestWantsPostgres()) GTEST_SKIP() << "needs BY_TEST_BACKEND=pg";
    RunCluster(false);
}

TEST(Cluster, SameWithTheQueueInRedis) {
    if (!testing::TestWantsPostgres() || !std::getenv("BY_TEST_REDIS_URL")) GTEST_SKIP() << "needs PostgreSQL and Redis";
    RunCluster(true);
}

}  // namespace
}  // namespace by
