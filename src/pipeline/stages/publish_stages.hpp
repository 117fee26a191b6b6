// Publishing: cards waiting for the same partner × marketplace credential go out together, up to the
// marketplace's batch limit (fewer requests per card as the backlog grows), then each card is read back
// until the marketplace puts it live or rejects it.
#pragma once

#include "core/clock.hpp"
#include "notify/notifier.hpp"
#include "pipeline/services.hpp"
#include "pipeline/stage.hpp"
#include "store/store.hpp"

namespace by::pipeline {

class PublishStage final : public Stage {
  public:
    // The longest a card's own publish job waits between looks while another job's batch holds the card.
    static constexpr int64_t kMaxBatchWaitMs = 30'000;
    PublishStage(PublishService& p, store::Store& store, const core::Clock& clock, notify::Notifier* notifier = nullptr)
        : publisher_(p), store_(store), clock_(clock), notifier_(notifier) {}
    std::string_view name() const override { return "publish"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    core::Result<std::vector<store::CardRow>> TakeBatch(const store::CardRow& own, size_t limit, const std::string& token);
    PublishService& publisher_;
    store::Store& store_;
    const core::Clock& clock_;
    notify::Notifier* notifier_;  // may be null: card live / rejected and refused credentials go to Telegram
};

// Polls back a published card until it is live or rejected. The first poll comes after poll_ms, each next
// one 1.5 times later, up to kMaxPollMs: moderation takes seconds in the sandbox and minutes to hours on the
// marketplaces, and a poll every 2 s per card spent WB's content budget (100 a minute per seller) many times
// over once dozens of cards waited.
class ModerationStage final : public Stage {
  public:
    static constexpr int64_t kMaxPollMs = 60'000;
    ModerationStage(PublishService& p, int64_t poll_ms, notify::Notifier* notifier = nullptr)
        : publisher_(p), poll_ms_(poll_ms), notifier_(notifier) {}
    std::string_view name() const override { return "moderation"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    PublishService& publisher_;
    int64_t poll_ms_;
    notify::Notifier* notifier_;
};

// Sync: a live card's price and stock follow the product (PATCH /api/products, orders).
class SyncStage final : public Stage {
  public:
    explicit SyncStage(PublishService& p) : publisher_(p) {}
    std::string_view name() const override { return "sync"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    PublishService& publisher_;
};

nlohmann::json OutcomeJson(const marketplaces::PublishOutcome& o);
marketplaces::PublishOutcome OutcomeFromJson(const nlohmann::json& j);
// The card change an outcome means: moderation, live, rejected (with reasons) or needs attention.
CardChange CardChangeFor(const marketplaces::PublishOutcome& o);

}  // namespace by::pipeline
