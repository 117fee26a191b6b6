// Turns an approved request into cards and runs their stages (ARCHITECTURE §5, GUARANTEES Q9).
//
// OnApproved() creates one card per chosen marketplace and queues the first product-level stage, inside
// the approval's transaction when the queue shares the database (Q8). RunJob() runs one stage of one
// job: it skips a stage whose output is already stored (resume after a crash), stores the output,
// updates the card(s), queues the next stage with a dedupe key (card or request × stage), and only then
// lets the worker complete the job; every step is idempotent, so a crash between any two of them ends
// in the same state. Progress events go to the queue's event log under the request id (Q11).
// Thread-safety: RunJob() is called from many worker threads; all state lives in the store and queue.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "pipeline/stage.hpp"
#include "queue/job_queue.hpp"
#include "store/store.hpp"

namespace by::pipeline {

struct OrchestratorOptions {
    int64_t moderation_poll_ms = 2000;  // how often a card in moderation is read back
    int max_moderation_polls = 1800;    // then the card fails with "moderation timed out"
};

// Queues a job inside an open transaction (db backend); empty for backends that cannot.
using EnqueueInTx = std::function<core::Result<queue::EnqueueResult>(store::SqlConn&, const queue::NewJob&)>;

class Orchestrator {
  public:
    Orchestrator(store::Store& store, queue::JobQueue& queue, const core::Clock& clock,
                 std::map<std::string, Stage*> stages, OrchestratorOptions options, EnqueueInTx enqueue_in_tx);

    // Called inside the approval transaction.
    core::Status OnApproved(const store::RequestRow& request, store::SqlConn& conn);
    // After the approval committed: wakes workers, or queues the first job when it could not be queued
    // inside the transaction (Redis backend).
    core::Status AfterApproved(const store::RequestRow& request);

    // Runs one claimed job. Ok: the worker completes it. An error: the worker fails it (transient errors
    // retry; rate limits delay without an attempt).
    core::Status RunJob(const queue::Job& job);
    // The queue gave up on a job (failed permanently or dead-lettered): its card(s) fail with the reason.
    void OnJobGaveUp(const queue::Job& job, const std::string& reason, bool dead);
    // An admin's retry of a dead-lettered or failed job: its cards go back to processing, the job to waiting.
    core::Status RetryJob(const std::string& job_id);
    // Queues a sync of every live card of the product (its price or stock changed).
    core::Status SyncProduct(const std::string& partner_id, const std::string& product_id);
    // Runs the publish stage of a card again (POST /api/cards/{id}/republish).
    core::Status Republish(const std::string& card_id);
    // Recomputes a request's status from its cards: processing, done (all live) or failed.
    core::Status RollUpRequest(const std::string& request_id);

    static std::string PayloadFor(const std::string& request_id, const std::string& card_id, std::string_view stage);

  private:
    // Queues the card's sync job of the current generation (no-op when one is already waiting).
    core::Status EnqueueSync(const store::RequestRow& request, const store::CardRow& card);
    core::Status RunSync(const queue::Job& job, const store::RequestRow& request, const core::Product& product,
                         const std::optional<store::CardRow>& card);
    queue::NewJob JobFor(const store::RequestRow& request, const std::string& card_id, core::Marketplace* mp,
                         std::string_view stage, int round = 0) const;
    // JobFor, placed in the claim order just ahead of the step it follows (ready at `after_ready_at`;
    // 0 = unknown, plain order): depth first.
    queue::NewJob NextJob(const store::RequestRow& request, const std::string& card_id, core::Marketplace* mp,
                          std::string_view stage, int64_t after_ready_at) const;
    core::Status EnqueueNext(const store::RequestRow& request, const std::string& card_id, std::string_view stage,
                             int64_t after_ready_at);
    core::Status MarkStage(const std::vector<store::CardRow>& cards, std::string_view stage, const std::string& status,
                           const std::string& error, const std::string& job_id);
    core::Result<nlohmann::json> Outputs(const std::string& owner_id);
    core::Status ApplyCardChange(const std::string& card_id, const CardChange& change);
    core::Status FinishStageFor(const std::string& card_id, std::string_view stage, const StageOutput& out,
                                const std::string& job_id, int64_t after_ready_at);
    core::Status FailCard(const store::CardRow& card, const std::string& error, const std::string& job_id);
    core::Status SaveOutput(const std::string& owner_id, std::string_view stage, const nlohmann::json& output);
    void Event(const std::string& job_id, const std::string& request_id, std::string_view kind, nlohmann::json payload);
    int PriorityOf(const store::RequestRow& r) const;

    store::Store& store_;
    queue::JobQueue& queue_;
    const core::Clock& clock_;
    std::map<std::string, Stage*> stages_;
    OrchestratorOptions options_;
    EnqueueInTx enqueue_in_tx_;
};

}  // namespace by::pipeline
