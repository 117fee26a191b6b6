#include "app/commands.hpp"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <thread>

#include "api/http_server.hpp"
#include "api/routes/routes.hpp"
#include "app/marketplace_wiring.hpp"
#include "app/pipeline_wiring.hpp"
#include "app/vault_wiring.hpp"
#include "sandbox/sandbox.hpp"
#include "app/wiring.hpp"
#include "obs/log.hpp"

namespace by::app {
namespace {

int Fail(const char* what, const core::Error& e) {
    std::fprintf(stderr, "biznesyordam %s: %s\n", what, e.message.c_str());
    if (!e.context.empty()) {
        obs::Log(obs::Level::kError, "command_failed", {{"command", what}, {"error", e.ToString()}});
    }
    return e.code == core::ErrorCode::kInvalid || e.code == core::ErrorCode::kUnprocessable ||
                   e.code == core::ErrorCode::kConflict
               ? 2
               : 1;
}

// Blocks SIGINT/SIGTERM in every thread started after this call; one thread waits for them
// (userver run.cpp), so no work ever runs in a signal handler.
sigset_t BlockStopSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    return set;
}

}  // namespace

int CmdRun(const CommonOptions& common, const RunOptions& opts, bool demo) {
    const char* name = demo ? "run" : "serve";
    sigset_t signals = BlockStopSignals();
    auto services = BuildServices(common);
    if (!services.ok()) return Fail(name, services.error());
    Services& s = **services;
    if (demo) {
        auto st = SeedDemo(s);
        if (!st.ok()) return Fail(name, st.error());
    }
    // Offline (`run`): the four sandbox marketplaces in this process, and the adapters pointed at them.
    std::unique_ptr<sandbox::Sandbox> sandbox;
    nlohmann::json urls = nlohmann::json::object();
    if (demo) {
        sandbox::SandboxOptions so;
        so.data_dir = std::filesystem::path(s.config.data_dir) / "sandbox";
        so.time_scale = s.config.sandbox_time_scale;
        if (s.config.port == 0) {
            // Any free port for the server: the same for the sandbox, so runs side by side (tests) never clash.
            so.uzum_port = so.wb_port = so.yandex_port = so.ozon_port = so.cabinet_port = 0;
        }
        auto sb = sandbox::Sandbox::Start(so);
        if (!sb.ok()) return Fail(name, sb.error());
        sandbox = std::move(*sb);
        obs::Log(obs::Level::kInfo, "sandbox_started", {{"urls", sandbox->BaseUrls().dump()}});
        urls = sandbox->BaseUrls();
    }
    auto ctx = BuildApiContext(s);
    auto parts = BuildWorkerParts(s, urls);
    if (!parts.ok()) return Fail(name, parts.error());
    auto& pipeline = (*parts)->pipeline;
    ConnectApi(*pipeline, *ctx);
    VaultParts& vp = *(*parts)->vault;
    MarketplaceParts& mk = *(*parts)->markets;
    ctx->credentials = vp.store.get();
    ctx->sealer = vp.sealer.get();
    ctx->competitors = (*parts)->competitors.get();
    ctx->test_credential = [&s, &vp, &mk](const std::string& partner, core::Marketplace mp,
                                          std::optional<vault::CredentialKind> kind) {
        return TestCredential(s, vp, mk, partner, mp, kind);
    };
    if (demo && sandbox) {
        auto st = SeedDemoCredentials(s, vp, sandbox->Accounts());
        if (!st.ok()) return Fail(name, st.error());
    }
    int workers = opts.workers >= 0 ? opts.workers : s.config.workers;
    api::Router router;
    api::Handler root = api::BuildApi(router, *ctx, !s.config.tls_cert.empty());
    api::HttpServerOptions ho;
    ho.host = s.config.host;
    ho.port = s.config.port;
    ho.threads = s.config.http_threads;
    ho.max_body_bytes = static_cast<size_t>(s.config.max_body_mb) * 1024 * 1024;
    ho.tls_cert_file = s.config.tls_cert;
    ho.tls_key_file = s.config.tls_key;
    api::HttpServer server(ho, root);
    auto port = server.Bind();
    if (!port.ok()) return Fail(name, port.error());
    SetMediaLinks(s, *port);  // the bound port, when the configuration asked for any free one
    ctx->media_links = s.media_links;

    std::thread waiter([&server, signals] {
        int sig = 0;
        sigwait(&signals, &sig);
        obs::Log(obs::Level::kInfo, "shutdown", {{"signal", sig}});
        server.Stop();
        // A second signal forces exit (llama.cpp): the first one is already draining.
        sigwait(&signals, &sig);
        std::_Exit(130);
    });
    waiter.detach();

    std::string host = s.config.host == "0.0.0.0" || s.config.host == "127.0.0.1" ? "localhost" : s.config.host;
    std::string url = std::string(s.config.tls_cert.empty() ? "http" : "https") + "://" + host + ":" + std::to_string(*port);
    obs::Log(obs::Level::kInfo, "listening", {{"url", url}, {"port", *port}, {"database",
             s.db->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"}});
    if (sandbox) {
        std::printf("Sandbox marketplaces (offline):\n");
        const nlohmann::json bases = sandbox->BaseUrls();
        for (const auto& [mp, base] : bases.items()) {
            std::printf("  %-12s %s\n", mp.c_str(), base.get<std::string>().c_str());
        }
    }
    std::printf("BiznesYordam is running at %s\n", url.c_str());
    if (demo) {
        std::printf("Demo accounts:\n  admin     admin@demo.uz     / demo-admin-123\n"
                    "  partner   partner1@demo.uz  / demo-partner-123\n"
                    "  partner   partner2@demo.uz  / demo-partner-123\n");
    }
    std::fflush(stdout);
    if (workers > 0) {
        pipeline->workers->Start();
        (*parts)->orders->Start();
        (*parts)->competitors->Start();
        s.telegram->StartSender();  // Telegram notifications go out where the workers run
    }
    server.Serve();
    // The listener is closed (no new requests); now drain the workers: finish or release their jobs.
    (*parts)->orders->Stop();
    (*parts)->competitors->Stop();
    s.telegram->StopSender();
    pipeline->workers->Stop();
    if (sandbox) sandbox->Stop();
    obs::Log(obs::Level::kInfo, "stopped");
    obs::Flush();
    return 0;
}

int CmdWorker(const CommonOptions& common, const RunOptions& opts) {
    sigset_t signals = BlockStopSignals();
    auto services = BuildServices(common);
    if (!services.ok()) return Fail("worker", services.error());
    Services& s = **services;
    if (opts.workers > 0) s.config.workers = opts.workers;
    auto parts = BuildWorkerParts(s, nlohmann::json::object());
    if (!parts.ok()) return Fail("worker", parts.error());
    auto& pipeline = (*parts)->pipeline;
    pipeline->workers->Start();
    (*parts)->orders->Start();
    (*parts)->competitors->Start();
    s.telegram->StartSender();
    std::printf("BiznesYordam worker %s is running\n", pipeline->workers->worker_id().c_str());
    std::fflush(stdout);
    int sig = 0;
    sigwait(&signals, &sig);
    obs::Log(obs::Level::kInfo, "shutdown", {{"signal", sig}});
    std::thread force([signals] {
        int again = 0;
        sigwait(&signals, &again);
        std::_Exit(130);
    });
    force.detach();
    (*parts)->orders->Stop();
    (*parts)->competitors->Stop();
    s.telegram->StopSender();
    pipeline->workers->Stop();
    obs::Flush();
    return 0;
}

int CmdSandbox(const CommonOptions& common) {
    sigset_t signals = BlockStopSignals();
    sandbox::SandboxOptions so;
    std::string dir = common.data_dir.empty() ? "./var" : common.data_dir;
    so.data_dir = std::filesystem::path(dir) / "sandbox";
    if (const char* v = std::getenv("BY_SANDBOX_TIME_SCALE"); v && std::atof(v) > 0) so.time_scale = std::atof(v);
    if (common.port >= 0) {
        // --port P: the five servers on P..P+4 (0: any free ports).
        int p = common.port;
        so.uzum_port = p;
        so.wb_port = p ? p + 1 : 0;
        so.yandex_port = p ? p + 2 : 0;
        so.ozon_port = p ? p + 3 : 0;
        so.cabinet_port = p ? p + 4 : 0;
    }
    auto sb = sandbox::Sandbox::Start(so);
    if (!sb.ok()) return Fail("sandbox", sb.error());
    const nlohmann::json urls = (*sb)->BaseUrls();
    std::printf("Sandbox marketplaces: %s\n", urls.dump().c_str());
    // The line test scripts wait for (the Uzum API port answers /__sandbox/health).
    std::string uzum = urls.value("uzum", "");
    std::printf("Sandbox is running at %s\n", uzum.substr(0, uzum.find("/api/")).c_str());
    std::fflush(stdout);
    int sig = 0;
    sigwait(&signals, &sig);
    (*sb)->Stop();
    return 0;
}

int CmdKeysRotate(const CommonOptions& common) {
    auto services = BuildServices(common);
    if (!services.ok()) return Fail("keys rotate", services.error());
    Services& s = **services;
    auto v = BuildVault(s, "keys-rotate");
    if (!v.ok()) return Fail("keys rotate", v.error());
    vault::RotateOptions ro;
    // Servers sharing the key file reload it about once a second: let them see the promotion first.
    ro.propagation_delay = std::chrono::milliseconds(1500);
    auto report = vault::Rotate(*(*v)->store, *(*v)->keyring, *(*v)->store, s.clock,
                                vault::VaultCapability::ForKeyAdmin("keys-rotate"), ro);
    if (!report.ok()) return Fail("keys rotate", report.error());
    std::printf("key version %u -> %u: %llu credentials re-encrypted, %llu failed, %llu remaining under the old version\n",
                report->from_version, report->to_version, static_cast<unsigned long long>(report->rewrapped),
                static_cast<unsigned long long>(report->failed), static_cast<unsigned long long>(report->remaining));
    (void)s.store->Audit("keys-rotate", "", "master_key_rotated", std::to_string(report->to_version),
                         {{"from", report->from_version}, {"rewrapped", report->rewrapped}});
    return report->failed == 0 && report->remaining == 0 ? 0 : 1;
}

int CmdMigrate(const CommonOptions& common) {
    auto services = BuildServices(common);  // opening the database applies the migrations
    if (!services.ok()) return Fail("migrate", services.error());
    std::printf("migrations applied\n");
    return 0;
}

int CmdUsersCreate(const CommonOptions& common, const UsersCreateOptions& opts) {
    auto role = core::ParseRole(opts.role);
    if (!role) {
        std::fprintf(stderr, "biznesyordam users create: --role must be admin or partner\n");
        return 2;
    }
    auto services = BuildServices(common);
    if (!services.ok()) return Fail("users create", services.error());
    auto u = (*services)->auth->CreateUser(*role, opts.email, opts.password, opts.company);
    if (!u.ok()) return Fail("users create", u.error());
    std::printf("created %s %s (%s)\n", opts.role.c_str(), u->email.c_str(), u->id.c_str());
    return 0;
}

}  // namespace by::app
