#include "sandbox/common/util.hpp"

#include <cstdio>
#include <ctime>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace by::sandbox {
namespace {

std::tm Utc(int64_t unix_ms) {
    std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

}  // namespace

size_t Utf8Length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

std::string IsoSeconds(int64_t unix_ms) {
    std::tm tm = Utc(unix_ms);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string IsoDate(int64_t unix_ms) {
    std::tm tm = Utc(unix_ms);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

std::string DdMmYyyyHhMmSs(int64_t unix_ms) {
    std::tm tm = Utc(unix_ms);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d %02d:%02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string DdMmYyyy(int64_t unix_ms) {
    std::tm tm = Utc(unix_ms);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d-%02d-%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
    return buf;
}

std::string HttpDate(int64_t unix_ms) {
    std::tm tm = Utc(unix_ms);
    char buf[64];
    std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return buf;
}

std::string NewUuid() {
    std::string h = core::RandomHex(16);
    h[12] = '4';
    const char variant[] = "89ab";
    h[16] = variant[(h[16] - '0') & 3];
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::optional<int64_t> ParseTime(std::string_view text) {
    if (auto z = core::ParseRfc3339(text)) {
        return z;
    }
    if (text.size() < 6) {
        return std::nullopt;
    }
    std::string_view off = text.substr(text.size() - 6);
    if ((off[0] != '+' && off[0] != '-') || off[3] != ':') {
        return std::nullopt;
    }
    auto digits = [](std::string_view d) {
        return d.size() == 2 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' ? (d[0] - '0') * 10 + (d[1] - '0') : -1;
    };
    int h = digits(off.substr(1, 2));
    int m = digits(off.substr(4, 2));
    if (h < 0 || m < 0) {
        return std::nullopt;
    }
    auto base = core::ParseRfc3339(std::string(text.substr(0, text.size() - 6)) + "Z");
    if (!base) {
        return std::nullopt;
    }
    int64_t shift = (h * 60 + m) * 60000LL;
    return off[0] == '+' ? *base - shift : *base + shift;
}

std::string NewRequestId() { return core::RandomHex(16); }

std::string Ean13(int64_t n) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "%012lld", static_cast<long long>(n % 1000000000000LL));
    int sum = 0;
    for (int i = 0; i < 12; ++i) {
        int d = digits[i] - '0';
        sum += (i % 2 == 0) ? d : 3 * d;
    }
    int check = (10 - sum % 10) % 10;
    return std::string(digits, 12) + static_cast<char>('0' + check);
}

int64_t JsonInt(const nlohmann::json& j, std::string_view key, int64_t fallback) {
    if (!j.is_object()) {
        return fallback;
    }
    auto it = j.find(key);
    if (it == j.end()) {
        return fallback;
    }
    auto v = AsInt(*it);
    return v ? *v : fallback;
}

double JsonNumber(const nlohmann::json& j, std::string_view key, double fallback) {
    if (!j.is_object()) {
        return fallback;
    }
    auto it = j.find(key);
    if (it == j.end()) {
        return fallback;
    }
    auto v = AsDecimal(*it);
    return v ? *v : fallback;
}

std::string JsonString(const nlohmann::json& j, std::string_view key, std::string fallback) {
    if (!j.is_object()) {
        return fallback;
    }
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) {
        return fallback;
    }
    return it->get<std::string>();
}

bool JsonBool(const nlohmann::json& j, std::string_view key, bool fallback) {
    if (!j.is_object()) {
        return fallback;
    }
    auto it = j.find(key);
    if (it == j.end() || !it->is_boolean()) {
        return fallback;
    }
    return it->get<bool>();
}

std::optional<int64_t> AsInt(const nlohmann::json& v) {
    if (v.is_number_integer()) {
        return v.get<int64_t>();
    }
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (d == static_cast<double>(static_cast<int64_t>(d))) {
            return static_cast<int64_t>(d);
        }
        return std::nullopt;
    }
    if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        if (s.empty() || s.size() > 19) {
            return std::nullopt;
        }
        size_t i = (s[0] == '-') ? 1 : 0;
        if (i == s.size()) {
            return std::nullopt;
        }
        for (size_t k = i; k < s.size(); ++k) {
            if (s[k] < '0' || s[k] > '9') {
                return std::nullopt;
            }
        }
        return std::stoll(s);
    }
    return std::nullopt;
}

std::optional<double> AsDecimal(const nlohmann::json& v) {
    if (v.is_number()) {
        return v.get<double>();
    }
    if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        if (s.empty()) {
            return std::nullopt;
        }
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (end != s.c_str() + s.size()) {
            return std::nullopt;
        }
        return d;
    }
    return std::nullopt;
}

std::optional<nlohmann::json> ParseJson(std::string_view body) {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
        return std::nullopt;
    }
    return j;
}

std::vector<std::string> SplitComma(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i <= s.size()) {
        size_t j = s.find(',', i);
        if (j == std::string_view::npos) {
            j = s.size();
        }
        if (j > i) {
            out.emplace_back(s.substr(i, j - i));
        }
        i = j + 1;
    }
    return out;
}

core::Result<int64_t> TakeStock(int64_t available, bool tracked, int64_t quantity, std::string_view sku) {
    if (!tracked) {
        return available;
    }
    if (available < quantity) {
        return core::Error::Conflict("out of stock: " + std::string(sku) + " has " + std::to_string(available) +
                                     " left, the order wants " + std::to_string(quantity));
    }
    return available - quantity;
}

}  // namespace by::sandbox
