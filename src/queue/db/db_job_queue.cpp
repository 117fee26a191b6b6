#include "queue/db/db_job_queue.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "queue/db/pg_listener.hpp"
#include "queue/scheduler.hpp"

namespace by::queue {
namespace {

using store::Params;
using store::Row;
using store::SqlConn;
using store::SqlValue;

constexpr const char* kCols =
    "id, kind, partner_id, marketplace, rate_key, priority, payload, dedupe_key, parent_id, state, enqueued_at, "
    "ready_at, run_at, attempt, stall_count, max_attempts, lease_token, lease_until, worker_id, started_at, "
    "finished_at, last_error, result";
constexpr const char* kLive = "('waiting','delayed','running')";
constexpr int kMaxBatch = 1000;
constexpr int kReapBatch = 500;
constexpr int kPurgeBatch = 1000;

Job RowToJob(const Row& r) {
    Job j;
    j.id = r.Str(0);
    j.kind = r.Str(1);
    j.partner_id = r.Str(2);
    if (!r.IsNull(3) && !r.Str(3).empty()) {
        j.marketplace = core::ParseMarketplace(r.Str(3));
    }
    j.rate_key = r.Str(4);
    j.priority = static_cast<int>(r.Int(5));
    j.payload = r.Str(6);
    j.dedupe_key = r.Str(7);
    j.parent_id = r.Str(8);
    j.state = ParseJobState(r.Str(9)).value_or(JobState::kWaiting);
    j.enqueued_at = r.Int(10);
    j.ready_at = r.Int(11);
    j.run_at = r.Int(12);
    j.attempt = static_cast<int>(r.Int(13));
    j.stall_count = static_cast<int>(r.Int(14));
    j.max_attempts = static_cast<int>(r.Int(15));
    j.lease_token = r.Str(16);
    j.lease_until = r.Int(17);
    j.worker_id = r.Str(18);
    j.started_at = r.Int(19);
    j.finished_at = r.Int(20);
    j.last_error = r.Str(21);
    j.result = r.Str(22);
    return j;
}

SqlValue NullIfEmpty(const std::string& s) {
    if (s.empty()) {
        return nullptr;
    }
    return s;
}

std::string JsonArray(const std::vector<std::string>& items) { return nlohmann::json(items).dump(); }

// "x IN (values of a JSON array parameter)", in each dialect.
std::string InJson(bool pg, const std::string& column) {
    if (pg) {
        return column + " IN (SELECT jsonb_array_elements_text(CAST(? AS jsonb)))";
    }
    return column + " IN (SELECT value FROM json_each(?))";
}

// Kind filter appended to claim queries; adds one parameter when kinds are given.
std::string KindFilter(bool pg, const std::vector<std::string>& kinds, const std::string& alias, Params* params) {
    if (kinds.empty()) {
        return {};
    }
    params->push_back(JsonArray(kinds));
    return " AND " + InJson(pg, alias + "kind");
}

core::Error Lost() { return core::Error::LeaseLost("the lease expired and the job was taken over"); }

}  // namespace

DbJobQueue::DbJobQueue(store::SqlDb& db, const core::Clock& clock, Rng& rng, QueueConfig config,
                       std::string listen_url)
    : db_(db), clock_(clock), rng_(rng), config_(std::move(config)) {
    if (pg() && !listen_url.empty()) {
        listener_ = std::make_unique<PgListener>(listen_url, config_.name, [this] { notifier_.Notify(); });
    }
}

DbJobQueue::~DbJobQueue() = default;

core::Status DbJobQueue::WriteTx(const std::function<core::Status(SqlConn&)>& fn) {
    if (pg()) {
        return db_.Tx(fn);
    }
    std::lock_guard lock(sqlite_write_mu_);
    return db_.Tx(fn);
}

core::Result<int64_t> DbJobQueue::WriteExec(std::string_view sql, const Params& params) {
    if (pg()) {
        return db_.Exec(sql, params);
    }
    std::lock_guard lock(sqlite_write_mu_);
    return db_.Exec(sql, params);
}

void DbJobQueue::WaitForWork(int64_t max_wait_ms) { notifier_.Wait(max_wait_ms); }
void DbJobQueue::NotifyWork() { notifier_.Notify(); }

// ---- enqueue -------------------------------------------------------------------------------------------

core::Result<EnqueueResult> DbJobQueue::EnqueueIn(SqlConn& c, const NewJob& job, int64_t now, bool* wake) {
    if (job.kind.empty()) {
        return core::Error::Invalid("job kind is required", "kind");
    }
    int priority = job.priority.value_or(kPriorityNormal);
    if (priority < 0 || priority > kMaxPriority) {
        return core::Error::Invalid("priority is 0..9", "priority");
    }
    if (!job.dedupe_key.empty()) {
        BY_ASSIGN(auto live, c.Query(std::string("SELECT id FROM jobs WHERE dedupe_key = ? AND state IN ") + kLive,
                                     {job.dedupe_key}));
        if (!live.empty()) {
            return EnqueueResult{live.rows[0].Str(0), false};
        }
        BY_ASSIGN(auto done, c.Query("SELECT job_id FROM completed_keys WHERE dedupe_key = ? AND expires_at > ?",
                                     {job.dedupe_key, now}));
        if (!done.empty()) {
            return EnqueueResult{done.rows[0].Str(0), false};
        }
    }
    std::string state = "waiting";
    SqlValue run_at = nullptr;
    int64_t ready_at = now;
    std::string last_error;
    SqlValue finished_at = nullptr;
    if (job.run_at_ms && *job.run_at_ms > now) {
        state = "delayed";
        run_at = *job.run_at_ms;
        ready_at = *job.run_at_ms;
    } else if (job.order_at_ms && *job.order_at_ms > 0 && *job.order_at_ms < now) {
        ready_at = *job.order_at_ms;
    }
    if (!job.parent_id.empty()) {
        BY_ASSIGN(auto parent, c.Query("SELECT state, last_error FROM jobs WHERE id = ?", {job.parent_id}));
        if (parent.empty()) {
            return core::Error::Invalid("parent job not found", "parent_id");
        }
        std::string ps = parent.rows[0].Str(0);
        if (ps == "failed" || ps == "dead") {
            state = "failed";
            last_error = std::string(kReasonParentFailed) + ": " + parent.rows[0].Str(1);
            finished_at = now;
        } else if (ps != "completed") {
            state = "delayed";
            run_at = nullptr;  // waits for the parent, not for a time
        }
    }
    std::string id = core::NewId("job");
    int max_attempts = job.max_attempts > 0 ? job.max_attempts : config_.max_attempts;
    std::string mp = job.marketplace ? std::string(core::MarketplaceName(*job.marketplace)) : std::string();
    std::string sql =
        "INSERT INTO jobs (id, kind, partner_id, marketplace, rate_key, priority, payload, dedupe_key, parent_id, "
        "state, enqueued_at, ready_at, run_at, attempt, stall_count, max_attempts, last_error, finished_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)";
    if (pg()) {
        // Two transactions racing on one key: the second waits for the first and then does nothing.
        sql += std::string(" ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND state IN ") + kLive +
               " DO NOTHING";
    }
    BY_ASSIGN(int64_t inserted,
              c.Exec(sql, {id, job.kind, job.partner_id, mp, job.rate_key, static_cast<int64_t>(priority),
                           job.payload.empty() ? std::string("{}") : job.payload, NullIfEmpty(job.dedupe_key),
                           NullIfEmpty(job.parent_id), state, now, ready_at, run_at,
                           static_cast<int64_t>(max_attempts), last_error, finished_at}));
    if (inserted == 0) {
        BY_ASSIGN(auto live, c.Query(std::string("SELECT id FROM jobs WHERE dedupe_key = ? AND state IN ") + kLive,
                                     {job.dedupe_key}));
        if (!live.empty()) {
            return EnqueueResult{live.rows[0].Str(0), false};
        }
        return core::Error::Unavailable("concurrent enqueue of the same key; retry");
    }
    if (state == "waiting" && wake) {
        *wake = true;
    }
    return EnqueueResult{id, true};
}

core::Result<EnqueueResult> DbJobQueue::EnqueueTx(SqlConn& conn, const NewJob& job) {
    bool wake = false;
    BY_ASSIGN(auto r, EnqueueIn(conn, job, clock_.NowMs(), &wake));
    if (wake && pg()) {
        BY_TRY(conn.Query("SELECT pg_notify(?, '')", {config_.name}));  // delivered only if the caller commits
    }
    return r;
}

core::Result<EnqueueResult> DbJobQueue::Enqueue(const NewJob& job) {
    BY_ASSIGN(auto all, EnqueueMany({job}));
    return all.at(0);
}

core::Result<std::vector<EnqueueResult>> DbJobQueue::EnqueueMany(const std::vector<NewJob>& jobs) {
    std::vector<EnqueueResult> out;
    bool wake = false;
    int64_t now = clock_.NowMs();
    BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
        out.clear();
        wake = false;
        for (const NewJob& j : jobs) {
            BY_ASSIGN(auto r, EnqueueIn(c, j, now, &wake));
            out.push_back(std::move(r));
        }
        if (wake && pg()) {
            BY_TRY(c.Query("SELECT pg_notify(?, '')", {config_.name}));
        }
        return core::Ok();
    }));
    if (wake) {
        notifier_.Notify();
    }
    return out;
}

// ---- claim ---------------------------------------------------------------------------------------------

core::Result<std::vector<Job>> DbJobQueue::Claim(const ClaimRequest& request) {
    int n = std::clamp(request.max_jobs, 1, kMaxBatch);
    const bool is_pg = pg();
    std::vector<Job> claimed;
    int64_t now = clock_.NowMs();
    std::string token = core::RandomHex(12);

    // Nothing claimable: answer from a read, without a write transaction (idle workers wake in herds).
    auto any = is_pg ? db_.Query("SELECT by_queue_has_work(CAST(? AS BIGINT))", {now})
                     : db_.Query("SELECT CASE WHEN EXISTS (SELECT 1 FROM jobs WHERE state = 'waiting') OR EXISTS "
                                 "(SELECT 1 FROM jobs WHERE state = 'delayed' AND run_at IS NOT NULL AND run_at <= ?) "
                                 "THEN 1 ELSE 0 END",
                                 {now});
    if (!any.ok()) {
        return std::move(any).error();
    }
    if (any->empty() || any->rows[0].Int(0) == 0) {
        return claimed;
    }

    BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
        claimed.clear();
        // Delayed jobs that are due join their lanes, ordered from their due time.
        if (is_pg) {
            BY_TRY(c.Query("SELECT by_queue_promote(CAST(? AS BIGINT))", {now}));
        } else {
            BY_TRY(c.Exec("UPDATE jobs SET state = 'waiting', ready_at = run_at WHERE id IN (SELECT id FROM jobs "
                          "WHERE state = 'delayed' AND run_at IS NOT NULL AND run_at <= ? LIMIT 1000)",
                          {now}));
        }

        // Lane heads by a loose index scan over (partner_id, priority): one index probe per lane.
        Params lp;
        std::string k1 = KindFilter(is_pg, request.kinds, "", &lp);
        std::string k2 = KindFilter(is_pg, request.kinds, "j2.", &lp);
        std::string lanes_sql =
            "WITH RECURSIVE t(id, partner_id, priority, ready_at) AS ("
            " SELECT id, partner_id, priority, ready_at FROM (SELECT id, partner_id, priority, ready_at FROM jobs"
            " WHERE state = 'waiting'" + k1 + " ORDER BY partner_id, priority, ready_at, id LIMIT 1) h"
            " UNION ALL"
            " SELECT j.id, j.partner_id, j.priority, j.ready_at FROM t JOIN jobs j ON j.id = ("
            "  SELECT j2.id FROM jobs j2 WHERE j2.state = 'waiting'" + k2 +
            "  AND (j2.partner_id, j2.priority) > (t.partner_id, t.priority)"
            "  ORDER BY j2.partner_id, j2.priority, j2.ready_at, j2.id LIMIT 1))"
            " SELECT id, partner_id, priority, ready_at FROM t LIMIT 100000";
        SqlValue kinds_json = request.kinds.empty() ? SqlValue(nullptr) : SqlValue(JsonArray(request.kinds));
        BY_ASSIGN(auto heads, is_pg ? c.Query("SELECT id, partner_id, priority, ready_at FROM by_queue_lanes(CAST(? AS "
                                              "jsonb))",
                                              {kinds_json})
                                    : c.Query(lanes_sql, lp));
        if (heads.empty()) {
            return core::Ok();
        }
        std::vector<Lane> lanes;
        lanes.reserve(heads.size());
        for (const Row& r : heads.rows) {
            Lane l;
            l.partner_id = r.Str(1);
            l.priority = static_cast<int>(r.Int(2));
            l.hint = {r.Str(0), l.partner_id, l.priority, r.Int(3)};
            lanes.push_back(std::move(l));
        }

        std::unordered_map<std::string, int64_t> last_served;
        int64_t next_turn = 1;
        BY_ASSIGN(auto turns, c.Query("SELECT partner_id, last_served FROM queue_partners", {}));
        for (const Row& r : turns.rows) {
            last_served[r.Str(0)] = r.Int(1);
            next_turn = std::max(next_turn, r.Int(1) + 1);
        }

        FairPicker picker(now, config_.aging_step_ms, std::move(last_served), next_turn);
        core::Status fetch_error;
        auto fetch = [&](const Lane& lane) -> std::vector<Candidate> {
            Params p{lane.partner_id, static_cast<int64_t>(lane.priority)};
            core::Result<store::Rows> rows = store::Rows{};
            if (is_pg) {
                rows = c.Query("SELECT id, ready_at FROM by_queue_fetch(?, CAST(? AS INT), CAST(? AS jsonb), CAST(? AS "
                               "INT))",
                               {lane.partner_id, static_cast<int64_t>(lane.priority), kinds_json,
                                static_cast<int64_t>(n)});
            } else {
                std::string kf = KindFilter(is_pg, request.kinds, "", &p);
                p.push_back(static_cast<int64_t>(n));
                rows = c.Query("SELECT id, ready_at FROM jobs WHERE state = 'waiting' AND partner_id = ? AND "
                               "priority = ?" + kf + " ORDER BY ready_at, id LIMIT ?",
                               p);
            }
            std::vector<Candidate> out;
            if (!rows.ok()) {
                fetch_error = std::move(rows).error();
                return out;
            }
            for (const Row& r : rows->rows) {
                out.push_back({r.Str(0), lane.partner_id, lane.priority, r.Int(1)});
            }
            return out;
        };
        auto picked = picker.Pick(lanes, n, fetch);
        if (!fetch_error.ok()) {
            return fetch_error;
        }
        if (picked.empty()) {
            return core::Ok();
        }
        std::vector<std::string> ids;
        ids.reserve(picked.size());
        for (auto& cnd : picked) {
            ids.push_back(cnd.id);
        }
        BY_ASSIGN(auto rows,
                  is_pg ? c.Query(std::string("SELECT ") + kCols +
                                      " FROM by_queue_mark_running(CAST(? AS jsonb), ?, CAST(? AS BIGINT), ?, "
                                      "CAST(? AS BIGINT))",
                                  {JsonArray(ids), token, now + config_.lease_ms, request.worker_id, now})
                        : c.Query(std::string("UPDATE jobs SET state = 'running', attempt = attempt + 1, lease_token = "
                                              "?, lease_until = ?, worker_id = ?, started_at = ? WHERE ") +
                                      InJson(false, "id") + " AND state = 'waiting' RETURNING " + kCols,
                                  {token, now + config_.lease_ms, request.worker_id, now, JsonArray(ids)}));
        std::unordered_map<std::string, size_t> order;
        for (size_t i = 0; i < ids.size(); ++i) {
            order[ids[i]] = i;
        }
        for (const Row& r : rows.rows) {
            claimed.push_back(RowToJob(r));
        }
        std::sort(claimed.begin(), claimed.end(),
                  [&](const Job& a, const Job& b) { return order[a.id] < order[b.id]; });
        // Persist the turns in one statement (rows in a fixed order, so concurrent claimers cannot deadlock).
        std::map<std::string, int64_t> served(picker.served().begin(), picker.served().end());
        nlohmann::json turns_json = nlohmann::json::object();
        for (const auto& [partner, turn] : served) {
            turns_json[partner] = turn;
        }
        std::string upsert =
            is_pg ? "SELECT by_queue_save_turns(CAST(? AS jsonb))"
                  : "INSERT INTO queue_partners (partner_id, last_served) SELECT key, value FROM json_each(?) "
                    "WHERE true ON CONFLICT (partner_id) DO UPDATE SET last_served = excluded.last_served";
        BY_TRY(c.Query(upsert, {turns_json.dump()}));
        return core::Ok();
    }));
    counters_.claimed += static_cast<int64_t>(claimed.size());
    return claimed;
}

// ---- lease operations -------------------------------------------------------------------------------

core::Result<int64_t> DbJobQueue::Heartbeat(const Lease& lease) {
    int64_t until = clock_.NowMs() + config_.lease_ms;
    BY_ASSIGN(int64_t n, WriteExec("UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_token = ? AND state = "
                                  "'running'",
                                  {until, lease.job_id, lease.token}));
    if (n == 0) {
        return Lost();
    }
    return until;
}

core::Status DbJobQueue::Complete(const Lease& lease, std::string_view result) {
    int64_t now = clock_.NowMs();
    std::string res(result.empty() ? "{}" : result);
    bool woke = false;
    if (pg()) {
        // One round trip, atomic, and planned once per session (by_queue_complete in 002_queue.sql).
        BY_ASSIGN(auto r, db_.Query("SELECT by_queue_complete(?, ?, CAST(? AS BIGINT), ?, CAST(? AS BIGINT))",
                                    {lease.job_id, lease.token, now, res, now + config_.dedupe_ttl_ms}));
        if (r.empty() || r.rows[0].Int(0) < 0) {
            return Lost();
        }
        woke = r.rows[0].Int(0) > 0;
        if (woke) {
            (void)db_.Query("SELECT pg_notify(?, '')", {config_.name});
        }
    } else {
        BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
            BY_ASSIGN(auto done, c.Query("UPDATE jobs SET state = 'completed', finished_at = ?, result = ?, "
                                         "lease_token = NULL, lease_until = NULL WHERE id = ? AND lease_token = ? AND "
                                         "state = 'running' RETURNING dedupe_key",
                                         {now, res, lease.job_id, lease.token}));
            if (done.empty()) {
                return Lost();
            }
            if (!done.rows[0].IsNull(0)) {
                BY_TRY(c.Exec("INSERT INTO completed_keys (dedupe_key, job_id, expires_at) VALUES (?, ?, ?) ON "
                              "CONFLICT (dedupe_key) DO UPDATE SET job_id = excluded.job_id, expires_at = "
                              "excluded.expires_at",
                              {done.rows[0].Str(0), lease.job_id, now + config_.dedupe_ttl_ms}));
            }
            BY_ASSIGN(int64_t kids, c.Exec("UPDATE jobs SET state = 'waiting', ready_at = ? WHERE parent_id = ? AND "
                                           "state = 'delayed' AND run_at IS NULL",
                                           {now, lease.job_id}));
            woke = kids > 0;
            return core::Ok();
        }));
    }
    ++counters_.completed;
    if (woke) {
        notifier_.Notify();
    }
    return core::Ok();
}

core::Status DbJobQueue::FailChildren(SqlConn& c, const std::string& parent_id, const std::string& reason,
                                      int64_t now, int depth) {
    if (depth > 16) {
        return core::Ok();
    }
    BY_ASSIGN(auto kids, c.Query("SELECT id FROM jobs WHERE parent_id = ? AND state IN ('waiting','delayed')",
                                 {parent_id}));
    std::string why = std::string(kReasonParentFailed) + ": " + reason;
    for (const Row& r : kids.rows) {
        std::string kid = r.Str(0);
        BY_TRY(c.Exec("UPDATE jobs SET state = 'failed', last_error = ?, finished_at = ? WHERE id = ?",
                      {why, now, kid}));
        BY_TRY(FailChildren(c, kid, reason, now, depth + 1));
    }
    return core::Ok();
}

core::Result<FailOutcome> DbJobQueue::Fail(const Lease& lease, std::string_view error, bool transient) {
    int64_t now = clock_.NowMs();
    FailOutcome out;
    std::string err(error);
    BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
        BY_ASSIGN(auto rows, c.Query(std::string("SELECT attempt, max_attempts FROM jobs WHERE id = ? AND "
                                                 "lease_token = ? AND state = 'running'") +
                                         (pg() ? " FOR UPDATE" : ""),
                                     {lease.job_id, lease.token}));
        if (rows.empty()) {
            return Lost();
        }
        int attempt = static_cast<int>(rows.rows[0].Int(0));
        int max_attempts = static_cast<int>(rows.rows[0].Int(1));
        if (transient && attempt < max_attempts) {
            out.state = JobState::kDelayed;
            out.run_at = now + BackoffMs(attempt, config_, rng_);
            BY_TRY(c.Exec("UPDATE jobs SET state = 'delayed', run_at = ?, ready_at = ?, last_error = ?, "
                          "lease_token = NULL, lease_until = NULL WHERE id = ?",
                          {out.run_at, out.run_at, err, lease.job_id}));
            return core::Ok();
        }
        out.state = transient ? JobState::kDead : JobState::kFailed;
        BY_TRY(c.Exec("UPDATE jobs SET state = ?, last_error = ?, finished_at = ?, lease_token = NULL, "
                      "lease_until = NULL WHERE id = ?",
                      {std::string(JobStateName(out.state)), err, now, lease.job_id}));
        return FailChildren(c, lease.job_id, err, now, 0);
    }));
    ++counters_.failed;
    return out;
}

core::Result<int64_t> DbJobQueue::RateLimited(const Lease& lease, int64_t retry_after_ms) {
    int64_t run_at = clock_.NowMs() + std::max<int64_t>(retry_after_ms, 0);
    BY_ASSIGN(int64_t n, WriteExec("UPDATE jobs SET state = 'delayed', run_at = ?, ready_at = ?, attempt = attempt - 1, "
                                  "last_error = ?, lease_token = NULL, lease_until = NULL WHERE id = ? AND "
                                  "lease_token = ? AND state = 'running'",
                                  {run_at, run_at, std::string(kReasonRateLimited), lease.job_id, lease.token}));
    if (n == 0) {
        return Lost();
    }
    ++counters_.rate_limited;
    return run_at;
}

core::Status DbJobQueue::Release(const Lease& lease) {
    BY_ASSIGN(int64_t n, WriteExec("UPDATE jobs SET state = 'waiting', attempt = attempt - 1, lease_token = NULL, "
                                  "lease_until = NULL WHERE id = ? AND lease_token = ? AND state = 'running'",
                                  {lease.job_id, lease.token}));
    if (n == 0) {
        return Lost();
    }
    if (pg()) {
        (void)db_.Query("SELECT pg_notify(?, '')", {config_.name});
    }
    ++counters_.released;
    notifier_.Notify();
    return core::Ok();
}

// ---- maintenance ------------------------------------------------------------------------------------

core::Result<ReapReport> DbJobQueue::ReapExpired() {
    int64_t now = clock_.NowMs();
    ReapReport report;
    const std::string lock = pg() ? " FOR UPDATE SKIP LOCKED" : "";
    BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
        report = {};
        BY_ASSIGN(auto rows, c.Query("SELECT id, attempt, max_attempts, stall_count FROM jobs WHERE state = "
                                     "'running' AND lease_until < ? ORDER BY lease_until LIMIT ?" + lock,
                                     {now, static_cast<int64_t>(kReapBatch)}));
        for (const Row& r : rows.rows) {
            std::string id = r.Str(0);
            int attempt = static_cast<int>(r.Int(1));
            int max_attempts = static_cast<int>(r.Int(2));
            int stalls = static_cast<int>(r.Int(3)) + 1;
            if (stalls >= config_.max_stalls || attempt >= max_attempts) {
                BY_TRY(c.Exec("UPDATE jobs SET state = 'dead', stall_count = ?, last_error = ?, finished_at = ?, "
                              "lease_token = NULL, lease_until = NULL WHERE id = ?",
                              {static_cast<int64_t>(stalls), std::string(kReasonLeaseExpired), now, id}));
                BY_TRY(FailChildren(c, id, std::string(kReasonLeaseExpired), now, 0));
                ++report.dead;
            } else {
                int64_t run_at = now + BackoffMs(attempt, config_, rng_);
                BY_TRY(c.Exec("UPDATE jobs SET state = 'delayed', stall_count = ?, run_at = ?, ready_at = ?, "
                              "last_error = ?, lease_token = NULL, lease_until = NULL WHERE id = ?",
                              {static_cast<int64_t>(stalls), run_at, run_at, std::string(kReasonLeaseExpired), id}));
                ++report.reclaimed;
            }
        }
        BY_ASSIGN(int64_t purged_jobs,
                  c.Exec("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'completed' AND "
                         "finished_at < ? LIMIT ?)",
                         {now - config_.completed_retention_ms, static_cast<int64_t>(kPurgeBatch)}));
        BY_ASSIGN(int64_t purged_keys,
                  c.Exec("DELETE FROM completed_keys WHERE dedupe_key IN (SELECT dedupe_key FROM completed_keys "
                         "WHERE expires_at <= ? LIMIT ?)",
                         {now, static_cast<int64_t>(kPurgeBatch)}));
        report.purged = static_cast<int>(purged_jobs + purged_keys);
        return core::Ok();
    }));
    counters_.reclaimed += report.reclaimed + report.dead;
    return report;
}

core::Status DbJobQueue::Retry(const std::string& job_id) {
    int64_t now = clock_.NowMs();
    BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
        BY_ASSIGN(auto rows, c.Query(std::string("SELECT state FROM jobs WHERE id = ?") + (pg() ? " FOR UPDATE" : ""),
                                     {job_id}));
        if (rows.empty()) {
            return core::Error::NotFound("job not found");
        }
        std::string st = rows.rows[0].Str(0);
        if (st != "dead" && st != "failed") {
            return core::Error::Conflict("only dead or failed jobs can be retried", "state");
        }
        auto upd = c.Exec("UPDATE jobs SET state = 'waiting', attempt = 0, stall_count = 0, ready_at = ?, "
                          "run_at = NULL, finished_at = NULL, lease_token = NULL, lease_until = NULL WHERE id = ?",
                          {now, job_id});
        if (!upd.ok()) {
            if (store::IsUniqueViolation(upd.error())) {
                return core::Error::Conflict("a live job with the same dedupe key exists", "dedupe_key");
            }
            return std::move(upd).error();
        }
        // Children that failed because of this job wait for it again.
        BY_TRY(c.Exec("UPDATE jobs SET state = 'delayed', run_at = NULL, finished_at = NULL, last_error = '' "
                      "WHERE parent_id = ? AND state = 'failed' AND last_error LIKE 'parent_failed%'",
                      {job_id}));
        if (pg()) {
            BY_TRY(c.Query("SELECT pg_notify(?, '')", {config_.name}));
        }
        return core::Ok();
    }));
    notifier_.Notify();
    return core::Ok();
}

core::Result<Job> DbJobQueue::Get(const std::string& job_id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols + " FROM jobs WHERE id = ?", {job_id}));
    if (rows.empty()) {
        return core::Error::NotFound("job not found");
    }
    return RowToJob(rows.rows[0]);
}

core::Result<QueueStats> DbJobQueue::Stats() {
    int64_t now = clock_.NowMs();
    QueueStats s;
    BY_ASSIGN(auto groups, db_.Query("SELECT priority, marketplace, partner_id, state, COUNT(*), MIN(enqueued_at) "
                                     "FROM jobs WHERE state IN ('waiting','delayed','running') GROUP BY priority, "
                                     "marketplace, partner_id, state ORDER BY priority, marketplace, partner_id",
                                     {}));
    std::map<std::tuple<int, std::string, std::string>, DepthRow> depth;
    for (const Row& r : groups.rows) {
        auto key = std::make_tuple(static_cast<int>(r.Int(0)), r.Str(1), r.Str(2));
        DepthRow& d = depth[key];
        d.priority = std::get<0>(key);
        d.marketplace = std::get<1>(key);
        d.partner_id = std::get<2>(key);
        std::string st = r.Str(3);
        int64_t count = r.Int(4);
        if (st == "running") {
            d.running += count;
            s.in_flight += count;
        } else {
            d.waiting += count;
            (st == "waiting" ? s.waiting : s.delayed) += count;
            int64_t age = std::max<int64_t>(0, now - r.Int(5));
            d.oldest_age_ms = std::max(d.oldest_age_ms, age);
            s.oldest_age_ms = std::max(s.oldest_age_ms, age);
        }
    }
    for (auto& [k, d] : depth) {
        s.depth.push_back(d);
    }
    BY_ASSIGN(auto near, db_.Query("SELECT COUNT(*) FROM jobs WHERE state = 'running' AND lease_until < ?",
                                   {now + config_.near_expiry_ms}));
    s.leases_near_expiry = near.rows[0].Int(0);
    BY_ASSIGN(auto dead_n, db_.Query("SELECT COUNT(*) FROM jobs WHERE state IN ('failed','dead')", {}));
    s.dead_count = dead_n.rows[0].Int(0);
    BY_ASSIGN(auto dead, db_.Query(std::string("SELECT ") + kCols +
                                       " FROM jobs WHERE state IN ('failed','dead') ORDER BY finished_at DESC LIMIT ?",
                                   {static_cast<int64_t>(config_.dead_letter_limit)}));
    for (const Row& r : dead.rows) {
        s.dead_letters.push_back(RowToJob(r));
    }
    s.counters = counters_.Snapshot();
    return s;
}

// ---- events ----------------------------------------------------------------------------------------------

core::Result<JobEvent> DbJobQueue::AppendEvent(const std::string& job_id, const std::string& stream,
                                               std::string_view kind, std::string_view payload) {
    if (job_id.empty() || kind.empty()) {
        return core::Error::Invalid("job id and event kind are required");
    }
    JobEvent ev;
    ev.job_id = job_id;
    ev.stream = stream;
    ev.kind = std::string(kind);
    ev.payload = payload.empty() ? std::string("{}") : std::string(payload);
    ev.ts = clock_.NowMs();
    BY_TRY(WriteTx([&](SqlConn& c) -> core::Status {
        if (pg()) {
            // Ids must become visible in id order, or a reader resuming after id N could skip a smaller id
            // committed later: serialise appends (events are a few per stage, not a hot path).
            BY_TRY(c.Query("SELECT pg_advisory_xact_lock(7311001)", {}));
        }
        BY_ASSIGN(auto seq, c.Query("SELECT COALESCE(MAX(seq), 0) + 1 FROM job_events WHERE job_id = ?", {job_id}));
        ev.seq = seq.rows[0].Int(0);
        BY_ASSIGN(auto id, c.Query("INSERT INTO job_events (job_id, stream, seq, ts, kind, payload) VALUES (?, ?, ?, "
                                   "?, ?, ?) RETURNING id",
                                   {ev.job_id, ev.stream, ev.seq, ev.ts, ev.kind, ev.payload}));
        ev.id = id.rows[0].Int(0);
        return core::Ok();
    }));
    return ev;
}

core::Result<std::vector<JobEvent>> DbJobQueue::ReadEvents(const EventQuery& q) {
    int64_t limit = std::clamp(q.limit, 1, 10000);
    core::Result<store::Rows> rows = store::Rows{};
    const char* cols = "SELECT id, job_id, stream, seq, ts, kind, payload FROM job_events WHERE ";
    if (!q.stream.empty()) {
        rows = db_.Query(std::string(cols) + "stream = ? AND id > ? ORDER BY id LIMIT ?", {q.stream, q.after_id, limit});
    } else if (!q.job_ids.empty()) {
        rows = db_.Query(std::string(cols) + InJson(pg(), "job_id") + " AND id > ? ORDER BY id LIMIT ?",
                         {JsonArray(q.job_ids), q.after_id, limit});
    } else {
        return core::Error::Invalid("a stream or job ids are required");
    }
    if (!rows.ok()) {
        return std::move(rows).error();
    }
    std::vector<JobEvent> out;
    out.reserve(rows->size());
    for (const Row& r : rows->rows) {
        out.push_back({r.Int(0), r.Str(1), r.Str(2), r.Int(3), r.Int(4), r.Str(5), r.Str(6)});
    }
    return out;
}

}  // namespace by::queue
