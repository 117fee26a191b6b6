#include "billing/month.hpp"

#include <chrono>
#include <cstdio>

namespace by::billing {
namespace {

int64_t DaysFromCivil(int y, int m) {
    using namespace std::chrono;
    return sys_days(year_month_day(year(y), month(static_cast<unsigned>(m)), day(1))).time_since_epoch().count();
}

}  // namespace

std::optional<Month> Month::Parse(std::string_view t) {
    if (t.size() != 7 || t[4] != '-') return std::nullopt;
    for (size_t i : {0, 1, 2, 3, 5, 6}) {
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    }
    Month m{std::stoi(std::string(t.substr(0, 4))), std::stoi(std::string(t.substr(5, 2)))};
    if (m.year < 2000 || m.year > 2999 || m.month < 1 || m.month > 12) return std::nullopt;
    return m;
}

Month Month::Of(int64_t unix_ms) {
    using namespace std::chrono;
    int64_t days = unix_ms >= 0 ? unix_ms / 86'400'000 : (unix_ms - 86'399'999) / 86'400'000;
    year_month_day ymd{sys_days(std::chrono::days(days))};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month()))};
}

std::string Month::ToString() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year % 10000, month % 100);
    return buf;
}

int64_t Month::StartMs() const { return DaysFromCivil(year, month) * 86'400'000; }
int64_t Month::EndMs() const { return Next().StartMs(); }
Month Month::Next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }
Month Month::Prev() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }

}  // namespace by::billing
