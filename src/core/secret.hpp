// Secrets as a type that cannot be logged (userver NonLoggable, GUARANTEES S5).
//
// SecretBuffer owns bytes in sodium_malloc'd, mlock'ed memory, is move-only, and zeroes the bytes
// (sodium_memzero) before freeing them. It has no operator<<, no fmt formatter and no JSON conversion:
// the only way to read it is view(), at the one place that needs the plaintext.
// Thread-safety: none; a SecretBuffer belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace by::core {

class SecretBuffer {
  public:
    SecretBuffer() = default;
    explicit SecretBuffer(size_t size);
    // Copies `bytes` in; the caller is responsible for wiping its own copy.
    static SecretBuffer FromBytes(std::string_view bytes);
    // Takes a std::string's contents and wipes the string.
    static SecretBuffer Take(std::string&& bytes);

    SecretBuffer(const SecretBuffer&) = delete;
    SecretBuffer& operator=(const SecretBuffer&) = delete;
    SecretBuffer(SecretBuffer&& other) noexcept;
    SecretBuffer& operator=(SecretBuffer&& other) noexcept;
    ~SecretBuffer();

    unsigned char* data() { return data_; }
    const unsigned char* data() const { return data_; }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }
    bool Equals(std::string_view other) const;  // constant time

    // Test hook: called with the buffer's bytes right after they are wiped and before they are freed.
    using WipeObserver = void (*)(const unsigned char* data, size_t size);
    static void SetWipeObserverForTesting(WipeObserver observer);

  private:
    void Release();
    unsigned char* data_ = nullptr;
    size_t size_ = 0;
};

// Wipes a std::string's bytes in place (for plaintext that had to pass through a std::string briefly).
void WipeString(std::string& s);

// A redacted view for logs: "****" plus at most the last 4 characters when `show_last4` is set.
std::string RedactedHint(std::string_view secret, bool show_last4);

}  // namespace by::core
