// Workers: threads that claim jobs, run their stage through the orchestrator, and report back to the
// queue under the job's lease (heartbeats keep it alive). CPU-heavy stages run on a pool sized to the
// cores; stages that wait on the network (publish, moderation) have their own threads, so waiting never
// takes a CPU worker. One reaper per process hands expired leases back (GUARANTEES Q1).
//
// Stop(): stop claiming, let running jobs finish for up to drain_timeout_ms, then release the leases of
// the jobs still running so others can take them at once (Q13), and join.
// Thread-safety: Start/Stop from one controlling thread; everything else is internal.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "obs/error_reporter.hpp"
#include "pipeline/orchestrator.hpp"
#include "queue/job_queue.hpp"

namespace by::pipeline {

struct WorkerOptions {
    std::string worker_id;               // unique per process; default host:pid
    int cpu_workers = 0;                 // 0: one per core
    int io_workers = 8;                  // publish/moderation: mostly waiting on marketplaces
    int64_t drain_timeout_ms = 20'000;   // on Stop, how long running jobs may take before release
    int64_t idle_wait_ms = 500;          // how long an idle worker sleeps between claims at most
    bool run_reaper = true;
    obs::ErrorReporter* errors = nullptr;  // set: jobs given up for an internal reason or dead-lettered are reported
};

// The error report of a job the queue gave up on (`dead`: retries exhausted or stalled), or nullopt when
// the failure is an ordinary outcome: only dead letters and internal faults (kInternal, kCrypto) are
// reported, never validation, a refused credential or another permanent 4xx-like answer. Tags: job_id,
// stage, marketplace, card_id, outcome, error_code; never product text.
std::optional<obs::ErrorReport> JobFailureReport(const queue::Job& job, const core::Error& error, bool dead);

class WorkerPool {
  public:
    WorkerPool(Orchestrator& orchestrator, queue::JobQueue& queue, const queue::QueueConfig& queue_config,
               WorkerOptions options);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void Start();
    void Stop();
    int in_flight() const { return in_flight_.load(); }
    const std::string& worker_id() const { return options_.worker_id; }

  private:
    void Loop(const std::vector<std::string>& kinds, const std::string& name);
    void RunOne(const queue::Job& job);
    void Background();

    Orchestrator& orchestrator_;
    queue::JobQueue& queue_;
    queue::QueueConfig queue_config_;
    WorkerOptions options_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> in_flight_{0};
    std::vector<std::thread> threads_;
    std::thread background_;
    std::mutex mu_;
    std::map<std::string, queue::Lease> active_;  // guarded by mu_: job id -> lease, for heartbeats
    std::set<std::string> handled_dead_;          // guarded by mu_: dead letters already reported
};

}  // namespace by::pipeline
