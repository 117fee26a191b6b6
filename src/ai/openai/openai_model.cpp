#include "ai/openai/openai_model.hpp"

namespace by::ai {

using nlohmann::json;

std::optional<JsonMode> ParseJsonMode(std::string_view name) {
    if (name == "schema") {
        return JsonMode::kSchema;
    }
    if (name == "object") {
        return JsonMode::kObject;
    }
    if (name == "none") {
        return JsonMode::kNone;
    }
    return std::nullopt;
}

OpenAiChatModel::OpenAiChatModel(net::HttpClient& http, core::SecretBuffer api_key, ChatOptions options)
    : http_(http), api_key_(std::move(api_key)), options_(std::move(options)) {}

core::Result<std::string> OpenAiChatModel::Complete(const Prompt& prompt, const json& json_schema) {
    const std::string& who = options_.name;
    std::string system = prompt.system;
    if (options_.json_mode != JsonMode::kSchema) {
        system += SchemaInstruction(json_schema);
    }
    json body = {
        {"model", options_.provider.model},
        {"max_tokens", options_.provider.max_tokens},
        {"messages", json::array({{{"role", "system"}, {"content", system}}, {{"role", "user"}, {"content", prompt.user}}})},
    };
    if (options_.json_mode == JsonMode::kSchema) {
        // The name must match [a-zA-Z0-9_-]{1,64}: prompt ids are snake_case.
        body["response_format"] = {{"type", "json_schema"},
                                   {"json_schema", {{"name", prompt.id.empty() ? "reply" : prompt.id},
                                                    {"schema", json_schema},
                                                    {"strict", false}}}};
    } else if (options_.json_mode == JsonMode::kObject) {
        body["response_format"] = {{"type", "json_object"}};
    }
    net::Headers headers;
    if (!api_key_.empty()) {
        headers.emplace_back("Authorization", "Bearer " + std::string(api_key_.view()));
    }
    BY_ASSIGN(json reply, PostJson(http_, who, JoinUrl(options_.provider.base_url, options_.path), std::move(headers),
                                   body, options_.provider));
    const json choices = reply.contains("choices") ? reply["choices"] : json();
    if (!choices.is_array() || choices.empty() || !choices[0].is_object()) {
        return core::Error::Unavailable(who + ": the answer has no choices");
    }
    const json message = choices[0].contains("message") ? choices[0]["message"] : json();
    if (message.is_object() && message.contains("refusal") && message["refusal"].is_string()) {
        return core::Error::Unprocessable(who + ": the model refused: " + message["refusal"].get<std::string>());
    }
    if (!message.is_object() || !message.contains("content") || !message["content"].is_string()) {
        return core::Error::Unavailable(who + ": choices[0].message.content is missing (finish_reason " +
                                        StringField(choices[0], "finish_reason") + ")");
    }
    return message["content"].get<std::string>();
}

}  // namespace by::ai
