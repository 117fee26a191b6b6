// A minimal RFC 4180 reader for the shipped data files: quoted fields may hold commas, quotes ("") and
// newlines. Enough for data/fees; not a general-purpose parser.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace by::economics {

using CsvRecord = std::vector<std::string>;
// Every record, header included; blank lines skipped. Invalid on an unterminated quote.
core::Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

}  // namespace by::economics
