#include "sandbox/sandbox.hpp"

#include "obs/log.hpp"
#include "sandbox/cabinet/cabinet.hpp"
#include "sandbox/common/server.hpp"
#include "sandbox/ozon/ozon_api.hpp"
#include "sandbox/uzum/uzum_api.hpp"
#include "sandbox/wildberries/wb_api.hpp"
#include "sandbox/yandex/yandex_api.hpp"

namespace by::sandbox {

struct Sandbox::Impl {
    SandboxOptions options;
    core::SystemClock system_clock;
    std::unique_ptr<Store> store;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<Faults> faults;
    std::unique_ptr<MediaChecker> media;
    sandbox::Accounts accounts;
    std::unique_ptr<Context> ctx;
    std::unique_ptr<wb::WbApi> wb;
    std::unique_ptr<ozon::OzonApi> ozon;
    std::unique_ptr<yandex::YandexApi> yandex;
    std::unique_ptr<uzum::UzumApi> uzum;
    std::unique_ptr<cabinet::CabinetApp> cabinet;
    std::unique_ptr<MarketplaceServer> uzum_server, wb_server, yandex_server, ozon_server, cabinet_server;
    bool stopped = false;

    MarketplaceServer* ServerFor(std::string_view port) {
        if (port == "uzum") return uzum_server.get();
        if (port == "wildberries") return wb_server.get();
        if (port == "yandex") return yandex_server.get();
        if (port == "ozon") return ozon_server.get();
        if (port == "cabinet") return cabinet_server.get();
        return nullptr;
    }
    std::string Url(int port) const { return "http://" + options.host + ":" + std::to_string(port); }
};

Sandbox::Sandbox(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Sandbox::~Sandbox() { Stop(); }

core::Result<std::unique_ptr<Sandbox>> Sandbox::Start(SandboxOptions options) {
    if (options.time_scale <= 0) {
        return core::Error::Invalid("time_scale must be greater than 0", "time_scale");
    }
    if (options.moderation_delay_ms < 0) {
        return core::Error::Invalid("moderation_delay_ms must not be negative", "moderation_delay_ms");
    }
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    if (options.sellers < 2 || options.sellers > 1000) {
        return core::Error::Invalid("sellers must be from 2 to 1000", "sellers");
    }
    impl->accounts = sandbox::Accounts::Seeded(options.sellers);
    const core::Clock& clock = options.clock ? *options.clock : impl->system_clock;
    std::filesystem::path db = options.data_dir.empty() ? std::filesystem::path() : options.data_dir / "sandbox.sqlite3";
    BY_ASSIGN(impl->store, Store::Open(db));
    impl->limiter = std::make_unique<RateLimiter>(clock, options.time_scale);
    impl->faults = std::make_unique<Faults>(options.fault_seed);
    impl->media = std::make_unique<MediaChecker>(options.media_timeout_ms);
    impl->ctx = std::make_unique<Context>(Context{*impl->store, clock, *impl->limiter, *impl->faults, *impl->media,
                                                  impl->accounts, options.time_scale, options.moderation_delay_ms});
    impl->wb = std::make_unique<wb::WbApi>(*impl->ctx);
    impl->ozon = std::make_unique<ozon::OzonApi>(*impl->ctx);
    impl->yandex = std::make_unique<yandex::YandexApi>(*impl->ctx);
    impl->uzum = std::make_unique<uzum::UzumApi>(*impl->ctx);
    impl->cabinet = std::make_unique<cabinet::CabinetApp>(*impl->ctx);

    auto make = [&](MarketplaceApi& api, int port, const char* target) {
        ServerOptions so;
        so.host = options.host;
        so.port = port;
        so.threads = options.threads_per_port;
        so.enable_hooks = options.enable_hooks;
        so.fault_target = target;
        return std::make_unique<MarketplaceServer>(*impl->ctx, api, so);
    };
    impl->uzum_server = make(*impl->uzum, options.uzum_port, "uzum");
    impl->wb_server = make(*impl->wb, options.wb_port, "wildberries");
    impl->yandex_server = make(*impl->yandex, options.yandex_port, "yandex");
    impl->ozon_server = make(*impl->ozon, options.ozon_port, "ozon");
    impl->cabinet_server = make(*impl->cabinet, options.cabinet_port, "cabinet");
    for (auto* s : {impl->uzum_server.get(), impl->wb_server.get(), impl->yandex_server.get(), impl->ozon_server.get(),
                    impl->cabinet_server.get()}) {
        auto bound = s->Bind();
        if (!bound.ok()) {
            return std::move(bound).error();
        }
    }
    for (auto* s : {impl->uzum_server.get(), impl->wb_server.get(), impl->yandex_server.get(), impl->ozon_server.get(),
                    impl->cabinet_server.get()}) {
        s->Start();
    }
    std::unique_ptr<Sandbox> sb(new Sandbox(std::move(impl)));
    SandboxPorts p = sb->ports();
    obs::Log(obs::Level::kInfo, "sandbox_started",
             {{"uzum", p.uzum}, {"wildberries", p.wildberries}, {"yandex", p.yandex}, {"ozon", p.ozon},
              {"cabinet", p.cabinet}, {"time_scale", options.time_scale},
              {"data_dir", options.data_dir.string()}});
    return sb;
}

void Sandbox::Stop() {
    if (!impl_ || impl_->stopped) {
        return;
    }
    impl_->stopped = true;
    // Wake hanging fault handlers first, so the listeners' in-flight requests can finish.
    impl_->faults->Shutdown();
    for (auto* s : {impl_->uzum_server.get(), impl_->wb_server.get(), impl_->yandex_server.get(),
                    impl_->ozon_server.get(), impl_->cabinet_server.get()}) {
        if (s != nullptr) {
            s->Stop();
        }
    }
}

SandboxPorts Sandbox::ports() const {
    return {impl_->uzum_server->port(), impl_->wb_server->port(), impl_->yandex_server->port(),
            impl_->ozon_server->port(), impl_->cabinet_server->port()};
}

std::string Sandbox::BaseUrl(core::Marketplace marketplace) const {
    SandboxPorts p = ports();
    switch (marketplace) {
        case core::Marketplace::kUzum: return impl_->Url(p.uzum) + uzum::kUzumBasePath;
        case core::Marketplace::kWildberries: return impl_->Url(p.wildberries);
        case core::Marketplace::kYandex: return impl_->Url(p.yandex);
        case core::Marketplace::kOzon: return impl_->Url(p.ozon);
    }
    return {};
}

std::string Sandbox::CabinetUrl() const { return impl_->Url(ports().cabinet); }

nlohmann::json Sandbox::BaseUrls() const {
    return {{"uzum", BaseUrl(core::Marketplace::kUzum)},
            {"wildberries", BaseUrl(core::Marketplace::kWildberries)},
            {"yandex", BaseUrl(core::Marketplace::kYandex)},
            {"ozon", BaseUrl(core::Marketplace::kOzon)},
            {"cabinet", CabinetUrl()}};
}

nlohmann::json Sandbox::Accounts() const { return impl_->accounts.ToJson(); }

api::HttpResponse Sandbox::HandleForTesting(std::string_view port, api::HttpRequest& req) {
    MarketplaceServer* s = impl_->ServerFor(port);
    if (s == nullptr) {
        return api::ErrorResponse(core::Error::NotFound("no such sandbox port"));
    }
    return s->Handle(req);
}

}  // namespace by::sandbox
