#include "core/secret.hpp"

#include "core/encoding.hpp"

#include <sodium.h>

#include <atomic>
#include <cstring>
#include <new>
#include <utility>

namespace by::core {
namespace {
std::atomic<SecretBuffer::WipeObserver> g_wipe_observer{nullptr};
}  // namespace

SecretBuffer::SecretBuffer(size_t size) : size_(size) {
    if (size_ == 0) {
        return;
    }
    EnsureSodium();
    data_ = static_cast<unsigned char*>(sodium_malloc(size_));
    if (data_ == nullptr) {
        throw std::bad_alloc();
    }
    std::memset(data_, 0, size_);
}

SecretBuffer SecretBuffer::FromBytes(std::string_view bytes) {
    SecretBuffer b(bytes.size());
    if (!bytes.empty()) {
        std::memcpy(b.data_, bytes.data(), bytes.size());
    }
    return b;
}

SecretBuffer SecretBuffer::Take(std::string&& bytes) {
    SecretBuffer b = FromBytes(bytes);
    WipeString(bytes);
    bytes.clear();
    return b;
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept {
    if (this != &other) {
        Release();
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

SecretBuffer::~SecretBuffer() { Release(); }

void SecretBuffer::Release() {
    if (data_ != nullptr) {
        sodium_memzero(data_, size_);
        if (auto obs = g_wipe_observer.load()) {
            obs(data_, size_);
        }
        sodium_free(data_);
        data_ = nullptr;
        size_ = 0;
    }
}

bool SecretBuffer::Equals(std::string_view other) const {
    if (other.size() != size_) {
        return false;
    }
    return size_ == 0 || sodium_memcmp(data_, other.data(), size_) == 0;
}

void SecretBuffer::SetWipeObserverForTesting(WipeObserver observer) { g_wipe_observer.store(observer); }

void WipeString(std::string& s) {
    if (!s.empty()) {
        sodium_memzero(s.data(), s.size());
    }
}

std::string RedactedHint(std::string_view secret, bool show_last4) {
    if (!show_last4 || secret.size() < 8) {
        return "****";
    }
    return "****" + std::string(secret.substr(secret.size() - 4));
}

}  // namespace by::core
