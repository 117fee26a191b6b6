#include "vault/aead.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <memory>

namespace by::vault {
namespace {

// Bound on any single input so every length fits OpenSSL's int parameters with room to spare.
constexpr size_t kMaxInput = static_cast<size_t>(INT_MAX) / 2;

struct CtxDeleter {
    void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const unsigned char* Bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

// Explicitly fetched once (OpenSSL 3 would otherwise fetch implicitly on every init).
const EVP_CIPHER* GcmCipher(size_t key_size) {
    static EVP_CIPHER* const k128 = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
    static EVP_CIPHER* const k192 = EVP_CIPHER_fetch(nullptr, "AES-192-GCM", nullptr);
    static EVP_CIPHER* const k256 = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    switch (key_size) {
        case 16: return k128;
        case 24: return k192;
        case 32: return k256;
        default: return nullptr;
    }
}

core::Error CryptoFailure(const char* what) {
    ERR_clear_error();
    return core::Error::Crypto(what);
}

// ---- Long IVs -----------------------------------------------------------------------------------------------
// OpenSSL 3's GCM provider accepts IVs up to 128 bytes. GCM with an IV of any other length than 96 bits depends on
// the IV only through J0 = GHASH_H(IV || 0-pad || [len(IV) in bits]_64) (SP 800-38D 7.1), so a longer IV can be
// replaced by the 16-byte IV X with the same J0: J0 = ((X*H) ^ L)*H with L = [128]_64, hence
// X = ((J0*H^-1) ^ L)*H^-1. Only this pre-processing is ours; EVP still does CTR, GHASH of AAD/ciphertext and the
// tag check. Wycheproof LongIv vectors and a forced-reduction test cover it.
constexpr size_t kOpenSslMaxIv = 128;

struct Block {
    uint64_t hi = 0;
    uint64_t lo = 0;
};

Block LoadBlock(const unsigned char* p) {
    Block b;
    for (int i = 0; i < 8; ++i) {
        b.hi = (b.hi << 8) | p[i];
        b.lo = (b.lo << 8) | p[8 + i];
    }
    return b;
}

void StoreBlock(Block b, unsigned char* p) {
    for (int i = 7; i >= 0; --i) {
        p[i] = static_cast<unsigned char>(b.hi);
        p[8 + i] = static_cast<unsigned char>(b.lo);
        b.hi >>= 8;
        b.lo >>= 8;
    }
}

// Multiplication in GF(2^128) with GCM's bit order (SP 800-38D algorithm 1), without data-dependent branches.
Block GfMul(Block x, Block y) {
    Block z;
    Block v = y;
    for (int i = 0; i < 128; ++i) {
        uint64_t bit = i < 64 ? (x.hi >> (63 - i)) & 1 : (x.lo >> (127 - i)) & 1;
        uint64_t mask = 0 - bit;
        z.hi ^= v.hi & mask;
        z.lo ^= v.lo & mask;
        uint64_t lsb = v.lo & 1;
        v.lo = (v.lo >> 1) | (v.hi << 63);
        v.hi = (v.hi >> 1) ^ (0xE100000000000000ULL & (0 - lsb));
    }
    return z;
}

// a^(2^128 - 2) = a^-1 for a != 0.
Block GfInverse(Block a) {
    Block r{0x8000000000000000ULL, 0};  // the field's 1 in GCM bit order
    for (int i = 0; i < 127; ++i) {
        r = GfMul(r, r);
        r = GfMul(r, a);
    }
    return GfMul(r, r);
}

const EVP_CIPHER* EcbCipher(size_t key_size) {
    static EVP_CIPHER* const k128 = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
    static EVP_CIPHER* const k192 = EVP_CIPHER_fetch(nullptr, "AES-192-ECB", nullptr);
    static EVP_CIPHER* const k256 = EVP_CIPHER_fetch(nullptr, "AES-256-ECB", nullptr);
    switch (key_size) {
        case 16: return k128;
        case 24: return k192;
        case 32: return k256;
        default: return nullptr;
    }
}

// Returns the 16-byte IV equivalent to `iv` under `key`.
core::Result<std::array<unsigned char, 16>> ReduceIv(std::string_view key, std::string_view iv) {
    const EVP_CIPHER* ecb = EcbCipher(key.size());
    CtxPtr ctx(EVP_CIPHER_CTX_new());
    if (ecb == nullptr || !ctx) {
        return core::Error::Internal("cipher unavailable");
    }
    unsigned char zero[16] = {};
    unsigned char h_bytes[32] = {};
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), ecb, nullptr, Bytes(key), nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
        EVP_EncryptUpdate(ctx.get(), h_bytes, &len, zero, sizeof zero) != 1 || len != 16) {
        return CryptoFailure("decryption setup failed");
    }
    const Block h = LoadBlock(h_bytes);
    OPENSSL_cleanse(h_bytes, sizeof h_bytes);
    if (h.hi == 0 && h.lo == 0) {
        return core::Error::Crypto("degenerate key");
    }
    Block y;
    for (size_t off = 0; off < iv.size(); off += 16) {
        unsigned char chunk[16] = {};
        std::memcpy(chunk, iv.data() + off, std::min<size_t>(16, iv.size() - off));
        Block b = LoadBlock(chunk);
        y.hi ^= b.hi;
        y.lo ^= b.lo;
        y = GfMul(y, h);
    }
    y.lo ^= static_cast<uint64_t>(iv.size()) * 8;
    const Block j0 = GfMul(y, h);
    const Block h_inv = GfInverse(h);
    Block x = GfMul(j0, h_inv);
    x.lo ^= 128;
    x = GfMul(x, h_inv);
    std::array<unsigned char, 16> out{};
    StoreBlock(x, out.data());
    return out;
}

core::Result<SealedBox> SealImpl(std::string_view key, const Nonce& nonce, std::string_view plaintext,
                                 std::string_view aad) {
    if (key.size() != kAes256KeySize) {
        return core::Error::Invalid("encryption key must be 32 bytes");
    }
    if (plaintext.size() > kMaxInput || aad.size() > kMaxInput) {
        return core::Error::TooLarge("input too large to encrypt");
    }
    const EVP_CIPHER* cipher = GcmCipher(key.size());
    CtxPtr ctx(EVP_CIPHER_CTX_new());
    if (cipher == nullptr || !ctx) {
        return core::Error::Internal("cipher unavailable");
    }
    SealedBox box;
    box.nonce = nonce;
    box.ciphertext.resize(plaintext.size());
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(kGcmNonceSize), nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), nonce.data()) != 1) {
        return CryptoFailure("encryption setup failed");
    }
    if (!aad.empty() && EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) != 1) {
        return CryptoFailure("encryption failed");
    }
    int written = 0;
    if (!plaintext.empty()) {
        if (EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(box.ciphertext.data()), &len,
                              Bytes(plaintext), static_cast<int>(plaintext.size())) != 1) {
            return CryptoFailure("encryption failed");
        }
        written = len;
    }
    unsigned char final_block[16];
    if (EVP_EncryptFinal_ex(ctx.get(), final_block, &len) != 1 || len != 0 ||
        static_cast<size_t>(written) != plaintext.size()) {
        return CryptoFailure("encryption failed");
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagSize), box.tag.data()) != 1) {
        return CryptoFailure("encryption failed");
    }
    return box;
}

core::Result<core::SecretBuffer> OpenImpl(std::string_view key, std::string_view iv, std::string_view aad,
                                          std::string_view ciphertext, std::string_view tag, bool force_reduction) {
    const EVP_CIPHER* cipher = GcmCipher(key.size());
    if (cipher == nullptr) {
        return core::Error::Crypto("unsupported key size");
    }
    if (iv.empty()) {
        // GCM with an empty IV is undefined by NIST and leaks the authentication key (Wycheproof ZeroLengthIv).
        return core::Error::Crypto("empty IV rejected");
    }
    if (iv.size() > kMaxGcmIvSize) {
        return core::Error::Crypto("IV too long");
    }
    if (tag.size() != kGcmTagSize) {
        return core::Error::Crypto("tag must be 16 bytes");
    }
    if (ciphertext.size() > kMaxInput || aad.size() > kMaxInput) {
        return core::Error::Crypto("input too large to decrypt");
    }
    std::array<unsigned char, 16> reduced{};
    if (iv.size() > kOpenSslMaxIv || (force_reduction && iv.size() != kGcmNonceSize)) {
        BY_ASSIGN(reduced, ReduceIv(key, iv));
        iv = std::string_view(reinterpret_cast<const char*>(reduced.data()), reduced.size());
    }
    CtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx) {
        return core::Error::Internal("cipher unavailable");
    }
    int len = 0;
    if (EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(iv.size()), nullptr) != 1 ||
        EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(iv)) != 1) {
        return CryptoFailure("decryption setup failed");
    }
    if (!aad.empty() && EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) != 1) {
        return CryptoFailure("decryption failed");
    }
    // Plaintext goes straight into wiped memory; if the tag check fails it is destroyed (and zeroed) here.
    core::SecretBuffer plaintext(ciphertext.size());
    int written = 0;
    if (!ciphertext.empty()) {
        if (EVP_DecryptUpdate(ctx.get(), plaintext.data(), &len, Bytes(ciphertext),
                              static_cast<int>(ciphertext.size())) != 1) {
            return CryptoFailure("decryption failed");
        }
        written = len;
    }
    // OpenSSL only reads the tag here; the cast is for its non-const API.
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagSize),
                            const_cast<char*>(tag.data())) != 1) {
        return CryptoFailure("decryption failed");
    }
    unsigned char final_block[16];
    if (EVP_DecryptFinal_ex(ctx.get(), final_block, &len) != 1 || len != 0 ||
        static_cast<size_t>(written) != ciphertext.size()) {
        return CryptoFailure("authentication failed");
    }
    return plaintext;
}

}  // namespace

core::Status FillRandom(unsigned char* out, size_t size) {
    if (size == 0) {
        return core::Ok();
    }
    if (size > kMaxInput || RAND_bytes(out, static_cast<int>(size)) != 1) {
        ERR_clear_error();
        return core::Error::Internal("random generator failed");
    }
    return core::Ok();
}

core::Result<SealedBox> Seal(std::string_view key, std::string_view plaintext, std::string_view aad) {
    Nonce nonce{};
    BY_TRY(FillRandom(nonce.data(), nonce.size()));
    return SealImpl(key, nonce, plaintext, aad);
}

namespace testing_only {
core::Result<SealedBox> SealWithNonce(std::string_view key, const Nonce& nonce, std::string_view plaintext,
                                      std::string_view aad) {
    return SealImpl(key, nonce, plaintext, aad);
}
}  // namespace testing_only

core::Result<core::SecretBuffer> Open(std::string_view key, std::string_view iv, std::string_view aad,
                                      std::string_view ciphertext, std::string_view tag) {
    return OpenImpl(key, iv, aad, ciphertext, tag, false);
}

namespace testing_only {
core::Result<core::SecretBuffer> OpenWithReducedIv(std::string_view key, std::string_view iv, std::string_view aad,
                                                   std::string_view ciphertext, std::string_view tag) {
    return OpenImpl(key, iv, aad, ciphertext, tag, true);
}
}  // namespace testing_only

core::Result<std::string> Hmac(HashAlgorithm algorithm, std::string_view key, std::string_view message) {
    const EVP_MD* md = nullptr;
    switch (algorithm) {
        case HashAlgorithm::kSha1: md = EVP_sha1(); break;
        case HashAlgorithm::kSha256: md = EVP_sha256(); break;
        case HashAlgorithm::kSha512: md = EVP_sha512(); break;
    }
    if (md == nullptr || key.size() > kMaxInput || message.size() > kMaxInput) {
        return core::Error::Invalid("unsupported HMAC input");
    }
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int out_len = 0;
    // HMAC() with a NULL-able key: pass a valid pointer even for an empty key.
    static const unsigned char kEmpty = 0;
    if (HMAC(md, key.empty() ? &kEmpty : Bytes(key), static_cast<int>(key.size()), Bytes(message), message.size(),
             out, &out_len) == nullptr) {
        ERR_clear_error();
        return core::Error::Internal("HMAC failed");
    }
    std::string digest(reinterpret_cast<const char*>(out), out_len);
    OPENSSL_cleanse(out, sizeof out);
    return digest;
}

}  // namespace by::vault
