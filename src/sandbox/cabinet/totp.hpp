// RFC 6238 time-based one-time passwords (HMAC-SHA-1, 30 s steps, 6 digits) for the cabinet's second
// factor, and the RFC 4648 base32 the secrets are written in. The only TU with OpenSSL.
// Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace by::sandbox::cabinet {

// Case-insensitive, ignores spaces and '=' padding; nullopt on other characters.
std::optional<std::string> Base32Decode(std::string_view text);
// The code for the step containing `unix_seconds` (RFC 4226 dynamic truncation).
std::string TotpCode(std::string_view key, int64_t unix_seconds, int digits = 6, int step_seconds = 30);
// True when `code` matches the current step or one step either side.
bool VerifyTotp(std::string_view base32_secret, std::string_view code, int64_t unix_ms);

}  // namespace by::sandbox::cabinet
