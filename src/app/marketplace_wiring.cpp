#include "app/marketplace_wiring.hpp"

#include "app/shared_rate_limiter.hpp"

#include "core/ids.hpp"
#include "marketplaces/ozon/ozon_adapter.hpp"
#include "marketplaces/uzum/uzum_adapter.hpp"
#include "marketplaces/wildberries/wildberries_adapter.hpp"
#include "marketplaces/yandex/yandex_adapter.hpp"
#include "net/curl/curl_http_client.hpp"
#include "queue/db/db_rate_limiter.hpp"
#include "queue/redis/redis_job_queue.hpp"
#include "queue/redis/redis_pool.hpp"

namespace by::app {

core::Result<std::unique_ptr<MarketplaceParts>> BuildMarketplaces(Services& s, const nlohmann::json& urls) {
    auto m = std::make_unique<MarketplaceParts>();
    m->http = net::MakeCurlHttpClient();
    const Config& c = s.config;
    constexpr double kHeadroom = 0.95;
    // `generate` builds the adapters without a database: one process, its own buckets.
    bool service = s.db != nullptr;
    if (service && !c.redis_url.empty()) {
        BY_ASSIGN(auto pool, queue::RedisPool::Open(c.redis_url));
        m->limiter = std::make_unique<SharedRateLimiter>(std::make_unique<queue::RedisRateLimiter>(pool, s.clock),
                                                         s.clock, kHeadroom);
    } else if (service && s.db->dialect() == store::Dialect::kPostgres) {
        m->limiter = std::make_unique<SharedRateLimiter>(std::make_unique<queue::DbRateLimiter>(*s.db, s.clock),
                                                         s.clock, kHeadroom);
    } else {
        m->limiter = std::make_unique<marketplaces::TokenBucketRateLimiter>(s.clock, kHeadroom);
    }
    auto url = [&](const char* key, const std::string& configured) {
        return urls.contains(key) ? urls[key].get<std::string>() : configured;
    };
    marketplaces::AdapterConfig& cfg = m->config;
    if (auto wb = url("wildberries", c.wildberries_url); !wb.empty()) {
        cfg.wildberries.content_url = cfg.wildberries.prices_url = cfg.wildberries.marketplace_url = wb;
    }
    if (auto v = url("ozon", c.ozon_url); !v.empty()) cfg.ozon.base_url = v;
    if (auto v = url("yandex", c.yandex_url); !v.empty()) cfg.yandex.base_url = v;
    // Our sellers' Yandex Market storefront is Uzbekistan's, priced in sums.
    cfg.yandex.currency = "UZS";
    m->adapters[core::Marketplace::kWildberries] =
        marketplaces::MakeWildberriesAdapter(cfg, *m->http, *m->limiter, s.clock);
    m->adapters[core::Marketplace::kOzon] = marketplaces::MakeOzonAdapter(cfg, *m->http, *m->limiter, s.clock);
    m->adapters[core::Marketplace::kYandex] = marketplaces::MakeYandexAdapter(cfg, *m->http, *m->limiter, s.clock);
    marketplaces::UzumConfig uz;
    if (auto v = url("uzum", c.uzum_url); !v.empty()) uz.api_base_url = v;
    if (auto v = url("cabinet", c.uzum_cabinet_url); !v.empty()) uz.cabinet_base_url = v;
    marketplaces::browser::BrowserConfig bc;
    m->browsers = std::make_unique<marketplaces::browser::SessionPool>(
        bc, marketplaces::browser::MakeChromeSessionFactory(bc, *m->http), s.clock);
    Services* sp = &s;
    marketplaces::ScreenshotSink sink = [sp](const std::string& card_id,
                                             std::string_view png) -> core::Result<std::string> {
        BY_ASSIGN(auto card, sp->store->GetCard(card_id));
        BY_ASSIGN(auto info, sp->assets->Put(png, "image/png"));
        store::AssetRow a{core::NewId("ast"), card.partner_id, info.id, "image/png", "screenshot",
                          info.size, 0, 0, sp->clock.NowMs()};
        BY_TRY(sp->store->CreateAsset(a));
        return a.id;
    };
    m->adapters[core::Marketplace::kUzum] =
        marketplaces::MakeUzumAdapter(uz, *m->http, *m->browsers, s.clock, std::move(sink), m->limiter.get());
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
