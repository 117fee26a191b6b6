// Image side of the media engine (issue 9), offline, backed by libvips in media/vips/ only.
//
// The work is split so the expensive part runs once per product:
//   BuildMasters(spec)              once per product: decode photos, lay out and draw every slide (ru and uz)
//   RenderForMarketplace(m, mp)     per marketplace: pick the slides for its language, resize, encode
// plus InspectUpload() for photos as they arrive (by content, never by file name), PadPhoto() for one photo,
// and FitText() which the slide layout uses and the quality gate/tests can call to check text fits.
//
// Thread-safety: every function here is reentrant and may run on several worker threads at once; libvips
// is initialised once behind a std::call_once. Nothing throws: errors come back as core::Error
// (UnsupportedMedia 415, TooLarge 413, Unprocessable 422, Invalid 400, Internal 500).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "media/marketplace_media.hpp"
#include "media/media_types.hpp"

namespace by::media {

// ---- Uploads ------------------------------------------------------------------------------------------

struct UploadInfo {
    std::string mime;  // "image/jpeg" | "image/png" | "image/webp", from the magic bytes
    int width = 0;     // as displayed, i.e. after the EXIF orientation is applied
    int height = 0;
    int orientation = 1;  // EXIF orientation 1–8 (1 when absent)
};

// Checks an uploaded photo by its content: byte size, magic bytes, header dimensions (before any decoding,
// so a decompression bomb never gets decoded), then a full strict decode.
//   > max_bytes                                  -> Error::TooLarge (413)
//   not JPEG/PNG/WebP, or truncated/undecodable  -> Error::UnsupportedMedia (415)
//   width*height > max_pixels (from the header)  -> Error::Unprocessable (422)
core::Result<UploadInfo> InspectUpload(std::string_view bytes, int64_t max_bytes = 25 * 1024 * 1024,
                                       int64_t max_pixels = 50'000'000);

// ---- Product-level work (once per product) ------------------------------------------------------------

// Draws every slide of a product: the main photo (clean, no text), up to 3 more photos, 4–6 infographics per
// language present in the spec (ru always when given, uz when slides_uz is not empty), and a summary slide
// when that is needed to reach 6 images. With no photo the main slide is a typographic cover (never a fake
// photo). Each language yields 6–10 slides when the spec has 4–6 slide texts. Photos that are not valid
// images -> UnsupportedMedia.
core::Result<std::vector<Master>> BuildMasters(const SlideSpec& spec);

// Wraps an image made elsewhere (e.g. a remote generator) as a Master: decoded, EXIF-rotated, sRGB, and
// padded to kMasterWidth×kMasterHeight without cropping or stretching.
core::Result<Master> MasterFromImage(std::string_view bytes, SlideKind kind, std::string lang = {});

// Masters kept between stages and processes (the slides stage stores them; video and images read them back,
// so no worker draws a product's slides twice). JPEG q95 with full-resolution chroma: about 0.4 MB a slide,
// and the marketplace files made from a stored master match those of the fresh one to within JPEG noise.
// DecodeMaster fills the pixels of `meta` (kind, lang, boxes as stored) and checks the size is
// kMasterWidth×kMasterHeight; anything else -> UnsupportedMedia / Invalid.
core::Result<std::string> EncodeMaster(const Master& master);
core::Result<Master> DecodeMaster(std::string_view bytes, Master meta);

// ---- Per-marketplace work -------------------------------------------------------------------------------

// Which masters a marketplace gets, in card order: main (or cover), photos, infographics in
// spec.text_lang (falling back to "ru" when there are none in that language), summary; at most
// min(spec.max_images, 10). Pure; no pixels are touched.
std::vector<const Master*> SelectForMarketplace(const std::vector<Master>& masters,
                                                const MarketplaceMediaSpec& spec);

// Resizes and encodes the selected masters for one marketplace (MediaSpecFor(mp)): exact width×height,
// format and quality from the table, metadata stripped, sRGB. Quality steps down (then size, never below the
// marketplace minimum) until each file is within max_image_bytes; if it cannot -> TooLarge.
core::Result<std::vector<EncodedImage>> RenderForMarketplace(const std::vector<Master>& masters,
                                                             core::Marketplace mp);
core::Result<std::vector<EncodedImage>> RenderForMarketplace(const std::vector<Master>& masters,
                                                             const MarketplaceMediaSpec& spec);

// ---- Single photo ---------------------------------------------------------------------------------------

struct PadOptions {
    int width = kMasterWidth;
    int height = kMasterHeight;
    ImageFormat format = ImageFormat::kJpeg;
    int quality = 85;
    uint32_t background = 0xFFFFFF;  // 0xRRGGBB, used for padding and to flatten transparency
};

// Decode (EXIF-rotated, sRGB), fit inside width×height without cropping or stretching, pad with the
// background colour, encode without metadata. The benchmark's "resize + pad + encode" unit.
core::Result<EncodedImage> PadPhoto(std::string_view bytes, const PadOptions& options = {});

// ---- Text -----------------------------------------------------------------------------------------------

struct TextStyle {
    bool bold = false;
    int max_px = 64;      // preferred size; the text never grows beyond it
    int min_px = 22;      // smallest size tried before the text is cut with "…"
    bool center = false;  // horizontal alignment of the lines
    uint32_t color = 0x15171C;
};

struct FittedText {
    int width = 0;  // rendered size; always <= the box
    int height = 0;
    int font_px = 0;
    bool truncated = false;  // true if the text had to be cut to fit at min_px
    std::string text;        // the text as drawn: typeset (no-break spaces), with "…" when cut
};

// Lays `text` out in Noto Sans inside a box: wrapped at word boundaries (at characters for a word longer than
// the box), then shrunk from max_px down to min_px, then cut at a word with "…". The result never exceeds
// the box. Renders Cyrillic and Uzbek Latin (oʻ gʻ ʼ) correctly.
core::Result<FittedText> FitText(std::string_view text, int box_width, int box_height, const TextStyle& style);

// Parses "#RRGGBB" or "RRGGBB" into 0xRRGGBB.
std::optional<uint32_t> ParseHexColor(std::string_view text);

}  // namespace by::media
