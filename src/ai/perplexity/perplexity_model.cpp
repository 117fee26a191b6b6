#include "ai/perplexity/perplexity_model.hpp"

namespace by::ai {

std::unique_ptr<TextModel> MakePerplexityModel(net::HttpClient& http, core::SecretBuffer api_key,
                                               ProviderOptions options, JsonMode json_mode) {
    ChatOptions chat;
    if (options.base_url.empty()) {
        options.base_url = kPerplexityDefaultUrl;
    }
    if (options.model.empty()) {
        options.model = kPerplexityDefaultModel;
    }
    chat.provider = std::move(options);
    chat.json_mode = json_mode;
    chat.path = "/chat/completions";
    chat.name = "perplexity";
    return std::make_unique<OpenAiChatModel>(http, std::move(api_key), std::move(chat));
}

}  // namespace by::ai
