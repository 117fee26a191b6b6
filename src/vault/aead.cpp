#include "vault/aead.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <climits>
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
