// The stored credential format (GUARANTEES S1) and its associated data (S2).
//
// Binary layout, stored as base64url without padding in marketplace_credentials.ciphertext:
//   "BYC1" | format 0x01 | key version (u32 big-endian, >= 1) | nonce (12) | AES-256-GCM ciphertext (n) | tag (16)
// The key version is mirrored in the key_version column; the opener refuses a row whose column and header
// disagree.
//
// ParseStored accepts exactly the strings EncodeStored produces: only the base64url alphabet, no padding,
// canonical trailing bits, at least the 37 fixed bytes, at most kMaxStoredBinarySize bytes, the known magic
// and format byte, and a non-zero version. Anything else is Error::Crypto. Whether the version exists is the
// keyring's question. For every accepted input, EncodeStored(ParseStored(s)) == s.
//
// AAD (S2) is the canonical length-prefixed encoding of the context, each element as a u32 big-endian length
// followed by its bytes, in this order:
//   [format byte 0x01] | partner_id | marketplace name ("uzum"...) | credential_id | kind name ("api_token"...)
// so moving a ciphertext to another partner, marketplace, credential row or kind fails authentication.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "vault/aead.hpp"
#include "vault/credential_types.hpp"

namespace by::vault {

inline constexpr std::string_view kStoredMagic = "BYC1";
inline constexpr uint8_t kStoredFormatV1 = 0x01;
inline constexpr size_t kStoredHeaderSize = 4 + 1 + 4 + kGcmNonceSize;   // 21
inline constexpr size_t kStoredMinSize = kStoredHeaderSize + kGcmTagSize;  // 37: empty ciphertext
// A credential's fields are at most a few KiB; 64 KiB of ciphertext bounds parser work on hostile input.
inline constexpr size_t kMaxStoredCiphertextSize = 64 * 1024;
inline constexpr size_t kMaxStoredBinarySize = kStoredMinSize + kMaxStoredCiphertextSize;

struct StoredCiphertext {
    uint32_t key_version = 0;
    Nonce nonce{};
    std::string ciphertext;
    Tag tag{};
};

// Binary layout of S1 (before base64url).
std::string EncodeStoredBinary(const StoredCiphertext& stored);
// base64url(EncodeStoredBinary(stored)).
std::string EncodeStored(const StoredCiphertext& stored);
core::Result<StoredCiphertext> ParseStoredBinary(std::string_view bytes);
core::Result<StoredCiphertext> ParseStored(std::string_view text);

// What a ciphertext is bound to.
struct CredentialContext {
    std::string partner_id;
    core::Marketplace marketplace = core::Marketplace::kUzum;
    std::string credential_id;
    CredentialKind kind = CredentialKind::kApiToken;
};

std::string BuildAad(const CredentialContext& context);

}  // namespace by::vault
