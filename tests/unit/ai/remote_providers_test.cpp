// The remote TextModels over real HTTP: Anthropic Messages, an OpenAI-compatible chat and Perplexity, each
// against a local fake server that checks the request strictly (path, headers, key, body fields, the
// prompt's schema) and answers per scenario in that API's own format: a good reply, malformed then good,
// malformed twice (offline fallback, recorded and reported as AI-1), 429 with Retry-After, 401 (the key in
// no error and no log line), 5xx/529. The HTTP client is the product's (libcurl + retries); only its
// sleeps are recorded instead of slept.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ai/anthropic/anthropic_model.hpp"
#include "ai/model_engine.hpp"
#include "ai/openai/openai_model.hpp"
#include "ai/perplexity/perplexity_model.hpp"
#include "ai/prompts.hpp"
#include "ai/reply.hpp"
#include "ai_test_util.hpp"
#include "fake_llm_server.hpp"
#include "net/curl/curl_http_client.hpp"
#include "net/retry.hpp"
#include "obs/log.hpp"
#include "testing/temp_dir.hpp"

namespace by::ai {
namespace {

using nlohmann::json;
using testutil::FakeAnswer;
using testutil::FakeLlmServer;

constexpr const char* kAnthropicKey = "sk-ant-test-0123456789abcdef";
constexpr const char* kOpenAiKey = "sk-proj-test-fedcba9876543210";
constexpr const char* kPerplexityKey = "pplx-test-5555aaaa6666bbbb";

std::shared_ptr<const PromptLibrary> Prompts() {
    static auto lib = *PromptLibrary::Load(testutil::DataDir());
    return lib;
}

class RecordingSleeper final : public net::Sleeper {
  public:
    void SleepMs(int64_t ms) override {
        std::lock_guard<std::mutex> lock(mu_);
        waits_.push_back(ms);
    }
    std::vector<int64_t> waits() const {
        std::lock_guard<std::mutex> lock(mu_);
        return waits_;
    }

  private:
    mutable std::mutex mu_;
    std::vector<int64_t> waits_;
};

// ------------------------------------------------------------------ each provider's wire format

struct Provider {
    std::string name;       // anthropic | openai | perplexity
    std::string path;       // where the fake listens
    std::string model;
    std::string key;
    std::string prompt_id;  // the step it serves: write_card, or research_keywords (Perplexity)
};

std::string Expect(bool ok, const std::string& what) { return ok ? std::string() : what; }

// "" when the request is exactly what the provider's API expects.
std::string CheckRequest(const Provider& p, const httplib::Request& req) {
    const json schema = Prompts()->Latest(p.prompt_id)->schema;
    json b = json::parse(req.body, nullptr, false);
    if (!b.is_object()) return "body is not a JSON object";
    if (req.get_header_value("Content-Type").find("application/json") != 0) return "content-type";
    if (b.value("model", "") != p.model) return "model";
    auto nonempty = [](const json& j) { return j.is_string() && !j.get<std::string>().empty(); };
    if (p.name == "anthropic") {
        if (req.get_header_value("x-api-key") != p.key) return "x-api-key";
        if (req.get_header_value("anthropic-version") != "2023-06-01") return "anthropic-version";
        if (req.has_header("Authorization")) return "an Authorization header sent to Anthropic";
        if (!b["max_tokens"].is_number_integer() || b["max_tokens"].get<int>() <= 0) return "max_tokens";
        if (!nonempty(b["system"])) return "system";
        const json& m = b["messages"];
        if (!m.is_array() || m.size() != 1 || m[0].value("role", "") != "user" || !nonempty(m[0]["content"])) {
            return "messages";
        }
        const json& tools = b["tools"];
        if (!tools.is_array() || tools.size() != 1 || tools[0].value("name", "") != "reply") return "tools";
        if (tools[0]["input_schema"] != schema) return "tools[0].input_schema is not the prompt's schema";
        return Expect(b["tool_choice"] == json({{"type", "tool"}, {"name", "reply"}}), "tool_choice");
    }
    if (req.get_header_value("Authorization") != "Bearer " + p.key) return "Authorization";
    if (req.has_header("x-api-key")) return "x-api-key sent to an OpenAI-compatible API";
    const json& m = b["messages"];
    if (!m.is_array() || m.size() != 2 || m[0].value("role", "") != "system" || m[1].value("role", "") != "user" ||
        !nonempty(m[0]["content"]) || !nonempty(m[1]["content"])) {
        return "messages";
    }
    json format = {{"type", "json_schema"}, {"json_schema", {{"name", p.prompt_id}, {"schema", schema}, {"strict", false}}}};
    return Expect(b["response_format"] == format, "response_format");
}

// A 200 answer carrying `reply` the way the provider returns structured output.
FakeAnswer Good(const Provider& p, const json& reply) {
    if (p.name == "anthropic") {
        json content = json::array({{{"type", "tool_use"}, {"id", "toolu_01"}, {"name", "reply"}, {"input", reply}}});
        return {200, json({{"id", "msg_01"}, {"type", "message"}, {"role", "assistant"}, {"model", p.model},
                           {"content", content}, {"stop_reason", "tool_use"}, {"stop_sequence", nullptr},
                           {"usage", {{"input_tokens", 900}, {"output_tokens", 400}}}})
                         .dump()};
    }
    json a = {{"id", "chatcmpl-1"}, {"object", "chat.completion"}, {"created", 1700000000}, {"model", p.model},
              {"choices", json::array({{{"index", 0},
                                        {"message", {{"role", "assistant"}, {"content", reply.dump()}, {"refusal", nullptr}}},
                                        {"logprobs", nullptr},
                                        {"finish_reason", "stop"}}})},
              {"usage", {{"prompt_tokens", 900}, {"completion_tokens", 400}, {"total_tokens", 1300}}}};
    if (p.name == "perplexity") {
        a["citations"] = json::array({"https://example.com/a55"});
        a["search_results"] = json::array({{{"title", "Galaxy A55"}, {"url", "https://example.com/a55"}}});
    }
    return {200, a.dump()};
}

// A 200 answer whose reply cannot be used: prose (chat) or a tool input that fails the schema (Anthropic).
FakeAnswer Malformed(const Provider& p) {
    if (p.name == "anthropic") {
        return Good(p, json({{"title", "x"}}));
    }
    FakeAnswer a = Good(p, json::object());
    json j = json::parse(a.body);
    j["choices"][0]["message"]["content"] = "Here are the texts you asked for: a great phone, buy it.";
    a.body = j.dump();
    return a;
}

FakeAnswer Failure(const Provider& p, int status, const std::string& type, const std::string& message,
                   std::vector<std::pair<std::string, std::string>> headers = {}) {
    json body = p.name == "anthropic"
                    ? json({{"type", "error"}, {"error", {{"type", type}, {"message", message}}}})
                    : json({{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", type}}}});
    return {status, body.dump(), std::move(headers)};
}

std::unique_ptr<TextModel> Make(const Provider& p, net::HttpClient& http, const std::string& base) {
    ProviderOptions o;
    o.base_url = base;
    o.model = p.model;
    if (p.name == "anthropic") {
        return std::make_unique<AnthropicModel>(http, core::SecretBuffer::FromBytes(p.key), o);
    }
    if (p.name == "perplexity") {
        return MakePerplexityModel(http, core::SecretBuffer::FromBytes(p.key), o);
    }
    ChatOptions chat;
    chat.provider = o;
    return std::make_unique<OpenAiChatModel>(http, core::SecretBuffer::FromBytes(p.key), chat);
}

// ------------------------------------------------------------------ one step of the engine over it

struct Fixture {
    OfflineContentEngine offline{testutil::Catalog()};
    core::Product product = testutil::Golden("phones_samsung_a55");
    Keywords keywords = *offline.Research(product);
    Strategy strategy = *offline.Plan(product, keywords);
    CardContent draft = *offline.Write(product, keywords, strategy, Marketplace::kUzum);
};

// The offline texts with the bullets reversed: valid by construction, and recognisably the model's.
json GoodCardReply(const Fixture& f) {
    json texts = json::object();
    for (const auto& [lang, t] : f.draft.texts) {
        std::vector<std::string> bullets(t.bullets.rbegin(), t.bullets.rend());
        texts[lang] = {{"title", t.title}, {"description", t.description}, {"bullets", bullets}};
    }
    return {{"texts", texts}};
}

const char* kModelPhrase = "смартфон самсунг галакси";
json GoodKeywordsReply() {
    return {{"keywords", {{"ru", json::array({kModelPhrase})}, {"uz", json::array({"samsung galaxy smartfoni"})}}}};
}

struct StepResult {
    Generation generation;  // of the step the model served
    CardContent card;       // the Uzum card that came of it
    Keywords keywords;
};

class RemoteProviders : public ::testing::TestWithParam<Provider> {
  protected:
    RemoteProviders()
        : server_(GetParam().path, [p = GetParam()](const httplib::Request& req) { return CheckRequest(p, req); }),
          http_(net::MakeCurlHttpClient(), clock_, sleeper_),
          model_(Make(GetParam(), http_, server_.BaseUrl())) {}

    const Provider& p() const { return GetParam(); }
    bool research() const { return p().prompt_id == "research_keywords"; }
    FakeAnswer GoodAnswer() { return Good(p(), research() ? GoodKeywordsReply() : GoodCardReply(f_)); }

    StepResult Run() {
        StepResult r;
        if (research()) {
            ModelResearcher researcher(*model_, Prompts(), testutil::Catalog(), f_.offline);
            auto k = researcher.Research(f_.product);
            EXPECT_TRUE(k.ok()) << k.error().ToString();
            r.keywords = *k;
            r.generation = k->generation;
            r.card = *f_.offline.Write(f_.product, *k, f_.strategy, Marketplace::kUzum);
        } else {
            ModelWriter writer(*model_, Prompts(), testutil::Catalog(), f_.offline);
            auto c = writer.Write(f_.product, f_.keywords, f_.strategy, Marketplace::kUzum);
            EXPECT_TRUE(c.ok()) << c.error().ToString();
            r.card = *c;
            r.generation = c->generation;
        }
        return r;
    }

    void ExpectModelUsed(const StepResult& r, int attempts) {
        EXPECT_EQ(r.generation.source, "model");
        EXPECT_FALSE(r.generation.fallback) << r.generation.fallback_reason;
        EXPECT_EQ(r.generation.model, p().name + "/" + p().model);
        EXPECT_EQ(r.generation.prompt_id, p().prompt_id);
        EXPECT_EQ(r.generation.attempts, attempts);
        if (research()) {
            ASSERT_FALSE(r.keywords.items.empty());
            EXPECT_EQ(r.keywords.items[0].text, kModelPhrase);
            EXPECT_EQ(r.keywords.items[0].source, "model_provider");
        } else {
            std::vector<std::string> reversed(f_.draft.texts.at("ru").bullets.rbegin(),
                                              f_.draft.texts.at("ru").bullets.rend());
            EXPECT_EQ(r.card.texts.at("ru").bullets, reversed);
        }
        EXPECT_FALSE(Report(r).Has("AI-1"));
    }

    // The fallback is on the card (its stages) and in its quality report, with the reason.
    void ExpectFallback(const StepResult& r, const std::string& reason_part) {
        EXPECT_EQ(r.generation.source, "offline");
        EXPECT_TRUE(r.generation.fallback);
        EXPECT_EQ(r.generation.model, p().name + "/" + p().model);
        EXPECT_NE(r.generation.fallback_reason.find(reason_part), std::string::npos) << r.generation.fallback_reason;
        const std::string stage = research() ? "research" : "write";
        EXPECT_NE(std::find(r.card.generation.fallback_stages.begin(), r.card.generation.fallback_stages.end(), stage),
                  r.card.generation.fallback_stages.end());
        QualityReport report = Report(r);
        ASSERT_TRUE(report.Has("AI-1"));
        EXPECT_TRUE(report.passed);  // recorded, not a reason to block
    }

    QualityReport Report(const StepResult& r) {
        QualityChecker checker(testutil::Catalog(), testutil::Rules());
        return checker.Check(f_.product, r.card, Marketplace::kUzum);
    }

    void TearDown() override { EXPECT_TRUE(server_.violations().empty()) << server_.violations().front(); }

    Fixture f_;
    FakeLlmServer server_;
    core::SystemClock clock_;
    RecordingSleeper sleeper_;
    net::RetryingHttpClient http_;
    std::unique_ptr<TextModel> model_;
};

TEST_P(RemoteProviders, GoodReplyIsUsed) {
    server_.Push(GoodAnswer());
    StepResult r = Run();
    ExpectModelUsed(r, 1);
    EXPECT_EQ(server_.requests(), 1u);
    EXPECT_TRUE(sleeper_.waits().empty());
}

TEST_P(RemoteProviders, MalformedThenGoodIsRetriedOnce) {
    server_.Push(Malformed(p()));
    server_.Push(GoodAnswer());
    StepResult r = Run();
    ExpectModelUsed(r, 2);
    EXPECT_EQ(server_.requests(), 2u);
}

TEST_P(RemoteProviders, MalformedTwiceFallsBackToOfflineAndReportsIt) {
    server_.Push(Malformed(p()));
    server_.Push(Malformed(p()));
    server_.Push(GoodAnswer());  // never asked for: one retry only
    StepResult r = Run();
    ExpectFallback(r, "malformed reply");
    EXPECT_EQ(r.generation.attempts, 2);
    EXPECT_EQ(server_.requests(), 2u);
}

TEST_P(RemoteProviders, RateLimitedWaitsRetryAfterThenSucceeds) {
    server_.Push(Failure(p(), 429, "rate_limit_error", "slow down", {{"retry-after", "3"}}));
    server_.Push(GoodAnswer());
    StepResult r = Run();
    ExpectModelUsed(r, 1);  // the HTTP client waited it out inside one call
    EXPECT_EQ(sleeper_.waits(), std::vector<int64_t>{3000});
    EXPECT_EQ(server_.requests(), 2u);
}

TEST_P(RemoteProviders, UnauthorizedFallsBackAndNeverShowsTheKey) {
    testing::TempDir logs;
    obs::InitLogging({logs.path(), obs::Level::kDebug, false});
    const std::string echo = "invalid API key: " + p().key;  // upstreams do echo keys back
    server_.Push(Failure(p(), 401, "authentication_error", echo));
    server_.Push(Failure(p(), 401, "authentication_error", echo));
    StepResult r = Run();
    obs::Flush();
    obs::InitLogging({{}, obs::Level::kWarn, true});
    ExpectFallback(r, "HTTP 401");
    EXPECT_NE(r.generation.fallback_reason.find("API key"), std::string::npos) << r.generation.fallback_reason;
    EXPECT_EQ(r.generation.fallback_reason.find(p().key), std::string::npos) << r.generation.fallback_reason;
    EXPECT_EQ(r.card.generation.fallback_reason.find(p().key), std::string::npos);
    std::ifstream in(logs.path() / "biznesyordam.log");
    std::stringstream log;
    log << in.rdbuf();
    EXPECT_NE(log.str().find("ai_call_failed"), std::string::npos) << log.str();
    EXPECT_EQ(log.str().find(p().key), std::string::npos) << log.str();
    EXPECT_TRUE(sleeper_.waits().empty());  // 401 is not worth a wait
}

TEST_P(RemoteProviders, ServerErrorsAreRetriedThenFallBack) {
    // Anthropic's "overloaded" is 529; the chat APIs answer 500/503.
    const int status = p().name == "anthropic" ? 529 : 500;
    const std::string type = p().name == "anthropic" ? "overloaded_error" : "server_error";
    for (int i = 0; i < 6; ++i) {
        server_.Push(Failure(p(), status, type, "try later"));
    }
    StepResult r = Run();
    ExpectFallback(r, "HTTP " + std::to_string(status) + " " + type);
    EXPECT_EQ(server_.requests(), 6u);         // 3 HTTP tries per call, 2 calls
    EXPECT_EQ(sleeper_.waits().size(), 4u);    // backoff between the tries of each call
}

TEST_P(RemoteProviders, OverloadedHonoursRetryAfterThenSucceeds) {
    const int status = p().name == "anthropic" ? 529 : 503;
    server_.Push(Failure(p(), status, "overloaded_error", "overloaded", {{"retry-after", "2"}}));
    server_.Push(GoodAnswer());
    StepResult r = Run();
    ExpectModelUsed(r, 1);
    EXPECT_EQ(sleeper_.waits(), std::vector<int64_t>{2000});
}

INSTANTIATE_TEST_SUITE_P(
    Providers, RemoteProviders,
    ::testing::Values(Provider{"anthropic", "/v1/messages", "claude-test-1", kAnthropicKey, "write_card"},
                      Provider{"openai", "/v1/chat/completions", "gpt-test-mini", kOpenAiKey, "write_card"},
                      Provider{"perplexity", "/chat/completions", "sonar", kPerplexityKey, "research_keywords"}),
    [](const ::testing::TestParamInfo<Provider>& info) { return info.param.name; });

// ------------------------------------------------------------------ provider specifics

struct Loop {
    core::SystemClock clock;
    RecordingSleeper sleeper;
    net::RetryingHttpClient http{net::MakeCurlHttpClient(), clock, sleeper};
};

Prompt SamplePrompt() { return Prompt{"research_keywords", 1, "You answer in JSON.", "Keywords for a phone."}; }

TEST(AnthropicModel, AcceptsJsonInATextBlock) {
    FakeLlmServer server("/v1/messages", [](const httplib::Request&) { return std::string(); });
    json content = json::array({{{"type", "text"}, {"text", "Here you are:\n```json\n{\"keywords\":{\"ru\":[],\"uz\":[]}}\n```"}}});
    server.Push({200, json({{"type", "message"}, {"content", content}, {"stop_reason", "end_turn"}}).dump()});
    Loop loop;
    ProviderOptions o;
    o.base_url = server.BaseUrl() + "/v1/";  // a trailing /v1 is the API root already
    o.model = "claude-test-1";
    AnthropicModel model(loop.http, core::SecretBuffer::FromBytes(kAnthropicKey), o);
    EXPECT_EQ(model.Name(), "anthropic/claude-test-1");
    auto reply = model.Complete(SamplePrompt(), Prompts()->Latest("research_keywords")->schema);
    ASSERT_TRUE(reply.ok()) << reply.error().ToString();
    EXPECT_NE(reply->find("```json"), std::string::npos);
    EXPECT_TRUE(ParseReply(*reply, Prompts()->Latest("research_keywords")->schema).ok());
}

TEST(AnthropicModel, BadRequestIsInvalidAndNamesTheUpstreamError) {
    FakeLlmServer server("/v1/messages", [](const httplib::Request&) { return std::string(); });
    server.Push({400, R"({"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too large"}})"});
    Loop loop;
    ProviderOptions o;
    o.base_url = server.BaseUrl();
    o.model = "claude-test-1";
    AnthropicModel model(loop.http, core::SecretBuffer::FromBytes(kAnthropicKey), o);
    auto reply = model.Complete(SamplePrompt(), json::object());
    ASSERT_FALSE(reply.ok());
    EXPECT_EQ(reply.error().code, core::ErrorCode::kInvalid);
    EXPECT_EQ(reply.error().message, "anthropic: HTTP 400 invalid_request_error: max_tokens: too large");
    EXPECT_EQ(server.requests(), 1u);  // a 400 is not retried
}

// Local servers (Ollama, llama.cpp) take no key and may know only {"type":"json_object"} or nothing.
TEST(OpenAiChatModel, JsonModesAndNoKeyForLocalServers) {
    const json schema = Prompts()->Latest("research_keywords")->schema;
    for (JsonMode mode : {JsonMode::kObject, JsonMode::kNone}) {
        FakeLlmServer server("/v1/chat/completions", [](const httplib::Request& req) {
            return req.has_header("Authorization") ? std::string("Authorization sent without a key") : std::string();
        });
        json ok = {{"choices", json::array({{{"message", {{"role", "assistant"}, {"content", "{\"keywords\":{}}"}}},
                                             {"finish_reason", "stop"}}})}};
        server.Push({200, ok.dump()});
        Loop loop;
        ChatOptions chat;
        chat.provider.base_url = server.BaseUrl();
        chat.provider.model = "llama3.1";
        chat.json_mode = mode;
        OpenAiChatModel model(loop.http, core::SecretBuffer(), chat);
        auto reply = model.Complete(SamplePrompt(), schema);
        ASSERT_TRUE(reply.ok()) << reply.error().ToString();
        EXPECT_EQ(*reply, "{\"keywords\":{}}");
        ASSERT_EQ(server.bodies().size(), 1u);
        const json body = server.bodies()[0];
        if (mode == JsonMode::kObject) {
            EXPECT_EQ(body["response_format"], json({{"type", "json_object"}}));
        } else {
            EXPECT_FALSE(body.contains("response_format"));
        }
        // Without response_format the schema travels in the system prompt.
        EXPECT_NE(body["messages"][0]["content"].get<std::string>().find(schema.dump()), std::string::npos);
        EXPECT_TRUE(server.violations().empty()) << server.violations().front();
    }
    EXPECT_EQ(ParseJsonMode("object"), JsonMode::kObject);
    EXPECT_FALSE(ParseJsonMode("xml").has_value());
}

TEST(OpenAiChatModel, RefusalAndEmptyChoicesAreErrors) {
    FakeLlmServer server("/v1/chat/completions", [](const httplib::Request&) { return std::string(); });
    server.Push({200, R"({"choices":[{"message":{"role":"assistant","content":null,"refusal":"I cannot help"}}]})"});
    server.Push({200, R"({"choices":[]})"});
    Loop loop;
    ChatOptions chat;
    chat.provider.base_url = server.BaseUrl();
    chat.provider.model = "gpt-test-mini";
    OpenAiChatModel model(loop.http, core::SecretBuffer::FromBytes(kOpenAiKey), chat);
    auto refused = model.Complete(SamplePrompt(), json::object());
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("refused: I cannot help"), std::string::npos);
    auto empty = model.Complete(SamplePrompt(), json::object());
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().message.find("no choices"), std::string::npos);
}

TEST(ProviderHttp, JoinUrlAndRateLimitMapping) {
    EXPECT_EQ(JoinUrl("https://api.openai.com/v1/", "/v1/chat/completions"), "https://api.openai.com/v1/chat/completions");
    EXPECT_EQ(JoinUrl("http://localhost:11434", "/v1/chat/completions"), "http://localhost:11434/v1/chat/completions");
    EXPECT_EQ(JoinUrl("https://api.perplexity.ai/", "/chat/completions"), "https://api.perplexity.ai/chat/completions");
    net::HttpResponse limited;
    limited.status = 429;
    limited.headers = {{"Retry-After", "7"}};
    limited.body = R"({"error":{"message":"Rate limit reached for key sk-x","type":"requests","code":"rate_limit_exceeded"}})";
    core::Error e = ErrorFromAnswer("openai", limited, {{"Authorization", "Bearer sk-x"}});
    EXPECT_EQ(e.code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(e.retry_after_ms, 7000);
    EXPECT_EQ(e.message.find("sk-x"), std::string::npos) << e.message;
    net::HttpResponse forbidden;
    forbidden.status = 403;
    EXPECT_EQ(ErrorFromAnswer("anthropic", forbidden, {}).code, core::ErrorCode::kForbidden);
    net::HttpResponse overloaded;
    overloaded.status = 529;
    EXPECT_EQ(ErrorFromAnswer("anthropic", overloaded, {}).code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace by::ai
