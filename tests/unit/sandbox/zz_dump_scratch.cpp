#include <gtest/gtest.h>
#include "../ai/ai_test_util.hpp"
namespace by::ai {
TEST(Dump, Cards) {
    OfflineContentEngine engine(testutil::Catalog());
    for (const auto& f : testutil::GoldenFiles()) {
        core::Product p = testutil::ProductFromJson(testutil::ReadJsonFile(f));
        auto written = engine.WriteAll(p);
        ASSERT_TRUE(written.ok()) << written.error().ToString();
        for (const auto& c : *written) {
            nlohmann::json j = c;
            std::printf("== %s %s %s cat=%s\n", p.sku.c_str(), p.category.c_str(), std::string(core::MarketplaceName(c.marketplace)).c_str(),
                        j["marketplace_category"].dump().c_str());
            for (const auto& ch : c.characteristics) {
                std::printf("   %s | %s | %s | id=%lld req=%d dict=%d\n", ch.key.c_str(), ch.name.c_str(), ch.value.c_str(),
                            (long long)ch.attribute_id.value_or(0), ch.required, ch.dictionary);
            }
        }
    }
}
}
