#include "notify/sender.hpp"

#include <algorithm>

#include "core/ids.hpp"
#include "notify/messages.hpp"
#include "obs/log.hpp"

namespace by::notify {

Sender::Sender(Outbox& outbox, SettingsStore& settings, BotApi& bot, const core::Clock& clock, SenderOptions options)
    : outbox_(outbox), settings_(settings), bot_(bot), clock_(clock), options_(options),
      rng_(options.seed ? options.seed : static_cast<uint64_t>(clock.MonotonicMs()) * 2654435761u + 1) {}

Sender::~Sender() { Stop(); }

uint64_t Sender::NextRandom() {
    std::lock_guard<std::mutex> lock(rng_mu_);
    return rng_();
}

int64_t Sender::BackoffMs(int attempt, const SenderOptions& o, uint64_t random) {
    int64_t d = o.backoff_base_ms;
    for (int i = 2; i < attempt && d < o.backoff_max_ms; ++i) d *= 2;
    d = std::min(d, o.backoff_max_ms);
    int64_t half = d / 2;
    return half + static_cast<int64_t>(random % static_cast<uint64_t>(d - half + 1));
}

core::Result<int> Sender::RunOnce() {
    std::string owner = core::NewId("snd");
    BY_ASSIGN(auto rows, outbox_.Claim(owner, options_.batch, options_.lease_ms));
    int tried = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const OutboxRow& row = rows[i];
        auto settings = settings_.Get(row.partner_id);
        if (!settings.ok()) {
            if (settings.error().code != core::ErrorCode::kNotFound) return std::move(settings).error();
            BY_TRY(outbox_.MarkFailed(row.id, "Telegram notifications were turned off"));
            continue;
        }
        if (settings->status != "active") {
            BY_TRY(outbox_.MarkFailed(row.id, "the chat is unreachable: " + settings->last_error));
            continue;
        }
        Language lang = ParseLanguage(settings->language).value_or(Language::kUz);
        ++tried;
        SendResult r = bot_.SendMessage(settings->chat_id, RenderMessage(row.event, row.payload, lang));
        int64_t now = clock_.NowMs();
        obs::Log(r.kind == SendResult::Kind::kSent ? obs::Level::kInfo : obs::Level::kWarn, "telegram_send",
                 {{"outbox_id", row.id}, {"partner_id", row.partner_id}, {"notification", row.event},
                  {"result", SendResultKindName(r.kind)}, {"http_status", r.http_status},
                  {"attempt", row.attempts + 1}, {"description", r.description}});
        // Waits that hold for the whole round (flood control, a refused token): the rest of it waits too.
        int64_t round_wait = 0;
        switch (r.kind) {
            case SendResult::Kind::kSent:
                BY_TRY(outbox_.MarkSent(row.id));
                BY_TRY(settings_.MarkSent(row.partner_id));
                break;
            case SendResult::Kind::kRetryAfter:
                round_wait = std::max<int64_t>(r.retry_after_ms, 1000);
                BY_TRY(outbox_.Retry(row.id, now + round_wait, "Telegram asked to wait: " + r.description));
                break;
            case SendResult::Kind::kTransient:
                BY_TRY(outbox_.Retry(row.id, now + BackoffMs(row.attempts + 2, options_, NextRandom()), r.description));
                break;
            case SendResult::Kind::kChatUnreachable:
                BY_TRY(settings_.MarkFailed(row.partner_id, r.description));
                BY_TRY(outbox_.MarkFailed(row.id, r.description));
                BY_TRY(outbox_.FailPending(row.partner_id, "the chat is unreachable: " + r.description));
                break;
            case SendResult::Kind::kChatMoved:
                BY_TRY(settings_.MoveChat(row.partner_id, r.new_chat_id));
                BY_TRY(outbox_.Retry(row.id, now, "the group moved to chat " + r.new_chat_id));
                break;
            case SendResult::Kind::kRejected:
                BY_TRY(outbox_.MarkFailed(row.id, r.description));
                break;
            case SendResult::Kind::kBotMisconfigured:
            case SendResult::Kind::kNotConfigured:
                round_wait = options_.misconfigured_retry_ms;
                BY_TRY(outbox_.Retry(row.id, now + round_wait, "the server's Telegram bot was refused: " + r.description));
                obs::Log(obs::Level::kError, "telegram_bot_refused",
                         {{"http_status", r.http_status}, {"description", r.description}});
                break;
        }
        if (round_wait > 0) {
            for (size_t k = i + 1; k < rows.size(); ++k) BY_TRY(outbox_.Postpone(rows[k].id, now + round_wait));
            break;
        }
    }
    return tried;
}

void Sender::Start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard<std::mutex> lock(mu_);
        stop_ = false;
    }
    thread_ = std::thread([this] { Loop(); });
}

void Sender::Stop() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Sender::Loop() {
    while (true) {
        auto n = RunOnce();
        if (!n.ok()) {
            obs::Log(obs::Level::kWarn, "telegram_round_failed", {{"error", n.error().ToString()}});
        }
        std::unique_lock<std::mutex> lock(mu_);
        if (stop_) return;
        if (n.ok() && *n >= options_.batch) continue;  // a backlog: go on at once
        cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms), [this] { return stop_; });
        if (stop_) return;
    }
}

}  // namespace by::notify
