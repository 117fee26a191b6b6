// libav adapter (internal to media/): colour conversion with libswscale and H.264/MP4 encoding with
// libavcodec (libx264) + libavformat, entirely in memory. Std-only interface; the libav headers stay in the
// .cpp files next to this one. Reentrant: every call owns its contexts.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "media/kenburns.hpp"

namespace by::media::av {

// sRGB RGB24 (src_w×src_h) -> YUV 4:2:0, BT.709 limited range, resized to dst_w×dst_h (even sizes).
core::Result<kenburns::Yuv420> RgbToYuv420(const uint8_t* rgb, int src_w, int src_h, int dst_w, int dst_h);
// Straight-alpha RGBA -> YUV 4:2:0 + alpha plane (a at luma resolution). Odd sizes are padded to even with
// transparent pixels.
core::Result<kenburns::Yuv420> RgbaToYuva420(const uint8_t* rgba, int w, int h);

struct EncoderParams {
    int width = 1080;
    int height = 1440;
    int fps = 24;
    int64_t frames = 0;
    int qp = 25;
    std::string preset = "ultrafast";
    int threads = 0;  // 0 = one per core
    int gop_seconds = 5;
};

// Called once per frame, in order, to fill the frame's Y, U, V planes. Returns true to make it a key frame.
using FrameFiller = std::function<bool(int64_t index, uint8_t* const planes[3], const int linesize[3])>;

// Encodes `frames` frames to an MP4 (H.264 High/Baseline per preset, yuv420p, moov before mdat).
core::Result<std::string> EncodeMp4(const EncoderParams& params, const FrameFiller& fill);

}  // namespace by::media::av
