// InspectUpload: by content, never by name; limits checked before decoding.
#include <gtest/gtest.h>

#include <cstring>

#include "media/image_ops.hpp"
#include "test_images.hpp"

namespace by::media {
namespace {

using testing::MakePhoto;
using testing::PhotoOptions;
using testing::PhotoStyle;

TEST(InspectUpload, AcceptsJpegPngWebp) {
    for (const char* fmt : {".jpg", ".png", ".webp"}) {
        PhotoOptions o;
        o.width = 640;
        o.height = 480;
        o.format = fmt;
        auto r = InspectUpload(MakePhoto(o));
        ASSERT_TRUE(r.ok()) << fmt << ": " << r.error().ToString();
        EXPECT_EQ(r->width, 640) << fmt;
        EXPECT_EQ(r->height, 480) << fmt;
    }
    PhotoOptions o;
    o.width = 320;
    o.height = 200;
    EXPECT_EQ(InspectUpload(MakePhoto(o))->mime, "image/jpeg");
    o.format = ".png";
    EXPECT_EQ(InspectUpload(MakePhoto(o))->mime, "image/png");
    o.format = ".webp";
    EXPECT_EQ(InspectUpload(MakePhoto(o))->mime, "image/webp");
}

TEST(InspectUpload, PngNamedJpgIsReportedAsPng) {
    // The client says "photo.jpg" / image/jpeg; we only look at the bytes.
    PhotoOptions o;
    o.width = 300;
    o.height = 300;
    o.format = ".png";
    auto r = InspectUpload(MakePhoto(o));
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->mime, "image/png");
}

TEST(InspectUpload, TruncatedJpegIs415) {
    PhotoOptions o;
    o.width = 800;
    o.height = 600;
    std::string jpeg = MakePhoto(o);
    std::string cut = jpeg.substr(0, jpeg.size() / 2);
    auto r = InspectUpload(cut);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnsupportedMedia) << r.error().ToString();
    // Cut inside the header too.
    auto r2 = InspectUpload(jpeg.substr(0, 40));
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().code, core::ErrorCode::kUnsupportedMedia);
}

TEST(InspectUpload, TruncatedPngIs415) {
    PhotoOptions o;
    o.width = 400;
    o.height = 400;
    o.format = ".png";
    std::string png = MakePhoto(o);
    auto r = InspectUpload(png.substr(0, png.size() * 2 / 3));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnsupportedMedia);
}

TEST(InspectUpload, NotAnImageIs415) {
    for (std::string bytes : {std::string("hello, this is a text file pretending to be a photo"),
                              std::string("GIF89a\x01\x00\x01\x00\x00\x00\x00", 13), std::string("%PDF-1.7\n"),
                              std::string("\xFF\xD8\xFF", 3), std::string()}) {
        auto r = InspectUpload(bytes);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, core::ErrorCode::kUnsupportedMedia) << bytes;
    }
}

TEST(InspectUpload, OverByteLimitIs413) {
    PhotoOptions o;
    o.width = 640;
    o.height = 480;
    std::string jpeg = MakePhoto(o);
    auto r = InspectUpload(jpeg, int64_t(jpeg.size()) - 1);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kTooLarge);
    EXPECT_TRUE(InspectUpload(jpeg, int64_t(jpeg.size())).ok());
}

// A PNG whose header claims 100000×100000 (10 Gpx) over a few bytes of data: refused from the header alone.
TEST(InspectUpload, HugeHeaderDimensionsRefusedBeforeDecoding) {
    PhotoOptions o;
    o.width = 64;
    o.height = 64;
    o.format = ".png";
    std::string png = MakePhoto(o);
    auto put32 = [&](size_t at, uint32_t v) {
        png[at] = char(v >> 24);
        png[at + 1] = char(v >> 16);
        png[at + 2] = char(v >> 8);
        png[at + 3] = char(v);
    };
    put32(16, 100000);
    put32(20, 100000);
    auto r = InspectUpload(png);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnprocessable) << r.error().ToString();

    // The same for a JPEG frame header (65000×65000).
    std::string jpeg = MakePhoto(PhotoOptions{640, 480});
    for (size_t i = 2; i + 9 < jpeg.size(); ++i) {
        auto m = static_cast<unsigned char>(jpeg[i + 1]);
        if (static_cast<unsigned char>(jpeg[i]) == 0xFF && (m == 0xC0 || m == 0xC2)) {
            jpeg[i + 5] = char(0xFD);
            jpeg[i + 6] = char(0xE8);
            jpeg[i + 7] = char(0xFD);
            jpeg[i + 8] = char(0xE8);
            break;
        }
    }
    auto rj = InspectUpload(jpeg);
    ASSERT_FALSE(rj.ok());
    EXPECT_EQ(rj.error().code, core::ErrorCode::kUnprocessable);

    // And a smaller pixel limit applies to honest images too.
    auto small = InspectUpload(MakePhoto(PhotoOptions{640, 480}), 25 << 20, 100'000);
    ASSERT_FALSE(small.ok());
    EXPECT_EQ(small.error().code, core::ErrorCode::kUnprocessable);
}

TEST(InspectUpload, HeaderThatLiesAboutSizeIs415) {
    PhotoOptions o;
    o.width = 64;
    o.height = 64;
    o.format = ".png";
    std::string png = MakePhoto(o);
    png[19] = char(65);  // width 64 -> 65 in IHDR; the data no longer matches
    auto r = InspectUpload(png);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnsupportedMedia);
}

TEST(InspectUpload, ReportsDisplayedSizeAfterExifOrientation) {
    PhotoOptions o;
    o.width = 900;
    o.height = 600;  // displayed landscape
    o.orientation = 6;  // stored as 600×900
    auto r = InspectUpload(MakePhoto(o));
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->orientation, 6);
    EXPECT_EQ(r->width, 900);
    EXPECT_EQ(r->height, 600);
}

}  // namespace
}  // namespace by::media
