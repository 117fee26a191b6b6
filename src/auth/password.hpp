// Password hashing with Argon2id (libsodium), stored as the PHC string
// "$argon2id$v=19$m=65536,t=2,p=1$…". Policy defaults meet OWASP (t=2, m=64 MiB). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace by::auth {

struct PasswordPolicy {
    unsigned long long ops_limit = 2;          // Argon2 t (iterations)
    size_t mem_limit = 64ull * 1024 * 1024;    // Argon2 m in bytes (64 MiB)
    size_t min_length = 10;
    size_t max_length = 1024;                  // longer inputs are refused before hashing (DoS guard)
};

// Checks length limits (422 / 400 naming the field "password").
core::Status CheckPasswordShape(std::string_view password, const PasswordPolicy& policy);
core::Result<std::string> HashPassword(std::string_view password, const PasswordPolicy& policy);
bool VerifyPassword(const std::string& phc_hash, std::string_view password);
bool NeedsRehash(const std::string& phc_hash, const PasswordPolicy& policy);
// A valid hash of a random password, for spending the same time on unknown users.
const std::string& DummyHash(const PasswordPolicy& policy);

}  // namespace by::auth
