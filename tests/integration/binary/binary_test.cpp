// The real binary, end to end over HTTP: CLI surface, port 0, demo seeding, body limits, graceful
// SIGTERM, and a full flow with known secrets that must appear in no log line.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

std::string RunCapture(const std::string& cmd, int* rc) {
    std::string out;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    *rc = WEXITSTATUS(status);
    return out;
}

std::string ReadAll(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

TEST(Cli, HelpListsEverySubcommandAndUnbuiltOnesExit2) {
    int rc = 0;
    std::string help = RunCapture(testing::BinaryPath() + " --help", &rc);
    EXPECT_EQ(rc, 0);
    for (const char* cmd : {"run", "serve", "worker", "sandbox", "generate", "migrate", "users", "keys", "bench"}) {
        EXPECT_NE(help.find(std::string("  ") + cmd), std::string::npos) << cmd;
    }
    testing::TempDir dir;
    for (const char* cmd : {"run", "serve", "worker", "sandbox", "generate", "migrate", "bench"}) {
        std::string h = RunCapture(testing::BinaryPath() + " " + cmd + " --help", &rc);
        EXPECT_NE(h.find("--data-dir"), std::string::npos) << cmd;
        EXPECT_NE(h.find("--port"), std::string::npos) << cmd;
    }
    std::string out = RunCapture(testing::BinaryPath() + " bogus", &rc);
    EXPECT_NE(rc, 0);
}

TEST(Cli, MigrateAndUsersCreate) {
    testing::TempDir dir;
    int rc = 0;
    std::string d = dir.path().string();
    RunCapture(testing::BinaryPath() + " migrate --data-dir " + d, &rc);
    EXPECT_EQ(rc, 0);
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "biznesyordam.db"));
    std::string out = RunCapture(testing::BinaryPath() + " users create --data-dir " + d +
                                     " --role admin --email boss@by.uz --password long-enough-pass",
                                 &rc);
    EXPECT_EQ(rc, 0) << out;
    out = RunCapture(testing::BinaryPath() + " users create --data-dir " + d +
                         " --role admin --email boss@by.uz --password long-enough-pass",
                     &rc);
    EXPECT_NE(rc, 0);
    EXPECT_NE(out.find("already registered"), std::string::npos) << out;
    out = RunCapture(testing::BinaryPath() + " users create --data-dir " + d + " --role king --email k@by.uz --password x", &rc);
    EXPECT_EQ(rc, 2);
}

TEST(Cli, KeysRotateAddsAVersion) {
    testing::TempDir dir;
    int rc = 0;
    std::string d = dir.path().string();
    std::string out = RunCapture(testing::BinaryPath() + " keys rotate --data-dir " + d, &rc);
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("key version 1 -> 2"), std::string::npos) << out;
    out = RunCapture(testing::BinaryPath() + " keys rotate --data-dir " + d, &rc);
    EXPECT_NE(out.find("key version 2 -> 3"), std::string::npos) << out;
    auto perms = std::filesystem::status(dir.path() / "master.keys").permissions();
    EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
              std::filesystem::perms::none);
}

class ServerTest : public ::testing::Test {
  protected:
    void Start(const std::string& cmd) {
        server_ = std::make_unique<testing::SpawnedServer>(
            testing::BinaryPath(), std::vector<std::string>{cmd, "--data-dir", dir_.path().string(), "--port", "0"},
            std::vector<std::string>{"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1"});
        ASSERT_TRUE(server_->WaitReady()) << server_->output() << server_->ReadStderr();
        client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
        client_->set_read_timeout(30, 0);
    }
    testing::TempDir dir_;
    std::unique_ptr<testing::SpawnedServer> server_;
    std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, RunSeedsDemoAccountsAndServeDoesNot) {
    Start("run");
    EXPECT_NE(server_->output().find("admin@demo.uz"), std::string::npos);
    auto r = client_->Post("/api/auth/login", R"({"email":"partner1@demo.uz","password":"demo-partner-123"})",
                           "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(server_->Stop(SIGTERM), 0);

    testing::TempDir other;
    testing::SpawnedServer serve(testing::BinaryPath(), {"serve", "--data-dir", other.path().string(), "--port", "0"});
    ASSERT_TRUE(serve.WaitReady());
    httplib::Client c("127.0.0.1", serve.port());
    auto r2 = c.Post("/api/auth/login", R"({"email":"partner1@demo.uz","password":"demo-partner-123"})",
                     "application/json");
    ASSERT_TRUE(r2);
    EXPECT_EQ(r2->status, 401);
    EXPECT_EQ(serve.output().find("demo"), std::string::npos);
}

TEST_F(ServerTest, OversizedBodyGets413InJsonShape) {
    Start("serve");
    std::string big(30 * 1024 * 1024, 'x');
    auto r = client_->Post("/api/auth/login", big, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
    auto j = nlohmann::json::parse(r->body, nullptr, false);
    EXPECT_EQ(j["error"]["code"], "too_large");
    auto nf = client_->Get("/api/does-not-exist");
    EXPECT_EQ(nf->status, 404);
    EXPECT_EQ(nlohmann::json::parse(nf->body)["error"]["code"], "not_found");
    EXPECT_EQ(client_->Get("/readyz")->status, 200);
}

TEST_F(ServerTest, FullFlowLeavesNoSecretInAnyLog) {
    Start("run");
    const std::string password = "Sirli-Parol-7731-XYZ";
    auto reg = client_->Post("/api/auth/register",
                             nlohmann::json{{"company", "Secret Co"}, {"email", "s@s.uz"}, {"password", password}}.dump(),
                             "application/json");
    ASSERT_EQ(reg->status, 201);
    client_->Post("/api/auth/login", nlohmann::json{{"email", "s@s.uz"}, {"password", "wrong-" + password}}.dump(),
                  "application/json");
    auto login = client_->Post("/api/auth/login", nlohmann::json{{"email", "s@s.uz"}, {"password", password}}.dump(),
                               "application/json");
    ASSERT_EQ(login->status, 200);
    std::string cookie = login->get_header_value("Set-Cookie");
    std::string session = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
    std::string csrf = nlohmann::json::parse(login->body)["csrf_token"];
    httplib::Headers h = {{"Cookie", "by_session=" + session}, {"X-CSRF-Token", csrf}};
    auto tok = client_->Post("/api/tokens", h, R"({"name":"erp"})", "application/json");
    ASSERT_EQ(tok->status, 201);
    std::string token = nlohmann::json::parse(tok->body)["token"];
    auto prod = client_->Post("/api/products", {{"Authorization", "Bearer " + token}},
                              R"({"sku":"S1","name":"Choynak Tefal 1.7 l","category":"kitchen_appliances","brand":"Tefal",
                                  "cost":{"amount":20000000,"currency":"UZS"},"price":{"amount":35000000,"currency":"UZS"},"stock":4})",
                              "application/json");
    ASSERT_EQ(prod->status, 201) << prod->body;
    EXPECT_EQ(server_->Stop(SIGTERM), 0);

    std::string logs = ReadAll(dir_.path() / "logs" / "biznesyordam.log") + server_->ReadStderr() + server_->output();
    EXPECT_NE(logs.find("http_request"), std::string::npos);  // the log is really there
    EXPECT_NE(logs.find("request_id"), std::string::npos);
    for (const std::string& secret : {password, session, csrf, token}) {
        EXPECT_EQ(logs.find(secret), std::string::npos) << "a secret leaked into the logs";
    }
    // Every log line is one JSON object.
    std::istringstream lines(ReadAll(dir_.path() / "logs" / "biznesyordam.log"));
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
        ++n;
    }
    EXPECT_GT(n, 5);
}

}  // namespace
}  // namespace by
