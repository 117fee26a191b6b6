// Symmetric primitives over OpenSSL EVP: AES-GCM, HMAC and the CSPRNG. aead.cpp is the only file in the
// product that includes OpenSSL headers.
//
// Contract:
//  - Seal encrypts with AES-256-GCM under a fresh random 96-bit nonce from RAND_bytes and returns a 128-bit tag.
//    Callers cannot choose a nonce, so nonce reuse under one key is as unlikely as a 96-bit random collision;
//    the keyring additionally caps encryptions per key (GUARANTEES S4).
//  - Open is general enough for the Wycheproof suite: AES-128/192/256 keys, any IV length from 1 to 1024 bytes
//    (set explicitly with EVP_CTRL_GCM_SET_IVLEN; IVs beyond OpenSSL 3's 128-byte limit are first folded into
//    the equivalent 16-byte IV, see aead.cpp), a 16-byte tag. A zero-length IV is rejected (it would leak
//    the GHASH key); truncated tags are rejected. An authentication failure is Error::Crypto and no plaintext
//    from a failed Open ever leaves this function (the partial output is wiped).
//  - Error messages never contain key, plaintext or tag bytes.
// Thread-safety: every function is reentrant and safe to call from any thread.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/secret.hpp"

namespace by::vault {

inline constexpr size_t kAes256KeySize = 32;
inline constexpr size_t kGcmNonceSize = 12;
inline constexpr size_t kGcmTagSize = 16;
inline constexpr size_t kMaxGcmIvSize = 1024;

using Nonce = std::array<unsigned char, kGcmNonceSize>;
using Tag = std::array<unsigned char, kGcmTagSize>;

template <size_t N>
std::string_view AsView(const std::array<unsigned char, N>& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), N};
}

struct SealedBox {
    Nonce nonce{};
    std::string ciphertext;  // same length as the plaintext
    Tag tag{};
};

// AES-256-GCM with a fresh random nonce. `key` must be 32 bytes (Error::Invalid otherwise).
core::Result<SealedBox> Seal(std::string_view key, std::string_view plaintext, std::string_view aad);

// AES-GCM decryption with verification. Key 16/24/32 bytes, IV 1..1024 bytes, tag 16 bytes.
core::Result<core::SecretBuffer> Open(std::string_view key, std::string_view iv, std::string_view aad,
                                      std::string_view ciphertext, std::string_view tag);

enum class HashAlgorithm { kSha1, kSha256, kSha512 };

// HMAC(key, message): 20, 32 or 64 bytes. Used by TOTP/HOTP.
core::Result<std::string> Hmac(HashAlgorithm algorithm, std::string_view key, std::string_view message);

// Fills `out` from the OS-seeded CSPRNG (RAND_bytes). Error::Internal if the generator fails.
core::Status FillRandom(unsigned char* out, size_t size);

namespace testing_only {
// Seal under a caller-chosen nonce: ONLY for known-answer tests (Wycheproof, golden vectors). Never call this
// from product code: reusing a nonce under one key breaks both confidentiality and authenticity of GCM.
core::Result<SealedBox> SealWithNonce(std::string_view key, const Nonce& nonce, std::string_view plaintext,
                                      std::string_view aad);
// Open, but with every non-96-bit IV folded into its equivalent 16-byte IV first (the path Open takes for IVs
// longer than OpenSSL's 128-byte limit), so tests can check that folding against all Wycheproof IV sizes.
core::Result<core::SecretBuffer> OpenWithReducedIv(std::string_view key, std::string_view iv, std::string_view aad,
                                                   std::string_view ciphertext, std::string_view tag);
}  // namespace testing_only

}  // namespace by::vault
