// `biznesyordam generate`: one product file to its cards in a folder, with no server (issue 13).
//
// PRODUCT.json (the POST /api/products body, checked as that route checks it) and the photos of --photos
// (checked by content, as uploads are) go through the pipeline's engines in this process: research, strategy
// and texts per marketplace (offline, or the [ai] models of docs/ai.md when configured), the slides once,
// the video once, each marketplace's images, and the quality check. Each card's marketplace payload is built by its adapter against an in-memory sandbox
// started in this process (loopback only), without publishing anything.
//
// Layout: <out>/video.mp4 and per marketplace <out>/<mp>/card.json (the GET /api/cards/{id} shape plus
// "payload"), <out>/<mp>/images/NN.<jpg|webp>, <out>/<mp>/quality.json. Bad input is refused before anything
// is written; the files are made in <out>/.tmp-XXXXXX and moved into <out> only when all of them exist.
// Exit: 0 every card passes its quality check; 1 one does not (reasons on stderr) or generation failed;
// 2 bad input.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "ai/catalog.hpp"
#include "ai/offline_engine.hpp"
#include "ai/quality.hpp"
#include "api/http.hpp"
#include "api/routes/route_helpers.hpp"
#include "app/commands.hpp"
#include "app/ai_wiring.hpp"
#include "app/config.hpp"
#include "app/marketplace_wiring.hpp"
#include "app/media_service.hpp"
#include "app/publish_service.hpp"
#include "app/wiring.hpp"
#include "media/image_ops.hpp"
#include "media/video.hpp"
#include "obs/log.hpp"
#include "pipeline/plan.hpp"
#include "sandbox/sandbox.hpp"

namespace by::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxPhotos = 15;                     // as POST /api/products/{id}/photos (API.md)
constexpr int64_t kMaxPhotoBytes = 20 * 1024 * 1024;  // 20 MiB each, as there
constexpr int64_t kMaxProductBytes = 25 * 1024 * 1024;  // the API's body limit

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

int Fail(int code, const std::string& message) {
    std::fprintf(stderr, "biznesyordam generate: %s\n", message.c_str());
    return code;
}

// Errors about what the seller gave us (exit 2); anything else is ours (exit 1).
int ExitCodeFor(const core::Error& e) {
    switch (e.code) {
        case core::ErrorCode::kInvalid:
        case core::ErrorCode::kUnprocessable:
        case core::ErrorCode::kUnsupportedMedia:
        case core::ErrorCode::kTooLarge:
            return 2;
        default:
            return 1;
    }
}

core::Result<std::string> ReadFile(const fs::path& path, int64_t max_bytes, const std::string& what) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        return core::Error::Invalid(what + " " + path.string() + ": no such file");
    }
    auto size = fs::file_size(path, ec);
    if (ec) {
        return core::Error::Invalid(what + " " + path.string() + ": " + ec.message());
    }
    if (static_cast<int64_t>(size) > max_bytes) {
        return core::Error::Invalid(what + " " + path.string() + " is larger than " +
                                    std::to_string(max_bytes / (1024 * 1024)) + " MiB");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) {
        return core::Error::Invalid("cannot read " + what + " " + path.string());
    }
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

core::Status WriteFile(const fs::path& path, std::string_view bytes) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
        return core::Error::Internal("cannot write " + path.string());
    }
    return core::Ok();
}

std::string Dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

// The product as POST /api/products would store it: the same JSON parser and field checks.
core::Result<core::Product> ReadProduct(const std::string& path) {
    BY_ASSIGN(std::string text, ReadFile(path, kMaxProductBytes, "product file"));
    api::HttpRequest req;
    req.body = std::move(text);
    auto body = api::ParseJsonBody(req);
    if (!body.ok()) {
        return core::Error::Invalid(path + ": " + body.error().message);
    }
    auto product = api::ProductFromBody(*body);
    if (!product.ok()) {
        return core::Error::Invalid(path + ": " + product.error().message);
    }
    return product;
}

// The photos of `dir` in name order (hidden files skipped), each checked by content as an upload is.
core::Result<std::vector<std::string>> ReadPhotos(const std::string& dir) {
    std::vector<std::string> photos;
    if (dir.empty()) {
        return photos;
    }
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return core::Error::Invalid("--photos " + dir + ": not a folder");
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (e.is_regular_file() && e.path().filename().string().rfind('.', 0) != 0) {
            files.push_back(e.path());
        }
    }
    if (ec) {
        return core::Error::Invalid("--photos " + dir + ": " + ec.message());
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        return core::Error::Invalid("--photos " + dir + " holds no photos");
    }
    if (files.size() > kMaxPhotos) {
        return core::Error::Invalid("--photos " + dir + " holds " + std::to_string(files.size()) +
                                    " files; a product has at most " + std::to_string(kMaxPhotos) + " photos");
    }
    for (const auto& f : files) {
        BY_ASSIGN(std::string bytes, ReadFile(f, kMaxPhotoBytes, "photo"));
        auto info = media::InspectUpload(bytes, kMaxPhotoBytes);
        if (!info.ok()) {
            return core::Error::Invalid("photo " + f.string() + ": " + info.error().message);
        }
        photos.push_back(std::move(bytes));
    }
    return photos;
}

core::Result<std::vector<core::Marketplace>> ParseMarketplaces(const std::vector<std::string>& args) {
    std::vector<core::Marketplace> out;
    for (const auto& arg : args) {
        std::stringstream ss(arg);
        std::string name;
        while (std::getline(ss, name, ',')) {
            if (name.empty()) {
                continue;
            }
            auto mp = core::ParseMarketplace(name);
            if (!mp) {
                return core::Error::Invalid("unknown marketplace \"" + name + "\" (uzum, wildberries, yandex, ozon)");
            }
            if (std::find(out.begin(), out.end(), *mp) == out.end()) {
                out.push_back(*mp);
            }
        }
    }
    if (out.empty()) {
        out.assign(core::kAllMarketplaces.begin(), core::kAllMarketplaces.end());
    }
    return out;
}

// <out>/.tmp-XXXXXX, removed with everything in it unless Commit() moved its entries into <out>; <out>
// itself goes too when this run created it.
class Staging {
  public:
    static core::Result<std::unique_ptr<Staging>> Create(const fs::path& out) {
        std::error_code ec;
        if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
            return core::Error::Invalid("--out " + out.string() + " is a file, not a folder");
        }
        auto s = std::unique_ptr<Staging>(new Staging());
        s->out_ = out;
        s->created_out_ = !fs::exists(out, ec);
        fs::create_directories(out, ec);
        if (ec) {
            return core::Error::Invalid("cannot create --out " + out.string() + ": " + ec.message());
        }
        std::string tmpl = (out / ".tmp-XXXXXX").string();
        if (mkdtemp(tmpl.data()) == nullptr) {
            s->Discard();
            return core::Error::Invalid("cannot write into --out " + out.string());
        }
        s->dir_ = fs::absolute(tmpl, ec);
        return s;
    }
    ~Staging() {
        if (!committed_) {
            Discard();
        }
    }
    const fs::path& dir() const { return dir_; }

    // Moves every staged entry over its namesake in <out> (a previous run's folder of the same
    // marketplace is replaced whole).
    core::Status Commit() {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dir_, ec)) {
            fs::path target = out_ / e.path().filename();
            if (fs::exists(target, ec)) {
                fs::remove_all(target, ec);
            }
            fs::rename(e.path(), target, ec);
            if (ec) {
                return core::Error::Internal("cannot move " + e.path().string() + " to " + target.string() + ": " +
                                             ec.message());
            }
        }
        fs::remove(dir_, ec);
        committed_ = true;
        return core::Ok();
    }

  private:
    Staging() = default;
    void Discard() {
        std::error_code ec;
        if (!dir_.empty()) {
            fs::remove_all(dir_, ec);
        }
        if (created_out_) {
            fs::remove(out_, ec);  // only when empty
        }
    }

    fs::path out_, dir_;
    bool created_out_ = false;
    bool committed_ = false;
};

// The adapters, pointed at an in-memory sandbox of this process, and its first seller's credentials:
// what each marketplace's payload is built against. Destroyed adapters first, the sandbox last.
struct PayloadBuilder {
    std::unique_ptr<sandbox::Sandbox> sandbox;
    std::unique_ptr<Services> services;
    std::unique_ptr<MarketplaceParts> markets;
    json seller = json::object();
    std::string unavailable;  // why no payload can be built, when the sandbox or adapters did not start

    void Start(const Config& config) {
        sandbox::SandboxOptions so;
        so.uzum_port = so.wb_port = so.yandex_port = so.ozon_port = so.cabinet_port = 0;
        so.threads_per_port = 2;
        so.enable_hooks = false;
        auto sb = sandbox::Sandbox::Start(so);
        if (!sb.ok()) {
            unavailable = "the offline sandbox did not start: " + sb.error().message;
            return;
        }
        sandbox = std::move(*sb);
        // The adapters need only the configuration and a clock here: no database, no asset store (the Uzum
        // screenshot sink that would use them runs only when a real publish stops for attention).
        services = std::make_unique<Services>();
        services->config = config;
        auto m = BuildMarketplaces(*services, sandbox->BaseUrls());
        if (!m.ok()) {
            unavailable = "the marketplace adapters did not start: " + m.error().message;
            return;
        }
        markets = std::move(*m);
        json sellers = sandbox->Accounts().value("sellers", json::array());
        if (!sellers.empty() && sellers[0].is_object()) {
            seller = sellers[0];
        }
    }

    vault::FieldMap Credentials(core::Marketplace mp) const {
        vault::FieldMap fields;
        const json& acc = seller.value(std::string(core::MarketplaceName(mp)), json::object());
        auto put = [&](const char* name) {
            auto it = acc.find(name);
            if (it == acc.end() || it->is_null()) {
                return;
            }
            std::string v = it->is_string() ? it->get<std::string>() : it->dump();
            fields.emplace(name, core::SecretBuffer::Take(std::move(v)));
        };
        for (const char* name : {"token", "shop_id", "client_id", "api_key", "business_id", "campaign_id"}) {
            put(name);
        }
        return fields;
    }

    const std::string& Currency(core::Marketplace mp) const {
        static const std::string kUzs = "UZS";
        switch (mp) {
            case core::Marketplace::kWildberries: return markets->config.wildberries.currency;
            case core::Marketplace::kOzon: return markets->config.ozon.currency;
            case core::Marketplace::kYandex: return markets->config.yandex.currency;
            default: return kUzs;  // Uzum: integer sums
        }
    }

    // {"status": "ok", ...the adapter's requests or cabinet form} | {"status": "rejected" (the adapter
    // refuses the card, as Publish would), "reason"} | {"status": "not_available", "reason"}.
    json Build(core::Marketplace mp, marketplaces::PublishItem item, double uzs_per_rub) const {
        if (!markets) {
            return {{"status", "not_available"}, {"reason", unavailable}};
        }
        auto it = markets->adapters.find(mp);
        if (it == markets->adapters.end()) {
            return {{"status", "not_available"}, {"reason", "no adapter for this marketplace"}};
        }
        auto price = PriceIn(item.product.price, Currency(mp), uzs_per_rub);
        if (!price.ok()) {
            return {{"status", "rejected"}, {"reason", price.error().message}};
        }
        item.product.price = *price;
        auto built = it->second->BuildPayload(item, Credentials(mp));
        if (!built.ok()) {
            const core::Error& e = built.error();
            bool refused = e.code == core::ErrorCode::kUnprocessable || e.code == core::ErrorCode::kInvalid;
            return {{"status", refused ? "rejected" : "not_available"}, {"reason", e.message}};
        }
        json out = {{"status", "ok"}};
        out.update(*built);
        out["built_against"] =
            "the offline sandbox: category ids are the marketplace's own, characteristic and dictionary ids the "
            "sandbox's; media links are this folder's files (a published card carries signed public URLs)";
        return out;
    }
};

struct Timer {
    int64_t started_ms = 0;
    int64_t finished_ms = 0;
};

int64_t NowMs() { return core::SystemClock().NowMs(); }

}  // namespace

int CmdGenerate(const CommonOptions& common, const GenerateOptions& opts) {
    const auto start = Clock::now();
    obs::InitLogging({{}, obs::Level::kWarn, true});

    // 1. The input, all of it, before anything is written.
    auto product = ReadProduct(opts.product_file);
    if (!product.ok()) return Fail(2, product.error().message);
    auto marketplaces = ParseMarketplaces(opts.marketplaces);
    if (!marketplaces.ok()) return Fail(2, marketplaces.error().message);
    auto photos = ReadPhotos(opts.photos_dir);
    if (!photos.ok()) return Fail(2, photos.error().message);
    if (opts.out_dir.empty()) return Fail(2, "--out is required");
    auto config = LoadConfig(common.config_file);
    if (!config.ok()) return Fail(2, config.error().message);
    Config& c = *config;
    if (c.data_path.empty()) c.data_path = FindUpwards("data", "categories");
    if (c.data_path.empty()) return Fail(1, "cannot find the data folder (data/categories); set data_path");
    auto catalog = ai::CategoryCatalog::Load(c.data_path);
    if (!catalog.ok()) return Fail(1, catalog.error().message);
    auto rules = ai::QualityRules::Load(c.data_path);
    if (!rules.ok()) return Fail(1, rules.error().message);
    core::Product& p = *product;
    if (auto resolved = (*catalog)->Resolve(p); !resolved.ok()) {
        std::string known;
        for (const auto& k : (*catalog)->Keys()) known += (known.empty() ? "" : ", ") + k;
        std::string msg = resolved.error().message;
        if (!(*catalog)->Find(p.category)) msg += " (known: " + known + ")";
        return Fail(2, opts.product_file + ": " + msg);
    }
    p.id = p.sku;
    p.created_at_ms = p.updated_at_ms = NowMs();

    // 2. Texts (research -> strategy -> content), then the slides: in memory.
    std::map<std::string, Timer> stages;
    auto mark = [&](const std::string& stage, int64_t from) { stages[stage] = {from, NowMs()}; };
    ai::OfflineContentEngine engine(*catalog);
    core::SystemClock clock;
    auto text = BuildTextEngines(c, engine, *catalog, clock);  // [ai]: offline, or models that leave 127.0.0.1
    if (!text.ok()) return Fail(2, text.error().message);
    ai::QualityChecker checker(*catalog, *rules);
    int64_t t0 = NowMs();
    auto keywords = (*text)->researcher->Research(p);
    if (!keywords.ok()) return Fail(ExitCodeFor(keywords.error()), "research: " + keywords.error().message);
    mark("research", t0);
    t0 = NowMs();
    auto strategy = (*text)->strategist->Plan(p, *keywords);
    if (!strategy.ok()) return Fail(ExitCodeFor(strategy.error()), "strategy: " + strategy.error().message);
    mark("strategy", t0);
    t0 = NowMs();
    std::map<core::Marketplace, ai::CardContent> cards;
    json content = json::object();
    for (core::Marketplace mp : *marketplaces) {
        auto written = (*text)->writer->Write(p, *keywords, *strategy, mp);
        std::string name(core::MarketplaceName(mp));
        if (!written.ok()) return Fail(ExitCodeFor(written.error()), name + ": " + written.error().message);
        content[name] = *written;
        cards.emplace(mp, std::move(*written));
    }
    mark("content", t0);
    t0 = NowMs();
    auto masters = media::BuildMasters(SlideSpecFor(p, content, std::move(*photos)));
    if (!masters.ok()) return Fail(ExitCodeFor(masters.error()), "slides: " + masters.error().message);
    mark("slides", t0);
    const double prep_seconds = Seconds(start);

    // 3. Files, into the staging folder. The video encodes on its own thread meanwhile.
    auto staging = Staging::Create(opts.out_dir);
    if (!staging.ok()) return Fail(2, staging.error().message);
    const fs::path& dir = (*staging)->dir();
    const int64_t video_t0 = NowMs();
    int64_t video_done_ms = 0;  // written by the video thread before its result is ready
    auto video_job = std::async(std::launch::async, [&]() -> core::Result<media::VideoResult> {
        media::VideoPlan plan = media::PlanVideo(*masters, "ru", p.name);
        auto made = media::MakeVideo(plan.slides, plan.captions, media::VideoOptions{});
        video_done_ms = NowMs();
        return made;
    });
    auto wait_video = [&]() -> core::Result<media::VideoResult> {
        if (!video_job.valid()) return core::Error::Internal("the video was already taken");
        return video_job.get();
    };

    t0 = NowMs();
    std::map<core::Marketplace, std::vector<std::string>> image_names;  // "images/01.jpg", per card
    std::map<core::Marketplace, std::string> image_desc;
    for (core::Marketplace mp : *marketplaces) {
        auto images = media::RenderForMarketplace(*masters, mp);
        std::string name(core::MarketplaceName(mp));
        if (!images.ok()) {
            (void)wait_video();
            return Fail(1, name + " images: " + images.error().message);
        }
        for (size_t i = 0; i < images->size(); ++i) {
            const media::EncodedImage& img = (*images)[i];
            char file[32];
            std::snprintf(file, sizeof file, "images/%02zu.%s", i + 1, img.ext.c_str());
            if (auto st = WriteFile(dir / name / file, img.bytes); !st.ok()) {
                (void)wait_video();
                return Fail(1, st.error().message);
            }
            image_names[mp].push_back(file);
        }
        if (!images->empty()) {
            image_desc[mp] = std::to_string(images->size()) + " images (" + images->front().ext + " " +
                             std::to_string(images->front().width) + "x" + std::to_string(images->front().height) + ")";
        }
    }
    mark("images", t0);

    // Payloads of the API marketplaces while the video encodes; Uzum's form needs the video file first.
    const auto payload_start = Clock::now();
    PayloadBuilder payloads;
    payloads.Start(c);
    auto item_for = [&](core::Marketplace mp, bool with_video) {
        marketplaces::PublishItem item;
        item.card_id = p.sku + "-" + std::string(core::MarketplaceName(mp));
        item.product = p;
        item.content = content[std::string(core::MarketplaceName(mp))];
        item.category = item.content.value("marketplace_category", json::object());
        fs::path card_dir = dir / std::string(core::MarketplaceName(mp));
        for (const auto& f : image_names[mp]) {
            item.image_urls.push_back(f);
            if (mp == core::Marketplace::kUzum) item.image_files.push_back((card_dir / f).string());
        }
        if (with_video) {
            item.video_url = "../video.mp4";
            if (mp == core::Marketplace::kUzum) item.video_file = (dir / "video.mp4").string();
        }
        return item;
    };
    std::map<core::Marketplace, json> payload;
    for (core::Marketplace mp : *marketplaces) {
        if (mp != core::Marketplace::kUzum) payload[mp] = payloads.Build(mp, item_for(mp, true), c.uzs_per_rub);
    }
    double payload_seconds = Seconds(payload_start);

    auto video = wait_video();
    if (!video.ok()) return Fail(1, "video: " + video.error().message);
    const double video_seconds = (video_done_ms - video_t0) / 1000.0;
    stages["video"] = {video_t0, video_done_ms};
    if (auto st = WriteFile(dir / "video.mp4", video->bytes); !st.ok()) return Fail(1, st.error().message);
    if (std::find(marketplaces->begin(), marketplaces->end(), core::Marketplace::kUzum) != marketplaces->end()) {
        const auto uzum_start = Clock::now();
        json form = payloads.Build(core::Marketplace::kUzum, item_for(core::Marketplace::kUzum, true), c.uzs_per_rub);
        // The form's files as this folder's names, not the staging paths they were checked at.
        fs::path card_dir = dir / "uzum";
        if (form.contains("cabinet_form")) {
            for (auto& upload : form["cabinet_form"]["uploads"]) {
                for (auto& f : upload["files"]) {
                    f = fs::path(f.get<std::string>()).lexically_relative(card_dir).string();
                }
            }
        }
        payload[core::Marketplace::kUzum] = std::move(form);
        payload_seconds += Seconds(uzum_start);
    }

    // 4. The quality check, card.json and quality.json per card.
    bool all_passed = true;
    std::vector<std::string> lines;
    for (core::Marketplace mp : *marketplaces) {
        std::string name(core::MarketplaceName(mp));
        t0 = NowMs();
        ai::QualityReport report = checker.Check(p, cards.at(mp), mp);
        json quality = report;
        // The media rules the text checker cannot see, as the pipeline's quality stage adds them.
        quality["images"] = image_names[mp].size();
        quality["video"] = true;
        mark("quality", t0);
        std::string error;
        if (!report.passed) {
            all_passed = false;
            error = "quality check failed (score " + std::to_string(report.score) + ", pass line " +
                    std::to_string(report.pass_line) + ")";
            bool blocking = report.HasBlocking();
            for (const auto& issue : report.issues) {
                if (issue.severity == ai::Severity::kBlock || (!blocking && issue.points > 0)) {
                    error += "; " + issue.code + ": " + issue.message_en;
                }
            }
        }
        store::CardRow row;
        row.id = p.sku + "-" + name;
        row.product_id = p.id;
        row.marketplace = name;
        row.status = report.passed ? "publish_ready" : "failed";
        row.error = error;
        row.content = content[name];
        for (const auto& f : image_names[mp]) row.images.push_back(f);
        row.video = "../video.mp4";
        row.quality = quality;
        for (const auto& stage : pipeline::AllStages()) {
            json s = {{"stage", stage}, {"status", "skipped"}, {"started_at", nullptr}, {"finished_at", nullptr}};
            if (auto it = stages.find(stage); it != stages.end()) {
                s["status"] = stage == "quality" && !report.passed ? "failed" : "done";
                s["started_at"] = it->second.started_ms;
                s["finished_at"] = it->second.finished_ms;
                if (stage == "quality" && !report.passed) s["error"] = error;
            }
            row.stages.push_back(std::move(s));
        }
        json card = api::CardJson(row);
        card["payload"] = payload[mp];
        if (auto st = WriteFile(dir / name / "card.json", Dump(card)); !st.ok()) return Fail(1, st.error().message);
        if (auto st = WriteFile(dir / name / "quality.json", Dump(quality)); !st.ok()) return Fail(1, st.error().message);
        if (!report.passed) {
            std::fprintf(stderr, "biznesyordam generate: %s: %s\n", name.c_str(), error.c_str());
        }
        const json& pl = payload[mp];
        char line[512];
        std::snprintf(line, sizeof line, "  %-12s %-6s score %3d (pass line %d)  %s  payload %s", name.c_str(),
                      report.passed ? "passed" : "FAILED", report.score, report.pass_line, image_desc[mp].c_str(),
                      pl.value("status", "").c_str());
        lines.push_back(line);
        if (pl.value("status", "") != "ok") {
            std::fprintf(stderr, "biznesyordam generate: %s: payload %s: %s\n", name.c_str(),
                         pl.value("status", "").c_str(), pl.value("reason", "").c_str());
        }
    }

    // 5. Into place.
    if (auto st = (*staging)->Commit(); !st.ok()) return Fail(1, st.error().message);
    std::printf("%s -> %s\n", opts.product_file.c_str(), opts.out_dir.c_str());
    for (const auto& l : lines) std::printf("%s\n", l.c_str());
    std::printf("  video.mp4    %.1f s %dx%d, %.1f MB\n", video->seconds, video->width, video->height,
                video->bytes.size() / 1e6);
    std::printf("done in %.1f s (texts and slides %.1f s, video %.1f s on its own thread, payloads %.1f s)\n",
                Seconds(start), prep_seconds, video_seconds, payload_seconds);
    std::fflush(stdout);
    return all_passed ? 0 : 1;
}

}  // namespace by::app
