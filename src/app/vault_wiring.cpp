#include "app/vault_wiring.hpp"

#include "vault/hardening.hpp"

namespace by::app {

core::Result<std::unique_ptr<VaultParts>> BuildVault(Services& s, const std::string& worker_id) {
    (void)vault::HardenProcess();  // no core dumps of a process that holds keys
    auto v = std::make_unique<VaultParts>();
    BY_ASSIGN(v->keyring, vault::Keyring::FromEnvironment(s.config.data_dir));
    v->store = std::make_unique<store::SqlCredentialStore>(*s.db, s.clock);
    v->sealer = std::make_unique<vault::CredentialSealer>(*v->keyring, *v->store);
    v->opener = std::make_unique<vault::CredentialOpener>(*v->keyring, *v->store, *v->store, s.clock,
                                                          vault::VaultCapability::ForWorker(worker_id));
    return v;
}

core::Status SeedDemoCredentials(Services& s, VaultParts& v, const nlohmann::json& accounts) {
    const char* partners[] = {"partner1@demo.uz", "partner2@demo.uz"};
    const auto& sellers = accounts.value("sellers", nlohmann::json::array());
    for (size_t i = 0; i < 2 && i < sellers.size(); ++i) {
        auto user = s.store->GetUserByEmail(partners[i]);
        if (!user.ok() || user->partner_id.empty()) continue;
        auto existing = v.store->ListByPartner(user->partner_id);
        if (existing.ok() && !existing->empty()) continue;  // keep what the partner stored
        BY_TRY(SealSandboxSeller(v, user->partner_id, sellers[i]));
    }
    return core::Ok();
}

core::Status SealSandboxSeller(VaultParts& v, const std::string& partner_id, const nlohmann::json& a) {
    struct Put {
        core::Marketplace mp;
        const char* kind;
        nlohmann::json fields;
    };
    const auto& cab = a["uzum"]["cabinet"];
    nlohmann::json cabinet = {{"login", cab["login"]}, {"password", cab["password"]}};
    if (cab["totp_secret"].is_string()) cabinet["totp_secret"] = cab["totp_secret"];
    std::vector<Put> puts = {
        {core::Marketplace::kUzum, "api_token",
         {{"token", a["uzum"]["token"]}, {"shop_id", std::to_string(a["uzum"]["shop_id"].get<int64_t>())}}},
        {core::Marketplace::kUzum, "cabinet_login", cabinet},
        {core::Marketplace::kWildberries, "api_token", {{"token", a["wildberries"]["token"]}}},
        {core::Marketplace::kOzon, "client_key", {{"client_id", a["ozon"]["client_id"]}, {"api_key", a["ozon"]["api_key"]}}},
        {core::Marketplace::kYandex, "api_key",
         {{"api_key", a["yandex"]["api_key"]},
          {"business_id", std::to_string(a["yandex"]["business_id"].get<int64_t>())},
          {"campaign_id", std::to_string(a["yandex"]["campaign_id"].get<int64_t>())}}},
    };
    for (const auto& p : puts) {
        auto row = v.sealer->Put(partner_id, p.mp, p.kind, p.fields);
        if (!row.ok()) return std::move(row).error();
    }
    return core::Ok();
}

}  // namespace by::app
