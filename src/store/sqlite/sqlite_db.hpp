// SQLite backend of SqlDb: WAL mode, a small pool of connections, BEGIN IMMEDIATE for transactions
// (so two writers never deadlock upgrading read locks), busy_timeout for contention.
#pragma once

#include <string>

#include "store/sql.hpp"

namespace by::store {

core::Result<SqlDbPtr> OpenSqlite(const std::string& path, int pool_size);

}  // namespace by::store
