// Perplexity for research (ARCHITECTURE §2: Researcher = offline | perplexity | model). Its API is an
// OpenAI-compatible chat at POST https://api.perplexity.ai/chat/completions (no /v1) answering with the
// same choices[0].message.content, plus `citations` and `search_results` we do not use; so this is the
// OpenAI chat client with Perplexity's path and name: Name() is "perplexity/<model>" (e.g. "sonar").
// It takes response_format json_schema (JsonMode::kSchema) and always needs a key.
#pragma once

#include <memory>

#include "ai/openai/openai_model.hpp"

namespace by::ai {

inline constexpr const char* kPerplexityDefaultUrl = "https://api.perplexity.ai";
inline constexpr const char* kPerplexityDefaultModel = "sonar";

// `options.base_url` empty: kPerplexityDefaultUrl; `options.model` empty: kPerplexityDefaultModel.
std::unique_ptr<TextModel> MakePerplexityModel(net::HttpClient& http, core::SecretBuffer api_key,
                                               ProviderOptions options, JsonMode json_mode = JsonMode::kSchema);

}  // namespace by::ai
