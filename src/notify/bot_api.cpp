#include "notify/bot_api.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "net/retry.hpp"

namespace by::notify {
namespace {

bool ContainsNoCase(std::string text, std::string needle) {
    auto lower = [](std::string& s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    };
    lower(text);
    lower(needle);
    return text.find(needle) != std::string::npos;
}

bool IsNumericChat(const std::string& chat_id) {
    if (chat_id.empty()) return false;
    size_t start = chat_id[0] == '-' ? 1 : 0;
    return start < chat_id.size() && chat_id.size() - start <= 18 &&
           std::all_of(chat_id.begin() + start, chat_id.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

const char* SendResultKindName(SendResult::Kind kind) {
    switch (kind) {
        case SendResult::Kind::kSent: return "sent";
        case SendResult::Kind::kRetryAfter: return "retry_after";
        case SendResult::Kind::kTransient: return "transient";
        case SendResult::Kind::kChatUnreachable: return "chat_unreachable";
        case SendResult::Kind::kChatMoved: return "chat_moved";
        case SendResult::Kind::kRejected: return "rejected";
        case SendResult::Kind::kBotMisconfigured: return "bot_misconfigured";
        case SendResult::Kind::kNotConfigured: return "not_configured";
    }
    return "transient";
}

BotApi::BotApi(net::HttpClient& http, core::SecretBuffer token, BotApiOptions options)
    : http_(http), token_(std::move(token)), options_(std::move(options)) {
    while (!options_.api_url.empty() && options_.api_url.back() == '/') options_.api_url.pop_back();
}

std::string BotApi::Scrub(std::string text) const {
    if (token_.empty()) return text;
    std::string_view token = token_.view();
    size_t pos = 0;
    while ((pos = text.find(token, pos)) != std::string::npos) {
        text.replace(pos, token.size(), "***");
        pos += 3;
    }
    return text;
}

SendResult BotApi::SendMessage(const std::string& chat_id, const std::string& html_text) {
    SendResult out;
    if (!configured()) {
        out.kind = SendResult::Kind::kNotConfigured;
        out.description = "no Telegram bot is configured on the server";
        return out;
    }
    nlohmann::json body = {{"text", html_text}, {"parse_mode", "HTML"}, {"link_preview_options", {{"is_disabled", true}}}};
    if (IsNumericChat(chat_id)) {
        body["chat_id"] = std::strtoll(chat_id.c_str(), nullptr, 10);
    } else {
        body["chat_id"] = chat_id;
    }
    net::HttpRequest req;
    req.method = "POST";
    req.url = options_.api_url + "/bot" + std::string(token_.view()) + "/sendMessage";
    req.headers = {{"Content-Type", "application/json"}};
    req.body = body.dump();
    req.timeout_ms = options_.timeout_ms;
    req.retry.max_attempts = 1;  // the outbox retries, with its own backoff, across restarts
    auto r = http_.Send(req);
    core::WipeString(req.url);
    if (!r.ok()) {
        out.kind = SendResult::Kind::kTransient;
        out.description = Scrub(r.error().message);
        return out;
    }
    out.http_status = r->status;
    auto answer = nlohmann::json::parse(r->body, nullptr, false);
    if (answer.is_object() && answer.contains("description") && answer["description"].is_string()) {
        out.description = Scrub(answer["description"].get<std::string>());
    } else if (r->status != 200) {
        out.description = "HTTP " + std::to_string(r->status);
    }
    nlohmann::json params = answer.is_object() ? answer.value("parameters", nlohmann::json::object())
                                               : nlohmann::json::object();
    if (!params.is_object()) params = nlohmann::json::object();
    int s = r->status;
    if (s == 200 && answer.is_object() && answer.value("ok", false)) {
        out.kind = SendResult::Kind::kSent;
    } else if (s == 429) {
        out.kind = SendResult::Kind::kRetryAfter;
        if (params.contains("retry_after") && params["retry_after"].is_number()) {
            out.retry_after_ms = static_cast<int64_t>(params["retry_after"].get<double>() * 1000);
        } else if (auto h = net::RetryAfterMs(*r, 0)) {
            out.retry_after_ms = *h;
        } else {
            out.retry_after_ms = 30000;
        }
    } else if (s >= 500 || s == 408) {
        out.kind = SendResult::Kind::kTransient;
    } else if (s == 401 || s == 404) {
        out.kind = SendResult::Kind::kBotMisconfigured;
    } else if (s == 403) {
        out.kind = SendResult::Kind::kChatUnreachable;
    } else if (s == 400 && params.contains("migrate_to_chat_id") && params["migrate_to_chat_id"].is_number_integer()) {
        out.kind = SendResult::Kind::kChatMoved;
        out.new_chat_id = std::to_string(params["migrate_to_chat_id"].get<int64_t>());
    } else if (s == 400 && (ContainsNoCase(out.description, "chat not found") ||
                            ContainsNoCase(out.description, "chat was deactivated") ||
                            ContainsNoCase(out.description, "peer_id_invalid"))) {
        out.kind = SendResult::Kind::kChatUnreachable;
    } else if (s >= 400 && s < 500) {
        out.kind = SendResult::Kind::kRejected;
    } else {
        out.kind = SendResult::Kind::kTransient;
        if (out.description.empty()) out.description = "unexpected answer, HTTP " + std::to_string(s);
    }
    return out;
}

}  // namespace by::notify
