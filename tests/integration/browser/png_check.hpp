// PNG helpers for the browser tests: a small encoder for upload fixtures and a strict decoder check
// (chunk CRCs, IHDR, zlib-inflated IDAT of the exact size) for screenshots.
#pragma once

#include <cstdint>
#include <string>

namespace by::testing {

// An RGB PNG of w x h filled with one colour.
std::string MakePng(int width, int height, uint8_t r, uint8_t g, uint8_t b);

struct PngInfo {
    bool ok = false;
    std::string error;
    int width = 0;
    int height = 0;
};
// Walks every chunk (CRC checked), reads IHDR, inflates the IDAT stream and checks its length against the
// image size (8-bit colour types 0, 2, 4, 6; no interlace).
PngInfo DecodePng(const std::string& bytes);

// A minimal MP4 (ftyp + free + mdat): enough for a content sniffer, not playable.
std::string MakeMp4();

}  // namespace by::testing
