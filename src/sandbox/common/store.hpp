// The sandbox's own storage: a small document store in one SQLite file (<data_dir>/sandbox.sqlite3),
// so what the imitated marketplaces hold survives a restart of the sandbox (crash tests count creates
// across restarts). It is an imitation of an external system, so it does not use our store/ layer.
//
// Layout: documents (marketplace, kind, key) -> JSON text; counters (marketplace, name, key) -> n;
// named sequences for ids that are never reused. All access goes through a Tx, which holds the store's
// one mutex and one SQLite transaction, so a handler's read-modify-write is atomic.
// Thread-safety: Store is safe from any thread; a Tx belongs to the thread that began it. Keep slow work
// (media downloads) outside a Tx. SQLite failures throw StoreError inside the sandbox module; the
// server wrapper turns them into the marketplace's 500 answer.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

struct sqlite3;

namespace by::sandbox {

class StoreError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Store {
  public:
    // An empty path opens a private in-memory database (tests).
    static core::Result<std::unique_ptr<Store>> Open(const std::filesystem::path& file);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    class Tx {
      public:
        Tx(Tx&& other) noexcept;
        Tx& operator=(Tx&&) = delete;
        ~Tx();  // rolls back unless committed

        std::optional<nlohmann::json> Get(std::string_view kind, std::string_view key);
        void Put(std::string_view kind, std::string_view key, const nlohmann::json& doc);
        bool Erase(std::string_view kind, std::string_view key);
        // Documents of a kind whose key starts with `prefix`, ordered by key.
        std::vector<std::pair<std::string, nlohmann::json>> List(std::string_view kind, std::string_view prefix = {});
        // Next value of a named sequence (first call returns `first`); never reused, even after Reset.
        int64_t NextId(std::string_view sequence, int64_t first);
        void Bump(std::string_view counter, std::string_view key, int64_t delta = 1);
        int64_t Counter(std::string_view counter, std::string_view key);
        // Commits and releases the store; the Tx must not be used afterwards.
        void Commit();
        const std::string& marketplace() const { return mp_; }

      private:
        friend class Store;
        Tx(Store* store, std::string mp);
        Store* store_;
        std::string mp_;
        std::unique_lock<std::mutex> lock_;
        bool done_ = false;
    };

    // A transaction scoped to one marketplace's documents ("wildberries", "ozon", "yandex", "uzum").
    Tx Begin(std::string marketplace);
    // Everything stored for a marketplace: {"documents": {kind: {key: doc}}, "counters": {name: {key: n}}}.
    nlohmann::json Dump(std::string_view marketplace);
    // Deletes a marketplace's documents and counters (sequences keep counting).
    void Reset(std::string_view marketplace);

  private:
    Store() = default;
    void Exec(const char* sql);
    sqlite3* db_ = nullptr;  // guarded by mu_
    std::mutex mu_;
};

}  // namespace by::sandbox
