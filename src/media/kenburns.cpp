#include "media/kenburns.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define BY_MEDIA_X86 1
#endif

namespace by::media::kenburns {
namespace {

// 6-bit fixed-point weights (1/64 px): both weights of a pair fit in int8 for pmaddubsw (64 <= 127), and
// the horizontal sums stay within 16 bits (255 * 64 = 16320).
constexpr int kOne = 64;

struct Tap {
    int index;   // left/top source sample
    int weight;  // weight of the right/bottom sample, 0..kOne-1
};

Tap TapAt(double pos, int size) {
    if (pos <= 0) {
        return {0, 0};
    }
    if (pos >= size - 1) {
        return {std::max(0, size - 1), 0};
    }
    int i = int(pos);
    int w = int(std::lround((pos - i) * kOne));
    if (w >= kOne) {
        ++i;
        w = 0;
    }
    if (i >= size - 1) {
        return {std::max(0, size - 1), 0};
    }
    return {i, w};
}

}  // namespace

void ScalePlaneScalar(const Plane& src, double x0, double y0, double step, uint8_t* dst, int dst_stride, int w,
                      int h) {
    std::vector<Tap> xs(w);
    for (int x = 0; x < w; ++x) {
        xs[x] = TapAt(x0 + (x + 0.5) * step - 0.5, src.width);
    }
    const int sw = src.width;
    for (int y = 0; y < h; ++y) {
        Tap ty = TapAt(y0 + (y + 0.5) * step - 0.5, src.height);
        const uint8_t* r0 = src.data.data() + size_t(ty.index) * sw;
        const uint8_t* r1 = src.data.data() + size_t(std::min(ty.index + 1, src.height - 1)) * sw;
        uint8_t* d = dst + size_t(y) * dst_stride;
        for (int x = 0; x < w; ++x) {
            int i = xs[x].index, fx = xs[x].weight;
            int i1 = std::min(i + 1, sw - 1);
            int a = r0[i] * (kOne - fx) + r0[i1] * fx;
            int b = r1[i] * (kOne - fx) + r1[i1] * fx;
            // Same rounding as the SIMD path: (a*(64-fy) >> 7) + (b*fy >> 7), then /32 rounded.
            int v = ((a * (kOne - ty.weight)) >> 7) + ((b * ty.weight) >> 7);
            d[x] = uint8_t(std::min(255, (v + 16) >> 5));
        }
    }
}

#ifdef BY_MEDIA_X86
namespace {

struct alignas(16) Bytes16 {
    int8_t v[16];
};

struct HPlan {
    int blocks = 0;
    std::vector<int> base;
    std::vector<Bytes16> shuffle;  // (left, right) byte pairs for 8 outputs, relative to base
    std::vector<Bytes16> weights;  // (128-f, f) pairs
};

// Output pixels are handled 8 at a time from one 16-byte load; with step <= 1.9 their taps span < 16 bytes.
HPlan MakePlan(const Plane& src, double x0, double step, int w) {
    HPlan p;
    p.blocks = (w + 7) / 8;
    p.base.resize(p.blocks);
    p.shuffle.resize(p.blocks);
    p.weights.resize(p.blocks);
    for (int b = 0; b < p.blocks; ++b) {
        int8_t* sh = p.shuffle[b].v;
        int8_t* wt = p.weights[b].v;
        Tap first = TapAt(x0 + (b * 8 + 0.5) * step - 0.5, src.width);
        int base = std::max(0, std::min(first.index, src.width - 16));
        for (int j = 0; j < 8; ++j) {
            int x = std::min(b * 8 + j, w - 1);
            Tap t = TapAt(x0 + (x + 0.5) * step - 0.5, src.width);
            int i1 = std::min(t.index + 1, src.width - 1);
            sh[2 * j] = int8_t(t.index - base);
            sh[2 * j + 1] = int8_t(i1 - base);
            wt[2 * j] = int8_t(kOne - t.weight);
            wt[2 * j + 1] = int8_t(t.weight);
        }
        p.base[b] = base;
    }
    return p;
}

__attribute__((target("ssse3"))) void HorizontalRow(const HPlan& p, const uint8_t* row, uint16_t* out) {
    for (int b = 0; b < p.blocks; ++b) {
        __m128i s = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + p.base[b]));
        __m128i shuffle = _mm_load_si128(reinterpret_cast<const __m128i*>(p.shuffle[b].v));
        __m128i weights = _mm_load_si128(reinterpret_cast<const __m128i*>(p.weights[b].v));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + b * 8), _mm_maddubs_epi16(_mm_shuffle_epi8(s, shuffle), weights));
    }
}

__attribute__((target("ssse3"))) void VerticalRow(const uint16_t* h0, const uint16_t* h1, int fy, uint8_t* d, int w) {
    // (h0*(64-fy) >> 7) + (h1*fy >> 7) via mulhi with the weight pre-shifted by 9, then /32 rounded.
    const __m128i wa = _mm_set1_epi16(int16_t(uint16_t((kOne - fy) << 9)));
    const __m128i wb = _mm_set1_epi16(int16_t(uint16_t(fy << 9)));
    const __m128i rnd = _mm_set1_epi16(16);
    int x = 0;
    for (; x + 16 <= w; x += 16) {
        __m128i a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h0 + x));
        __m128i a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h0 + x + 8));
        __m128i b0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h1 + x));
        __m128i b1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h1 + x + 8));
        __m128i r0 = _mm_add_epi16(_mm_mulhi_epu16(a0, wa), _mm_mulhi_epu16(b0, wb));
        __m128i r1 = _mm_add_epi16(_mm_mulhi_epu16(a1, wa), _mm_mulhi_epu16(b1, wb));
        r0 = _mm_srli_epi16(_mm_add_epi16(r0, rnd), 5);
        r1 = _mm_srli_epi16(_mm_add_epi16(r1, rnd), 5);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(d + x), _mm_packus_epi16(r0, r1));
    }
    for (; x < w; ++x) {
        int v = ((h0[x] * (kOne - fy)) >> 7) + ((h1[x] * fy) >> 7);
        d[x] = uint8_t(std::min(255, (v + 16) >> 5));
    }
}

void ScalePlaneSimd(const Plane& src, double x0, double y0, double step, uint8_t* dst, int dst_stride, int w, int h) {
    HPlan plan = MakePlan(src, x0, step, w);
    const size_t n = size_t(plan.blocks) * 8;
    std::vector<uint16_t> rows[2] = {std::vector<uint16_t>(n), std::vector<uint16_t>(n)};
    int cached[2] = {-1, -1};
    const int sw = src.width;
    for (int y = 0; y < h; ++y) {
        Tap ty = TapAt(y0 + (y + 0.5) * step - 0.5, src.height);
        int want0 = ty.index, want1 = std::min(ty.index + 1, src.height - 1);
        if (cached[0] != want0) {
            if (cached[1] == want0) {
                std::swap(rows[0], rows[1]);
                std::swap(cached[0], cached[1]);
            } else {
                HorizontalRow(plan, src.data.data() + size_t(want0) * sw, rows[0].data());
                cached[0] = want0;
            }
        }
        if (cached[1] != want1) {
            HorizontalRow(plan, src.data.data() + size_t(want1) * sw, rows[1].data());
            cached[1] = want1;
        }
        VerticalRow(rows[0].data(), rows[1].data(), ty.weight, dst + size_t(y) * dst_stride, w);
    }
}

}  // namespace
#endif

bool HaveSimd() {
#ifdef BY_MEDIA_X86
    static const bool have = __builtin_cpu_supports("ssse3");
    return have;
#else
    return false;
#endif
}

void ScalePlane(const Plane& src, double x0, double y0, double step, uint8_t* dst, int dst_stride, int w, int h) {
#ifdef BY_MEDIA_X86
    // The 16-byte loads need a source at least 16 wide.
    if (HaveSimd() && src.width >= 16 && step > 0 && step <= 1.9) {
        ScalePlaneSimd(src, x0, y0, step, dst, dst_stride, w, h);
        return;
    }
#endif
    ScalePlaneScalar(src, x0, y0, step, dst, dst_stride, w, h);
}

void BlendRow(uint8_t* dst, const uint8_t* src, int n, int weight) {
    // Written so GCC vectorises it (uint16 lanes).
    const int inv = 256 - weight;
    for (int i = 0; i < n; ++i) {
        dst[i] = uint8_t((dst[i] * inv + src[i] * weight + 128) >> 8);
    }
}

Timeline Timeline::Make(std::vector<Slide> slides, int fps, double total_seconds, double fade_seconds) {
    Timeline t;
    t.fps = fps;
    t.frames = int64_t(std::lround(total_seconds * fps));
    size_t n = std::max<size_t>(1, slides.size());
    t.fade_seconds = n > 1 ? std::min(fade_seconds, total_seconds / double(n) / 2) : 0;
    t.slide_seconds = (total_seconds + double(n - 1) * t.fade_seconds) / double(n);
    t.slides = std::move(slides);
    return t;
}

namespace {

// The pan's enlarged copy of `src` (already at output size w×h): zoom z about the centre, plus `ext` pixels
// of repeated edge on every side when the border is flat; chroma at four half-pixel phases.
PanImage MakePan(const Yuv420& src, const Motion& m, int w, int h, int travel) {
    PanImage p;
    p.dx = m.dx;
    p.dy = m.dy;
    double z = std::max(1.0, m.pan_zoom);
    if (!m.flat_border) {
        // The whole travel must stay inside the image.
        if (m.dx != 0) {
            z = std::max(z, 1.0 + double(travel + 4) / w);
        }
        if (m.dy != 0) {
            z = std::max(z, 1.0 + double(travel + 4) / h);
        }
    }
    int zw = int(std::lround(w * z)) & ~1, zh = int(std::lround(h * z)) & ~1;
    // Extra repeated edge so the view never leaves the canvas (only where the border is flat).
    int ex = m.flat_border && m.dx != 0 ? std::max(0, (travel - (zw - w) + 5) / 2) : 0;
    int ey = m.flat_border && m.dy != 0 ? std::max(0, (travel - (zh - h) + 5) / 2) : 0;
    ex = (ex + 1) & ~1;
    ey = (ey + 1) & ~1;
    const int pw = zw + 2 * ex, ph = zh + 2 * ey;
    const double step = double(w) / zw;  // source pixels per enlarged pixel
    p.y = {pw, ph, std::vector<uint8_t>(size_t(pw) * ph)};
    ScalePlane(src.y, -ex * step, -ey * step, step, p.y.data.data(), pw, pw, ph);
    const int cw = pw / 2 + 1, ch = ph / 2 + 1;
    for (int c = 0; c < 2; ++c) {
        const Plane& sp = c == 0 ? src.u : src.v;
        for (int px = 0; px < 2; ++px) {
            for (int py = 0; py < 2; ++py) {
                Plane& dst = p.chroma[c][px][py];
                dst = {cw, ch, std::vector<uint8_t>(size_t(cw) * ch)};
                ScalePlane(sp, (-ex / 2 + 0.5 * px) * step, (-ey / 2 + 0.5 * py) * step, step, dst.data.data(), cw,
                           cw, ch);
            }
        }
    }
    // Centre the travel in the slack.
    const int slack_x = pw - w, slack_y = ph - h;
    p.x0 = std::clamp(slack_x / 2 - m.dx * travel / 2, 0, slack_x);
    p.y0 = std::clamp(slack_y / 2 - m.dy * travel / 2, 0, slack_y);
    return p;
}

}  // namespace

Renderer::Renderer(const Timeline& timeline, int width, int height)
    : timeline_(timeline), width_(width), height_(height) {
    scratch_[0].resize(size_t(width) * height);
    scratch_[1].resize(size_t(width / 2) * (height / 2));
    scratch_[2].resize(size_t(width / 2) * (height / 2));
    const double period = timeline.slide_seconds - timeline.fade_seconds;
    const int travel = int(std::ceil(timeline.slide_seconds * timeline.fps)) + 1;
    for (size_t i = 0; i < timeline.slides.size(); ++i) {
        first_frame_.push_back(int64_t(std::ceil(double(i) * period * timeline.fps - 1e-9)));
        const Slide& s = timeline.slides[i];
        pans_.push_back(s.motion.kind == Motion::Kind::kPan && s.image ? MakePan(*s.image, s.motion, width, height,
                                                                                 travel)
                                                                       : PanImage{});
    }
}

void Renderer::DrawSlide(size_t i, uint8_t* const planes[3], const int linesize[3]) {
    const Slide& s = timeline_.slides[i];
    const PanImage& pan = pans_[i];
    if (!pan.y.data.empty()) {
        // Exactly (dx, dy) pixels per frame: a window copy.
        const int64_t k = std::max<int64_t>(0, index_ - first_frame_[i]);
        const int ox = std::clamp(int(pan.x0 + pan.dx * k), 0, pan.y.width - width_);
        const int oy = std::clamp(int(pan.y0 + pan.dy * k), 0, pan.y.height - height_);
        for (int y = 0; y < height_; ++y) {
            std::memcpy(planes[0] + size_t(y) * linesize[0], pan.y.data.data() + size_t(oy + y) * pan.y.width + ox,
                        size_t(width_));
        }
        for (int c = 0; c < 2; ++c) {
            const Plane& cp = pan.chroma[c][ox & 1][oy & 1];
            const int bx = ox >> 1, by = oy >> 1;
            for (int y = 0; y < height_ / 2; ++y) {
                std::memcpy(planes[1 + c] + size_t(y) * linesize[1 + c], cp.data.data() + size_t(by + y) * cp.width + bx,
                            size_t(width_ / 2));
            }
        }
        return;
    }
    const double t = double(index_) / timeline_.fps;
    const double period = timeline_.slide_seconds - timeline_.fade_seconds;
    const double progress = std::clamp((t - double(i) * period) / timeline_.slide_seconds, 0.0, 1.0);
    const Motion& m = s.motion;
    double zoom = m.zoom0 + (m.zoom1 - m.zoom0) * progress;
    double fx = m.fx0 + (m.fx1 - m.fx0) * progress;
    double fy = m.fy0 + (m.fy1 - m.fy0) * progress;
    const Plane& y = s.image->y;
    double vw = y.width / zoom, vh = y.height / zoom;  // visible window in source pixels
    double cx = std::clamp(fx * y.width, vw / 2, y.width - vw / 2);
    double cy = std::clamp(fy * y.height, vh / 2, y.height - vh / 2);
    double x0 = cx - vw / 2, y0 = cy - vh / 2;
    double step = vw / width_;
    ScalePlane(y, x0, y0, step, planes[0], linesize[0], width_, height_);
    ScalePlane(s.image->u, x0 / 2, y0 / 2, step, planes[1], linesize[1], width_ / 2, height_ / 2);
    ScalePlane(s.image->v, x0 / 2, y0 / 2, step, planes[2], linesize[2], width_ / 2, height_ / 2);
}

void Renderer::Overlay(const Caption& c, double opacity, uint8_t* const planes[3], const int linesize[3]) {
    if (opacity <= 0.004) {
        return;
    }
    const int op = int(std::lround(std::clamp(opacity, 0.0, 1.0) * 256));
    const Yuv420& img = c.image;
    for (int y = 0; y < img.y.height; ++y) {
        uint8_t* d = planes[0] + size_t(c.y + y) * linesize[0] + c.x;
        const uint8_t* s = img.y.data.data() + size_t(y) * img.y.width;
        const uint8_t* a = img.a.data.data() + size_t(y) * img.a.width;
        for (int x = 0; x < img.y.width; ++x) {
            int w = (a[x] * op) >> 8;
            d[x] = uint8_t((d[x] * (255 - w) + s[x] * w + 127) / 255);
        }
    }
    for (int p = 1; p < 3; ++p) {
        const Plane& src = p == 1 ? img.u : img.v;
        for (int y = 0; y < src.height; ++y) {
            uint8_t* d = planes[p] + size_t(c.y / 2 + y) * linesize[p] + c.x / 2;
            const uint8_t* s = src.data.data() + size_t(y) * src.width;
            const uint8_t* a0 = img.a.data.data() + size_t(2 * y) * img.a.width;
            const uint8_t* a1 = img.a.data.data() + size_t(std::min(2 * y + 1, img.a.height - 1)) * img.a.width;
            for (int x = 0; x < src.width; ++x) {
                int x1 = std::min(2 * x + 1, img.a.width - 1);
                int av = (a0[2 * x] + a0[x1] + a1[2 * x] + a1[x1] + 2) / 4;
                int w = (av * op) >> 8;
                d[x] = uint8_t((d[x] * (255 - w) + s[x] * w + 127) / 255);
            }
        }
    }
}

bool Renderer::Render(int64_t index, uint8_t* const planes[3], const int linesize[3]) {
    const auto& slides = timeline_.slides;
    if (slides.empty()) {
        return false;
    }
    const double t = double(index) / timeline_.fps;
    const double fade_len = timeline_.fade_seconds;
    const double period = timeline_.slide_seconds - fade_len;  // start-to-start distance
    const int n = int(slides.size());
    const int cur = period > 0 ? std::clamp(int(t / period), 0, n - 1) : 0;
    // Slide `cur` fades in over the first fade_len seconds of its time, on top of the previous one.
    int base = cur;
    int over = -1;
    double fade = 0;
    const double into = t - cur * period;
    if (cur > 0 && fade_len > 0 && into < fade_len) {
        base = cur - 1;
        over = cur;
        fade = std::clamp(into / fade_len, 0.0, 1.0);
    }
    index_ = index;
    DrawSlide(size_t(base), planes, linesize);
    if (over >= 0) {
        uint8_t* tmp[3] = {scratch_[0].data(), scratch_[1].data(), scratch_[2].data()};
        const int tmp_ls[3] = {width_, width_ / 2, width_ / 2};
        DrawSlide(size_t(over), tmp, tmp_ls);
        const int w = int(std::lround(fade * 256));
        for (int p = 0; p < 3; ++p) {
            const int pw = p ? width_ / 2 : width_, ph = p ? height_ / 2 : height_;
            for (int y = 0; y < ph; ++y) {
                BlendRow(planes[p] + size_t(y) * linesize[p], tmp[p] + size_t(y) * tmp_ls[p], pw, w);
            }
        }
    }
    // Captions: in with a short fade once the slide is fully on screen (the first one is there from frame 0,
    // so the opening frame carries the key message), out together with their slide.
    auto caption_in = [&](int i) {
        if (i == 0) {
            return 1.0;
        }
        return std::clamp((t - i * period - fade_len) / 0.35, 0.0, 1.0);
    };
    if (slides[base].caption) {
        Overlay(*slides[base].caption, caption_in(base) * (1.0 - fade), planes, linesize);
    }
    if (over >= 0 && slides[over].caption) {
        Overlay(*slides[over].caption, caption_in(over) * fade, planes, linesize);
    }
    // First frame with the new slide alone.
    if (cur > 0 && over < 0 && fade_len > 0) {
        const double prev_t = double(index - 1) / timeline_.fps;
        return prev_t - cur * period < fade_len;
    }
    return false;
}

}  // namespace by::media::kenburns
