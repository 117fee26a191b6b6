#include "testing/spawn_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "core/ids.hpp"

namespace by::testing {
namespace {

int64_t NowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool HttpGetOk(int port, const std::string& path) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = false;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        if (write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size())) {
            char buf[64] = {0};
            ssize_t n = read(fd, buf, sizeof buf - 1);
            ok = n > 12 && std::strncmp(buf + 9, "200", 3) == 0;
        }
    }
    close(fd);
    return ok;
}

}  // namespace

std::string BinaryPath() {
    if (const char* b = std::getenv("BY_BINARY"); b && *b) return b;
    return "biznesyordam";
}

SpawnedServer::SpawnedServer(const std::string& binary, const std::vector<std::string>& args,
                             const std::vector<std::string>& env) {
    int out[2];
    if (pipe(out) != 0) return;
    stderr_path_ = "/tmp/by-spawn-" + core::RandomHex(6) + ".err";
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], 1);
        int err = open(stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(err, 2);
        close(out[0]);
        close(out[1]);
        for (const auto& e : env) putenv(const_cast<char*>(strdup(e.c_str())));
        std::vector<char*> argv;
        argv.push_back(const_cast<char*>(binary.c_str()));
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    close(out[1]);
    stdout_fd_ = out[0];
    fcntl(stdout_fd_, F_SETFL, O_NONBLOCK);
}

SpawnedServer::~SpawnedServer() {
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
    if (!stderr_path_.empty()) unlink(stderr_path_.c_str());
}

bool SpawnedServer::WaitReady(int timeout_ms, const std::string& health_path) {
    int64_t deadline = NowMs() + timeout_ms;
    static const std::regex kUrl(R"(running at https?://[^:]+:(\d+))");
    while (NowMs() < deadline) {
        if (port_ == 0) {
            pollfd p{stdout_fd_, POLLIN, 0};
            poll(&p, 1, 100);
            char buf[4096];
            ssize_t n;
            while ((n = read(stdout_fd_, buf, sizeof buf)) > 0) output_.append(buf, static_cast<size_t>(n));
            std::smatch m;
            if (std::regex_search(output_, m, kUrl)) port_ = std::atoi(m[1].str().c_str());
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return false;
            }
            continue;
        }
        if (HttpGetOk(port_, health_path)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::string SpawnedServer::ReadStderr() {
    std::ifstream f(stderr_path_);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

int SpawnedServer::Stop(int sig, int timeout_ms) {
    if (pid_ <= 0) return -1;
    kill(pid_, sig);
    int64_t deadline = NowMs() + timeout_ms;
    int status = 0;
    while (NowMs() < deadline) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            char buf[4096];
            ssize_t n;
            while ((n = read(stdout_fd_, buf, sizeof buf)) > 0) output_.append(buf, static_cast<size_t>(n));
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return -2;
}

}  // namespace by::testing
