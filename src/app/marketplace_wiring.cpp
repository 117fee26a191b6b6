#include "app/marketplace_wiring.hpp"

#include "marketplaces/common/adapter_config.hpp"
#include "marketplaces/ozon/ozon_adapter.hpp"
#include "marketplaces/uzum/uzum_adapter.hpp"
#include "marketplaces/wildberries/wildberries_adapter.hpp"
#include "marketplaces/yandex/yandex_adapter.hpp"
#include "net/curl/curl_http_client.hpp"

namespace by::app {

core::Result<std::unique_ptr<MarketplaceParts>> BuildMarketplaces(Services& s, const nlohmann::json& urls) {
    auto m = std::make_unique<MarketplaceParts>();
    m->http = net::MakeCurlHttpClient();
    m->limiter = std::make_unique<marketplaces::TokenBucketRateLimiter>(s.clock);
    marketplaces::AdapterConfig cfg;
    if (urls.contains("wildberries")) {
        std::string wb = urls["wildberries"];
        cfg.wildberries.content_url = cfg.wildberries.prices_url = cfg.wildberries.marketplace_url = wb;
    }
    if (urls.contains("ozon")) cfg.ozon.base_url = urls["ozon"];
    if (urls.contains("yandex")) cfg.yandex.base_url = urls["yandex"];
    m->adapters[core::Marketplace::kWildberries] =
        marketplaces::MakeWildberriesAdapter(cfg, *m->http, *m->limiter, s.clock);
    m->adapters[core::Marketplace::kOzon] = marketplaces::MakeOzonAdapter(cfg, *m->http, *m->limiter, s.clock);
    m->adapters[core::Marketplace::kYandex] = marketplaces::MakeYandexAdapter(cfg, *m->http, *m->limiter, s.clock);
    marketplaces::UzumConfig uz;
    if (urls.contains("uzum")) uz.api_base_url = urls["uzum"];
    if (urls.contains("cabinet")) uz.cabinet_base_url = urls["cabinet"];
    marketplaces::browser::BrowserConfig bc;
    m->browsers = std::make_unique<marketplaces::browser::SessionPool>(
        bc, marketplaces::browser::MakeChromeSessionFactory(bc, *m->http), s.clock);
    m->adapters[core::Marketplace::kUzum] = marketplaces::MakeUzumAdapter(uz, *m->http, *m->browsers, s.clock);
    return m;
}

core::Result<vault::FieldMap> OpenCredentials(VaultParts& v, const std::string& partner_id, core::Marketplace mp,
                                              const std::string& job_id, const std::string& purpose,
                                              std::optional<vault::CredentialKind> kind) {
    vault::OpenRequest req{partner_id, mp, job_id, purpose, kind};
    BY_ASSIGN(auto opened, v.opener->Open(req));
    vault::FieldMap fields = std::move(opened.fields);
    // Uzum publishes through its cabinet too: the cabinet login joins the API token's fields.
    if (mp == core::Marketplace::kUzum && !kind && purpose == "publish") {
        req.kind = vault::CredentialKind::kCabinetLogin;
        auto cabinet = v.opener->Open(req);
        if (cabinet.ok()) {
            for (auto& [name, value] : cabinet->fields) fields.emplace(name, std::move(value));
        }
    }
    return fields;
}

core::Result<nlohmann::json> TestCredential(Services& s, VaultParts& v, MarketplaceParts& m,
                                            const std::string& partner_id, core::Marketplace mp,
                                            std::optional<vault::CredentialKind> kind) {
    BY_ASSIGN(auto row, v.store->Get(partner_id, mp, kind));
    if (row.kind == vault::CredentialKind::kCabinetLogin) {
        // A cabinet login is proved by signing in, which the first publish does (with its 2FA step).
        return nlohmann::json{{"status", "untested"},
                              {"message", "the seller-cabinet login is checked when the first card is published"}};
    }
    auto it = m.adapters.find(mp);
    if (it == m.adapters.end()) return core::Error::NotBuilt("no adapter for this marketplace");
    auto fields = OpenCredentials(v, partner_id, mp, "", "credential_test", row.kind);
    vault::CredentialStatus status = vault::CredentialStatus::kFailed;
    std::string message;
    if (!fields.ok()) {
        message = fields.error().message;
    } else {
        auto verdict = it->second->Verify(*fields);
        if (!verdict.ok()) {
            message = verdict.error().message;
        } else {
            status = verdict->ok ? vault::CredentialStatus::kActive : vault::CredentialStatus::kFailed;
            message = verdict->ok ? "ok" : verdict->message;
        }
    }
    int64_t now = s.clock.NowMs();
    BY_TRY(v.store->UpdateVerification(row.id, status, now,
                                       status == vault::CredentialStatus::kActive ? "" : message));
    return nlohmann::json{{"status", vault::CredentialStatusName(status)}, {"message", message},
                          {"kind", vault::CredentialKindName(row.kind)}};
}

}  // namespace by::app
