#include "pipeline/worker.hpp"

#include <unistd.h>

#include <chrono>
#include <condition_variable>

#include "core/ids.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "pipeline/plan.hpp"

namespace by::pipeline {
namespace {

int64_t SteadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::vector<std::string> Kinds(bool io) {
    std::vector<std::string> out;
    for (const auto& s : AllJobKinds()) {
        if (IsIoStage(s) == io) out.push_back(s);
    }
    return out;
}

}  // namespace

std::optional<obs::ErrorReport> JobFailureReport(const queue::Job& job, const core::Error& error, bool dead) {
    bool internal = error.code == core::ErrorCode::kInternal || error.code == core::ErrorCode::kCrypto;
    if (!dead && !internal) return std::nullopt;
    auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    std::string card_id = payload.is_object() ? payload.value("card_id", "") : "";
    std::string request_id = payload.is_object() ? payload.value("request_id", "") : "";
    obs::ErrorReport r;
    r.logger = "pipeline";
    r.type = core::ErrorCodeName(error.code);
    r.message = (dead ? "dead-lettered after " + std::to_string(job.attempt) + " attempts: " : std::string()) + error.message;
    r.transaction = "job " + job.kind;
    r.tags = {{"job_id", job.id},
              {"stage", job.kind},
              {"marketplace", job.marketplace ? std::string(core::MarketplaceName(*job.marketplace)) : ""},
              {"card_id", card_id},
              {"outcome", dead ? "dead" : "failed"},
              {"error_code", core::ErrorCodeName(error.code)}};
    r.context = {{"attempt", std::to_string(job.attempt)}, {"partner_id", job.partner_id},
                 {"product_request_id", request_id}};
    return r;
}

WorkerPool::WorkerPool(Orchestrator& orchestrator, queue::JobQueue& queue, const queue::QueueConfig& queue_config,
                       WorkerOptions options)
    : orchestrator_(orchestrator), queue_(queue), queue_config_(queue_config), options_(std::move(options)) {
    if (options_.worker_id.empty()) {
        char host[128] = {0};
        gethostname(host, sizeof host - 1);
        options_.worker_id = std::string(host) + ":" + std::to_string(getpid()) + ":" + core::RandomHex(3);
    }
    if (options_.cpu_workers <= 0) {
        options_.cpu_workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
}

WorkerPool::~WorkerPool() { Stop(); }

void WorkerPool::Start() {
    stopping_ = false;
    for (int i = 0; i < options_.cpu_workers; ++i) {
        threads_.emplace_back([this, i] { Loop(Kinds(false), "cpu-" + std::to_string(i)); });
    }
    for (int i = 0; i < options_.io_workers; ++i) {
        threads_.emplace_back([this, i] { Loop(Kinds(true), "io-" + std::to_string(i)); });
    }
    background_ = std::thread([this] { Background(); });
    obs::Log(obs::Level::kInfo, "workers_started",
             {{"worker_id", options_.worker_id}, {"cpu", options_.cpu_workers}, {"io", options_.io_workers}});
}

void WorkerPool::Stop() {
    if (threads_.empty() && !background_.joinable()) return;
    stopping_ = true;
    queue_.NotifyWork();
    int64_t deadline = SteadyMs() + options_.drain_timeout_ms;
    while (in_flight_.load() > 0 && SteadyMs() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    {
        // Still running past the deadline: hand the jobs back now instead of waiting for lease expiry.
        std::lock_guard lock(mu_);
        for (const auto& [id, lease] : active_) {
            auto st = queue_.Release(lease);
            obs::Log(obs::Level::kWarn, "job_released_on_drain", {{"job_id", id}, {"ok", st.ok()}});
        }
        active_.clear();
    }
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
    threads_.clear();
    if (background_.joinable()) background_.join();
    obs::Log(obs::Level::kInfo, "workers_stopped", {{"worker_id", options_.worker_id}});
}

void WorkerPool::Loop(const std::vector<std::string>& kinds, const std::string& name) {
    queue::ClaimRequest req{options_.worker_id + "/" + name, 1, kinds};
    while (!stopping_.load()) {
        auto claimed = queue_.Claim(req);
        if (!claimed.ok()) {
            obs::Log(obs::Level::kWarn, "claim_failed", {{"error", claimed.error().ToString()}});
            queue_.WaitForWork(1000);
            continue;
        }
        if (claimed->empty()) {
            queue_.WaitForWork(options_.idle_wait_ms);
            continue;
        }
        for (const auto& job : *claimed) {
            RunOne(job);
        }
    }
}

void WorkerPool::RunOne(const queue::Job& job) {
    queue::Lease lease = job.lease();
    {
        std::lock_guard lock(mu_);
        active_[job.id] = lease;
    }
    in_flight_++;
    obs::Metrics::Global().Set("by_jobs_in_flight", {{"worker", options_.worker_id}}, in_flight_.load());
    auto started = SteadyMs();
    core::Status st = orchestrator_.RunJob(job);
    {
        std::lock_guard lock(mu_);
        active_.erase(job.id);
    }
    auto& metrics = obs::Metrics::Global();
    if (st.ok()) {
        auto done = queue_.Complete(lease);
        if (!done.ok()) {
            // Our lease was taken over (we were too slow or partitioned): the other run's result stands.
            obs::Log(obs::Level::kWarn, "complete_lost", {{"job_id", job.id}, {"error", done.error().ToString()}});
        }
        metrics.Inc("by_jobs_completed_total", {{"stage", job.kind}});
    } else {
        core::Error e = st.error();
        if (e.code == core::ErrorCode::kNotBuilt) {
            e.code = core::ErrorCode::kUnprocessable;  // permanent: retrying cannot build it
        }
        auto outcome = queue_.FailWith(lease, e);
        obs::Log(e.IsTransient() ? obs::Level::kWarn : obs::Level::kError, "job_failed",
                 {{"job_id", job.id}, {"stage", job.kind}, {"attempt", job.attempt}, {"error", e.ToString()}});
        if (e.code == core::ErrorCode::kRateLimited) {
            metrics.Inc("by_rate_limit_waits_total", {{"stage", job.kind}});
        }
        if (outcome.ok() && (outcome->state == queue::JobState::kFailed || outcome->state == queue::JobState::kDead)) {
            orchestrator_.OnJobGaveUp(job, e.message, outcome->state == queue::JobState::kDead);
            metrics.Inc("by_jobs_failed_total", {{"stage", job.kind}});
            if (auto report = JobFailureReport(job, e, outcome->state == queue::JobState::kDead); report && options_.errors) {
                options_.errors->Report(std::move(*report));
            }
            if (outcome->state == queue::JobState::kDead) metrics.Inc("by_dead_letters_total");
        }
    }
    metrics.Observe("by_job_duration_seconds", {{"stage", job.kind}}, static_cast<double>(SteadyMs() - started) / 1000.0);
    in_flight_--;
    metrics.Set("by_jobs_in_flight", {{"worker", options_.worker_id}}, in_flight_.load());
}

void WorkerPool::Background() {
    int64_t next_beat = SteadyMs() + queue_config_.heartbeat_interval_ms;
    int64_t next_reap = SteadyMs() + (options_.run_reaper ? queue_config_.reaper_interval_ms : INT64_MAX / 2);
    while (!stopping_.load() || in_flight_.load() > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        int64_t now = SteadyMs();
        if (now >= next_beat) {
            next_beat = now + queue_config_.heartbeat_interval_ms;
            std::map<std::string, queue::Lease> leases;
            {
                std::lock_guard lock(mu_);
                leases = active_;
            }
            for (const auto& [id, lease] : leases) {
                auto hb = queue_.Heartbeat(lease);
                if (!hb.ok()) {
                    obs::Log(obs::Level::kWarn, "heartbeat_failed", {{"job_id", id}, {"error", hb.error().ToString()}});
                }
            }
        }
        if (now >= next_reap && !stopping_.load()) {
            next_reap = now + queue_config_.reaper_interval_ms;
            auto report = queue_.ReapExpired();
            if (report.ok() && report->dead > 0) {
                // Stalled jobs dead-lettered by the reaper: their cards must show it too.
                auto stats = queue_.Stats();
                if (stats.ok()) {
                    for (const auto& job : stats->dead_letters) {
                        bool fresh;
                        {
                            std::lock_guard lock(mu_);
                            fresh = handled_dead_.insert(job.id).second;
                        }
                        if (fresh && job.last_error.find(queue::kReasonLeaseExpired) != std::string::npos) {
                            orchestrator_.OnJobGaveUp(job, job.last_error, true);
                            if (options_.errors) {
                                auto report = JobFailureReport(job, core::Error::Unavailable(job.last_error), true);
                                if (report) options_.errors->Report(std::move(*report));
                            }
                        }
                    }
                }
            }
        }
    }
}

}  // namespace by::pipeline
