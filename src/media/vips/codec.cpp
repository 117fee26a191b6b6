// Decoding checks and encoders: InspectUpload's strict decode, RenderForMarketplace, PadPhoto, and the video
// caption pill. Every file written here has its metadata stripped (EXIF, XMP, IPTC, ICC) and is sRGB.
#include <algorithm>
#include <cmath>

#include "media/image_ops.hpp"
#include "media/internal.hpp"
#include "media/vips/text.hpp"
#include "media/vips/vips_util.hpp"

namespace by::media {
namespace {

using vips::VImage;

struct Blob {
    explicit Blob(VipsBlob* b) : blob(b) {}
    ~Blob() {
        if (blob) {
            vips_area_unref(VIPS_AREA(blob));
        }
    }
    Blob(const Blob&) = delete;
    Blob& operator=(const Blob&) = delete;
    std::string str() const {
        size_t n = 0;
        const void* p = vips_blob_get(blob, &n);
        return std::string(static_cast<const char*>(p), n);
    }
    VipsBlob* blob;
};

std::string Encode(const VImage& img, ImageFormat format, int quality, bool chroma_full) {
    switch (format) {
        case ImageFormat::kPng:
            return Blob(img.pngsave_buffer(VImage::option()->set("compression", 6)->set("strip", true))).str();
        case ImageFormat::kWebp:
            return Blob(img.webpsave_buffer(VImage::option()->set("Q", quality)->set("strip", true))).str();
        case ImageFormat::kJpeg:
        default:
            return Blob(img.jpegsave_buffer(VImage::option()
                                                ->set("Q", quality)
                                                ->set("strip", true)
                                                ->set("optimize_coding", true)
                                                ->set("subsample_mode", chroma_full ? VIPS_FOREIGN_SUBSAMPLE_OFF
                                                                                    : VIPS_FOREIGN_SUBSAMPLE_AUTO)))
                .str();
    }
}

// Exactly w×h (vips rounds sizes; fix a stray pixel by embedding/cropping).
VImage ResizeExact(const VImage& img, int w, int h) {
    if (img.width() == w && img.height() == h) {
        return img;
    }
    VImage out = img.resize(double(w) / img.width(), VImage::option()->set("vscale", double(h) / img.height()));
    if (out.width() != w || out.height() != h) {
        out = out.embed(0, 0, w, h, VImage::option()->set("extend", VIPS_EXTEND_COPY));
    }
    return out;
}

core::Result<EncodedImage> EncodeWithinLimit(const VImage& master, const MarketplaceMediaSpec& spec, bool has_text) {
    int w = spec.width, h = spec.height;
    for (int attempt = 0; attempt < 6; ++attempt) {
        VImage img = ResizeExact(master, w, h);
        int q = spec.quality;
        while (true) {
            EncodedImage out;
            out.bytes = Encode(img, spec.format, q, has_text);
            if (spec.max_image_bytes <= 0 || int64_t(out.bytes.size()) <= spec.max_image_bytes) {
                out.mime = std::string(ImageFormatMime(spec.format));
                out.ext = std::string(ImageFormatExt(spec.format));
                out.width = w;
                out.height = h;
                out.quality = spec.format == ImageFormat::kPng ? 0 : q;
                return out;
            }
            if (spec.format == ImageFormat::kPng || q - 5 < spec.min_quality) {
                break;
            }
            q -= 5;
        }
        // Still too big at the lowest quality: go smaller, keeping 3:4 and the marketplace minimum.
        int nw = int(w * 0.85) / 3 * 3;
        int nh = nw / 3 * 4;
        if (nw < std::max(spec.min_width, 300) || nh < std::max(spec.min_height, 400)) {
            break;
        }
        w = nw;
        h = nh;
    }
    return core::Error::TooLarge("an image cannot be made small enough for " +
                                 std::string(core::MarketplaceName(spec.marketplace)));
}

}  // namespace

namespace internal {

core::Result<DecodedInfo> DecodeStrict(std::string_view bytes) {
    try {
        vipsutil::EnsureVips();
        VImage img = VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                             VImage::option()
                                                 ->set("access", VIPS_ACCESS_SEQUENTIAL)
                                                 ->set("fail_on", VIPS_FAIL_ON_TRUNCATED));
        DecodedInfo info;
        info.width = img.width();
        info.height = img.height();
        if (img.get_typeof(VIPS_META_ORIENTATION) != 0) {
            info.orientation = std::clamp(img.get_int(VIPS_META_ORIENTATION), 1, 8);
        }
        // Force every pixel through the decoder: truncated or corrupt data fails here.
        (void)img.avg();
        return info;
    } catch (const vips::VError& e) {
        core::Error err = core::Error::UnsupportedMedia("the image data is damaged or incomplete");
        err.context = e.what();
        return err;
    } catch (const std::exception& e) {
        return core::Error::Internal("image decoding failed", e.what());
    }
}

core::Result<RgbaImage> RenderCaption(std::string_view text, int max_width, uint32_t color) {
    return vipsutil::Guard<RgbaImage>(
        [&]() -> core::Result<RgbaImage> {
            const int pad_x = 40, pad_y = 22;
            vipsutil::Rgb bg = vipsutil::FromHex(color);
            TextStyle s;
            s.bold = true;
            s.max_px = 46;
            s.min_px = 26;
            s.center = true;
            s.color = vipsutil::Luma(bg) > 0.6 ? 0x15171C : 0xFFFFFF;
            vipstext::Rendered r = vipstext::FitAndRender(text, max_width - 2 * pad_x, 140, s);
            RgbaImage out;
            if (r.fit.width == 0) {
                return out;
            }
            int w = r.fit.width + 2 * pad_x, h = r.fit.height + 2 * pad_y;
            int radius = std::min(h / 2, 40);
            std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(w) +
                              "\" height=\"" + std::to_string(h) + "\"><rect width=\"" + std::to_string(w) +
                              "\" height=\"" + std::to_string(h) + "\" rx=\"" + std::to_string(radius) +
                              "\" fill=\"" + vipsutil::Css(bg) + "\" fill-opacity=\"0.92\"/></svg>";
            VipsBlob* blob = vips_blob_new(nullptr, svg.data(), svg.size());
            VImage pill = VImage::svgload_buffer(blob);
            vips_area_unref(VIPS_AREA(blob));
            pill = pill.copy_memory();
            VImage img = pill.composite2(vipstext::Colourise(r.mask, s.color), VIPS_BLEND_MODE_OVER,
                                         VImage::option()->set("x", pad_x)->set("y", pad_y));
            img = img.cast(VIPS_FORMAT_UCHAR);
            size_t n = 0;
            void* mem = img.write_to_memory(&n);
            out.width = img.width();
            out.height = img.height();
            out.rgba.assign(static_cast<uint8_t*>(mem), static_cast<uint8_t*>(mem) + n);
            g_free(mem);
            return out;
        },
        "caption rendering");
}

}  // namespace internal

core::Result<std::vector<EncodedImage>> RenderForMarketplace(const std::vector<Master>& masters, core::Marketplace mp) {
    return RenderForMarketplace(masters, MediaSpecFor(mp));
}

core::Result<std::vector<EncodedImage>> RenderForMarketplace(const std::vector<Master>& masters,
                                                             const MarketplaceMediaSpec& spec) {
    if (spec.width <= 0 || spec.height <= 0) {
        return core::Error::Invalid("output size must be positive");
    }
    std::vector<const Master*> chosen = SelectForMarketplace(masters, spec);
    if (chosen.empty()) {
        return core::Error::Invalid("no slides to render");
    }
    for (const Master* m : chosen) {
        if (!m->rgb || m->width <= 0 || m->height <= 0 ||
            m->rgb->size() != size_t(m->width) * size_t(m->height) * 3) {
            return core::Error::Invalid("a master has no pixels");
        }
    }
    return vipsutil::Guard<std::vector<EncodedImage>>(
        [&]() -> core::Result<std::vector<EncodedImage>> {
            std::vector<EncodedImage> out;
            for (const Master* m : chosen) {
                BY_ASSIGN(EncodedImage img, EncodeWithinLimit(vipsutil::FromMaster(*m), spec, m->HasText()));
                img.kind = m->kind;
                img.lang = m->lang;
                out.push_back(std::move(img));
            }
            return out;
        },
        "image encoding");
}

core::Result<std::string> EncodeMaster(const Master& master) {
    if (!master.rgb || master.rgb->size() != size_t(master.width) * size_t(master.height) * 3) {
        return core::Error::Invalid("a master has no pixels");
    }
    return vipsutil::Guard<std::string>(
        [&]() -> core::Result<std::string> { return Encode(vipsutil::FromMaster(master), ImageFormat::kJpeg, 95, true); },
        "master encoding");
}

core::Result<Master> DecodeMaster(std::string_view bytes, Master meta) {
    BY_ASSIGN(auto header, internal::SniffImageHeader(bytes));
    if (header.width != kMasterWidth || header.height != kMasterHeight) {
        return core::Error::Invalid("a stored master is " + std::to_string(header.width) + "x" +
                                    std::to_string(header.height) + ", not the master size");
    }
    return vipsutil::Guard<Master>(
        [&]() -> core::Result<Master> {
            VImage img = VImage::new_from_buffer(bytes.data(), bytes.size(), "",
                                                 VImage::option()->set("access", VIPS_ACCESS_SEQUENTIAL));
            img = vipsutil::ToSrgb8(img, vipsutil::FromHex(0xFFFFFF));
            meta.width = img.width();
            meta.height = img.height();
            meta.rgb = vipsutil::ToRgbBuffer(img);
            return meta;
        },
        "master decoding");
}

core::Result<EncodedImage> PadPhoto(std::string_view bytes, const PadOptions& options) {
    if (options.width <= 0 || options.height <= 0) {
        return core::Error::Invalid("output size must be positive");
    }
    BY_TRY(internal::SniffImageHeader(bytes));
    return vipsutil::Guard<EncodedImage>(
        [&]() -> core::Result<EncodedImage> {
            vipsutil::Rgb bg = vipsutil::FromHex(options.background);
            VipsBlob* blob = vips_blob_new(nullptr, bytes.data(), bytes.size());
            VImage img;
            try {
                img = VImage::thumbnail_buffer(blob, options.width, VImage::option()->set("height", options.height));
            } catch (...) {
                vips_area_unref(VIPS_AREA(blob));
                throw;
            }
            vips_area_unref(VIPS_AREA(blob));
            img = vipsutil::ToSrgb8(img, bg);
            img = img.gravity(VIPS_COMPASS_DIRECTION_CENTRE, options.width, options.height,
                              VImage::option()->set("extend", VIPS_EXTEND_BACKGROUND)->set("background",
                                                                                            vipsutil::Vec(bg)));
            EncodedImage out;
            out.bytes = Encode(img, options.format, options.quality, false);
            out.mime = std::string(ImageFormatMime(options.format));
            out.ext = std::string(ImageFormatExt(options.format));
            out.width = options.width;
            out.height = options.height;
            out.quality = options.format == ImageFormat::kPng ? 0 : options.quality;
            return out;
        },
        "photo encoding");
}

}  // namespace by::media
