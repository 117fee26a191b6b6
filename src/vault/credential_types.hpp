// Vocabulary of stored marketplace credentials: kinds, verification status, and the plaintext field map.
//
// A credential's plaintext is a set of named fields (token, api_key, password...). Values live only in
// core::SecretBuffer (mlock'ed, wiped on destruction); names are not secret. Inside the ciphertext the fields
// are encoded with EncodeFields, a small length-prefixed binary layout, so that decrypting never routes a value
// through a JSON parser's temporary std::strings:
//   0x01 | repeated { u8 name_len | name | u32 big-endian value_len | value }
// Names are unique, 1..64 bytes; the map is ordered so the encoding of a given map is canonical.
// Thread-safety: pure functions; a FieldMap belongs to one thread at a time.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/secret.hpp"

namespace by::vault {

// Names match API.md and the `kind` column.
enum class CredentialKind { kApiToken, kClientKey, kApiKey, kCabinetLogin };
std::string_view CredentialKindName(CredentialKind kind);  // "api_token", "client_key", "api_key", "cabinet_login"
std::optional<CredentialKind> ParseCredentialKind(std::string_view name);

// Result of the last check against the marketplace (`status` column).
enum class CredentialStatus { kUntested, kActive, kFailed };
std::string_view CredentialStatusName(CredentialStatus status);  // "untested", "active", "failed"
std::optional<CredentialStatus> ParseCredentialStatus(std::string_view name);

using FieldMap = std::map<std::string, core::SecretBuffer, std::less<>>;

inline constexpr size_t kMaxFieldNameLength = 64;

// Serialises the fields into one SecretBuffer (no intermediate std::string holds a value). Precondition: every
// name is 1..kMaxFieldNameLength bytes (callers validate; a longer name would be truncated).
core::SecretBuffer EncodeFields(const FieldMap& fields);
// Parses EncodeFields output. Any truncation, trailing byte, duplicate or empty name is Error::Crypto
// (it can only happen if a key or the format is wrong, since the bytes were authenticated).
core::Result<FieldMap> DecodeFields(std::string_view plaintext);

}  // namespace by::vault
