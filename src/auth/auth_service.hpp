// Accounts and sign-in: registration, login with throttling, database-backed sessions (so several
// servers share them), CSRF tokens, API tokens, and resolving a request's caller (cookie or Bearer).
//
// Session ids are 256 random bits, given to the browser once and stored only as SHA-256. The CSRF
// token is HMAC-SHA256(per-session secret, session hash): nothing to store, rotates with the session.
// Throttling (GUARANTEES S10): more than 5 failures per account or 20 per IP within 15 minutes
// answer 429 with Retry-After (doubling per extra failure, capped at 15 minutes). Unknown e-mails
// cost one Argon2id verify too, so timing does not reveal which accounts exist.
// Thread-safety: stateless over Store and Clock; safe from any thread.
#pragma once

#include <optional>
#include <string>

#include "auth/password.hpp"
#include "core/clock.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace by::auth {

struct AuthOptions {
    PasswordPolicy password;
    int64_t session_idle_ms = 30 * 60 * 1000;        // idle timeout (S9: 30 min)
    int64_t session_absolute_ms = 12 * 3600 * 1000;  // absolute lifetime (S9: 12 h)
    int64_t throttle_window_ms = 15 * 60 * 1000;
    int account_failures_allowed = 5;
    int ip_failures_allowed = 20;
    int64_t max_lockout_ms = 15 * 60 * 1000;
};

struct Principal {
    std::string user_id;
    std::string email;
    core::Role role = core::Role::kPartner;
    std::string partner_id;       // empty for admins
    std::string session_id_hash;  // empty for API tokens
    std::string csrf_secret;
    bool via_token = false;       // Bearer tokens need no CSRF token
    bool IsAdmin() const { return role == core::Role::kAdmin; }
};

struct LoginResult {
    Principal principal;
    std::string session_id;  // the cookie value: shown once, never stored
    std::string csrf_token;
};

class AuthService {
  public:
    AuthService(store::Store& store, const core::Clock& clock, AuthOptions options)
        : store_(store), clock_(clock), options_(std::move(options)) {}

    core::Result<std::pair<store::PartnerRow, store::UserRow>> Register(const std::string& company,
                                                                       const std::string& email,
                                                                       const std::string& password);
    core::Result<store::UserRow> CreateUser(core::Role role, const std::string& email, const std::string& password,
                                            const std::string& company);
    core::Result<LoginResult> Login(const std::string& email, const std::string& password, const std::string& ip);
    core::Status Logout(const Principal& p);

    // From the session cookie value or a Bearer token; Unauthenticated when neither is valid.
    core::Result<Principal> FromSession(const std::string& session_id);
    core::Result<Principal> FromToken(const std::string& token);
    std::string CsrfToken(const Principal& p) const;
    bool CheckCsrf(const Principal& p, const std::string& token) const;

    core::Result<std::pair<store::TokenRow, std::string>> CreateApiToken(const Principal& p, const std::string& name);
    core::Status RevokeApiToken(const Principal& p, const std::string& id);

    const AuthOptions& options() const { return options_; }

  private:
    core::Result<Principal> PrincipalFor(const store::UserRow& u);
    // 0 when allowed, else milliseconds to wait.
    core::Result<int64_t> ThrottleWait(const std::string& key, int allowed);

    store::Store& store_;
    const core::Clock& clock_;
    AuthOptions options_;
};

std::string NormalizeEmail(std::string email);
core::Status CheckEmailShape(const std::string& email);

}  // namespace by::auth
