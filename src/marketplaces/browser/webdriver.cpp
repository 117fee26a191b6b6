#include "marketplaces/browser/webdriver.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "core/secret.hpp"

namespace by::marketplaces::browser {

using nlohmann::json;

namespace {

core::Result<json> Exchange(net::HttpClient& http, const std::string& method, const std::string& url,
                            const json* body, int64_t timeout_ms, bool sensitive) {
    net::HttpRequest req;
    req.method = method;
    req.url = url;
    req.timeout_ms = timeout_ms;
    req.connect_timeout_ms = std::min<int64_t>(timeout_ms, 5000);
    req.retry.max_attempts = 1;  // a click or a typed key must not happen twice
    req.retry.retry_rate_limited = false;
    req.headers.emplace_back("Accept", "application/json");
    req.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    if (body != nullptr) {
        req.body = body->dump();
    } else if (method == "POST") {
        req.body = "{}";
    }
    auto res = http.Send(req);
    if (sensitive) {
        core::WipeString(req.body);
    }
    if (!res.ok()) {
        core::Error e = std::move(res).error();
        if (sensitive) {
            e.context.clear();
        }
        return e;
    }
    return DecodeResponse(res->status, res->body, sensitive);
}

}  // namespace

WebDriverSession::WebDriverSession(net::HttpClient& http, std::string base_url, std::string session_id,
                                   int64_t command_timeout_ms)
    : http_(http), base_url_(std::move(base_url)), id_(std::move(session_id)), command_timeout_ms_(command_timeout_ms) {}

WebDriverSession::~WebDriverSession() = default;

core::Result<json> WebDriverSession::Call(const std::string& method, const std::string& path, const json* body,
                                          bool sensitive) {
    if (deleted_) {
        return core::Error::Unavailable("browser: session already closed");
    }
    return Exchange(http_, method, base_url_ + "/session/" + id_ + path, body, command_timeout_ms_, sensitive);
}

std::string WebDriverSession::ElementPath(const Element& e, std::string_view suffix) const {
    return "/element/" + e.id + std::string(suffix);
}

core::Status WebDriverSession::SetTimeouts(const Timeouts& timeouts) {
    json body = TimeoutsBody(timeouts);
    BY_TRY(Call("POST", "/timeouts", &body));
    return core::Ok();
}

core::Status WebDriverSession::Navigate(const std::string& url) {
    json body = {{"url", url}};
    BY_TRY(Call("POST", "/url", &body));
    return core::Ok();
}

namespace {
core::Result<std::string> AsString(core::Result<json> r) {
    if (!r.ok()) {
        return std::move(r).error();
    }
    if (!r->is_string()) {
        return core::Error::Unavailable("browser: expected a string answer");
    }
    return r->get<std::string>();
}
}  // namespace

core::Result<std::string> WebDriverSession::CurrentUrl() { return AsString(Call("GET", "/url", nullptr)); }
core::Result<std::string> WebDriverSession::Title() { return AsString(Call("GET", "/title", nullptr)); }
core::Result<std::string> WebDriverSession::PageSource() { return AsString(Call("GET", "/source", nullptr)); }

core::Result<std::string> WebDriverSession::Screenshot() {
    BY_ASSIGN(std::string b64, AsString(Call("GET", "/screenshot", nullptr)));
    auto png = Base64Decode(b64);
    if (!png || !LooksLikePng(*png)) {
        return core::Error::Unavailable("browser: screenshot is not a PNG");
    }
    return std::move(*png);
}

core::Result<Element> WebDriverSession::FindElement(std::string_view css) {
    json body = FindBody(css);
    BY_ASSIGN(json v, Call("POST", "/element", &body));
    BY_ASSIGN(std::string id, ElementIdFrom(v));
    return Element{std::move(id)};
}

core::Result<std::vector<Element>> WebDriverSession::FindElements(std::string_view css) {
    json body = FindBody(css);
    BY_ASSIGN(json v, Call("POST", "/elements", &body));
    BY_ASSIGN(std::vector<std::string> ids, ElementIdsFrom(v));
    std::vector<Element> out;
    out.reserve(ids.size());
    for (auto& id : ids) {
        out.push_back(Element{std::move(id)});
    }
    return out;
}

core::Result<size_t> WebDriverSession::WaitForAny(const std::vector<std::string>& css, int64_t timeout_ms,
                                                  int64_t poll_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        for (size_t i = 0; i < css.size(); ++i) {
            BY_ASSIGN(std::vector<Element> found, FindElements(css[i]));
            if (!found.empty()) {
                return i;
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return core::Error::Timeout("browser: the expected page did not appear");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(poll_ms));
    }
}

core::Status WebDriverSession::Click(const Element& e) {
    json body = json::object();
    BY_TRY(Call("POST", ElementPath(e, "/click"), &body));
    return core::Ok();
}

core::Status WebDriverSession::Clear(const Element& e) {
    json body = json::object();
    BY_TRY(Call("POST", ElementPath(e, "/clear"), &body));
    return core::Ok();
}

core::Status WebDriverSession::SendKeys(const Element& e, std::string_view text) {
    json body = SendKeysBody(text);
    BY_TRY(Call("POST", ElementPath(e, "/value"), &body));
    return core::Ok();
}

core::Status WebDriverSession::TypeSecret(const Element& e, std::string_view secret) {
    json body = SendKeysBody(secret);
    auto r = Call("POST", ElementPath(e, "/value"), &body, /*sensitive=*/true);
    // nlohmann keeps the string inside the json: wipe it before the json frees it.
    if (auto it = body.find("text"); it != body.end() && it->is_string()) {
        core::WipeString(it->get_ref<std::string&>());
    }
    if (!r.ok()) {
        return std::move(r).error();
    }
    return core::Ok();
}

core::Status WebDriverSession::UploadFiles(const Element& e, const std::vector<std::string>& paths) {
    std::string lines;
    for (const auto& path : paths) {
        std::error_code ec;
        auto abs = std::filesystem::absolute(path, ec);
        if (ec || !std::filesystem::is_regular_file(abs, ec)) {
            return core::Error::NotFound("browser: upload file does not exist");
        }
        if (!lines.empty()) {
            lines += '\n';
        }
        lines += abs.string();
    }
    return SendKeys(e, lines);
}

core::Result<std::string> WebDriverSession::Text(const Element& e) {
    return AsString(Call("GET", ElementPath(e, "/text"), nullptr));
}

core::Result<std::optional<std::string>> WebDriverSession::Attribute(const Element& e, std::string_view name) {
    BY_ASSIGN(json v, Call("GET", ElementPath(e, "/attribute/" + std::string(name)), nullptr));
    if (v.is_null()) {
        return std::optional<std::string>();
    }
    if (v.is_string()) {
        return std::optional<std::string>(v.get<std::string>());
    }
    return std::optional<std::string>(v.dump());
}

core::Result<json> WebDriverSession::Property(const Element& e, std::string_view name) {
    return Call("GET", ElementPath(e, "/property/" + std::string(name)), nullptr);
}

core::Result<std::string> WebDriverSession::TagName(const Element& e) {
    return AsString(Call("GET", ElementPath(e, "/name"), nullptr));
}

core::Result<bool> WebDriverSession::Selected(const Element& e) {
    BY_ASSIGN(json v, Call("GET", ElementPath(e, "/selected"), nullptr));
    return v.is_boolean() && v.get<bool>();
}

core::Result<json> WebDriverSession::ExecuteScript(std::string_view script, const json& args) {
    json body = ScriptBody(script, args);
    return Call("POST", "/execute/sync", &body);
}

core::Status WebDriverSession::Delete() {
    if (deleted_) {
        return core::Ok();
    }
    auto r = Call("DELETE", "", nullptr);
    deleted_ = true;
    if (!r.ok() && r.error().code != core::ErrorCode::kNotFound) {
        return std::move(r).error();
    }
    return core::Ok();
}

WebDriverClient::WebDriverClient(net::HttpClient& http, std::string base_url, int64_t command_timeout_ms)
    : http_(http), base_url_(std::move(base_url)), command_timeout_ms_(command_timeout_ms) {}

core::Status WebDriverClient::Ready() {
    BY_ASSIGN(json v, Exchange(http_, "GET", base_url_ + "/status", nullptr, command_timeout_ms_, false));
    if (v.is_object() && v.value("ready", false)) {
        return core::Ok();
    }
    return core::Error::Unavailable("browser: chromedriver not ready");
}

core::Result<WebDriverSessionPtr> WebDriverClient::NewSession(const ChromeOptions& options, int64_t timeout_ms) {
    json body = NewSessionBody(options);
    BY_ASSIGN(json v, Exchange(http_, "POST", base_url_ + "/session", &body, timeout_ms, false));
    BY_ASSIGN(std::string id, SessionIdFrom(v));
    return std::make_unique<WebDriverSession>(http_, base_url_, std::move(id), command_timeout_ms_);
}

}  // namespace by::marketplaces::browser
