// Issue 7, item 7: 200 partners' browsers watching live progress (server-sent events) must not stall
// anyone else's requests. The real binary under `run`; watchers are raw sockets that read the stream's
// headers and then stay open; meanwhile ordinary API requests must all be answered. Past the stream
// limit (three quarters of server.http_threads) a watcher gets 503 and ordinary requests still pass.
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "e2e_support.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace by {
namespace {

using nlohmann::json;
using namespace e2e;

// Opens a progress stream and returns the socket once the status line and headers are in (-1 on error).
int OpenWatcher(int port, const std::string& path, const std::string& cookie, int* status) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    timeval tv{20, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        return -1;
    }
    std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: " + cookie +
                      "\r\nConnection: close\r\n\r\n";
    if (send(fd, req.data(), req.size(), 0) != static_cast<ssize_t>(req.size())) {
        close(fd);
        return -1;
    }
    std::string head;
    char c;
    while (head.find("\r\n\r\n") == std::string::npos && recv(fd, &c, 1, 0) == 1) head += c;
    *status = head.rfind("HTTP/1.1 ", 0) == 0 ? std::atoi(head.c_str() + 9) : 0;
    return fd;
}

struct Watched {
    std::string cookie, request_id;
};

// Signs in as the demo partner and submits a request to watch (it stays `submitted`: streams stay open).
Watched Prepare(const testing::SpawnedServer& server) {
    httplib::Client c("127.0.0.1", server.port());
    auto login = c.Post("/api/auth/login", json{{"email", "partner1@demo.uz"}, {"password", "demo-partner-123"}}.dump(),
                        "application/json");
    EXPECT_TRUE(login && login->status == 200);
    if (!login) return {};
    std::string cookie = login->get_header_value("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    std::string csrf = json::parse(login->body)["csrf_token"];
    httplib::Headers h = {{"Cookie", cookie}, {"X-CSRF-Token", csrf}};
    json product = {{"sku", "W-1"}, {"name", "Kuzatuv"}, {"category", "phones"}, {"brand", "Acme"},
                    {"attributes", json::object()}, {"cost", {{"amount", 100000}, {"currency", "UZS"}}},
                    {"price", {{"amount", 200000}, {"currency", "UZS"}}}, {"stock", 1}};
    auto p = c.Post("/api/products", h, product.dump(), "application/json");
    EXPECT_TRUE(p && p->status == 201) << (p ? p->body : "");
    auto r = c.Post("/api/requests", h, json{{"product_id", json::parse(p->body)["id"]}, {"marketplaces", {"ozon"}}}.dump(),
                    "application/json");
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "");
    return {cookie, json::parse(r->body)["id"]};
}

// Ordinary requests while the watchers hold their streams: every one must be answered.
int Ordinary(const testing::SpawnedServer& server, const std::string& cookie, int n) {
    int ok = 0;
    for (int i = 0; i < n; ++i) {
        httplib::Client c("127.0.0.1", server.port());
        c.set_read_timeout(30, 0);
        c.set_connection_timeout(30, 0);
        auto r = i % 2 ? c.Get("/healthz") : c.Get("/api/products", {{"Cookie", cookie}});
        ok += r && r->status == 200;
    }
    return ok;
}

TEST(Watchers, TwoHundredProgressStreamsDoNotStallOtherRequests) {
    testing::TempDir dir;
    testing::SpawnedServer server(testing::BinaryPath(), {"run", "--data-dir", dir.path().string(), "--port", "0"},
                                  {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=0"});
    ASSERT_TRUE(server.WaitReady(60000)) << server.output() << server.ReadStderr();
    Watched w = Prepare(server);
    ASSERT_FALSE(w.request_id.empty());
    std::vector<int> watchers;
    int streaming = 0;
    for (int i = 0; i < 200; ++i) {
        int status = 0;
        int fd = OpenWatcher(server.port(), "/api/requests/" + w.request_id + "/events", w.cookie, &status);
        if (fd >= 0) watchers.push_back(fd);
        streaming += status == 200;
    }
    EXPECT_EQ(streaming, 200) << "every watcher gets its stream";
    EXPECT_EQ(Ordinary(server, w.cookie, 40), 40) << "ordinary requests were stalled by the watchers";
    for (int fd : watchers) close(fd);
    EXPECT_EQ(server.Stop(SIGTERM), 0);
}

TEST(Watchers, PastTheStreamLimitWatchersAreTurnedAwayNotOthers) {
    testing::TempDir dir;
    testing::SpawnedServer server(testing::BinaryPath(), {"run", "--data-dir", dir.path().string(), "--port", "0"},
                                  {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=0", "BY_HTTP_THREADS=40"});
    ASSERT_TRUE(server.WaitReady(60000)) << server.output() << server.ReadStderr();
    Watched w = Prepare(server);
    ASSERT_FALSE(w.request_id.empty());
    std::vector<int> watchers;
    int streaming = 0, busy = 0;
    for (int i = 0; i < 45; ++i) {
        int status = 0;
        int fd = OpenWatcher(server.port(), "/api/requests/" + w.request_id + "/events", w.cookie, &status);
        if (fd >= 0) watchers.push_back(fd);
        streaming += status == 200;
        busy += status == 503;
    }
    EXPECT_EQ(streaming, 30) << "three quarters of 40 threads stream";
    EXPECT_EQ(busy, 15) << "the rest are told to poll instead";
    EXPECT_EQ(Ordinary(server, w.cookie, 20), 20) << "ordinary requests were stalled by the watchers";
    for (int fd : watchers) close(fd);
    EXPECT_EQ(server.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace by
