#include "pipeline/orchestrator.hpp"

#include <ctime>

#include "core/ids.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "pipeline/plan.hpp"

namespace by::pipeline {
namespace {

std::string Dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

bool IsTerminalCard(const std::string& s) {
    return s == "live" || s == "rejected" || s == "failed" || s == "needs_attention";
}

nlohmann::json FreshStages() {
    nlohmann::json stages = nlohmann::json::array();
    for (const auto& s : AllStages()) {
        stages.push_back({{"stage", s}, {"status", "pending"}, {"started_at", nullptr}, {"finished_at", nullptr}});
    }
    return stages;
}

}  // namespace

Orchestrator::Orchestrator(store::Store& store, queue::JobQueue& queue, const core::Clock& clock,
                           std::map<std::string, Stage*> stages, OrchestratorOptions options, EnqueueInTx enqueue_in_tx)
    : store_(store),
      queue_(queue),
      clock_(clock),
      stages_(std::move(stages)),
      options_(options),
      enqueue_in_tx_(std::move(enqueue_in_tx)) {}

std::string Orchestrator::PayloadFor(const std::string& request_id, const std::string& card_id, std::string_view stage) {
    return Dump({{"request_id", request_id}, {"card_id", card_id}, {"stage", stage}});
}

int Orchestrator::PriorityOf(const store::RequestRow& r) const {
    auto p = core::ParsePriority(r.priority);
    return p ? queue::PriorityValue(*p) : queue::kPriorityNormal;
}

queue::NewJob Orchestrator::JobFor(const store::RequestRow& request, const std::string& card_id, core::Marketplace* mp,
                                   std::string_view stage, int round) const {
    queue::NewJob j;
    j.kind = std::string(stage);
    j.partner_id = request.partner_id;
    if (mp) {
        j.marketplace = *mp;
        if (stage == kPublish || stage == kModeration) {
            j.rate_key = request.partner_id + ":" + std::string(core::MarketplaceName(*mp));
        }
    }
    j.priority = PriorityOf(request);
    j.payload = PayloadFor(request.id, card_id, stage);
    // The job id is (owner, stage): queuing the same stage twice answers with the first job (Q7).
    j.dedupe_key = (card_id.empty() ? request.id : card_id) + ":" + std::string(stage) +
                   (round > 0 ? ":" + std::to_string(round) : "");
    if (stage == kModeration && round > 0) {
        j.run_at_ms = clock_.NowMs() + options_.moderation_poll_ms;
    }
    return j;
}

core::Status Orchestrator::OnApproved(const store::RequestRow& request, store::SqlConn& conn) {
    int64_t now = clock_.NowMs();
    for (const auto& m : request.marketplaces) {
        store::CardRow c;
        c.id = core::NewId("crd");
        c.request_id = request.id;
        c.partner_id = request.partner_id;
        c.product_id = request.product_id;
        c.marketplace = m;
        c.status = "queued";
        c.stages = FreshStages();
        c.created_at = c.updated_at = now;
        BY_TRY(store_.CreateCard(c, &conn));
    }
    if (enqueue_in_tx_) {
        BY_TRY(enqueue_in_tx_(conn, JobFor(request, "", nullptr, kResearch)));
    }
    return core::Ok();
}

core::Status Orchestrator::AfterApproved(const store::RequestRow& request) {
    if (!enqueue_in_tx_) {
        BY_TRY(queue_.Enqueue(JobFor(request, "", nullptr, kResearch)));
    }
    queue_.NotifyWork();
    obs::Metrics::Global().Inc("by_requests_approved_total");
    return core::Ok();
}

core::Result<nlohmann::json> Orchestrator::Outputs(const std::string& owner_id) {
    BY_ASSIGN(auto rows, store_.db().Query("SELECT stage, output FROM stage_outputs WHERE owner_id = ?", {owner_id}));
    nlohmann::json out = nlohmann::json::object();
    for (const auto& r : rows.rows) {
        out[r.Str(0)] = nlohmann::json::parse(r.Str(1), nullptr, false);
    }
    return out;
}

core::Status Orchestrator::SaveOutput(const std::string& owner_id, std::string_view stage, const nlohmann::json& output) {
    // Upsert: a re-run after a crash overwrites its own earlier output instead of failing.
    BY_TRY(store_.db().Exec(
        "INSERT INTO stage_outputs (owner_id, stage, output, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (owner_id, stage) DO UPDATE SET output = excluded.output, created_at = excluded.created_at",
        {owner_id, std::string(stage), Dump(output), clock_.NowMs()}));
    return core::Ok();
}

void Orchestrator::Event(const std::string& job_id, const std::string& request_id, std::string_view kind,
                         nlohmann::json payload) {
    auto r = queue_.AppendEvent(job_id, request_id, kind, Dump(payload));
    if (!r.ok()) {
        obs::Log(obs::Level::kWarn, "event_append_failed", {{"job_id", job_id}, {"error", r.error().ToString()}});
    }
}

core::Status Orchestrator::MarkStage(const std::vector<store::CardRow>& cards, std::string_view stage,
                                     const std::string& status, const std::string& error, const std::string& job_id) {
    int64_t now = clock_.NowMs();
    const char* lock = store_.db().dialect() == store::Dialect::kPostgres ? " FOR UPDATE" : "";
    for (const store::CardRow& c : cards) {
        std::string card_status;
        // Only the stage list (and queued -> processing) is written, under a row lock, so concurrent
        // jobs touching the same card never overwrite each other's fields.
        BY_TRY(store_.db().Tx([&](store::SqlConn& conn) -> core::Status {
            BY_ASSIGN(auto rows, conn.Query(std::string("SELECT stages, status FROM cards WHERE id = ?") + lock, {c.id}));
            if (rows.empty()) return core::Ok();
            auto stages = nlohmann::json::parse(rows.rows[0].Str(0), nullptr, false);
            if (!stages.is_array()) stages = FreshStages();
            for (auto& s : stages) {
                if (s.value("stage", "") != stage) continue;
                s["status"] = status;
                if (status == "running" && s["started_at"].is_null()) s["started_at"] = now;
                if (status == "done" || status == "failed" || status == "skipped") s["finished_at"] = now;
                if (!error.empty()) {
                    s["error"] = error;
                } else {
                    s.erase("error");
                }
            }
            card_status = rows.rows[0].Str(1);
            if (status == "running" && card_status == "queued") card_status = "processing";
            BY_TRY(conn.Exec("UPDATE cards SET stages = ?, status = ?, updated_at = ? WHERE id = ?",
                             {Dump(stages), card_status, now, c.id}));
            return core::Ok();
        }));
        Event(job_id, c.request_id, "stage",
              {{"card_id", c.id}, {"marketplace", c.marketplace}, {"stage", stage}, {"status", status},
               {"card_status", card_status}});
    }
    return core::Ok();
}

queue::NewJob Orchestrator::NextJob(const store::RequestRow& request, const std::string& card_id, core::Marketplace* mp,
                                    std::string_view stage, int64_t after_ready_at) const {
    queue::NewJob j = JobFor(request, card_id, mp, stage);
    // Depth first: the next step takes its predecessor's place in line, just ahead of it, so a started
    // product is carried through to its published cards before a later product starts. Breadth first,
    // every card waited for every other product's media and publishing began only at the end.
    if (after_ready_at > 0) {
        j.order_at_ms = after_ready_at - 1;
    }
    return j;
}

core::Status Orchestrator::EnqueueNext(const store::RequestRow& request, const std::string& card_id,
                                       std::string_view stage, int64_t after_ready_at) {
    std::string next = NextStage(stage);
    if (IsProductStage(stage)) {
        if (!next.empty()) {
            BY_TRY(queue_.Enqueue(NextJob(request, "", nullptr, next, after_ready_at)));
            return core::Ok();
        }
        // The product-level chain is done: every card starts its own chain.
        BY_ASSIGN(auto cards, store_.ListCardsByRequest(request.id));
        std::vector<queue::NewJob> jobs;
        for (const auto& c : cards) {
            if (IsTerminalCard(c.status)) continue;
            auto mp = core::ParseMarketplace(c.marketplace);
            if (!mp) continue;
            jobs.push_back(NextJob(request, c.id, &*mp, CardStages().front(), after_ready_at));
        }
        if (!jobs.empty()) BY_TRY(queue_.EnqueueMany(jobs));
        return core::Ok();
    }
    if (!next.empty()) {
        BY_ASSIGN(auto card, store_.GetCard(card_id));
        auto mp = core::ParseMarketplace(card.marketplace);
        BY_TRY(queue_.Enqueue(NextJob(request, card_id, mp ? &*mp : nullptr, next, after_ready_at)));
    }
    return core::Ok();
}

core::Status Orchestrator::RunJob(const queue::Job& job) {
    auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object()) {
        return core::Error::Invalid("job payload is not JSON");
    }
    std::string request_id = payload.value("request_id", "");
    std::string card_id = payload.value("card_id", "");
    std::string stage_name = job.kind;
    auto it = stages_.find(stage_name);
    BY_ASSIGN(auto request, store_.GetRequest(request_id));
    BY_ASSIGN(auto product, store_.GetProductAnyPartner(request.product_id));
    BY_ASSIGN(auto cards, store_.ListCardsByRequest(request.id));
    std::vector<store::CardRow> targets;
    std::optional<store::CardRow> card;
    for (const auto& c : cards) {
        if (card_id.empty() ? !IsTerminalCard(c.status) : c.id == card_id) targets.push_back(c);
        if (c.id == card_id) card = c;
    }
    if (!card_id.empty() && !card) {
        return core::Error::Invalid("card " + card_id + " not found");
    }
    if (stage_name == kSync) {
        return RunSync(job, request, product, card);
    }
    if (card && IsTerminalCard(card->status) && stage_name != kModeration) {
        return core::Ok();  // the card ended meanwhile (e.g. failed by a parent stage); nothing to do
    }
    if (request.status == "approved") {
        (void)store_.db().Exec("UPDATE requests SET status = 'processing', updated_at = ? WHERE id = ? AND status = 'approved'",
                               {clock_.NowMs(), request.id});
    }
    std::string owner = card_id.empty() ? request.id : card_id;
    BY_ASSIGN(auto product_outputs, Outputs(request.id));
    nlohmann::json card_outputs = nlohmann::json::object();
    if (!card_id.empty()) {
        BY_ASSIGN(card_outputs, Outputs(card_id));
    }
    // Resume: a stage whose output is stored ran already; only its follow-up may be missing.
    bool stored = card_id.empty() ? product_outputs.contains(stage_name) : card_outputs.contains(stage_name);
    if (stored && stage_name != kModeration) {
        BY_TRY(MarkStage(targets, stage_name, "done", "", job.id));
        return EnqueueNext(request, card_id, stage_name, job.ready_at);
    }
    if (it == stages_.end() || it->second == nullptr) {
        return core::Error::NotBuilt("stage " + stage_name + " not built");
    }
    BY_TRY(MarkStage(targets, stage_name, "running", "", job.id));
    auto started = clock_.MonotonicMs();
    timespec cpu0{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
    StageInput in{request, product, card ? &*card : nullptr, product_outputs, card_outputs, job.id, {}};
    in.finish_other = [this, &stage_name, &job](const std::string& other, const StageOutput& o) {
        return FinishStageFor(other, stage_name, o, job.id, job.ready_at);
    };
    auto result = it->second->Run(in);
    double secs = static_cast<double>(clock_.MonotonicMs() - started) / 1000.0;
    obs::Metrics::Global().Observe("by_stage_duration_seconds", {{"stage", stage_name}}, secs);
    // CPU of this thread in the stage (wall time hides it when workers outnumber cores). Work a stage hands
    // to other threads (the media encoders' pools, Chromium) is not in it.
    timespec cpu1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
    double cpu = static_cast<double>(cpu1.tv_sec - cpu0.tv_sec) + static_cast<double>(cpu1.tv_nsec - cpu0.tv_nsec) / 1e9;
    obs::Metrics::Global().Inc("by_stage_cpu_seconds_total", {{"stage", stage_name}}, cpu);
    obs::Metrics::Global().Inc("by_stage_runs_total", {{"stage", stage_name}});
    obs::Metrics::Global().Inc("by_stage_wall_seconds_total", {{"stage", stage_name}}, secs);
    if (!result.ok()) {
        const core::Error& e = result.error();
        // The card shows the reason now; whether it retries is the queue's call (transient or not).
        BY_TRY(MarkStage(targets, stage_name, e.IsTransient() ? "retrying" : "failed", e.message, job.id));
        return result.error();
    }
    StageOutput& out = *result;
    if (out.repeat_after_ms) {
        // Not finished (moderation pending): the same stage again later, under a new dedupe key.
        int round = job.attempt + static_cast<int>(clock_.NowMs() / 1000 % 1000000);
        auto mp = core::ParseMarketplace(card ? card->marketplace : "");
        queue::NewJob again = JobFor(request, card_id, mp ? &*mp : nullptr, stage_name, round);
        again.run_at_ms = clock_.NowMs() + *out.repeat_after_ms;
        if (!out.output.empty()) {
            // What the stage learnt so far (e.g. WB media already saved): its next round starts from it.
            BY_TRY(SaveOutput(owner, stage_name + ".progress", out.output));
        }
        BY_TRY(queue_.Enqueue(again));
        if (card) {
            BY_TRY(ApplyCardChange(card->id, out.card));
        }
        return core::Ok();
    }
    if (card) {
        return FinishStageFor(card->id, stage_name, out, job.id, job.ready_at);
    }
    BY_TRY(SaveOutput(owner, stage_name, out.output));
    BY_ASSIGN(auto after, store_.ListCardsByRequest(request.id));
    std::vector<store::CardRow> marked;
    for (const auto& c : after) {
        if (!IsTerminalCard(c.status)) marked.push_back(c);
    }
    BY_TRY(MarkStage(marked, stage_name, "done", "", job.id));
    if (!out.stop_chain) {
        BY_TRY(EnqueueNext(request, "", stage_name, job.ready_at));
    }
    return RollUpRequest(request.id);
}

core::Status Orchestrator::FinishStageFor(const std::string& card_id, std::string_view stage, const StageOutput& out,
                                          const std::string& job_id, int64_t after_ready_at) {
    BY_ASSIGN(auto card, store_.GetCard(card_id));
    BY_ASSIGN(auto request, store_.GetRequest(card.request_id));
    BY_TRY(SaveOutput(card_id, stage, out.output));
    // The stage is marked done before the card's status changes: a card seen live (or rejected) never shows
    // its last stage still running (the live status also queues the product's syncs, which takes a moment).
    BY_TRY(MarkStage({card}, stage, out.card_failed ? "failed" : "done", out.card_failed.value_or(""), job_id));
    BY_TRY(ApplyCardChange(card_id, out.card));
    if (out.card_failed) {
        BY_TRY(FailCard(card, *out.card_failed, job_id));
    } else if (!out.stop_chain) {
        BY_TRY(EnqueueNext(request, card_id, stage, after_ready_at));
    }
    if (out.card.status) {
        Event(job_id, request.id, "card", {{"card_id", card_id}, {"status", *out.card.status}});
    }
    return RollUpRequest(request.id);
}

core::Status Orchestrator::ApplyCardChange(const std::string& card_id, const CardChange& ch) {
    std::string sql = "UPDATE cards SET updated_at = ?";
    store::Params params = {clock_.NowMs()};
    auto set = [&](const char* col, store::SqlValue v) {
        sql += std::string(", ") + col + " = ?";
        params.push_back(std::move(v));
    };
    if (ch.status) set("status", *ch.status);
    if (ch.content) set("content", Dump(*ch.content));
    if (ch.images) set("images", Dump(*ch.images));
    if (ch.video) set("video", *ch.video);
    if (ch.quality) set("quality", Dump(*ch.quality));
    if (ch.marketplace_ref) set("marketplace_ref", *ch.marketplace_ref);
    if (ch.moderation) set("moderation", Dump(*ch.moderation));
    if (ch.error) set("error", *ch.error);
    sql += " WHERE id = ?";
    params.emplace_back(card_id);
    BY_TRY(store_.db().Exec(sql, params));
    if (ch.status && (*ch.status == "live" || *ch.status == "rejected" || *ch.status == "needs_attention")) {
        BY_ASSIGN(auto card, store_.GetCard(card_id));
        obs::Metrics::Global().Inc("by_cards_total", {{"marketplace", card.marketplace}, {"outcome", *ch.status}});
        if (*ch.status == "live") {
            // A card on sale needs the stock to sell from, and a new marketplace changes how a low stock
            // is split: every live card of the product gets its figure now.
            BY_TRY(SyncProduct(card.partner_id, card.product_id));
        }
    }
    return core::Ok();
}

core::Status Orchestrator::FailCard(const store::CardRow& card, const std::string& error, const std::string& job_id) {
    BY_TRY(store_.db().Exec("UPDATE cards SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
                            {error, clock_.NowMs(), card.id}));
    obs::Metrics::Global().Inc("by_cards_total", {{"marketplace", card.marketplace}, {"outcome", "failed"}});
    Event(job_id, card.request_id, "card", {{"card_id", card.id}, {"status", "failed"}, {"error", error}});
    return core::Ok();
}

void Orchestrator::OnJobGaveUp(const queue::Job& job, const std::string& reason, bool dead) {
    auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (!payload.is_object()) return;
    std::string request_id = payload.value("request_id", "");
    std::string card_id = payload.value("card_id", "");
    auto cards = store_.ListCardsByRequest(request_id);
    if (!cards.ok()) return;
    if (job.kind == kSync) {
        // The card is on sale whatever a price or stock push did: it stays live, the error is shown on it,
        // and the next change or order pushes the current figures again.
        std::string shown = std::string(dead ? "gave up after retries: " : "") + reason;
        (void)store_.db().Exec("UPDATE cards SET error = ?, updated_at = ? WHERE id = ? AND status = 'live'",
                               {"sync: " + shown, clock_.NowMs(), card_id});
        obs::Metrics::Global().Inc("by_sync_failures_total",
                                   {{"marketplace", job.marketplace ? std::string(core::MarketplaceName(*job.marketplace)) : ""}});
        Event(job.id, request_id, "card_sync_failed", {{"card_id", card_id}, {"error", shown}});
        return;
    }
    std::vector<store::CardRow> hit;
    for (auto c : *cards) {
        bool mine = card_id.empty() ? !IsTerminalCard(c.status) : c.id == card_id;
        // A publish job that dies takes down the cards it had taken into its batch.
        bool in_batch = job.kind == kPublish && c.batch_token == job.id && c.status == "publishing";
        if (mine || in_batch) hit.push_back(c);
    }
    std::string shown = dead ? "gave up after retries: " + reason : reason;
    (void)MarkStage(hit, job.kind, "failed", shown, job.id);
    for (const auto& c : hit) {
        (void)FailCard(c, std::string(job.kind) + ": " + shown, job.id);
    }
    (void)RollUpRequest(request_id);
}

core::Status Orchestrator::RetryJob(const std::string& job_id) {
    BY_ASSIGN(auto job, queue_.Get(job_id));
    if (job.state != queue::JobState::kDead && job.state != queue::JobState::kFailed) {
        return core::Error::Conflict("only failed or dead-lettered jobs can be retried");
    }
    auto payload = nlohmann::json::parse(job.payload, nullptr, false);
    if (payload.is_object()) {
        std::string request_id = payload.value("request_id", "");
        std::string card_id = payload.value("card_id", "");
        std::string sql = "UPDATE cards SET status = 'processing', error = '', updated_at = ? WHERE status = 'failed' AND ";
        sql += card_id.empty() ? "request_id = ?" : "id = ?";
        BY_TRY(store_.db().Exec(sql, {clock_.NowMs(), card_id.empty() ? request_id : card_id}));
        BY_TRY(store_.db().Exec("UPDATE requests SET status = 'processing', updated_at = ? WHERE id = ?",
                                {clock_.NowMs(), request_id}));
    }
    BY_TRY(queue_.Retry(job_id));
    queue_.NotifyWork();
    return core::Ok();
}

core::Status Orchestrator::RunSync(const queue::Job& job, const store::RequestRow& request, const core::Product& product,
                                   const std::optional<store::CardRow>& card) {
    auto it = stages_.find(std::string(kSync));
    if (it == stages_.end() || it->second == nullptr) return core::Error::NotBuilt("stage sync not built");
    if (!card) return core::Error::Invalid("a sync job names no card");
    BY_ASSIGN(auto wanted, store_.db().Query("SELECT sync_wanted FROM cards WHERE id = ?", {card->id}));
    const int64_t serving = wanted.empty() ? 0 : wanted.rows[0].Int(0);
    // Read the product after `serving`: every change counted in it is already written (a change is
    // saved before it bumps sync_wanted), so this job pushes all of them.
    BY_ASSIGN(auto current, store_.GetProduct(product.partner_id, product.id));
    BY_ASSIGN(auto card_outputs, Outputs(card->id));
    const nlohmann::json none = nlohmann::json::object();
    StageInput in{request, current, &*card, none, card_outputs, job.id, {}};
    BY_ASSIGN(auto out, it->second->Run(in));
    // The last sync's figures, for the card's history and the next sync; nothing follows it in the chain.
    BY_TRY(SaveOutput(card->id, kSync, out.output));
    Event(job.id, request.id, "card_synced", {{"card_id", card->id}, {"marketplace", card->marketplace}, {"sync", out.output}});
    // Every change up to `serving` is served (the job read the product after they were made). A change
    // that came while it ran asks for one more job.
    BY_TRY(store_.db().Exec("UPDATE cards SET sync_done = ? WHERE id = ? AND sync_done < ?", {serving, card->id, serving}));
    BY_ASSIGN(auto now, store_.db().Query("SELECT sync_wanted, sync_done FROM cards WHERE id = ?", {card->id}));
    if (!now.empty() && now.rows[0].Int(0) > now.rows[0].Int(1)) {
        BY_TRY(EnqueueSync(request, *card));
    }
    return core::Ok();
}

core::Status Orchestrator::EnqueueSync(const store::RequestRow& request, const store::CardRow& card) {
    BY_ASSIGN(auto done, store_.db().Query("SELECT sync_done FROM cards WHERE id = ?", {card.id}));
    auto mp = core::ParseMarketplace(card.marketplace);
    queue::NewJob j = JobFor(request, card.id, mp ? &*mp : nullptr, kSync, 0);
    // One job per generation: changes made while a job waits are served by it (it reads the product
    // when it runs), so a burst of orders costs one push per card, not one per order.
    j.dedupe_key = card.id + ":sync:" + std::to_string(done.empty() ? 0 : done.rows[0].Int(0));
    j.run_at_ms.reset();
    BY_TRY(queue_.Enqueue(j));
    return core::Ok();
}

core::Status Orchestrator::SyncProduct(const std::string& partner_id, const std::string& product_id) {
    BY_ASSIGN(auto rows, store_.db().Query("SELECT c.id, c.request_id FROM cards c WHERE c.partner_id = ? AND c.product_id = ?"
                                           " AND c.status = 'live'",
                                           {partner_id, product_id}));
    for (const auto& r : rows.rows) {
        BY_ASSIGN(auto request, store_.GetRequest(r.Str(1)));
        BY_ASSIGN(auto card, store_.GetCard(r.Str(0)));
        BY_TRY(store_.db().Exec("UPDATE cards SET sync_wanted = sync_wanted + 1 WHERE id = ?", {card.id}));
        BY_TRY(EnqueueSync(request, card));
    }
    return core::Ok();
}

core::Status Orchestrator::Republish(const std::string& card_id) {
    BY_ASSIGN(auto card, store_.GetCard(card_id));
    BY_ASSIGN(auto request, store_.GetRequest(card.request_id));
    BY_ASSIGN(auto outputs, Outputs(card_id));
    if (!outputs.contains(std::string(kQuality))) {
        return core::Error::Conflict("the card has not reached the publish stage yet");
    }
    if (card.status == "publishing") {
        return core::Error::Conflict("the card is being published right now");
    }
    BY_TRY(store_.db().Exec("DELETE FROM stage_outputs WHERE owner_id = ? AND stage IN ('publish', 'moderation')", {card_id}));
    BY_TRY(store_.db().Exec("UPDATE cards SET status = 'processing', error = '', batch_token = '', updated_at = ? WHERE id = ?",
                            {clock_.NowMs(), card_id}));
    BY_TRY(store_.db().Exec("UPDATE requests SET status = 'processing', updated_at = ? WHERE id = ?",
                            {clock_.NowMs(), request.id}));
    auto mp = core::ParseMarketplace(card.marketplace);
    queue::NewJob j = JobFor(request, card_id, mp ? &*mp : nullptr, kPublish,
                             static_cast<int>(clock_.NowMs() % 1000000000));
    j.run_at_ms.reset();
    BY_TRY(queue_.Enqueue(j));
    return core::Ok();
}

core::Status Orchestrator::RollUpRequest(const std::string& request_id) {
    BY_ASSIGN(auto cards, store_.ListCardsByRequest(request_id));
    if (cards.empty()) return core::Ok();
    bool all_terminal = true, all_live = true;
    for (const auto& c : cards) {
        all_terminal = all_terminal && IsTerminalCard(c.status);
        all_live = all_live && c.status == "live";
    }
    std::string status = !all_terminal ? "processing" : all_live ? "done" : "failed";
    BY_TRY(store_.db().Exec(
        "UPDATE requests SET status = ?, updated_at = ? WHERE id = ? AND status IN ('approved', 'processing', 'done', 'failed')"
        " AND status <> ?",
        {status, clock_.NowMs(), request_id, status}));
    return core::Ok();
}

}  // namespace by::pipeline
