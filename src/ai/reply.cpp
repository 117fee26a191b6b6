#include "ai/reply.hpp"

#include "ai/text.hpp"

namespace by::ai {

using nlohmann::json;

namespace {

bool TypeMatches(const json& v, const std::string& type) {
    if (type == "object") {
        return v.is_object();
    }
    if (type == "array") {
        return v.is_array();
    }
    if (type == "string") {
        return v.is_string();
    }
    if (type == "integer") {
        return v.is_number_integer() || v.is_number_unsigned();
    }
    if (type == "number") {
        return v.is_number();
    }
    if (type == "boolean") {
        return v.is_boolean();
    }
    if (type == "null") {
        return v.is_null();
    }
    return false;
}

core::Status Validate(const json& v, const json& schema, const std::string& path) {
    if (!schema.is_object()) {
        return core::Ok();
    }
    if (auto t = schema.find("type"); t != schema.end()) {
        bool ok = false;
        if (t->is_string()) {
            ok = TypeMatches(v, t->get<std::string>());
        } else if (t->is_array()) {
            for (const auto& one : *t) {
                ok = ok || TypeMatches(v, one.get<std::string>());
            }
        }
        if (!ok) {
            return core::Error::Invalid(path + ": expected " + t->dump(), path);
        }
    }
    if (auto e = schema.find("enum"); e != schema.end() && e->is_array()) {
        bool found = false;
        for (const auto& option : *e) {
            found = found || option == v;
        }
        if (!found) {
            return core::Error::Invalid(path + ": not one of " + e->dump(), path);
        }
    }
    if (v.is_string()) {
        size_t len = text::Length(v.get<std::string>());
        if (auto m = schema.find("maxLength"); m != schema.end() && len > m->get<size_t>()) {
            return core::Error::Invalid(path + ": longer than " + m->dump(), path);
        }
        if (auto m = schema.find("minLength"); m != schema.end() && len < m->get<size_t>()) {
            return core::Error::Invalid(path + ": shorter than " + m->dump(), path);
        }
    }
    if (v.is_number()) {
        double d = v.get<double>();
        if (auto m = schema.find("minimum"); m != schema.end() && d < m->get<double>()) {
            return core::Error::Invalid(path + ": below " + m->dump(), path);
        }
        if (auto m = schema.find("maximum"); m != schema.end() && d > m->get<double>()) {
            return core::Error::Invalid(path + ": above " + m->dump(), path);
        }
    }
    if (v.is_array()) {
        if (auto m = schema.find("minItems"); m != schema.end() && v.size() < m->get<size_t>()) {
            return core::Error::Invalid(path + ": fewer than " + m->dump() + " items", path);
        }
        if (auto m = schema.find("maxItems"); m != schema.end() && v.size() > m->get<size_t>()) {
            return core::Error::Invalid(path + ": more than " + m->dump() + " items", path);
        }
        if (auto items = schema.find("items"); items != schema.end()) {
            for (size_t i = 0; i < v.size(); ++i) {
                BY_TRY(Validate(v[i], *items, path + "[" + std::to_string(i) + "]"));
            }
        }
    }
    if (v.is_object()) {
        const json props = schema.value("properties", json::object());
        for (const auto& r : schema.value("required", json::array())) {
            if (!v.contains(r.get<std::string>())) {
                return core::Error::Invalid(path + "." + r.get<std::string>() + ": required", path);
            }
        }
        for (const auto& [key, value] : v.items()) {
            std::string sub = path + "." + key;
            if (auto p = props.find(key); p != props.end()) {
                BY_TRY(Validate(value, *p, sub));
                continue;
            }
            auto extra = schema.find("additionalProperties");
            if (extra != schema.end()) {
                if (extra->is_boolean() && !extra->get<bool>()) {
                    return core::Error::Invalid(sub + ": not expected", sub);
                }
                if (extra->is_object()) {
                    BY_TRY(Validate(value, *extra, sub));
                }
            }
        }
    }
    return core::Ok();
}

}  // namespace

core::Result<json> ExtractJson(std::string_view reply) {
    std::string s = text::Trim(reply);
    json j = json::parse(s, nullptr, false);
    if (!j.is_discarded()) {
        return j;
    }
    // A fenced block: ```json ... ``` (models often wrap their answer).
    if (auto fence = s.find("```"); fence != std::string::npos) {
        size_t body = s.find('\n', fence);
        size_t end = body == std::string::npos ? std::string::npos : s.find("```", body);
        if (end != std::string::npos) {
            j = json::parse(s.substr(body + 1, end - body - 1), nullptr, false);
            if (!j.is_discarded()) {
                return j;
            }
        }
    }
    // The first balanced {...}, strings and escapes respected.
    size_t start = s.find('{');
    while (start != std::string::npos) {
        int depth = 0;
        bool in_string = false;
        bool escaped = false;
        for (size_t i = start; i < s.size(); ++i) {
            char c = s[i];
            if (in_string) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    in_string = false;
                }
                continue;
            }
            if (c == '"') {
                in_string = true;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}' && --depth == 0) {
                j = json::parse(s.substr(start, i - start + 1), nullptr, false);
                if (!j.is_discarded()) {
                    return j;
                }
                break;
            }
        }
        start = s.find('{', start + 1);
    }
    return core::Error::Invalid("the reply holds no JSON value");
}

core::Status ValidateJson(const json& value, const json& schema) {
    try {
        return Validate(value, schema, "$");
    } catch (const json::exception& e) {
        return core::Error::Invalid(std::string("schema error: ") + e.what());
    }
}

core::Result<json> ParseReply(std::string_view reply, const json& schema) {
    BY_ASSIGN(json j, ExtractJson(reply));
    BY_TRY(ValidateJson(j, schema));
    return j;
}

}  // namespace by::ai
