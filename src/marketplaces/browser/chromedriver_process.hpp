// chromedriver as a child process on a free loopback port.
//
// Start() spawns `chromedriver --port=0` (it binds a free port itself and prints it) in its own process
// group, with stdout/stderr going to a file in a fresh work directory, waits for the "started successfully
// on port N" line and for GET /status to say ready. Stop() (and the destructor) sends SIGTERM to that
// process group (chromedriver and the Chromium processes it started, nothing else), waits up to
// stop_timeout_ms, then SIGKILLs the group, reaps the child and removes the work directory.
// The work directory also holds the per-session Chromium profiles (NewProfileDir()).
// Thread-safety: Start/Stop from one owner; base_url(), Alive() and NewProfileDir() from any thread.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "net/http_client.hpp"

namespace by::marketplaces::browser {

struct ChromeDriverOptions {
    std::string binary = "/usr/bin/chromedriver";
    int64_t start_timeout_ms = 20000;  // until the port line and /status ready
    int64_t stop_timeout_ms = 5000;    // SIGTERM grace before SIGKILL
    std::string work_parent;           // where the work directory is made; empty = $TMPDIR or /tmp
};

class ChromeDriverProcess {
  public:
    static core::Result<std::unique_ptr<ChromeDriverProcess>> Start(const ChromeDriverOptions& options,
                                                                    net::HttpClient& http);
    ~ChromeDriverProcess();
    ChromeDriverProcess(const ChromeDriverProcess&) = delete;
    ChromeDriverProcess& operator=(const ChromeDriverProcess&) = delete;

    void Stop();
    // False once the child has exited (checked with waitpid WNOHANG).
    bool Alive();
    const std::string& base_url() const { return base_url_; }
    int port() const { return port_; }
    pid_t pid() const { return pid_; }
    const std::string& work_dir() const { return work_dir_; }
    // A fresh, empty directory for one Chromium profile.
    std::string NewProfileDir();

  private:
    ChromeDriverProcess() = default;

    ChromeDriverOptions options_;
    pid_t pid_ = -1;
    bool reaped_ = false;
    int port_ = 0;
    std::string base_url_;
    std::string work_dir_;
    std::atomic<int> next_profile_{0};
};

using ChromeDriverProcessPtr = std::unique_ptr<ChromeDriverProcess>;

// True when the Chromium and chromedriver binaries exist and are executable.
bool BrowserAvailable(const std::string& chromium = "/usr/bin/chromium",
                      const std::string& chromedriver = "/usr/bin/chromedriver");

}  // namespace by::marketplaces::browser
