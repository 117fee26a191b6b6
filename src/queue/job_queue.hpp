// The job queue seam: one job per (product, marketplace, stage), taken by workers in many processes.
//
// Contract (GUARANTEES Q1–Q15):
// - A job is claimed under a *lease*: Claim() moves it to `running`, increments `attempt` and hands out a
//   fencing token. Heartbeat/Complete/Fail/RateLimited/Release must present that token; once the lease
//   has expired and the job was reclaimed they return Error::LeaseLost and change nothing, so a slow
//   worker's result is discarded (Q2).
// - ReapExpired() hands expired leases back through the retry policy: the attempt counts, the job is
//   delayed by the backoff, `stall_count` grows, and after `max_stalls` stalls or `max_attempts` attempts
//   it is dead-lettered with reason "lease_expired" (Q1, Q3). Someone must call it every
//   `reaper_interval_ms` (see Reaper below).
// - Claim order: strict by (effective_priority, ready_at, id), effective_priority = priority −
//   floor(wait / aging_step), wait = now − ready_at (Q4). Within the lowest effective priority present,
//   partners with waiting jobs take turns (least recently served first, Q5). `ready_at` is the moment the
//   job last became claimable: its enqueue (or its NewJob::order_at_ms, when earlier), or the end of its
//   delay; a released job keeps its place.
// - Enqueue is idempotent by `dedupe_key` over non-terminal jobs and, after completion, for
//   `dedupe_ttl_ms`: it then returns the existing id (Q7).
// - Fail() retries transient errors with backoff min(cap, base·2^(attempt−1)) and full jitter, fails
//   non-transient ones at once (`failed`), and dead-letters after `max_attempts` (Q10). RateLimited()
//   and Release() put the job back without consuming an attempt (Q6, Q13).
// - A job with a parent waits (state `delayed`, no run_at) until the parent completes; when the parent
//   ends in `failed` or `dead`, its children end `failed` with last_error "parent_failed: …" (Q12).
// - Events (Q11) are append-only with a per-job monotonic `seq` and a global `id` that a reader passes
//   back as Last-Event-ID; nothing is trimmed.
//
// Time comes from core::Clock (wall ms, so every process agrees) and randomness from Rng, both injected.
//
// Thread-safety: every JobQueue method may be called from any thread at once, and any number of
// processes may share one database or Redis. A Lease is a plain value; losing one is harmless (it expires).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"

namespace by::queue {

// ---- configuration ----------------------------------------------------------------------------------

struct QueueConfig {
    // Lease length. Longer hides dead workers for longer (Q1: 30 s lease + 5 s reaper ≤ 45 s recovery);
    // shorter makes a slow but live worker lose its job more often. Default 30 s.
    int64_t lease_ms = 30'000;
    // How often a worker should call Heartbeat(). A third of the lease survives two lost beats. Default 10 s.
    int64_t heartbeat_interval_ms = 10'000;
    // How often ReapExpired() should run. Default 5 s.
    int64_t reaper_interval_ms = 5'000;
    // Leases that expire within this window count as "near expiry" in Stats(). Default 10 s.
    int64_t near_expiry_ms = 10'000;
    // One priority step of aging: a job waiting this long counts as one priority more urgent (Q4).
    // Smaller ages faster (weaker priorities); larger lets low priority wait longer. Default 10 s.
    int64_t aging_step_ms = 10'000;
    // Attempts (claims that ended in failure or expiry) before a job is dead-lettered. Default 5.
    int max_attempts = 5;
    // Lease expiries before a job is dead-lettered with reason lease_expired (poison jobs, Q3). Default 3.
    int max_stalls = 3;
    // Retry backoff: uniform in [0, min(cap, base·2^(attempt−1))] ("full jitter"). Defaults 1 s, 5 min.
    int64_t backoff_base_ms = 1'000;
    int64_t backoff_cap_ms = 300'000;
    // How long a completed job's dedupe_key keeps answering Enqueue with the old id (Q7). Default 24 h.
    int64_t dedupe_ttl_ms = 24 * 3600 * 1000LL;
    // How long completed jobs are kept for Get(); failed/dead jobs stay until retried or purged. Default 1 h.
    int64_t completed_retention_ms = 3600 * 1000LL;
    // Dead letters listed by Stats(). Default 100.
    int dead_letter_limit = 100;
    // DB backend: the NOTIFY channel (PostgreSQL). Redis backend: key prefix. Tests use one per test.
    std::string name = "by_jobs";
};

// ---- randomness seam ------------------------------------------------------------------------------

// Jitter source. Thread-safety: implementations must be safe to call from any thread.
class Rng {
  public:
    virtual ~Rng() = default;
    virtual uint64_t Next() = 0;
    // Uniform in [lo, hi] (inclusive); lo when hi <= lo.
    int64_t UniformInt(int64_t lo, int64_t hi);
};

// mt19937_64 seeded from std::random_device (or a fixed seed, for tests), behind a mutex.
class DefaultRng final : public Rng {
  public:
    DefaultRng();
    explicit DefaultRng(uint64_t seed) : gen_(seed) {}
    uint64_t Next() override;

  private:
    std::mutex mu_;
    std::mt19937_64 gen_;  // guarded by mu_
};

// Full-jitter exponential backoff for the attempt that just failed (1-based): uniform in
// [0, min(cap, base·2^(attempt−1))].
int64_t BackoffMs(int attempt, const QueueConfig& config, Rng& rng);
// The upper bound BackoffMs draws under.
int64_t BackoffCeilingMs(int attempt, const QueueConfig& config);

// ---- jobs ---------------------------------------------------------------------------------------------

enum class JobState { kWaiting, kDelayed, kRunning, kCompleted, kFailed, kDead };
std::string_view JobStateName(JobState s);
std::optional<JobState> ParseJobState(std::string_view name);
inline bool IsTerminal(JobState s) {
    return s == JobState::kCompleted || s == JobState::kFailed || s == JobState::kDead;
}

inline constexpr int kPriorityUrgent = 0;
inline constexpr int kPriorityHigh = 1;
inline constexpr int kPriorityNormal = 2;  // what an unset priority means (Q4: never silently highest)
inline constexpr int kPriorityLow = 3;
inline constexpr int kMaxPriority = 9;
inline int PriorityValue(core::Priority p) { return static_cast<int>(p); }

// Reasons written to last_error by the queue itself.
inline constexpr std::string_view kReasonLeaseExpired = "lease_expired";
inline constexpr std::string_view kReasonParentFailed = "parent_failed";
inline constexpr std::string_view kReasonRateLimited = "rate_limited";

struct NewJob {
    std::string kind;                              // the stage: "research", "content", "publish", …
    std::string partner_id;                        // fairness key (Q5); "" for system work
    std::optional<core::Marketplace> marketplace;  // unset for product-level work
    std::string rate_key;                          // credential × endpoint group for the limiter; "" none
    std::optional<int> priority;                   // 0 (urgent) … 9; unset = kPriorityNormal
    std::string payload = "{}";                    // JSON, opaque to the queue
    std::string dedupe_key;                        // "" = no dedupe (Q7)
    std::string parent_id;                         // "" = none (Q12)
    std::optional<int64_t> run_at_ms;              // start no earlier than this (wall ms)
    // Sort as if claimable since this moment (wall ms; only an earlier time than now counts, and only for a
    // job not delayed): a step of a chain keeps the place of the chain's start, so started work finishes
    // before new work begins, and its wait for aging (Q4) counts from there.
    std::optional<int64_t> order_at_ms;
    int max_attempts = 0;                          // 0 = QueueConfig::max_attempts
};

struct Lease {
    std::string job_id;
    std::string token;  // fencing token of this claim
};

struct Job {
    std::string id;
    std::string kind;
    std::string partner_id;
    std::optional<core::Marketplace> marketplace;
    std::string rate_key;
    int priority = kPriorityNormal;
    std::string payload;
    std::string dedupe_key;
    std::string parent_id;
    JobState state = JobState::kWaiting;
    int64_t enqueued_at = 0;   // first insert, for display and age
    int64_t ready_at = 0;      // when it last became claimable: the ordering time
    int64_t run_at = 0;        // delayed: due time; 0 while waiting on its parent
    int attempt = 0;           // claims that counted (incremented by Claim)
    int stall_count = 0;       // lease expiries
    int max_attempts = 0;
    std::string lease_token;   // set while running
    int64_t lease_until = 0;   // set while running
    std::string worker_id;     // last claimer
    int64_t started_at = 0;
    int64_t finished_at = 0;
    std::string last_error;
    std::string result;        // JSON given to Complete

    Lease lease() const { return {id, lease_token}; }
};

struct EnqueueResult {
    std::string id;
    bool created = false;  // false: an existing job (live, or completed within the TTL) answered
};

struct ClaimRequest {
    std::string worker_id;
    int max_jobs = 1;                // batch size (LIMIT n)
    std::vector<std::string> kinds;  // empty = any kind
};

struct FailOutcome {
    JobState state = JobState::kDelayed;  // kDelayed (will retry), kFailed or kDead
    int64_t run_at = 0;                   // when kDelayed
};

struct ReapReport {
    int reclaimed = 0;     // expired leases put back for retry
    int dead = 0;          // expired leases dead-lettered
    int purged = 0;        // completed jobs past retention and expired dedupe records removed
};

// ---- events (Q11) -------------------------------------------------------------------------------------

struct JobEvent {
    int64_t id = 0;       // global, increasing in commit order: the SSE id / Last-Event-ID
    std::string job_id;
    std::string stream;   // e.g. the request id, so one SSE connection follows all its jobs
    int64_t seq = 0;      // 1, 2, 3 … per job
    int64_t ts = 0;       // wall ms
    std::string kind;     // "progress", "stage_done", …
    std::string payload;  // JSON
};

struct EventQuery {
    std::string stream;                // events of this stream, or
    std::vector<std::string> job_ids;  // events of these jobs (used when stream is empty)
    int64_t after_id = 0;              // Last-Event-ID: return ids > this
    int limit = 1000;
};

// ---- operability (Q15) ----------------------------------------------------------------------------

struct DepthRow {
    int priority = kPriorityNormal;
    std::string marketplace;   // "" for product-level work
    std::string partner_id;
    int64_t waiting = 0;       // claimable now or after a delay (waiting + delayed)
    int64_t running = 0;
    int64_t oldest_age_ms = 0; // of the waiting/delayed jobs, from enqueued_at
};

struct QueueCounters {  // since this process started (Prometheus counters)
    int64_t claimed = 0, completed = 0, failed = 0, reclaimed = 0, rate_limited = 0, released = 0;
};

struct QueueStats {
    std::vector<DepthRow> depth;  // per priority × marketplace × partner
    int64_t waiting = 0;
    int64_t delayed = 0;
    int64_t in_flight = 0;
    int64_t leases_near_expiry = 0;
    int64_t oldest_age_ms = 0;
    int64_t dead_count = 0;
    std::vector<Job> dead_letters;  // dead and failed jobs, newest first, up to dead_letter_limit
    QueueCounters counters;
};

// Per-process counters, kept by every backend.
struct AtomicCounters {
    std::atomic<int64_t> claimed{0}, completed{0}, failed{0}, reclaimed{0}, rate_limited{0}, released{0};
    QueueCounters Snapshot() const {
        return {claimed.load(), completed.load(), failed.load(), reclaimed.load(), rate_limited.load(),
                released.load()};
    }
};

// ---- the interface ----------------------------------------------------------------------------------

class JobQueue {
  public:
    virtual ~JobQueue() = default;

    virtual core::Result<EnqueueResult> Enqueue(const NewJob& job) = 0;
    // Several jobs in one round trip / transaction (e.g. a card's four marketplaces). Each is idempotent
    // on its own.
    virtual core::Result<std::vector<EnqueueResult>> EnqueueMany(const std::vector<NewJob>& jobs) = 0;

    // Up to max_jobs jobs moved to running under one lease each (attempt incremented).
    virtual core::Result<std::vector<Job>> Claim(const ClaimRequest& request) = 0;
    // Extends the lease by lease_ms; returns the new lease_until. LeaseLost when no longer ours.
    virtual core::Result<int64_t> Heartbeat(const Lease& lease) = 0;
    // result: JSON kept with the job. LeaseLost (and nothing stored) when no longer ours.
    virtual core::Status Complete(const Lease& lease, std::string_view result = "{}") = 0;
    // transient: retry with backoff until max_attempts, then dead; otherwise failed at once.
    virtual core::Result<FailOutcome> Fail(const Lease& lease, std::string_view error, bool transient) = 0;
    // Delays the job retry_after_ms without consuming the attempt (a 429, Q6). Returns run_at.
    virtual core::Result<int64_t> RateLimited(const Lease& lease, int64_t retry_after_ms) = 0;
    // Gives the job back at once (graceful drain, Q13): waiting, same place, attempt not counted.
    virtual core::Status Release(const Lease& lease) = 0;

    // Expired leases back through the retry policy; purges old completed jobs and dedupe records.
    virtual core::Result<ReapReport> ReapExpired() = 0;
    // A dead or failed job back to waiting with fresh attempt/stall counters (admin "retry").
    virtual core::Status Retry(const std::string& job_id) = 0;

    virtual core::Result<Job> Get(const std::string& job_id) = 0;
    virtual core::Result<QueueStats> Stats() = 0;

    // Appends an event; returns its id. seq is assigned per job.
    virtual core::Result<JobEvent> AppendEvent(const std::string& job_id, const std::string& stream,
                                               std::string_view kind, std::string_view payload) = 0;
    virtual core::Result<std::vector<JobEvent>> ReadEvents(const EventQuery& query) = 0;

    // Blocks up to max_wait_ms or until new work may be claimable (an enqueue, a release, here or — with
    // PostgreSQL LISTEN or Redis pub/sub — in another process). Spurious wakeups are allowed.
    virtual void WaitForWork(int64_t max_wait_ms) = 0;
    // Wakes local waiters, e.g. after committing a transaction that called EnqueueTx.
    virtual void NotifyWork() = 0;

    // Convenience: maps an Error to RateLimited (kRateLimited with retry_after), a transient Fail, or a
    // permanent Fail.
    core::Result<FailOutcome> FailWith(const Lease& lease, const core::Error& error);
};

using JobQueuePtr = std::unique_ptr<JobQueue>;

}  // namespace by::queue
