// MakeVideo: masters -> YUV (libswscale) -> Ken Burns frames (kenburns.cpp) -> H.264 MP4 (libav/encoder.cpp),
// with caption pills drawn by vips (internal::RenderCaption). No heavy headers here.
#include "media/video.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include "media/internal.hpp"
#include "media/kenburns.hpp"
#include "media/libav/av.hpp"

namespace by::media {
namespace {

constexpr size_t kMaxSlides = 12;

core::Status Validate(const std::vector<Master>& slides, const std::vector<std::string>& captions,
                      const VideoOptions& o) {
    if (slides.empty() || slides.size() > kMaxSlides) {
        return core::Error::Invalid("a video needs 1 to 12 slides", "slides");
    }
    if (!captions.empty() && captions.size() != slides.size()) {
        return core::Error::Invalid("captions must be empty or one per slide", "captions");
    }
    if (o.width < 64 || o.height < 64 || o.width > 4096 || o.height > 4096 || o.width % 2 || o.height % 2) {
        return core::Error::Invalid("video size must be even and between 64 and 4096", "width");
    }
    if (o.fps < 1 || o.fps > 60 || o.seconds <= 0 || o.seconds > 300) {
        return core::Error::Invalid("fps must be 1..60 and length 0..300 s", "fps");
    }
    if (o.max_zoom < 1.0 || o.max_zoom > 1.5 || o.crossfade_seconds < 0) {
        return core::Error::Invalid("zoom must be 1.0..1.5 and the cross-fade non-negative", "max_zoom");
    }
    if (o.qp < 0 || o.qp > 51) {
        return core::Error::Invalid("qp must be 0..51", "qp");
    }
    for (const Master& m : slides) {
        if (!m.rgb || m.width <= 0 || m.height <= 0 || m.rgb->size() != size_t(m.width) * size_t(m.height) * 3) {
            return core::Error::Invalid("a slide has no pixels", "slides");
        }
    }
    return core::Ok();
}

// True when the outer ring of the master is one flat colour (studio backgrounds, every designed slide), so a
// pan may show repeated edge pixels beyond it without anyone noticing.
bool FlatBorder(const Master& m) {
    const uint8_t* p = m.rgb->data();
    const int w = m.width, h = m.height;
    const uint8_t* ref = p;
    int worst = 0;
    int64_t sum = 0, n = 0;
    auto visit = [&](int x, int y) {
        const uint8_t* q = p + (size_t(y) * w + x) * 3;
        for (int c = 0; c < 3; ++c) {
            int d = std::abs(int(q[c]) - int(ref[c]));
            worst = std::max(worst, d);
            sum += d;
            ++n;
        }
    };
    for (int x = 0; x < w; x += 2) {
        visit(x, 0);
        visit(x, h - 1);
    }
    for (int y = 0; y < h; y += 2) {
        visit(0, y);
        visit(w - 1, y);
    }
    return worst <= 16 && n > 0 && double(sum) / double(n) <= 2.0;
}

// Gentle, varied movement. The first slide starts exactly on the master (a sharp first frame, Ozon's video
// cover rule) and zooms in towards the product; the others pan one pixel per frame in turn right, down,
// left, up and diagonally, which the encoder codes almost for free.
kenburns::Motion MotionFor(const Master& m, size_t index, double max_zoom) {
    kenburns::Motion mo;
    if (index == 0) {
        mo.kind = kenburns::Motion::Kind::kZoom;
        double fx = 0.5, fy = 0.5;
        if (m.product_box && m.width > 0 && m.height > 0) {
            fx = (m.product_box->x + m.product_box->width / 2.0) / m.width;
            fy = (m.product_box->y + m.product_box->height / 2.0) / m.height;
        }
        double z = m.HasText() ? 1.0 + (max_zoom - 1.0) * 0.5 : max_zoom;
        mo.zoom0 = 1.0;
        mo.zoom1 = z;
        mo.fx0 = fx;
        mo.fy0 = fy;
        mo.fx1 = fx;
        mo.fy1 = fy;
        return mo;
    }
    static const int kDirs[][2] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 1}, {-1, -1}};
    const auto& d = kDirs[(index - 1) % 6];
    mo.kind = kenburns::Motion::Kind::kPan;
    mo.dx = d[0];
    mo.dy = d[1];
    mo.flat_border = FlatBorder(m);
    mo.pan_zoom = std::min(max_zoom, 1.03);
    return mo;
}

}  // namespace

bool IsFaststartMp4(std::string_view mp4) {
    size_t pos = 0;
    bool seen_moov = false;
    while (pos + 8 <= mp4.size()) {
        auto b = [&](size_t i) { return uint64_t(static_cast<unsigned char>(mp4[pos + i])); };
        uint64_t size = (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
        std::string_view type = mp4.substr(pos + 4, 4);
        if (size == 1) {
            if (pos + 16 > mp4.size()) {
                return false;
            }
            size = 0;
            for (int i = 8; i < 16; ++i) {
                size = (size << 8) | b(size_t(i));
            }
        } else if (size == 0) {
            size = mp4.size() - pos;
        }
        if (type == "moov") {
            seen_moov = true;
        } else if (type == "mdat") {
            return seen_moov;
        }
        if (size < 8) {
            return false;
        }
        pos += size;
    }
    return false;
}

VideoPlan PlanVideo(const std::vector<Master>& masters, std::string_view lang, std::string_view product_name) {
    VideoPlan plan;
    bool has_lang = std::any_of(masters.begin(), masters.end(), [&](const Master& m) { return m.lang == lang; });
    std::string want = has_lang ? std::string(lang) : "ru";
    auto add = [&](const Master& m, std::string caption) {
        if (plan.slides.size() < 6) {
            plan.slides.push_back(m);
            plan.captions.push_back(std::move(caption));
        }
    };
    const SlideKind order[] = {SlideKind::kMainPhoto, SlideKind::kCover, SlideKind::kInfographic, SlideKind::kPhoto,
                               SlideKind::kSummary};
    for (SlideKind kind : order) {
        for (const Master& m : masters) {
            if (m.kind != kind || !(m.lang.empty() || m.lang == want)) {
                continue;
            }
            if (kind == SlideKind::kCover && !plan.slides.empty()) {
                continue;
            }
            // The lead slide carries the product name (Ozon: the key message in the first seconds, readable
            // without sound); slides that already show text get none.
            std::string caption;
            if (kind == SlideKind::kMainPhoto && plan.slides.empty()) {
                caption = std::string(product_name);
            }
            add(m, std::move(caption));
        }
    }
    return plan;
}

namespace {

core::Result<VideoResult> MakeVideoImpl(const std::vector<Master>& slides, const std::vector<std::string>& captions,
                                        const VideoOptions& options) {
    const int w = options.width, h = options.height;

    std::vector<kenburns::Yuv420> images;
    images.reserve(slides.size());
    for (const Master& m : slides) {
        BY_ASSIGN(kenburns::Yuv420 yuv, av::RgbToYuv420(m.rgb->data(), m.width, m.height, w, h));
        images.push_back(std::move(yuv));
    }

    std::vector<std::unique_ptr<kenburns::Caption>> caps(slides.size());
    const int margin = std::max(16, w * 60 / 1080);
    for (size_t i = 0; i < captions.size(); ++i) {
        if (captions[i].find_first_not_of(" \t\n") == std::string::npos) {
            continue;
        }
        BY_ASSIGN(internal::RgbaImage pill, internal::RenderCaption(captions[i], w - 2 * margin, options.caption_color));
        if (pill.width == 0 || pill.width > w || pill.height > h / 3) {
            continue;
        }
        BY_ASSIGN(kenburns::Yuv420 yuva, av::RgbaToYuva420(pill.rgba.data(), pill.width, pill.height));
        auto cap = std::make_unique<kenburns::Caption>();
        cap->x = ((w - yuva.y.width) / 2) & ~1;
        cap->y = (h - margin - yuva.y.height) & ~1;
        cap->image = std::move(yuva);
        caps[i] = std::move(cap);
    }

    std::vector<kenburns::Slide> plan;
    for (size_t i = 0; i < slides.size(); ++i) {
        kenburns::Slide s;
        s.image = &images[i];
        s.motion = MotionFor(slides[i], i, options.max_zoom);
        s.caption = caps[i].get();
        plan.push_back(s);
    }
    kenburns::Timeline timeline =
        kenburns::Timeline::Make(std::move(plan), options.fps, options.seconds, options.crossfade_seconds);

    av::EncoderParams params;
    params.width = w;
    params.height = h;
    params.fps = options.fps;
    params.frames = timeline.frames;
    params.qp = options.qp;
    params.preset = options.preset;
    params.threads = options.threads;

    // One retry at a coarser quantiser if the file is over the limit (it never is for slides at qp 25:
    // ~2–8 MB for 15 s).
    for (int attempt = 0; attempt < 2; ++attempt) {
        kenburns::Renderer renderer(timeline, w, h);
        BY_ASSIGN(std::string bytes,
                  av::EncodeMp4(params, [&](int64_t i, uint8_t* const planes[3], const int linesize[3]) {
                      return renderer.Render(i, planes, linesize);
                  }));
        if (options.max_bytes <= 0 || int64_t(bytes.size()) <= options.max_bytes) {
            VideoResult r;
            r.bytes = std::move(bytes);
            r.width = w;
            r.height = h;
            r.fps = options.fps;
            r.frames = timeline.frames;
            r.seconds = double(timeline.frames) / options.fps;
            r.qp = params.qp;
            return r;
        }
        params.qp = std::min(51, params.qp + 8);
    }
    return core::Error::TooLarge("the video cannot be made small enough");
}

}  // namespace

core::Result<VideoResult> MakeVideo(const std::vector<Master>& slides, const std::vector<std::string>& captions,
                                    const VideoOptions& options) {
    BY_TRY(Validate(slides, captions, options));
    try {
        return MakeVideoImpl(slides, captions, options);
    } catch (const std::exception& e) {  // e.g. std::bad_alloc: never let it cross the seam
        return core::Error::Internal("video encoding failed", e.what());
    }
}

}  // namespace by::media
