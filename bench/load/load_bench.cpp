// The API under load (issue 11, item 7): 200 dashboard users browse their lists and watch live progress
// while the pipeline builds and publishes cards, all on loopback against the real binary under `run`
// (SQLite, embedded workers, sandbox marketplaces). Bounded in time (--seconds); prints p50/p90/p99/max
// latency of the API reads, by route and in all, the error count, and what the progress streams received.
//
// Each client is one signed-in browser: its own session and keep-alive connection, a think time between
// requests (--think-ms, randomised ±50 %, like a person or a dashboard's polling), and every
// --watch-every-th client also holds a progress stream (server-sent events) open for the whole run.
// Every tenth client is an admin (queue, stats, all requests). Sign-ins happen before the clock starts:
// their cost is the password hash, which is not what this measures.
//
// Run: build/bench/load/by_load_bench [--clients 200] [--seconds 60] [--products 12] [--think-ms 1000]
//      [--workers 2] [--no-video] [--json FILE]   (BY_BINARY or --binary: the biznesyordam binary)
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "e2e/e2e_support.hpp"
#include "test_images.hpp"
#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
    std::string binary;
    int clients = 200;
    int seconds = 60;
    int products = 12;
    int think_ms = 1000;
    int watch_every = 4;
    int workers = 2;
    bool video = true;
    std::string json_out;
};

using Session = by::e2e::SignedIn;

Session Login(int port, const std::string& email, const std::string& password) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    return by::e2e::SignIn(c, email, password);
}

httplib::Headers Auth(const Session& s) { return s.headers(); }

// One sample: which route, how long, what came back (0 = no answer).
struct Sample {
    std::string route;
    double ms = 0;
    int status = 0;
};

struct Results {
    std::mutex mu;
    std::vector<Sample> samples;
    std::atomic<int> streams_open{0}, streams_refused{0}, stream_events{0};
};

double Percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

std::string ReadFile(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// The partner's products (golden ones with a drawn photo, unique SKUs), each submitted to all four
// marketplaces and approved, so the pipeline is busy while the clients browse. Returns the request ids.
std::vector<std::string> StartPipeline(int port, const Options& o, const std::filesystem::path& source) {
    Session partner = Login(port, "partner1@demo.uz", "demo-partner-123");
    Session admin = Login(port, "admin@demo.uz", "demo-admin-123");
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    std::vector<std::filesystem::path> golden;
    for (const auto& e : std::filesystem::directory_iterator(source / "tests/golden/products")) golden.push_back(e.path());
    std::sort(golden.begin(), golden.end());
    std::vector<std::string> requests;
    for (int i = 0; i < o.products && !golden.empty(); ++i) {
        json product = json::parse(ReadFile(golden[size_t(i) % golden.size()]));
        product["sku"] = product.value("sku", "P") + "-L" + std::to_string(i);
        product.erase("barcode");
        auto p = c.Post("/api/products", Auth(partner), product.dump(), "application/json");
        if (!p || p->status != 201) {
            std::fprintf(stderr, "product %d: %s\n", i, p ? p->body.c_str() : "no answer");
            continue;
        }
        std::string pid = json::parse(p->body)["id"];
        by::media::testing::PhotoOptions photo;
        photo.shape = i % 3;
        c.Post("/api/products/" + pid + "/photos", Auth(partner), by::media::testing::MakePhoto(photo), "image/jpeg");
        auto r = c.Post("/api/requests", Auth(partner),
                        json{{"product_id", pid}, {"marketplaces", {"wildberries", "ozon", "yandex", "uzum"}}}.dump(),
                        "application/json");
        if (!r || r->status != 201) continue;
        std::string rid = json::parse(r->body)["id"];
        c.Post("/api/requests/" + rid + "/approve", Auth(admin), "{}", "application/json");
        requests.push_back(rid);
    }
    return requests;
}

// Holds one progress stream open until the deadline, counting the events it receives.
void Watch(int port, const Session& s, const std::string& rid, Clock::time_point deadline, Results& out) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(5, 0);
    bool opened = false;
    while (Clock::now() < deadline) {
        auto r = c.Get("/api/requests/" + rid + "/events", Auth(s),
                       [&](const httplib::Response& resp) {
                           if (resp.status == 200 && !opened) {
                               opened = true;
                               ++out.streams_open;
                           } else if (resp.status != 200) {
                               ++out.streams_refused;
                           }
                           return resp.status == 200;
                       },
                       [&](const char* data, size_t n) {
                           for (size_t i = 0; i + 5 < n; ++i) {
                               if (std::string_view(data + i, 6) == "\ndata:") ++out.stream_events;
                           }
                           return Clock::now() < deadline;
                       });
        (void)r;  // the stream ends at each read timeout between events; open it again, like a browser
    }
}

void Browse(int port, int index, const Session& s, bool admin, const std::vector<std::string>& requests,
            const Options& o, Clock::time_point deadline, Results& out) {
    httplib::Client c("127.0.0.1", port);
    c.set_keep_alive(true);
    c.set_read_timeout(30, 0);
    std::mt19937 rng(uint32_t(index) * 7919u + 1);
    std::vector<std::pair<std::string, std::string>> partner_routes = {
        {"GET /api/requests", "/api/requests"},
        {"GET /api/products", "/api/products"},
        {"GET /api/requests/{id}", ""},
        {"GET /api/orders", "/api/orders"},
        {"GET /api/credentials", "/api/credentials"},
    };
    std::vector<std::pair<std::string, std::string>> admin_routes = {
        {"GET /api/admin/queue", "/api/admin/queue"},
        {"GET /api/admin/stats", "/api/admin/stats"},
        {"GET /api/requests", "/api/requests"},
        {"GET /api/requests/{id}", ""},
    };
    const auto& routes = admin ? admin_routes : partner_routes;
    std::vector<Sample> mine;
    std::this_thread::sleep_for(std::chrono::milliseconds(rng() % uint32_t(std::max(1, o.think_ms))));
    while (Clock::now() < deadline) {
        auto [route, path] = routes[rng() % routes.size()];
        if (path.empty()) path = "/api/requests/" + (requests.empty() ? std::string("none") : requests[rng() % requests.size()]);
        auto t0 = Clock::now();
        auto r = c.Get(path, Auth(s));
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        mine.push_back({route, ms, r ? r->status : 0});
        int think = o.think_ms / 2 + int(rng() % uint32_t(std::max(1, o.think_ms)));
        std::this_thread::sleep_for(std::chrono::milliseconds(think));
    }
    std::lock_guard lock(out.mu);
    out.samples.insert(out.samples.end(), mine.begin(), mine.end());
}

bool ParseArgs(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--binary") o.binary = next();
        else if (a == "--clients") o.clients = std::stoi(next());
        else if (a == "--seconds") o.seconds = std::stoi(next());
        else if (a == "--products") o.products = std::stoi(next());
        else if (a == "--think-ms") o.think_ms = std::stoi(next());
        else if (a == "--watch-every") o.watch_every = std::stoi(next());
        else if (a == "--workers") o.workers = std::stoi(next());
        else if (a == "--no-video") o.video = false;
        else if (a == "--json") o.json_out = next();
        else {
            std::fprintf(stderr, "unknown option %s (see the comment at the top of bench/load/load_bench.cpp)\n", a.c_str());
            return false;
        }
    }
    return o.clients > 0 && o.seconds > 0 && o.watch_every > 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (const char* b = std::getenv("BY_BINARY")) o.binary = b;
    if (!ParseArgs(argc, argv, o)) return 2;
    if (o.binary.empty()) o.binary = BY_BUILD_DIR "/biznesyordam";
    std::filesystem::path source = BY_SOURCE_DIR;

    by::testing::TempDir dir;
    // Cheap password hashing: 200 sign-ins are set-up here, not the figure measured.
    by::testing::SpawnedServer server(o.binary, {"run", "--data-dir", dir.path().string(), "--port", "0"},
                                      {"BY_ARGON2_MEM_MB=8", "BY_ARGON2_OPS=1", "BY_WORKERS=" + std::to_string(o.workers),
                                       std::string("BY_VIDEO=") + (o.video ? "true" : "false"),
                                       "BY_SOURCE_DIR=" + source.string()});
    if (!server.WaitReady(120000)) {
        std::fprintf(stderr, "the server did not start:\n%s\n%s\n", server.output().c_str(), server.ReadStderr().c_str());
        return 1;
    }
    const int port = server.port();
    std::vector<std::string> requests = StartPipeline(port, o, source);
    std::printf("pipeline: %zu products x 4 marketplaces approved\n", requests.size());

    std::vector<Session> sessions(size_t(o.clients));
    {
        std::vector<std::thread> login;
        std::atomic<int> next{0};
        for (int t = 0; t < 8; ++t) {
            login.emplace_back([&] {
                for (int i = next++; i < o.clients; i = next++) {
                    bool admin = i % 10 == 9;
                    sessions[size_t(i)] = admin ? Login(port, "admin@demo.uz", "demo-admin-123")
                                                : Login(port, "partner1@demo.uz", "demo-partner-123");
                }
            });
        }
        for (auto& t : login) t.join();
    }
    int signed_in = int(std::count_if(sessions.begin(), sessions.end(), [](const Session& s) { return !s.cookie.empty(); }));
    std::printf("clients: %d signed in of %d; %d s of browsing, think time %d ms, every %dth client watches progress\n",
                signed_in, o.clients, o.seconds, o.think_ms, o.watch_every);

    Results results;
    auto start = Clock::now();
    auto deadline = start + std::chrono::seconds(o.seconds);
    std::vector<std::thread> threads;
    for (int i = 0; i < o.clients; ++i) {
        const Session& s = sessions[size_t(i)];
        if (s.cookie.empty()) continue;
        bool admin = i % 10 == 9;
        threads.emplace_back(Browse, port, i, std::cref(s), admin, std::cref(requests), std::cref(o), deadline,
                             std::ref(results));
        if (!admin && i % o.watch_every == 0 && !requests.empty()) {
            threads.emplace_back(Watch, port, std::cref(s), requests[size_t(i) % requests.size()], deadline,
                                 std::ref(results));
        }
    }
    for (auto& t : threads) t.join();
    double wall = std::chrono::duration<double>(Clock::now() - start).count();

    // Where the pipeline got to meanwhile.
    int live = 0, cards = 0;
    {
        httplib::Client c("127.0.0.1", port);
        for (const auto& rid : requests) {
            auto r = c.Get("/api/requests/" + rid, Auth(sessions[0]));
            if (!r || r->status != 200) continue;
            for (const auto& card : json::parse(r->body).value("cards", json::array())) {
                ++cards;
                live += card.value("status", "") == "live";
            }
        }
    }
    int code = server.Stop(SIGTERM);

    std::map<std::string, std::vector<double>> by_route;
    std::vector<double> all;
    int errors = 0;
    for (const auto& s : results.samples) {
        if (s.status != 200) {
            ++errors;
            continue;
        }
        by_route[s.route].push_back(s.ms);
        all.push_back(s.ms);
    }
    std::printf("\n%zu API reads in %.1f s (%.0f/s), %d errors (no answer or not 200)\n", results.samples.size(), wall,
                double(results.samples.size()) / wall, errors);
    std::printf("%-26s %8s %9s %9s %9s %9s\n", "route", "reads", "p50 ms", "p90 ms", "p99 ms", "max ms");
    json routes = json::object();
    auto row = [&](const std::string& name, const std::vector<double>& v) {
        std::printf("%-26s %8zu %9.1f %9.1f %9.1f %9.1f\n", name.c_str(), v.size(), Percentile(v, 0.5),
                    Percentile(v, 0.9), Percentile(v, 0.99), v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
        routes[name] = {{"reads", v.size()}, {"p50_ms", Percentile(v, 0.5)}, {"p90_ms", Percentile(v, 0.9)},
                        {"p99_ms", Percentile(v, 0.99)}};
    };
    for (const auto& [name, v] : by_route) row(name, v);
    row("all API reads", all);
    std::printf("progress streams: %d open, %d refused, %d events received\n", results.streams_open.load(),
                results.streams_refused.load(), results.stream_events.load());
    std::printf("pipeline meanwhile: %d of %d cards live at the end; server exit code %d\n", live, cards, code);
    if (!o.json_out.empty()) {
        json j{{"clients", signed_in}, {"seconds", wall}, {"reads", results.samples.size()}, {"errors", errors},
               {"p50_ms", Percentile(all, 0.5)}, {"p99_ms", Percentile(all, 0.99)}, {"routes", routes},
               {"streams_open", results.streams_open.load()}, {"stream_events", results.stream_events.load()},
               {"cards", cards}, {"live", live}};
        std::ofstream(o.json_out) << j.dump(2) << "\n";
    }
    return errors == 0 && code == 0 ? 0 : 1;
}
