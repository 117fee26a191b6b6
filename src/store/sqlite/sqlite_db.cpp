#include "store/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <unordered_map>
#include <mutex>
#include <thread>
#include <vector>

namespace by::store {
namespace {

core::Error SqliteError(sqlite3* db, int rc, std::string_view sql) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    int primary = rc & 0xFF;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return {core::ErrorCode::kConflict, "already exists", {}, "unique: " + msg};
    }
    if (primary == SQLITE_CONSTRAINT) {
        return {core::ErrorCode::kConflict, "constraint violated", {}, "constraint: " + msg};
    }
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        return core::Error::Unavailable("database busy", msg);
    }
    return core::Error::Internal("database error", msg + " in: " + std::string(sql.substr(0, 200)));
}

class SqliteConn final : public SqlConn {
  public:
    explicit SqliteConn(sqlite3* db) : db_(db) {}
    ~SqliteConn() override {
        for (auto& [sql, st] : cache_) {
            sqlite3_finalize(st);
        }
        sqlite3_close_v2(db_);
    }

    core::Result<Rows> Query(std::string_view sql, const Params& params) override {
        BY_ASSIGN(sqlite3_stmt * st, Prepare(sql));
        BY_TRY(Bind(st, params, sql));
        Rows out;
        int ncol = sqlite3_column_count(st);
        for (int i = 0; i < ncol; ++i) {
            out.columns.emplace_back(sqlite3_column_name(st, i));
        }
        while (true) {
            int rc = sqlite3_step(st);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                auto err = SqliteError(db_, sqlite3_extended_errcode(db_), sql);
                sqlite3_reset(st);
                return err;
            }
            std::vector<SqlValue> values;
            values.reserve(static_cast<size_t>(ncol));
            for (int i = 0; i < ncol; ++i) {
                switch (sqlite3_column_type(st, i)) {
                    case SQLITE_NULL: values.emplace_back(nullptr); break;
                    case SQLITE_INTEGER: values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(st, i))); break;
                    case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(st, i)); break;
                    default: {
                        const char* p = reinterpret_cast<const char*>(sqlite3_column_blob(st, i));
                        int n = sqlite3_column_bytes(st, i);
                        values.emplace_back(std::string(p ? p : "", static_cast<size_t>(n)));
                    }
                }
            }
            out.rows.emplace_back(std::move(values));
        }
        sqlite3_reset(st);
        return out;
    }

    core::Result<int64_t> Exec(std::string_view sql, const Params& params) override {
        BY_ASSIGN(sqlite3_stmt * st, Prepare(sql));
        BY_TRY(Bind(st, params, sql));
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        }
        if (rc != SQLITE_DONE) {
            auto err = SqliteError(db_, sqlite3_extended_errcode(db_), sql);
            sqlite3_reset(st);
            return err;
        }
        sqlite3_reset(st);
        return static_cast<int64_t>(sqlite3_changes(db_));
    }

    core::Status Script(std::string_view sql) override {
        std::string s(sql);
        char* err = nullptr;
        int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
        if (rc != SQLITE_OK) {
            std::string msg = err ? err : "";
            sqlite3_free(err);
            return core::Error::Internal("database error", msg);
        }
        return core::Ok();
    }

  private:
    core::Result<sqlite3_stmt*> Prepare(std::string_view sql) {
        std::string key(sql);
        auto it = cache_.find(key);
        if (it != cache_.end()) {
            sqlite3_clear_bindings(it->second);
            return it->second;
        }
        sqlite3_stmt* st = nullptr;
        int rc = sqlite3_prepare_v2(db_, key.c_str(), static_cast<int>(key.size()), &st, nullptr);
        if (rc != SQLITE_OK) {
            return SqliteError(db_, rc, sql);
        }
        cache_.emplace(std::move(key), st);
        return st;
    }

    core::Status Bind(sqlite3_stmt* st, const Params& params, std::string_view sql) {
        for (size_t i = 0; i < params.size(); ++i) {
            int idx = static_cast<int>(i + 1);
            int rc = std::visit(
                [&](const auto& v) -> int {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>) {
                        return sqlite3_bind_null(st, idx);
                    } else if constexpr (std::is_same_v<T, int64_t>) {
                        return sqlite3_bind_int64(st, idx, v);
                    } else if constexpr (std::is_same_v<T, double>) {
                        return sqlite3_bind_double(st, idx, v);
                    } else {
                        return sqlite3_bind_text(st, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
                    }
                },
                params[i]);
            if (rc != SQLITE_OK) {
                return SqliteError(db_, rc, sql);
            }
        }
        return core::Ok();
    }

    sqlite3* db_;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDb final : public SqlDb {
  public:
    SqliteDb(std::string path, int pool_size) : path_(std::move(path)), pool_size_(pool_size) {}

    core::Status Init() {
        for (int i = 0; i < pool_size_; ++i) {
            BY_ASSIGN(auto conn, OpenConn());
            idle_.push_back(std::move(conn));
        }
        return core::Ok();
    }

    Dialect dialect() const override { return Dialect::kSqlite; }

    core::Result<Rows> Query(std::string_view sql, const Params& params) override {
        auto conn = Borrow();
        auto r = conn->Query(sql, params);
        Return(std::move(conn));
        return r;
    }

    core::Result<int64_t> Exec(std::string_view sql, const Params& params) override {
        auto conn = Borrow();
        auto r = conn->Exec(sql, params);
        Return(std::move(conn));
        return r;
    }

    core::Status Tx(const std::function<core::Status(SqlConn&)>& fn) override {
        auto conn = Borrow();
        core::Status result;
        for (int attempt = 0; attempt < 5; ++attempt) {
            auto begin = conn->Exec("BEGIN IMMEDIATE", {});
            if (!begin.ok()) {
                result = std::move(begin).error();
                std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
                continue;
            }
            result = fn(*conn);
            if (result.ok()) {
                auto commit = conn->Exec("COMMIT", {});
                if (commit.ok()) {
                    break;
                }
                result = std::move(commit).error();
            }
            (void)conn->Exec("ROLLBACK", {});
            if (result.ok() || result.error().code != core::ErrorCode::kUnavailable) {
                break;
            }
        }
        Return(std::move(conn));
        return result;
    }

    core::Status ExecScript(std::string_view sql) override {
        auto conn = Borrow();
        auto r = conn->Script(sql);
        Return(std::move(conn));
        return r;
    }

    core::Status Ping() override { return Query("SELECT 1", {}).ok() ? core::Ok() : core::Error::Unavailable("db"); }

  private:
    core::Result<std::unique_ptr<SqliteConn>> OpenConn() {
        sqlite3* db = nullptr;
        int rc = sqlite3_open_v2(path_.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
            sqlite3_close_v2(db);
            return core::Error::Unavailable("cannot open database", msg);
        }
        sqlite3_busy_timeout(db, 10000);
        auto conn = std::make_unique<SqliteConn>(db);
        BY_TRY(conn->Script("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
        return conn;
    }

    std::unique_ptr<SqliteConn> Borrow() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !idle_.empty(); });
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return c;
    }

    void Return(std::unique_ptr<SqliteConn> c) {
        {
            std::lock_guard lock(mu_);
            idle_.push_back(std::move(c));
        }
        cv_.notify_one();
    }

    std::string path_;
    int pool_size_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<SqliteConn>> idle_;  // guarded by mu_
};

}  // namespace

core::Result<SqlDbPtr> OpenSqlite(const std::string& path, int pool_size) {
    auto db = std::make_unique<SqliteDb>(path, pool_size < 1 ? 1 : pool_size);
    BY_TRY(db->Init());
    return SqlDbPtr(std::move(db));
}

}  // namespace by::store
