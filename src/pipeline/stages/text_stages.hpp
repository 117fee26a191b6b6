// Stages backed by the content engine: research, strategy, content (product-level) and quality (per card).
#pragma once

#include "ai/engine.hpp"
#include "ai/quality.hpp"
#include "pipeline/stage.hpp"

namespace by::pipeline {

class ResearchStage final : public Stage {
  public:
    explicit ResearchStage(ai::Researcher& r) : researcher_(r) {}
    std::string_view name() const override { return "research"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    ai::Researcher& researcher_;
};

class StrategyStage final : public Stage {
  public:
    explicit StrategyStage(ai::Strategist& s) : strategist_(s) {}
    std::string_view name() const override { return "strategy"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    ai::Strategist& strategist_;
};

// Writes one card text per chosen marketplace, each within that marketplace's limits.
class ContentStage final : public Stage {
  public:
    explicit ContentStage(ai::Writer& w) : writer_(w) {}
    std::string_view name() const override { return "content"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    ai::Writer& writer_;
};

// The marketplace's text and characteristic rules plus the SEO score; under the pass line the card is
// not published and the partner sees why.
class QualityStage final : public Stage {
  public:
    explicit QualityStage(const ai::QualityChecker& q) : checker_(q) {}
    std::string_view name() const override { return "quality"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    const ai::QualityChecker& checker_;
};

}  // namespace by::pipeline
