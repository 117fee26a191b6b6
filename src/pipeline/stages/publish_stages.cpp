#include "pipeline/stages/publish_stages.hpp"

#include <cmath>

#include "pipeline/plan.hpp"

namespace by::pipeline {
namespace {

const char* StateName(marketplaces::PublishState s) {
    switch (s) {
        case marketplaces::PublishState::kSubmitted: return "submitted";
        case marketplaces::PublishState::kModeration: return "moderation";
        case marketplaces::PublishState::kLive: return "live";
        case marketplaces::PublishState::kRejected: return "rejected";
        case marketplaces::PublishState::kNeedsAttention: return "needs_attention";
    }
    return "submitted";
}

marketplaces::PublishState ParseState(const std::string& s) {
    if (s == "moderation") return marketplaces::PublishState::kModeration;
    if (s == "live") return marketplaces::PublishState::kLive;
    if (s == "rejected") return marketplaces::PublishState::kRejected;
    if (s == "needs_attention") return marketplaces::PublishState::kNeedsAttention;
    return marketplaces::PublishState::kSubmitted;
}

std::string JoinReasons(const std::vector<std::string>& reasons) {
    std::string out;
    for (const auto& r : reasons) out += (out.empty() ? "" : "; ") + r;
    return out;
}

}  // namespace

nlohmann::json OutcomeJson(const marketplaces::PublishOutcome& o) {
    return {{"card_id", o.card_id},   {"state", StateName(o.state)},       {"marketplace_ref", o.marketplace_ref},
            {"task_ref", o.task_ref}, {"reasons", o.reasons},              {"public_url", o.public_url},
            {"created", o.created},   {"screenshot_asset", o.screenshot_asset}};
}

marketplaces::PublishOutcome OutcomeFromJson(const nlohmann::json& j) {
    marketplaces::PublishOutcome o;
    o.card_id = j.value("card_id", "");
    o.state = ParseState(j.value("state", ""));
    o.marketplace_ref = j.value("marketplace_ref", "");
    o.task_ref = j.value("task_ref", "");
    o.reasons = j.value("reasons", std::vector<std::string>{});
    o.public_url = j.value("public_url", "");
    o.created = j.value("created", false);
    o.screenshot_asset = j.value("screenshot_asset", "");
    return o;
}

CardChange CardChangeFor(const marketplaces::PublishOutcome& o) {
    CardChange ch;
    ch.marketplace_ref = o.marketplace_ref;
    ch.moderation = nlohmann::json{{"state", StateName(o.state)}, {"reasons", o.reasons}, {"url", o.public_url},
                                   {"screenshot_asset", o.screenshot_asset}};
    switch (o.state) {
        case marketplaces::PublishState::kLive: ch.status = "live"; break;
        case marketplaces::PublishState::kRejected:
            ch.status = "rejected";
            ch.error = "rejected by the marketplace: " + JoinReasons(o.reasons);
            break;
        case marketplaces::PublishState::kNeedsAttention:
            ch.status = "needs_attention";
            ch.error = JoinReasons(o.reasons);
            break;
        default: ch.status = "moderation";
    }
    return ch;
}

core::Result<std::vector<store::CardRow>> PublishStage::TakeBatch(const store::CardRow& own, size_t limit,
                                                                  const std::string& token) {
    std::vector<std::string> ids;
    bool pg = store_.db().dialect() == store::Dialect::kPostgres;
    BY_TRY(store_.db().Tx([&](store::SqlConn& c) -> core::Status {
        // First the cards this job took before a crash or an earlier round (same token): they are published
        // again (idempotent by SKU). Read without SKIP LOCKED: a card of ours whose row another transaction
        // holds for a moment (its own job marking a stage) must wait to be included, never be skipped and
        // left in `publishing` by a job that finished without it.
        BY_ASSIGN(auto taken, c.Query(std::string("SELECT id FROM cards WHERE partner_id = ? AND marketplace = ? AND"
                                                  " status = 'publishing' AND batch_token = ?"
                                                  " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, ready_at, id") +
                                          (pg ? " FOR UPDATE" : ""),
                                      {own.partner_id, own.marketplace, token, own.id}));
        for (const auto& r : taken.rows) ids.push_back(r.Str(0));
        bool own_taken = !ids.empty() && ids.front() == own.id;
        if (ids.size() >= limit) return core::Ok();
        // Then new cards of this partner × marketplace that are ready, oldest first (the job's own card
        // leads): ready also means "passed the quality check, its publish job still waiting for a worker";
        // under a backlog that is most of them, and taking them here lets one request carry up to the limit.
        BY_ASSIGN(auto rows, c.Query(std::string("SELECT id FROM cards WHERE partner_id = ? AND marketplace = ? AND"
                                                 " (status = 'publish_ready' OR (status IN ('queued', 'processing') AND"
                                                 " EXISTS (SELECT 1 FROM stage_outputs s WHERE s.owner_id = cards.id AND"
                                                 " s.stage = 'quality')))"
                                                 " ORDER BY CASE WHEN id = ? THEN 0 ELSE 1 END, ready_at, id LIMIT ?") +
                                         (pg ? " FOR UPDATE SKIP LOCKED" : ""),
                                     {own.partner_id, own.marketplace, own.id, static_cast<int64_t>(limit - ids.size())}));
        // The job's own card leads its batch; when another job has it, this one takes nothing new (a batch
        // taken without its own card would be left in `publishing` by a job that does not publish it).
        if (!own_taken && (rows.rows.empty() || rows.rows[0].Str(0) != own.id)) {
            ids.clear();
            return core::Ok();
        }
        for (const auto& r : rows.rows) {
            BY_TRY(c.Exec("UPDATE cards SET status = 'publishing', batch_token = ? WHERE id = ?", {token, r.Str(0)}));
            ids.push_back(r.Str(0));
        }
        return core::Ok();
    }));
    std::vector<store::CardRow> cards;
    for (const auto& id : ids) {
        BY_ASSIGN(auto card, store_.GetCard(id));
        cards.push_back(std::move(card));
    }
    return cards;
}

core::Result<StageOutput> PublishStage::Run(const StageInput& in) {
    const store::CardRow& own = *in.card;
    auto mp = core::ParseMarketplace(own.marketplace);
    if (!mp) return core::Error::Invalid("unknown marketplace " + own.marketplace);
    BY_TRY(store_.db().Exec(
        "UPDATE cards SET status = 'publish_ready', ready_at = ? WHERE id = ? AND status IN ('queued', 'processing')",
        {clock_.NowMs(), own.id}));
    BY_ASSIGN(auto batch, TakeBatch(own, publisher_.BatchLimit(*mp), in.job_id));
    bool mine = false;
    for (const auto& c : batch) mine = mine || c.id == own.id;
    if (!mine) {
        // Another publish job took this card into its batch; that job finishes it.
        BY_ASSIGN(auto now, store_.GetCard(own.id));
        if (now.status == "publishing" || now.status == "publish_ready") {
            // That job stores this card's outcome and queues its next stage; this one only closes the card's
            // publish later, or takes the card back if that job died (its lease ends within 30 s). Looking
            // again 1, 2, 4 … 30 s later keeps a backlog of batched cards from re-running every second (in
            // the 2,000-card bench such waits took most of a core while 300 Uzum cards were in batches).
            const nlohmann::json none = nlohmann::json::object();
            int waits = in.card_outputs.value("publish.progress", none).value("waits", 0);
            StageOutput wait;
            wait.repeat_after_ms = std::min<int64_t>(kMaxBatchWaitMs, int64_t{1000} << std::min(waits, 5));
            wait.output = {{"waits", waits + 1}};
            return wait;
        }
        StageOutput done;
        done.output = {{"published_in_batch_of", now.batch_token}};
        done.stop_chain = true;
        // That job stored this card's outcome already (the moderation stage reads its marketplace_ref from
        // it); finishing with anything else would overwrite it. Keep it.
        BY_ASSIGN(auto stored, store_.db().Query("SELECT output FROM stage_outputs WHERE owner_id = ? AND stage = 'publish'",
                                                 {own.id}));
        if (!stored.rows.empty()) {
            auto kept = nlohmann::json::parse(stored.rows[0].Str(0), nullptr, false);
            if (kept.is_object()) done.output = std::move(kept);
        }
        return done;
    }
    std::vector<CardToPublish> items;
    for (const auto& c : batch) {
        BY_ASSIGN(auto product, store_.GetProductAnyPartner(c.product_id));
        items.push_back({c, std::move(product)});
    }
    auto published = publisher_.Publish(own.partner_id, *mp, items, in.job_id);
    if (!published.ok() && published.error().code == core::ErrorCode::kRateLimited) {
        // Not now (a busy browser, a spent bucket): give the cards back, so the next publish of this seller
        // takes them all in one batch. Kept, every waiting job held a card or two, and each made its own
        // batch and cabinet login later. Whatever the call made before it stopped is found by SKU next time.
        BY_TRY(store_.db().Exec("UPDATE cards SET status = 'publish_ready', batch_token = '' WHERE batch_token = ? AND"
                                " status = 'publishing'",
                                {in.job_id}));
    }
    if (!published.ok() && notifier_) notifier_->CallFailed(own.partner_id, *mp, published.error());
    BY_ASSIGN(auto outcomes, std::move(published));
    if (outcomes.size() != items.size()) {
        return core::Error::Internal("adapter returned " + std::to_string(outcomes.size()) + " outcomes for " +
                                     std::to_string(items.size()) + " cards");
    }
    StageOutput own_out;
    for (size_t i = 0; i < items.size(); ++i) {
        StageOutput out;
        out.output = OutcomeJson(outcomes[i]);
        out.output["batch_size"] = items.size();
        out.card = CardChangeFor(outcomes[i]);
        if (notifier_) notifier_->CardOutcome(items[i].card, items[i].product, outcomes[i]);
        out.stop_chain = outcomes[i].state == marketplaces::PublishState::kRejected ||
                         outcomes[i].state == marketplaces::PublishState::kNeedsAttention;
        if (items[i].card.id == own.id) {
            own_out = std::move(out);
        } else if (in.finish_other) {
            BY_TRY(in.finish_other(items[i].card.id, out));
        }
    }
    return own_out;
}

core::Result<StageOutput> ModerationStage::Run(const StageInput& in) {
    auto mp = core::ParseMarketplace(in.card->marketplace);
    if (!mp) return core::Error::Invalid("unknown marketplace " + in.card->marketplace);
    StageOutput out;
    if (in.card->status == "live" || in.card->status == "rejected" || in.card->status == "needs_attention") {
        out.output = {{"state", in.card->status}};
        return out;
    }
    // The last round's outcome when there was one (it carries what the adapter already did), else publish's.
    const nlohmann::json& last = in.card_outputs.contains("moderation.progress") ? in.card_outputs["moderation.progress"]
                                                                                 : in.card_outputs.value("publish", nlohmann::json::object());
    auto submitted = OutcomeFromJson(last);
    submitted.card_id = in.card->id;
    auto polled_r = publisher_.Poll(in.card->partner_id, *mp, {submitted}, in.job_id);
    if (!polled_r.ok() && notifier_) notifier_->CallFailed(in.card->partner_id, *mp, polled_r.error());
    BY_ASSIGN(auto polled, std::move(polled_r));
    if (polled.empty()) return core::Error::Internal("no moderation outcome");
    const auto& o = polled.front();
    out.card = CardChangeFor(o);
    if (notifier_) notifier_->CardOutcome(*in.card, in.product, o);
    if (o.state == marketplaces::PublishState::kSubmitted || o.state == marketplaces::PublishState::kModeration) {
        int polls = last.value("polls", 0);
        out.repeat_after_ms = std::min<int64_t>(kMaxPollMs, static_cast<int64_t>(poll_ms_ * std::pow(1.5, polls)));
        out.output = OutcomeJson(o);
        out.output["polls"] = polls + 1;
        return out;
    }
    out.output = OutcomeJson(o);
    return out;
}

core::Result<StageOutput> SyncStage::Run(const StageInput& in) {
    StageOutput out;
    if (in.card->status != "live" || in.card->marketplace_ref.empty()) {
        out.output = {{"skipped", "the card is not live"}};
        return out;
    }
    const std::string key(kSync);
    const nlohmann::json none = nlohmann::json::object();
    BY_ASSIGN(out.output, publisher_.Sync(*in.card, in.product,
                                          in.card_outputs.contains(key) ? in.card_outputs[key] : none, in.job_id));
    return out;
}

}  // namespace by::pipeline
