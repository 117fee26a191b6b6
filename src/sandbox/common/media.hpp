// Recognises media by content, as the marketplaces do after downloading a URL: the format from magic
// bytes (JPEG, PNG, WebP, GIF, BMP, MP4, MOV) and the pixel size from the image headers (JPEG SOFn,
// PNG IHDR, WebP VP8/VP8L/VP8X, GIF and BMP headers). No image library: only headers are read.
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace by::sandbox {

enum class MediaFormat { kUnknown, kJpeg, kPng, kWebp, kGif, kBmp, kMp4, kMov };

struct MediaInfo {
    MediaFormat format = MediaFormat::kUnknown;
    int width = 0;   // 0 when unknown (videos, truncated headers)
    int height = 0;
    bool animated = false;  // GIF with more than one frame, animated WebP
    bool is_image() const;
    bool is_video() const;
};

MediaInfo SniffMedia(std::string_view bytes);
std::string_view MediaFormatName(MediaFormat f);  // "jpeg", "png", ..., "unknown"

}  // namespace by::sandbox
