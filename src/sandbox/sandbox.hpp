// The sandbox: local imitations of the four marketplaces' seller APIs and of the Uzum seller cabinet,
// so the product runs, is tested and is benchmarked with no network (ARCHITECTURE §5a). Each imitation
// follows the saved specs in shared/marketplace-api/ (paths, fields, status codes, error bodies,
// limits, asynchronous processing, media fetched by URL). State is kept in <data_dir>/sandbox.sqlite3
// and survives a restart. Test hooks live under /__sandbox/ on every port (see README.md here).
//
// Lifecycle: Start() binds every port (0 = any free port; read them back with ports()) and serves each
// on a background thread; Stop() (or the destructor) closes the listeners, cuts fault hangs short and
// waits for the threads. Thread-safety: every method may be called from any thread after Start.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/http.hpp"
#include "core/clock.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"

namespace by::sandbox {

struct SandboxOptions {
    std::string host = "127.0.0.1";
    int uzum_port = 18081;    // 0: any free port
    int wb_port = 18082;
    int yandex_port = 18083;
    int ozon_port = 18084;
    int cabinet_port = 18085;
    std::filesystem::path data_dir;       // sandbox.sqlite3 goes here; empty = in memory (lost on Stop)
    double time_scale = 1.0;              // 60: a minute of limits and delays passes in a second
    int64_t moderation_delay_ms = 3000;   // processing time before results show (divided by time_scale)
    const core::Clock* clock = nullptr;   // nullptr: the system clock; tests pass a FakeClock
    bool enable_hooks = true;             // the /__sandbox/ routes
    int threads_per_port = 16;            // connection threads per listening port
    int64_t media_timeout_ms = 10000;     // per downloaded image or video
    uint64_t fault_seed = 42;             // seeds the fault generator (5xx/hang probabilities)
    int sellers = 2;                      // seeded sellers: seller1, seller2 (TOTP), then seller3..N for benchmarks
};

struct SandboxPorts {
    int uzum = 0;
    int wildberries = 0;
    int yandex = 0;
    int ozon = 0;
    int cabinet = 0;
};

class Sandbox {
  public:
    static core::Result<std::unique_ptr<Sandbox>> Start(SandboxOptions options);
    ~Sandbox();
    Sandbox(const Sandbox&) = delete;
    Sandbox& operator=(const Sandbox&) = delete;

    void Stop();
    SandboxPorts ports() const;
    // "http://127.0.0.1:<port>" for WB, Ozon and Yandex; Uzum's includes its real base path
    // "/api/seller-openapi" (its routes also answer without it).
    std::string BaseUrl(core::Marketplace marketplace) const;
    std::string CabinetUrl() const;
    // {"uzum", "wildberries", "yandex", "ozon", "cabinet"} -> base URL.
    nlohmann::json BaseUrls() const;
    // The seeded sellers and their credentials (same as GET /__sandbox/accounts).
    nlohmann::json Accounts() const;

    // The root handler of one port without the network ("uzum", "wildberries", "yandex", "ozon",
    // "cabinet"): for unit tests.
    api::HttpResponse HandleForTesting(std::string_view port, api::HttpRequest& req);

  private:
    struct Impl;
    explicit Sandbox(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace by::sandbox
