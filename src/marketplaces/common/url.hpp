// Percent-encoding for query values and path segments (RFC 3986 unreserved characters kept).
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace by::marketplaces {

std::string UrlEncode(std::string_view s);

}  // namespace by::marketplaces
