#include "core/ids.hpp"

#include <sodium.h>

#include <vector>

#include "core/encoding.hpp"

namespace by::core {

std::string RandomHex(size_t n_bytes) {
    EnsureSodium();
    std::vector<unsigned char> buf(n_bytes);
    randombytes_buf(buf.data(), buf.size());
    return HexEncode(std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
}

std::string RandomToken(size_t n_bytes) {
    EnsureSodium();
    std::vector<unsigned char> buf(n_bytes);
    randombytes_buf(buf.data(), buf.size());
    std::string out = Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(buf.data()), buf.size()));
    sodium_memzero(buf.data(), buf.size());
    return out;
}

std::string NewId(std::string_view prefix) {
    std::string id(prefix);
    id += '_';
    id += RandomHex(16);
    return id;
}

}  // namespace by::core
