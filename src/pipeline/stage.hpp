// One step of the pipeline behind one interface (research, strategy, content, slides, video, images,
// quality, publish, moderation). A stage reads the product and the outputs of the stages before it and
// returns its own output as JSON; the orchestrator stores that output before queuing the next stage
// (GUARANTEES Q9), so a crash resumes at the first unfinished stage. A stage whose engine is not wired
// fails with Error::NotBuilt ("stage X not built"); it never fakes output.
// Thread-safety: Run() is called from many worker threads at once; stages hold no per-call state.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/product.hpp"
#include "store/store.hpp"

namespace by::pipeline {

struct StageOutput;

struct StageInput {
    const store::RequestRow& request;
    const core::Product& product;
    const store::CardRow* card = nullptr;         // null for product-level stages
    const nlohmann::json& product_outputs;        // {stage: output} of finished product-level stages
    const nlohmann::json& card_outputs;           // {stage: output} of this card's finished stages
    std::string job_id;
    // Finishes this stage for another card of the same request or partner (publish batches): stores its
    // output, applies its card change and queues its next stage, exactly as for the job's own card.
    std::function<core::Status(const std::string& card_id, const StageOutput& out)> finish_other;
};

// What a stage may change on its card besides storing its output.
struct CardChange {
    std::optional<std::string> status;            // "moderation", "live", "rejected", "needs_attention", ...
    std::optional<nlohmann::json> content;
    std::optional<nlohmann::json> images;
    std::optional<std::string> video;
    std::optional<nlohmann::json> quality;
    std::optional<std::string> marketplace_ref;
    std::optional<nlohmann::json> moderation;
    std::optional<std::string> error;
};

struct StageOutput {
    nlohmann::json output = nlohmann::json::object();
    CardChange card;
    // Not finished yet (e.g. moderation still pending): run this stage again after the delay. A non-empty
    // `output` is kept as "<stage>.progress" among the outputs the next round receives.
    std::optional<int64_t> repeat_after_ms;
    // Finished, and the card's chain ends here (rejected, needs attention): no next stage.
    bool stop_chain = false;
    // Finished, but the card failed (e.g. quality under the pass line): the reason shown to the partner.
    std::optional<std::string> card_failed;
};

class Stage {
  public:
    virtual ~Stage() = default;
    virtual std::string_view name() const = 0;
    virtual core::Result<StageOutput> Run(const StageInput& in) = 0;
};

// A stage turned off by configuration (e.g. no video): finishes at once with {"skipped": true}, so the
// stages after it run as usual and find no output of it to use.
class SkippedStage final : public Stage {
  public:
    explicit SkippedStage(std::string name) : name_(std::move(name)) {}
    std::string_view name() const override { return name_; }
    core::Result<StageOutput> Run(const StageInput&) override {
        StageOutput out;
        out.output = {{"skipped", true}};
        return out;
    }

  private:
    std::string name_;
};

}  // namespace by::pipeline
