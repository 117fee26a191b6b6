// The vault's persistence seams over SQL: marketplace_credentials rows (vault::CredentialStore) and
// decrypt audit records into audit_log (vault::AuditSink). Same SQL on SQLite and PostgreSQL.
// Thread-safety: stateless over SqlDb; safe from any thread.
#pragma once

#include "core/clock.hpp"
#include "store/sql.hpp"
#include "vault/audit_sink.hpp"
#include "vault/credential_store.hpp"

namespace by::store {

class SqlCredentialStore final : public vault::CredentialStore, public vault::AuditSink {
  public:
    SqlCredentialStore(SqlDb& db, const core::Clock& clock) : db_(db), clock_(clock) {}

    core::Result<vault::CredentialRow> Get(std::string_view partner_id, core::Marketplace marketplace,
                                           std::optional<vault::CredentialKind> kind) const override;
    core::Result<vault::CredentialRow> GetById(std::string_view id) const override;
    core::Result<std::vector<vault::CredentialRow>> ListByPartner(std::string_view partner_id) const override;
    core::Status Upsert(const vault::CredentialRow& row) override;
    core::Status Delete(std::string_view partner_id, core::Marketplace marketplace,
                        std::optional<vault::CredentialKind> kind) override;
    core::Result<std::vector<std::string>> ListIdsByKeyVersion(uint32_t version, std::string_view after_id,
                                                               size_t limit) const override;
    core::Result<bool> CompareAndSwapCiphertext(std::string_view id, uint32_t old_version,
                                                std::string_view old_ciphertext, std::string_view new_ciphertext,
                                                uint32_t new_version) override;
    core::Status UpdateVerification(std::string_view id, vault::CredentialStatus status, int64_t verified_ms,
                                    std::string_view last_error) override;

    core::Status RecordDecrypt(const vault::DecryptAuditRecord& record) override;

  private:
    SqlDb& db_;
    const core::Clock& clock_;
};

}  // namespace by::store
