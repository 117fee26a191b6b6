#include "vault/totp.hpp"

#include "core/encoding.hpp"

namespace by::vault {
namespace {

constexpr uint32_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

core::Status CheckParams(const TotpParams& p) {
    if (p.digits < 6 || p.digits > 8) {
        return core::Error::Invalid("TOTP digits must be 6..8");
    }
    if (p.step_seconds <= 0) {
        return core::Error::Invalid("TOTP step must be positive");
    }
    if (p.window < 0 || p.window > 10) {
        return core::Error::Invalid("TOTP window must be 0..10");
    }
    return core::Ok();
}

int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        --q;
    }
    return q;
}

}  // namespace

core::Result<std::string> Hotp(std::string_view key, uint64_t counter, int digits, HashAlgorithm algorithm) {
    if (digits < 6 || digits > 8) {
        return core::Error::Invalid("HOTP digits must be 6..8");
    }
    char msg[8];
    for (int i = 7; i >= 0; --i) {
        msg[i] = static_cast<char>(counter & 0xFF);
        counter >>= 8;
    }
    BY_ASSIGN(std::string mac, Hmac(algorithm, key, std::string_view(msg, sizeof msg)));
    // Dynamic truncation (RFC 4226 section 5.3).
    size_t offset = static_cast<unsigned char>(mac.back()) & 0x0F;
    uint32_t bin = ((static_cast<uint32_t>(static_cast<unsigned char>(mac[offset])) & 0x7F) << 24) |
                   (static_cast<uint32_t>(static_cast<unsigned char>(mac[offset + 1])) << 16) |
                   (static_cast<uint32_t>(static_cast<unsigned char>(mac[offset + 2])) << 8) |
                   static_cast<uint32_t>(static_cast<unsigned char>(mac[offset + 3]));
    core::WipeString(mac);
    uint32_t value = bin % kPow10[digits];
    std::string code(static_cast<size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i) {
        code[static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return code;
}

core::Result<int64_t> TotpStep(int64_t unix_seconds, const TotpParams& params) {
    BY_TRY(CheckParams(params));
    if (unix_seconds < params.t0_seconds) {
        return core::Error::Invalid("time is before T0");
    }
    return FloorDiv(unix_seconds - params.t0_seconds, params.step_seconds);
}

core::Result<std::string> TotpAt(std::string_view key, int64_t unix_seconds, const TotpParams& params) {
    BY_ASSIGN(int64_t step, TotpStep(unix_seconds, params));
    return Hotp(key, static_cast<uint64_t>(step), params.digits, params.algorithm);
}

core::Result<std::string> TotpNow(std::string_view key, const core::Clock& clock, const TotpParams& params) {
    return TotpAt(key, FloorDiv(clock.NowMs(), 1000), params);
}

core::Result<int64_t> VerifyTotp(std::string_view key, std::string_view code, const core::Clock& clock,
                                 std::optional<int64_t> last_accepted_step, const TotpParams& params) {
    BY_ASSIGN(int64_t now_step, TotpStep(FloorDiv(clock.NowMs(), 1000), params));
    const core::Error invalid = core::Error::Unauthenticated("invalid code");
    if (code.size() != static_cast<size_t>(params.digits)) {
        return invalid;
    }
    for (char c : code) {
        if (c < '0' || c > '9') {
            return invalid;
        }
    }
    // Check every candidate without an early exit so timing does not reveal which step matched.
    std::optional<int64_t> accepted;
    for (int64_t step = now_step - params.window; step <= now_step + params.window; ++step) {
        if (step < 0) {
            continue;
        }
        BY_ASSIGN(std::string expected, Hotp(key, static_cast<uint64_t>(step), params.digits, params.algorithm));
        bool match = core::ConstantTimeEquals(expected, code);
        if (match && (!last_accepted_step || step > *last_accepted_step) && !accepted) {
            accepted = step;
        }
    }
    if (!accepted) {
        return invalid;
    }
    return *accepted;
}

core::Result<core::SecretBuffer> Base32Decode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 5 / 8 + 1);
    uint32_t acc = 0;
    int bits = 0;
    bool padding_seen = false;
    for (char c : text) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') {
            v = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            v = c - 'a';
        } else if (c >= '2' && c <= '7') {
            v = c - '2' + 26;
        } else if (c == ' ' || c == '-') {
            if (padding_seen) {
                core::WipeString(out);
                return core::Error::Invalid("not valid base32");
            }
            continue;
        } else if (c == '=') {
            padding_seen = true;
            continue;
        }
        if (v < 0 || padding_seen) {
            core::WipeString(out);
            return core::Error::Invalid("not valid base32");
        }
        acc = (acc << 5) | static_cast<uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
        acc &= (1u << bits) - 1;
    }
    // A trailing group of 1, 3 or 6 characters cannot come from whole bytes (5 bits left over or more).
    if (bits >= 5 || acc != 0) {
        core::WipeString(out);
        return core::Error::Invalid("not valid base32");
    }
    return core::SecretBuffer::Take(std::move(out));
}

std::string Base32Encode(std::string_view bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kAlphabet[(acc >> bits) & 31];
        }
        acc &= (1u << bits) - 1;
    }
    if (bits > 0) {
        out += kAlphabet[(acc << (5 - bits)) & 31];
    }
    return out;
}

}  // namespace by::vault
