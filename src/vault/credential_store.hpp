// Persistence seam for marketplace_credentials (one row per partner x marketplace x kind: Uzum needs both an
// api_token for its API and a cabinet_login for its seller cabinet). The vault never sees SQL:
// src/store/ implements this interface for SQLite/PostgreSQL; MemoryCredentialStore serves tests.
//
// Contract for implementations:
//  - Get/GetById return Error::NotFound when there is no row.
//  - Upsert inserts, or REPLACES the row with the same (partner_id, marketplace, kind) entirely, id included: the id
//    is bound into the ciphertext's AAD (S2), so a row's id must always be the one its ciphertext was sealed
//    for. `key_version` must equal the version in the ciphertext header.
//  - ListIdsByKeyVersion returns up to `limit` ids with key_version = `version` and id > `after_id`, ordered by
//    id (a cursor, so rows that fail to re-encrypt cannot stall a scan).
//  - CompareAndSwapCiphertext replaces ciphertext and key_version only if the row still has `old_version` AND
//    `old_ciphertext` (SQL: UPDATE ... SET ciphertext=?, key_version=? WHERE id=? AND key_version=? AND
//    ciphertext=?); returns false when the row changed or vanished. Comparing the ciphertext, not only the
//    version, matters: a concurrent PUT under the same (old) version must not be overwritten by a rewrap of
//    the value it replaced. Every ciphertext has a fresh random nonce, so equal text means the same write.
//  - AnyRowUnderKeyVersion is what Keyring::Retire asks; the default uses ListIdsByKeyVersion.
// Thread-safety: implementations must be safe for concurrent use from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "vault/credential_types.hpp"
#include "vault/keyring.hpp"

namespace by::vault {

struct CredentialRow {
    std::string id;  // "crd_..."; bound into the AAD
    std::string partner_id;
    core::Marketplace marketplace = core::Marketplace::kUzum;
    CredentialKind kind = CredentialKind::kApiToken;
    std::string ciphertext;  // S1, base64url
    uint32_t key_version = 0;
    CredentialStatus status = CredentialStatus::kUntested;
    int64_t last_verified_ms = 0;  // 0 = never
    std::string last_error;        // safe to show the partner; never contains a secret
    std::string hint;              // "****" + at most 4 characters
};

class CredentialStore : public KeyVersionUsage {
  public:
    ~CredentialStore() override = default;

    // With a kind: that row. Without: the marketplace's row (the api kind first when there are several).
    virtual core::Result<CredentialRow> Get(std::string_view partner_id, core::Marketplace marketplace,
                                            std::optional<CredentialKind> kind = std::nullopt) const = 0;
    virtual core::Result<CredentialRow> GetById(std::string_view id) const = 0;
    virtual core::Result<std::vector<CredentialRow>> ListByPartner(std::string_view partner_id) const = 0;
    virtual core::Status Upsert(const CredentialRow& row) = 0;
    // Error::NotFound when there is nothing to delete.
    // Without a kind: every row of that marketplace.
    virtual core::Status Delete(std::string_view partner_id, core::Marketplace marketplace,
                                std::optional<CredentialKind> kind = std::nullopt) = 0;
    virtual core::Result<std::vector<std::string>> ListIdsByKeyVersion(uint32_t version, std::string_view after_id,
                                                                       size_t limit) const = 0;
    virtual core::Result<bool> CompareAndSwapCiphertext(std::string_view id, uint32_t old_version,
                                                        std::string_view old_ciphertext,
                                                        std::string_view new_ciphertext, uint32_t new_version) = 0;
    // Records the outcome of POST /api/credentials/{marketplace}/test. Error::NotFound if the row is gone.
    virtual core::Status UpdateVerification(std::string_view id, CredentialStatus status, int64_t verified_ms,
                                            std::string_view last_error) = 0;

    core::Result<bool> AnyRowUnderKeyVersion(uint32_t version) const override;
};

}  // namespace by::vault
