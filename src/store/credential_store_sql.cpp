#include "store/credential_store_sql.hpp"

#include <nlohmann/json.hpp>

#include "core/ids.hpp"

namespace by::store {
namespace {

constexpr const char* kCols =
    "id, partner_id, marketplace, kind, ciphertext, key_version, status, last_verified, last_error, hint";

core::Result<vault::CredentialRow> ToRow(const Row& r) {
    vault::CredentialRow row;
    row.id = r.Str(0);
    row.partner_id = r.Str(1);
    auto mp = core::ParseMarketplace(r.Str(2));
    auto kind = vault::ParseCredentialKind(r.Str(3));
    auto status = vault::ParseCredentialStatus(r.Str(6));
    if (!mp || !kind || !status) {
        return core::Error::Internal("malformed credential row", row.id);
    }
    row.marketplace = *mp;
    row.kind = *kind;
    row.ciphertext = r.Str(4);
    row.key_version = static_cast<uint32_t>(r.Int(5));
    row.status = *status;
    row.last_verified_ms = r.Int(7);
    row.last_error = r.Str(8);
    row.hint = r.Str(9);
    return row;
}

// Api kinds sort before cabinet_login, so "the marketplace's credential" is its API credential.
constexpr const char* kKindOrder = " ORDER BY CASE kind WHEN 'cabinet_login' THEN 1 ELSE 0 END, kind";

}  // namespace

core::Result<vault::CredentialRow> SqlCredentialStore::Get(std::string_view partner_id, core::Marketplace marketplace,
                                                           std::optional<vault::CredentialKind> kind) const {
    std::string sql = std::string("SELECT ") + kCols + " FROM marketplace_credentials WHERE partner_id = ? AND marketplace = ?";
    Params params = {std::string(partner_id), std::string(core::MarketplaceName(marketplace))};
    if (kind) {
        sql += " AND kind = ?";
        params.emplace_back(std::string(vault::CredentialKindName(*kind)));
    }
    sql += kKindOrder;
    BY_ASSIGN(auto rows, db_.Query(sql, params));
    if (rows.empty()) return core::Error::NotFound("credential not found");
    return ToRow(rows.rows[0]);
}

core::Result<vault::CredentialRow> SqlCredentialStore::GetById(std::string_view id) const {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols + " FROM marketplace_credentials WHERE id = ?",
                                   {std::string(id)}));
    if (rows.empty()) return core::Error::NotFound("credential not found");
    return ToRow(rows.rows[0]);
}

core::Result<std::vector<vault::CredentialRow>> SqlCredentialStore::ListByPartner(std::string_view partner_id) const {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                       " FROM marketplace_credentials WHERE partner_id = ? ORDER BY marketplace, kind",
                                   {std::string(partner_id)}));
    std::vector<vault::CredentialRow> out;
    for (const auto& r : rows.rows) {
        BY_ASSIGN(auto row, ToRow(r));
        out.push_back(std::move(row));
    }
    return out;
}

core::Status SqlCredentialStore::Upsert(const vault::CredentialRow& row) {
    int64_t now = clock_.NowMs();
    std::string mp(core::MarketplaceName(row.marketplace));
    std::string kind(vault::CredentialKindName(row.kind));
    // The whole row is replaced, id included: the id is bound into the ciphertext's AAD.
    return db_.Tx([&](SqlConn& c) -> core::Status {
        BY_TRY(c.Exec("DELETE FROM marketplace_credentials WHERE partner_id = ? AND marketplace = ? AND kind = ?",
                      {row.partner_id, mp, kind}));
        BY_TRY(c.Exec(std::string("INSERT INTO marketplace_credentials (") + kCols +
                          ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {row.id, row.partner_id, mp, kind, row.ciphertext, static_cast<int64_t>(row.key_version),
                       std::string(vault::CredentialStatusName(row.status)),
                       row.last_verified_ms > 0 ? SqlValue(row.last_verified_ms) : SqlValue(nullptr), row.last_error,
                       row.hint, now, now}));
        return core::Ok();
    });
}

core::Status SqlCredentialStore::Delete(std::string_view partner_id, core::Marketplace marketplace,
                                        std::optional<vault::CredentialKind> kind) {
    std::string sql = "DELETE FROM marketplace_credentials WHERE partner_id = ? AND marketplace = ?";
    Params params = {std::string(partner_id), std::string(core::MarketplaceName(marketplace))};
    if (kind) {
        sql += " AND kind = ?";
        params.emplace_back(std::string(vault::CredentialKindName(*kind)));
    }
    BY_ASSIGN(int64_t n, db_.Exec(sql, params));
    if (n == 0) return core::Error::NotFound("credential not found");
    return core::Ok();
}

core::Result<std::vector<std::string>> SqlCredentialStore::ListIdsByKeyVersion(uint32_t version, std::string_view after_id,
                                                                               size_t limit) const {
    BY_ASSIGN(auto rows, db_.Query("SELECT id FROM marketplace_credentials WHERE key_version = ? AND id > ? ORDER BY id LIMIT ?",
                                   {static_cast<int64_t>(version), std::string(after_id), static_cast<int64_t>(limit)}));
    std::vector<std::string> out;
    for (const auto& r : rows.rows) out.push_back(r.Str(0));
    return out;
}

core::Result<bool> SqlCredentialStore::CompareAndSwapCiphertext(std::string_view id, uint32_t old_version,
                                                                std::string_view old_ciphertext,
                                                                std::string_view new_ciphertext, uint32_t new_version) {
    BY_ASSIGN(int64_t n, db_.Exec("UPDATE marketplace_credentials SET ciphertext = ?, key_version = ?, updated_at = ?"
                                  " WHERE id = ? AND key_version = ? AND ciphertext = ?",
                                  {std::string(new_ciphertext), static_cast<int64_t>(new_version), clock_.NowMs(),
                                   std::string(id), static_cast<int64_t>(old_version), std::string(old_ciphertext)}));
    return n == 1;
}

core::Status SqlCredentialStore::UpdateVerification(std::string_view id, vault::CredentialStatus status,
                                                    int64_t verified_ms, std::string_view last_error) {
    BY_ASSIGN(int64_t n, db_.Exec("UPDATE marketplace_credentials SET status = ?, last_verified = ?, last_error = ?,"
                                  " updated_at = ? WHERE id = ?",
                                  {std::string(vault::CredentialStatusName(status)), verified_ms, std::string(last_error),
                                   clock_.NowMs(), std::string(id)}));
    if (n == 0) return core::Error::NotFound("credential not found");
    return core::Ok();
}

core::Status SqlCredentialStore::RecordDecrypt(const vault::DecryptAuditRecord& r) {
    nlohmann::json details = {{"marketplace", core::MarketplaceName(r.marketplace)},
                              {"credential_id", r.credential_id},
                              {"key_version", r.key_version},
                              {"job_id", r.job_id},
                              {"purpose", r.purpose},
                              {"outcome", vault::AuditOutcomeName(r.outcome)},
                              {"error_code", r.error_code}};
    BY_TRY(db_.Exec("INSERT INTO audit_log (id, ts, actor, partner_id, action, target, details, ip) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                    {core::NewId("aud"), r.at_ms > 0 ? r.at_ms : clock_.NowMs(), r.actor,
                     r.partner_id.empty() ? SqlValue(nullptr) : SqlValue(r.partner_id), std::string("credential_decrypt"),
                     r.credential_id, details.dump()}));
    return core::Ok();
}

}  // namespace by::store
