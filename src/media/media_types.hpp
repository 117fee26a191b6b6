// Value types of the media engine: what goes in (SlideSpec: a product's photos and slide texts), what the
// product-level step makes once (Master: one finished 3:4 slide as sRGB pixels) and what each marketplace
// gets (EncodedImage). Plain values; Master pixels are shared immutably, so copying a Master is cheap and
// masters may be read from any number of threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace by::media {

// Masters are made once per product at this size (CONTENT.md §4: one 3:4 master per slide at 1080×1440).
inline constexpr int kMasterWidth = 1080;
inline constexpr int kMasterHeight = 1440;

struct Rect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;

    bool Empty() const { return width <= 0 || height <= 0; }
    bool Contains(const Rect& r) const {
        return r.x >= x && r.y >= y && r.x + r.width <= x + width && r.y + r.height <= y + height;
    }
    bool Intersects(const Rect& r) const {
        return !Empty() && !r.Empty() && r.x < x + width && x < r.x + r.width && r.y < y + height && y < r.y + r.height;
    }
    bool operator==(const Rect&) const = default;
};

// One infographic slide's text from the content engine: a benefit, or a group of specs.
struct SlideText {
    std::string headline;            // e.g. "До 40 часов без подзарядки"
    std::vector<std::string> lines;  // callouts; 0–6, each a short phrase or "Name: value"
};

// Everything the image generator needs about one product. Texts are plain UTF-8 (no markup); Uzbek in Latin
// script with oʻ/gʻ as U+02BB and the tutuq as U+02BC (CONTENT.md §8.1), though ASCII apostrophes render too.
struct SlideSpec {
    std::string product_name;     // Russian (or the only) name
    std::string product_name_uz;  // Uzbek Latin name; empty = product_name
    std::string brand;
    std::vector<std::string> photos;     // encoded JPEG/PNG/WebP bytes in the seller's order; [0] is the main one
    std::vector<SlideText> slides_ru;    // 4–6 infographic slides (more are ignored)
    std::vector<SlideText> slides_uz;    // the same in Uzbek Latin, for Uzum; may be empty
    std::string brand_color = "#2F5BEA";  // "#RRGGBB"; anything else falls back to the default
    std::string logo;                    // optional logo bytes (PNG with alpha is best)
};

enum class SlideKind {
    kMainPhoto,    // the first photo alone on a clean light background: no text, badge or logo
    kPhoto,        // another seller photo, same treatment
    kInfographic,  // headline + callouts beside the photo (or typographic when there is no photo)
    kCover,        // no photo at all: a typographic cover in place of the main photo
    kSummary,      // closing slide: product name, brand, logo (added only to reach 6 images)
};
std::string_view SlideKindName(SlideKind kind);
std::optional<SlideKind> ParseSlideKind(std::string_view name);  // the inverse of SlideKindName

// A text element drawn on a master: `box` is the area it was given, `ink` what it actually covers.
// The renderer guarantees box.Contains(ink): text is wrapped, then shrunk, then cut with "…" as a last resort.
struct TextBlock {
    Rect box;
    Rect ink;
    int font_px = 0;
    bool truncated = false;
    std::string text;
};

// One finished slide at kMasterWidth×kMasterHeight, sRGB, 8-bit RGB, no metadata.
struct Master {
    SlideKind kind = SlideKind::kMainPhoto;
    std::string lang;  // "" = language-neutral (photos), "ru" or "uz"
    int width = 0;
    int height = 0;
    std::shared_ptr<const std::vector<uint8_t>> rgb;  // width*height*3 bytes, row-major
    std::optional<Rect> product_box;                   // where the product photo sits, if any
    std::vector<TextBlock> text_blocks;                // empty for kMainPhoto and kPhoto
    std::string caption;                               // a short caption suggestion for the video (may be empty)

    bool HasText() const { return !text_blocks.empty(); }
};

enum class ImageFormat { kJpeg, kPng, kWebp };
std::string_view ImageFormatMime(ImageFormat f);  // "image/jpeg" ...
std::string_view ImageFormatExt(ImageFormat f);   // "jpg", "png", "webp"

// One file ready for a marketplace: metadata stripped, sRGB.
struct EncodedImage {
    std::string bytes;
    std::string mime;  // "image/jpeg" | "image/png" | "image/webp"
    std::string ext;   // "jpg" | "png" | "webp"
    int width = 0;
    int height = 0;
    int quality = 0;  // encoder quality used (JPEG/WebP), 0 for PNG
    SlideKind kind = SlideKind::kMainPhoto;
    std::string lang;
};

}  // namespace by::media
