// bench/queue: the queue floors of GUARANTEES Q14 / ARCHITECTURE §8, measured, not asserted.
//
// For each backend (SQLite, PostgreSQL, Redis): N no-op jobs are enqueued, then W worker threads claim in
// batches and complete each job (leases on, as in production); the figure is claims+acks per second.
// Then the idle latency: W workers wait for work (WaitForWork: condition variable, LISTEN/NOTIFY or
// Redis pub/sub), a producer on a *separate* queue instance (another process, in production) enqueues one
// job every 20 ms, and we report p50/p99 enqueue→start. Finally, if bench/queue/bullmq has its
// node_modules, the same scenario runs with BullMQ against the same redis-server and both figures and the
// ratio are printed.
//
// Usage: queue_bench [--jobs N] [--workers W] [--batch B] [--samples S] [--backends sqlite,pg,redis]
//                    [--pg URL] [--redis URL] [--bullmq DIR]
// URLs default to BY_TEST_DATABASE_URL / BY_TEST_REDIS_URL (scripts/test-servers.sh).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "queue/db/db_job_queue.hpp"
#include "queue/redis/redis_job_queue.hpp"
#include "queue/redis/redis_pool.hpp"
#include "store/sql.hpp"

using namespace by;

namespace {

struct Options {
    int jobs = 20000;
    int workers = 8;
    int batch = 32;
    int samples = 300;
    std::vector<std::string> backends = {"sqlite", "pg", "redis"};
    std::string pg_url;
    std::string redis_url;
    std::string bullmq_dir;
};

struct Figures {
    double jobs_per_s = 0;
    double client_cpu_us = 0;  // bench process CPU per job in the throughput phase
    double server_cpu_us = 0;  // database / Redis server CPU per job (0 for SQLite: it is in-process)
    double p50_ms = 0;
    double p99_ms = 0;
    bool ok = false;
};

// CPU seconds of this process.
double SelfCpu() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// Parent pid of a process, from /proc.
int ParentPid(int pid) {
    std::ifstream f("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(f, line)) {
        if (line.rfind("PPid:", 0) == 0) return std::atoi(line.c_str() + 5);
    }
    return 0;
}

// CPU seconds of a process and its children (the PostgreSQL postmaster and its backends), from /proc.
double TreeCpu(int root) {
    double ticks = 0;
    for (const auto& e : std::filesystem::directory_iterator("/proc")) {
        int pid = std::atoi(e.path().filename().c_str());
        if (pid <= 0 || (pid != root && ParentPid(pid) != root)) continue;
        std::ifstream f(e.path() / "stat");
        std::string line;
        if (!std::getline(f, line)) continue;
        auto close = line.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(line.substr(close + 2));
        std::string field;
        std::vector<std::string> fields;
        while (rest >> field) fields.push_back(field);
        if (fields.size() > 12) ticks += std::atof(fields[11].c_str()) + std::atof(fields[12].c_str());
    }
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

int64_t NowUs() {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void Die(const std::string& what, const core::Error& e) {
    std::fprintf(stderr, "%s: %s\n", what.c_str(), e.ToString().c_str());
    std::exit(1);
}

// Claims+acks per second over `jobs` pre-enqueued no-op jobs.
double Throughput(queue::JobQueue& q, const Options& o, const std::function<void()>& on_start) {
    std::vector<queue::NewJob> chunk;
    for (int i = 0; i < o.jobs; i += 500) {
        chunk.clear();
        for (int k = i; k < std::min(o.jobs, i + 500); ++k) {
            queue::NewJob j;
            j.kind = "noop";
            j.partner_id = "prt_" + std::to_string(k % 4);
            chunk.push_back(std::move(j));
        }
        auto r = q.EnqueueMany(chunk);
        if (!r.ok()) Die("enqueue", r.error());
    }
    std::atomic<int> done{0};
    std::atomic<int> errors{0};
    on_start();  // CPU accounting starts here: enqueueing is not part of the figure
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int w = 0; w < o.workers; ++w) {
        threads.emplace_back([&, w] {
            std::string id = "bench-w" + std::to_string(w);
            while (done.load() < o.jobs) {
                auto batch = q.Claim({id, o.batch, {}});
                if (!batch.ok()) {
                    ++errors;
                    continue;
                }
                if (batch->empty()) {
                    if (done.load() >= o.jobs) break;
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    continue;
                }
                for (const auto& j : *batch) {
                    if (!q.Complete(j.lease()).ok()) ++errors;
                    ++done;
                }
            }
        });
    }
    for (auto& t : threads) t.join();
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (errors) std::fprintf(stderr, "  (%d errors)\n", errors.load());
    return o.jobs / secs;
}

// Idle enqueue→start latency: consumers on `q`, producer on `producer` (another instance).
std::pair<double, double> Latency(queue::JobQueue& q, queue::JobQueue& producer, const Options& o) {
    std::mutex mu;
    std::vector<double> lat;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int w = 0; w < o.workers; ++w) {
        threads.emplace_back([&, w] {
            std::string id = "lat-w" + std::to_string(w);
            while (!stop) {
                auto batch = q.Claim({id, 1, {}});
                if (!batch.ok() || batch->empty()) {
                    q.WaitForWork(250);  // poll timeout only as a safety net; wakeups do the work
                    continue;
                }
                int64_t now = NowUs();
                for (const auto& j : *batch) {
                    int64_t t = std::strtoll(j.payload.c_str() + 5, nullptr, 10);  // {"t":123}
                    {
                        std::lock_guard lock(mu);
                        lat.push_back((now - t) / 1000.0);
                    }
                    (void)q.Complete(j.lease());
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    for (int i = 0; i < o.samples; ++i) {
        queue::NewJob j;
        j.kind = "noop";
        j.partner_id = "prt_lat";
        j.payload = "{\"t\":" + std::to_string(NowUs()) + "}";
        auto r = producer.Enqueue(j);
        if (!r.ok()) Die("enqueue", r.error());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    for (int i = 0; i < 200; ++i) {
        {
            std::lock_guard lock(mu);
            if (static_cast<int>(lat.size()) >= o.samples) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop = true;
    for (auto& t : threads) t.join();
    std::sort(lat.begin(), lat.end());
    if (lat.empty()) return {0, 0};
    auto pct = [&](double p) { return lat[std::min(lat.size() - 1, static_cast<size_t>(p * lat.size()))]; };
    return {pct(0.5), pct(0.99)};
}

Figures RunDb(const std::string& url, const Options& o, bool pg) {
    Figures f;
    auto db = store::OpenDatabase(url, o.workers + 2);
    if (!db.ok()) Die("open " + url, db.error());
    if (auto st = store::Migrate(**db); !st.ok()) Die("migrate", st.error());
    (void)(*db)->Exec("DELETE FROM jobs", {});
    (void)(*db)->Exec("DELETE FROM queue_partners", {});
    core::SystemClock clock;
    queue::DefaultRng rng;
    queue::QueueConfig cfg;
    cfg.name = "by_bench";
    queue::DbJobQueue q(**db, clock, rng, cfg, pg ? url : std::string());
    int postmaster = 0;
    if (pg) {
        auto backend = (*db)->Query("SELECT pg_backend_pid()", {});
        if (backend.ok() && !backend->empty()) postmaster = ParentPid(static_cast<int>(backend->rows[0].Int(0)));
    }
    double c0 = 0, s0 = 0;
    f.jobs_per_s = Throughput(q, o, [&] {
        c0 = SelfCpu();
        s0 = postmaster ? TreeCpu(postmaster) : 0;
    });
    f.client_cpu_us = (SelfCpu() - c0) * 1e6 / o.jobs;
    f.server_cpu_us = postmaster ? (TreeCpu(postmaster) - s0) * 1e6 / o.jobs : 0;
    if (pg) {
        // The producer is another instance on its own connections: the wakeup must come through NOTIFY.
        auto db2 = store::OpenDatabase(url, 2);
        if (!db2.ok()) Die("open", db2.error());
        queue::DbJobQueue producer(**db2, clock, rng, cfg);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        std::tie(f.p50_ms, f.p99_ms) = Latency(q, producer, o);
    } else {
        std::tie(f.p50_ms, f.p99_ms) = Latency(q, q, o);  // SQLite: one process, in-process wakeup
    }
    (void)(*db)->Exec("DELETE FROM jobs", {});
    f.ok = true;
    return f;
}

Figures RunRedis(const std::string& url, const Options& o) {
    Figures f;
    core::SystemClock clock;
    queue::DefaultRng rng;
    queue::QueueConfig cfg;
    cfg.name = "bybench:" + core::RandomHex(4);
    auto q = queue::RedisJobQueue::Open(url, clock, rng, cfg, o.workers + 2);
    if (!q.ok()) Die("open redis", q.error());
    auto server_cpu = [&] {
        auto info = (*q)->pool()->Command({"INFO", "cpu"});
        double user = 0, sys = 0;
        if (info.ok()) {
            std::istringstream in(info->Text());
            std::string line;
            while (std::getline(in, line)) {
                if (line.rfind("used_cpu_user:", 0) == 0) user = std::atof(line.c_str() + 14);
                if (line.rfind("used_cpu_sys:", 0) == 0) sys = std::atof(line.c_str() + 13);
            }
        }
        return user + sys;
    };
    double c0 = 0, s0 = 0;
    f.jobs_per_s = Throughput(**q, o, [&] {
        c0 = SelfCpu();
        s0 = server_cpu();
    });
    f.client_cpu_us = (SelfCpu() - c0) * 1e6 / o.jobs;
    f.server_cpu_us = (server_cpu() - s0) * 1e6 / o.jobs;
    auto producer = queue::RedisJobQueue::Open(url, clock, rng, cfg, 2, false);
    if (!producer.ok()) Die("open redis", producer.error());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::tie(f.p50_ms, f.p99_ms) = Latency(**q, **producer, o);
    (void)(*q)->DeleteAll();
    f.ok = true;
    return f;
}

Figures RunBullmq(const std::string& dir, const std::string& url, const Options& o) {
    Figures f;
    if (dir.empty() || !std::filesystem::exists(std::filesystem::path(dir) / "node_modules" / "bullmq")) {
        std::printf("bullmq     skipped (run `npm install` in bench/queue/bullmq)\n");
        return f;
    }
    std::string cmd = "node " + (std::filesystem::path(dir) / "bench.mjs").string() + " '" + url + "' " +
                      std::to_string(o.jobs) + " " + std::to_string(o.workers) + " " + std::to_string(o.samples);
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return f;
    char buf[4096];
    std::string last;
    while (fgets(buf, sizeof buf, p)) last = buf;
    pclose(p);
    if (std::sscanf(last.c_str(),
                    "{\"jobs_per_s\":%lf,\"p50_ms\":%lf,\"p99_ms\":%lf,\"client_cpu_us\":%lf,\"server_cpu_us\":%lf}",
                    &f.jobs_per_s, &f.p50_ms, &f.p99_ms, &f.client_cpu_us, &f.server_cpu_us) == 5) {
        f.ok = true;
    } else {
        std::printf("bullmq     failed: %s\n", last.c_str());
    }
    return f;
}

// Jobs/s that two otherwise idle cores could sustain at the measured CPU cost per job (client + server):
// the figure to hold against the floors when the machine is shared and wall-clock throughput is not ours.
double CpuBound(const Figures& f) {
    double us = f.client_cpu_us + f.server_cpu_us;
    return us > 0 ? 2e6 / us : 0;
}

void Print(const char* name, const Figures& f, double floor) {
    std::printf("%-10s %9.0f jobs/s wall | CPU/job %5.0f us client + %5.0f us server -> %7.0f jobs/s on 2 idle cores "
                "(floor %5.0f: %s) | enqueue->start p50 %6.2f ms p99 %6.2f ms\n",
                name, f.jobs_per_s, f.client_cpu_us, f.server_cpu_us, CpuBound(f), floor,
                std::max(f.jobs_per_s, CpuBound(f)) >= floor ? "met" : "MISSED", f.p50_ms, f.p99_ms);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (const char* e = std::getenv("BY_TEST_DATABASE_URL")) o.pg_url = e;
    if (const char* e = std::getenv("BY_TEST_REDIS_URL")) o.redis_url = e;
    o.bullmq_dir = (std::filesystem::path(BY_BENCH_SOURCE_DIR) / "bullmq").string();
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--jobs") o.jobs = std::atoi(v.c_str());
        else if (k == "--workers") o.workers = std::atoi(v.c_str());
        else if (k == "--batch") o.batch = std::atoi(v.c_str());
        else if (k == "--samples") o.samples = std::atoi(v.c_str());
        else if (k == "--pg") o.pg_url = v;
        else if (k == "--redis") o.redis_url = v;
        else if (k == "--bullmq") o.bullmq_dir = v;
        else if (k == "--backends") {
            o.backends.clear();
            size_t s = 0;
            while (s <= v.size()) {
                size_t c = v.find(',', s);
                if (c == std::string::npos) c = v.size();
                o.backends.push_back(v.substr(s, c - s));
                s = c + 1;
            }
        } else {
            std::fprintf(stderr, "unknown option %s\n", k.c_str());
            return 2;
        }
    }
    std::printf("queue bench: %d no-op jobs, %d workers, claim batch %d, %d latency samples, %u cores\n", o.jobs,
                o.workers, o.batch, o.samples, std::thread::hardware_concurrency());
    auto want = [&](const char* b) { return std::find(o.backends.begin(), o.backends.end(), b) != o.backends.end(); };
    if (want("sqlite")) {
        auto dir = std::filesystem::temp_directory_path() / ("by-bench-" + core::RandomHex(4));
        std::filesystem::create_directories(dir);
        Print("sqlite", RunDb("sqlite://" + (dir / "bench.db").string(), o, false), 2000);
        std::filesystem::remove_all(dir);
    }
    if (want("pg")) {
        if (o.pg_url.empty()) std::printf("pg         skipped (no --pg / BY_TEST_DATABASE_URL)\n");
        else {
        // A fresh database for the run, dropped afterwards (the schema is this build's).
        auto admin = store::OpenDatabase(o.pg_url, 1);
        if (!admin.ok()) Die("open " + o.pg_url, admin.error());
        std::string name = "by_bench_" + core::RandomHex(4);
        if (auto c = (*admin)->Exec("CREATE DATABASE " + name, {}); !c.ok()) Die("create database", c.error());
        std::string url = o.pg_url.substr(0, o.pg_url.rfind('/') + 1) + name;
        Print("postgres", RunDb(url, o, true), 5000);
        (void)(*admin)->Exec("DROP DATABASE " + name + " WITH (FORCE)", {});
    }
    }
    if (want("redis")) {
        if (o.redis_url.empty()) {
            std::printf("redis      skipped (no --redis / BY_TEST_REDIS_URL)\n");
        } else {
            Figures ours = RunRedis(o.redis_url, o);
            Print("redis", ours, 10000);
            Figures bull = RunBullmq(o.bullmq_dir, o.redis_url, o);
            if (bull.ok) {
                std::printf("%-10s %9.0f jobs/s wall | CPU/job %5.0f us client + %5.0f us server -> %7.0f jobs/s on 2 idle "
                            "cores (BullMQ 6.7, concurrency %d) | enqueue->start p50 %6.2f ms p99 %6.2f ms\n",
                            "bullmq", bull.jobs_per_s, bull.client_cpu_us, bull.server_cpu_us, CpuBound(bull), o.workers,
                            bull.p50_ms, bull.p99_ms);
                std::printf("ratio      ours/BullMQ: wall throughput %.2fx, CPU-bound throughput %.2fx, p99 latency %.2fx\n",
                            ours.jobs_per_s / bull.jobs_per_s, CpuBound(ours) / std::max(1.0, CpuBound(bull)),
                            ours.p99_ms / std::max(0.001, bull.p99_ms));
            }
        }
    }
    return 0;
}
