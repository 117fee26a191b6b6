#include "queue/redis/redis_job_queue.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/ids.hpp"
#include "queue/redis/redis_pool.hpp"
#include "queue/redis/scripts.hpp"

namespace by::queue {
namespace {

RedisScript JobScript(std::string_view body) { return RedisScript(std::string(lua::kPrelude) + std::string(body)); }

const RedisScript& EnqueueScript() { static const RedisScript s = JobScript(lua::kEnqueue); return s; }
const RedisScript& ClaimScript() { static const RedisScript s = JobScript(lua::kClaim); return s; }
const RedisScript& HeartbeatScript() { static const RedisScript s = JobScript(lua::kHeartbeat); return s; }
const RedisScript& CompleteScript() { static const RedisScript s = JobScript(lua::kComplete); return s; }
const RedisScript& FailScript() { static const RedisScript s = JobScript(lua::kFail); return s; }
const RedisScript& RateLimitedScript() { static const RedisScript s = JobScript(lua::kRateLimited); return s; }
const RedisScript& ReleaseScript() { static const RedisScript s = JobScript(lua::kRelease); return s; }
const RedisScript& ReapScript() { static const RedisScript s = JobScript(lua::kReap); return s; }
const RedisScript& RetryScript() { static const RedisScript s = JobScript(lua::kRetry); return s; }
const RedisScript& AppendEventScript() { static const RedisScript s = JobScript(lua::kAppendEvent); return s; }
const RedisScript& StatsScript() { static const RedisScript s = JobScript(lua::kStats); return s; }
const RedisScript& TokenBucketScript() { static const RedisScript s{std::string(lua::kTokenBucket)}; return s; }

constexpr int kReapBatch = 64;

core::Error Lost() { return core::Error::LeaseLost("the lease expired and the job was taken over"); }

// Script errors carry a code word: BYINVALID, BYNOTFOUND, BYCONFLICT.
core::Error MapScriptError(core::Error e) {
    auto msg_after = [&](const char* code) {
        auto p = e.context.find(code);
        std::string m = e.context.substr(p + std::string(code).size());
        while (!m.empty() && m.front() == ' ') m.erase(m.begin());
        auto paren = m.find(" script:");
        return paren == std::string::npos ? m : m.substr(0, paren);
    };
    if (e.context.find("BYINVALID") != std::string::npos) return core::Error::Invalid(msg_after("BYINVALID"));
    if (e.context.find("BYNOTFOUND") != std::string::npos) return core::Error::NotFound(msg_after("BYNOTFOUND"));
    if (e.context.find("BYCONFLICT") != std::string::npos) return core::Error::Conflict(msg_after("BYCONFLICT"));
    return e;
}

template <typename T>
core::Result<T> Mapped(core::Result<T> r) {
    if (!r.ok()) return MapScriptError(std::move(r).error());
    return r;
}

int64_t ToInt(const std::string& s) { return s.empty() ? 0 : std::strtoll(s.c_str(), nullptr, 10); }

Job ParseJob(const RedisValue& flat) {
    std::map<std::string, std::string> f;
    for (size_t i = 0; i + 1 < flat.elements.size(); i += 2) {
        f[flat.elements[i].Text()] = flat.elements[i + 1].Text();
    }
    Job j;
    j.id = f["id"];
    j.kind = f["kind"];
    j.partner_id = f["partner"];
    if (!f["mp"].empty()) j.marketplace = core::ParseMarketplace(f["mp"]);
    j.rate_key = f["rate"];
    j.priority = static_cast<int>(ToInt(f["prio"]));
    j.payload = f["payload"];
    j.dedupe_key = f["dedupe"];
    j.parent_id = f["parent"];
    j.state = ParseJobState(f["state"]).value_or(JobState::kWaiting);
    j.enqueued_at = ToInt(f["enq"]);
    j.ready_at = ToInt(f["ready"]);
    j.run_at = ToInt(f["run"]);
    j.attempt = static_cast<int>(ToInt(f["attempt"]));
    j.stall_count = static_cast<int>(ToInt(f["stalls"]));
    j.max_attempts = static_cast<int>(ToInt(f["maxa"]));
    j.lease_token = f["token"];
    j.lease_until = ToInt(f["until"]);
    j.worker_id = f["worker"];
    j.started_at = ToInt(f["started"]);
    j.finished_at = ToInt(f["finished"]);
    j.last_error = f["err"];
    j.result = f["result"];
    return j;
}

core::Result<JobEvent> ParseEvent(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return core::Error::Internal("bad event record in Redis", text);
    JobEvent e;
    auto num = [&](const char* k) -> int64_t {
        const auto& v = j[k];
        if (v.is_number()) return v.get<int64_t>();
        if (v.is_string()) return ToInt(v.get<std::string>());
        return 0;
    };
    e.id = num("id");
    e.seq = num("seq");
    e.ts = num("ts");
    e.job_id = j.value("job", "");
    e.stream = j.value("stream", "");
    e.kind = j.value("kind", "");
    e.payload = j.value("payload", "");
    return e;
}

bool ValidName(const std::string& s) { return s.find('\x1f') == std::string::npos && s.find(',') == std::string::npos; }

}  // namespace

RedisJobQueue::RedisJobQueue(std::shared_ptr<RedisPool> pool, const core::Clock& clock, Rng& rng, QueueConfig config)
    : pool_(std::move(pool)), clock_(clock), rng_(rng), config_(std::move(config)), prefix_(config_.name + ":") {}

RedisJobQueue::~RedisJobQueue() { subscriber_.reset(); }

core::Result<std::unique_ptr<RedisJobQueue>> RedisJobQueue::Open(const std::string& url, const core::Clock& clock,
                                                                 Rng& rng, QueueConfig config, int pool_size,
                                                                 bool subscribe) {
    BY_ASSIGN(auto pool, RedisPool::Open(url, pool_size));
    std::unique_ptr<RedisJobQueue> q(new RedisJobQueue(std::move(pool), clock, rng, std::move(config)));
    if (subscribe) {
        RedisJobQueue* self = q.get();
        q->subscriber_ = std::make_unique<RedisSubscriber>(q->pool_->endpoint(), q->prefix_ + "wake",
                                                           [self] { self->notifier_.Notify(); });
    }
    return q;
}

std::vector<std::string> RedisJobQueue::Args(std::initializer_list<std::string> rest) const {
    std::vector<std::string> a{prefix_, std::to_string(clock_.NowMs())};
    a.insert(a.end(), rest.begin(), rest.end());
    return a;
}

double RedisJobQueue::Uniform() { return static_cast<double>(rng_.Next() >> 11) * 0x1.0p-53; }

void RedisJobQueue::WaitForWork(int64_t max_wait_ms) { notifier_.Wait(max_wait_ms); }
void RedisJobQueue::NotifyWork() { notifier_.Notify(); }

core::Result<EnqueueResult> RedisJobQueue::Enqueue(const NewJob& job) {
    BY_ASSIGN(auto all, EnqueueMany({job}));
    return all.at(0);
}

core::Result<std::vector<EnqueueResult>> RedisJobQueue::EnqueueMany(const std::vector<NewJob>& jobs) {
    std::vector<std::vector<std::string>> calls;
    calls.reserve(jobs.size());
    for (const NewJob& j : jobs) {
        if (j.kind.empty()) return core::Error::Invalid("job kind is required", "kind");
        int priority = j.priority.value_or(kPriorityNormal);
        if (priority < 0 || priority > kMaxPriority) return core::Error::Invalid("priority is 0..9", "priority");
        if (!ValidName(j.kind) || !ValidName(j.partner_id)) {
            return core::Error::Invalid("kind and partner must not contain ',' or control characters");
        }
        std::string mp = j.marketplace ? std::string(core::MarketplaceName(*j.marketplace)) : std::string();
        calls.push_back(Args({core::NewId("job"), j.kind, j.partner_id, mp, j.rate_key, std::to_string(priority),
                              j.payload.empty() ? std::string("{}") : j.payload, j.dedupe_key, j.parent_id,
                              std::to_string(j.run_at_ms.value_or(0)),
                              std::to_string(j.max_attempts > 0 ? j.max_attempts : config_.max_attempts),
                              std::to_string(j.order_at_ms.value_or(0))}));
    }
    BY_ASSIGN(auto replies, Mapped(pool_->EvalMany(EnqueueScript(), calls)));
    std::vector<EnqueueResult> out;
    bool wake = false;
    for (const RedisValue& r : replies) {
        if (r.elements.size() < 2) return core::Error::Internal("unexpected enqueue reply");
        out.push_back({r.elements[0].Text(), r.elements[1].Int() == 1});
        wake |= out.back().created;
    }
    if (wake) notifier_.Notify();
    return out;
}

core::Result<std::vector<Job>> RedisJobQueue::Claim(const ClaimRequest& request) {
    std::string kinds;
    for (const auto& k : request.kinds) {
        if (!kinds.empty()) kinds += ',';
        kinds += k;
    }
    int n = std::clamp(request.max_jobs, 1, 1000);
    BY_ASSIGN(auto reply, pool_->Eval(ClaimScript(), Args({std::to_string(n), std::to_string(config_.lease_ms),
                                                           request.worker_id, core::RandomHex(12),
                                                           std::to_string(config_.aging_step_ms), kinds})));
    std::vector<Job> out;
    out.reserve(reply.elements.size());
    for (const RedisValue& flat : reply.elements) out.push_back(ParseJob(flat));
    counters_.claimed += static_cast<int64_t>(out.size());
    return out;
}

core::Result<int64_t> RedisJobQueue::Heartbeat(const Lease& lease) {
    BY_ASSIGN(auto r, pool_->Eval(HeartbeatScript(), Args({lease.job_id, lease.token, std::to_string(config_.lease_ms)})));
    if (r.Int() == 0) return Lost();
    return r.Int();
}

core::Status RedisJobQueue::Complete(const Lease& lease, std::string_view result) {
    BY_ASSIGN(auto r, pool_->Eval(CompleteScript(), Args({lease.job_id, lease.token,
                                                          std::string(result.empty() ? "{}" : result),
                                                          std::to_string(config_.dedupe_ttl_ms)})));
    if (r.Int() == 0) return Lost();
    ++counters_.completed;
    return core::Ok();
}

core::Result<FailOutcome> RedisJobQueue::Fail(const Lease& lease, std::string_view error, bool transient) {
    char u[32];
    std::snprintf(u, sizeof u, "%.17g", Uniform());
    BY_ASSIGN(auto r, pool_->Eval(FailScript(), Args({lease.job_id, lease.token, std::string(error), transient ? "1" : "0",
                                                      u, std::to_string(config_.backoff_base_ms),
                                                      std::to_string(config_.backoff_cap_ms)})));
    if (r.elements.empty() || r.elements[0].Int() == 0) return Lost();
    FailOutcome out;
    out.state = ParseJobState(r.elements.at(1).Text()).value_or(JobState::kFailed);
    out.run_at = r.elements.at(2).Int();
    ++counters_.failed;
    return out;
}

core::Result<int64_t> RedisJobQueue::RateLimited(const Lease& lease, int64_t retry_after_ms) {
    BY_ASSIGN(auto r, pool_->Eval(RateLimitedScript(), Args({lease.job_id, lease.token,
                                                             std::to_string(std::max<int64_t>(retry_after_ms, 0))})));
    if (r.Int() == 0) return Lost();
    ++counters_.rate_limited;
    return r.Int();
}

core::Status RedisJobQueue::Release(const Lease& lease) {
    BY_ASSIGN(auto r, pool_->Eval(ReleaseScript(), Args({lease.job_id, lease.token})));
    if (r.Int() == 0) return Lost();
    ++counters_.released;
    notifier_.Notify();
    return core::Ok();
}

core::Result<ReapReport> RedisJobQueue::ReapExpired() {
    ReapReport report;
    for (int round = 0; round < 100; ++round) {
        std::vector<std::string> args = Args({std::to_string(config_.max_stalls), std::to_string(config_.backoff_base_ms),
                                              std::to_string(config_.backoff_cap_ms),
                                              std::to_string(config_.completed_retention_ms)});
        for (int i = 0; i < kReapBatch; ++i) {
            char u[32];
            std::snprintf(u, sizeof u, "%.17g", Uniform());
            args.emplace_back(u);
        }
        BY_ASSIGN(auto r, pool_->Eval(ReapScript(), args));
        if (r.elements.size() < 4) return core::Error::Internal("unexpected reap reply");
        report.reclaimed += static_cast<int>(r.elements[0].Int());
        report.dead += static_cast<int>(r.elements[1].Int());
        report.purged += static_cast<int>(r.elements[2].Int());
        if (r.elements[3].Int() < kReapBatch) break;
    }
    counters_.reclaimed += report.reclaimed + report.dead;
    return report;
}

core::Status RedisJobQueue::Retry(const std::string& job_id) {
    BY_TRY(Mapped(pool_->Eval(RetryScript(), Args({job_id}))));
    notifier_.Notify();
    return core::Ok();
}

core::Result<Job> RedisJobQueue::Get(const std::string& job_id) {
    BY_ASSIGN(auto r, pool_->Command({"HGETALL", prefix_ + "job:" + job_id}));
    if (r.elements.empty()) return core::Error::NotFound("job not found");
    return ParseJob(r);
}

core::Result<QueueStats> RedisJobQueue::Stats() {
    int64_t now = clock_.NowMs();
    BY_ASSIGN(auto r, pool_->Eval(StatsScript(), {prefix_, std::to_string(now), std::to_string(config_.near_expiry_ms),
                                                  std::to_string(config_.dead_letter_limit)}));
    if (r.elements.size() < 7) return core::Error::Internal("unexpected stats reply");
    QueueStats s;
    s.waiting = r.elements[0].Int();
    s.delayed = r.elements[1].Int();
    s.in_flight = r.elements[2].Int();
    s.leases_near_expiry = r.elements[3].Int();
    s.dead_count = r.elements[4].Int();
    for (const RedisValue& row : r.elements[5].elements) {
        DepthRow d;
        d.priority = static_cast<int>(row.elements.at(0).Int());
        d.marketplace = row.elements.at(1).Text();
        d.partner_id = row.elements.at(2).Text();
        d.waiting = row.elements.at(3).Int();
        d.running = row.elements.at(4).Int();
        int64_t oldest = row.elements.at(5).Int();
        d.oldest_age_ms = d.waiting > 0 ? std::max<int64_t>(0, now - oldest) : 0;
        s.oldest_age_ms = std::max(s.oldest_age_ms, d.oldest_age_ms);
        s.depth.push_back(std::move(d));
    }
    std::sort(s.depth.begin(), s.depth.end(), [](const DepthRow& a, const DepthRow& b) {
        return std::tie(a.priority, a.marketplace, a.partner_id) < std::tie(b.priority, b.marketplace, b.partner_id);
    });
    std::vector<std::vector<std::string>> gets;
    for (const RedisValue& id : r.elements[6].elements) gets.push_back({"HGETALL", prefix_ + "job:" + id.Text()});
    if (!gets.empty()) {
        BY_ASSIGN(auto jobs, pool_->Pipeline(gets));
        for (const RedisValue& j : jobs) {
            if (!j.elements.empty()) s.dead_letters.push_back(ParseJob(j));
        }
    }
    s.counters = counters_.Snapshot();
    return s;
}

core::Result<JobEvent> RedisJobQueue::AppendEvent(const std::string& job_id, const std::string& stream,
                                                  std::string_view kind, std::string_view payload) {
    if (job_id.empty() || kind.empty()) return core::Error::Invalid("job id and event kind are required");
    JobEvent ev;
    ev.job_id = job_id;
    ev.stream = stream;
    ev.kind = std::string(kind);
    ev.payload = payload.empty() ? std::string("{}") : std::string(payload);
    ev.ts = clock_.NowMs();
    BY_ASSIGN(auto r, pool_->Eval(AppendEventScript(),
                                  {prefix_, std::to_string(ev.ts), job_id, stream, ev.kind, ev.payload}));
    ev.id = r.elements.at(0).Int();
    ev.seq = r.elements.at(1).Int();
    return ev;
}

core::Result<std::vector<JobEvent>> RedisJobQueue::ReadEvents(const EventQuery& q) {
    int limit = std::clamp(q.limit, 1, 10000);
    std::vector<std::string> keys;
    if (!q.stream.empty()) {
        keys.push_back(prefix_ + "ev:s:" + q.stream);
    } else {
        for (const auto& id : q.job_ids) keys.push_back(prefix_ + "ev:j:" + id);
    }
    if (keys.empty()) return core::Error::Invalid("a stream or job ids are required");
    std::vector<std::vector<std::string>> cmds;
    for (const auto& k : keys) {
        cmds.push_back({"ZRANGEBYSCORE", k, "(" + std::to_string(q.after_id), "+inf", "LIMIT", "0",
                        std::to_string(limit)});
    }
    BY_ASSIGN(auto replies, pool_->Pipeline(cmds));
    std::vector<JobEvent> out;
    for (const RedisValue& r : replies) {
        for (const RedisValue& e : r.elements) {
            BY_ASSIGN(auto ev, ParseEvent(e.Text()));
            out.push_back(std::move(ev));
        }
    }
    std::sort(out.begin(), out.end(), [](const JobEvent& a, const JobEvent& b) { return a.id < b.id; });
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<size_t>(limit));
    return out;
}

core::Status RedisJobQueue::DeleteAll() {
    std::string cursor = "0";
    do {
        BY_ASSIGN(auto r, pool_->Command({"SCAN", cursor, "MATCH", prefix_ + "*", "COUNT", "1000"}));
        if (r.elements.size() < 2) return core::Error::Internal("unexpected SCAN reply");
        cursor = r.elements[0].Text();
        std::vector<std::string> del{"DEL"};
        for (const RedisValue& k : r.elements[1].elements) del.push_back(k.Text());
        if (del.size() > 1) BY_TRY(pool_->Command(del));
    } while (cursor != "0");
    return core::Ok();
}

// ---- rate limiter -----------------------------------------------------------------------------------------

RedisRateLimiter::RedisRateLimiter(std::shared_ptr<RedisPool> pool, const core::Clock& clock, std::string prefix)
    : pool_(std::move(pool)), clock_(clock), prefix_(std::move(prefix)) {}

core::Result<Acquisition> RedisRateLimiter::Run(const std::string& key, const BucketSpec& spec, double cost, bool block,
                                                int64_t until_ms) {
    char rate[32], burst[32], c[32];
    std::snprintf(rate, sizeof rate, "%.17g", spec.rate_per_sec);
    std::snprintf(burst, sizeof burst, "%.17g", spec.burst);
    std::snprintf(c, sizeof c, "%.17g", cost);
    BY_ASSIGN(auto r, pool_->Eval(TokenBucketScript(), {prefix_ + key, std::to_string(clock_.NowMs()), rate, burst, c,
                                                        block ? "block" : "acquire", std::to_string(until_ms)}));
    if (r.elements.size() < 2) return core::Error::Internal("unexpected token bucket reply");
    return Acquisition{r.elements[0].Int() == 1, r.elements[1].Int()};
}

core::Result<Acquisition> RedisRateLimiter::Acquire(const std::string& key, const BucketSpec& spec, double cost) {
    return Run(key, spec, cost, false, 0);
}

core::Status RedisRateLimiter::Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) {
    BY_TRY(Run(key, spec, 0, true, until_ms));
    return core::Ok();
}

}  // namespace by::queue
