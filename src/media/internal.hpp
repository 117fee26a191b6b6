// Internal seams between the media engine's translation units (not for other modules). Std-only types, so
// the libav code never sees vips and the other way round. Reentrant, like the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace by::media::internal {

// ---- implemented in vips/ ----

struct DecodedInfo {
    int width = 0;  // stored (not rotated) size
    int height = 0;
    int orientation = 1;
};
// Fully decodes the image, failing on truncated or corrupt data.
core::Result<DecodedInfo> DecodeStrict(std::string_view bytes);

struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;  // straight (not premultiplied) alpha
};
// A caption pill for the video: bold text in a rounded box of `color`, at most max_width wide.
core::Result<RgbaImage> RenderCaption(std::string_view text, int max_width, uint32_t color);

// ---- implemented in upload.cpp (pure) ----

struct HeaderInfo {
    std::string mime;
    int64_t width = 0;
    int64_t height = 0;
};
// Magic bytes and dimensions from the header alone. UnsupportedMedia when unknown or unreadable.
core::Result<HeaderInfo> SniffImageHeader(std::string_view bytes);

}  // namespace by::media::internal
