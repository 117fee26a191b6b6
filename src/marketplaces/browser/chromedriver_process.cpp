#include "marketplaces/browser/chromedriver_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>
#include <vector>

#include "marketplaces/browser/webdriver.hpp"

extern char** environ;

namespace by::marketplaces::browser {

namespace fs = std::filesystem;

namespace {

std::string MakeWorkDir(const std::string& parent) {
    std::string base = parent;
    if (base.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        base = (tmp != nullptr && *tmp != '\0') ? tmp : "/tmp";
    }
    std::string templ = base + "/by-chromedriver-XXXXXX";
    std::vector<char> buf(templ.begin(), templ.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data()) == nullptr) {
        return {};
    }
    return std::string(buf.data());
}

int ReadPort(const std::string& log_path) {
    std::ifstream in(log_path);
    std::stringstream ss;
    ss << in.rdbuf();
    static const std::regex kLine("started successfully on port ([0-9]+)");
    std::smatch m;
    std::string text = ss.str();
    if (std::regex_search(text, m, kLine)) {
        return std::atoi(m[1].str().c_str());
    }
    return 0;
}

}  // namespace

bool BrowserAvailable(const std::string& chromium, const std::string& chromedriver) {
    return access(chromium.c_str(), X_OK) == 0 && access(chromedriver.c_str(), X_OK) == 0;
}

core::Result<ChromeDriverProcessPtr> ChromeDriverProcess::Start(const ChromeDriverOptions& options,
                                                                net::HttpClient& http) {
    if (access(options.binary.c_str(), X_OK) != 0) {
        return core::Error::Unavailable("browser: chromedriver not installed", options.binary);
    }
    std::unique_ptr<ChromeDriverProcess> p(new ChromeDriverProcess());
    p->options_ = options;
    p->work_dir_ = MakeWorkDir(options.work_parent);
    if (p->work_dir_.empty()) {
        return core::Error::Unavailable("browser: cannot create a work directory");
    }
    std::string log_path = p->work_dir_ + "/chromedriver.out";

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Own process group: Stop() signals chromedriver and the browsers it started, and nothing of ours.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&attr, &empty);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);

    std::vector<std::string> args = {options.binary, "--port=0"};
    std::vector<char*> argv;
    for (auto& a : args) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, options.binary.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        return core::Error::Unavailable("browser: cannot start chromedriver", std::to_string(rc));
    }
    p->pid_ = pid;

    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.start_timeout_ms);
    while (p->port_ == 0) {
        if (!p->Alive()) {
            return core::Error::Unavailable("browser: chromedriver exited at start");
        }
        p->port_ = ReadPort(log_path);
        if (p->port_ == 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                return core::Error::Timeout("browser: chromedriver did not report its port");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    p->base_url_ = "http://127.0.0.1:" + std::to_string(p->port_);
    WebDriverClient client(http, p->base_url_, 2000);
    while (true) {
        if (client.Ready().ok()) {
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline || !p->Alive()) {
            return core::Error::Timeout("browser: chromedriver not ready in time");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return p;
}

ChromeDriverProcess::~ChromeDriverProcess() { Stop(); }

bool ChromeDriverProcess::Alive() {
    if (pid_ <= 0 || reaped_) {
        return false;
    }
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        reaped_ = true;
        return false;
    }
    return r == 0;
}

void ChromeDriverProcess::Stop() {
    if (pid_ > 0) {
        // The group id equals the child's pid (POSIX_SPAWN_SETPGROUP with 0). Signal the group even when the
        // child is gone: browsers it started may outlive it.
        kill(-pid_, SIGTERM);
        auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.stop_timeout_ms);
        while (Alive() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        kill(-pid_, SIGKILL);
        if (!reaped_) {
            int status = 0;
            waitpid(pid_, &status, 0);
            reaped_ = true;
        }
        pid_ = -1;
    }
    if (!work_dir_.empty()) {
        std::error_code ec;
        fs::remove_all(work_dir_, ec);
        work_dir_.clear();
    }
}

std::string ChromeDriverProcess::NewProfileDir() {
    std::string dir = work_dir_ + "/profile-" + std::to_string(next_profile_.fetch_add(1));
    std::error_code ec;
    fs::create_directories(dir, ec);
    return dir;
}

}  // namespace by::marketplaces::browser
