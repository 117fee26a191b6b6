#include "auth/auth_service.hpp"

#include <algorithm>
#include <cctype>

#include "core/encoding.hpp"
#include "core/ids.hpp"

namespace by::auth {

std::string NormalizeEmail(std::string email) {
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    email.erase(email.begin(), std::find_if(email.begin(), email.end(), not_space));
    email.erase(std::find_if(email.rbegin(), email.rend(), not_space).base(), email.end());
    std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
    return email;
}

core::Status CheckEmailShape(const std::string& email) {
    size_t at = email.find('@');
    if (email.size() > 254 || at == std::string::npos || at == 0 || email.find('.', at) == std::string::npos ||
        email.back() == '.' || email.find_first_of(" \t\r\n<>\"") != std::string::npos) {
        return core::Error::Unprocessable("enter a valid e-mail address", "email");
    }
    return core::Ok();
}

core::Result<std::pair<store::PartnerRow, store::UserRow>> AuthService::Register(const std::string& company,
                                                                                 const std::string& email_in,
                                                                                 const std::string& password) {
    std::string email = NormalizeEmail(email_in);
    if (company.empty() || company.size() > 200) {
        return core::Error::Unprocessable("company name is required (at most 200 characters)", "company");
    }
    BY_TRY(CheckEmailShape(email));
    BY_TRY(CheckPasswordShape(password, options_.password));
    BY_ASSIGN(std::string hash, HashPassword(password, options_.password));
    return store_.CreatePartnerWithOwner(company, email, hash);
}

core::Result<store::UserRow> AuthService::CreateUser(core::Role role, const std::string& email_in,
                                                     const std::string& password, const std::string& company) {
    std::string email = NormalizeEmail(email_in);
    BY_TRY(CheckEmailShape(email));
    BY_TRY(CheckPasswordShape(password, options_.password));
    BY_ASSIGN(std::string hash, HashPassword(password, options_.password));
    if (role == core::Role::kAdmin) {
        return store_.CreateAdmin(email, hash);
    }
    BY_ASSIGN(auto pu, store_.CreatePartnerWithOwner(company.empty() ? email : company, email, hash));
    return pu.second;
}

core::Result<int64_t> AuthService::ThrottleWait(const std::string& key, int allowed) {
    int64_t now = clock_.NowMs();
    BY_ASSIGN(auto failures, store_.LoginFailuresSince(key, now - options_.throttle_window_ms));
    int n = static_cast<int>(failures.size());
    if (n < allowed) {
        return int64_t{0};
    }
    // 1 s after the allowed number, doubling per extra failure, capped.
    int extra = std::min(n - allowed, 20);
    int64_t lock = std::min<int64_t>(options_.max_lockout_ms, int64_t{1000} << extra);
    int64_t until = failures.back() + lock;
    return until > now ? until - now : int64_t{0};
}

core::Result<LoginResult> AuthService::Login(const std::string& email_in, const std::string& password,
                                             const std::string& ip) {
    std::string email = NormalizeEmail(email_in);
    if (password.size() > options_.password.max_length) {
        return core::Error::Invalid("password is too long", "password");
    }
    std::string acct_key = "acct:" + email;
    std::string ip_key = "ip:" + ip;
    BY_ASSIGN(int64_t wait_acct, ThrottleWait(acct_key, options_.account_failures_allowed));
    BY_ASSIGN(int64_t wait_ip, ThrottleWait(ip_key, options_.ip_failures_allowed));
    int64_t wait = std::max(wait_acct, wait_ip);
    if (wait > 0) {
        return core::Error::RateLimited(wait, "too many failed sign-in attempts; try again later");
    }
    auto user = store_.GetUserByEmail(email);
    bool ok = false;
    if (user.ok()) {
        ok = VerifyPassword(user->password_hash, password);
    } else {
        (void)VerifyPassword(DummyHash(options_.password), password);
    }
    if (!ok) {
        (void)store_.RecordLoginFailure(acct_key);
        (void)store_.RecordLoginFailure(ip_key);
        (void)store_.Audit(user.ok() ? user->id : "anonymous", user.ok() ? user->partner_id : "", "login_failed",
                           email, nlohmann::json::object(), ip);
        return core::Error::Unauthenticated("wrong e-mail or password");
    }
    if (NeedsRehash(user->password_hash, options_.password)) {
        auto rehashed = HashPassword(password, options_.password);
        if (rehashed.ok()) {
            (void)store_.SetPasswordHash(user->id, *rehashed);
        }
    }
    (void)store_.ClearLoginFailures(acct_key);
    BY_ASSIGN(Principal p, PrincipalFor(*user));
    std::string session_id = core::RandomToken(32);
    int64_t now = clock_.NowMs();
    store::SessionRow row{core::Sha256Hex(session_id), user->id, core::RandomHex(32), now, now,
                          now + options_.session_absolute_ms};
    BY_TRY(store_.CreateSession(row));
    BY_TRY(store_.TouchLogin(user->id));
    (void)store_.Audit(user->id, user->partner_id, "login", email, nlohmann::json::object(), ip);
    p.session_id_hash = row.id_hash;
    p.csrf_secret = row.csrf_secret;
    LoginResult out{p, session_id, CsrfToken(p)};
    return out;
}

core::Status AuthService::Logout(const Principal& p) {
    if (!p.session_id_hash.empty()) {
        BY_TRY(store_.DeleteSession(p.session_id_hash));
    }
    return core::Ok();
}

core::Result<Principal> AuthService::PrincipalFor(const store::UserRow& u) {
    Principal p;
    p.user_id = u.id;
    p.email = u.email;
    auto role = core::ParseRole(u.role);
    if (!role) {
        return core::Error::Internal("unknown role", u.role);
    }
    p.role = *role;
    p.partner_id = u.partner_id;
    if (!u.partner_id.empty()) {
        BY_ASSIGN(auto partner, store_.GetPartner(u.partner_id));
        if (partner.status == "suspended") {
            return core::Error::Forbidden("this account is suspended");
        }
    }
    return p;
}

core::Result<Principal> AuthService::FromSession(const std::string& session_id) {
    if (session_id.empty() || session_id.size() > 128) {
        return core::Error::Unauthenticated();
    }
    std::string hash = core::Sha256Hex(session_id);
    BY_ASSIGN(auto s, store_.GetSession(hash));
    int64_t now = clock_.NowMs();
    if (now >= s.expires_at || now - s.last_seen_at >= options_.session_idle_ms) {
        (void)store_.DeleteSession(hash);
        return core::Error::Unauthenticated("session expired; sign in again");
    }
    BY_ASSIGN(auto user, store_.GetUser(s.user_id));
    BY_ASSIGN(Principal p, PrincipalFor(user));
    p.session_id_hash = s.id_hash;
    p.csrf_secret = s.csrf_secret;
    // Touch at most once a minute: a write per request would serialise SQLite for nothing.
    if (now - s.last_seen_at > 60 * 1000) {
        (void)store_.TouchSession(hash, now);
    }
    return p;
}

core::Result<Principal> AuthService::FromToken(const std::string& token) {
    if (token.empty() || token.size() > 256) {
        return core::Error::Unauthenticated();
    }
    BY_ASSIGN(auto t, store_.GetTokenByHash(core::Sha256Hex(token)));
    BY_ASSIGN(auto user, store_.GetUser(t.user_id));
    BY_ASSIGN(Principal p, PrincipalFor(user));
    p.via_token = true;
    return p;
}

std::string AuthService::CsrfToken(const Principal& p) const {
    if (p.via_token) {
        return {};
    }
    return core::HmacSha256Hex(p.csrf_secret, p.session_id_hash);
}

bool AuthService::CheckCsrf(const Principal& p, const std::string& token) const {
    if (p.via_token) {
        return true;
    }
    return !token.empty() && core::ConstantTimeEquals(CsrfToken(p), token);
}

core::Result<std::pair<store::TokenRow, std::string>> AuthService::CreateApiToken(const Principal& p,
                                                                                   const std::string& name) {
    if (name.empty() || name.size() > 100) {
        return core::Error::Unprocessable("token name is required (at most 100 characters)", "name");
    }
    std::string token = "byt_" + core::RandomToken(32);
    store::TokenRow row{core::NewId("tok"), p.user_id, name, core::Sha256Hex(token), clock_.NowMs(), 0, 0};
    BY_TRY(store_.CreateToken(row));
    (void)store_.Audit(p.user_id, p.partner_id, "token_created", row.id, {{"name", name}});
    return std::make_pair(row, token);
}

core::Status AuthService::RevokeApiToken(const Principal& p, const std::string& id) {
    BY_TRY(store_.RevokeToken(id, p.user_id));
    (void)store_.Audit(p.user_id, p.partner_id, "token_revoked", id);
    return core::Ok();
}

}  // namespace by::auth
