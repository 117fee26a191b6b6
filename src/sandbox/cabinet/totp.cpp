#include "sandbox/cabinet/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <cstdio>

#include "core/encoding.hpp"

namespace by::sandbox::cabinet {

std::optional<std::string> Base32Decode(std::string_view text) {
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (char ch : text) {
        if (ch == ' ' || ch == '=' || ch == '-') {
            continue;
        }
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        int v;
        if (c >= 'A' && c <= 'Z') {
            v = c - 'A';
        } else if (c >= '2' && c <= '7') {
            v = c - '2' + 26;
        } else {
            return std::nullopt;
        }
        buffer = (buffer << 5) | static_cast<uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
            bits -= 8;
        }
    }
    return out;
}

std::string TotpCode(std::string_view key, int64_t unix_seconds, int digits, int step_seconds) {
    uint64_t counter = static_cast<uint64_t>(unix_seconds / step_seconds);
    unsigned char msg[8];
    for (int i = 7; i >= 0; --i) {
        msg[i] = static_cast<unsigned char>(counter & 0xFF);
        counter >>= 8;
    }
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &len);
    int offset = mac[len - 1] & 0x0F;
    uint32_t bin = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
    uint32_t mod = 1;
    for (int i = 0; i < digits; ++i) {
        mod *= 10;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*u", digits, bin % mod);
    return buf;
}

bool VerifyTotp(std::string_view base32_secret, std::string_view code, int64_t unix_ms) {
    auto key = Base32Decode(base32_secret);
    if (!key || key->empty() || code.size() != 6) {
        return false;
    }
    int64_t now = unix_ms / 1000;
    bool ok = false;
    for (int delta = -1; delta <= 1; ++delta) {
        // Constant-time comparison, and every window is checked so timing does not tell which matched.
        ok |= core::ConstantTimeEquals(TotpCode(*key, now + delta * 30), code);
    }
    return ok;
}

}  // namespace by::sandbox::cabinet
