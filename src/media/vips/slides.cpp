// BuildMasters: photo preparation and slide layout (issue 9 items 1, 2 and 6).
//
// Every slide is drawn at 1080×1440 as: a background SVG (flat colours, cards, chips, accent shapes; rendered
// by librsvg) + the product photo + text layers, composited once. Text never overlaps the product photo:
// layouts give text and photo disjoint boxes, and FitAndRender keeps each text inside its box.
#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "media/image_ops.hpp"
#include "media/internal.hpp"
#include "media/vips/text.hpp"
#include "media/vips/vips_util.hpp"

namespace by::media {
namespace {

using vips::VImage;
using vipsutil::Rgb;

constexpr int kW = kMasterWidth;
constexpr int kH = kMasterHeight;
constexpr int kMargin = 64;
constexpr int kMaxInfographics = 6;
constexpr int kMaxExtraPhotos = 3;
constexpr int kMaxSlides = 10;
constexpr int kMinSlides = 6;
constexpr int64_t kMaxPhotoPixels = 50'000'000;
constexpr int kDecodeSize = 1600;  // enough for a 1080×1440 slide, with room to trim a studio background
constexpr uint32_t kDefaultBrand = 0x2F5BEA;
const Rgb kWhite{255, 255, 255};
const Rgb kNeutralBg{243, 244, 246};  // padding behind photos whose own background is not clean and light

struct Palette {
    Rgb accent;       // the brand colour, for shapes
    Rgb accent_text;  // brand colour dark enough to read on a light background
    Rgb tint;         // slide background
    Rgb ink{21, 23, 28};
    Rgb muted{94, 100, 114};
    Rgb card{255, 255, 255};
};

Palette MakePalette(uint32_t brand) {
    Palette p;
    p.accent = vipsutil::FromHex(brand);
    p.accent_text = p.accent;
    for (int i = 0; i < 8 && vipsutil::Luma(p.accent_text) > 0.45; ++i) {
        p.accent_text = vipsutil::Mix(p.accent_text, Rgb{0, 0, 0}, 0.18);
    }
    p.tint = vipsutil::Mix(p.accent, kWhite, 0.93);
    return p;
}

// ---- photos ---------------------------------------------------------------------------------------------

struct Photo {
    VImage img;         // 3-band sRGB uchar in memory; trimmed to the product when `clean`
    bool clean = false;  // the photo's own background is light and uniform (studio shot)
    Rgb bg = kNeutralBg;
};

struct BlobRef {
    explicit BlobRef(std::string_view bytes) : blob(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
    ~BlobRef() { vips_area_unref(VIPS_AREA(blob)); }
    BlobRef(const BlobRef&) = delete;
    BlobRef& operator=(const BlobRef&) = delete;
    VipsBlob* blob;
};

// Decoded, EXIF-rotated, sRGB, at most kDecodeSize on the long side (shrink-on-load keeps this cheap).
VImage DecodeForLayout(std::string_view bytes, bool keep_alpha) {
    BlobRef blob(bytes);
    VImage img = VImage::thumbnail_buffer(blob.blob, kDecodeSize,
                                          VImage::option()->set("height", kDecodeSize)->set("size", VIPS_SIZE_DOWN));
    img = keep_alpha ? vipsutil::ToSrgba8(img) : vipsutil::ToSrgb8(img, kWhite);
    return img.copy_memory();
}

struct BorderStats {
    Rgb mean;
    double deviation = 0;  // largest per-band standard deviation over the border
};

BorderStats Border(const VImage& img) {
    int w = img.width(), h = img.height();
    int t = std::max(2, std::min(w, h) / 100);
    const VImage strips[] = {img.crop(0, 0, w, t), img.crop(0, h - t, w, t), img.crop(0, t, t, h - 2 * t),
                             img.crop(w - t, t, t, h - 2 * t)};
    BorderStats s;
    double sum[3] = {0, 0, 0}, total = 0;
    for (const VImage& strip : strips) {
        double n = double(strip.width()) * strip.height();
        for (int b = 0; b < 3; ++b) {
            VImage band = strip.extract_band(b);
            sum[b] += band.avg() * n;
            s.deviation = std::max(s.deviation, band.deviate());
        }
        total += n;
    }
    s.mean = Rgb{sum[0] / total, sum[1] / total, sum[2] / total};
    return s;
}

// Bounding box of what differs from `bg`, found on a small copy (find_trim's median filter is slow on a
// full photo), in full-size coordinates. Empty when everything is background.
Rect ForegroundBox(const VImage& img, const std::vector<double>& bg, double threshold) {
    double scale = std::min(1.0, 480.0 / std::max(img.width(), img.height()));
    VImage small = scale < 1.0 ? img.resize(scale, VImage::option()->set("kernel", VIPS_KERNEL_LINEAR)) : img;
    int top = 0, width = 0, height = 0;
    int left = small.find_trim(&top, &width, &height,
                               VImage::option()->set("threshold", threshold)->set("background", bg));
    if (width <= 0 || height <= 0) {
        return {};
    }
    // Back to full size, rounding outwards.
    int x0 = int(std::floor(left / scale)), y0 = int(std::floor(top / scale));
    int x1 = int(std::ceil((left + width) / scale)), y1 = int(std::ceil((top + height) / scale));
    x0 = std::clamp(x0, 0, img.width());
    y0 = std::clamp(y0, 0, img.height());
    x1 = std::clamp(x1, x0, img.width());
    y1 = std::clamp(y1, y0, img.height());
    return Rect{x0, y0, x1 - x0, y1 - y0};
}

Photo PreparePhoto(std::string_view bytes) {
    Photo p;
    p.img = DecodeForLayout(bytes, false);
    BorderStats b = Border(p.img);
    p.clean = std::min({b.mean.r, b.mean.g, b.mean.b}) >= 232 && b.deviation <= 10;
    if (!p.clean) {
        return p;
    }
    p.bg = b.mean;
    // Remove only background: the box of everything that differs from the border colour, plus a margin
    // (so soft shadows are not cut at a hard edge).
    Rect fg = ForegroundBox(p.img, vipsutil::Vec(b.mean), 12.0);
    if (fg.width > 8 && fg.height > 8) {
        int pad = std::max(8, std::max(fg.width, fg.height) / 30);
        int x0 = std::max(0, fg.x - pad), y0 = std::max(0, fg.y - pad);
        int x1 = std::min(p.img.width(), fg.x + fg.width + pad), y1 = std::min(p.img.height(), fg.y + fg.height + pad);
        p.img = p.img.crop(x0, y0, x1 - x0, y1 - y0).copy_memory();
    }
    return p;
}

// A logo with its transparent (or flat white) margins removed, 4-band.
VImage PrepareLogo(std::string_view bytes) {
    VImage logo = DecodeForLayout(bytes, true);
    Rect fg = ForegroundBox(logo.extract_band(3), {0.0}, 8.0);
    if (fg.width > 4 && fg.height > 4) {
        logo = logo.crop(fg.x, fg.y, fg.width, fg.height).copy_memory();
    }
    return logo;
}

// Fades the outer f pixels of a studio photo into its background colour, so the edge of the trimmed photo
// (sensor noise, a soft shadow cut by the trim) disappears into a flat fill of that colour.
VImage Feather(const VImage& img, const Rgb& bg, int f) {
    const int w = img.width(), h = img.height();
    f = std::max(1, std::min({f, w / 4, h / 4}));
    VImage xy = VImage::xyz(w, h);
    VImage x = xy[0], y = xy[1];
    VImage dx = (x < (w - 1 - x)).ifthenelse(x, (w - 1) - x);
    VImage dy = (y < (h - 1 - y)).ifthenelse(y, (h - 1) - y);
    VImage d = (dx < dy).ifthenelse(dx, dy);
    VImage alpha = (d >= f).ifthenelse(255.0, d * (255.0 / f)).cast(VIPS_FORMAT_UCHAR);
    VImage fill = img.new_from_image(vipsutil::Vec(bg)).cast(VIPS_FORMAT_UCHAR);
    return alpha.ifthenelse(img, fill, VImage::option()->set("blend", true)).cast(VIPS_FORMAT_UCHAR);
}

// Scales img to fit inside w×h (up or down), never cropping or stretching.
VImage FitInside(const VImage& img, int w, int h) {
    double scale = std::min(double(w) / img.width(), double(h) / img.height());
    VImage out = img;
    if (std::abs(scale - 1.0) > 1e-6) {
        out = img.resize(scale);
    }
    if (out.width() > w || out.height() > h) {
        out = out.crop(0, 0, std::min(w, out.width()), std::min(h, out.height()));
    }
    return out;
}

// ---- canvas -------------------------------------------------------------------------------------------

class Canvas {
  public:
    explicit Canvas(Rgb bg) {
        svg_ << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kW << "\" height=\"" << kH << "\">"
             << "<rect width=\"" << kW << "\" height=\"" << kH << "\" fill=\"" << vipsutil::Css(bg) << "\"/>";
    }

    void RoundRect(const Rect& r, int radius, const Rgb& fill, double opacity = 1.0) {
        svg_ << "<rect x=\"" << r.x << "\" y=\"" << r.y << "\" width=\"" << r.width << "\" height=\"" << r.height
             << "\" rx=\"" << radius << "\" fill=\"" << vipsutil::Css(fill) << "\" fill-opacity=\"" << opacity
             << "\"/>";
    }
    // A soft drop shadow: a few translucent, slightly larger, offset copies of the shape.
    void Shadow(const Rect& r, int radius) {
        const int spread[] = {2, 6, 12};
        const double alpha[] = {0.06, 0.035, 0.02};
        for (int i = 0; i < 3; ++i) {
            int s = spread[i];
            RoundRect(Rect{r.x - s / 2, r.y - s / 2 + s / 2 + 2, r.width + s, r.height + s}, radius + s / 2,
                      Rgb{20, 24, 40}, alpha[i]);
        }
    }
    void Circle(int cx, int cy, int radius, const Rgb& fill, double opacity = 1.0) {
        svg_ << "<circle cx=\"" << cx << "\" cy=\"" << cy << "\" r=\"" << radius << "\" fill=\""
             << vipsutil::Css(fill) << "\" fill-opacity=\"" << opacity << "\"/>";
    }

    // Places an image (3 bands: opaque; 4 bands: straight alpha) with its top-left at (x, y).
    void Image(const VImage& img, int x, int y) { layers_.push_back(Layer{img, 0, x, y, false}); }

    enum class VAlign { kTop, kCenter, kBottom };
    // Lays out text inside `box` and records it; returns the block (ink rect inside box).
    TextBlock Text(std::string_view text, const Rect& box, const TextStyle& style, VAlign valign = VAlign::kTop) {
        vipstext::Rendered r = vipstext::FitAndRender(text, box.width, box.height, style);
        int y = box.y;
        if (valign == VAlign::kCenter) {
            y = box.y + (box.height - r.fit.height) / 2;
        } else if (valign == VAlign::kBottom) {
            y = box.y + box.height - r.fit.height;
        }
        return Place(r, box, style, y);
    }

    // Text already fitted (e.g. measured first to centre a group), placed with its top at y.
    TextBlock Place(const vipstext::Rendered& r, const Rect& box, const TextStyle& style, int y) {
        TextBlock block;
        block.box = box;
        block.font_px = r.fit.font_px;
        block.truncated = r.fit.truncated;
        block.text = r.fit.text;
        if (r.fit.width == 0) {
            block.ink = Rect{box.x, box.y, 0, 0};
            return block;
        }
        y = std::clamp(y, box.y, std::max(box.y, box.y + box.height - r.fit.height));
        int x = style.center ? box.x + (box.width - r.fit.width) / 2 : box.x;
        block.ink = Rect{x, y, r.fit.width, r.fit.height};
        layers_.push_back(Layer{r.mask, style.color, x, y, true});
        blocks_.push_back(block);
        return block;
    }

    const std::vector<TextBlock>& blocks() const { return blocks_; }

    // Background SVG, then every layer in order. Layers are blended into their own small region with
    // ifthenelse(blend) on 8-bit data, which is much cheaper than a full-canvas float composite.
    VImage Render() {
        svg_ << "</svg>";
        std::string svg = svg_.str();
        BlobRef blob(svg);
        VImage out = VImage::svgload_buffer(blob.blob).extract_band(0, VImage::option()->set("n", 3));
        out = out.cast(VIPS_FORMAT_UCHAR).copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
        for (const Layer& l : layers_) {
            VImage img = l.img;
            int x = l.x, y = l.y;
            // Clip to the canvas.
            int x0 = std::max(0, x), y0 = std::max(0, y);
            int x1 = std::min(kW, x + img.width()), y1 = std::min(kH, y + img.height());
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            if (x0 != x || y0 != y || x1 - x0 != img.width() || y1 - y0 != img.height()) {
                img = img.crop(x0 - x, y0 - y, x1 - x0, y1 - y0);
            }
            if (!l.is_mask && img.bands() == 3) {
                out = out.insert(img, x0, y0);
                continue;
            }
            VImage region = out.crop(x0, y0, img.width(), img.height());
            VImage blended;
            if (l.is_mask) {
                VImage ink = region.new_from_image(vipsutil::Vec(vipsutil::FromHex(l.color))).cast(VIPS_FORMAT_UCHAR);
                blended = img.ifthenelse(ink, region, VImage::option()->set("blend", true));
            } else {
                VImage rgb = img.extract_band(0, VImage::option()->set("n", 3));
                blended = img.extract_band(3).ifthenelse(rgb, region, VImage::option()->set("blend", true));
            }
            out = out.insert(blended.cast(VIPS_FORMAT_UCHAR), x0, y0);
        }
        return out.copy(VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB)).copy_memory();
    }

  private:
    struct Layer {
        VImage img;
        uint32_t color = 0;  // for masks
        int x = 0;
        int y = 0;
        bool is_mask = false;
    };
    std::ostringstream svg_;
    std::vector<Layer> layers_;
    std::vector<TextBlock> blocks_;
};

// ---- slide builders -------------------------------------------------------------------------------------

struct Context {
    Palette pal;
    std::optional<VImage> logo;  // 4-band
    std::string brand;
    std::string lang;
    std::string product_name;
    std::vector<Photo>* photos = nullptr;
};

Master Finish(Canvas& canvas, SlideKind kind, const std::string& lang, std::optional<Rect> product_box,
              std::string caption) {
    VImage img = canvas.Render();
    Master m;
    m.kind = kind;
    m.lang = lang;
    m.width = img.width();
    m.height = img.height();
    m.rgb = vipsutil::ToRgbBuffer(img);
    m.product_box = product_box;
    m.text_blocks = canvas.blocks();
    m.caption = std::move(caption);
    return m;
}

// The photo alone on its own light background (or a neutral light one), as large as fits.
Master PhotoSlide(const Photo& photo, SlideKind kind, const std::string& caption) {
    Canvas canvas(photo.clean ? photo.bg : kNeutralBg);
    Rect area = photo.clean ? Rect{86, 110, kW - 172, kH - 220} : Rect{0, 0, kW, kH};
    VImage fitted = FitInside(photo.img, area.width, area.height);
    if (photo.clean) {
        fitted = Feather(fitted, photo.bg, std::min(fitted.width(), fitted.height()) / 25);
    }
    Rect placed{area.x + (area.width - fitted.width()) / 2, area.y + (area.height - fitted.height()) / 2,
                fitted.width(), fitted.height()};
    canvas.Image(fitted, placed.x, placed.y);
    return Finish(canvas, kind, "", placed, caption);
}

// Logo or brand name in the top-left corner. Returns the row's bottom.
int BrandRow(Canvas& canvas, const Context& ctx) {
    const Rect row{kMargin, 50, 560, 60};
    if (ctx.logo) {
        VImage logo = FitInside(*ctx.logo, 300, row.height);
        canvas.Image(logo, row.x, row.y + (row.height - logo.height()) / 2);
    } else if (!ctx.brand.empty()) {
        TextStyle s;
        s.bold = true;
        s.max_px = 30;
        s.min_px = 20;
        s.color = vipsutil::ToHex(ctx.pal.accent_text);
        canvas.Text(ctx.brand, row, s, Canvas::VAlign::kCenter);
    }
    return row.y + row.height;
}

// A photo on a card inside `area`: the card hugs the fitted photo and is centred in the area. Returns the
// photo's rectangle (the product box).
Rect PhotoCard(Canvas& canvas, const Photo& photo, const Rect& area, const Palette& pal) {
    int pad = photo.clean ? 36 : 0;
    VImage fitted = FitInside(photo.img, area.width - 2 * pad, area.height - 2 * pad);
    Rect card{0, 0, fitted.width() + 2 * pad, fitted.height() + 2 * pad};
    if (photo.clean) {
        // Studio shots: the card fills the area's width so slides line up; the product sits in the middle.
        card.width = area.width;
    }
    card.x = area.x + (area.width - card.width) / 2;
    card.y = area.y + (area.height - card.height) / 2;
    if (photo.clean) {
        fitted = Feather(fitted, photo.bg, std::min(fitted.width(), fitted.height()) / 25);
    }
    int radius = photo.clean ? 28 : 12;
    canvas.Shadow(card, radius);
    canvas.RoundRect(card, radius, photo.clean ? photo.bg : pal.card);
    Rect placed{card.x + (card.width - fitted.width()) / 2, card.y + (card.height - fitted.height()) / 2,
                fitted.width(), fitted.height()};
    canvas.Image(fitted, placed.x, placed.y);
    return placed;
}

// "Name: value" -> {"Name", "value"}; otherwise nullopt.
std::optional<std::pair<std::string, std::string>> SplitSpec(const std::string& line) {
    size_t colon = line.find(':');
    if (colon == std::string::npos || colon == 0) {
        return std::nullopt;
    }
    size_t label_chars = 0;
    for (size_t i = 0; i < colon; ++i) {
        label_chars += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    if (label_chars > 40) {
        return std::nullopt;
    }
    auto trim = [](std::string s) {
        size_t a = s.find_first_not_of(" \t");
        size_t b = s.find_last_not_of(" \t");
        return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
    };
    std::string label = trim(line.substr(0, colon));
    std::string value = trim(line.substr(colon + 1));
    if (label.empty() || value.empty()) {
        return std::nullopt;
    }
    return std::make_pair(label, value);
}

// Callout chips stacked in `area` (centred, or from the top), one per line, all with the same text size.
// A "Name: value" line shows the name small and muted above the value in bold; the pair is centred in its
// chip.
void Chips(Canvas& canvas, const std::vector<std::string>& lines, const Rect& area, int chip_h, int gap, int max_px,
           const Palette& pal, bool top_aligned = false) {
    if (lines.empty()) {
        return;
    }
    const int label_px = std::clamp(max_px * 2 / 3, 18, 26);
    const int label_gap = 8;
    std::vector<Rect> chips;
    int total = int(lines.size()) * chip_h + int(lines.size() - 1) * gap;
    int y = area.y + (top_aligned ? 0 : std::max(0, (area.height - total) / 2));
    for (size_t i = 0; i < lines.size(); ++i) {
        chips.push_back(Rect{area.x, y, area.width, chip_h});
        y += chip_h + gap;
    }
    auto inner = [](const Rect& c) { return Rect{c.x + 62, c.y + 16, c.width - 62 - 26, c.height - 32}; };
    TextStyle value_style;
    value_style.max_px = max_px;
    value_style.min_px = 18;
    value_style.color = vipsutil::ToHex(pal.ink);
    TextStyle label_style;
    label_style.max_px = label_px;
    label_style.min_px = 16;
    label_style.color = vipsutil::ToHex(pal.muted);

    // Labels first (they may wrap to two lines), then one value size for every chip so the column reads
    // evenly: the smallest size any chip needs.
    std::vector<std::optional<std::pair<std::string, std::string>>> specs;
    std::vector<std::optional<vipstext::Rendered>> labels;
    int common = max_px;
    for (size_t i = 0; i < lines.size(); ++i) {
        specs.push_back(SplitSpec(lines[i]));
        Rect in = inner(chips[i]);
        int value_h = in.height;
        if (specs[i]) {
            labels.push_back(vipstext::FitAndRender(specs[i]->first, in.width, in.height * 45 / 100, label_style));
            value_h = in.height - labels[i]->fit.height - label_gap;
        } else {
            labels.emplace_back();
        }
        TextStyle s = value_style;
        s.bold = specs[i].has_value();
        common = std::min(common, vipstext::FittingSize(specs[i] ? specs[i]->second : lines[i], in.width,
                                                        std::max(1, value_h), s));
    }
    for (size_t i = 0; i < lines.size(); ++i) {
        const Rect& c = chips[i];
        Rect in = inner(c);
        canvas.Shadow(c, 22);
        canvas.RoundRect(c, 22, pal.card);
        canvas.Circle(c.x + 34, c.y + c.height / 2, 9, pal.accent);
        TextStyle s = value_style;
        s.max_px = common;
        s.bold = specs[i].has_value();
        if (specs[i]) {
            const vipstext::Rendered& label = *labels[i];
            int value_h = std::max(1, in.height - label.fit.height - label_gap);
            vipstext::Rendered value = vipstext::FitAndRender(specs[i]->second, in.width, value_h, s);
            // Centre the pair vertically in the chip.
            int group = label.fit.height + label_gap + value.fit.height;
            int top = in.y + std::max(0, (in.height - group) / 2);
            Rect label_box{in.x, top, in.width, std::max(1, label.fit.height)};
            Rect value_box{in.x, top + label.fit.height + label_gap, in.width, 0};
            value_box.height = std::max(1, in.y + in.height - value_box.y);
            canvas.Place(label, label_box, label_style, label_box.y);
            canvas.Place(value, value_box, s, value_box.y);
        } else {
            canvas.Text(lines[i], in, s, Canvas::VAlign::kCenter);
        }
    }
}

std::vector<std::string> UsableLines(const SlideText& t, size_t max) {
    std::vector<std::string> out;
    for (const auto& l : t.lines) {
        if (l.find_first_not_of(" \t\n") != std::string::npos && out.size() < max) {
            out.push_back(l);
        }
    }
    return out;
}

Master Infographic(const SlideText& t, int index, const Photo* photo, const Context& ctx) {
    Canvas canvas(ctx.pal.tint);
    BrandRow(canvas, ctx);
    std::vector<std::string> lines = UsableLines(t, 6);
    const int n = int(lines.size());

    TextStyle head;
    head.bold = true;
    head.max_px = photo ? 68 : 80;
    head.min_px = 34;
    head.color = vipsutil::ToHex(ctx.pal.ink);
    const Rect head_box{kMargin, 140, kW - 2 * kMargin, photo ? 228 : 300};
    TextBlock hb = canvas.Text(t.headline, head_box, head);
    int bar_y = (hb.ink.height > 0 ? hb.ink.y + hb.ink.height : head_box.y) + 26;
    canvas.RoundRect(Rect{kMargin, bar_y, 96, 10}, 5, ctx.pal.accent);
    const int body_top = bar_y + 10 + 44;
    const int body_bottom = kH - kMargin;
    const int gap = 18;
    std::optional<Rect> product_box;

    if (!photo) {
        // Typographic: chips across the full width, product name as a quiet footer.
        const int footer_h = 60;
        Rect area{kMargin, body_top, kW - 2 * kMargin, body_bottom - footer_h - 24 - body_top};
        if (n > 0) {
            int chip_h = std::min(176, (area.height - (n - 1) * gap) / n);
            Chips(canvas, lines, area, chip_h, gap, 44, ctx.pal, /*top_aligned=*/true);
        }
        TextStyle foot;
        foot.max_px = 26;
        foot.min_px = 18;
        foot.color = vipsutil::ToHex(ctx.pal.muted);
        canvas.Text(ctx.product_name, Rect{kMargin, body_bottom - footer_h, kW - 2 * kMargin, footer_h}, foot,
                    Canvas::VAlign::kBottom);
    } else if (n >= 4 || (n == 3 && index % 2 == 1)) {
        // Side by side: photo on the left, callouts in a column on the right.
        const int photo_w = 536, col_gap = 26;
        Rect photo_area{kMargin, body_top, photo_w, body_bottom - body_top};
        product_box = PhotoCard(canvas, *photo, photo_area, ctx.pal);
        Rect col{kMargin + photo_w + col_gap, body_top, kW - 2 * kMargin - photo_w - col_gap, body_bottom - body_top};
        int chip_h = std::min(190, (col.height - (n - 1) * gap) / n);
        Chips(canvas, lines, col, chip_h, gap, 34, ctx.pal);
    } else {
        // Photo above, callouts across the bottom.
        const int chip_h = 116;
        int chips_h = n > 0 ? n * chip_h + (n - 1) * gap : 0;
        int photo_bottom = body_bottom - (n > 0 ? chips_h + 32 : 0);
        Rect photo_area{kMargin, body_top, kW - 2 * kMargin, photo_bottom - body_top};
        product_box = PhotoCard(canvas, *photo, photo_area, ctx.pal);
        if (n > 0) {
            Chips(canvas, lines, Rect{kMargin, body_bottom - chips_h, kW - 2 * kMargin, chips_h}, chip_h, gap, 38,
                  ctx.pal);
        }
    }
    return Finish(canvas, SlideKind::kInfographic, ctx.lang, product_box, t.headline);
}

// No photo at all: a clean typographic cover (never a fake product photo): brand, the product name set large,
// and the first benefits as chips.
Master Cover(const std::vector<SlideText>& texts, const Context& ctx) {
    Canvas canvas(ctx.pal.tint);
    BrandRow(canvas, ctx);
    canvas.RoundRect(Rect{kMargin, 200, 140, 14}, 7, ctx.pal.accent);
    TextStyle name;
    name.bold = true;
    name.max_px = 96;
    name.min_px = 44;
    name.color = vipsutil::ToHex(ctx.pal.ink);
    TextBlock nb = canvas.Text(ctx.product_name, Rect{kMargin, 250, kW - 2 * kMargin, 460}, name);
    int y = (nb.ink.height > 0 ? nb.ink.y + nb.ink.height : 250) + 32;
    if (!ctx.brand.empty()) {
        TextStyle brand;
        brand.bold = true;
        brand.max_px = 44;
        brand.min_px = 24;
        brand.color = vipsutil::ToHex(ctx.pal.accent_text);
        TextBlock bb = canvas.Text(ctx.brand, Rect{kMargin, y, kW - 2 * kMargin, 66}, brand);
        y = bb.ink.y + std::max(bb.ink.height, 1);
    }
    std::vector<std::string> heads;
    for (const auto& t : texts) {
        if (t.headline.find_first_not_of(" \t") != std::string::npos && heads.size() < 3) {
            heads.push_back(t.headline);
        }
    }
    if (!heads.empty()) {
        const int chip_h = 112, gap = 18;
        int h = int(heads.size()) * chip_h + int(heads.size() - 1) * gap;
        int top = std::max(y + 60, kH - kMargin - h);
        Chips(canvas, heads, Rect{kMargin, top, kW - 2 * kMargin, h}, chip_h, gap, 36, ctx.pal);
    }
    return Finish(canvas, SlideKind::kCover, ctx.lang, std::nullopt, ctx.product_name);
}

// Closing slide, used only to reach 6 images: the product and its name (or, with no photo, the name and the
// slide headlines as a checklist).
Master Summary(const Photo* photo, const std::vector<SlideText>& texts, const Context& ctx) {
    Canvas canvas(ctx.pal.tint);
    BrandRow(canvas, ctx);
    std::optional<Rect> product_box;
    TextStyle name;
    name.bold = true;
    name.max_px = 64;
    name.min_px = 32;
    name.color = vipsutil::ToHex(ctx.pal.ink);
    if (photo) {
        product_box = PhotoCard(canvas, *photo, Rect{kMargin, 140, kW - 2 * kMargin, 820}, ctx.pal);
        TextBlock nb = canvas.Text(ctx.product_name, Rect{kMargin, 1000, kW - 2 * kMargin, 230}, name);
        canvas.RoundRect(Rect{kMargin, (nb.ink.height ? nb.ink.y + nb.ink.height : 1000) + 24, 96, 10}, 5,
                         ctx.pal.accent);
    } else {
        TextBlock nb = canvas.Text(ctx.product_name, Rect{kMargin, 140, kW - 2 * kMargin, 260}, name);
        int bar_y = (nb.ink.height ? nb.ink.y + nb.ink.height : 140) + 26;
        canvas.RoundRect(Rect{kMargin, bar_y, 96, 10}, 5, ctx.pal.accent);
        std::vector<std::string> heads;
        for (const auto& t : texts) {
            if (!t.headline.empty() && heads.size() < 6) {
                heads.push_back(t.headline);
            }
        }
        int top = bar_y + 54;
        Rect area{kMargin, top, kW - 2 * kMargin, kH - kMargin - top};
        if (!heads.empty()) {
            int n = int(heads.size());
            Chips(canvas, heads, area, std::min(150, (area.height - (n - 1) * 18) / n), 18, 38, ctx.pal);
        }
    }
    return Finish(canvas, SlideKind::kSummary, ctx.lang, product_box, ctx.brand.empty() ? ctx.product_name : ctx.brand);
}

std::vector<Master> BuildLanguage(const SlideSpec& spec, const std::vector<SlideText>& texts, Context ctx,
                                  std::vector<Photo>& photos, bool include_neutral) {
    std::vector<Master> out;
    const Photo* main = photos.empty() ? nullptr : &photos[0];
    int n_info = std::min<int>(kMaxInfographics, int(texts.size()));
    int n_extra = std::min<int>({kMaxExtraPhotos, int(photos.size()) - 1, kMaxSlides - 1 - n_info});
    n_extra = std::max(0, n_extra);
    if (main) {
        if (include_neutral) {
            out.push_back(PhotoSlide(*main, SlideKind::kMainPhoto, ctx.product_name));
            for (int i = 1; i <= n_extra; ++i) {
                out.push_back(PhotoSlide(photos[i], SlideKind::kPhoto, ""));
            }
        }
    } else {
        out.push_back(Cover(texts, ctx));
    }
    for (int i = 0; i < n_info; ++i) {
        const Photo* p = photos.empty() ? nullptr : &photos[size_t(i) % photos.size()];
        out.push_back(Infographic(texts[i], i, p, ctx));
    }
    int count = (main ? 1 + n_extra : 1) + n_info;
    if (count < kMinSlides) {
        out.push_back(Summary(main, texts, ctx));
    }
    return out;
}

}  // namespace

core::Result<std::vector<Master>> BuildMasters(const SlideSpec& spec) {
    if (spec.product_name.empty()) {
        return core::Error::Invalid("product name is required for slides", "product_name");
    }
    // Check every photo by its header first: a clean 415/422 instead of a decoder error, and no bombs.
    for (size_t i = 0; i < spec.photos.size(); ++i) {
        auto h = internal::SniffImageHeader(spec.photos[i]);
        if (!h.ok()) {
            core::Error e = h.error();
            e.field = "photos[" + std::to_string(i) + "]";
            return e;
        }
        if (h->width * h->height > kMaxPhotoPixels) {
            return core::Error::Unprocessable("the photo has too many pixels", "photos[" + std::to_string(i) + "]");
        }
    }
    return vipsutil::Guard<std::vector<Master>>(
        [&]() -> core::Result<std::vector<Master>> {
            std::vector<Photo> photos;
            for (size_t i = 0; i < spec.photos.size() && i < size_t(1 + kMaxExtraPhotos); ++i) {
                try {
                    photos.push_back(PreparePhoto(spec.photos[i]));
                } catch (const vips::VError& e) {
                    core::Error err = core::Error::UnsupportedMedia("a photo could not be decoded");
                    err.field = "photos[" + std::to_string(i) + "]";
                    err.context = e.what();
                    return err;
                }
            }
            Context base;
            base.pal = MakePalette(ParseHexColor(spec.brand_color).value_or(kDefaultBrand));
            base.brand = spec.brand;
            if (!spec.logo.empty()) {
                try {
                    base.logo = PrepareLogo(spec.logo);
                } catch (const vips::VError&) {
                    vips_error_clear();  // an unreadable logo is left out, not fatal
                }
            }
            std::vector<Master> out;
            Context ru = base;
            ru.lang = "ru";
            ru.product_name = spec.product_name;
            auto ru_masters = BuildLanguage(spec, spec.slides_ru, ru, photos, true);
            out.insert(out.end(), ru_masters.begin(), ru_masters.end());
            if (!spec.slides_uz.empty()) {
                Context uz = base;
                uz.lang = "uz";
                uz.product_name = spec.product_name_uz.empty() ? spec.product_name : spec.product_name_uz;
                auto uz_masters = BuildLanguage(spec, spec.slides_uz, uz, photos, false);
                out.insert(out.end(), uz_masters.begin(), uz_masters.end());
            }
            return out;
        },
        "slide rendering");
}

core::Result<Master> MasterFromImage(std::string_view bytes, SlideKind kind, std::string lang) {
    BY_TRY(internal::SniffImageHeader(bytes));
    return vipsutil::Guard<Master>(
        [&]() -> core::Result<Master> {
            VImage img = DecodeForLayout(bytes, false);
            VImage fitted = FitInside(img, kW, kH);
            Canvas canvas(kWhite);
            int x = (kW - fitted.width()) / 2, y = (kH - fitted.height()) / 2;
            canvas.Image(fitted, x, y);
            Master m = Finish(canvas, kind, lang, Rect{x, y, fitted.width(), fitted.height()}, "");
            return m;
        },
        "image import");
}

}  // namespace by::media
