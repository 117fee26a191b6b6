#include "vault/credential_fields.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <vector>

#include "vault/totp.hpp"

namespace by::vault {
namespace {

enum class Shape {
    kToken,     // secret text: no control chars, no surrounding whitespace
    kPassword,  // secret text: no control chars; whitespace allowed anywhere
    kNumericId,
    kBase32,
};

struct FieldSpec {
    std::string_view name;
    Shape shape;
    bool required;
};

std::vector<FieldSpec> SpecsFor(core::Marketplace m, CredentialKind kind) {
    switch (kind) {
        case CredentialKind::kApiToken:
            if (m == core::Marketplace::kUzum) {
                return {{"token", Shape::kToken, true}, {"shop_id", Shape::kNumericId, true}};
            }
            return {{"token", Shape::kToken, true}};
        case CredentialKind::kClientKey:
            return {{"client_id", Shape::kNumericId, true}, {"api_key", Shape::kToken, true}};
        case CredentialKind::kApiKey:
            return {{"api_key", Shape::kToken, true},
                    {"business_id", Shape::kNumericId, true},
                    {"campaign_id", Shape::kNumericId, true}};
        case CredentialKind::kCabinetLogin:
            return {{"login", Shape::kToken, true},
                    {"password", Shape::kPassword, true},
                    {"totp_secret", Shape::kBase32, false}};
    }
    return {};
}

core::Error Unprocessable(std::string_view name, std::string_view what) {
    return core::Error::Unprocessable(std::string(name) + " " + std::string(what), "fields." + std::string(name));
}

// Checks UTF-8 well-formedness and rejects C0, DEL and C1 control characters.
bool IsCleanUtf8(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) {
                return false;
            }
            ++i;
            continue;
        }
        size_t n = 0;
        uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= s.size()) {  // continuation bytes run past the end
            return false;
        }
        for (size_t k = 1; k <= n; ++k) {
            auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        static constexpr std::array<uint32_t, 4> kMin = {0, 0x80, 0x800, 0x10000};
        if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F)) {
            return false;
        }
        i += n + 1;
    }
    return true;
}

bool IsSpace(char c) { return c == ' '; }

core::Result<core::SecretBuffer> CheckText(const FieldSpec& spec, const nlohmann::json& value) {
    if (!value.is_string()) {
        return Unprocessable(spec.name, "must be a string");
    }
    const std::string& s = value.get_ref<const std::string&>();
    if (s.empty()) {
        return Unprocessable(spec.name, "must not be empty");
    }
    if (s.size() > kMaxCredentialFieldLength) {
        return Unprocessable(spec.name, "is longer than 4096 characters");
    }
    if (!IsCleanUtf8(s)) {
        return Unprocessable(spec.name, "must be valid UTF-8 without control characters");
    }
    if (spec.shape == Shape::kToken && (IsSpace(s.front()) || IsSpace(s.back()))) {
        return Unprocessable(spec.name, "must not start or end with a space");
    }
    return core::SecretBuffer::FromBytes(s);
}

core::Result<core::SecretBuffer> CheckNumericId(const FieldSpec& spec, const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        return core::SecretBuffer::FromBytes(std::to_string(value.get<uint64_t>()));
    }
    if (value.is_number_integer()) {
        auto v = value.get<int64_t>();
        if (v < 0) {
            return Unprocessable(spec.name, "must not be negative");
        }
        return core::SecretBuffer::FromBytes(std::to_string(v));
    }
    if (!value.is_string()) {
        return Unprocessable(spec.name, "must be a string of digits");
    }
    const std::string& s = value.get_ref<const std::string&>();
    if (s.empty()) {
        return Unprocessable(spec.name, "must not be empty");
    }
    if (s.size() > 20) {
        return Unprocessable(spec.name, "is too long for an id");
    }
    for (char c : s) {
        if (c < '0' || c > '9') {
            return Unprocessable(spec.name, "must be numeric");
        }
    }
    return core::SecretBuffer::FromBytes(s);
}

// Returns an empty buffer for "absent".
core::Result<core::SecretBuffer> CheckBase32(const FieldSpec& spec, const nlohmann::json& value) {
    if (value.is_null()) {
        return core::SecretBuffer();
    }
    if (!value.is_string()) {
        return Unprocessable(spec.name, "must be a string");
    }
    const std::string& s = value.get_ref<const std::string&>();
    if (s.empty()) {
        return core::SecretBuffer();
    }
    if (s.size() > kMaxCredentialFieldLength) {
        return Unprocessable(spec.name, "is longer than 4096 characters");
    }
    auto decoded = Base32Decode(s);
    if (!decoded.ok()) {
        return Unprocessable(spec.name, "must be base32 (A-Z, 2-7)");
    }
    if (decoded->size() < 10 || decoded->size() > 64) {
        return Unprocessable(spec.name, "must encode 10 to 64 bytes");
    }
    // Normalised form: upper case, no separators, no padding.
    std::string norm = Base32Encode(decoded->view());
    return core::SecretBuffer::Take(std::move(norm));
}

}  // namespace

bool KindAllowedFor(core::Marketplace marketplace, CredentialKind kind) {
    switch (kind) {
        case CredentialKind::kApiToken:
            return marketplace == core::Marketplace::kWildberries || marketplace == core::Marketplace::kUzum;
        case CredentialKind::kClientKey: return marketplace == core::Marketplace::kOzon;
        case CredentialKind::kApiKey: return marketplace == core::Marketplace::kYandex;
        case CredentialKind::kCabinetLogin: return true;
    }
    return false;
}

core::Result<FieldMap> NormalizeCredentialFields(core::Marketplace marketplace, CredentialKind kind,
                                                 const nlohmann::json& fields) {
    if (!KindAllowedFor(marketplace, kind)) {
        return core::Error::Unprocessable("kind is not available for this marketplace", "kind");
    }
    if (!fields.is_object()) {
        return core::Error::Unprocessable("fields must be an object", "fields");
    }
    const std::vector<FieldSpec> specs = SpecsFor(marketplace, kind);
    for (const auto& [name, value] : fields.items()) {
        bool known = false;
        for (const FieldSpec& spec : specs) {
            known = known || spec.name == name;
        }
        if (!known) {
            // The name is client input: report it only when it is short and plain.
            bool plain = name.size() <= kMaxFieldNameLength && !name.empty() &&
                         std::all_of(name.begin(), name.end(), [](char c) {
                             return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                    c == '_';
                         });
            return core::Error::Unprocessable("unexpected field", plain ? "fields." + name : "fields");
        }
    }
    FieldMap out;
    for (const FieldSpec& spec : specs) {
        auto it = fields.find(spec.name);
        bool absent = it == fields.end() || (spec.shape == Shape::kBase32 && it->is_null());
        if (absent) {
            if (spec.required) {
                return Unprocessable(spec.name, "is required");
            }
            continue;
        }
        core::Result<core::SecretBuffer> value = core::Error::Internal("unreachable");
        switch (spec.shape) {
            case Shape::kToken:
            case Shape::kPassword: value = CheckText(spec, *it); break;
            case Shape::kNumericId: value = CheckNumericId(spec, *it); break;
            case Shape::kBase32: value = CheckBase32(spec, *it); break;
        }
        if (!value.ok()) {
            return std::move(value).error();
        }
        if (value->empty()) {
            continue;  // optional and absent
        }
        out.emplace(std::string(spec.name), std::move(value).value());
    }
    return out;
}

core::Status ValidateCredentialFields(core::Marketplace marketplace, CredentialKind kind,
                                      const nlohmann::json& fields) {
    BY_TRY(NormalizeCredentialFields(marketplace, kind, fields));
    return core::Ok();
}

core::Status ValidateCredentialFields(core::Marketplace marketplace, std::string_view kind,
                                      const nlohmann::json& fields) {
    auto parsed = ParseCredentialKind(kind);
    if (!parsed) {
        return core::Error::Unprocessable("kind must be one of api_token, client_key, api_key, cabinet_login",
                                          "kind");
    }
    return ValidateCredentialFields(marketplace, *parsed, fields);
}

std::string_view HintField(CredentialKind kind) {
    switch (kind) {
        case CredentialKind::kApiToken: return "token";
        case CredentialKind::kClientKey: return "api_key";
        case CredentialKind::kApiKey: return "api_key";
        case CredentialKind::kCabinetLogin: return "login";
    }
    return "token";
}

std::string Hint(CredentialKind kind, const FieldMap& fields) {
    auto it = fields.find(HintField(kind));
    if (it == fields.end() || it->second.size() < 8) {
        return "****";
    }
    std::string_view tail = it->second.view().substr(it->second.size() - 4);
    for (char c : tail) {
        if (c < 0x21 || c > 0x7E) {
            return "****";
        }
    }
    return "****" + std::string(tail);
}

}  // namespace by::vault
