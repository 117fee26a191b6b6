// Repositories: typed access to every table, written once in portable SQL over SqlDb (so the same
// code runs on SQLite and PostgreSQL). Partner-owned rows are always read with the partner id in the
// WHERE clause: a row of another partner is simply "not found" (tenant isolation by construction).
// Thread-safety: every repository is stateless beyond its SqlDb and Clock references; safe from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"
#include "core/product.hpp"
#include "store/sql.hpp"

namespace by::store {

struct Page {
    int limit = 50;       // 1..200
    std::string cursor;   // opaque, from the previous page
};

template <typename T>
struct PageOf {
    std::vector<T> items;
    std::string next_cursor;  // empty: no more
};

struct PartnerRow {
    std::string id, company, tier, status;
    int64_t created_at = 0;
};

struct UserRow {
    std::string id, email, password_hash, role, partner_id;
    int64_t created_at = 0;
    int64_t last_login_at = 0;
};

struct SessionRow {
    std::string id_hash, user_id, csrf_secret;
    int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
};

struct TokenRow {
    std::string id, user_id, name, token_hash;
    int64_t created_at = 0, last_used_at = 0, revoked_at = 0;
};

struct AssetRow {
    std::string id, partner_id, sha256, mime, kind;
    int64_t size = 0;
    int width = 0, height = 0;
    int64_t created_at = 0;
};

struct RequestRow {
    std::string id, partner_id, product_id;
    std::vector<std::string> marketplaces;
    std::string priority, status, decided_by, reason;
    int64_t decided_at = 0, created_at = 0, updated_at = 0;
};

struct CardRow {
    std::string id, request_id, partner_id, product_id, marketplace, status;
    nlohmann::json stages = nlohmann::json::array();
    nlohmann::json content = nlohmann::json::object();
    nlohmann::json images = nlohmann::json::array();
    std::string video;
    nlohmann::json quality = nlohmann::json::object();
    std::string marketplace_ref;
    nlohmann::json moderation = nlohmann::json::object();
    std::string error;
    int64_t created_at = 0, updated_at = 0;
    std::string batch_token;  // the publish job that took this card into its batch (pipeline only)
};

struct AuditRow {
    std::string id;
    int64_t ts = 0;
    std::string actor, partner_id, action, target;
    nlohmann::json details = nlohmann::json::object();
    std::string ip;
};

class Store {
  public:
    Store(SqlDb& db, const core::Clock& clock) : db_(db), clock_(clock) {}
    SqlDb& db() { return db_; }
    const core::Clock& clock() const { return clock_; }

    // Partners and users. A partner and its owner are created in one transaction.
    core::Result<std::pair<PartnerRow, UserRow>> CreatePartnerWithOwner(const std::string& company,
                                                                        const std::string& email,
                                                                        const std::string& password_hash);
    core::Result<UserRow> CreateAdmin(const std::string& email, const std::string& password_hash);
    core::Result<PartnerRow> GetPartner(const std::string& id);
    core::Result<PageOf<PartnerRow>> ListPartners(const Page& page);
    core::Result<PartnerRow> UpdatePartner(const std::string& id, const std::optional<std::string>& tier,
                                           const std::optional<std::string>& status);
    core::Result<UserRow> GetUserByEmail(const std::string& email);
    core::Result<UserRow> GetUser(const std::string& id);
    core::Status SetPasswordHash(const std::string& user_id, const std::string& hash);
    core::Status TouchLogin(const std::string& user_id);

    // Sessions (ids stored hashed) and API tokens.
    core::Status CreateSession(const SessionRow& s);
    core::Result<SessionRow> GetSession(const std::string& id_hash);
    core::Status TouchSession(const std::string& id_hash, int64_t now);
    core::Status DeleteSession(const std::string& id_hash);
    core::Status CreateToken(const TokenRow& t);
    core::Result<TokenRow> GetTokenByHash(const std::string& token_hash);
    core::Status RevokeToken(const std::string& id, const std::string& user_id);

    // Login throttling: failures per key ("acct:<email>", "ip:<addr>") in a sliding window.
    core::Status RecordLoginFailure(const std::string& key);
    core::Result<std::vector<int64_t>> LoginFailuresSince(const std::string& key, int64_t since_ms);
    core::Status ClearLoginFailures(const std::string& key);

    // Products and their photos.
    core::Result<core::Product> CreateProduct(core::Product p);
    core::Result<core::Product> GetProduct(const std::string& partner_id, const std::string& id);
    core::Result<core::Product> GetProductAnyPartner(const std::string& id);
    core::Result<PageOf<core::Product>> ListProducts(const std::string& partner_id, const Page& page);
    // Writes every field; the stock only when `set_stock` (orders lower it concurrently).
    core::Status UpdateProduct(const core::Product& p, bool set_stock = true);
    // Appends an asset to the product's photos unless it holds `max_photos` already (409).
    core::Status AddProductPhoto(const std::string& partner_id, const std::string& product_id,
                                 const std::string& asset_id, size_t max_photos);

    core::Status CreateAsset(const AssetRow& a);
    core::Result<AssetRow> GetAsset(const std::string& id);

    // Requests: submit, list, decide.
    core::Result<RequestRow> CreateRequest(RequestRow r);
    core::Result<RequestRow> GetRequest(const std::string& id);  // callers check the partner
    core::Result<PageOf<RequestRow>> ListRequests(const std::optional<std::string>& partner_id,
                                                  const std::optional<std::string>& status, const Page& page);
    // Moves a request from `from` to `to` (409 if it is not in `from` any more). Runs inside `conn` when given.
    core::Result<RequestRow> DecideRequest(const std::string& id, const std::string& from, const std::string& to,
                                           const std::string& decided_by, const std::string& reason,
                                           const std::optional<std::string>& priority, SqlConn* conn = nullptr);

    core::Result<std::vector<CardRow>> ListCardsByRequest(const std::string& request_id);
    core::Result<CardRow> GetCard(const std::string& id);
    core::Status CreateCard(const CardRow& c, SqlConn* conn = nullptr);
    core::Status SaveCard(const CardRow& c, SqlConn* conn = nullptr);

    // Audit log: append-only.
    core::Status Audit(const std::string& actor, const std::string& partner_id, const std::string& action,
                       const std::string& target, const nlohmann::json& details = nlohmann::json::object(),
                       const std::string& ip = {}, SqlConn* conn = nullptr);
    core::Result<PageOf<AuditRow>> ListAudit(const std::optional<std::string>& partner_id, const Page& page);

  private:
    SqlDb& db_;
    const core::Clock& clock_;
};

// Keyset cursors over (created_at, id), encoded opaquely.
std::string EncodeCursor(int64_t ts, const std::string& id);
bool DecodeCursor(const std::string& cursor, int64_t* ts, std::string* id);

}  // namespace by::store
