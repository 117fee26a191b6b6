// TextModel over the Anthropic Messages API (Claude): POST {base}/v1/messages with x-api-key and
// anthropic-version 2023-06-01. Structured output goes through one tool whose input_schema is the prompt's
// schema, forced with tool_choice {"type":"tool"}: the reply is that tool_use block's input. A reply that
// comes back as text (a model that ignored the tool) is returned as the text, for reply.hpp to parse.
// Errors follow provider_http.hpp (429 and 529 "overloaded" are transient, 401/403 permanent).
//
// The API key is held wiped-on-destruction (core::SecretBuffer) and only ever copied into the header of
// the request in flight. Thread-safety: Complete() may be called from many threads at once when the
// HttpClient allows it (net/ clients do).
#pragma once

#include "ai/provider_http.hpp"
#include "ai/text_model.hpp"
#include "core/secret.hpp"
#include "net/http_client.hpp"

namespace by::ai {

inline constexpr const char* kAnthropicDefaultUrl = "https://api.anthropic.com";
inline constexpr const char* kAnthropicVersion = "2023-06-01";
inline constexpr const char* kAnthropicToolName = "reply";

class AnthropicModel final : public TextModel {
  public:
    // `http` must outlive the model.
    AnthropicModel(net::HttpClient& http, core::SecretBuffer api_key, ProviderOptions options);

    core::Result<std::string> Complete(const Prompt& prompt, const nlohmann::json& json_schema) override;
    std::string Name() const override { return "anthropic/" + options_.model; }

  private:
    net::HttpClient& http_;
    const core::SecretBuffer api_key_;
    const ProviderOptions options_;
};

}  // namespace by::ai
