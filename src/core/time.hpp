// RFC 3339 UTC formatting and parsing of Unix-millisecond timestamps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace by::core {

// 1700000000123 -> "2023-11-14T22:13:20.123Z"
std::string FormatRfc3339(int64_t unix_ms);
std::optional<int64_t> ParseRfc3339(std::string_view text);

}  // namespace by::core
