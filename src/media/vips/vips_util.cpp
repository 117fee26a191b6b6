#include "media/vips/vips_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

namespace by::media::vipsutil {

void EnsureVips() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("biznesyordam") != 0) {
            vips_error_clear();
        }
        // No operation cache: we build images over caller-owned memory (new_from_memory / new_from_buffer),
        // and a cache keyed by pointer could return a stale result for a new buffer at the same address.
        vips_cache_set_max(0);
        vips_cache_set_max_mem(0);
        // Decoder complaints about damaged uploads come back to the caller as errors; do not also spray
        // them on stderr.
        g_log_set_handler("VIPS", GLogLevelFlags(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO),
                          [](const gchar*, GLogLevelFlags, const gchar*, gpointer) {}, nullptr);
    });
}

Rgb FromHex(uint32_t rgb) {
    return Rgb{double((rgb >> 16) & 0xFF), double((rgb >> 8) & 0xFF), double(rgb & 0xFF)};
}

uint32_t ToHex(const Rgb& c) {
    auto ch = [](double v) { return uint32_t(std::clamp(std::lround(v), 0L, 255L)); };
    return (ch(c.r) << 16) | (ch(c.g) << 8) | ch(c.b);
}

Rgb Mix(const Rgb& a, const Rgb& b, double t) {
    return Rgb{a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

double Luma(const Rgb& c) { return (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255.0; }

std::string Css(const Rgb& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%06x", ToHex(c));
    return buf;
}

std::vector<double> Vec(const Rgb& c) { return {c.r, c.g, c.b}; }

namespace {

vips::VImage ToSrgbAny(vips::VImage img) {
    // Honour an embedded profile (CMYK, Adobe RGB, Display P3...) before anything else.
    if (img.get_typeof(VIPS_META_ICC_NAME) != 0) {
        try {
            img = img.icc_transform("srgb", vips::VImage::option()->set("embedded", true));
        } catch (const vips::VError&) {
            // A broken profile: fall back to the interpretation-based conversion below.
            vips_error_clear();
        }
    }
    if (img.interpretation() != VIPS_INTERPRETATION_sRGB) {
        img = img.colourspace(VIPS_INTERPRETATION_sRGB);
    }
    if (img.format() != VIPS_FORMAT_UCHAR) {
        img = img.cast(VIPS_FORMAT_UCHAR);
    }
    return img;
}

}  // namespace

vips::VImage ToSrgb8(vips::VImage img, const Rgb& bg) {
    img = ToSrgbAny(img);
    if (img.has_alpha()) {
        img = img.flatten(vips::VImage::option()->set("background", Vec(bg)));
        img = img.cast(VIPS_FORMAT_UCHAR);
    }
    if (img.bands() > 3) {
        img = img.extract_band(0, vips::VImage::option()->set("n", 3));
    }
    return img.copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

vips::VImage ToSrgba8(vips::VImage img) {
    img = ToSrgbAny(img);
    if (!img.has_alpha()) {
        img = img.bandjoin_const({255});
    }
    if (img.bands() > 4) {
        img = img.extract_band(0, vips::VImage::option()->set("n", 4));
    }
    return img.copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

std::shared_ptr<const std::vector<uint8_t>> ToRgbBuffer(const vips::VImage& img) {
    size_t size = 0;
    void* mem = img.write_to_memory(&size);
    auto out = std::make_shared<std::vector<uint8_t>>(static_cast<uint8_t*>(mem), static_cast<uint8_t*>(mem) + size);
    g_free(mem);
    return out;
}

vips::VImage FromMaster(const Master& m) {
    return vips::VImage::new_from_memory(const_cast<uint8_t*>(m.rgb->data()), m.rgb->size(), m.width, m.height, 3,
                                         VIPS_FORMAT_UCHAR)
        .copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

std::string EscapeMarkup(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                // Drop other ASCII control characters Pango would reject; keep \n as a line break.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n') {
                    out += ' ';
                } else {
                    out += c;
                }
        }
    }
    return out;
}

}  // namespace by::media::vipsutil
