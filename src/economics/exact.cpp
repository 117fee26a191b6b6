#include "economics/exact.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace by::economics {

Wide FloorDiv(Wide a, Wide b) {
    Wide q = a / b;
    if ((a % b != 0) && (a < 0)) {
        --q;
    }
    return q;
}

Wide RoundHalfUp(Wide a, Wide b) { return FloorDiv(2 * a + b, 2 * b); }

Wide CeilDiv(Wide a, Wide b) { return -FloorDiv(-a, b); }

core::Result<int64_t> Narrow(Wide v) {
    if (v > std::numeric_limits<int64_t>::max() || v < std::numeric_limits<int64_t>::min()) {
        return core::Error::Internal("amount out of range");
    }
    return static_cast<int64_t>(v);
}

std::vector<int64_t> AllocateLargestRemainder(int64_t total, const std::vector<Wide>& weights) {
    std::vector<int64_t> parts(weights.size(), 0);
    Wide sum = 0;
    for (Wide w : weights) sum += w;
    if (sum == 0) {
        return parts;
    }
    // Work with a positive denominator; flipping both signs keeps each ratio.
    Wide sign = sum < 0 ? -1 : 1;
    Wide den = sum * sign;
    std::vector<Wide> rem(weights.size(), 0);
    Wide given = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        Wide num = static_cast<Wide>(total) * weights[i] * sign;
        Wide q = FloorDiv(num, den);
        parts[i] = static_cast<int64_t>(q);
        rem[i] = num - q * den;
        given += q;
    }
    // Floors leave 0 <= left < number of parts units to hand out, one each, largest remainder first.
    Wide left = static_cast<Wide>(total) - given;
    std::vector<size_t> order(weights.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rem[a] > rem[b]; });
    for (size_t k = 0; k < order.size() && left > 0; ++k, --left) {
        ++parts[order[k]];
    }
    return parts;
}

FxRate FxRate::FromDecimal(double uzs_per_rub) {
    FxRate r;
    int64_t num = uzs_per_rub > 0 ? std::llround(uzs_per_rub * 100) : 0;
    int64_t den = 100;
    int64_t g = std::gcd(num, den);
    r.uzs_per_rub_num = g ? num / g : 0;
    r.uzs_per_rub_den = g ? den / g : 1;
    return r;
}

Wide Scale(const FxRate& rate) {
    Wide num = rate.uzs_per_rub_num > 0 ? rate.uzs_per_rub_num : 1;
    return static_cast<Wide>(kBpPerWhole) * num * rate.uzs_per_rub_den;
}

core::Result<Wide> ToExact(int64_t amount, const std::string& from, const std::string& to, const FxRate& rate) {
    if (from == to) {
        return static_cast<Wide>(amount) * Scale(rate);
    }
    if (rate.uzs_per_rub_num <= 0) {
        return core::Error::Unprocessable("no UZS/RUB rate is set, so " + from + " cannot be converted to " + to);
    }
    Wide base = static_cast<Wide>(amount) * kBpPerWhole;
    if (from == "RUB" && to == "UZS") {
        return base * rate.uzs_per_rub_num * rate.uzs_per_rub_num;
    }
    if (from == "UZS" && to == "RUB") {
        return base * rate.uzs_per_rub_den * rate.uzs_per_rub_den;
    }
    return core::Error::Unprocessable("cannot convert " + from + " to " + to);
}

core::Result<int64_t> ParseHundredths(const std::string& text) {
    size_t dot = text.find('.');
    std::string whole = text.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
    auto digits = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 15 || frac.size() > 2 || !digits(whole) || !digits(frac) ||
        (dot != std::string::npos && frac.empty())) {
        return core::Error::Invalid("not a decimal with at most two places: " + text);
    }
    while (frac.size() < 2) frac += '0';
    return std::stoll(whole) * 100 + std::stoll(frac);
}

std::string FormatHundredths(int64_t v) {
    std::string sign = v < 0 ? "-" : "";
    uint64_t a = v < 0 ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
    std::string s = sign + std::to_string(a / 100);
    uint64_t f = a % 100;
    if (f != 0) {
        s += '.' + std::string(f < 10 ? "0" : "") + std::to_string(f);
        if (s.back() == '0') s.pop_back();
    }
    return s;
}

}  // namespace by::economics
