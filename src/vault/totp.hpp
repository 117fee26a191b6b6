// HOTP (RFC 4226) and TOTP (RFC 6238) for user second factors and for stored cabinet_login.totp_secret (S8).
//
// Contract: codes are computed with HMAC-SHA1/256/512 (aead.cpp), dynamic truncation, 6..8 digits.
// TOTP time comes from a core::Clock (wall time, Unix ms). VerifyTotp accepts the current step and +-window
// steps (default 1), compares in constant time, and refuses any step <= the caller's last accepted step, so a
// code cannot be replayed within its window; the caller persists the returned step per user/credential.
// Base32Decode is lenient in what humans paste (case, spaces, '-' separators, '=' padding) and strict about
// the alphabet and leftover bits; the decoded secret is a SecretBuffer.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/secret.hpp"
#include "vault/aead.hpp"

namespace by::vault {

struct TotpParams {
    HashAlgorithm algorithm = HashAlgorithm::kSha1;  // RFC 6238 default; SHA-256/512 for the Appendix B vectors
    int digits = 6;                                  // 6..8
    int64_t step_seconds = 30;                       // X
    int64_t t0_seconds = 0;                          // T0
    int window = 1;                                  // steps accepted either side of now, 0..10
};

// RFC 4226 HOTP value for `counter`, zero-padded to `digits`.
core::Result<std::string> Hotp(std::string_view key, uint64_t counter, int digits = 6,
                               HashAlgorithm algorithm = HashAlgorithm::kSha1);

// The time step T = floor((unix_seconds - T0) / X); Error::Invalid for times before T0 or a bad step.
core::Result<int64_t> TotpStep(int64_t unix_seconds, const TotpParams& params = {});
// The TOTP code at `unix_seconds`.
core::Result<std::string> TotpAt(std::string_view key, int64_t unix_seconds, const TotpParams& params = {});
// The TOTP code now.
core::Result<std::string> TotpNow(std::string_view key, const core::Clock& clock, const TotpParams& params = {});

// Checks `code` against steps now-window..now+window. Returns the accepted step (persist it as the new
// last_accepted_step) or Error::Unauthenticated("invalid code") when nothing matches or the matching step is
// not newer than `last_accepted_step`.
core::Result<int64_t> VerifyTotp(std::string_view key, std::string_view code, const core::Clock& clock,
                                 std::optional<int64_t> last_accepted_step, const TotpParams& params = {});

// RFC 4648 base32 (A-Z, 2-7). Error::Invalid (no input echoed) on any other character or non-zero leftover bits.
core::Result<core::SecretBuffer> Base32Decode(std::string_view text);
// Upper-case base32 without padding (for showing a newly generated secret once at enrolment).
std::string Base32Encode(std::string_view bytes);

}  // namespace by::vault
