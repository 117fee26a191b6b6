// Starts the real binary as a child process for end-to-end tests (port 0), reads the URL it prints,
// and polls /healthz until it answers. The child is killed when the object is destroyed.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace by::testing {

class SpawnedServer {
  public:
    // args: everything after the binary, e.g. {"run", "--data-dir", dir, "--port", "0"}.
    SpawnedServer(const std::string& binary, const std::vector<std::string>& args,
                  const std::vector<std::string>& env = {});
    ~SpawnedServer();
    SpawnedServer(const SpawnedServer&) = delete;
    SpawnedServer& operator=(const SpawnedServer&) = delete;

    // Waits (up to timeout_ms) for the "running at http://host:port" line and a 200 from /healthz.
    bool WaitReady(int timeout_ms = 30000, const std::string& health_path = "/healthz");
    int port() const { return port_; }
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    const std::string& output() const { return output_; }  // stdout read so far
    std::string ReadStderr();                              // stderr captured so far (file)
    // Sends a signal and waits for exit; returns the exit code (128+sig when killed).
    int Stop(int sig, int timeout_ms = 30000);
    pid_t pid() const { return pid_; }

  private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::string stderr_path_;
    std::string output_;
    int port_ = 0;
};

// The built binary: $BY_BINARY, else <build>/biznesyordam next to the tests.
std::string BinaryPath();

}  // namespace by::testing
