// PromptLibrary: versioned prompt files for remote text models, data/prompts/<id>.v<N>.json:
//   {"id", "version", "purpose", "system": [lines], "user": [lines], "schema": {JSON schema of the reply}}
// Placeholders are {{name}}; Render() fails when one is left unfilled, so a prompt never ships half empty.
// Loaded once at start-up and immutable afterwards: safe to share between threads.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ai/text_model.hpp"
#include "core/error.hpp"

namespace by::ai {

struct PromptTemplate {
    std::string id;
    int version = 0;
    std::string purpose;
    std::string system;
    std::string user;
    nlohmann::json schema;  // the reply's expected shape (a JSON-schema subset, see reply.hpp)
};

class PromptLibrary {
  public:
    static core::Result<std::shared_ptr<const PromptLibrary>> Load(const std::filesystem::path& data_dir);

    // The highest version of a prompt id; nullptr when absent.
    const PromptTemplate* Latest(std::string_view id) const;
    const PromptTemplate* Find(std::string_view id, int version) const;
    core::Result<Prompt> Render(const PromptTemplate& tpl, const std::map<std::string, std::string>& vars) const;

  private:
    PromptLibrary() = default;
    std::map<std::string, std::map<int, PromptTemplate>, std::less<>> prompts_;
};

}  // namespace by::ai
