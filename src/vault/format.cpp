#include "vault/format.hpp"

#include <algorithm>

#include "core/encoding.hpp"

namespace by::vault {
namespace {

void PutU32(std::string& out, uint32_t v) {
    out += static_cast<char>(v >> 24);
    out += static_cast<char>(v >> 16);
    out += static_cast<char>(v >> 8);
    out += static_cast<char>(v);
}

uint32_t GetU32(std::string_view s) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(s[0])) << 24) |
           (static_cast<uint32_t>(static_cast<unsigned char>(s[1])) << 16) |
           (static_cast<uint32_t>(static_cast<unsigned char>(s[2])) << 8) |
           static_cast<uint32_t>(static_cast<unsigned char>(s[3]));
}

void PutElement(std::string& out, std::string_view element) {
    PutU32(out, static_cast<uint32_t>(element.size()));
    out.append(element);
}

bool IsBase64UrlChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

constexpr size_t Base64UrlLength(size_t n) { return n / 3 * 4 + (n % 3 == 0 ? 0 : n % 3 + 1); }

}  // namespace

std::string EncodeStoredBinary(const StoredCiphertext& stored) {
    std::string out;
    out.reserve(kStoredMinSize + stored.ciphertext.size());
    out.append(kStoredMagic);
    out += static_cast<char>(kStoredFormatV1);
    PutU32(out, stored.key_version);
    out.append(AsView(stored.nonce));
    out.append(stored.ciphertext);
    out.append(AsView(stored.tag));
    return out;
}

std::string EncodeStored(const StoredCiphertext& stored) { return core::Base64UrlEncode(EncodeStoredBinary(stored)); }

core::Result<StoredCiphertext> ParseStoredBinary(std::string_view bytes) {
    if (bytes.size() < kStoredMinSize) {
        return core::Error::Crypto("stored credential is truncated");
    }
    if (bytes.size() > kMaxStoredBinarySize) {
        return core::Error::Crypto("stored credential is too long");
    }
    if (bytes.substr(0, kStoredMagic.size()) != kStoredMagic) {
        return core::Error::Crypto("stored credential has an unknown magic");
    }
    if (static_cast<uint8_t>(bytes[4]) != kStoredFormatV1) {
        return core::Error::Crypto("stored credential has an unknown format");
    }
    StoredCiphertext out;
    out.key_version = GetU32(bytes.substr(5, 4));
    if (out.key_version == 0) {
        return core::Error::Crypto("stored credential has an invalid key version");
    }
    std::copy_n(bytes.data() + 9, kGcmNonceSize, out.nonce.begin());
    size_t ct_size = bytes.size() - kStoredMinSize;
    out.ciphertext.assign(bytes.substr(kStoredHeaderSize, ct_size));
    std::copy_n(bytes.data() + kStoredHeaderSize + ct_size, kGcmTagSize, out.tag.begin());
    return out;
}

core::Result<StoredCiphertext> ParseStored(std::string_view text) {
    // Length bounds first, so hostile input costs nothing to reject.
    if (text.size() < Base64UrlLength(kStoredMinSize)) {
        return core::Error::Crypto("stored credential is truncated");
    }
    if (text.size() > Base64UrlLength(kMaxStoredBinarySize)) {
        return core::Error::Crypto("stored credential is too long");
    }
    if (!std::all_of(text.begin(), text.end(), IsBase64UrlChar)) {
        return core::Error::Crypto("stored credential is not base64url");
    }
    auto bytes = core::Base64UrlDecode(text);
    if (!bytes || Base64UrlLength(bytes->size()) != text.size()) {
        return core::Error::Crypto("stored credential is not canonical base64url");
    }
    return ParseStoredBinary(*bytes);
}

std::string BuildAad(const CredentialContext& context) {
    std::string aad;
    aad.reserve(32 + context.partner_id.size() + context.credential_id.size());
    const char format = static_cast<char>(kStoredFormatV1);
    PutElement(aad, std::string_view(&format, 1));
    PutElement(aad, context.partner_id);
    PutElement(aad, core::MarketplaceName(context.marketplace));
    PutElement(aad, context.credential_id);
    PutElement(aad, CredentialKindName(context.kind));
    return aad;
}

}  // namespace by::vault
