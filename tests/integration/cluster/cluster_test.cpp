// The many-process setup on one machine: PostgreSQL (the store and the queue), `biznesyordam sandbox`,
// one `serve` (API + signed media links) and three `worker` processes sharing one data dir for assets and
// keys. A partner stores credentials and submits products through the API, an admin approves them, and
// two of the three workers are killed with SIGKILL while cards are in flight (the queue in the database,
// then in Redis). Every card must go live, and no marketplace
// may see a product created twice (publish looks up by SKU first; a stage re-run after a crash converges).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
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
    testing::SpawnedServer serve(testing::BinaryPath(), {"serve", "--data-dir", data, "--port", "0", "--workers", "0"}, env);
    ASSERT_TRUE(serve.WaitReady(60000)) << serve.output() << serve.ReadStderr();
    env.push_back("BY_PUBLIC_URL=" + serve.base_url());  // workers sign media links the sandbox downloads from serve
    env.push_back("BY_WORKERS=1");
    std::vector<std::unique_ptr<testing::SpawnedServer>> workers;
    for (int i = 0; i < 3; ++i) {
        workers.push_back(std::make_unique<testing::SpawnedServer>(testing::BinaryPath(),
                                                                   std::vector<std::string>{"worker", "--data-dir", data}, env));
    }

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

    // Products (golden ones, distinct categories), a photo each, one request each for the four marketplaces.
    const char* files[] = {"phones_xiaomi_redmi_note13", "headphones_jbl_tune520bt", "kitchen_tefal_kettle_ko2408",
                           "toys_lego_city_60337", "shoes_skechers_gowalk6", "watches_casio_mtp1302"};
    std::vector<std::string> skus, request_ids;
    for (const char* f : files) {
        std::ifstream in(std::string(std::getenv("BY_SOURCE_DIR")) + "/tests/golden/products/" + f + ".json");
        json product = json::parse(in);
        auto [ps, p] = partner.Call("POST", "/api/products", product.dump());
        ASSERT_EQ(ps, 201) << f << " " << p.dump();
        skus.push_back(product["sku"]);
        media::testing::PhotoOptions o;
        o.shape = static_cast<int>(skus.size() % 3);
        auto [phs, ph] = partner.Call("POST", "/api/products/" + p["id"].get<std::string>() + "/photos",
                                      media::testing::MakePhoto(o), "image/jpeg");
        ASSERT_EQ(phs, 201) << ph.dump();
        auto [rs, r] = partner.Call("POST", "/api/requests",
                                    json{{"product_id", p["id"]}, {"marketplaces", {"uzum", "wildberries", "yandex", "ozon"}}}.dump());
        ASSERT_EQ(rs, 201) << r.dump();
        request_ids.push_back(r["id"]);
    }
    Session admin(serve.port(), "ops@by.uz", "ops-password-123");
    ASSERT_TRUE(admin.ok());
    for (const auto& id : request_ids) {
        auto [s, j] = admin.Call("POST", "/api/requests/" + id + "/approve", "{}");
        ASSERT_EQ(s, 200) << j.dump();
    }

    // Kill a worker as soon as work is in flight, and another one a little later, while the first one's
    // jobs are coming back.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    int killed = 0;
    while (killed < 2 && std::chrono::steady_clock::now() < deadline) {
        auto [s, q] = admin.Call("GET", "/api/admin/queue");
        if (s == 200 && q.value("in_flight", 0) >= 1) {
            kill(workers[static_cast<size_t>(killed)]->pid(), SIGKILL);
            ++killed;
            std::this_thread::sleep_for(std::chrono::seconds(6));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_EQ(killed, 2) << "no job ran to kill a worker under";

    // Every card ends live.
    int live = 0, total = 0;
    deadline = std::chrono::steady_clock::now() + std::chrono::minutes(8);
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
        if (!open && total == 24) break;
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    EXPECT_EQ(total, 24);
    EXPECT_EQ(live, 24) << last.dump().substr(0, 3000);

    // No product was created twice on any marketplace.
    for (const char* mp : {"wildberries", "ozon", "yandex", "cabinet"}) {
        json st = GetJson(Strip(urls[mp]) + "/__sandbox/state");
        json counter = st["counters"].value(std::string(mp) == "cabinet" ? "cabinet_submit" : "create", json::object());
        for (const auto& sku : skus) {
            EXPECT_LE(counter.value("seller1/" + sku, 0), 1) << mp << " created " << sku << " twice: " << counter.dump();
        }
    }
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
