// The SQL seam: one connection-pooled database behind an interface, with SQLite and PostgreSQL
// backends (sqlite/, postgres/). Repositories are written once against it in portable SQL:
// `?` placeholders (rewritten to $n for PostgreSQL), integers for booleans and Unix-ms times, TEXT for
// JSON and ids. Dialect-specific statements (the queue's SKIP LOCKED) branch on dialect().
//
// Thread-safety: SqlDb methods may be called from any thread; each call borrows a pooled connection.
// A SqlConn handed to a Tx callback belongs to that callback's thread until it returns.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace by::store {

enum class Dialect { kSqlite, kPostgres };

using SqlValue = std::variant<std::nullptr_t, int64_t, double, std::string>;
using Params = std::vector<SqlValue>;

class Row {
  public:
    explicit Row(std::vector<SqlValue> values) : values_(std::move(values)) {}
    bool IsNull(size_t i) const { return std::holds_alternative<std::nullptr_t>(values_.at(i)); }
    std::string Str(size_t i) const;   // "" for NULL; numbers formatted
    int64_t Int(size_t i) const;       // 0 for NULL; parses text
    double Double(size_t i) const;
    size_t size() const { return values_.size(); }

  private:
    std::vector<SqlValue> values_;
};

struct Rows {
    std::vector<std::string> columns;
    std::vector<Row> rows;
    bool empty() const { return rows.empty(); }
    size_t size() const { return rows.size(); }
};

class SqlConn {
  public:
    virtual ~SqlConn() = default;
    virtual core::Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
    // Returns the number of rows changed.
    virtual core::Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
    // Runs a multi-statement script without parameters (migrations).
    virtual core::Status Script(std::string_view sql) = 0;
};

class SqlDb {
  public:
    virtual ~SqlDb() = default;
    virtual Dialect dialect() const = 0;
    virtual core::Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
    virtual core::Result<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
    // Runs fn in one transaction: committed when fn returns Ok, rolled back otherwise. Write
    // transactions are serialised the way each backend needs (SQLite BEGIN IMMEDIATE); transient
    // conflicts (busy, serialization failure) are retried a few times.
    virtual core::Status Tx(const std::function<core::Status(SqlConn&)>& fn) = 0;
    // Runs a multi-statement script without parameters (migrations).
    virtual core::Status ExecScript(std::string_view sql) = 0;
    // A cheap round trip for readiness checks.
    virtual core::Status Ping() = 0;
};

using SqlDbPtr = std::unique_ptr<SqlDb>;

// Opens by URL: "sqlite:///abs/path.db" or a path ending in .db, or "postgresql://user@host:port/db".
core::Result<SqlDbPtr> OpenDatabase(const std::string& url, int pool_size = 8);

// Applies every embedded migration not yet recorded in schema_migrations, in order, each in a transaction.
core::Status Migrate(SqlDb& db);

// True when a failed statement was a unique-constraint violation.
bool IsUniqueViolation(const core::Error& e);

}  // namespace by::store
