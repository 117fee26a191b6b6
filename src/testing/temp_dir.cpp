#include "testing/temp_dir.hpp"

#include <cstdlib>
#include <string>

namespace by::testing {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base ? base : "/tmp") + "/by-test-XXXXXX";
    if (char* p = mkdtemp(tmpl.data())) {
        path_ = p;
    }
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace by::testing
