// The one Telegram Bot API method we use, sendMessage (https://core.telegram.org/bots/api#sendmessage),
// over the net::HttpClient seam, with Telegram's answers sorted into what the sender does next.
//
// The bot token is a secret: it is held in a SecretBuffer, spliced into the URL (/bot<token>/sendMessage,
// the only place Telegram takes it) for the one call and wiped after; net::RedactUrl hides the /bot<token>/
// segment in every log line the HTTP layer writes, and this class scrubs the token from any text it returns.
// Thread-safety: SendMessage may be called from many threads at once (the HttpClient must allow it).
#pragma once

#include <cstdint>
#include <string>

#include "core/secret.hpp"
#include "net/http_client.hpp"

namespace by::notify {

struct SendResult {
    enum class Kind {
        kSent,             // 200 ok
        kRetryAfter,       // 429: flood control; wait retry_after_ms
        kTransient,        // no answer, timeout, 5xx: try again with backoff
        kChatUnreachable,  // 403 (bot blocked or kicked, user deactivated) or 400 "chat not found": stop
        kChatMoved,        // 400 with migrate_to_chat_id: the group became a supergroup; resend there
        kRejected,         // any other 4xx about this message: drop the message, keep the chat
        kBotMisconfigured, // 401 / 404: the server's token is wrong; keep the messages and retry later
        kNotConfigured,    // no token on this server: nothing was sent
    };
    Kind kind = Kind::kTransient;
    int http_status = 0;
    int64_t retry_after_ms = 0;
    std::string new_chat_id;   // kChatMoved
    std::string description;   // Telegram's words (or the transport error), never the token
};
const char* SendResultKindName(SendResult::Kind kind);

struct BotApiOptions {
    std::string api_url = "https://api.telegram.org";  // [telegram] api_url; tests point it at a fake
    int64_t timeout_ms = 10000;                        // one attempt; the outbox does the retrying
};

class BotApi {
  public:
    // `token` may be empty: SendMessage then answers kNotConfigured. `http` must outlive this object.
    BotApi(net::HttpClient& http, core::SecretBuffer token, BotApiOptions options = {});
    bool configured() const { return !token_.empty(); }
    SendResult SendMessage(const std::string& chat_id, const std::string& html_text);

  private:
    std::string Scrub(std::string text) const;
    net::HttpClient& http_;
    core::SecretBuffer token_;
    BotApiOptions options_;
};

}  // namespace by::notify
