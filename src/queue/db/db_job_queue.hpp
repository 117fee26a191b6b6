// JobQueue over store::SqlDb (SQLite or PostgreSQL): the offline default and the single-database
// production backend. Schema: migrations/*/002_queue.sql.
//
// SQLite: every write is one BEGIN IMMEDIATE transaction (a claim batch is one), so writers never race;
// idle workers are woken in-process. PostgreSQL: claims lock their rows with FOR UPDATE SKIP LOCKED, so
// workers in many processes claim in parallel; an enqueue NOTIFYs the channel `config.name` at commit and
// a listener thread (give `listen_url`) wakes this process's idle workers.
//
// EnqueueTx (Q8) writes inside the caller's transaction, e.g. the approval of a request; the job exists
// only if that transaction commits. On SQLite call NotifyWork() after the commit to wake workers at once
// (they poll anyway).
//
// Thread-safety: as JobQueue. The SqlDb, Clock and Rng must outlive the queue.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "queue/job_queue.hpp"
#include "queue/wakeup.hpp"
#include "store/sql.hpp"

namespace by::queue {

class PgListener;

class DbJobQueue final : public JobQueue {
  public:
    // listen_url: the PostgreSQL URL for LISTEN (ignored on SQLite; empty = no cross-process wakeups).
    DbJobQueue(store::SqlDb& db, const core::Clock& clock, Rng& rng, QueueConfig config = {},
               std::string listen_url = {});
    ~DbJobQueue() override;

    core::Result<EnqueueResult> EnqueueTx(store::SqlConn& conn, const NewJob& job);

    core::Result<EnqueueResult> Enqueue(const NewJob& job) override;
    core::Result<std::vector<EnqueueResult>> EnqueueMany(const std::vector<NewJob>& jobs) override;
    core::Result<std::vector<Job>> Claim(const ClaimRequest& request) override;
    core::Result<int64_t> Heartbeat(const Lease& lease) override;
    core::Status Complete(const Lease& lease, std::string_view result = "{}") override;
    core::Result<FailOutcome> Fail(const Lease& lease, std::string_view error, bool transient) override;
    core::Result<int64_t> RateLimited(const Lease& lease, int64_t retry_after_ms) override;
    core::Status Release(const Lease& lease) override;
    core::Result<ReapReport> ReapExpired() override;
    core::Status Retry(const std::string& job_id) override;
    core::Result<Job> Get(const std::string& job_id) override;
    core::Result<QueueStats> Stats() override;
    core::Result<JobEvent> AppendEvent(const std::string& job_id, const std::string& stream, std::string_view kind,
                                       std::string_view payload) override;
    core::Result<std::vector<JobEvent>> ReadEvents(const EventQuery& query) override;
    void WaitForWork(int64_t max_wait_ms) override;
    void NotifyWork() override;

    const QueueConfig& config() const { return config_; }

  private:
    bool pg() const { return db_.dialect() == store::Dialect::kPostgres; }
    // SQLite has one writer at a time: queueing writers on a mutex here instead of in SQLite's busy
    // handler (which sleeps in steps of up to 100 ms) keeps claim latency flat under contention.
    core::Status WriteTx(const std::function<core::Status(store::SqlConn&)>& fn);
    core::Result<int64_t> WriteExec(std::string_view sql, const store::Params& params);
    core::Result<EnqueueResult> EnqueueIn(store::SqlConn& c, const NewJob& job, int64_t now, bool* wake);
    core::Status FailChildren(store::SqlConn& c, const std::string& parent_id, const std::string& reason,
                              int64_t now, int depth);

    store::SqlDb& db_;
    const core::Clock& clock_;
    Rng& rng_;
    QueueConfig config_;
    Notifier notifier_;
    AtomicCounters counters_;
    std::unique_ptr<PgListener> listener_;
    std::mutex sqlite_write_mu_;  // held around every write transaction on SQLite only
};

}  // namespace by::queue
