// Ken Burns frame synthesis on YUV 4:2:0 planes (internal to media/): the timeline (which slides are on screen
// at a frame, at what zoom and pan, how far through a cross-fade) and a fast sub-pixel bilinear resampler
// (SSSE3 pshufb/pmaddubsw with a scalar fallback; both give the same pixels within ±1). No libav, no vips.
//
// Two kinds of movement. A zoom resamples every frame (smooth sub-pixel zoom and drift; costs a resample
// per frame and is the expensive kind for the encoder). A pan moves the view exactly one pixel per frame
// over an enlarged copy rendered once: each frame is a shifted copy of the previous one, which costs a
// memcpy here and lets x264 code almost every macroblock as a skip. Videos open with a zoom and pan after.
//
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
    enum class Kind { kZoom, kPan };
    Kind kind = Kind::kZoom;
    // kZoom: zoom and focus (centre of the view, as fractions of the image) go linearly from start to end.
    double zoom0 = 1.0, zoom1 = 1.1;
    double fx0 = 0.5, fy0 = 0.5;
    double fx1 = 0.5, fy1 = 0.5;
    // kPan: the view moves (dx, dy) output pixels every frame (each -1, 0 or 1) at a constant zoom.
    int dx = 0, dy = 0;
    double pan_zoom = 1.04;
    // The slide's border is one flat colour, so the view may run past the edge (edge pixels repeat) and
    // a pan needs little zoom. Otherwise the zoom is raised until the whole pan stays inside the image.
    bool flat_border = false;
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

// A pan's enlarged copy: luma, and chroma at the four half-pixel phases an odd luma offset needs.
struct PanImage {
    Plane y;
    Plane chroma[2][2][2];  // [u|v][x phase][y phase]
    int x0 = 0, y0 = 0;     // view offset at the slide's first frame
    int dx = 0, dy = 0;     // per frame
};

class Renderer {
  public:
    Renderer(const Timeline& timeline, int width, int height);
    // Draws frame `index` into the three planes. Returns true for the first frame after a cross-fade: the
    // encoder should make it a key frame, which also wipes any residue the fade left in skipped blocks.
    bool Render(int64_t index, uint8_t* const planes[3], const int linesize[3]);

  private:
    void DrawSlide(size_t i, uint8_t* const planes[3], const int linesize[3]);
    static void Overlay(const Caption& c, double opacity, uint8_t* const planes[3], const int linesize[3]);

    const Timeline& timeline_;
    int width_, height_;
    int64_t index_ = 0;                 // frame being drawn
    std::vector<PanImage> pans_;        // per slide; empty planes for zoom slides
    std::vector<int64_t> first_frame_;  // per slide
    std::vector<uint8_t> scratch_[3];   // the incoming slide during a cross-fade
};

}  // namespace by::media::kenburns
