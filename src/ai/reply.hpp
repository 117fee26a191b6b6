// Checks a text model's reply before anything uses it: pull the JSON out of the reply text, then validate
// it against the prompt's schema. A reply that fails either step is "malformed": the caller retries once and
// then falls back to the offline engine (model_engine.hpp). Pure functions, thread-safe.
//
// Supported schema keywords (enough for our replies, no $ref): type (object, array, string, integer,
// number, boolean, null, or a list of them), properties, required, additionalProperties (false or a schema),
// items, minItems, maxItems, minLength, maxLength (code points), enum, minimum, maximum.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/error.hpp"

namespace by::ai {

// The JSON value in a reply: the whole text, a ```json fenced block, or the first balanced {...}.
core::Result<nlohmann::json> ExtractJson(std::string_view reply);
// kInvalid naming the first offending path ("$.texts.ru.title: longer than 60").
core::Status ValidateJson(const nlohmann::json& value, const nlohmann::json& schema);
// ExtractJson then ValidateJson.
core::Result<nlohmann::json> ParseReply(std::string_view reply, const nlohmann::json& schema);

}  // namespace by::ai
