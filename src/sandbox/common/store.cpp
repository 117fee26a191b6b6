#include "sandbox/common/store.hpp"

#include <sqlite3.h>

namespace by::sandbox {
namespace {

// A prepared statement that finalizes itself.
class Stmt {
  public:
    Stmt(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &st_, nullptr) != SQLITE_OK) {
            throw StoreError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
        }
    }
    ~Stmt() { sqlite3_finalize(st_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt& Bind(int i, std::string_view s) {
        sqlite3_bind_text(st_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& Bind(int i, int64_t v) {
        sqlite3_bind_int64(st_, i, v);
        return *this;
    }
    // True while a row is available.
    bool Step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throw StoreError(std::string("sqlite step: ") + sqlite3_errmsg(db_));
        }
        return false;
    }
    std::string Text(int col) {
        const unsigned char* p = sqlite3_column_text(st_, col);
        return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(st_, col)) : std::string();
    }
    int64_t Int(int col) { return sqlite3_column_int64(st_, col); }

  private:
    sqlite3* db_;
    sqlite3_stmt* st_ = nullptr;
};

nlohmann::json ParseDoc(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
}

}  // namespace

core::Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& file) {
    std::unique_ptr<Store> s(new Store());
    std::string name = file.empty() ? std::string(":memory:") : file.string();
    if (!file.empty() && file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(name.c_str(), &s->db_, flags, nullptr) != SQLITE_OK) {
        std::string msg = s->db_ ? sqlite3_errmsg(s->db_) : "out of memory";
        return core::Error::Unavailable("cannot open the sandbox database", name + ": " + msg);
    }
    sqlite3_busy_timeout(s->db_, 5000);
    try {
        s->Exec("PRAGMA journal_mode=WAL");
        s->Exec("PRAGMA synchronous=NORMAL");
        s->Exec("CREATE TABLE IF NOT EXISTS docs(mp TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, "
                "body TEXT NOT NULL, PRIMARY KEY(mp, kind, key)) WITHOUT ROWID");
        s->Exec("CREATE TABLE IF NOT EXISTS counters(mp TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, "
                "n INTEGER NOT NULL, PRIMARY KEY(mp, name, key)) WITHOUT ROWID");
        s->Exec("CREATE TABLE IF NOT EXISTS seqs(name TEXT PRIMARY KEY, v INTEGER NOT NULL)");
    } catch (const StoreError& e) {
        return core::Error::Unavailable("cannot initialise the sandbox database", e.what());
    }
    return s;
}

Store::~Store() {
    if (db_ != nullptr) {
        sqlite3_close(db_);
    }
}

void Store::Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown";
        sqlite3_free(err);
        throw StoreError("sqlite: " + msg);
    }
}

Store::Tx Store::Begin(std::string marketplace) { return Tx(this, std::move(marketplace)); }

Store::Tx::Tx(Store* store, std::string mp) : store_(store), mp_(std::move(mp)), lock_(store->mu_) {
    store_->Exec("BEGIN IMMEDIATE");
}

Store::Tx::Tx(Tx&& other) noexcept
    : store_(other.store_), mp_(std::move(other.mp_)), lock_(std::move(other.lock_)), done_(other.done_) {
    other.done_ = true;
}

Store::Tx::~Tx() {
    if (!done_ && lock_.owns_lock()) {
        try {
            store_->Exec("ROLLBACK");
        } catch (const StoreError&) {
            // Nothing more to do: the connection stays usable for the next BEGIN.
        }
    }
}

void Store::Tx::Commit() {
    if (!done_) {
        store_->Exec("COMMIT");
        done_ = true;
        lock_.unlock();  // a committed Tx no longer holds the store
    }
}

std::optional<nlohmann::json> Store::Tx::Get(std::string_view kind, std::string_view key) {
    Stmt st(store_->db_, "SELECT body FROM docs WHERE mp=?1 AND kind=?2 AND key=?3");
    st.Bind(1, mp_).Bind(2, kind).Bind(3, key);
    if (!st.Step()) {
        return std::nullopt;
    }
    return ParseDoc(st.Text(0));
}

void Store::Tx::Put(std::string_view kind, std::string_view key, const nlohmann::json& doc) {
    Stmt st(store_->db_, "INSERT INTO docs(mp, kind, key, body) VALUES(?1, ?2, ?3, ?4) "
                         "ON CONFLICT(mp, kind, key) DO UPDATE SET body=excluded.body");
    std::string body = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    st.Bind(1, mp_).Bind(2, kind).Bind(3, key).Bind(4, body);
    st.Step();
}

bool Store::Tx::Erase(std::string_view kind, std::string_view key) {
    Stmt st(store_->db_, "DELETE FROM docs WHERE mp=?1 AND kind=?2 AND key=?3");
    st.Bind(1, mp_).Bind(2, kind).Bind(3, key);
    st.Step();
    return sqlite3_changes(store_->db_) > 0;
}

std::vector<std::pair<std::string, nlohmann::json>> Store::Tx::List(std::string_view kind, std::string_view prefix) {
    std::vector<std::pair<std::string, nlohmann::json>> out;
    // 0xFF never occurs in UTF-8, so prefix + 0xFF bounds every key that starts with prefix.
    std::string upper = std::string(prefix) + "\xff";
    Stmt st(store_->db_, "SELECT key, body FROM docs WHERE mp=?1 AND kind=?2 AND key>=?3 AND key<?4 ORDER BY key");
    st.Bind(1, mp_).Bind(2, kind).Bind(3, prefix).Bind(4, upper);
    while (st.Step()) {
        out.emplace_back(st.Text(0), ParseDoc(st.Text(1)));
    }
    return out;
}

int64_t Store::Tx::NextId(std::string_view sequence, int64_t first) {
    std::string name = mp_ + "/" + std::string(sequence);
    {
        Stmt st(store_->db_, "INSERT INTO seqs(name, v) VALUES(?1, ?2) ON CONFLICT(name) DO UPDATE SET v=v+1");
        st.Bind(1, name).Bind(2, first);
        st.Step();
    }
    Stmt st(store_->db_, "SELECT v FROM seqs WHERE name=?1");
    st.Bind(1, name);
    st.Step();
    return st.Int(0);
}

void Store::Tx::Bump(std::string_view counter, std::string_view key, int64_t delta) {
    Stmt st(store_->db_, "INSERT INTO counters(mp, name, key, n) VALUES(?1, ?2, ?3, ?4) "
                         "ON CONFLICT(mp, name, key) DO UPDATE SET n=n+excluded.n");
    st.Bind(1, mp_).Bind(2, counter).Bind(3, key).Bind(4, delta);
    st.Step();
}

int64_t Store::Tx::Counter(std::string_view counter, std::string_view key) {
    Stmt st(store_->db_, "SELECT n FROM counters WHERE mp=?1 AND name=?2 AND key=?3");
    st.Bind(1, mp_).Bind(2, counter).Bind(3, key);
    return st.Step() ? st.Int(0) : 0;
}

nlohmann::json Store::Dump(std::string_view marketplace) {
    std::lock_guard<std::mutex> lock(mu_);
    nlohmann::json docs = nlohmann::json::object();
    nlohmann::json counters = nlohmann::json::object();
    {
        Stmt st(db_, "SELECT kind, key, body FROM docs WHERE mp=?1 ORDER BY kind, key");
        st.Bind(1, marketplace);
        while (st.Step()) {
            docs[st.Text(0)][st.Text(1)] = ParseDoc(st.Text(2));
        }
    }
    {
        Stmt st(db_, "SELECT name, key, n FROM counters WHERE mp=?1 ORDER BY name, key");
        st.Bind(1, marketplace);
        while (st.Step()) {
            counters[st.Text(0)][st.Text(1)] = st.Int(2);
        }
    }
    return {{"documents", docs}, {"counters", counters}};
}

void Store::Reset(std::string_view marketplace) {
    std::lock_guard<std::mutex> lock(mu_);
    {
        Stmt st(db_, "DELETE FROM docs WHERE mp=?1");
        st.Bind(1, marketplace);
        st.Step();
    }
    Stmt st(db_, "DELETE FROM counters WHERE mp=?1");
    st.Bind(1, marketplace);
    st.Step();
}

}  // namespace by::sandbox
