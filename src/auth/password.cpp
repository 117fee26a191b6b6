#include "auth/password.hpp"

#include <sodium.h>

#include <mutex>

#include "core/encoding.hpp"
#include "core/ids.hpp"

namespace by::auth {

core::Status CheckPasswordShape(std::string_view password, const PasswordPolicy& policy) {
    if (password.size() > policy.max_length) {
        return core::Error::Invalid("password is too long", "password");
    }
    if (password.size() < policy.min_length) {
        return core::Error::Unprocessable(
            "password must have at least " + std::to_string(policy.min_length) + " characters", "password");
    }
    return core::Ok();
}

core::Result<std::string> HashPassword(std::string_view password, const PasswordPolicy& policy) {
    core::EnsureSodium();
    if (password.size() > policy.max_length) {
        return core::Error::Invalid("password is too long", "password");
    }
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), policy.ops_limit, policy.mem_limit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return core::Error::Internal("password hashing failed", "out of memory");
    }
    return std::string(out);
}

bool VerifyPassword(const std::string& phc_hash, std::string_view password) {
    core::EnsureSodium();
    if (phc_hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    return crypto_pwhash_str_verify(phc_hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& phc_hash, const PasswordPolicy& policy) {
    core::EnsureSodium();
    return crypto_pwhash_str_needs_rehash(phc_hash.c_str(), policy.ops_limit, policy.mem_limit) != 0;
}

const std::string& DummyHash(const PasswordPolicy& policy) {
    static std::once_flag once;
    static std::string hash;
    std::call_once(once, [&] {
        auto h = HashPassword(core::RandomHex(16), policy);
        hash = h.ok() ? *h : std::string();
    });
    return hash;
}

}  // namespace by::auth
