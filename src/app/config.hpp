// Typed configuration with defaults in code (the offline ones), read from an optional TOML file and
// then overridden by BY_* environment variables. Unknown keys are errors. Secrets (master keys, API
// keys) never live here: they come from their own file or the environment.
#pragma once

#include <string>

#include "core/error.hpp"

namespace by::app {

struct Config {
    std::string data_dir = "./var";       // SQLite file, key file, assets, logs (runtime state)
    // [server]
    std::string host = "127.0.0.1";       // bind address; 0.0.0.0 to serve other machines
    int port = 8080;
    int http_threads = 512;               // each open connection (and each SSE watcher) holds one
    int max_body_mb = 25;                 // larger bodies get 413 before any handler runs
    std::string tls_cert;                 // both set: serve HTTPS (Secure cookies, HSTS)
    std::string tls_key;
    std::string public_url;               // how others reach us (media URLs); default http://host:port
    std::string web_dist;                 // the built dashboard; default <repo>/web/dist if present
    std::string data_path;                // shipped data (categories, rules); default <repo>/data
    // [database]
    std::string database_url;             // default sqlite://<data_dir>/biznesyordam.db; or postgresql://...
    int db_pool = 8;
    std::string redis_url;                // set: the queue and rate limits live in Redis (many machines)
    // [auth]
    int argon2_ops = 2;                   // OWASP floor is t=2 with m>=19 MiB; we use 64 MiB
    int argon2_mem_mb = 64;
    // [log]
    std::string log_level = "info";       // debug | info | warn | error
    // [workers]
    int workers = 2;                      // embedded workers in run/serve
    bool video = true;                    // [workers] video = false: cards go out without a video
    int lease_ms = 30000;                 // [workers] lease_ms: a dead worker's jobs come back after this
    // [marketplaces] base URLs; empty: the real seller APIs (under `run`: the in-process sandbox).
    // Point them at a `biznesyordam sandbox` to run workers and servers offline in separate processes.
    std::string wildberries_url, ozon_url, yandex_url, uzum_url, uzum_cabinet_url;
    // UZS per 1 RUB, to price cards on marketplaces whose cabinets take roubles (WB, Ozon) when the
    // product is priced in sums. Set it to the rate the seller works with; 0 refuses to convert.
    double uzs_per_rub = 150.0;
    // How long a signed media link stays valid (the marketplaces download the files after submission).
    int media_link_days = 30;
    // [telegram] Partners' notifications (Bot API sendMessage). The token is a secret: give it through
    // BY_TELEGRAM_BOT_TOKEN (or bot_token in a config file only the service reads); it is wiped from here
    // once the notifier holds it. Empty: notifications are recorded as skipped, never an error.
    std::string telegram_bot_token;
    std::string telegram_api_url = "https://api.telegram.org";  // tests point it at a local fake
    // [sentry] Error reports (500 answers, jobs failed for an internal reason or dead-lettered) to Sentry or
    // GlitchTip as envelopes. Empty DSN: nothing is reported. The DSN's public key only names the project.
    std::string sentry_dsn;                    // https://<public_key>@<host>/<project_id>; BY_SENTRY_DSN or SENTRY_DSN
    std::string sentry_environment = "production";
    double sentry_sample_rate = 1.0;           // the share of reports sent, 0..1
    // [stock] After publishing: orders are read from every marketplace where a product is live every
    // `orders_interval_ms` (each order lowers the one stock figure, which then goes to all of them).
    int orders_interval_ms = 60000;
    // At or below this many units, the stock is split between the marketplaces instead of shown in
    // full on each, so that together they never offer more than there is (0: always show it in full).
    int split_below = 8;
    // A partner hears of stock at or below this (Telegram "stock low").
    int low_stock = 3;
    // [competitors] Competitor cards' prices are read from the marketplaces' public storefronts every
    // `interval_ms` (default 15 min; each read is one public page or JSON per card). The storefront URLs
    // default to the real public hosts (competitors/price_reader.hpp); under `run`, the in-process sandbox's.
    int competitors_interval_ms = 15 * 60000;
    std::string wildberries_storefront_url, uzum_storefront_url, ozon_storefront_url, yandex_storefront_url;
    // [sandbox] time_scale > 1 runs the sandbox's limits and processing delays faster (tests, demos).
    double sandbox_time_scale = 1.0;
    // [ai] Remote text models (docs/ai.md). The keys come only from the environment (ANTHROPIC_API_KEY,
    // OPENAI_API_KEY, PERPLEXITY_API_KEY), never from here. "offline" needs no network and no key; with a
    // provider the model writes titles, descriptions and bullets, the offline engine stays behind it.
    std::string ai_provider = "offline";  // offline | anthropic | openai (any OpenAI-compatible chat API)
    std::string ai_model;                 // required with a provider: claude-…, gpt-4o-mini, llama3.1…
    std::string ai_base_url;              // empty: https://api.anthropic.com or https://api.openai.com
    std::string ai_research;              // offline | model | perplexity; empty: model with a provider
    std::string perplexity_model = "sonar";
    std::string perplexity_url = "https://api.perplexity.ai";
    int ai_timeout_ms = 60000;            // one HTTP attempt; long cards take tens of seconds on slow models
    std::string ai_json_mode = "schema";  // openai only: schema | object | none (what the server supports)
};

// Reads `file` (may be empty) and the environment on top of the defaults.
core::Result<Config> LoadConfig(const std::string& file);

}  // namespace by::app
