// Shared helpers of the vips translation units. Includes <vips/vips8>: include ONLY from src/media/vips/*.cpp.
// vips-cpp reports failures by throwing vips::VError; every public entry point wraps its body in Guard() so
// nothing escapes the module.
#pragma once

#include <vips/vips8>

#include <array>
#include <exception>
#include <memory>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "media/media_types.hpp"

namespace by::media::vipsutil {

// VIPS_INIT once per process (std::call_once); also turns off the operation cache, which would otherwise
// keep pixel buffers alive and could hand back results of images made from freed memory.
void EnsureVips();

// Runs fn, converting vips::VError and std::exception into core::Error::Internal.
template <typename T>
core::Result<T> Guard(const std::function<core::Result<T>()>& fn, const char* what) {
    try {
        EnsureVips();
        return fn();
    } catch (const vips::VError& e) {
        return core::Error::Internal(std::string(what) + " failed", e.what());
    } catch (const std::exception& e) {
        return core::Error::Internal(std::string(what) + " failed", e.what());
    }
}

struct Rgb {
    double r = 0, g = 0, b = 0;
};
Rgb FromHex(uint32_t rgb);
uint32_t ToHex(const Rgb& c);
Rgb Mix(const Rgb& a, const Rgb& b, double t);  // t=0 -> a, t=1 -> b
double Luma(const Rgb& c);                      // 0..1, gamma-encoded BT.709 weights
std::string Css(const Rgb& c);                  // "#rrggbb"
std::vector<double> Vec(const Rgb& c);

// Converts any decoded image to 3-band 8-bit sRGB, flattening alpha onto `bg`.
vips::VImage ToSrgb8(vips::VImage img, const Rgb& bg);
// Same, but keeps (or adds) an alpha band: 4-band 8-bit sRGB.
vips::VImage ToSrgba8(vips::VImage img);
// Pixels of a 3-band uchar image, row-major.
std::shared_ptr<const std::vector<uint8_t>> ToRgbBuffer(const vips::VImage& img);
// A VImage over a Master's pixels (no copy; valid while the master's buffer lives).
vips::VImage FromMaster(const Master& m);

// Escapes text for Pango markup.
std::string EscapeMarkup(std::string_view text);

}  // namespace by::media::vipsutil

