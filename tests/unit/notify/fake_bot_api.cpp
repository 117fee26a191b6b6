#include "fake_bot_api.hpp"

#include <chrono>

#include "net/curl/curl_http_client.hpp"

namespace by::testing {
namespace {

api::HttpResponse TelegramError(int status, const std::string& description, nlohmann::json params = nullptr) {
    nlohmann::json body = {{"ok", false}, {"error_code", status}, {"description", description}};
    if (!params.is_null()) body["parameters"] = params;
    api::HttpResponse r;
    r.status = status;
    r.body = body.dump();
    return r;
}

}  // namespace

std::string TelegramHtmlProblem(const std::string& text) {
    std::vector<std::string> open;
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '&') {
            bool ok = false;
            for (const char* e : {"&lt;", "&gt;", "&amp;", "&quot;"}) {
                if (text.compare(i, std::char_traits<char>::length(e), e) == 0) ok = true;
            }
            if (!ok) return "Bad Request: can't parse entities: unsupported entity at byte " + std::to_string(i);
        } else if (c == '<') {
            size_t end = text.find('>', i);
            if (end == std::string::npos) return "Bad Request: can't parse entities: unclosed start tag";
            std::string tag = text.substr(i + 1, end - i - 1);
            bool closing = !tag.empty() && tag[0] == '/';
            std::string name = tag.substr(closing ? 1 : 0, tag.find(' ') == std::string::npos ? std::string::npos
                                                                                               : tag.find(' ') - (closing ? 1 : 0));
            static const std::set<std::string> kTags = {"b", "i", "u", "s", "code", "pre", "a"};
            if (!kTags.count(name)) return "Bad Request: can't parse entities: unsupported start tag \"" + name + "\"";
            if (closing) {
                if (open.empty() || open.back() != name) return "Bad Request: can't parse entities: unmatched end tag";
                open.pop_back();
            } else {
                if (name == "a" && tag.rfind("a href=\"", 0) != 0) return "Bad Request: can't parse entities: bad a tag";
                if (name != "a" && tag != name) return "Bad Request: can't parse entities: attributes on " + name;
                open.push_back(name);
            }
            i = end;
        }
    }
    if (!open.empty()) return "Bad Request: can't parse entities: unclosed tag " + open.back();
    return {};
}

FakeBotApi::FakeBotApi(std::string token) : token_(std::move(token)) {
    api::HttpServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.threads = 4;
    server_ = std::make_unique<api::HttpServer>(o, [this](api::HttpRequest& req) { return Handle(req); });
    auto port = server_->Bind();
    if (!port.ok()) std::abort();
    port_ = *port;
    thread_ = std::thread([this] { server_->Serve(); });
    // Stop() before the listener loop has started would be lost (httplib): wait until it answers.
    auto http = net::MakeCurlHttpClient();
    net::HttpRequest ping;
    ping.url = base_url() + "/ready";
    ping.timeout_ms = 1000;
    for (int i = 0; i < 500 && !http->Send(ping).ok(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

FakeBotApi::~FakeBotApi() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
}

std::string FakeBotApi::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<FakeTelegramMessage> FakeBotApi::messages() const {
    std::lock_guard<std::mutex> lock(mu_);
    return messages_;
}

int FakeBotApi::calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
}

void FakeBotApi::Flood(int n, int seconds) {
    std::lock_guard<std::mutex> lock(mu_);
    for (int i = 0; i < n; ++i) forced_.emplace_back(429, seconds);
}

void FakeBotApi::FailNext(int n, int status) {
    std::lock_guard<std::mutex> lock(mu_);
    for (int i = 0; i < n; ++i) forced_.emplace_back(status, 0);
}

void FakeBotApi::Block(const std::string& chat_id) {
    std::lock_guard<std::mutex> lock(mu_);
    blocked_.insert(chat_id);
}

void FakeBotApi::Unknown(const std::string& chat_id) {
    std::lock_guard<std::mutex> lock(mu_);
    unknown_.insert(chat_id);
}

void FakeBotApi::Migrate(const std::string& chat_id, const std::string& to) {
    std::lock_guard<std::mutex> lock(mu_);
    migrated_.emplace_back(chat_id, to);
}

api::HttpResponse FakeBotApi::Handle(api::HttpRequest& req) {
    if (req.method != "POST" || req.path != "/bot" + token_ + "/sendMessage") {
        return TelegramError(req.path.rfind("/bot" + token_ + "/", 0) == 0 ? 404 : 401,
                             req.path.rfind("/bot" + token_ + "/", 0) == 0 ? "Not Found" : "Unauthorized");
    }
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_;
    if (!forced_.empty()) {
        auto [status, retry_after] = forced_.front();
        forced_.pop_front();
        if (status == 429) {
            return TelegramError(429, "Too Many Requests: retry after " + std::to_string(retry_after),
                                 {{"retry_after", retry_after}});
        }
        return TelegramError(status, status == 502 ? "Bad Gateway" : "Internal Server Error");
    }
    auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("chat_id") || !body.contains("text") || !body["text"].is_string()) {
        return TelegramError(400, "Bad Request: message text is empty");
    }
    const auto& chat = body["chat_id"];
    std::string chat_id = chat.is_number_integer() ? std::to_string(chat.get<int64_t>())
                          : chat.is_string()       ? chat.get<std::string>()
                                                   : std::string();
    if (blocked_.count(chat_id)) return TelegramError(403, "Forbidden: bot was blocked by the user");
    if (unknown_.count(chat_id)) return TelegramError(400, "Bad Request: chat not found");
    for (const auto& [from, to] : migrated_) {
        if (from == chat_id) {
            return TelegramError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                                 {{"migrate_to_chat_id", std::stoll(to)}});
        }
    }
    std::string text = body["text"].get<std::string>();
    std::string parse_mode = body.value("parse_mode", "");
    if (parse_mode == "HTML") {
        if (std::string problem = TelegramHtmlProblem(text); !problem.empty()) return TelegramError(400, problem);
    }
    messages_.push_back({chat_id, text, parse_mode});
    api::HttpResponse r;
    r.body = nlohmann::json{{"ok", true},
                            {"result",
                             {{"message_id", static_cast<int64_t>(messages_.size())},
                              {"chat", {{"id", chat}}},
                              {"date", std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count()},
                              {"text", text}}}}
                 .dump();
    return r;
}

}  // namespace by::testing
