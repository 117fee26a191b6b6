#include "store/postgres/pg_db.hpp"

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace by::store {

std::string RewritePlaceholders(std::string_view sql) {
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    bool in_literal = false;
    for (char c : sql) {
        if (c == '\'') {
            in_literal = !in_literal;
        }
        if (c == '?' && !in_literal) {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700, kBool = 16;

core::Error PgError(PGconn* conn, PGresult* res, std::string_view sql) {
    std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    if (sqlstate == "23505") {
        return {core::ErrorCode::kConflict, "already exists", {}, "unique: " + msg};
    }
    if (sqlstate.rfind("23", 0) == 0) {
        return {core::ErrorCode::kConflict, "constraint violated", {}, "constraint: " + msg};
    }
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
        return core::Error::Unavailable("database busy", msg);
    }
    if (PQstatus(conn) != CONNECTION_OK) {
        return core::Error::Unavailable("database unreachable", msg);
    }
    return core::Error::Internal("database error", msg + " in: " + std::string(sql.substr(0, 200)));
}

class PgConn final : public SqlConn {
  public:
    explicit PgConn(PGconn* c) : conn_(c) {}
    ~PgConn() override { PQfinish(conn_); }

    core::Result<Rows> Query(std::string_view sql, const Params& params) override {
        BY_ASSIGN(PGresult * res, Run(sql, params));
        Rows out;
        int ncol = PQnfields(res);
        int nrow = PQntuples(res);
        for (int i = 0; i < ncol; ++i) {
            out.columns.emplace_back(PQfname(res, i));
        }
        out.rows.reserve(static_cast<size_t>(nrow));
        for (int r = 0; r < nrow; ++r) {
            std::vector<SqlValue> values;
            values.reserve(static_cast<size_t>(ncol));
            for (int i = 0; i < ncol; ++i) {
                if (PQgetisnull(res, r, i)) {
                    values.emplace_back(nullptr);
                    continue;
                }
                const char* v = PQgetvalue(res, r, i);
                switch (PQftype(res, i)) {
                    case kInt8:
                    case kInt2:
                    case kInt4: values.emplace_back(static_cast<int64_t>(std::strtoll(v, nullptr, 10))); break;
                    case kFloat4:
                    case kFloat8:
                    case kNumeric: values.emplace_back(std::strtod(v, nullptr)); break;
                    case kBool: values.emplace_back(static_cast<int64_t>(v[0] == 't' ? 1 : 0)); break;
                    default: values.emplace_back(std::string(v, static_cast<size_t>(PQgetlength(res, r, i))));
                }
            }
            out.rows.emplace_back(std::move(values));
        }
        PQclear(res);
        return out;
    }

    core::Result<int64_t> Exec(std::string_view sql, const Params& params) override {
        BY_ASSIGN(PGresult * res, Run(sql, params));
        const char* n = PQcmdTuples(res);
        int64_t changed = (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
        PQclear(res);
        return changed;
    }

    core::Status Script(std::string_view sql) override {
        std::string s(sql);
        PGresult* res = PQexec(conn_, s.c_str());
        ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            auto e = PgError(conn_, res, sql);
            PQclear(res);
            return e;
        }
        PQclear(res);
        return core::Ok();
    }

    bool Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
    void Reset() { PQreset(conn_); }

  private:
    core::Result<PGresult*> Run(std::string_view sql, const Params& params) {
        std::string text = RewritePlaceholders(sql);
        std::vector<std::string> storage(params.size());
        std::vector<const char*> values(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            const SqlValue& p = params[i];
            if (std::holds_alternative<std::nullptr_t>(p)) {
                values[i] = nullptr;
                continue;
            }
            if (auto* n = std::get_if<int64_t>(&p)) {
                storage[i] = std::to_string(*n);
            } else if (auto* d = std::get_if<double>(&p)) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.17g", *d);
                storage[i] = buf;
            } else {
                storage[i] = std::get<std::string>(p);
            }
            values[i] = storage[i].c_str();
        }
        PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                     nullptr, nullptr, 0);
        ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            auto e = PgError(conn_, res, sql);
            PQclear(res);
            return e;
        }
        return res;
    }

    PGconn* conn_;
};

class PgDb final : public SqlDb {
  public:
    PgDb(std::string url, int pool_size) : url_(std::move(url)), pool_size_(pool_size) {}

    core::Status Init() {
        for (int i = 0; i < pool_size_; ++i) {
            BY_ASSIGN(auto c, OpenConn());
            idle_.push_back(std::move(c));
        }
        return core::Ok();
    }

    Dialect dialect() const override { return Dialect::kPostgres; }

    core::Result<Rows> Query(std::string_view sql, const Params& params) override {
        auto c = Borrow();
        auto r = c->Query(sql, params);
        Return(std::move(c));
        return r;
    }

    core::Result<int64_t> Exec(std::string_view sql, const Params& params) override {
        auto c = Borrow();
        auto r = c->Exec(sql, params);
        Return(std::move(c));
        return r;
    }

    core::Status Tx(const std::function<core::Status(SqlConn&)>& fn) override {
        auto c = Borrow();
        core::Status result;
        for (int attempt = 0; attempt < 5; ++attempt) {
            auto begin = c->Exec("BEGIN", {});
            if (!begin.ok()) {
                result = std::move(begin).error();
                break;
            }
            result = fn(*c);
            if (result.ok()) {
                auto commit = c->Exec("COMMIT", {});
                if (commit.ok()) {
                    break;
                }
                result = std::move(commit).error();
            } else {
                (void)c->Exec("ROLLBACK", {});
            }
            if (result.ok() || result.error().code != core::ErrorCode::kUnavailable) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5 << attempt));
        }
        Return(std::move(c));
        return result;
    }

    core::Status ExecScript(std::string_view sql) override {
        auto c = Borrow();
        auto r = c->Script(sql);
        Return(std::move(c));
        return r;
    }

    core::Status Ping() override { return Query("SELECT 1", {}).ok() ? core::Ok() : core::Error::Unavailable("db"); }

  private:
    core::Result<std::unique_ptr<PgConn>> OpenConn() {
        PGconn* conn = PQconnectdb(url_.c_str());
        if (PQstatus(conn) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(conn);
            PQfinish(conn);
            return core::Error::Unavailable("cannot connect to PostgreSQL", msg);
        }
        auto c = std::make_unique<PgConn>(conn);
        BY_TRY(c->Script("SET statement_timeout = 30000; SET client_min_messages = warning;"));
        return c;
    }

    std::unique_ptr<PgConn> Borrow() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !idle_.empty(); });
        auto c = std::move(idle_.back());
        idle_.pop_back();
        lock.unlock();
        if (!c->Healthy()) {
            c->Reset();  // a restarted server or a dropped socket: reconnect once before use
        }
        return c;
    }

    void Return(std::unique_ptr<PgConn> c) {
        {
            std::lock_guard lock(mu_);
            idle_.push_back(std::move(c));
        }
        cv_.notify_one();
    }

    std::string url_;
    int pool_size_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<PgConn>> idle_;  // guarded by mu_
};

}  // namespace

core::Result<SqlDbPtr> OpenPostgres(const std::string& url, int pool_size) {
    auto db = std::make_unique<PgDb>(url, pool_size < 1 ? 1 : pool_size);
    BY_TRY(db->Init());
    return SqlDbPtr(std::move(db));
}

}  // namespace by::store
