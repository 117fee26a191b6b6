// Helpers shared by the vault tests.
#pragma once

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>
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

// A private directory under $TMPDIR, removed with its contents at scope exit. (Local rather than
// testing/temp_dir.hpp so this suite links nothing but by_vault and by_core.)
class TempDir {
  public:
    TempDir() {
        const char* base = std::getenv("TMPDIR");
        std::string tmpl = std::string(base != nullptr ? base : "/tmp") + "/by-vault-test-XXXXXX";
        if (char* p = ::mkdtemp(tmpl.data())) {
            path_ = p;
        }
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

inline std::string Hex(std::string_view hex) { return core::HexDecode(hex).value_or("<bad hex>"); }

}  // namespace by::vault::test
