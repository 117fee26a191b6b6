// Builds the process's parts from the configuration (the only place that picks backends).
// Construction order follows the dependency graph; destruction runs it in reverse.
#pragma once

#include <memory>

#include "api/context.hpp"
#include "api/router.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "media/asset_store.hpp"
#include "notify/telegram.hpp"
#include "obs/error_reporter.hpp"
#include "store/sql.hpp"
#include "store/store.hpp"

namespace by::app {

struct Services {
    Config config;
    core::SystemClock clock;
    // Error reports ([sentry] dsn set: the Sentry envelope reporter; else null). Declared early so it is
    // destroyed last: its destructor sends what is queued, within its flush deadline.
    obs::ErrorReporterPtr errors;
    store::SqlDbPtr db;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<auth::AuthService> auth;
    media::AssetStorePtr assets;  // content-addressed files under <data_dir>/assets
    api::MediaLinks media_links;  // signed public links to published media
    std::string media_link_key;  // the links' HMAC key (not a credential: it only signs URLs)
    // Telegram notifications: s.telegram->notifier() records an event (any thread, one insert); the
    // sender loop runs where workers run. Never null after BuildServices.
    notify::TelegramPtr telegram;
};

// A folder of the source tree (`rel`, checked by `marker` inside it) found upwards from the binary, then
// from the working directory (the built binary runs from build/ inside the checkout); empty when absent.
std::string FindUpwards(const std::string& rel, const std::string& marker);

// The media-link key: BY_MEDIA_LINK_KEY (hex, shared by every server of a deployment), else
// <data_dir>/media-link.key, created with 32 random bytes (mode 0600) on first use.
core::Result<std::string> LoadMediaLinkKey(const Config& c);
// Signs links under config.public_url, else http://<host>:<port> (the port the server bound).
void SetMediaLinks(Services& s, int bound_port);

// Loads config (file + env + command-line overrides), opens and migrates the database, starts logging.
core::Result<std::unique_ptr<Services>> BuildServices(const CommonOptions& common);

// The API context over the services.
std::unique_ptr<api::ApiContext> BuildApiContext(Services& s);

// Creates the demo admin and partners if missing (only `run` calls it).
core::Status SeedDemo(Services& s);

}  // namespace by::app
