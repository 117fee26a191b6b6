#include "ai/provider_http.hpp"

#include "core/clock.hpp"
#include "net/redact.hpp"
#include "net/retry.hpp"
#include "obs/log.hpp"

namespace by::ai {

using nlohmann::json;

namespace {

constexpr size_t kMaxUpstreamText = 300;  // of an upstream error message, in an Error or a log line

std::string Prefixed(std::string_view provider, const std::string& what) { return std::string(provider) + ": " + what; }

// "authentication_error: invalid x-api-key" from {"error":{"type","message"}} (Anthropic, OpenAI) or
// {"error":"..."} (Ollama, llama.cpp); else the start of the body.
std::string UpstreamError(const std::string& body) {
    json j = json::parse(body, nullptr, false);
    if (j.is_object()) {
        auto e = j.find("error");
        if (e != j.end() && e->is_string()) {
            return e->get<std::string>();
        }
        if (e != j.end() && e->is_object()) {
            std::string type = StringField(*e, "type");
            if (type.empty()) {
                type = StringField(*e, "code");
            }
            std::string message = StringField(*e, "message");
            return type.empty() ? message : message.empty() ? type : type + ": " + message;
        }
    }
    return body;
}

}  // namespace

std::string JoinUrl(std::string_view base_url, std::string_view path) {
    std::string base(base_url);
    while (!base.empty() && base.back() == '/') {
        base.pop_back();
    }
    if (base.size() >= 3 && base.compare(base.size() - 3, 3, "/v1") == 0 && path.substr(0, 4) == "/v1/") {
        base.resize(base.size() - 3);
    }
    return base + std::string(path);
}

core::Error ErrorFromAnswer(std::string_view provider, const net::HttpResponse& answer, const net::Headers& sent) {
    const int status = answer.status;
    std::string detail = net::ScrubAndTruncate(UpstreamError(answer.body), sent, kMaxUpstreamText);
    std::string msg = Prefixed(provider, "HTTP " + std::to_string(status) + (detail.empty() ? "" : " " + detail));
    if (status == 429) {
        int64_t wait = net::RetryAfterMs(answer, core::SystemClock().NowMs()).value_or(0);
        return core::Error::RateLimited(wait, msg);
    }
    if (status == 408) {
        return core::Error::Timeout(msg);
    }
    if (status >= 500) {
        core::Error e = core::Error::Unavailable(msg);
        e.retry_after_ms = net::RetryAfterMs(answer, core::SystemClock().NowMs()).value_or(0);
        return e;
    }
    if (status == 401) {
        return core::Error::Unauthenticated(msg + " (check the API key in the environment)");
    }
    if (status == 403) {
        return core::Error::Forbidden(msg);
    }
    return core::Error::Invalid(msg);
}

core::Result<json> PostJson(net::HttpClient& http, std::string_view provider, const std::string& url,
                            net::Headers headers, const json& body, const ProviderOptions& options) {
    net::HttpRequest req;
    req.method = "POST";
    req.url = url;
    req.headers = std::move(headers);
    req.headers.emplace_back("content-type", "application/json");
    req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    req.timeout_ms = options.timeout_ms;
    req.connect_timeout_ms = options.connect_timeout_ms;
    req.retry = options.retry;
    auto answer = http.Send(req);
    if (!answer.ok()) {
        core::Error e = std::move(answer).error();
        e.message = Prefixed(provider, e.message);
        obs::Log(obs::Level::kWarn, "ai_call_failed",
                 {{"provider", provider}, {"model", options.model}, {"error", e.message}});
        return e;
    }
    if (answer->status < 200 || answer->status >= 300) {
        core::Error e = ErrorFromAnswer(provider, *answer, req.headers);
        obs::Log(obs::Level::kWarn, "ai_call_failed",
                 {{"provider", provider},
                  {"model", options.model},
                  {"status", answer->status},
                  {"attempts", answer->attempts},
                  {"error", e.message}});
        return e;
    }
    json j = json::parse(answer->body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        obs::Log(obs::Level::kWarn, "ai_call_failed",
                 {{"provider", provider}, {"model", options.model}, {"status", answer->status}, {"error", "not JSON"}});
        return core::Error::Unavailable(Prefixed(provider, "the answer is not a JSON object"));
    }
    return j;
}

std::string StringField(const json& j, std::string_view key) {
    if (!j.is_object()) {
        return {};
    }
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string SchemaInstruction(const json& json_schema) {
    return "\n\nReply with one JSON object and nothing else. It must match this JSON schema:\n" + json_schema.dump();
}

}  // namespace by::ai
