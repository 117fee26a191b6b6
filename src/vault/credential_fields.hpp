// Which fields each credential kind carries, and the checks PUT /api/credentials/{marketplace} applies before
// anything is encrypted (API.md):
//   api_token     {token}                                  wildberries; uzum also requires shop_id
//   client_key    {client_id, api_key}                     ozon
//   api_key       {api_key, business_id, campaign_id}      yandex
//   cabinet_login {login, password, totp_secret?}          any marketplace
// Rules: `fields` is a JSON object with exactly the listed names; values are strings (ids may also be
// non-negative JSON integers); 1..4096 bytes of valid UTF-8 without control characters; tokens, keys, logins
// and ids without leading/trailing whitespace; ids (client_id, shop_id, business_id, campaign_id) are 1..20
// decimal digits; totp_secret is base32 of 10..64 bytes (spaces allowed, normalised away; "" or null = absent).
// Every failure is Error::Unprocessable with `field` set to "fields.<name>" (or "kind"/"fields") and a message
// that names the field but never echoes its value.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "vault/credential_types.hpp"

namespace by::vault {

inline constexpr size_t kMaxCredentialFieldLength = 4096;

// Whether `kind` may be stored for `marketplace`.
bool KindAllowedFor(core::Marketplace marketplace, CredentialKind kind);

// Validates and converts to the stored form: ids as digit strings, totp_secret upper-case without spaces,
// an absent optional omitted. The JSON's own strings are left as they are (the caller owns and wipes them).
core::Result<FieldMap> NormalizeCredentialFields(core::Marketplace marketplace, CredentialKind kind,
                                                 const nlohmann::json& fields);

core::Status ValidateCredentialFields(core::Marketplace marketplace, CredentialKind kind,
                                      const nlohmann::json& fields);
// Same, with the kind as sent by the client (unknown kind: Unprocessable, field "kind").
core::Status ValidateCredentialFields(core::Marketplace marketplace, std::string_view kind,
                                      const nlohmann::json& fields);

// The field a hint is made from: token, api_key, api_key, login.
std::string_view HintField(CredentialKind kind);
// "****" plus the last 4 characters of the main field, only when that field has >= 8 characters and those 4
// are printable ASCII; otherwise "****". Never more than 4 characters of a secret.
std::string Hint(CredentialKind kind, const FieldMap& fields);

}  // namespace by::vault
