// The real binary under `run` with BY_SENTRY_DSN pointing at a local fake Sentry: the sandbox Wildberries
// answers 500 to every call, so the publish job exhausts its retries and is dead-lettered; its error report
// must arrive as a valid envelope with the job id, stage, marketplace and card, and must carry neither the
// Wildberries token the job used nor the product text the seller sent.
#include <gtest/gtest.h>
#include <httplib.h>

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "e2e/e2e_support.hpp"
#include "fake_sentry.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

using nlohmann::json;
using namespace e2e;

std::string Origin(const std::string& url) {
    size_t slash = url.find('/', url.find("://") + 3);
    return slash == std::string::npos ? url : url.substr(0, slash);
}

// A malformed DSN stops the start (exit 2) with a message that does not quote the key.
TEST(SentryBinary, MalformedDsnIsRefusedAtStartWithoutEchoingTheKey) {
    testing::TempDir dir;
    std::string cmd = "timeout 20 env BY_SENTRY_DSN='https://verysecretkey42@sentry.example.com/notaproject' " + testing::BinaryPath() +
                      " serve --port 0 --data-dir " + dir.path().string() + " 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    EXPECT_EQ(WEXITSTATUS(status), 2) << out;
    EXPECT_NE(out.find("sentry.dsn"), std::string::npos) << out;
    EXPECT_EQ(out.find("verysecretkey42"), std::string::npos) << out;
}

TEST(SentryBinary, DeadLetteredPublishArrivesAsAnEnvelopeWithoutSecrets) {
    testing::FakeSentry fake;
    testing::TempDir dir;
    testing::SpawnedServer server(testing::BinaryPath(), {"run", "--data-dir", dir.path().string(), "--port", "0"},
                                  {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=2", "BY_VIDEO=0",
                                   "BY_SENTRY_DSN=" + fake.dsn(), "BY_SENTRY_ENVIRONMENT=e2e"});
    ASSERT_TRUE(server.WaitReady(60000)) << server.output() << server.ReadStderr();

    // Every Wildberries call answers 500 from now on.
    json urls = SandboxUrls(server.output());
    ASSERT_TRUE(urls.contains("wildberries")) << server.output();
    std::string wb = Origin(urls["wildberries"].get<std::string>());
    httplib::Client sandbox(wb);
    auto fault = sandbox.Post("/__sandbox/faults", R"({"error_rate": 1})", "application/json");
    ASSERT_TRUE(fault && fault->status == 200) << (fault ? fault->body : "no answer");
    json accounts = GetJson(wb + "/__sandbox/accounts");
    std::string wb_token = accounts["sellers"][0]["wildberries"]["token"];
    ASSERT_GT(wb_token.size(), 8u);

    Session partner(server.port(), "partner1@demo.uz", "demo-partner-123");
    ASSERT_TRUE(partner.ok());
    json product = json::parse(ReadAll(std::filesystem::path(std::getenv("BY_SOURCE_DIR")) /
                                       "tests/golden/products/phones_xiaomi_redmi_note13.json"));
    auto [ps, p] = partner.Call("POST", "/api/products", product.dump());
    ASSERT_EQ(ps, 201) << p.dump();
    auto [rs, req] = partner.Call("POST", "/api/requests",
                                  json{{"product_id", p["id"]}, {"marketplaces", {"wildberries"}}, {"priority", "high"}}.dump());
    ASSERT_EQ(rs, 201) << req.dump();
    std::string rid = req["id"];
    Session admin(server.port(), "admin@demo.uz", "demo-admin-123");
    ASSERT_TRUE(admin.ok());
    ASSERT_EQ(admin.Call("POST", "/api/requests/" + rid + "/approve", "{}").first, 200);

    json card;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(6);
    while (std::chrono::steady_clock::now() < deadline) {
        auto [s, r] = partner.Call("GET", "/api/requests/" + rid);
        ASSERT_EQ(s, 200);
        if (r["cards"].size() == 1 && Terminal(r["cards"][0].value("status", ""))) {
            card = r["cards"][0];
            break;
        }
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }
    ASSERT_TRUE(card.is_object()) << "the card never reached an outcome";
    EXPECT_EQ(card["status"], "failed") << card.dump();

    ASSERT_TRUE(fake.WaitFor(1, 30000)) << "no envelope; problems: " << ::testing::PrintToString(fake.problems());
    EXPECT_TRUE(fake.problems().empty()) << fake.problems()[0];
    json event;
    for (const auto& env : fake.envelopes()) {
        if (env.event["tags"].value("stage", "") == "publish") event = env.event;
    }
    ASSERT_TRUE(event.is_object()) << fake.envelopes()[0].raw;
    EXPECT_EQ(event["logger"], "pipeline");
    EXPECT_EQ(event["environment"], "e2e");
    EXPECT_EQ(event["tags"]["marketplace"], "wildberries");
    EXPECT_EQ(event["tags"]["outcome"], "dead");
    EXPECT_EQ(event["tags"]["card_id"], card["id"]);
    EXPECT_EQ(event["tags"].value("job_id", "").rfind("job", 0), 0u) << event.dump();
    EXPECT_EQ(event["exception"]["values"][0]["type"], "unavailable");

    for (const auto& env : fake.envelopes()) {
        EXPECT_EQ(env.raw.find(wb_token), std::string::npos) << "the marketplace token left the process";
        for (const char* field : {"name", "description"}) {
            std::string text = product.value(field, "");
            if (text.size() > 8) EXPECT_EQ(env.raw.find(text), std::string::npos) << field << " left the process";
        }
    }
    EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace by
