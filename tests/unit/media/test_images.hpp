// Test fixtures for the media tests: product photos drawn with vips at test time (no binaries in the repo),
// sample products, pixel helpers and the contact sheet writer. Test-only; thread-safe like vips itself.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "media/media_types.hpp"

namespace by::media::testing {

enum class PhotoStyle {
    kStudio,       // product on a clean white background (trimmed and padded by the engine)
    kBusy,         // product on a dark, textured background (kept whole, padded with light grey)
    kTransparent,  // PNG with alpha around the product
};

struct PhotoOptions {
    int width = 1600;
    int height = 1200;
    PhotoStyle style = PhotoStyle::kStudio;
    std::string format = ".jpg";  // ".jpg" | ".png" | ".webp"
    int orientation = 1;          // EXIF orientation written into the file (JPEG)
    uint32_t product_color = 0x2B6CB0;
    int shape = 0;                // 0 bottle, 1 headphones, 2 box
    bool add_metadata = true;     // EXIF + XMP in the file, to test stripping
};

// An encoded photo of a simple drawn product.
std::string MakePhoto(const PhotoOptions& options);

// A solid landscape image with a red bar along its stored left edge (for EXIF rotation tests).
std::string MakeOrientationProbe(int orientation);

// A CMYK JPEG with an embedded CMYK profile, of a flat colour given in sRGB.
std::string MakeCmykJpeg(uint32_t srgb);

// Three sample products: 0 cosmetics (studio photo, ru+uz), 1 headphones (busy + studio photos, long texts,
// ru+uz, logo), 2 no photo at all (typographic).
SlideSpec SampleProduct(int index);

// Mean RGB of a rectangle of a master.
struct Mean {
    double r = 0, g = 0, b = 0;
};
Mean MeanColor(const Master& m, const Rect& r);

// Decodes an encoded image: width, height, bands, and whether EXIF/XMP/ICC/IPTC metadata is present.
struct DecodedImage {
    int width = 0;
    int height = 0;
    int bands = 0;
    bool has_metadata = false;
    std::string interpretation;
};
DecodedImage Decode(const std::string& bytes);

// Writes rows of masters as one PNG (thumbnails with captions), returns the path.
std::filesystem::path WriteContactSheet(const std::vector<std::vector<Master>>& rows,
                                        const std::vector<std::string>& row_titles, const std::string& name);

// $BY_TEST_OUTPUT_DIR/media (default /tmp/by-test-output/media), created.
std::filesystem::path OutputDir();

}  // namespace by::media::testing
