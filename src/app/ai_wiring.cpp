#include "app/ai_wiring.hpp"

#include <cstdlib>

#include "ai/anthropic/anthropic_model.hpp"
#include "ai/model_engine.hpp"
#include "ai/openai/openai_model.hpp"
#include "ai/perplexity/perplexity_model.hpp"
#include "ai/prompts.hpp"
#include "ai/provider_http.hpp"
#include "net/curl/curl_http_client.hpp"
#include "obs/log.hpp"

namespace by::app {
namespace {

// The key in a wiped buffer; empty when the variable is unset or empty.
core::SecretBuffer KeyFromEnv(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? core::SecretBuffer::FromBytes(v) : core::SecretBuffer();
}

core::Error MissingKey(const char* variable, const std::string& what) {
    return core::Error::Invalid(what + " needs an API key: set " + variable + " in the environment");
}

ai::ProviderOptions Options(const Config& c, std::string base_url, std::string model) {
    ai::ProviderOptions o;
    o.base_url = std::move(base_url);
    o.model = std::move(model);
    o.timeout_ms = c.ai_timeout_ms;
    return o;
}

core::Result<std::unique_ptr<ai::TextModel>> MainModel(const Config& c, net::HttpClient& http) {
    if (c.ai_provider == "anthropic") {
        core::SecretBuffer key = KeyFromEnv("ANTHROPIC_API_KEY");
        if (key.empty()) {
            return MissingKey("ANTHROPIC_API_KEY", "ai.provider = \"anthropic\"");
        }
        std::string base = c.ai_base_url.empty() ? ai::kAnthropicDefaultUrl : c.ai_base_url;
        return std::unique_ptr<ai::TextModel>(
            std::make_unique<ai::AnthropicModel>(http, std::move(key), Options(c, base, c.ai_model)));
    }
    // openai: OpenAI itself needs a key; a local OpenAI-compatible server (Ollama, llama.cpp) may not.
    core::SecretBuffer key = KeyFromEnv("OPENAI_API_KEY");
    std::string base = c.ai_base_url.empty() ? ai::kOpenAiDefaultUrl : c.ai_base_url;
    if (key.empty() && ai::JoinUrl(base, "/v1/") == ai::JoinUrl(ai::kOpenAiDefaultUrl, "/v1/")) {
        return MissingKey("OPENAI_API_KEY", "ai.provider = \"openai\" at " + base);
    }
    ai::ChatOptions chat;
    chat.provider = Options(c, base, c.ai_model);
    chat.json_mode = ai::ParseJsonMode(c.ai_json_mode).value_or(ai::JsonMode::kSchema);
    return std::unique_ptr<ai::TextModel>(std::make_unique<ai::OpenAiChatModel>(http, std::move(key), std::move(chat)));
}

}  // namespace

core::Result<std::unique_ptr<TextEngines>> BuildTextEngines(const Config& c, ai::OfflineContentEngine& offline,
                                                            std::shared_ptr<const ai::CategoryCatalog> catalog,
                                                            const core::Clock& clock) {
    auto t = std::make_unique<TextEngines>();
    t->researcher = &offline;
    t->strategist = &offline;
    t->writer = &offline;
    const bool remote = c.ai_provider != "offline";
    const bool perplexity = c.ai_research == "perplexity";
    if (!remote && !perplexity) {
        t->summary = "offline";
        return t;
    }
    core::SecretBuffer perplexity_key;
    if (perplexity) {
        perplexity_key = KeyFromEnv("PERPLEXITY_API_KEY");
        if (perplexity_key.empty()) {
            return MissingKey("PERPLEXITY_API_KEY", "ai.research = \"perplexity\"");
        }
    }
    BY_ASSIGN(std::shared_ptr<const ai::PromptLibrary> prompts, ai::PromptLibrary::Load(c.data_path));
    t->http = net::MakeDefaultHttpClient(clock);
    if (remote) {
        BY_ASSIGN(t->model, MainModel(c, *t->http));
        t->model_strategist = std::make_unique<ai::ModelStrategist>(*t->model, prompts, catalog, offline);
        t->model_writer = std::make_unique<ai::ModelWriter>(*t->model, prompts, catalog, offline);
        t->strategist = t->model_strategist.get();
        t->writer = t->model_writer.get();
    }
    if (perplexity) {
        t->research_model = ai::MakePerplexityModel(*t->http, std::move(perplexity_key),
                                                    Options(c, c.perplexity_url, c.perplexity_model));
        t->model_researcher = std::make_unique<ai::ModelResearcher>(*t->research_model, prompts, catalog, offline);
    } else if (c.ai_research == "model") {
        t->model_researcher = std::make_unique<ai::ModelResearcher>(*t->model, prompts, catalog, offline);
    }
    if (t->model_researcher) {
        t->researcher = t->model_researcher.get();
    }
    auto name = [](const ai::TextModel* m) { return m ? m->Name() : std::string("offline"); };
    const ai::TextModel* research = perplexity ? t->research_model.get() : t->model_researcher ? t->model.get() : nullptr;
    t->summary = "research=" + name(research) + " strategy=" + name(t->model.get()) + " write=" + name(t->model.get());
    obs::Log(obs::Level::kInfo, "ai_models", {{"engines", t->summary}});
    return t;
}

}  // namespace by::app
