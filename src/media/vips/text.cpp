#include "media/vips/text.hpp"

#include <algorithm>
#include <filesystem>

namespace by::media::vipstext {
namespace {

constexpr const char* kRegularFile = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* kBoldFile = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
constexpr const char* kEllipsis = "\xE2\x80\xA6";

const char* FontFile(bool bold) {
    // Loading the file registers it with fontconfig for this process, so "Noto Sans" resolves even where the
    // font is not in the system configuration. When the file is absent we rely on fontconfig alone.
    static const bool have_regular = std::filesystem::exists(kRegularFile);
    static const bool have_bold = std::filesystem::exists(kBoldFile);
    if (bold) {
        return have_bold ? kBoldFile : nullptr;
    }
    return have_regular ? kRegularFile : nullptr;
}

// One-band 8-bit mask of the text laid out `width` wide.
vips::VImage Mask(const std::string& markup, int px, int width, const TextStyle& style,
                  VipsTextWrap wrap = VIPS_TEXT_WRAP_WORD) {
    std::string font = std::string(style.bold ? "Noto Sans Bold " : "Noto Sans ") + std::to_string(px) + "px";
    auto* opt = vips::VImage::option()
                    ->set("font", font.c_str())
                    ->set("width", width)
                    ->set("dpi", 72)
                    ->set("wrap", wrap)
                    ->set("align", style.center ? VIPS_ALIGN_CENTRE : VIPS_ALIGN_LOW);
    if (const char* file = FontFile(style.bold)) {
        opt->set("fontfile", file);
    }
    return vips::VImage::text(markup.c_str(), opt);
}

bool Fits(const vips::VImage& m, int box_w, int box_h) { return m.width() <= box_w && m.height() <= box_h; }

// Splits UTF-8 text into words at ASCII spaces (and newlines, which are kept as separators).
std::vector<std::string> Words(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t') {
            if (!cur.empty()) {
                out.push_back(cur);
                cur.clear();
            }
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) {
        out.push_back(cur);
    }
    return out;
}

// Byte offsets of UTF-8 code point starts.
std::vector<size_t> CodePointStarts(std::string_view s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            out.push_back(i);
        }
    }
    return out;
}

std::string Join(const std::vector<std::string>& words, size_t n) {
    std::string out;
    for (size_t i = 0; i < n && i < words.size(); ++i) {
        if (i) {
            out += ' ';
        }
        out += words[i];
    }
    return out;
}

bool IsLetterWord(std::string_view w) {
    // ASCII letters or 2-byte UTF-8 letters (Cyrillic, Latin-1/Extended: all lead bytes 0xC3..0xD4).
    for (size_t i = 0; i < w.size(); ++i) {
        auto c = static_cast<unsigned char>(w[i]);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            continue;
        }
        if (c >= 0xC3 && c <= 0xD4 && i + 1 < w.size()) {
            ++i;
            continue;
        }
        return false;
    }
    return !w.empty();
}

size_t CodePoints(std::string_view w) {
    size_t n = 0;
    for (char c : w) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

}  // namespace

std::string Typeset(std::string_view text) {
    static const std::string kNbsp = "\xC2\xA0";
    std::vector<std::string_view> words;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == ' ') {
            words.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    std::string out;
    out.reserve(text.size() + 16);
    for (size_t i = 0; i < words.size(); ++i) {
        out += words[i];
        if (i + 1 == words.size()) {
            break;
        }
        std::string_view a = words[i], b = words[i + 1];
        bool glue = false;
        // A one- or two-letter word (в, с, и, на, до, va) stays with the next word.
        glue |= IsLetterWord(a) && CodePoints(a) <= 2;
        // A number stays with its unit: 50 мл, 100 г, 40 мм, 80 °C, 12 oy.
        glue |= !a.empty() && a.back() >= '0' && a.back() <= '9' && !b.empty() && CodePoints(b) <= 4 &&
                (IsLetterWord(b) || b == "%" || b.rfind("\xC2\xB0", 0) == 0);
        // A dash never starts a line.
        glue |= b.rfind("\xE2\x80\x94", 0) == 0 || b.rfind("\xE2\x80\x93", 0) == 0;
        out += glue ? kNbsp : " ";
    }
    return out;
}

vips::VImage Colourise(const vips::VImage& mask, uint32_t color) {
    vips::VImage ink = mask.new_from_image(vipsutil::Vec(vipsutil::FromHex(color))).cast(VIPS_FORMAT_UCHAR);
    return ink.bandjoin(mask).copy(vips::VImage::option()->set("interpretation", VIPS_INTERPRETATION_sRGB));
}

int FittingSize(std::string_view text, int box_width, int box_height, const TextStyle& style) {
    std::string markup = vipsutil::EscapeMarkup(text);
    int lo = std::max(1, std::min(style.min_px, style.max_px));
    int hi = std::max(lo, style.max_px);
    if (Fits(Mask(markup, hi, box_width, style), box_width, box_height)) {
        return hi;
    }
    if (!Fits(Mask(markup, lo, box_width, style), box_width, box_height)) {
        return lo;
    }
    // Invariant: lo fits, hi does not.
    while (hi - lo > 1) {
        int mid = (lo + hi) / 2;
        if (Fits(Mask(markup, mid, box_width, style), box_width, box_height)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

Rendered FitAndRender(std::string_view text, int box_width, int box_height, const TextStyle& style) {
    Rendered out;
    box_width = std::max(1, box_width);
    box_height = std::max(1, box_height);
    if (Words(text).empty()) {
        out.mask = vips::VImage::black(1, 1);
        return out;
    }
    const std::string typeset = Typeset(text);
    text = typeset;
    int px = FittingSize(text, box_width, box_height, style);
    std::string shown(text);
    vips::VImage mask = Mask(vipsutil::EscapeMarkup(shown), px, box_width, style);
    if (!Fits(mask, box_width, box_height)) {
        // A word wider than the box even at min_px: allow breaks inside words before cutting anything.
        mask = Mask(vipsutil::EscapeMarkup(shown), px, box_width, style, VIPS_TEXT_WRAP_WORD_CHAR);
    }
    bool truncated = false;
    if (!Fits(mask, box_width, box_height)) {
        // Even the smallest size overflows: keep as many words as fit, then "…".
        truncated = true;
        std::vector<std::string> words = Words(text);
        size_t lo = 0, hi = words.size();  // lo words + "…" fit (0 is checked below), hi do not
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (Fits(Mask(vipsutil::EscapeMarkup(Join(words, mid) + kEllipsis), px, box_width, style,
                          VIPS_TEXT_WRAP_WORD_CHAR),
                     box_width, box_height)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        if (lo > 0) {
            shown = Join(words, lo) + kEllipsis;
        } else {
            // Not even one word: cut the first word at a code point.
            std::string first = words.front();
            std::vector<size_t> starts = CodePointStarts(first);
            size_t clo = 0, chi = starts.size();
            while (chi - clo > 1) {
                size_t mid = (clo + chi) / 2;
                if (Fits(Mask(vipsutil::EscapeMarkup(first.substr(0, starts[mid]) + kEllipsis), px, box_width, style,
                              VIPS_TEXT_WRAP_WORD_CHAR),
                         box_width, box_height)) {
                    clo = mid;
                } else {
                    chi = mid;
                }
            }
            shown = clo > 0 ? first.substr(0, starts[clo]) + kEllipsis : std::string(kEllipsis);
        }
        mask = Mask(vipsutil::EscapeMarkup(shown), px, box_width, style, VIPS_TEXT_WRAP_WORD_CHAR);
        if (!Fits(mask, box_width, box_height)) {
            // A box smaller than one line of min_px: draw nothing rather than overflow.
            mask = vips::VImage::black(1, 1);
            shown.clear();
        }
    }
    out.mask = mask;
    out.fit.width = shown.empty() ? 0 : mask.width();
    out.fit.height = shown.empty() ? 0 : mask.height();
    out.fit.font_px = px;
    out.fit.truncated = truncated;
    out.fit.text = shown;
    return out;
}

}  // namespace by::media::vipstext

namespace by::media {

core::Result<FittedText> FitText(std::string_view text, int box_width, int box_height, const TextStyle& style) {
    if (box_width <= 0 || box_height <= 0) {
        return core::Error::Invalid("text box must have a positive size");
    }
    return vipsutil::Guard<FittedText>(
        [&]() -> core::Result<FittedText> { return vipstext::FitAndRender(text, box_width, box_height, style).fit; },
        "text layout");
}

}  // namespace by::media
