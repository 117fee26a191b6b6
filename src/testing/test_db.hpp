// The database a test runs against: SQLite in a temp dir by default; with BY_TEST_BACKEND=pg, a
// fresh database created on the PostgreSQL server named by BY_TEST_DATABASE_URL (started by the test
// script), so test programs running in parallel never share tables.
#pragma once

#include <memory>
#include <string>

#include "store/sql.hpp"
#include "testing/temp_dir.hpp"

namespace by::testing {

struct TestDb {
    std::unique_ptr<TempDir> dir;
    std::string url;
    store::SqlDbPtr db;
    bool postgres = false;
};

// Opens and migrates a fresh database; aborts the test program with a message when it cannot.
TestDb OpenTestDb(int pool_size = 8);
// True when this run targets PostgreSQL.
bool TestWantsPostgres();

}  // namespace by::testing
