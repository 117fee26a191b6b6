// A calendar month in UTC ("2025-06"), the billing period; its bounds in Unix ms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace by::billing {

struct Month {
    int year = 1970;
    int month = 1;  // 1..12

    static std::optional<Month> Parse(std::string_view text);  // "YYYY-MM", 2000..2999
    static Month Of(int64_t unix_ms);
    std::string ToString() const;
    int64_t StartMs() const;
    int64_t EndMs() const;  // exclusive: the next month's start
    Month Next() const;
    Month Prev() const;
    bool operator==(const Month&) const = default;
};

}  // namespace by::billing
