// TextModel: a remote language model behind one call (Anthropic Messages, OpenAI-compatible chat,
// Perplexity…). Backends live in src/ai/<provider>/ and need the outbound HTTP client (src/net); this
// header and the reply checks (reply.hpp) are all the engine depends on, so tests plug in canned replies.
//
// Contract: Complete() sends the prompt, asks for a JSON reply matching `json_schema` (providers that
// support structured output pass the schema on; others get it inside the prompt), and returns the raw
// reply text. It never throws; transport faults are Errors (transient ones: kUnavailable, kTimeout,
// kRateLimited). Implementations must be safe to call from several threads at once.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"

namespace by::ai {

struct Prompt {
    std::string id;       // prompt file id, e.g. "write_card"
    int version = 0;      // data/prompts/<id>.v<version>.json
    std::string system;
    std::string user;
};

class TextModel {
  public:
    virtual ~TextModel() = default;
    virtual core::Result<std::string> Complete(const Prompt& prompt, const nlohmann::json& json_schema) = 0;
    // "anthropic/claude-…", "openai/…", "perplexity/…": recorded in CardContent::generation.
    virtual std::string Name() const = 0;
};

}  // namespace by::ai
