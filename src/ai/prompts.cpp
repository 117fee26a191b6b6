#include "ai/prompts.hpp"

#include <fstream>
#include <regex>
#include <sstream>

namespace by::ai {

using nlohmann::json;

namespace {

std::string Lines(const json& j) {
    if (j.is_string()) {
        return j.get<std::string>();
    }
    std::string out;
    for (const auto& line : j) {
        out += line.get<std::string>() + "\n";
    }
    return out;
}

}  // namespace

core::Result<std::shared_ptr<const PromptLibrary>> PromptLibrary::Load(const std::filesystem::path& data_dir) {
    std::shared_ptr<PromptLibrary> lib(new PromptLibrary());
    const auto dir = data_dir / "prompts";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return core::Error::NotFound("no prompt directory " + dir.string());
    }
    static const std::regex kName(R"(([a-z_]+)\.v([0-9]+)\.json)");
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        std::smatch m;
        std::string name = entry.path().filename().string();
        if (!std::regex_match(name, m, kName)) {
            continue;
        }
        std::ifstream in(entry.path());
        std::stringstream ss;
        ss << in.rdbuf();
        json j = json::parse(ss.str(), nullptr, false);
        if (j.is_discarded()) {
            return core::Error::Invalid("malformed JSON in prompts/" + name);
        }
        try {
            PromptTemplate t;
            t.id = j.at("id").get<std::string>();
            t.version = j.at("version").get<int>();
            if (t.id != m[1].str() || t.version != std::stoi(m[2].str())) {
                return core::Error::Invalid("prompts/" + name + ": id and version must match the file name");
            }
            t.purpose = j.value("purpose", std::string());
            t.system = Lines(j.at("system"));
            t.user = Lines(j.at("user"));
            t.schema = j.at("schema");
            if (!t.schema.is_object()) {
                return core::Error::Invalid("prompts/" + name + ": schema must be an object");
            }
            lib->prompts_[t.id][t.version] = std::move(t);
        } catch (const json::exception& e) {
            return core::Error::Invalid("prompts/" + name + ": " + e.what());
        }
    }
    return std::shared_ptr<const PromptLibrary>(std::move(lib));
}

const PromptTemplate* PromptLibrary::Latest(std::string_view id) const {
    auto it = prompts_.find(id);
    return it == prompts_.end() || it->second.empty() ? nullptr : &it->second.rbegin()->second;
}

const PromptTemplate* PromptLibrary::Find(std::string_view id, int version) const {
    auto it = prompts_.find(id);
    if (it == prompts_.end()) {
        return nullptr;
    }
    auto v = it->second.find(version);
    return v == it->second.end() ? nullptr : &v->second;
}

core::Result<Prompt> PromptLibrary::Render(const PromptTemplate& tpl, const std::map<std::string, std::string>& vars) const {
    auto fill = [&](std::string s) -> core::Result<std::string> {
        std::string out;
        size_t pos = 0;
        while (true) {
            size_t b = s.find("{{", pos);
            if (b == std::string::npos) {
                out += s.substr(pos);
                break;
            }
            size_t e = s.find("}}", b);
            if (e == std::string::npos) {
                return core::Error::Invalid("prompt " + tpl.id + ": unclosed placeholder");
            }
            std::string name = s.substr(b + 2, e - b - 2);
            auto it = vars.find(name);
            if (it == vars.end()) {
                return core::Error::Invalid("prompt " + tpl.id + ": no value for {{" + name + "}}");
            }
            out += s.substr(pos, b - pos) + it->second;
            pos = e + 2;
        }
        return out;
    };
    BY_ASSIGN(std::string system, fill(tpl.system));
    BY_ASSIGN(std::string user, fill(tpl.user));
    return Prompt{tpl.id, tpl.version, std::move(system), std::move(user)};
}

}  // namespace by::ai
