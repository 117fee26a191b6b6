// Product video, offline and in-process (libavcodec/libavformat/libswscale in media/libav/ only; no shell-out).
//
// MakeVideo turns a product's masters into one 15-second H.264 MP4 (yuv420p, faststart, 24 fps by default)
// at 1080×1440: the first slide zooms in gently on the product, the others pan slowly (Ken Burns), slides
// cross-fade, and a short caption may sit at the bottom of a slide. The video is made once per product and
// fits every marketplace (<= VideoByteLimitForAll(), 15 s is inside Ozon's 8 s–5 min). Frames come from our
// own sub-pixel bilinear resampler on YUV planes (SSSE3 with a scalar fallback) and pixel-exact pans, encoded
// by libx264 (preset ultrafast, constant QP). See kenburns.hpp for why pans move one pixel per frame.
//
// Thread-safety: MakeVideo and ProbeVideo are reentrant; each call owns its codec contexts. With
// options.threads = 0 x264 uses one thread per core.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "media/media_types.hpp"

namespace by::media {

struct VideoOptions {
    int width = 1080;              // output size, 3:4; masters are resampled to it
    int height = 1440;
    int fps = 24;                  // 24–30; 24 is the cheapest that still looks smooth
    double seconds = 15.0;         // total length
    double crossfade_seconds = 0.5;
    double max_zoom = 1.10;        // the opening zoom goes 1.0 -> max_zoom (1.0 = the master edge to edge)
    int qp = 25;                   // x264 constant quantiser: lower = larger and sharper. Constant QP skips the
                                   // CRF look-ahead, which halves encode CPU for slow-moving slides.
    std::string preset = "ultrafast";  // x264 preset; "superfast" is ~2x the CPU for ~25% fewer bytes
    int threads = 0;               // encoder threads; 0 = one per core
    int64_t max_bytes = 50LL * 1024 * 1024;  // fail (TooLarge) above this even after one retry at a higher qp
    uint32_t caption_color = 0x2F5BEA;       // caption pill colour (the partner's brand colour)
};

struct VideoResult {
    std::string bytes;  // the MP4 file
    int width = 0;
    int height = 0;
    int fps = 0;
    int64_t frames = 0;
    double seconds = 0;
    int qp = 0;  // quantiser actually used
};

// slides: 1–12 masters in playing order; captions: empty, or one per slide ("" = no caption on that slide).
// Errors: Invalid (no slides, bad options, captions size mismatch), TooLarge, Internal (codec failure).
core::Result<VideoResult> MakeVideo(const std::vector<Master>& slides, const std::vector<std::string>& captions,
                                    const VideoOptions& options = {});

// A sensible default play list for a product's masters in one language: the main photo (captioned with the
// product name), the other photos, the infographics (their headlines are already on them, so no caption),
// at most 6 slides. Pure.
struct VideoPlan {
    std::vector<Master> slides;
    std::vector<std::string> captions;
};
VideoPlan PlanVideo(const std::vector<Master>& masters, std::string_view lang, std::string_view product_name);

// What a decoder sees in an MP4: used by tests and by the quality gate (CONTENT.md R-V-*).
struct VideoInfo {
    std::string codec;    // "h264"
    std::string pix_fmt;  // "yuv420p"
    int width = 0;
    int height = 0;
    double fps = 0;
    double seconds = 0;
    int64_t frames = 0;          // decoded frames when decode_all, else packets
    bool faststart = false;      // top-level moov box before mdat
    int64_t bytes = 0;
};
core::Result<VideoInfo> ProbeVideo(std::string_view mp4, bool decode_all = false);

// Top-level MP4 box order check, no decoding: true when "moov" comes before "mdat".
bool IsFaststartMp4(std::string_view mp4);

}  // namespace by::media
