// One listening port of the sandbox: an api::HttpServer whose root handler adds what every imitation
// needs around the marketplace's own routes: the test hooks under /__sandbox/ (state, reset, orders,
// accounts, faults, competitors), fault injection (latency, 5xx, hangs, forced over-limit answers) and
// counters of answers by status. Hooks are exempt from faults, credentials and limits.
// Lifecycle: Bind() (port 0 = any free port), Start() serves on a background thread, Stop() closes the
// listener and waits for the thread. Handle() is the root handler, callable directly by tests.
// Thread-safety: Handle() runs on many threads at once; Start/Stop from the owning thread.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "api/http_server.hpp"
#include "api/router.hpp"
#include "sandbox/common/context.hpp"
#include "sandbox/common/marketplace_api.hpp"

namespace by::sandbox {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;
    int threads = 16;
    bool enable_hooks = true;
    std::string fault_target;  // defaults to the marketplace's name ("cabinet" for the cabinet port)
};

class MarketplaceServer {
  public:
    MarketplaceServer(Context& ctx, MarketplaceApi& api, ServerOptions options);
    ~MarketplaceServer();
    MarketplaceServer(const MarketplaceServer&) = delete;
    MarketplaceServer& operator=(const MarketplaceServer&) = delete;

    core::Result<int> Bind();
    void Start();
    void Stop();
    int port() const { return port_; }

    api::HttpResponse Handle(api::HttpRequest& req);

  private:
    api::HttpResponse HandleHook(api::HttpRequest& req);
    void CountStatus(int status);

    Context& ctx_;
    MarketplaceApi& api_;
    ServerOptions options_;
    api::Router router_;
    std::unique_ptr<api::HttpServer> server_;
    std::thread thread_;
    std::atomic<bool> served_{false};  // set when Serve() has returned
    int port_ = 0;
};

}  // namespace by::sandbox
