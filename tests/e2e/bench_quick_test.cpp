// `biznesyordam bench --quick`: the load scenario at CI size. What must hold whatever the machine: every
// card goes live, the marketplaces never answer "over the limit", and the figures are all there.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

TEST(Bench, QuickRunPublishesEveryCardWithinTheMarketplacesLimits) {
    testing::TempDir dir;
    std::string json_path = (dir.path() / "figures.json").string();
    std::string cmd = testing::BinaryPath() + " bench --quick --data-dir " + (dir.path() / "data").string() +
                      " --json " + json_path + " 2>" + (dir.path() / "stderr.log").string();
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    int status = pclose(p);
    ASSERT_EQ(WEXITSTATUS(status), 0) << out;
    std::ifstream f(json_path);
    nlohmann::json fig = nlohmann::json::parse(f, nullptr, false);
    ASSERT_TRUE(fig.is_object()) << out;

    EXPECT_EQ(fig["cards"], 24);
    EXPECT_EQ(fig["status"].value("live", 0), 24) << fig["status"].dump();
    EXPECT_EQ(fig["over_limit_total"], 0) << fig["marketplaces"].dump();
    for (const char* mp : {"wildberries", "ozon", "yandex", "uzum"}) {
        ASSERT_TRUE(fig["marketplaces"].contains(mp)) << mp;
        EXPECT_GT(fig["marketplaces"][mp]["requests_per_card"].get<double>(), 0) << mp;
    }
    for (const char* st : {"research", "content", "slides", "video", "images", "quality", "publish", "moderation"}) {
        ASSERT_TRUE(fig["stages"].contains(st)) << st;
        EXPECT_GT(fig["stages"][st]["runs"].get<double>(), 0) << st;
    }
    EXPECT_GT(fig["cards_per_hour"].get<double>(), 0);
    EXPECT_GT(fig["peak_rss_mb"].get<double>(), 0);
    EXPECT_NE(out.find("cards/hour"), std::string::npos) << out;
}

}  // namespace
}  // namespace by
