// Ken Burns frame synthesis on YUV 4:2:0 planes (internal to media/): the timeline (which slides are on screen
// at a frame, at what zoom and pan, how far through a cross-fade) and a fast sub-pixel bilinear resampler
// (SSSE3 pshufb/pmaddubsw with a scalar fallback; both give the same pixels within ±1). No libav, no vips.
// A Renderer is used by one thread at a time; different Renderers are independent.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace by::media::kenburns {

struct Plane {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> data;  // tightly packed, stride == width
};

struct Yuv420 {
    Plane y, u, v;
    Plane a;  // optional alpha at luma resolution (captions); empty for opaque images
};

// Resamples src into dst (w×h, dst_stride): output pixel (x, y) samples src at
// (x0 + (x + 0.5) * step - 0.5, y0 + (y + 0.5) * step - 0.5), clamped to the edge. step > 0 (SIMD for step <= 1.9).
void ScalePlane(const Plane& src, double x0, double y0, double step, uint8_t* dst, int dst_stride, int w, int h);
// The portable reference implementation (tests compare the two).
void ScalePlaneScalar(const Plane& src, double x0, double y0, double step, uint8_t* dst, int dst_stride, int w,
                      int h);
bool HaveSimd();

// dst = dst + (src - dst) * weight / 256, weight 0..256.
void BlendRow(uint8_t* dst, const uint8_t* src, int n, int weight);

struct Motion {
    double zoom0 = 1.0, zoom1 = 1.1;
    double fx0 = 0.5, fy0 = 0.5;  // focus (centre of the view) at start and end, as fractions of the image
    double fx1 = 0.5, fy1 = 0.5;
};

struct Caption {
    Yuv420 image;  // with alpha
    int x = 0;     // even
    int y = 0;     // even
};

struct Slide {
    const Yuv420* image = nullptr;  // at output size
    Motion motion;
    const Caption* caption = nullptr;
};

struct Timeline {
    int fps = 24;
    int64_t frames = 0;
    double slide_seconds = 0;  // each slide's time on screen, including its fades
    double fade_seconds = 0;
    std::vector<Slide> slides;

    // total = n*slide - (n-1)*fade
    static Timeline Make(std::vector<Slide> slides, int fps, double total_seconds, double fade_seconds);
};

class Renderer {
  public:
    Renderer(const Timeline& timeline, int width, int height);
    // Draws frame `index` into the three planes.
    void Render(int64_t index, uint8_t* const planes[3], const int linesize[3]);

  private:
    void DrawSlide(const Slide& s, double progress, uint8_t* const planes[3], const int linesize[3]);
    static void Overlay(const Caption& c, double opacity, uint8_t* const planes[3], const int linesize[3]);

    const Timeline& timeline_;
    int width_, height_;
    std::vector<uint8_t> scratch_[3];  // the incoming slide during a cross-fade
};

}  // namespace by::media::kenburns
