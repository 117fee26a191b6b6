#include <filesystem>

#include "core/clock.hpp"
#include "store/migrations.hpp"
#include "store/postgres/pg_db.hpp"
#include "store/sql.hpp"
#include "store/sqlite/sqlite_db.hpp"

namespace by::store {

core::Result<SqlDbPtr> OpenDatabase(const std::string& url, int pool_size) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        return OpenPostgres(url, pool_size);
    }
    std::string path = url;
    if (path.rfind("sqlite://", 0) == 0) {
        path = path.substr(9);
    }
    if (path.empty()) {
        return core::Error::Invalid("empty database path");
    }
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::filesystem::create_directories(parent, ec);
    }
    return OpenSqlite(path, pool_size);
}

core::Status Migrate(SqlDb& db) {
    BY_TRY(db.ExecScript(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)"));
    const auto& all = db.dialect() == Dialect::kSqlite ? Migrations_sqlite() : Migrations_postgres();
    for (const Migration& m : all) {
        // Each migration and its record commit together; a second process racing here hits the
        // primary key and rolls back instead of applying twice.
        auto st = db.Tx([&](SqlConn& c) -> core::Status {
            BY_ASSIGN(auto done, c.Query("SELECT 1 FROM schema_migrations WHERE name = ?", {std::string(m.name)}));
            if (!done.empty()) {
                return core::Ok();
            }
            if (db.dialect() == Dialect::kPostgres) {
                // Serialises concurrent migrators across processes.
                BY_TRY(c.Exec("LOCK TABLE schema_migrations IN EXCLUSIVE MODE", {}));
                BY_ASSIGN(auto again, c.Query("SELECT 1 FROM schema_migrations WHERE name = ?", {std::string(m.name)}));
                if (!again.empty()) {
                    return core::Ok();
                }
            }
            BY_TRY(c.Script(m.sql));
            BY_TRY(c.Exec("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                          {std::string(m.name), core::SystemClock().NowMs()}));
            return core::Ok();
        });
        if (!st.ok()) {
            core::Error e = std::move(st).error();
            e.message = std::string("migration ") + m.name + " failed";
            return e;
        }
    }
    return core::Ok();
}

}  // namespace by::store
