// Text layout for slides (internal to media/vips/): Noto Sans through vips_text (Pango + fontconfig).
// vips_text serialises Pango internally, so these are safe from several threads.
#pragma once

#include "media/image_ops.hpp"
#include "media/vips/vips_util.hpp"

namespace by::media::vipstext {

struct Rendered {
    vips::VImage mask;  // 1-band coverage (0..255) of the laid-out text; width/height <= the box
    FittedText fit;
};

// FitText, returning the pixels too. An empty text yields a 1×1 empty mask with fit.width == 0.
Rendered FitAndRender(std::string_view text, int box_width, int box_height, const TextStyle& style);

// Largest font size (<= style.max_px) at which the text fits without being cut or broken inside a word;
// min_px if none does.
int FittingSize(std::string_view text, int box_width, int box_height, const TextStyle& style);

// Russian/Uzbek typesetting before layout: non-breaking spaces after one- and two-letter words, between a
// number and its unit, and before a dash, so lines never end on "и" or start with "г" or "—".
std::string Typeset(std::string_view text);

// The mask as an RGBA image in `color` (for compositing where a mask is not enough).
vips::VImage Colourise(const vips::VImage& mask, uint32_t color);

}  // namespace by::media::vipstext
