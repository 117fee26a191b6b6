// What stock figure each marketplace is shown. While there is plenty, every marketplace shows the whole
// stock (one figure everywhere). At or below `split_below` units it is split between the marketplaces
// where the product is live, so that together they never offer more than there is: two marketplaces
// selling the last unit in the same minute is how sellers oversell. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace by::stock {

// The figure for `marketplace` among `live` (marketplace names; order does not matter). A marketplace
// not in `live` gets the whole stock. The split is even; the remainder goes one unit each to the first
// marketplaces in name order, so every process computes the same split.
int64_t FigureFor(int64_t stock, const std::string& marketplace, std::vector<std::string> live, int64_t split_below);

}  // namespace by::stock
