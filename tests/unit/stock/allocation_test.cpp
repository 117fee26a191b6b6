// The figure each marketplace is shown: whole while plenty, split (never more than there is) when low.
#include <gtest/gtest.h>

#include <numeric>

#include "stock/allocation.hpp"

namespace by::stock {
namespace {

const std::vector<std::string> kFour = {"wildberries", "ozon", "uzum", "yandex"};

int64_t Sum(int64_t stock, int64_t split_below) {
    int64_t sum = 0;
    for (const auto& mp : kFour) sum += FigureFor(stock, mp, kFour, split_below);
    return sum;
}

TEST(Allocation, PlentyIsShownWholeEverywhere) {
    for (const auto& mp : kFour) EXPECT_EQ(FigureFor(20, mp, kFour, 8), 20) << mp;
    EXPECT_EQ(FigureFor(9, "ozon", kFour, 8), 9);
}

TEST(Allocation, LowStockIsSplitAndNeverOffersMoreThanThereIs) {
    for (int64_t stock = 0; stock <= 8; ++stock) {
        EXPECT_EQ(Sum(stock, 8), stock) << stock;
        for (const auto& mp : kFour) {
            int64_t f = FigureFor(stock, mp, kFour, 8);
            EXPECT_GE(f, stock / 4) << mp;
            EXPECT_LE(f, stock / 4 + 1) << mp;
        }
    }
    // The remainder goes in name order, whatever order the caller lists them in: ozon, uzum, wildberries, yandex.
    EXPECT_EQ(FigureFor(2, "ozon", {"yandex", "ozon", "wildberries", "uzum"}, 8), 1);
    EXPECT_EQ(FigureFor(2, "uzum", kFour, 8), 1);
    EXPECT_EQ(FigureFor(2, "wildberries", kFour, 8), 0);
    EXPECT_EQ(FigureFor(2, "yandex", kFour, 8), 0);
}

TEST(Allocation, OneMarketplaceOrNoSplitGetsTheWholeFigure) {
    EXPECT_EQ(FigureFor(3, "ozon", {"ozon"}, 8), 3);
    EXPECT_EQ(FigureFor(3, "ozon", kFour, 0), 3);
    EXPECT_EQ(FigureFor(3, "uzum", {"ozon", "yandex"}, 8), 3);  // not live there: nothing to split against
    EXPECT_EQ(FigureFor(-2, "ozon", kFour, 8), 0);
    EXPECT_EQ(Sum(0, 0), 0);
}

}  // namespace
}  // namespace by::stock
