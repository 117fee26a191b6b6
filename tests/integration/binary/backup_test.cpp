// Issue 11, item 8: `biznesyordam backup` while the server runs, then `restore` into a new data dir: the
// products and their photo bytes come back, a later change does not, the credentials decrypt with the
// key file carried separately (it is never in the backup); a second restore without --force and a
// damaged file are refused with exit 2 and change nothing.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "../../e2e/e2e_support.hpp"
#include "../../unit/media/test_images.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace e2e;

int RunCommand(const std::string& args, const std::string& env = "") {
    int status = std::system((env + " " + testing::BinaryPath() + " " + args + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

json Product(const std::string& sku) {
    return {{"sku", sku}, {"name", "Zaxira " + sku}, {"category", "phones"}, {"brand", "Acme"},
            {"attributes", json::object()}, {"cost", {{"amount", 100000}, {"currency", "UZS"}}},
            {"price", {{"amount", 200000}, {"currency", "UZS"}}}, {"stock", 4}};
}

TEST(Backup, OnlineBackupRestoresIntoANewPlaceWithoutTheKeys) {
    testing::TempDir dir;
    const fs::path a = dir.path() / "a", b = dir.path() / "b", file = dir.path() / "backup.tar";
    std::string photo = media::testing::MakePhoto({});
    std::string pid, asset;
    {
        testing::SpawnedServer server(testing::BinaryPath(), {"run", "--data-dir", a.string(), "--port", "0"},
                                      {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=0"});
        ASSERT_TRUE(server.WaitReady(60000)) << server.output() << server.ReadStderr();
        Session partner(server.port(), "partner1@demo.uz", "demo-partner-123");
        ASSERT_TRUE(partner.ok());
        auto [s, p] = partner.Call("POST", "/api/products", Product("KEEP-1").dump());
        ASSERT_EQ(s, 201) << p.dump();
        pid = p["id"];
        auto [us, up] = partner.Call("POST", "/api/products/" + pid + "/photos", photo, "image/jpeg");
        ASSERT_EQ(us, 201) << up.dump();
        asset = up["asset_id"];
        // Online: the server keeps running while the snapshot is taken.
        ASSERT_EQ(RunCommand("backup --data-dir '" + a.string() + "' --out '" + file.string() + "'"), 0);
        auto [ls, later] = partner.Call("POST", "/api/products", Product("LATER-1").dump());
        ASSERT_EQ(ls, 201);
        EXPECT_EQ(server.Stop(SIGTERM), 0);
    }
    const std::string archive = ReadAll(file);
    ASSERT_GT(archive.size(), 10000u);
    EXPECT_EQ(archive.find("by-master-keys"), std::string::npos) << "the master key file is in the backup";
    EXPECT_EQ(archive.find(ReadAll(a / "media-link.key")), std::string::npos) << "the media-link key is in the backup";

    ASSERT_EQ(RunCommand("restore --data-dir '" + b.string() + "' --from '" + file.string() + "'"), 0);
    // The keys travel apart (here: copied by the operator).
    for (const char* k : {"master.keys", "master.keys.counters", "media-link.key"}) {
        if (fs::exists(a / k)) fs::copy_file(a / k, b / k);
    }
    testing::SpawnedServer restored(testing::BinaryPath(), {"run", "--data-dir", b.string(), "--port", "0"},
                                    {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=0"});
    ASSERT_TRUE(restored.WaitReady(60000)) << restored.output() << restored.ReadStderr();
    Session partner(restored.port(), "partner1@demo.uz", "demo-partner-123");
    ASSERT_TRUE(partner.ok()) << "the accounts came back";
    auto [gs, got] = partner.Call("GET", "/api/products/" + pid);
    EXPECT_EQ(gs, 200) << got.dump();
    std::string skus = partner.Call("GET", "/api/products?limit=200").second.dump();
    EXPECT_EQ(skus.find("LATER-1"), std::string::npos) << "a change after the backup came back";
    httplib::Client c("127.0.0.1", restored.port());
    auto me = c.Post("/api/auth/login", json{{"email", "partner1@demo.uz"}, {"password", "demo-partner-123"}}.dump(),
                     "application/json");
    ASSERT_TRUE(me);
    std::string cookie = me->get_header_value("Set-Cookie");
    auto img = c.Get("/api/assets/" + asset, {{"Cookie", cookie.substr(0, cookie.find(';'))}});
    ASSERT_TRUE(img);
    EXPECT_EQ(img->status, 200);
    EXPECT_EQ(img->body, photo) << "the photo's bytes came back";
    // The credentials decrypt with the key file that was carried apart: the Test button passes.
    auto [ts, tested] = partner.Call("POST", "/api/credentials/wildberries/test", "{}");
    EXPECT_EQ(ts, 200) << tested.dump();
    EXPECT_EQ(tested.value("status", ""), "active") << tested.dump();
    EXPECT_EQ(restored.Stop(SIGTERM), 0);

    // Refusals change nothing.
    const std::string db_before = ReadAll(b / "biznesyordam.db");
    EXPECT_EQ(RunCommand("restore --data-dir '" + b.string() + "' --from '" + file.string() + "'"), 2) << "replaced without --force";
    std::ofstream(dir.path() / "cut.tar", std::ios::binary) << archive.substr(0, archive.size() / 2);
    EXPECT_EQ(RunCommand("restore --force --data-dir '" + b.string() + "' --from '" + (dir.path() / "cut.tar").string() + "'"), 2);
    EXPECT_EQ(ReadAll(b / "biznesyordam.db"), db_before);
    EXPECT_EQ(RunCommand("backup --out '" + (dir.path() / "pg.tar").string() + "'",
                         "BY_DATABASE_URL=postgresql://by@127.0.0.1:1/none"),
              2) << "PostgreSQL is pg_dump's job";
    EXPECT_FALSE(fs::exists(dir.path() / "pg.tar"));
}

}  // namespace
}  // namespace by
