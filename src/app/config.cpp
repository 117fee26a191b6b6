#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <set>

namespace by::app {
namespace {

core::Status CheckKeys(const toml::table& t, const std::string& prefix, const std::set<std::string>& allowed) {
    for (const auto& [k, v] : t) {
        std::string key(k.str());
        if (!allowed.count(key)) {
            return core::Error::Invalid("unknown configuration key " + prefix + key);
        }
    }
    return core::Ok();
}

template <typename T>
void Read(const toml::table& t, const char* key, T* out) {
    if (auto v = t[key].value<T>()) {
        *out = *v;
    }
}

void EnvString(const char* name, std::string* out) {
    if (const char* v = std::getenv(name); v && *v) *out = v;
}
void EnvInt(const char* name, int* out) {
    if (const char* v = std::getenv(name); v && *v) *out = std::atoi(v);
}

core::Status ReadAi(const toml::table& t, Config* c) {
    BY_TRY(CheckKeys(t, "ai.", {"provider", "model", "base_url", "research", "perplexity_model", "perplexity_url",
                                "timeout_ms", "json_mode"}));
    Read(t, "provider", &c->ai_provider);
    Read(t, "model", &c->ai_model);
    Read(t, "base_url", &c->ai_base_url);
    Read(t, "research", &c->ai_research);
    Read(t, "perplexity_model", &c->perplexity_model);
    Read(t, "perplexity_url", &c->perplexity_url);
    Read(t, "json_mode", &c->ai_json_mode);
    int64_t timeout = c->ai_timeout_ms;
    Read(t, "timeout_ms", &timeout);
    c->ai_timeout_ms = static_cast<int>(timeout);
    return core::Ok();
}

// The [ai] values after the environment: known names, a model with a provider, research defaulted.
// Whether the keys are present is checked where they are read (app/ai_wiring.cpp), at start-up.
core::Status CheckAi(Config* c) {
    static const std::set<std::string> kProviders = {"offline", "anthropic", "openai"};
    static const std::set<std::string> kResearch = {"offline", "model", "perplexity"};
    static const std::set<std::string> kJsonModes = {"schema", "object", "none"};
    if (!kProviders.count(c->ai_provider)) {
        return core::Error::Invalid("ai.provider must be offline, anthropic or openai (got \"" + c->ai_provider + "\")");
    }
    const bool remote = c->ai_provider != "offline";
    if (c->ai_research.empty()) {
        c->ai_research = remote ? "model" : "offline";
    }
    if (!kResearch.count(c->ai_research)) {
        return core::Error::Invalid("ai.research must be offline, model or perplexity (got \"" + c->ai_research + "\")");
    }
    if (c->ai_research == "model" && !remote) {
        return core::Error::Invalid("ai.research = \"model\" needs ai.provider anthropic or openai");
    }
    if (remote && c->ai_model.empty()) {
        return core::Error::Invalid("ai.model is required with ai.provider = \"" + c->ai_provider + "\" (or BY_AI_MODEL)");
    }
    if (c->ai_research == "perplexity" && c->perplexity_model.empty()) {
        return core::Error::Invalid("ai.perplexity_model must not be empty");
    }
    if (!kJsonModes.count(c->ai_json_mode)) {
        return core::Error::Invalid("ai.json_mode must be schema, object or none");
    }
    if (c->ai_timeout_ms < 1000) {
        return core::Error::Invalid("ai.timeout_ms must be at least 1000");
    }
    return core::Ok();
}

}  // namespace

core::Result<Config> LoadConfig(const std::string& file) {
    Config c;
    if (!file.empty()) {
        toml::table root;
        try {
            root = toml::parse_file(file);
        } catch (const toml::parse_error& e) {
            return core::Error::Invalid(std::string("cannot read config ") + file + ": " + std::string(e.description()));
        }
        BY_TRY(CheckKeys(root, "", {"data_dir", "data_path", "server", "database", "auth", "log", "workers",
                                      "marketplaces", "telegram", "stock", "sandbox", "competitors", "sentry", "ai"}));
        Read(root, "data_dir", &c.data_dir);
        Read(root, "data_path", &c.data_path);
        if (auto* s = root["server"].as_table()) {
            BY_TRY(CheckKeys(*s, "server.", {"host", "port", "http_threads", "max_body_mb", "tls_cert", "tls_key",
                                             "public_url", "web_dist"}));
            Read(*s, "host", &c.host);
            int64_t port = c.port, threads = c.http_threads, body = c.max_body_mb;
            Read(*s, "port", &port);
            Read(*s, "http_threads", &threads);
            Read(*s, "max_body_mb", &body);
            c.port = static_cast<int>(port);
            c.http_threads = static_cast<int>(threads);
            c.max_body_mb = static_cast<int>(body);
            Read(*s, "tls_cert", &c.tls_cert);
            Read(*s, "tls_key", &c.tls_key);
            Read(*s, "public_url", &c.public_url);
            Read(*s, "web_dist", &c.web_dist);
        }
        if (auto* s = root["database"].as_table()) {
            BY_TRY(CheckKeys(*s, "database.", {"url", "pool", "redis_url"}));
            Read(*s, "url", &c.database_url);
            Read(*s, "redis_url", &c.redis_url);
            int64_t pool = c.db_pool;
            Read(*s, "pool", &pool);
            c.db_pool = static_cast<int>(pool);
        }
        if (auto* s = root["auth"].as_table()) {
            BY_TRY(CheckKeys(*s, "auth.", {"argon2_ops", "argon2_mem_mb"}));
            int64_t ops = c.argon2_ops, mem = c.argon2_mem_mb;
            Read(*s, "argon2_ops", &ops);
            Read(*s, "argon2_mem_mb", &mem);
            c.argon2_ops = static_cast<int>(ops);
            c.argon2_mem_mb = static_cast<int>(mem);
        }
        if (auto* s = root["log"].as_table()) {
            BY_TRY(CheckKeys(*s, "log.", {"level"}));
            Read(*s, "level", &c.log_level);
        }
        if (auto* s = root["workers"].as_table()) {
            BY_TRY(CheckKeys(*s, "workers.", {"count", "video", "lease_ms"}));
            int64_t lease = c.lease_ms;
            Read(*s, "lease_ms", &lease);
            c.lease_ms = static_cast<int>(lease);
            int64_t n = c.workers;
            Read(*s, "count", &n);
            Read(*s, "video", &c.video);
            c.workers = static_cast<int>(n);
        }
        if (auto* s = root["marketplaces"].as_table()) {
            BY_TRY(CheckKeys(*s, "marketplaces.", {"wildberries_url", "ozon_url", "yandex_url", "uzum_url",
                                                   "uzum_cabinet_url", "uzs_per_rub", "media_link_days"}));
            Read(*s, "wildberries_url", &c.wildberries_url);
            Read(*s, "ozon_url", &c.ozon_url);
            Read(*s, "yandex_url", &c.yandex_url);
            Read(*s, "uzum_url", &c.uzum_url);
            Read(*s, "uzum_cabinet_url", &c.uzum_cabinet_url);
            Read(*s, "uzs_per_rub", &c.uzs_per_rub);
            int64_t days = c.media_link_days;
            Read(*s, "media_link_days", &days);
            c.media_link_days = static_cast<int>(days);
        }
        if (auto* s = root["telegram"].as_table()) {
            BY_TRY(CheckKeys(*s, "telegram.", {"bot_token", "api_url"}));
            Read(*s, "bot_token", &c.telegram_bot_token);
            Read(*s, "api_url", &c.telegram_api_url);
        }
        if (auto* s = root["stock"].as_table()) {
            BY_TRY(CheckKeys(*s, "stock.", {"orders_interval_ms", "split_below", "low_stock"}));
            int64_t interval = c.orders_interval_ms, split = c.split_below, low = c.low_stock;
            Read(*s, "orders_interval_ms", &interval);
            Read(*s, "split_below", &split);
            Read(*s, "low_stock", &low);
            c.orders_interval_ms = static_cast<int>(interval);
            c.split_below = static_cast<int>(split);
            c.low_stock = static_cast<int>(low);
        }
        if (auto* s = root["competitors"].as_table()) {
            BY_TRY(CheckKeys(*s, "competitors.", {"interval_ms", "wildberries_url", "uzum_url", "ozon_url", "yandex_url"}));
            int64_t interval = c.competitors_interval_ms;
            Read(*s, "interval_ms", &interval);
            c.competitors_interval_ms = static_cast<int>(interval);
            Read(*s, "wildberries_url", &c.wildberries_storefront_url);
            Read(*s, "uzum_url", &c.uzum_storefront_url);
            Read(*s, "ozon_url", &c.ozon_storefront_url);
            Read(*s, "yandex_url", &c.yandex_storefront_url);
        }
        if (auto* s = root["sentry"].as_table()) {
            BY_TRY(CheckKeys(*s, "sentry.", {"dsn", "environment", "sample_rate"}));
            Read(*s, "dsn", &c.sentry_dsn);
            Read(*s, "environment", &c.sentry_environment);
            Read(*s, "sample_rate", &c.sentry_sample_rate);
        }
        if (auto* s = root["sandbox"].as_table()) {
            BY_TRY(CheckKeys(*s, "sandbox.", {"time_scale"}));
            Read(*s, "time_scale", &c.sandbox_time_scale);
        }
        if (auto* s = root["ai"].as_table()) {
            BY_TRY(ReadAi(*s, &c));
        }
    }
    EnvString("BY_DATA_DIR", &c.data_dir);
    EnvString("BY_HOST", &c.host);
    EnvInt("BY_PORT", &c.port);
    EnvString("BY_DATABASE_URL", &c.database_url);
    EnvString("BY_REDIS_URL", &c.redis_url);
    EnvString("BY_DATA_PATH", &c.data_path);
    EnvString("BY_PUBLIC_URL", &c.public_url);
    EnvString("BY_WEB_DIST", &c.web_dist);
    EnvString("BY_TLS_CERT", &c.tls_cert);
    EnvString("BY_TLS_KEY", &c.tls_key);
    EnvString("BY_LOG_LEVEL", &c.log_level);
    EnvInt("BY_ARGON2_OPS", &c.argon2_ops);
    EnvInt("BY_ARGON2_MEM_MB", &c.argon2_mem_mb);
    EnvInt("BY_HTTP_THREADS", &c.http_threads);
    EnvInt("BY_WORKERS", &c.workers);
    EnvInt("BY_LEASE_MS", &c.lease_ms);
    if (c.lease_ms < 1000) {
        return core::Error::Invalid("workers.lease_ms must be at least 1000");
    }
    if (const char* v = std::getenv("BY_VIDEO"); v && *v) c.video = std::string(v) != "0" && std::string(v) != "false";
    EnvString("BY_WILDBERRIES_URL", &c.wildberries_url);
    EnvString("BY_OZON_URL", &c.ozon_url);
    EnvString("BY_YANDEX_URL", &c.yandex_url);
    EnvString("BY_UZUM_URL", &c.uzum_url);
    EnvString("BY_UZUM_CABINET_URL", &c.uzum_cabinet_url);
    EnvString("BY_TELEGRAM_BOT_TOKEN", &c.telegram_bot_token);
    EnvString("BY_TELEGRAM_API_URL", &c.telegram_api_url);
    EnvString("SENTRY_DSN", &c.sentry_dsn);
    EnvString("BY_SENTRY_DSN", &c.sentry_dsn);
    EnvString("BY_SENTRY_ENVIRONMENT", &c.sentry_environment);
    if (c.sentry_sample_rate < 0 || c.sentry_sample_rate > 1) {
        return core::Error::Invalid("sentry.sample_rate must be between 0 and 1");
    }
    if (const char* v = std::getenv("BY_UZS_PER_RUB"); v && *v) c.uzs_per_rub = std::atof(v);
    if (c.uzs_per_rub < 0) {
        return core::Error::Invalid("marketplaces.uzs_per_rub must not be negative");
    }
    EnvInt("BY_ORDERS_INTERVAL_MS", &c.orders_interval_ms);
    EnvInt("BY_STOCK_SPLIT_BELOW", &c.split_below);
    EnvInt("BY_LOW_STOCK", &c.low_stock);
    if (const char* v = std::getenv("BY_SANDBOX_TIME_SCALE"); v && *v) c.sandbox_time_scale = std::atof(v);
    if (c.orders_interval_ms < 1000) {
        return core::Error::Invalid("stock.orders_interval_ms must be at least 1000");
    }
    EnvInt("BY_COMPETITORS_INTERVAL_MS", &c.competitors_interval_ms);
    if (c.competitors_interval_ms < 1000) {
        return core::Error::Invalid("competitors.interval_ms must be at least 1000");
    }
    if (c.split_below < 0 || c.low_stock < 0) {
        return core::Error::Invalid("stock.split_below and stock.low_stock must not be negative");
    }
    if (c.sandbox_time_scale <= 0) {
        return core::Error::Invalid("sandbox.time_scale must be positive");
    }
    if (c.media_link_days < 1) {
        return core::Error::Invalid("marketplaces.media_link_days must be at least 1");
    }
    if (c.argon2_ops < 1 || c.argon2_mem_mb < 1) {
        return core::Error::Invalid("auth.argon2_ops and auth.argon2_mem_mb must be positive");
    }
    if (c.port < 0 || c.port > 65535) {
        return core::Error::Invalid("server.port must be 0..65535");
    }
    EnvString("BY_AI_PROVIDER", &c.ai_provider);
    EnvString("BY_AI_MODEL", &c.ai_model);
    EnvString("BY_AI_BASE_URL", &c.ai_base_url);
    EnvString("BY_AI_RESEARCH", &c.ai_research);
    EnvString("BY_AI_JSON_MODE", &c.ai_json_mode);
    BY_TRY(CheckAi(&c));
    return c;
}

}  // namespace by::app
