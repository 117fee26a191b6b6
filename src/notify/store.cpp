#include "notify/store.hpp"

#include <cctype>

#include "core/ids.hpp"

namespace by::notify {
namespace {

constexpr const char* kSettingsCols =
    "partner_id, chat_id, language, events, status, last_error, last_sent_at, created_at, updated_at";
constexpr const char* kOutboxCols =
    "id, partner_id, event, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at";

std::vector<std::string> SplitEvents(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) out.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

std::string JoinEvents(const std::vector<std::string>& events) {
    std::string out;
    for (const auto& e : events) out += (out.empty() ? "" : ",") + e;
    return out;
}

TelegramSettings SettingsFrom(const store::Row& r) {
    TelegramSettings s;
    s.partner_id = r.Str(0);
    s.chat_id = r.Str(1);
    s.language = r.Str(2);
    s.events = SplitEvents(r.Str(3));
    s.status = r.Str(4);
    s.last_error = r.Str(5);
    s.last_sent_at = r.Int(6);
    s.created_at = r.Int(7);
    s.updated_at = r.Int(8);
    return s;
}

OutboxRow OutboxFrom(const store::Row& r) {
    OutboxRow o;
    o.id = r.Str(0);
    o.partner_id = r.Str(1);
    o.event = r.Str(2);
    o.payload = nlohmann::json::parse(r.Str(3), nullptr, false);
    if (o.payload.is_discarded()) o.payload = nlohmann::json::object();
    o.status = r.Str(4);
    o.attempts = static_cast<int>(r.Int(5));
    o.next_attempt_at = r.Int(6);
    o.last_error = r.Str(7);
    o.created_at = r.Int(8);
    o.sent_at = r.Int(9);
    return o;
}

}  // namespace

std::string ChatIdProblem(const std::string& chat_id) {
    if (chat_id.empty()) return "chat_id is required";
    if (chat_id[0] == '@') {
        size_t n = chat_id.size() - 1;
        if (n < 5 || n > 32) return "a channel username has 5 to 32 characters after @";
        for (size_t i = 1; i < chat_id.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(chat_id[i]);
            if (!std::isalnum(c) && c != '_') return "a channel username has only letters, digits and _";
        }
        return {};
    }
    size_t start = chat_id[0] == '-' ? 1 : 0;
    size_t digits = chat_id.size() - start;
    if (digits == 0 || digits > 20) return "chat_id is a number (groups start with -) or @channelusername";
    for (size_t i = start; i < chat_id.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(chat_id[i]))) {
            return "chat_id is a number (groups start with -) or @channelusername";
        }
    }
    return {};
}

core::Result<TelegramSettings> SettingsStore::Get(const std::string& partner_id) const {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kSettingsCols + " FROM telegram_settings WHERE partner_id = ?",
                                   {partner_id}));
    if (rows.empty()) return core::Error::NotFound("telegram notifications are not set up");
    return SettingsFrom(rows.rows[0]);
}

core::Result<TelegramSettings> SettingsStore::Put(const TelegramSettings& s) {
    int64_t now = clock_.NowMs();
    std::string events = JoinEvents(s.events);
    BY_TRY(db_.Tx([&](store::SqlConn& c) -> core::Status {
        BY_ASSIGN(int64_t n, c.Exec("UPDATE telegram_settings SET chat_id = ?, language = ?, events = ?, status = 'active',"
                                    " last_error = '', updated_at = ? WHERE partner_id = ?",
                                    {s.chat_id, s.language, events, now, s.partner_id}));
        if (n == 0) {
            BY_TRY(c.Exec(std::string("INSERT INTO telegram_settings (") + kSettingsCols +
                              ") VALUES (?, ?, ?, ?, 'active', '', 0, ?, ?)",
                          {s.partner_id, s.chat_id, s.language, events, now, now}));
        }
        return core::Ok();
    }));
    return Get(s.partner_id);
}

core::Status SettingsStore::Delete(const std::string& partner_id) {
    BY_ASSIGN(int64_t n, db_.Exec("DELETE FROM telegram_settings WHERE partner_id = ?", {partner_id}));
    if (n == 0) return core::Error::NotFound("telegram notifications are not set up");
    return core::Ok();
}

core::Status SettingsStore::MarkFailed(const std::string& partner_id, const std::string& error) {
    BY_TRY(db_.Exec("UPDATE telegram_settings SET status = 'failed', last_error = ?, updated_at = ? WHERE partner_id = ?",
                    {error, clock_.NowMs(), partner_id}));
    return core::Ok();
}

core::Status SettingsStore::MarkSent(const std::string& partner_id) {
    int64_t now = clock_.NowMs();
    BY_TRY(db_.Exec("UPDATE telegram_settings SET last_sent_at = ?, status = 'active', last_error = '' WHERE partner_id = ?",
                    {now, partner_id}));
    return core::Ok();
}

core::Status SettingsStore::MoveChat(const std::string& partner_id, const std::string& new_chat_id) {
    BY_TRY(db_.Exec("UPDATE telegram_settings SET chat_id = ?, updated_at = ? WHERE partner_id = ?",
                    {new_chat_id, clock_.NowMs(), partner_id}));
    return core::Ok();
}

core::Result<bool> Outbox::Enqueue(const NewNotification& n, bool skipped) {
    int64_t now = clock_.NowMs();
    // The casts let PostgreSQL type the parameters of the SELECT list; SQLite ignores them.
    BY_ASSIGN(int64_t inserted,
              db_.Exec("INSERT INTO notify_outbox (id, partner_id, event, payload, dedupe_key, status, attempts,"
                       " next_attempt_at, last_error, created_at)"
                       " SELECT CAST(? AS TEXT), s.partner_id, CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),"
                       " CAST(? AS TEXT), 0, CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS BIGINT)"
                       " FROM telegram_settings s WHERE s.partner_id = ? AND s.status = 'active'"
                       " AND (',' || s.events || ',') LIKE ?"
                       " AND NOT EXISTS (SELECT 1 FROM notify_outbox o WHERE o.dedupe_key = ? AND o.created_at > ?)",
                       {core::NewId("ntf"), n.event, n.payload.dump(), n.dedupe_key,
                        std::string(skipped ? "skipped" : "pending"), now,
                        std::string(skipped ? "no Telegram bot is configured on the server" : ""), now, n.partner_id,
                        "%," + n.event + ",%", n.dedupe_key, now - n.dedupe_window_ms}));
    return inserted > 0;
}

core::Result<std::vector<OutboxRow>> Outbox::Claim(const std::string& owner, int limit, int64_t lease_ms) {
    int64_t now = clock_.NowMs();
    // The outer conditions repeat the inner ones: under PostgreSQL's READ COMMITTED a row another sender
    // claimed meanwhile is re-checked after its lock and left alone.
    BY_TRY(db_.Exec("UPDATE notify_outbox SET lease_owner = ?, lease_until = ? WHERE id IN ("
                    " SELECT id FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?"
                    " ORDER BY next_attempt_at, created_at, id LIMIT ?) AND status = 'pending' AND lease_until <= ?",
                    {owner, now + lease_ms, now, now, static_cast<int64_t>(limit), now}));
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kOutboxCols +
                                       " FROM notify_outbox WHERE lease_owner = ? AND status = 'pending' AND lease_until > ?"
                                       " ORDER BY next_attempt_at, created_at, id",
                                   {owner, now}));
    std::vector<OutboxRow> out;
    for (const auto& r : rows.rows) out.push_back(OutboxFrom(r));
    return out;
}

core::Status Outbox::MarkSent(const std::string& id) {
    BY_TRY(db_.Exec("UPDATE notify_outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = '',"
                    " lease_owner = '', lease_until = 0 WHERE id = ?",
                    {clock_.NowMs(), id}));
    return core::Ok();
}

core::Status Outbox::Retry(const std::string& id, int64_t next_attempt_at, const std::string& error) {
    BY_TRY(db_.Exec("UPDATE notify_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                    " lease_owner = '', lease_until = 0 WHERE id = ? AND status = 'pending'",
                    {next_attempt_at, error, id}));
    return core::Ok();
}

core::Status Outbox::MarkFailed(const std::string& id, const std::string& error) {
    BY_TRY(db_.Exec("UPDATE notify_outbox SET status = 'failed', attempts = attempts + 1, last_error = ?,"
                    " lease_owner = '', lease_until = 0 WHERE id = ?",
                    {error, id}));
    return core::Ok();
}

core::Status Outbox::Postpone(const std::string& id, int64_t next_attempt_at) {
    BY_TRY(db_.Exec("UPDATE notify_outbox SET next_attempt_at = ?, lease_owner = '', lease_until = 0"
                    " WHERE id = ? AND status = 'pending'",
                    {next_attempt_at, id}));
    return core::Ok();
}

core::Status Outbox::FailPending(const std::string& partner_id, const std::string& error) {
    BY_TRY(db_.Exec("UPDATE notify_outbox SET status = 'failed', last_error = ?, lease_owner = '', lease_until = 0"
                    " WHERE partner_id = ? AND status = 'pending'",
                    {error, partner_id}));
    return core::Ok();
}

core::Result<std::vector<OutboxRow>> Outbox::Recent(const std::string& partner_id, int limit) const {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kOutboxCols +
                                       " FROM notify_outbox WHERE partner_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                                   {partner_id, static_cast<int64_t>(limit)}));
    std::vector<OutboxRow> out;
    for (const auto& r : rows.rows) out.push_back(OutboxFrom(r));
    return out;
}

}  // namespace by::notify
