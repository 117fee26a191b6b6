// Partners, users, sessions, API tokens and login-failure records.
#include "core/ids.hpp"
#include "store/store.hpp"

namespace by::store {
namespace {

PartnerRow ToPartner(const Row& r) { return {r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Int(4)}; }
constexpr const char* kPartnerCols = "id, company, tier, status, created_at";

UserRow ToUser(const Row& r) {
    return {r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4), r.Int(5), r.Int(6)};
}
constexpr const char* kUserCols = "id, email, password_hash, role, partner_id, created_at, last_login_at";


}  // namespace

core::Result<std::pair<PartnerRow, UserRow>> Store::CreatePartnerWithOwner(const std::string& company,
                                                                           const std::string& email,
                                                                           const std::string& password_hash) {
    int64_t now = clock_.NowMs();
    PartnerRow p{core::NewId("ptn"), company, "starter", "active", now};
    UserRow u{core::NewId("usr"), email, password_hash, "partner", p.id, now, 0};
    BY_TRY(db_.Tx([&](SqlConn& c) -> core::Status {
        BY_TRY(c.Exec("INSERT INTO partners (id, company, tier, status, created_at) VALUES (?, ?, ?, ?, ?)",
                      {p.id, p.company, p.tier, p.status, now}));
        auto r = c.Exec(
            "INSERT INTO users (id, email, password_hash, role, partner_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            {u.id, u.email, u.password_hash, u.role, u.partner_id, now});
        if (!r.ok()) {
            if (IsUniqueViolation(r.error())) {
                return core::Error::Conflict("this e-mail is already registered", "email");
            }
            return std::move(r).error();
        }
        return core::Ok();
    }));
    return std::make_pair(p, u);
}

core::Result<UserRow> Store::CreateAdmin(const std::string& email, const std::string& password_hash) {
    int64_t now = clock_.NowMs();
    UserRow u{core::NewId("usr"), email, password_hash, "admin", "", now, 0};
    auto r = db_.Exec(
        "INSERT INTO users (id, email, password_hash, role, partner_id, created_at) VALUES (?, ?, ?, ?, NULL, ?)",
        {u.id, u.email, u.password_hash, u.role, now});
    if (!r.ok()) {
        if (IsUniqueViolation(r.error())) {
            return core::Error::Conflict("this e-mail is already registered", "email");
        }
        return std::move(r).error();
    }
    return u;
}

core::Result<PartnerRow> Store::GetPartner(const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kPartnerCols + " FROM partners WHERE id = ?", {id}));
    if (rows.empty()) {
        return core::Error::NotFound("partner not found");
    }
    return ToPartner(rows.rows[0]);
}

core::Result<PageOf<PartnerRow>> Store::ListPartners(const Page& page) {
    int64_t ts = INT64_MAX;
    std::string id = "\x7f";
    if (!page.cursor.empty() && !DecodeCursor(page.cursor, &ts, &id)) {
        return core::Error::Invalid("bad cursor", "cursor");
    }
    BY_ASSIGN(auto rows,
              db_.Query(std::string("SELECT ") + kPartnerCols +
                            " FROM partners WHERE (created_at < ? OR (created_at = ? AND id < ?))"
                            " ORDER BY created_at DESC, id DESC LIMIT ?",
                        {ts, ts, id, static_cast<int64_t>(page.limit + 1)}));
    PageOf<PartnerRow> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
        out.items.push_back(ToPartner(rows.rows[i]));
    }
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = EncodeCursor(out.items.back().created_at, out.items.back().id);
    }
    return out;
}

core::Result<PartnerRow> Store::UpdatePartner(const std::string& id, const std::optional<std::string>& tier,
                                              const std::optional<std::string>& status) {
    if (tier) {
        BY_TRY(db_.Exec("UPDATE partners SET tier = ? WHERE id = ?", {*tier, id}));
    }
    if (status) {
        BY_TRY(db_.Exec("UPDATE partners SET status = ? WHERE id = ?", {*status, id}));
    }
    return GetPartner(id);
}

core::Result<UserRow> Store::GetUserByEmail(const std::string& email) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kUserCols + " FROM users WHERE email = ?", {email}));
    if (rows.empty()) {
        return core::Error::NotFound("user not found");
    }
    return ToUser(rows.rows[0]);
}

core::Result<UserRow> Store::GetUser(const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kUserCols + " FROM users WHERE id = ?", {id}));
    if (rows.empty()) {
        return core::Error::NotFound("user not found");
    }
    return ToUser(rows.rows[0]);
}

core::Status Store::SetPasswordHash(const std::string& user_id, const std::string& hash) {
    BY_TRY(db_.Exec("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id}));
    return core::Ok();
}

core::Status Store::TouchLogin(const std::string& user_id) {
    BY_TRY(db_.Exec("UPDATE users SET last_login_at = ? WHERE id = ?", {clock_.NowMs(), user_id}));
    return core::Ok();
}

core::Status Store::CreateSession(const SessionRow& s) {
    BY_TRY(db_.Exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        {s.id_hash, s.user_id, s.csrf_secret, s.created_at, s.last_seen_at, s.expires_at}));
    return core::Ok();
}

core::Result<SessionRow> Store::GetSession(const std::string& id_hash) {
    BY_ASSIGN(auto rows, db_.Query("SELECT id_hash, user_id, csrf_secret, created_at, last_seen_at, expires_at"
                                   " FROM sessions WHERE id_hash = ?",
                                   {id_hash}));
    if (rows.empty()) {
        return core::Error::Unauthenticated();
    }
    const Row& r = rows.rows[0];
    return SessionRow{r.Str(0), r.Str(1), r.Str(2), r.Int(3), r.Int(4), r.Int(5)};
}

core::Status Store::TouchSession(const std::string& id_hash, int64_t now) {
    BY_TRY(db_.Exec("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", {now, id_hash}));
    return core::Ok();
}

core::Status Store::DeleteSession(const std::string& id_hash) {
    BY_TRY(db_.Exec("DELETE FROM sessions WHERE id_hash = ?", {id_hash}));
    return core::Ok();
}

core::Status Store::CreateToken(const TokenRow& t) {
    BY_TRY(db_.Exec("INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                    {t.id, t.user_id, t.name, t.token_hash, t.created_at}));
    return core::Ok();
}

core::Result<TokenRow> Store::GetTokenByHash(const std::string& token_hash) {
    BY_ASSIGN(auto rows, db_.Query("SELECT id, user_id, name, token_hash, created_at, last_used_at, revoked_at"
                                   " FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL",
                                   {token_hash}));
    if (rows.empty()) {
        return core::Error::Unauthenticated();
    }
    const Row& r = rows.rows[0];
    (void)db_.Exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {clock_.NowMs(), r.Str(0)});
    return TokenRow{r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Int(4), r.Int(5), r.Int(6)};
}

core::Status Store::RevokeToken(const std::string& id, const std::string& user_id) {
    BY_ASSIGN(int64_t n, db_.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                                  {clock_.NowMs(), id, user_id}));
    if (n == 0) {
        return core::Error::NotFound("token not found");
    }
    return core::Ok();
}

core::Status Store::RecordLoginFailure(const std::string& key) {
    BY_TRY(db_.Exec("INSERT INTO login_failures (id, throttle_key, ts) VALUES (?, ?, ?)",
                    {core::NewId("lf"), key, clock_.NowMs()}));
    return core::Ok();
}

core::Result<std::vector<int64_t>> Store::LoginFailuresSince(const std::string& key, int64_t since_ms) {
    BY_ASSIGN(auto rows, db_.Query("SELECT ts FROM login_failures WHERE throttle_key = ? AND ts >= ? ORDER BY ts",
                                   {key, since_ms}));
    std::vector<int64_t> out;
    for (const auto& r : rows.rows) {
        out.push_back(r.Int(0));
    }
    return out;
}

core::Status Store::ClearLoginFailures(const std::string& key) {
    BY_TRY(db_.Exec("DELETE FROM login_failures WHERE throttle_key = ?", {key}));
    return core::Ok();
}

}  // namespace by::store
