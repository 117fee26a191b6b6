// Research, strategy and card text from a remote TextModel (Anthropic, OpenAI-compatible, Perplexity), each
// with the offline engine behind it. One call = one versioned prompt (data/prompts/) rendered with the
// product's data; the reply must parse and match the prompt's schema and pass the "invent nothing" check
// (every number in it comes from the product's attributes). A malformed reply or a transport error is
// retried once; after that the offline result is used and the fallback is recorded in Generation, which the
// quality report turns into an AI-1 issue.
//
// Structured facts never come from the model: characteristics, category ids and slide texts are the offline
// engine's; the model writes titles, descriptions and bullets, orders selling points and adds keywords.
//
// Thread-safety: holds references to thread-safe collaborators and immutable data; safe for concurrent calls
// when the TextModel is (text_model.hpp requires it).
#pragma once

#include <memory>

#include "ai/catalog.hpp"
#include "ai/engine.hpp"
#include "ai/prompts.hpp"
#include "ai/text_model.hpp"

namespace by::ai {

struct ModelEngineOptions {
    int attempts = 2;  // the first call and one retry (issue 8)
};

class ModelResearcher final : public Researcher {
  public:
    ModelResearcher(TextModel& model, std::shared_ptr<const PromptLibrary> prompts,
                    std::shared_ptr<const CategoryCatalog> catalog, Researcher& fallback, ModelEngineOptions options = {});
    core::Result<Keywords> Research(const core::Product& product) override;

  private:
    TextModel& model_;
    std::shared_ptr<const PromptLibrary> prompts_;
    std::shared_ptr<const CategoryCatalog> catalog_;
    Researcher& fallback_;
    ModelEngineOptions options_;
};

class ModelStrategist final : public Strategist {
  public:
    ModelStrategist(TextModel& model, std::shared_ptr<const PromptLibrary> prompts,
                    std::shared_ptr<const CategoryCatalog> catalog, Strategist& fallback, ModelEngineOptions options = {});
    core::Result<Strategy> Plan(const core::Product& product, const Keywords& keywords) override;

  private:
    TextModel& model_;
    std::shared_ptr<const PromptLibrary> prompts_;
    std::shared_ptr<const CategoryCatalog> catalog_;
    Strategist& fallback_;
    ModelEngineOptions options_;
};

class ModelWriter final : public Writer {
  public:
    // `fallback` also supplies the structured parts (characteristics, category, slides) of every card.
    ModelWriter(TextModel& model, std::shared_ptr<const PromptLibrary> prompts,
                std::shared_ptr<const CategoryCatalog> catalog, Writer& fallback, ModelEngineOptions options = {});
    core::Result<CardContent> Write(const core::Product& product, const Keywords& keywords, const Strategy& strategy,
                                    Marketplace marketplace) override;

  private:
    TextModel& model_;
    std::shared_ptr<const PromptLibrary> prompts_;
    std::shared_ptr<const CategoryCatalog> catalog_;
    Writer& fallback_;
    ModelEngineOptions options_;
};

}  // namespace by::ai
