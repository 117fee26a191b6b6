#include "stock/allocation.hpp"

#include <algorithm>

namespace by::stock {

int64_t FigureFor(int64_t stock, const std::string& marketplace, std::vector<std::string> live, int64_t split_below) {
    stock = std::max<int64_t>(stock, 0);
    std::sort(live.begin(), live.end());
    live.erase(std::unique(live.begin(), live.end()), live.end());
    auto at = std::find(live.begin(), live.end(), marketplace);
    if (stock > split_below || live.size() <= 1 || at == live.end()) {
        return stock;
    }
    auto n = static_cast<int64_t>(live.size());
    auto index = static_cast<int64_t>(at - live.begin());
    return stock / n + (index < stock % n ? 1 : 0);
}

}  // namespace by::stock
