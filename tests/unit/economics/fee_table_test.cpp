#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "economics/csv.hpp"
#include "economics/fee_table.hpp"
#include "test_tables.hpp"

namespace by::economics {
namespace {

std::filesystem::path SourceDir() {
    const char* d = std::getenv("BY_SOURCE_DIR");
    return d ? d : ".";
}

TEST(FeeTable, ShippedFilesParseWhole) {
    // Every data row of every file is in the built-in table: none was dropped as malformed.
    size_t lines = 0;
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "data/fees")) {
        if (e.path().extension() != ".csv") continue;
        std::ifstream f(e.path());
        std::stringstream ss;
        ss << f.rdbuf();
        auto m = core::ParseMarketplace(e.path().stem().string());
        ASSERT_TRUE(m) << e.path();
        auto t = FeeTable::Parse(*m, ss.str());
        ASSERT_TRUE(t.ok()) << e.path() << ": " << t.error().ToString();
        lines += t->rows().size();
    }
    EXPECT_GT(lines, 20u);
    EXPECT_EQ(FeeTable::Builtin().rows().size(), lines);
}

TEST(FeeTable, RowsNameOurCategoriesAndCarrySourceAndDate) {
    std::set<std::string> ours;
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "data/categories")) {
        ours.insert(e.path().stem().string());
    }
    ASSERT_EQ(ours.size(), 30u);
    std::set<core::Marketplace> with_rows;
    for (const FeeRow& r : FeeTable::Builtin().rows()) {
        with_rows.insert(r.marketplace);
        EXPECT_TRUE(r.category == "*" || ours.count(r.category)) << r.category;
        if (r.value) {
            EXPECT_FALSE(r.source.empty()) << r.category << " " << RateNameText(r.rate);
            EXPECT_FALSE(r.as_of.empty()) << r.category << " " << RateNameText(r.rate);
        }
    }
    EXPECT_EQ(with_rows.size(), 4u);  // a table for each marketplace
}

TEST(FeeTable, RejectsRowsWithoutSourceOrWithBadFields) {
    const std::string head = "category,rate,value,unit,price_from,scheme,as_of,source,note\n";
    EXPECT_FALSE(FeeTable::Parse(core::Marketplace::kOzon, head + "*,commission,10,%,,FBO,2025,,\n").ok());
    EXPECT_FALSE(FeeTable::Parse(core::Marketplace::kOzon, head + "*,storage,10,%,,FBO,2025,x,\n").ok());
    EXPECT_FALSE(FeeTable::Parse(core::Marketplace::kOzon, head + "*,commission,101,%,,FBO,2025,x,\n").ok());
    EXPECT_FALSE(FeeTable::Parse(core::Marketplace::kOzon, head + "*,commission,10,%,100 USD,FBO,2025,x,\n").ok());
    EXPECT_FALSE(FeeTable::Parse(core::Marketplace::kOzon, "category,rate\n").ok());
    // Unknown values need no source; quoted fields keep their commas.
    auto t = FeeTable::Parse(core::Marketplace::kOzon, head + "*,commission,,%,,FBO,,,\"a, b\"\n");
    ASSERT_TRUE(t.ok());
    EXPECT_FALSE(t->rows()[0].value.has_value());
    EXPECT_EQ(t->rows()[0].note, "a, b");
}

TEST(FeeTable, PriceTiersPickTheHighestStartNotAbovePrice) {
    const auto& t = FeeTable::Builtin();
    FxRate fx;  // 150 so'm per rouble
    auto at = [&](core::Marketplace m, core::Money price) -> std::optional<int64_t> {
        auto row = t.Find(m, "phones", RateName::kCommission, price, fx);
        EXPECT_TRUE(row.ok());
        if (!row.ok() || *row == nullptr || !(*row)->value) return std::nullopt;
        return (*row)->value->value;
    };
    // Uzum's price-tier tariff: 25 % below 49 900 so'm, 24 % from it, 3 % from 4 998 900.
    EXPECT_EQ(at(core::Marketplace::kUzum, Uzs(4'989'900)), 2500);
    EXPECT_EQ(at(core::Marketplace::kUzum, Uzs(4'990'000)), 2400);
    EXPECT_EQ(at(core::Marketplace::kUzum, Uzs(499'890'000)), 300);
    // Ozon's bounds are roubles: 100 RUB = 15 000 so'm at 150; above 300 RUB the rate is unknown.
    EXPECT_EQ(at(core::Marketplace::kOzon, Uzs(1'499'999)), 1400);
    EXPECT_EQ(at(core::Marketplace::kOzon, Uzs(1'500'000)), 2000);
    EXPECT_EQ(at(core::Marketplace::kOzon, Rub(30'000)), 2000);
    EXPECT_EQ(at(core::Marketplace::kOzon, Rub(30'001)), std::nullopt);
    EXPECT_EQ(at(core::Marketplace::kOzon, Uzs(4'500'150)), std::nullopt);  // 300.01 RUB exactly
    EXPECT_EQ(at(core::Marketplace::kOzon, Uzs(4'500'149)), 2000);
}

TEST(Csv, QuotesAndNewlines) {
    auto r = ParseCsv("a,\"b \"\"q\"\"\",c\r\n\n\"multi\nline\",2,3\n");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0][1], "b \"q\"");
    EXPECT_EQ((*r)[1][0], "multi\nline");
    EXPECT_FALSE(ParseCsv("\"open").ok());
}

}  // namespace
}  // namespace by::economics
