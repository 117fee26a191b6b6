// The credential vault of one process: the master-key ring (key file or environment), the SQL
// credential store and audit sink, the API's sealer, and the worker-role opener used to check (Test)
// and to publish. Also seeds the demo partners' sandbox credentials under `run`.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/wiring.hpp"
#include "store/credential_store_sql.hpp"
#include "vault/credential_vault.hpp"
#include "vault/keyring.hpp"

namespace by::app {

struct VaultParts {
    vault::KeyringPtr keyring;
    std::unique_ptr<store::SqlCredentialStore> store;
    std::unique_ptr<vault::CredentialSealer> sealer;
    std::unique_ptr<vault::CredentialOpener> opener;  // worker role: decrypts, audited
};

core::Result<std::unique_ptr<VaultParts>> BuildVault(Services& s, const std::string& worker_id);

// Stores the sandbox sellers' credentials for partner1 and partner2 (idempotent).
// Seals one sandbox seller's credentials (Uzum API token and cabinet login, WB, Ozon, Yandex) for a partner.
core::Status SealSandboxSeller(VaultParts& v, const std::string& partner_id, const nlohmann::json& seller);

core::Status SeedDemoCredentials(Services& s, VaultParts& v, const nlohmann::json& sandbox_accounts);

}  // namespace by::app
