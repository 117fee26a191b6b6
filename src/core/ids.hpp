// Opaque identifiers: a short type prefix and 128 random bits, e.g. "prd_3f9c…". Never sequential,
// so ids leak neither counts nor order.
#pragma once

#include <string>
#include <string_view>

namespace by::core {

std::string NewId(std::string_view prefix);
// n random bytes from the OS CSPRNG, hex-encoded.
std::string RandomHex(size_t n_bytes);
// n random bytes, base64url without padding (for tokens).
std::string RandomToken(size_t n_bytes);

}  // namespace by::core
