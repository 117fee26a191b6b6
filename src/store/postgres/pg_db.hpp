// PostgreSQL backend of SqlDb (libpq): a pool of connections, `?` placeholders rewritten to $n,
// statement_timeout set per session, serialization failures and deadlocks retried in Tx.
#pragma once

#include <string>

#include "store/sql.hpp"

namespace by::store {

core::Result<SqlDbPtr> OpenPostgres(const std::string& url, int pool_size);

// "SELECT ? , ?" -> "SELECT $1 , $2" (question marks inside '...' literals are left alone).
std::string RewritePlaceholders(std::string_view sql);

}  // namespace by::store
