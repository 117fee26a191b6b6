// `biznesyordam bench`: the blueprint's load scenario (§8). Partners × products × the four marketplaces
// through the whole pipeline (research → … → video → images → quality → publish → moderation) against the
// in-process sandbox at the marketplaces' published rate limits, with the API server up only to serve the
// signed media links the marketplaces download. Prints cards/hour, p50/p95 time per card, CPU seconds per
// stage, requests per card per marketplace, 429s and peak memory.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "api/http_server.hpp"
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "app/commands.hpp"
#include "app/pipeline_wiring.hpp"
#include "app/vault_wiring.hpp"
#include "app/wiring.hpp"
#include "core/ids.hpp"
#include "media/image_ops.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"
#include "sandbox/sandbox.hpp"

namespace by::app {
namespace {

using nlohmann::json;

const char* kStages[] = {"research", "strategy", "content", "slides", "video", "images", "quality", "publish", "moderation"};

// The golden products (tests/golden/products): real catalogue items across our categories.
core::Result<std::vector<core::Product>> LoadProducts() {
    std::string dir = FindUpwards("tests/golden/products", "phones_samsung_a55.json");
    if (dir.empty()) return core::Error::NotFound("tests/golden/products not found (run bench from the checkout)");
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<core::Product> out;
    for (const auto& f : files) {
        std::ifstream in(f);
        json j = json::parse(in, nullptr, false);
        if (!j.is_object()) return core::Error::Invalid("cannot read " + f.string());
        // Checked as the API checks a POST /api/products body (the golden files are such bodies).
        BY_ASSIGN(core::Product p, api::ProductFromBody(j));
        out.push_back(std::move(p));
    }
    return out;
}

// A unique, valid EAN-13 (marketplaces refuse a barcode already used by another card).
std::string Ean13(int64_t n) {
    std::string d = "200" + std::to_string(1000000000 + n).substr(1);  // 12 digits, in-store prefix 200
    int sum = 0;
    for (int i = 0; i < 12; ++i) sum += (d[i] - '0') * (i % 2 ? 3 : 1);
    return d + std::to_string((10 - sum % 10) % 10);
}

// One stand-in photo per product: a drawn cover of the product (JPEG 1080×1440), stored as its asset.
core::Result<std::string> PhotoFor(Services& s, const core::Product& p) {
    media::SlideSpec spec;
    spec.product_name = p.name;
    spec.brand = p.brand;
    BY_ASSIGN(auto masters, media::BuildMasters(spec));
    BY_ASSIGN(auto images, media::RenderForMarketplace(masters, core::Marketplace::kWildberries));
    if (images.empty()) return core::Error::Internal("no cover drawn");
    BY_ASSIGN(auto info, s.assets->Put(images.front().bytes, images.front().mime));
    store::AssetRow a{core::NewId("ast"), p.partner_id, info.id, info.mime, "photo", info.size,
                      images.front().width, images.front().height, s.clock.NowMs()};
    BY_TRY(s.store->CreateAsset(a));
    return a.id;
}

double Percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

double CpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int Fail(const core::Error& e) {
    std::fprintf(stderr, "biznesyordam bench: %s\n", e.message.c_str());
    return 1;
}

}  // namespace

int CmdBench(const CommonOptions& common, const BenchOptions& opts) {
    int partners = opts.quick ? 2 : opts.partners;
    int per_partner = opts.quick ? 3 : opts.products;
    if (partners < 1 || per_partner < 1) {
        std::fprintf(stderr, "biznesyordam bench: --partners and --products must be at least 1\n");
        return 2;
    }
    // A fresh data dir per run (the figures must not include yesterday's cards).
    std::filesystem::path dir = common.data_dir.empty()
                                    ? std::filesystem::temp_directory_path() / ("by-bench-" + core::RandomHex(4))
                                    : std::filesystem::path(common.data_dir);
    std::error_code ec;
    if (std::filesystem::exists(dir / "biznesyordam.db", ec)) {
        std::fprintf(stderr, "biznesyordam bench: %s already holds a database; give an empty --data-dir\n",
                     dir.c_str());
        return 2;
    }
    // Destroyed last: the temporary data dir (videos add up to gigabytes) goes once everything has stopped.
    struct RemoveDir {
        std::filesystem::path path;
        ~RemoveDir() {
            std::error_code ignored;
            if (!path.empty()) std::filesystem::remove_all(path, ignored);
        }
    } remove_dir{common.data_dir.empty() ? dir : std::filesystem::path()};
    CommonOptions c = common;
    c.data_dir = dir.string();
    c.port = 0;
    auto services = BuildServices(c);
    if (!services.ok()) return Fail(services.error());
    Services& s = **services;
    int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    s.config.workers = opts.workers > 0 ? opts.workers : cores;
    s.config.argon2_mem_mb = 8;
    s.config.video = !opts.no_video;

    sandbox::SandboxOptions so;
    so.uzum_port = so.wb_port = so.yandex_port = so.ozon_port = so.cabinet_port = 0;
    so.sellers = std::max(2, partners);
    auto sb = sandbox::Sandbox::Start(so);
    if (!sb.ok()) return Fail(sb.error());
    json urls = (*sb)->BaseUrls();

    auto ctx = BuildApiContext(s);
    auto parts = BuildWorkerParts(s, urls);
    if (!parts.ok()) return Fail(parts.error());
    Pipeline& pipeline = *(*parts)->pipeline;
    ConnectApi(pipeline, *ctx);
    api::Router router;
    api::Handler root = api::BuildApi(router, *ctx, false);
    api::HttpServerOptions ho;
    ho.host = "127.0.0.1";
    ho.port = 0;
    ho.threads = 32;
    api::HttpServer server(ho, root);
    auto port = server.Bind();
    if (!port.ok()) return Fail(port.error());
    SetMediaLinks(s, *port);
    ctx->media_links = s.media_links;
    std::thread serving([&server] { server.Serve(); });
    // Whatever way this function returns, the workers stop before the server and the server before the sandbox.
    struct Shutdown {
        Pipeline& pipeline;
        api::HttpServer& server;
        std::thread& serving;
        sandbox::Sandbox& sandbox;
        ~Shutdown() {
            pipeline.workers->Stop();
            server.Stop();
            if (serving.joinable()) serving.join();
            sandbox.Stop();
        }
    } shutdown{pipeline, server, serving, **sb};

    // Partners with their sandbox sellers' credentials, products, requests, approvals.
    auto golden = LoadProducts();
    if (!golden.ok()) return Fail(golden.error());
    json sellers = (*sb)->Accounts()["sellers"];
    int64_t serial = 0;
    std::vector<std::string> request_ids;
    for (int pi = 0; pi < partners; ++pi) {
        std::string email = "bench" + std::to_string(pi + 1) + "@bench.uz";
        auto user = s.auth->CreateUser(core::Role::kPartner, email, "bench-password-123", "Bench " + std::to_string(pi + 1));
        if (!user.ok()) return Fail(user.error());
        auto sealed = SealSandboxSeller(*(*parts)->vault, user->partner_id, sellers[static_cast<size_t>(pi)]);
        if (!sealed.ok()) return Fail(sealed.error());
        for (int k = 0; k < per_partner; ++k) {
            core::Product p = (*golden)[static_cast<size_t>(serial) % golden->size()];
            p.partner_id = user->partner_id;
            p.sku = p.sku + "-B" + std::to_string(serial);
            p.barcode = Ean13(serial);
            ++serial;
            auto photo = PhotoFor(s, p);
            if (!photo.ok()) return Fail(photo.error());
            p.photo_asset_ids = {*photo};
            auto created = s.store->CreateProduct(p);
            if (!created.ok()) return Fail(created.error());
            store::RequestRow r;
            r.partner_id = p.partner_id;
            r.product_id = created->id;
            r.marketplaces = {"uzum", "wildberries", "yandex", "ozon"};
            r.priority = "normal";
            r.status = "submitted";
            auto req = s.store->CreateRequest(r);
            if (!req.ok()) return Fail(req.error());
            store::RequestRow decided;
            auto st = s.db->Tx([&](store::SqlConn& conn) -> core::Status {
                BY_ASSIGN(decided, s.store->DecideRequest(req->id, "submitted", "approved", "bench", "", std::nullopt, &conn));
                return pipeline.orchestrator->OnApproved(decided, conn);
            });
            if (!st.ok()) return Fail(st.error());
            if (auto a = pipeline.orchestrator->AfterApproved(decided); !a.ok()) return Fail(a.error());
            request_ids.push_back(decided.id);
        }
    }
    int64_t total_cards = serial * 4;
    std::printf("bench: %d partners x %d products x 4 marketplaces = %lld cards, %d workers on %d cores%s\n", partners,
                per_partner, static_cast<long long>(total_cards), s.config.workers, cores,
                opts.no_video ? ", no video" : "");
    std::fflush(stdout);

    double cpu0 = CpuSeconds();
    int64_t t0 = s.clock.NowMs();
    auto started = std::chrono::steady_clock::now();
    pipeline.workers->Start();
    std::map<std::string, int64_t> by_status;
    int64_t last_print = 0;
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        auto rows = s.db->Query("SELECT status, COUNT(*) FROM cards GROUP BY status", {});
        if (!rows.ok()) return Fail(rows.error());
        by_status.clear();
        int64_t done = 0;
        for (const auto& r : rows->rows) {
            by_status[r.Str(0)] = r.Int(1);
            if (r.Str(0) == "live" || r.Str(0) == "rejected" || r.Str(0) == "needs_attention" || r.Str(0) == "failed") {
                done += r.Int(1);
            }
        }
        int64_t now = s.clock.NowMs();
        if (now - last_print >= 10000) {
            std::printf("  %5.0f s: %lld/%lld cards finished\n", static_cast<double>(now - t0) / 1000.0,
                        static_cast<long long>(done), static_cast<long long>(total_cards));
            std::fflush(stdout);
            last_print = now;
        }
        if (done >= total_cards) break;
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double cpu = CpuSeconds() - cpu0;

    // Time per card: from approval (all approved at t0) to the card's outcome.
    std::vector<double> per_card;
    auto rows = s.db->Query("SELECT updated_at FROM cards WHERE status = 'live'", {});
    if (rows.ok()) {
        for (const auto& r : rows->rows) per_card.push_back(static_cast<double>(r.Int(0) - t0) / 1000.0);
    }
    json figures = {{"partners", partners}, {"products", serial}, {"cards", total_cards},
                    {"workers", s.config.workers}, {"cores", cores}, {"video", !opts.no_video},
                    {"wall_seconds", wall}, {"cpu_seconds", cpu}, {"status", by_status},
                    {"cards_per_hour", wall > 0 ? static_cast<double>(total_cards) / wall * 3600.0 : 0.0},
                    {"card_seconds_p50", Percentile(per_card, 0.5)}, {"card_seconds_p95", Percentile(per_card, 0.95)}};
    json stages = json::object();
    auto& metrics = obs::Metrics::Global();
    for (const char* st : kStages) {
        double runs = metrics.Get("by_stage_runs_total", {{"stage", st}});
        if (runs > 0) {
            stages[st] = {{"cpu_seconds", metrics.Get("by_stage_cpu_seconds_total", {{"stage", st}})},
                          {"wall_seconds", metrics.Get("by_stage_wall_seconds_total", {{"stage", st}})},
                          {"runs", runs}};
        }
    }
    figures["stages"] = stages;
    json markets = json::object();
    int64_t over_limit = 0;
    for (const auto& [mp, base] : urls.items()) {
        if (mp == "cabinet") continue;
        std::string url = base.get<std::string>();
        if (auto cut = url.find("/api/seller-openapi"); cut != std::string::npos) url.resize(cut);
        net::HttpRequest hr;
        hr.url = url + "/__sandbox/state";
        auto resp = (*parts)->markets->http->Send(hr);
        if (!resp.ok() || resp->status != 200) continue;
        json state = json::parse(resp->body, nullptr, false);
        json counters = state.value("counters", json::object());
        double requests = counters.value("requests", json::object()).value("total", 0.0);
        json responses = counters.value("responses", json::object());
        int64_t limited = responses.value("429", int64_t{0}) + responses.value("420", int64_t{0});
        over_limit += limited;
        markets[mp] = {{"requests", requests}, {"requests_per_card", requests / static_cast<double>(serial)},
                       {"over_limit", limited}};
    }
    figures["marketplaces"] = markets;
    figures["over_limit_total"] = over_limit;
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    figures["peak_rss_mb"] = static_cast<double>(u.ru_maxrss) / 1024.0;

    std::printf("\nwall %.1f s, %.0f cards/hour; per live card p50 %.1f s, p95 %.1f s; CPU %.1f s (this process)\n",
                wall, figures["cards_per_hour"].get<double>(), figures["card_seconds_p50"].get<double>(),
                figures["card_seconds_p95"].get<double>(), cpu);
    std::printf("cards:");
    for (const auto& [st, n] : by_status) std::printf(" %s %lld", st.c_str(), static_cast<long long>(n));
    std::printf("\nper stage: runs, wall seconds in the stage, CPU seconds of the worker thread (the image and\n"
                "video libraries' own threads are in the process total, not here):\n");
    for (const char* st : kStages) {
        if (!stages.contains(st)) continue;
        const json& v = stages[st];
        double runs = v["runs"].get<double>();
        std::printf("  %-11s %6.0f runs  wall %8.2f s (%6.3f s/run)  cpu %8.2f s\n", st, runs,
                    v["wall_seconds"].get<double>(), v["wall_seconds"].get<double>() / runs,
                    v["cpu_seconds"].get<double>());
    }
    std::printf("marketplace requests per card, over-limit answers (429/420):\n");
    for (const auto& [mp, v] : markets.items()) {
        std::printf("  %-12s %6.2f per card  %lld over limit\n", mp.c_str(), v["requests_per_card"].get<double>(),
                    static_cast<long long>(v["over_limit"].get<int64_t>()));
    }
    std::printf("peak memory %.0f MB (API, workers and sandbox in one process; Chromium not included)\n",
                figures["peak_rss_mb"].get<double>());
    std::fflush(stdout);
    if (!opts.json_out.empty()) {
        std::ofstream(opts.json_out) << figures.dump(2) << "\n";
    }

    obs::Flush();
    return 0;
}

}  // namespace by::app
