#include "vault/credential_types.hpp"

#include <cstdint>
#include <cstring>

namespace by::vault {

std::string_view CredentialKindName(CredentialKind kind) {
    switch (kind) {
        case CredentialKind::kApiToken: return "api_token";
        case CredentialKind::kClientKey: return "client_key";
        case CredentialKind::kApiKey: return "api_key";
        case CredentialKind::kCabinetLogin: return "cabinet_login";
    }
    return "api_token";
}

std::optional<CredentialKind> ParseCredentialKind(std::string_view name) {
    for (CredentialKind k : {CredentialKind::kApiToken, CredentialKind::kClientKey, CredentialKind::kApiKey,
                             CredentialKind::kCabinetLogin}) {
        if (CredentialKindName(k) == name) {
            return k;
        }
    }
    return std::nullopt;
}

std::string_view CredentialStatusName(CredentialStatus status) {
    switch (status) {
        case CredentialStatus::kUntested: return "untested";
        case CredentialStatus::kActive: return "active";
        case CredentialStatus::kFailed: return "failed";
    }
    return "untested";
}

std::optional<CredentialStatus> ParseCredentialStatus(std::string_view name) {
    for (CredentialStatus s : {CredentialStatus::kUntested, CredentialStatus::kActive, CredentialStatus::kFailed}) {
        if (CredentialStatusName(s) == name) {
            return s;
        }
    }
    return std::nullopt;
}

namespace {
constexpr unsigned char kFieldsEncodingV1 = 0x01;
}  // namespace

core::SecretBuffer EncodeFields(const FieldMap& fields) {
    size_t total = 1;
    for (const auto& [name, value] : fields) {
        total += 1 + name.size() + 4 + value.size();
    }
    core::SecretBuffer out(total);
    unsigned char* p = out.data();
    *p++ = kFieldsEncodingV1;
    for (const auto& [name, value] : fields) {
        // Names are validated by every producer; clamp defensively so the encoding stays parseable.
        size_t name_len = std::min(name.size(), kMaxFieldNameLength);
        *p++ = static_cast<unsigned char>(name_len);
        std::memcpy(p, name.data(), name_len);
        p += name_len;
        auto len = static_cast<uint32_t>(value.size());
        *p++ = static_cast<unsigned char>(len >> 24);
        *p++ = static_cast<unsigned char>(len >> 16);
        *p++ = static_cast<unsigned char>(len >> 8);
        *p++ = static_cast<unsigned char>(len);
        if (len > 0) {
            std::memcpy(p, value.data(), len);
            p += len;
        }
    }
    // Shorter than allocated only if a name was clamped; the tail stays zero and DecodeFields would reject it,
    // so recompute exactly in that (never expected) case.
    size_t used = static_cast<size_t>(p - out.data());
    if (used != total) {
        core::SecretBuffer exact(used);
        std::memcpy(exact.data(), out.data(), used);
        return exact;
    }
    return out;
}

core::Result<FieldMap> DecodeFields(std::string_view plaintext) {
    const auto bad = [] { return core::Error::Crypto("credential plaintext is malformed"); };
    if (plaintext.empty() || static_cast<unsigned char>(plaintext[0]) != kFieldsEncodingV1) {
        return bad();
    }
    FieldMap out;
    size_t i = 1;
    while (i < plaintext.size()) {
        size_t name_len = static_cast<unsigned char>(plaintext[i++]);
        if (name_len == 0 || name_len > kMaxFieldNameLength || plaintext.size() - i < name_len + 4) {
            return bad();
        }
        std::string name(plaintext.substr(i, name_len));
        i += name_len;
        uint32_t len = 0;
        for (int k = 0; k < 4; ++k) {
            len = (len << 8) | static_cast<unsigned char>(plaintext[i++]);
        }
        if (plaintext.size() - i < len) {
            return bad();
        }
        auto [it, inserted] = out.emplace(std::move(name), core::SecretBuffer::FromBytes(plaintext.substr(i, len)));
        if (!inserted) {
            return bad();
        }
        i += len;
    }
    return out;
}

}  // namespace by::vault
