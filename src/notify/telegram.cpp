#include "notify/telegram.hpp"

#include "notify/messages.hpp"
#include "obs/log.hpp"

namespace by::notify {

Telegram::Telegram(store::SqlDb& db, const core::Clock& clock, net::HttpClientPtr http, core::SecretBuffer token,
                   TelegramOptions options)
    : clock_(clock),
      http_(std::move(http)),
      settings_(db, clock),
      outbox_(db, clock),
      bot_(*http_, std::move(token), options.bot),
      notifier_(outbox_, bot_.configured()),
      sender_(outbox_, settings_, bot_, clock, options.sender) {}

Telegram::~Telegram() { sender_.Stop(); }

void Telegram::StartSender() {
    if (configured()) sender_.Start();
}

void Telegram::StopSender() { sender_.Stop(); }

core::Result<nlohmann::json> Telegram::SendTest(const std::string& partner_id) {
    BY_ASSIGN(auto s, settings_.Get(partner_id));
    Language lang = ParseLanguage(s.language).value_or(Language::kUz);
    std::string text = RenderMessage("test", nlohmann::json::object(), lang);
    SendResult r = bot_.SendMessage(s.chat_id, text);
    if (r.kind == SendResult::Kind::kChatMoved) {
        // The group became a supergroup: follow it and try once more there.
        BY_TRY(settings_.MoveChat(partner_id, r.new_chat_id));
        r = bot_.SendMessage(r.new_chat_id, text);
    }
    obs::Log(obs::Level::kInfo, "telegram_test",
             {{"partner_id", partner_id}, {"result", SendResultKindName(r.kind)}, {"http_status", r.http_status}});
    switch (r.kind) {
        case SendResult::Kind::kSent:
            BY_TRY(settings_.MarkSent(partner_id));
            return nlohmann::json{{"status", "sent"}, {"message", "ok"}};
        case SendResult::Kind::kNotConfigured:
            return nlohmann::json{{"status", "skipped"}, {"message", r.description}};
        case SendResult::Kind::kChatUnreachable:
            BY_TRY(settings_.MarkFailed(partner_id, r.description));
            break;
        default: break;
    }
    std::string message = r.description.empty() ? std::string("Telegram did not answer") : r.description;
    if (r.kind == SendResult::Kind::kBotMisconfigured) message = "the server's Telegram bot token was refused";
    return nlohmann::json{{"status", "failed"}, {"message", message}};
}

}  // namespace by::notify
