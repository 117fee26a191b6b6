// The four marketplace adapters of one process over one outbound HTTP client and one rate limiter,
// pointed at the real seller APIs or (under `run` and in tests) at the sandbox; and the credential
// Test action: decrypt through the worker-role opener (audited), ask the marketplace, store the result.
#pragma once

#include <map>
#include <memory>
#include <optional>

#include "app/vault_wiring.hpp"
#include "app/wiring.hpp"
#include "marketplaces/adapter.hpp"
#include "marketplaces/browser/session_pool.hpp"
#include "marketplaces/common/adapter_config.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "net/http_client.hpp"

namespace by::app {

struct MarketplaceParts {
    marketplaces::AdapterConfig config;  // base URLs and each cabinet's currency
    net::HttpClientPtr http;
    // Shared by every process (Redis when configured, else PostgreSQL's rate_buckets); one process's own
    // buckets under SQLite, where one process does the work.
    std::unique_ptr<marketplaces::RateLimiter> limiter;
    std::unique_ptr<marketplaces::browser::SessionPool> browsers;
    std::map<core::Marketplace, marketplaces::AdapterPtr> adapters;
};

// base_urls: {"uzum", "cabinet", "wildberries", "yandex", "ozon"} (the in-process sandbox's); else the
// configured [marketplaces] URLs; else the real seller APIs. Uzum's attention screenshots become assets
// of the card's partner.
core::Result<std::unique_ptr<MarketplaceParts>> BuildMarketplaces(Services& s, const nlohmann::json& base_urls);

// Opens the credential(s) a marketplace needs for `purpose` (Uzum: the API token and the cabinet login).
core::Result<vault::FieldMap> OpenCredentials(VaultParts& v, const std::string& partner_id, core::Marketplace mp,
                                              const std::string& job_id, const std::string& purpose,
                                              std::optional<vault::CredentialKind> kind = std::nullopt);

// POST /api/credentials/{marketplace}/test: {status, message}, stored as the row's verification.
core::Result<nlohmann::json> TestCredential(Services& s, VaultParts& v, MarketplaceParts& m,
                                            const std::string& partner_id, core::Marketplace mp,
                                            std::optional<vault::CredentialKind> kind);

}  // namespace by::app
