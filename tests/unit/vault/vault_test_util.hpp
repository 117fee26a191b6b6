// Helpers shared by the vault tests.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/encoding.hpp"

namespace by::vault::test {

inline std::filesystem::path SharedDir() {
    if (const char* dir = std::getenv("BY_SHARED_DIR"); dir != nullptr && *dir != '\0') {
        return dir;
    }
    return BY_VAULT_TEST_SHARED_DIR;
}

inline std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::string Hex(std::string_view hex) { return core::HexDecode(hex).value_or("<bad hex>"); }

}  // namespace by::vault::test
