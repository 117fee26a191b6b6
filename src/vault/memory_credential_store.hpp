// CredentialStore in memory, for tests and for checking the contract in credential_store.hpp.
// Thread-safety: every method takes one mutex; safe for concurrent use.
#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "vault/credential_store.hpp"

namespace by::vault {

class MemoryCredentialStore final : public CredentialStore {
  public:
    core::Result<CredentialRow> Get(std::string_view partner_id, core::Marketplace marketplace,
                                    std::optional<CredentialKind> kind = std::nullopt) const override;
    core::Result<CredentialRow> GetById(std::string_view id) const override;
    core::Result<std::vector<CredentialRow>> ListByPartner(std::string_view partner_id) const override;
    core::Status Upsert(const CredentialRow& row) override;
    core::Status Delete(std::string_view partner_id, core::Marketplace marketplace,
                        std::optional<CredentialKind> kind = std::nullopt) override;
    core::Result<std::vector<std::string>> ListIdsByKeyVersion(uint32_t version, std::string_view after_id,
                                                               size_t limit) const override;
    core::Result<bool> CompareAndSwapCiphertext(std::string_view id, uint32_t old_version,
                                                std::string_view old_ciphertext, std::string_view new_ciphertext,
                                                uint32_t new_version) override;
    core::Status UpdateVerification(std::string_view id, CredentialStatus status, int64_t verified_ms,
                                    std::string_view last_error) override;

    size_t size() const;

  private:
    using Key = std::tuple<std::string, core::Marketplace, CredentialKind>;
    mutable std::mutex mu_;
    std::map<std::string, CredentialRow, std::less<>> rows_;  // by id; guarded by mu_
    std::map<Key, std::string> by_owner_;                     // (partner, marketplace, kind) -> id; guarded by mu_
};

}  // namespace by::vault
