#include "app/wiring.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sodium.h>

#include "core/encoding.hpp"
#include "media/dir/dir_asset_store.hpp"
#include "media/image_ops.hpp"
#include "net/curl/curl_http_client.hpp"
#include "obs/log.hpp"
#include "obs/sentry/sentry_reporter.hpp"

namespace by::app {
namespace {

obs::Level ParseLevel(const std::string& s) {
    if (s == "debug") return obs::Level::kDebug;
    if (s == "warn") return obs::Level::kWarn;
    if (s == "error") return obs::Level::kError;
    return obs::Level::kInfo;
}

// [sentry]: the envelope reporter over its own libcurl client (one attempt per send: it paces itself).
core::Result<obs::ErrorReporterPtr> BuildErrorReporter(const Config& c, const core::Clock& clock) {
    if (c.sentry_dsn.empty()) return obs::ErrorReporterPtr();
    BY_ASSIGN(auto dsn, obs::sentry::ParseDsn(c.sentry_dsn));
    obs::sentry::SentryOptions so;
    so.environment = c.sentry_environment;
    so.sample_rate = c.sentry_sample_rate;
    net::CurlOptions co;
    co.max_idle_handles = 1;
    co.max_response_bytes = 1 << 20;
    return obs::ErrorReporterPtr(
        std::make_unique<obs::sentry::SentryReporter>(std::move(dsn), so, net::MakeCurlHttpClient(co), clock));
}

}  // namespace

std::string FindUpwards(const std::string& rel, const std::string& marker) {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    for (auto start : {exe.parent_path(), std::filesystem::current_path(ec)}) {
        for (auto dir = start; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
            if (std::filesystem::exists(dir / rel / marker, ec)) {
                return (dir / rel).string();
            }
        }
    }
    return {};
}

core::Result<std::string> LoadMediaLinkKey(const Config& c) {
    if (const char* env = std::getenv("BY_MEDIA_LINK_KEY"); env && *env) {
        auto key = core::HexDecode(env);
        if (!key || key->size() < 16) return core::Error::Invalid("BY_MEDIA_LINK_KEY must be at least 32 hex digits");
        return *key;
    }
    auto path = std::filesystem::path(c.data_dir) / "media-link.key";
    std::string hex;
    if (std::ifstream in(path); in) {
        in >> hex;
        auto key = core::HexDecode(hex);
        if (!key || key->size() < 16) return core::Error::Invalid(path.string() + " is not a media-link key");
        return *key;
    }
    std::string key(32, '\0');
    randombytes_buf(key.data(), key.size());
    auto tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        if (!out) return core::Error::Invalid("cannot write " + tmp.string());
        out << core::HexEncode(key) << "\n";
    }
    std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);  // two processes racing both write a key; the last rename wins
    if (ec) return core::Error::Invalid("cannot write " + path.string() + ": " + ec.message());
    return LoadMediaLinkKey(c);
}

void SetMediaLinks(Services& s, int bound_port) {
    std::string base = s.config.public_url;
    if (base.empty()) {
        std::string host = s.config.host == "0.0.0.0" ? "127.0.0.1" : s.config.host;
        base = std::string(s.config.tls_cert.empty() ? "http" : "https") + "://" + host + ":" + std::to_string(bound_port);
    }
    while (!base.empty() && base.back() == '/') base.pop_back();
    s.media_links = api::MediaLinks(s.media_link_key, base);
}

core::Result<std::unique_ptr<Services>> BuildServices(const CommonOptions& common) {
    auto s = std::make_unique<Services>();
    BY_ASSIGN(s->config, LoadConfig(common.config_file));
    Config& c = s->config;
    if (!common.data_dir.empty()) c.data_dir = common.data_dir;
    if (common.port >= 0) c.port = common.port;
    std::error_code ec;
    std::filesystem::create_directories(c.data_dir, ec);
    if (ec) {
        return core::Error::Invalid("cannot create data dir " + c.data_dir + ": " + ec.message());
    }
    c.data_dir = std::filesystem::absolute(c.data_dir).string();
    obs::InitLogging({std::filesystem::path(c.data_dir) / "logs", ParseLevel(c.log_level), true});
    BY_ASSIGN(s->errors, BuildErrorReporter(c, s->clock));
    if (c.database_url.empty()) {
        c.database_url = "sqlite://" + c.data_dir + "/biznesyordam.db";
    }
    if (c.web_dist.empty()) {
        c.web_dist = FindUpwards("web/dist", "index.html");
    }
    if (c.data_path.empty()) {
        c.data_path = FindUpwards("data", "categories");
    }
    BY_ASSIGN(s->db, store::OpenDatabase(c.database_url, c.db_pool));
    BY_TRY(store::Migrate(*s->db));
    s->store = std::make_unique<store::Store>(*s->db, s->clock);
    notify::TelegramOptions to;
    to.bot.api_url = c.telegram_api_url;
    s->telegram = std::make_unique<notify::Telegram>(*s->db, s->clock, net::MakeDefaultHttpClient(s->clock),
                                                     core::SecretBuffer::Take(std::move(c.telegram_bot_token)), to);
    BY_ASSIGN(s->assets, media::OpenDirAssetStore({std::filesystem::path(c.data_dir) / "assets", true}));
    auth::AuthOptions ao;
    ao.password.ops_limit = static_cast<unsigned long long>(c.argon2_ops);
    ao.password.mem_limit = static_cast<size_t>(c.argon2_mem_mb) * 1024 * 1024;
    s->auth = std::make_unique<auth::AuthService>(*s->store, s->clock, ao);
    BY_ASSIGN(s->media_link_key, LoadMediaLinkKey(c));
    SetMediaLinks(*s, c.port);
    return s;
}

std::unique_ptr<api::ApiContext> BuildApiContext(Services& s) {
    auto ctx = std::unique_ptr<api::ApiContext>(new api::ApiContext{*s.store, *s.auth, s.clock});
    ctx->secure_cookies = !s.config.tls_cert.empty();
    ctx->web_dist = s.config.web_dist;
    ctx->uzs_per_rub = s.config.uzs_per_rub;
    ctx->sse_max_streams = std::max(1, s.config.http_threads * 3 / 4);
    ctx->telegram = s.telegram.get();
    ctx->errors = s.errors.get();
    media::AssetStore* assets = s.assets.get();
    ctx->put_blob = [assets](const std::string& bytes, const std::string& mime) -> core::Result<std::string> {
        BY_ASSIGN(auto info, assets->Put(bytes, mime));
        return info.id;
    };
    ctx->get_blob = [assets](const std::string& sha) -> core::Result<std::string> {
        BY_ASSIGN(auto asset, assets->Get(sha));
        return std::move(asset.bytes);
    };
    size_t max_photo = ctx->limits.max_photo_bytes;
    ctx->inspect_upload = [max_photo](const std::string& bytes) -> core::Result<api::UploadInfo> {
        BY_ASSIGN(auto info, media::InspectUpload(bytes, static_cast<int64_t>(max_photo)));
        return api::UploadInfo{info.mime, info.width, info.height};
    };
    store::SqlDb* db = s.db.get();
    ctx->ready = [db]() { return db->Ping(); };
    return ctx;
}

core::Status SeedDemo(Services& s) {
    struct Demo {
        core::Role role;
        const char* email;
        const char* password;
        const char* company;
    };
    const Demo demos[] = {
        {core::Role::kAdmin, "admin@demo.uz", "demo-admin-123", ""},
        {core::Role::kPartner, "partner1@demo.uz", "demo-partner-123", "Demo Savdo MChJ"},
        {core::Role::kPartner, "partner2@demo.uz", "demo-partner-123", "Toshkent Elektronika"},
    };
    for (const Demo& d : demos) {
        if (s.store->GetUserByEmail(d.email).ok()) {
            continue;
        }
        auto u = s.auth->CreateUser(d.role, d.email, d.password, d.company);
        if (!u.ok()) {
            return std::move(u).error();
        }
    }
    return core::Ok();
}

}  // namespace by::app
