#include "ai/anthropic/anthropic_model.hpp"

namespace by::ai {

using nlohmann::json;

AnthropicModel::AnthropicModel(net::HttpClient& http, core::SecretBuffer api_key, ProviderOptions options)
    : http_(http), api_key_(std::move(api_key)), options_(std::move(options)) {}

core::Result<std::string> AnthropicModel::Complete(const Prompt& prompt, const json& json_schema) {
    json body = {
        {"model", options_.model},
        {"max_tokens", options_.max_tokens},
        {"system", prompt.system},
        {"messages", json::array({{{"role", "user"}, {"content", prompt.user}}})},
        {"tools", json::array({{{"name", kAnthropicToolName},
                                {"description", "Give the answer to the request as this tool's input."},
                                {"input_schema", json_schema}}})},
        {"tool_choice", {{"type", "tool"}, {"name", kAnthropicToolName}}},
    };
    net::Headers headers;
    headers.emplace_back("x-api-key", std::string(api_key_.view()));
    headers.emplace_back("anthropic-version", kAnthropicVersion);
    BY_ASSIGN(json reply, PostJson(http_, "anthropic", JoinUrl(options_.base_url, "/v1/messages"), std::move(headers),
                                   body, options_));
    const json content = reply.contains("content") ? reply["content"] : json();
    if (!content.is_array()) {
        return core::Error::Unavailable("anthropic: the answer has no content blocks");
    }
    std::string text;
    for (const auto& block : content) {
        if (!block.is_object()) {
            continue;
        }
        const std::string type = StringField(block, "type");
        if (type == "tool_use" && block.contains("input")) {
            return block["input"].dump();
        }
        if (type == "text" && block.contains("text") && block["text"].is_string()) {
            text += block["text"].get<std::string>();
        }
    }
    if (text.empty()) {
        return core::Error::Unavailable("anthropic: the answer has neither a tool_use nor a text block (stop_reason " +
                                        StringField(reply, "stop_reason") + ")");
    }
    return text;
}

}  // namespace by::ai
