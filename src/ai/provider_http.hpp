// What the remote TextModels (anthropic/, openai/, perplexity/) share: their options, the URL join, the
// POST of a JSON body through net::HttpClient, and one mapping from an HTTP answer to a typed Error.
//
// Error mapping (every provider): 429 -> kRateLimited with the Retry-After wait; 500/502/503/504/529
// (Anthropic's "overloaded") -> kUnavailable; 408 -> kTimeout; 401 -> kUnauthenticated; 403 -> kForbidden;
// any other 4xx -> kInvalid. The message names the provider, the status and the upstream error type and
// text, scrubbed of every credential header value sent (an upstream that echoes the key shows ***).
// Retries of transient answers (429 with Retry-After, 5xx) happen in the HttpClient (net/retry.hpp)
// within `retry`; the content engine then retries a failed call once more (model_engine.hpp).
// Pure functions over values; thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "net/http_client.hpp"

namespace by::ai {

struct ProviderOptions {
    std::string base_url;          // e.g. https://api.anthropic.com; a trailing "/" or "/v1" is dropped
    std::string model;             // e.g. claude-sonnet-4-5, gpt-4o-mini, llama3.1, sonar
    int64_t timeout_ms = 60000;    // one HTTP attempt; model replies of a few thousand tokens take seconds
    int64_t connect_timeout_ms = 5000;
    int max_tokens = 4096;         // reply cap; a card in two languages needs about 2000
    // Transient answers (429, 5xx, no answer) retried inside one Complete(): 3 tries within 30 s, waiting
    // what Retry-After asks when it fits.
    net::RetryPolicy retry{3, 1000, 10000, 30000, true};
};

// base_url without a trailing "/" or "/v1", then `path` ("/v1/messages").
std::string JoinUrl(std::string_view base_url, std::string_view path);

// POSTs `body` as JSON to `url` with `headers` (credential headers are wiped when the request goes) and
// returns the parsed JSON of a 2xx answer. `provider` ("anthropic") prefixes every error message.
core::Result<nlohmann::json> PostJson(net::HttpClient& http, std::string_view provider, const std::string& url,
                                      net::Headers headers, const nlohmann::json& body, const ProviderOptions& options);

// The typed Error for a non-2xx answer (see the mapping above). `sent` are the request's headers, used to
// scrub their secret values from the message.
core::Error ErrorFromAnswer(std::string_view provider, const net::HttpResponse& answer, const net::Headers& sent);

// j[key] when it is a string, else "" (never throws: upstream answers may carry null or other types).
std::string StringField(const nlohmann::json& j, std::string_view key);

// The schema spelled out for providers that cannot take it as a parameter, appended to the system prompt.
std::string SchemaInstruction(const nlohmann::json& json_schema);

}  // namespace by::ai
