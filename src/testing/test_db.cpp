#include "testing/test_db.hpp"

#include <cstdio>
#include <cstdlib>

#include "core/ids.hpp"

namespace by::testing {

bool TestWantsPostgres() {
    const char* b = std::getenv("BY_TEST_BACKEND");
    return b && std::string(b) == "pg";
}

TestDb OpenTestDb(int pool_size) {
    TestDb t;
    t.dir = std::make_unique<TempDir>();
    if (TestWantsPostgres()) {
        const char* base = std::getenv("BY_TEST_DATABASE_URL");
        if (!base || !*base) {
            std::fprintf(stderr, "BY_TEST_BACKEND=pg needs BY_TEST_DATABASE_URL (scripts/run-tests.sh sets it)\n");
            std::abort();
        }
        std::string url = base;
        auto admin = store::OpenDatabase(url, 1);
        if (!admin.ok()) {
            std::fprintf(stderr, "cannot reach PostgreSQL: %s\n", admin.error().ToString().c_str());
            std::abort();
        }
        std::string name = "by_t_" + core::RandomHex(6);
        auto created = (*admin)->Exec("CREATE DATABASE " + name);
        if (!created.ok()) {
            std::fprintf(stderr, "cannot create database: %s\n", created.error().ToString().c_str());
            std::abort();
        }
        t.url = url.substr(0, url.rfind('/') + 1) + name;
        t.postgres = true;
    } else {
        t.url = "sqlite://" + (t.dir->path() / "test.db").string();
    }
    auto db = store::OpenDatabase(t.url, pool_size);
    if (!db.ok()) {
        std::fprintf(stderr, "cannot open test database: %s\n", db.error().ToString().c_str());
        std::abort();
    }
    auto st = store::Migrate(**db);
    if (!st.ok()) {
        std::fprintf(stderr, "migration failed: %s\n", st.error().ToString().c_str());
        std::abort();
    }
    t.db = std::move(*db);
    return t;
}

}  // namespace by::testing
