#include "marketplaces/browser/webdriver_protocol.hpp"

#include <array>

namespace by::marketplaces::browser {

using nlohmann::json;

std::vector<std::string> ChromeArgs(const ChromeOptions& options) {
    std::vector<std::string> args;
    if (options.headless) {
        args.emplace_back("--headless");
    }
    // Without the background-networking flags Chromium dials out at start and this machine's closed
    // network refuses those connections slowly; QUIC is off for the same reason.
    for (const char* a : {"--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          "--disable-dev-shm-usage", "--password-store=basic", "--disable-extensions"}) {
        args.emplace_back(a);
    }
    args.push_back("--window-size=" + std::to_string(options.window_width) + "," +
                   std::to_string(options.window_height));
    if (!options.user_data_dir.empty()) {
        args.push_back("--user-data-dir=" + options.user_data_dir);
    }
    for (const auto& a : options.extra_args) {
        args.push_back(a);
    }
    return args;
}

json NewSessionBody(const ChromeOptions& options) {
    json chrome = {{"binary", options.binary}, {"args", ChromeArgs(options)}};
    // Never offer to save the password we type, never show a save-password bubble in a screenshot.
    chrome["prefs"] = {{"credentials_enable_service", false}, {"profile.password_manager_enabled", false}};
    json always = {{"browserName", "chrome"},
                   {"pageLoadStrategy", "normal"},
                   {"unhandledPromptBehavior", "dismiss"},
                   {"goog:chromeOptions", chrome}};
    return {{"capabilities", {{"alwaysMatch", always}}}};
}

json TimeoutsBody(const Timeouts& t) {
    return {{"implicit", t.implicit_ms}, {"pageLoad", t.page_load_ms}, {"script", t.script_ms}};
}

json FindBody(std::string_view css) { return {{"using", "css selector"}, {"value", std::string(css)}}; }

json SendKeysBody(std::string_view text) { return {{"text", std::string(text)}}; }

json ScriptBody(std::string_view script, const json& args) {
    return {{"script", std::string(script)}, {"args", args.is_array() ? args : json::array()}};
}

json ElementRef(const std::string& element_id) { return {{kElementKey, element_id}}; }

namespace {

std::string FirstLine(std::string_view message) {
    auto nl = message.find('\n');
    std::string out(message.substr(0, nl));
    if (out.size() > 200) {
        out.resize(200);
    }
    return out;
}

}  // namespace

core::Error ErrorFromW3c(std::string_view code, std::string_view message, bool sensitive) {
    core::Error e;
    if (code == "no such element" || code == "no such frame" || code == "no such window" ||
        code == "stale element reference" || code == "no such shadow root" || code == "detached shadow root" ||
        code == "no such alert" || code == "no such cookie") {
        e.code = core::ErrorCode::kNotFound;
        e.message = "browser: element or window not found";
    } else if (code == "timeout" || code == "script timeout") {
        e.code = core::ErrorCode::kTimeout;
        e.message = "browser: command timed out";
    } else if (code == "element not interactable" || code == "element click intercepted" ||
               code == "invalid element state" || code == "invalid argument" || code == "invalid selector" ||
               code == "unexpected alert open" || code == "javascript error" || code == "move target out of bounds") {
        e.code = core::ErrorCode::kUnprocessable;
        e.message = "browser: the page refused the action";
    } else if (code == "invalid session id" || code == "session not created" || code == "unknown error" ||
               code.empty()) {
        e.code = core::ErrorCode::kUnavailable;
        e.message = "browser: session unavailable";
    } else {
        e.code = core::ErrorCode::kInternal;
        e.message = "browser: webdriver error";
    }
    e.field = "webdriver:" + std::string(code);
    if (!sensitive) {
        e.context = FirstLine(message);
    }
    return e;
}

core::Result<json> DecodeResponse(int http_status, std::string_view body, bool sensitive) {
    json doc = json::parse(body, nullptr, false);
    bool is_object = !doc.is_discarded() && doc.is_object();
    if (http_status >= 200 && http_status < 300) {
        if (!is_object || !doc.contains("value")) {
            return core::Error::Unavailable("browser: malformed webdriver answer");
        }
        return std::move(doc["value"]);
    }
    if (is_object && doc.contains("value") && doc["value"].is_object()) {
        const json& v = doc["value"];
        std::string code = v.value("error", "");
        std::string message = v.contains("message") && v["message"].is_string() ? v["message"].get<std::string>() : "";
        return ErrorFromW3c(code, message, sensitive);
    }
    core::Error e = core::Error::Unavailable("browser: webdriver answered " + std::to_string(http_status));
    e.field = "webdriver:";
    return e;
}

core::Result<std::string> SessionIdFrom(const json& value) {
    if (value.is_object() && value.contains("sessionId") && value["sessionId"].is_string()) {
        return value["sessionId"].get<std::string>();
    }
    return core::Error::Unavailable("browser: new session answer without sessionId");
}

core::Result<std::string> ElementIdFrom(const json& value) {
    if (value.is_object() && value.contains(kElementKey) && value[kElementKey].is_string()) {
        return value[kElementKey].get<std::string>();
    }
    return core::Error::Unavailable("browser: answer is not an element reference");
}

core::Result<std::vector<std::string>> ElementIdsFrom(const json& value) {
    if (!value.is_array()) {
        return core::Error::Unavailable("browser: answer is not a list of elements");
    }
    std::vector<std::string> ids;
    for (const auto& v : value) {
        BY_ASSIGN(std::string id, ElementIdFrom(v));
        ids.push_back(std::move(id));
    }
    return ids;
}

std::optional<std::string> Base64Decode(std::string_view text) {
    static const auto kTable = [] {
        std::array<int, 256> t{};
        t.fill(-1);
        const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; ++i) {
            t[static_cast<unsigned char>(alphabet[i])] = i;
        }
        return t;
    }();
    std::string clean;
    clean.reserve(text.size());
    for (char c : text) {
        if (c != '\n' && c != '\r') {
            clean.push_back(c);
        }
    }
    if (clean.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string out;
    out.reserve(clean.size() / 4 * 3);
    for (size_t i = 0; i < clean.size(); i += 4) {
        int vals[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            char c = clean[i + k];
            if (c == '=') {
                // Padding only at the very end, at most two.
                if (i + 4 != clean.size() || k < 2) {
                    return std::nullopt;
                }
                vals[k] = 0;
                ++pad;
            } else {
                if (pad > 0) {
                    return std::nullopt;
                }
                vals[k] = kTable[static_cast<unsigned char>(c)];
                if (vals[k] < 0) {
                    return std::nullopt;
                }
            }
        }
        uint32_t n = (vals[0] << 18) | (vals[1] << 12) | (vals[2] << 6) | vals[3];
        out.push_back(static_cast<char>((n >> 16) & 0xff));
        if (pad < 2) {
            out.push_back(static_cast<char>((n >> 8) & 0xff));
        }
        if (pad < 1) {
            out.push_back(static_cast<char>(n & 0xff));
        }
    }
    return out;
}

bool LooksLikePng(std::string_view bytes) {
    static constexpr std::string_view kSig("\x89PNG\r\n\x1a\n", 8);
    return bytes.substr(0, 8) == kSig;
}

}  // namespace by::marketplaces::browser
