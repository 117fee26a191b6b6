// The content engine's three steps (research, strategy, card text) as [ai] configures them (docs/ai.md):
// the offline engine alone, or the Model* versions over a remote TextModel with the offline engine behind
// each (model_engine.hpp), research optionally from Perplexity. Used by the pipeline and by `generate`.
//
// API keys are read here, from the environment only (ANTHROPIC_API_KEY, OPENAI_API_KEY,
// PERPLEXITY_API_KEY), straight into wiped-on-destruction buffers; a provider that needs a key and has
// none is a start-up error naming the variable (never its value). An OpenAI-compatible server at a
// base_url other than OpenAI's (Ollama, vLLM, llama.cpp) may run without a key.
// Thread-safety: built once at start-up; the steps are then safe for concurrent calls.
#pragma once

#include <memory>
#include <string>

#include "ai/catalog.hpp"
#include "ai/engine.hpp"
#include "ai/offline_engine.hpp"
#include "ai/text_model.hpp"
#include "app/config.hpp"
#include "core/clock.hpp"
#include "net/http_client.hpp"

namespace by::app {

struct TextEngines {
    net::HttpClientPtr http;                        // set when a remote model is used
    std::unique_ptr<ai::TextModel> model;           // [ai] provider; null when offline
    std::unique_ptr<ai::TextModel> research_model;  // Perplexity when research = "perplexity"
    std::unique_ptr<ai::Researcher> model_researcher;
    std::unique_ptr<ai::Strategist> model_strategist;
    std::unique_ptr<ai::Writer> model_writer;
    // What the stages call: the model-backed step when configured, else the offline engine.
    ai::Researcher* researcher = nullptr;
    ai::Strategist* strategist = nullptr;
    ai::Writer* writer = nullptr;
    std::string summary;  // "research=perplexity/sonar strategy=openai/gpt-4o-mini write=openai/gpt-4o-mini"
};

// `offline` must outlive the result. `clock` paces the HTTP client's retries.
core::Result<std::unique_ptr<TextEngines>> BuildTextEngines(const Config& config, ai::OfflineContentEngine& offline,
                                                            std::shared_ptr<const ai::CategoryCatalog> catalog,
                                                            const core::Clock& clock);

}  // namespace by::app
