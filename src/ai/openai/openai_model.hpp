// TextModel over an OpenAI-compatible chat API: OpenAI itself, Ollama, vLLM, llama.cpp's server (all at
// POST {base}/v1/chat/completions) and Perplexity (perplexity/, another path). Messages are [system, user];
// the reply is choices[0].message.content. How the JSON shape is asked for is JsonMode:
//   kSchema  response_format {"type":"json_schema","json_schema":{"name","schema","strict":false}} (OpenAI,
//            vLLM, recent Ollama and llama.cpp, Perplexity)
//   kObject  response_format {"type":"json_object"}, the schema spelled out in the system prompt
//   kNone    no response_format, the schema in the system prompt (servers that reject the field)
// The Authorization: Bearer header is sent only when a key is given (local servers need none).
// Errors follow provider_http.hpp. Citations or other extra fields of an answer are ignored.
//
// The key is held wiped-on-destruction and copied only into the request in flight. Thread-safety:
// Complete() may be called from many threads at once when the HttpClient allows it.
#pragma once

#include <optional>
#include <string>

#include "ai/provider_http.hpp"
#include "ai/text_model.hpp"
#include "core/secret.hpp"
#include "net/http_client.hpp"

namespace by::ai {

inline constexpr const char* kOpenAiDefaultUrl = "https://api.openai.com";

enum class JsonMode { kSchema, kObject, kNone };
// "schema" | "object" | "none".
std::optional<JsonMode> ParseJsonMode(std::string_view name);

struct ChatOptions {
    ProviderOptions provider;
    JsonMode json_mode = JsonMode::kSchema;
    std::string path = "/v1/chat/completions";  // appended to provider.base_url
    std::string name = "openai";                // Name() is "<name>/<model>"
};

class OpenAiChatModel final : public TextModel {
  public:
    // `http` must outlive the model; an empty `api_key` sends no Authorization header.
    OpenAiChatModel(net::HttpClient& http, core::SecretBuffer api_key, ChatOptions options);

    core::Result<std::string> Complete(const Prompt& prompt, const nlohmann::json& json_schema) override;
    std::string Name() const override { return options_.name + "/" + options_.provider.model; }

  private:
    net::HttpClient& http_;
    const core::SecretBuffer api_key_;
    const ChatOptions options_;
};

}  // namespace by::ai
