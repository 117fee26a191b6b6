// Hex and base64url codecs, and SHA-256 (libsodium) for hashing tokens at rest.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace by::core {

// Initialises libsodium once (idempotent, thread-safe); every entry point here that needs it calls it.
void EnsureSodium();

std::string HexEncode(std::string_view bytes);
std::optional<std::string> HexDecode(std::string_view hex);
std::string Base64UrlEncode(std::string_view bytes);  // no padding
std::optional<std::string> Base64UrlDecode(std::string_view text);
std::string Sha256Hex(std::string_view bytes);
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// Constant-time equality for secrets of equal length; false for different lengths.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace by::core
