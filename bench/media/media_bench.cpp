// by_media_bench: the media engine's figures for docs/performance.md ("## Media").
//
//  1. resize + pad + encode (fit into 1080×1440 on white, JPEG q85, EXIF-rotated, metadata stripped) of the
//     same N generated photos through by::media::PadPhoto and through sharp (node, bench/media/sharp);
//     images/s both ways and the ratio;
//  2. CPU-seconds per product: BuildMasters (ru + uz slides) and RenderForMarketplace for all four;
//  3. CPU-seconds per 15 s video (MakeVideo), and the ffmpeg CLI doing a 15 s 1080×1440 zoompan encode.
// CPU is getrusage (RUSAGE_SELF for in-process work including encoder threads, RUSAGE_CHILDREN for node and
// ffmpeg). The machine is shared, so each timing is repeated and the minimum reported with the median.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/domain.hpp"
#include "media/image_ops.hpp"
#include "media/marketplace_media.hpp"
#include "media/video.hpp"
#include "test_images.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using namespace by;
using namespace by::media;

double Seconds(const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; }

double SelfCpu() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return Seconds(ru.ru_utime) + Seconds(ru.ru_stime);
}

double Now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Sample {
    double cpu = 0;
    double wall = 0;
};

struct Stats {
    std::vector<Sample> samples;
    Sample Min() const {
        Sample m{1e18, 1e18};
        for (const auto& s : samples) {
            m.cpu = std::min(m.cpu, s.cpu);
            m.wall = std::min(m.wall, s.wall);
        }
        return m;
    }
    Sample Median() const {
        std::vector<double> c, w;
        for (const auto& s : samples) {
            c.push_back(s.cpu);
            w.push_back(s.wall);
        }
        std::sort(c.begin(), c.end());
        std::sort(w.begin(), w.end());
        return {c[c.size() / 2], w[w.size() / 2]};
    }
};

Sample Measure(const std::function<void()>& fn) {
    double c0 = SelfCpu(), w0 = Now();
    fn();
    return {SelfCpu() - c0, Now() - w0};
}

// Runs a program, returns its exit code; its CPU (user+sys, children included) goes to *cpu.
int Run(const std::vector<std::string>& argv, double* cpu, double* wall, std::string* out) {
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        return -1;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipefd[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipefd[0]);
    pid_t pid = 0;
    double w0 = Now();
    int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipefd[1]);
    if (rc != 0) {
        close(pipefd[0]);
        return -1;
    }
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = read(pipefd[0], buf, sizeof buf)) > 0) {
        text.append(buf, size_t(n));
    }
    close(pipefd[0]);
    int status = 0;
    rusage ru{};
    wait4(pid, &status, 0, &ru);
    *wall = Now() - w0;
    *cpu = Seconds(ru.ru_utime) + Seconds(ru.ru_stime);
    if (out) {
        *out = text;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double JsonNumber(const std::string& json, const std::string& key) {
    size_t p = json.find("\"" + key + "\":");
    if (p == std::string::npos) {
        return -1;
    }
    return std::atof(json.c_str() + p + key.size() + 3);
}

std::string JsonString(const std::string& json, const std::string& key) {
    size_t p = json.find("\"" + key + "\":\"");
    if (p == std::string::npos) {
        return "";
    }
    p += key.size() + 4;
    return json.substr(p, json.find('"', p) - p);
}

bool HaveProgram(const std::string& name) {
    double c, w;
    std::string out;
    return Run({"sh", "-c", "command -v " + name}, &c, &w, &out) == 0 && !out.empty();
}

std::string Fmt(double v, int digits = 2) {
    char b[64];
    std::snprintf(b, sizeof b, "%.*f", digits, v);
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    int n_images = 200;
    int reps = 3;
    fs::path out = fs::temp_directory_path() / "by-bench-media";
    bool sharp = true, ffmpeg = true;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--images" && i + 1 < argc) {
            n_images = std::atoi(argv[++i]);
        } else if (a == "--reps" && i + 1 < argc) {
            reps = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--out" && i + 1 < argc) {
            out = argv[++i];
        } else if (a == "--no-sharp") {
            sharp = false;
        } else if (a == "--no-ffmpeg") {
            ffmpeg = false;
        } else {
            std::cerr << "usage: by_media_bench [--images N] [--reps N] [--out DIR] [--no-sharp] [--no-ffmpeg]\n";
            return 2;
        }
    }
    fs::create_directories(out / "images");
    std::cerr << "cores: " << std::thread::hardware_concurrency() << ", output: " << out << "\n";

    // ---- 1. the same N photos, both ways ----
    std::cerr << "generating " << n_images << " photos...\n";
    std::vector<std::string> photos;
    const int sizes[][2] = {{1600, 1200}, {1200, 1600}, {2000, 2000}, {3000, 2000}, {1024, 768}};
    for (int i = 0; i < n_images; ++i) {
        testing::PhotoOptions o;
        o.width = sizes[i % 5][0];
        o.height = sizes[i % 5][1];
        o.style = i % 2 ? testing::PhotoStyle::kBusy : testing::PhotoStyle::kStudio;
        o.shape = i % 3;
        o.product_color = 0x204080u + uint32_t(i * 0x0a0703);
        o.orientation = i % 7 == 0 ? 6 : 1;
        char name[32];
        std::snprintf(name, sizeof name, "img_%03d.jpg", i);
        fs::path p = out / "images" / name;
        if (!fs::exists(p)) {
            std::ofstream(p, std::ios::binary) << testing::MakePhoto(o);
        }
        std::ifstream in(p, std::ios::binary);
        photos.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    PadOptions pad{1080, 1440, ImageFormat::kJpeg, 85, 0xFFFFFF};
    (void)PadPhoto(photos.front(), pad);  // warm up: vips init, fontconfig
    Stats ours;
    size_t our_bytes = 0;
    for (int r = 0; r < reps; ++r) {
        our_bytes = 0;
        ours.samples.push_back(Measure([&] {
            for (const auto& p : photos) {
                auto e = PadPhoto(p, pad);
                if (!e.ok()) {
                    std::cerr << "PadPhoto: " << e.error().ToString() << "\n";
                    std::exit(1);
                }
                our_bytes += e->bytes.size();
            }
        }));
    }
    Stats theirs;
    std::string sharp_version;
    fs::path sharp_dir = fs::path(BY_SOURCE_DIR) / "bench" / "media" / "sharp";
    if (sharp && HaveProgram("node") && fs::exists(sharp_dir / "node_modules" / "sharp")) {
        for (int r = 0; r < reps; ++r) {
            double cpu = 0, wall = 0;
            std::string json;
            int rc = Run({"node", (sharp_dir / "bench.js").string(), (out / "images").string(), "1080", "1440", "85"},
                         &cpu, &wall, &json);
            if (rc != 0) {
                std::cerr << "sharp run failed\n";
                break;
            }
            // The work alone, as node reports it (excludes node start-up and reading the files).
            theirs.samples.push_back({JsonNumber(json, "cpu_seconds"), JsonNumber(json, "wall_seconds")});
            sharp_version = "sharp " + JsonString(json, "sharp") + ", libvips " + JsonString(json, "libvips");
        }
    } else if (sharp) {
        std::cerr << "sharp skipped: run `npm install` in " << sharp_dir << "\n";
    }

    // ---- 2. per product: slides once, then four marketplaces ----
    std::cerr << "products...\n";
    Stats masters_cpu, render_cpu;
    std::vector<std::vector<Master>> all_masters(3);
    size_t slide_count = 0;
    for (int r = 0; r < reps; ++r) {
        double m_total = 0, m_wall = 0, r_total = 0, r_wall = 0;
        slide_count = 0;
        for (int p = 0; p < 3; ++p) {
            SlideSpec spec = testing::SampleProduct(p);
            Sample sm = Measure([&] {
                auto m = BuildMasters(spec);
                if (!m.ok()) {
                    std::cerr << "BuildMasters: " << m.error().ToString() << "\n";
                    std::exit(1);
                }
                all_masters[p] = std::move(m).value();
            });
            slide_count += all_masters[p].size();
            Sample sr = Measure([&] {
                for (core::Marketplace mp : core::kAllMarketplaces) {
                    auto imgs = RenderForMarketplace(all_masters[p], mp);
                    if (!imgs.ok()) {
                        std::cerr << "Render: " << imgs.error().ToString() << "\n";
                        std::exit(1);
                    }
                }
            });
            m_total += sm.cpu;
            m_wall += sm.wall;
            r_total += sr.cpu;
            r_wall += sr.wall;
        }
        masters_cpu.samples.push_back({m_total / 3, m_wall / 3});
        render_cpu.samples.push_back({r_total / 3, r_wall / 3});
    }

    // ---- 3. the video ----
    std::cerr << "video...\n";
    VideoPlan plan = PlanVideo(all_masters[1], "ru", "SoundMax Pro X2");
    Stats video;
    size_t video_bytes = 0;
    for (int r = 0; r < reps; ++r) {
        video.samples.push_back(Measure([&] {
            auto v = MakeVideo(plan.slides, plan.captions, VideoOptions{});
            if (!v.ok()) {
                std::cerr << "MakeVideo: " << v.error().ToString() << "\n";
                std::exit(1);
            }
            video_bytes = v->bytes.size();
            std::ofstream(out / "video.mp4", std::ios::binary) << v->bytes;
        }));
    }
    Stats ff_crf, ff_qp;
    if (ffmpeg && HaveProgram("ffmpeg")) {
        MarketplaceMediaSpec png = MediaSpecFor(core::Marketplace::kUzum);
        png.format = ImageFormat::kPng;
        png.max_images = 1;
        auto slide = RenderForMarketplace(all_masters[1], png);
        std::ofstream(out / "slide.png", std::ios::binary) << slide->front().bytes;
        // The usual CLI recipe: one still, zoompan to 1.1 over 360 frames at 24 fps, libx264 ultrafast.
        const std::string vf =
            "zoompan=z='min(zoom+0.0003,1.1)':d=360:x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':s=1080x1440:fps=24,"
            "format=yuv420p";
        for (int r = 0; r < reps; ++r) {
            for (int mode = 0; mode < 2; ++mode) {
                std::vector<std::string> cmd = {"ffmpeg", "-v", "error", "-y", "-i", (out / "slide.png").string(),
                                                "-vf", vf, "-c:v", "libx264", "-preset", "ultrafast"};
                if (mode == 1) {
                    cmd.insert(cmd.end(), {"-qp", "25"});
                }
                cmd.insert(cmd.end(), {"-movflags", "+faststart", (out / "ffmpeg.mp4").string()});
                double cpu = 0, wall = 0;
                if (Run(cmd, &cpu, &wall, nullptr) == 0) {
                    (mode ? ff_qp : ff_crf).samples.push_back({cpu, wall});
                }
            }
        }
    }

    // ---- report (markdown, ready for docs/performance.md) ----
    std::ostringstream md;
    Sample om = ours.Min(), omed = ours.Median();
    md << "Machine: " << std::thread::hardware_concurrency() << " cores (shared), " << reps
       << " runs each; min (median).\n\n";
    md << "| What | Figure |\n|---|---|\n";
    md << "| resize + pad + encode, by_media (" << photos.size() << " photos -> 1080×1440 JPEG q85) | "
       << Fmt(photos.size() / om.wall, 1) << " images/s wall (" << Fmt(photos.size() / omed.wall, 1) << "), "
       << Fmt(om.cpu / photos.size() * 1000, 1) << " CPU-ms/image (" << Fmt(omed.cpu / photos.size() * 1000, 1)
       << ") |\n";
    if (!theirs.samples.empty()) {
        Sample tm = theirs.Min(), tmed = theirs.Median();
        md << "| same through " << sharp_version << " | " << Fmt(photos.size() / tm.wall, 1) << " images/s wall ("
           << Fmt(photos.size() / tmed.wall, 1) << "), " << Fmt(tm.cpu / photos.size() * 1000, 1)
           << " CPU-ms/image (" << Fmt(tmed.cpu / photos.size() * 1000, 1) << ") |\n";
        md << "| ratio by_media / sharp | " << Fmt(tm.wall / om.wall, 2) << "× sharp's images/s; "
           << Fmt(om.cpu / tm.cpu, 2) << "× sharp's CPU per image |\n";
    }
    md << "| slides per product: BuildMasters (ru + uz, " << Fmt(double(slide_count) / 3, 1) << " slides) | "
       << Fmt(masters_cpu.Min().cpu) << " CPU-s (" << Fmt(masters_cpu.Median().cpu) << ") |\n";
    md << "| per product: RenderForMarketplace × 4 marketplaces | " << Fmt(render_cpu.Min().cpu) << " CPU-s ("
       << Fmt(render_cpu.Median().cpu) << ") |\n";
    md << "| video per product: MakeVideo, 15 s 1080×1440 24 fps, " << plan.slides.size() << " slides, x264 "
       << VideoOptions{}.preset << " qp " << VideoOptions{}.qp << " | " << Fmt(video.Min().cpu) << " CPU-s ("
       << Fmt(video.Median().cpu) << "), " << Fmt(video.Min().wall) << " s wall, " << Fmt(video_bytes / 1048576.0, 1)
       << " MiB |\n";
    if (!ff_crf.samples.empty()) {
        md << "| ffmpeg CLI: 1 still, zoompan 15 s 1080×1440 24 fps, libx264 ultrafast (crf 23) | "
           << Fmt(ff_crf.Min().cpu) << " CPU-s (" << Fmt(ff_crf.Median().cpu) << ") |\n";
    }
    if (!ff_qp.samples.empty()) {
        md << "| same, -qp 25 | " << Fmt(ff_qp.Min().cpu) << " CPU-s (" << Fmt(ff_qp.Median().cpu) << ") |\n";
    }
    std::cout << md.str();
    std::ofstream(out / "media_bench.md") << md.str();
    return 0;
}
