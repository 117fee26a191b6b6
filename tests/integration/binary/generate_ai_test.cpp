// `biznesyordam generate` with [ai] set through the environment, the real binary against a local fake of
// an OpenAI-compatible chat API: the cards' texts come from the model and card.json names it; a model
// that refuses every call (401) leaves the offline texts with the fallback in the quality report and the
// key nowhere; a provider without its key, or an unknown one, is a start-up error (exit 2, nothing written).
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "testing/spawn_server.hpp"
#include "testing/temp_dir.hpp"
#include "unit/ai/ai_test_util.hpp"
#include "unit/ai/fake_llm_server.hpp"

namespace by {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ai::testutil::FakeAnswer;
using ai::testutil::FakeLlmServer;

constexpr const char* kKey = "sk-proj-generate-test-77778888";
constexpr const char* kModel = "gpt-test-mini";

std::string ReadAll(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Sets the [ai] environment for one test and clears it (and every provider key) afterwards.
class AiEnv {
  public:
    explicit AiEnv(std::initializer_list<std::pair<const char*, std::string>> vars) {
        for (const char* name : kNames) unsetenv(name);
        setenv("BY_DATA_PATH", (ai::testutil::SourceDir() / "data").c_str(), 1);
        for (const auto& [k, v] : vars) setenv(k, v.c_str(), 1);
    }
    ~AiEnv() {
        for (const char* name : kNames) unsetenv(name);
    }

  private:
    static constexpr const char* kNames[] = {"BY_AI_PROVIDER", "BY_AI_MODEL", "BY_AI_BASE_URL", "BY_AI_RESEARCH",
                                             "BY_AI_JSON_MODE", "ANTHROPIC_API_KEY", "OPENAI_API_KEY",
                                             "PERPLEXITY_API_KEY", "BY_DATA_PATH"};
};

struct RunResult {
    int rc = -1;
    std::string err;
};

RunResult Generate(const testing::TempDir& dir, const fs::path& out, const std::string& extra = "") {
    fs::path err = dir.path() / "stderr.txt";
    fs::path product = ai::testutil::GoldenDir() / "phones_samsung_a55.json";
    std::string cmd = testing::BinaryPath() + " generate '" + product.string() + "' --marketplaces uzum --out '" +
                      out.string() + "' " + extra + " >/dev/null 2>'" + err.string() + "'";
    int status = std::system(cmd.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadAll(err)};
}

// The Uzum texts of the offline engine with the bullets reversed: valid for the model's checks, and
// recognisably the model's in card.json.
json CardReply() {
    ai::OfflineContentEngine offline(ai::testutil::Catalog());
    core::Product p = ai::testutil::Golden("phones_samsung_a55");
    auto k = offline.Research(p);
    auto s = offline.Plan(p, *k);
    auto c = offline.Write(p, *k, *s, core::Marketplace::kUzum);
    json texts = json::object();
    for (const auto& [lang, t] : c->texts) {
        texts[lang] = {{"title", t.title},
                       {"description", t.description},
                       {"bullets", std::vector<std::string>(t.bullets.rbegin(), t.bullets.rend())}};
    }
    return {{"texts", texts}};
}

FakeAnswer Chat(const json& reply) {
    json a = {{"id", "chatcmpl-1"},
              {"object", "chat.completion"},
              {"model", kModel},
              {"choices", json::array({{{"index", 0},
                                        {"message", {{"role", "assistant"}, {"content", reply.dump()}}},
                                        {"finish_reason", "stop"}}})}};
    return {200, a.dump()};
}

// Answers each prompt (named in response_format) as a well-behaved model would.
FakeAnswer Answer(const json& body, const json& card_reply) {
    const std::string prompt = body["response_format"]["json_schema"].value("name", "");
    if (prompt == "research_keywords") {
        return Chat({{"keywords", {{"ru", json::array({"смартфон самсунг галакси"})}, {"uz", json::array({"samsung smartfoni"})}}}});
    }
    if (prompt == "plan_strategy") {
        // Pick the first selling point the prompt offers (its "attribute" values are the only ones allowed).
        const std::string user = body["messages"][1].value("content", "");
        const std::string marker = "\"attribute\": \"";
        size_t at = user.find(marker);
        std::string attribute = at == std::string::npos ? "?" : user.substr(at + marker.size(), user.find('"', at + marker.size()) - at - marker.size());
        return Chat({{"selling_points", json::array({attribute})},
                     {"audience", {{"ru", "Для тех, кто много снимает."}, {"uz", "Ko'p suratga oladiganlar uchun."}}}});
    }
    return Chat(card_reply);
}

std::string CheckOpenAi(const httplib::Request& req) {
    json b = json::parse(req.body, nullptr, false);
    if (req.get_header_value("Authorization") != std::string("Bearer ") + kKey) return "Authorization";
    if (!b.is_object() || b.value("model", "") != kModel) return "model";
    if (!b.contains("response_format") || b["response_format"].value("type", "") != "json_schema") return "response_format";
    return "";
}

TEST(GenerateAi, OpenAiCompatibleModelWritesTheCard) {
    FakeLlmServer server("/v1/chat/completions", CheckOpenAi);
    const json card_reply = CardReply();
    server.SetResponder([&card_reply](const json& body) { return Answer(body, card_reply); });
    AiEnv env({{"BY_AI_PROVIDER", "openai"}, {"BY_AI_MODEL", kModel}, {"BY_AI_BASE_URL", server.BaseUrl()},
               {"OPENAI_API_KEY", kKey}});
    testing::TempDir dir;
    fs::path out = dir.path() / "cards";
    RunResult r = Generate(dir, out);
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_TRUE(server.violations().empty()) << server.violations().front();
    EXPECT_EQ(server.requests(), 3u);  // research, strategy, one card

    json card = json::parse(ReadAll(out / "uzum" / "card.json"), nullptr, false);
    ASSERT_TRUE(card.is_object());
    const json& g = card["content"]["generation"];
    EXPECT_EQ(g.value("source", ""), "model") << g.dump();
    EXPECT_EQ(g.value("model", ""), std::string("openai/") + kModel);
    EXPECT_EQ(g.value("prompt_id", ""), "write_card");
    EXPECT_EQ(card["content"]["texts"]["ru"]["bullets"], card_reply["texts"]["ru"]["bullets"]);
    EXPECT_EQ(ReadAll(out / "uzum" / "quality.json").find("AI-1"), std::string::npos);
    EXPECT_EQ(r.err.find(kKey), std::string::npos);
}

TEST(GenerateAi, RefusedModelFallsBackAndTheReportSaysSo) {
    FakeLlmServer server("/v1/chat/completions", CheckOpenAi);
    server.SetResponder([](const json&) {
        return FakeAnswer{401, json({{"error", {{"message", std::string("Incorrect API key provided: ") + kKey},
                                                {"type", "invalid_request_error"},
                                                {"code", "invalid_api_key"}}}})
                                   .dump()};
    });
    AiEnv env({{"BY_AI_PROVIDER", "openai"}, {"BY_AI_MODEL", kModel}, {"BY_AI_BASE_URL", server.BaseUrl()},
               {"OPENAI_API_KEY", kKey}});
    testing::TempDir dir;
    fs::path out = dir.path() / "cards";
    RunResult r = Generate(dir, out);
    ASSERT_EQ(r.rc, 0) << r.err;  // the offline texts pass; the fallback is recorded, not blocking
    EXPECT_EQ(server.requests(), 6u);  // three steps, each tried twice
    const std::string card_text = ReadAll(out / "uzum" / "card.json");
    const std::string quality_text = ReadAll(out / "uzum" / "quality.json");
    json card = json::parse(card_text, nullptr, false);
    const json& g = card["content"]["generation"];
    EXPECT_TRUE(g.value("fallback", false)) << g.dump();
    EXPECT_EQ(g["fallback_stages"], json({"research", "strategy", "write"}));
    EXPECT_NE(g.value("fallback_reason", "").find("HTTP 401"), std::string::npos) << g.dump();
    EXPECT_NE(quality_text.find("AI-1"), std::string::npos) << quality_text;
    for (const std::string* text : std::initializer_list<const std::string*>{&card_text, &quality_text, &r.err}) {
        EXPECT_EQ(text->find(kKey), std::string::npos);
    }
}

TEST(GenerateAi, ProviderWithoutKeyOrUnknownIsAStartupError) {
    testing::TempDir dir;
    fs::path out = dir.path() / "cards";
    {
        AiEnv env({{"BY_AI_PROVIDER", "anthropic"}, {"BY_AI_MODEL", "claude-test-1"}});
        RunResult r = Generate(dir, out);
        EXPECT_EQ(r.rc, 2) << r.err;
        EXPECT_NE(r.err.find("ANTHROPIC_API_KEY"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out));
    }
    {
        AiEnv env({{"BY_AI_PROVIDER", "openai"}, {"BY_AI_MODEL", kModel}});  // OpenAI's own URL needs a key
        RunResult r = Generate(dir, out);
        EXPECT_EQ(r.rc, 2) << r.err;
        EXPECT_NE(r.err.find("OPENAI_API_KEY"), std::string::npos) << r.err;
    }
    {
        AiEnv env({{"BY_AI_PROVIDER", "gemini"}});
        RunResult r = Generate(dir, out);
        EXPECT_EQ(r.rc, 2) << r.err;
        EXPECT_NE(r.err.find("ai.provider"), std::string::npos) << r.err;
    }
    {
        AiEnv env({{"BY_AI_PROVIDER", "openai"}, {"BY_AI_MODEL", kModel}, {"BY_AI_RESEARCH", "perplexity"},
                   {"BY_AI_BASE_URL", "http://127.0.0.1:9"}});
        RunResult r = Generate(dir, out);
        EXPECT_EQ(r.rc, 2) << r.err;
        EXPECT_NE(r.err.find("PERPLEXITY_API_KEY"), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out));
    }
    // The same from a config file's [ai] section; a key there is an unknown key, keys live in the environment.
    AiEnv env({});
    fs::path config = dir.path() / "by.toml";
    std::ofstream(config) << "[ai]\nprovider = \"openai\"\nmodel = \"m\"\nbase_url = \"http://127.0.0.1:9\"\n"
                             "research = \"perplexity\"\n";
    RunResult from_file = Generate(dir, out, "--config '" + config.string() + "'");
    EXPECT_EQ(from_file.rc, 2) << from_file.err;
    EXPECT_NE(from_file.err.find("PERPLEXITY_API_KEY"), std::string::npos) << from_file.err;
    std::ofstream(config) << "[ai]\nprovider = \"openai\"\nmodel = \"m\"\napi_key = \"sk-in-a-file\"\n";
    RunResult with_key = Generate(dir, out, "--config '" + config.string() + "'");
    EXPECT_EQ(with_key.rc, 2) << with_key.err;
    EXPECT_NE(with_key.err.find("unknown configuration key ai.api_key"), std::string::npos) << with_key.err;
}

}  // namespace
}  // namespace by
