// The two tables behind Telegram notifications (migration 006_notify): a partner's settings
// (telegram_settings: chat id, language, chosen events, status and last error) and the outbox
// (notify_outbox: one row per notification, pending until sent, retried with backoff, claimed under a
// lease so several worker processes never send the same row at once and a crashed sender's rows come
// back). Same SQL on SQLite and PostgreSQL.
// Thread-safety: stateless over SqlDb; safe from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "store/sql.hpp"

namespace by::notify {

struct TelegramSettings {
    std::string partner_id;
    std::string chat_id;                 // a numeric chat id (groups: negative) or @channelusername
    std::string language = "uz";         // uz | ru | en
    std::vector<std::string> events;     // subset of AllEvents()
    std::string status = "active";       // active | failed (Telegram refused the chat: blocked, not found)
    std::string last_error;
    int64_t last_sent_at = 0;
    int64_t created_at = 0, updated_at = 0;
};

// Checks a chat id as Telegram accepts it: an integer (up to 20 digits, optional leading '-') or
// "@" + 5..32 letters, digits and underscores. Returns the error message, empty when valid.
std::string ChatIdProblem(const std::string& chat_id);

class SettingsStore {
  public:
    SettingsStore(store::SqlDb& db, const core::Clock& clock) : db_(db), clock_(clock) {}
    core::Result<TelegramSettings> Get(const std::string& partner_id) const;  // NotFound when none
    // Creates or replaces chat, language and events; status goes back to active, the last error is cleared.
    core::Result<TelegramSettings> Put(const TelegramSettings& s);
    core::Status Delete(const std::string& partner_id);  // NotFound when none
    // Telegram refused the chat: stop sending to it until the partner saves the settings again.
    core::Status MarkFailed(const std::string& partner_id, const std::string& error);
    core::Status MarkSent(const std::string& partner_id);
    // A group became a supergroup: Telegram names the new chat id.
    core::Status MoveChat(const std::string& partner_id, const std::string& new_chat_id);

  private:
    store::SqlDb& db_;
    const core::Clock& clock_;
};

struct OutboxRow {
    std::string id, partner_id, event;
    nlohmann::json payload = nlohmann::json::object();
    std::string status;  // pending | sent | skipped | failed
    int attempts = 0;
    int64_t next_attempt_at = 0;
    std::string last_error;
    int64_t created_at = 0, sent_at = 0;
};

struct NewNotification {
    std::string partner_id;
    std::string event;          // one of AllEvents()
    nlohmann::json payload;     // what RenderMessage needs
    std::string dedupe_key;     // the same key within `dedupe_window_ms` is recorded once
    int64_t dedupe_window_ms = 0;
};

class Outbox {
  public:
    Outbox(store::SqlDb& db, const core::Clock& clock) : db_(db), clock_(clock) {}
    // One INSERT … SELECT: recorded only when the partner has active settings with the event turned on
    // and no row with the same dedupe key is younger than the window. `skipped` records it as skipped
    // (no bot configured). Returns whether a row was recorded.
    core::Result<bool> Enqueue(const NewNotification& n, bool skipped);
    // Takes up to `limit` due pending rows under a lease of `lease_ms` for `owner`.
    core::Result<std::vector<OutboxRow>> Claim(const std::string& owner, int limit, int64_t lease_ms);
    core::Status MarkSent(const std::string& id);
    // Back to pending, due at `next_attempt_at`; the attempt is counted and its error kept.
    core::Status Retry(const std::string& id, int64_t next_attempt_at, const std::string& error);
    core::Status MarkFailed(const std::string& id, const std::string& error);
    // Back to pending at `next_attempt_at` without counting an attempt (the round stopped before it).
    core::Status Postpone(const std::string& id, int64_t next_attempt_at);
    // Every pending row of the partner fails (the chat is unreachable): nothing more is tried.
    core::Status FailPending(const std::string& partner_id, const std::string& error);
    core::Result<std::vector<OutboxRow>> Recent(const std::string& partner_id, int limit) const;

  private:
    store::SqlDb& db_;
    const core::Clock& clock_;
};

}  // namespace by::notify
