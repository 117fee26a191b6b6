// The video's resampler and timeline.
#include <gtest/gtest.h>

#include <random>

#include "media/kenburns.hpp"

namespace by::media::kenburns {
namespace {

Plane RandomPlane(int w, int h, uint32_t seed) {
    std::mt19937 rng(seed);
    Plane p{w, h, std::vector<uint8_t>(size_t(w) * h)};
    for (auto& v : p.data) {
        v = uint8_t(rng() & 0xFF);
    }
    return p;
}

TEST(ScalePlane, SimdMatchesScalarWithinOne) {
    if (!HaveSimd()) {
        GTEST_SKIP() << "no SSSE3";
    }
    Plane src = RandomPlane(1080, 1440, 7);
    const struct {
        double x0, y0, step;
        int w, h;
    } cases[] = {{0, 0, 1.0, 1080, 1440},   {12.3, 7.7, 0.91, 1080, 1440}, {90.5, 120.25, 0.9, 1080, 1440},
                 {0, 0, 0.5, 333, 211},     {3.1, 2.2, 1.6, 540, 700},     {-5, -5, 0.95, 1080, 1440},
                 {100, 100, 0.97, 1077, 9}};
    for (const auto& c : cases) {
        std::vector<uint8_t> a(size_t(c.w) * c.h), b(size_t(c.w) * c.h);
        ScalePlane(src, c.x0, c.y0, c.step, a.data(), c.w, c.w, c.h);
        ScalePlaneScalar(src, c.x0, c.y0, c.step, b.data(), c.w, c.w, c.h);
        int worst = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            worst = std::max(worst, std::abs(int(a[i]) - int(b[i])));
        }
        EXPECT_LE(worst, 1) << "step " << c.step;
    }
}

TEST(ScalePlane, IdentityAtZoomOneIsExact) {
    Plane src = RandomPlane(64, 48, 3);
    std::vector<uint8_t> out(64 * 48);
    ScalePlane(src, 0, 0, 1.0, out.data(), 64, 64, 48);
    EXPECT_EQ(out, src.data);
}

TEST(ScalePlane, FlatStaysFlat) {
    Plane src{200, 100, std::vector<uint8_t>(200 * 100, 77)};
    std::vector<uint8_t> out(180 * 90);
    ScalePlane(src, 10.4, 5.6, 0.93, out.data(), 180, 180, 90);
    for (uint8_t v : out) {
        ASSERT_EQ(v, 77);
    }
}

TEST(BlendRow, Endpoints) {
    std::vector<uint8_t> a(100, 10), b(100, 250);
    auto c = a;
    BlendRow(c.data(), b.data(), 100, 0);
    EXPECT_EQ(c, a);
    c = a;
    BlendRow(c.data(), b.data(), 100, 256);
    EXPECT_EQ(c, b);
    c = a;
    BlendRow(c.data(), b.data(), 100, 128);
    EXPECT_EQ(c[50], 130);
}

TEST(Timeline, LengthAndCrossfades) {
    std::vector<Slide> slides(6);
    Timeline t = Timeline::Make(slides, 24, 15.0, 0.6);
    EXPECT_EQ(t.frames, 360);
    EXPECT_NEAR(t.slide_seconds * 6 - 5 * t.fade_seconds, 15.0, 1e-9);
    Timeline one = Timeline::Make(std::vector<Slide>(1), 30, 15.0, 0.6);
    EXPECT_EQ(one.frames, 450);
    EXPECT_EQ(one.fade_seconds, 0);
}

// Two flat slides, black then white: frames before the fade are black, after it white, in between grey.
TEST(Renderer, CrossFadeBetweenTwoSlides) {
    auto flat = [](uint8_t yv) {
        Yuv420 img;
        img.y = {64, 48, std::vector<uint8_t>(64 * 48, yv)};
        img.u = {32, 24, std::vector<uint8_t>(32 * 24, 128)};
        img.v = {32, 24, std::vector<uint8_t>(32 * 24, 128)};
        return img;
    };
    Yuv420 black = flat(16), white = flat(235);
    std::vector<Slide> slides(2);
    slides[0].image = &black;
    slides[1].image = &white;
    Timeline t = Timeline::Make(slides, 10, 2.0, 0.4);  // slide 1.2 s each, fade 0.8..1.2 s
    Renderer r(t, 64, 48);
    std::vector<uint8_t> y(64 * 48), u(32 * 24), v(32 * 24);
    uint8_t* planes[3] = {y.data(), u.data(), v.data()};
    const int ls[3] = {64, 32, 32};
    r.Render(2, planes, ls);
    EXPECT_EQ(y[100], 16);
    r.Render(10, planes, ls);  // t = 1.0 s: half-way through the fade
    EXPECT_NEAR(y[100], (16 + 235) / 2, 3);
    r.Render(15, planes, ls);
    EXPECT_EQ(y[100], 235);
    // Exactly one key frame is asked for: the first frame after the fade.
    Renderer again(t, 64, 48);
    int keys = 0;
    for (int64_t i = 0; i < t.frames; ++i) {
        keys += again.Render(i, planes, ls) ? 1 : 0;
    }
    EXPECT_EQ(keys, 1);
}

// A pan moves the picture by exactly one pixel per frame, so consecutive frames are shifted copies.
TEST(Renderer, PanShiftsOnePixelPerFrame) {
    Yuv420 img;
    img.y = RandomPlane(320, 240, 11);
    img.u = RandomPlane(160, 120, 12);
    img.v = RandomPlane(160, 120, 13);
    for (int dir = -1; dir <= 1; dir += 2) {
        std::vector<Slide> slides(1);
        slides[0].image = &img;
        slides[0].motion.kind = Motion::Kind::kPan;
        slides[0].motion.dx = dir;
        slides[0].motion.dy = 0;
        Timeline t = Timeline::Make(slides, 24, 2.0, 0.5);
        Renderer r(t, 320, 240);
        std::vector<uint8_t> a(320 * 240), b(320 * 240), ua(160 * 120), ub(160 * 120), va(160 * 120), vb(160 * 120);
        uint8_t* pa[3] = {a.data(), ua.data(), va.data()};
        uint8_t* pb[3] = {b.data(), ub.data(), vb.data()};
        const int ls[3] = {320, 160, 160};
        r.Render(10, pa, ls);
        r.Render(11, pb, ls);
        int mismatches = 0;
        for (int y = 0; y < 240; ++y) {
            for (int x = 1; x < 319; ++x) {
                // The view moves by dir, so the content moves by -dir.
                mismatches += b[y * 320 + x] != a[y * 320 + x + dir] ? 1 : 0;
            }
        }
        EXPECT_EQ(mismatches, 0) << "dir " << dir;
        // Two frames later chroma is shifted by exactly one chroma pixel too.
        r.Render(12, pb, ls);
        int chroma_mismatches = 0;
        for (int y = 0; y < 120; ++y) {
            for (int x = 1; x < 159; ++x) {
                chroma_mismatches += ub[y * 160 + x] != ua[y * 160 + x + dir] ? 1 : 0;
            }
        }
        EXPECT_EQ(chroma_mismatches, 0) << "dir " << dir;
    }
}

}  // namespace
}  // namespace by::media::kenburns
