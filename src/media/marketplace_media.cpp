#include "media/marketplace_media.hpp"

#include <algorithm>
#include <array>

namespace by::media {
namespace {

constexpr int64_t kMB = 1024 * 1024;

std::array<MarketplaceMediaSpec, 4> MakeTable() {
    std::array<MarketplaceMediaSpec, 4> t;

    // Wildberries: >=700×900, <=32 MB, quality >=65, <=30 images, 3:4 recommended at 900×1200 (README §1c;
    // CONTENT §4 R-I-2/3). 1 video <=50 MB, MOV/MP4.
    auto& wb = t[0];
    wb.marketplace = core::Marketplace::kWildberries;
    wb.width = 900;
    wb.height = 1200;
    wb.min_width = 700;
    wb.min_height = 900;
    wb.max_image_bytes = 32 * kMB;
    wb.max_images = 30;
    wb.max_video_bytes = 50 * kMB;
    wb.min_video_seconds = 1;
    wb.max_video_seconds = 300;  // UNCONFIRMED

    // Ozon: JPG/PNG, 3:4 shown uncropped, <=15 images per API import; byte limit UNCONFIRMED (a C source says
    // 10 MB, we keep to it). Video MP4/MOV, 8 s–5 min, longest side 1080–1920, <=100 MB (cabinet upload).
    auto& oz = t[1];
    oz.marketplace = core::Marketplace::kOzon;
    oz.max_image_bytes = 10 * kMB;
    oz.max_images = 15;
    oz.max_video_bytes = 100 * kMB;
    oz.min_video_seconds = 8;
    oz.max_video_seconds = 300;

    // Yandex Market: 1–30 pictures, no alpha (legacy), >=600 px for zoom (legacy). Byte limit UNCONFIRMED:
    // 10 MB as for Ozon. Video limits UNCONFIRMED: WB's 50 MB.
    auto& ym = t[2];
    ym.marketplace = core::Marketplace::kYandex;
    ym.min_width = 600;
    ym.min_height = 600;
    ym.max_image_bytes = 10 * kMB;
    ym.max_images = 30;
    ym.max_video_bytes = 50 * kMB;
    ym.min_video_seconds = 1;
    ym.max_video_seconds = 300;

    // Uzum: 1080×1440 3:4 (third-party claim), both languages mandatory; byte and count limits UNCONFIRMED,
    // so 5 MB and 10. Infographics in Uzbek Latin.
    auto& uz = t[3];
    uz.marketplace = core::Marketplace::kUzum;
    uz.max_image_bytes = 5 * kMB;
    uz.max_images = 10;
    uz.text_lang = "uz";
    uz.max_video_bytes = 50 * kMB;
    uz.min_video_seconds = 1;
    uz.max_video_seconds = 300;
    return t;
}

const std::array<MarketplaceMediaSpec, 4>& Table() {
    static const std::array<MarketplaceMediaSpec, 4> table = MakeTable();
    return table;
}

}  // namespace

const MarketplaceMediaSpec& MediaSpecFor(core::Marketplace m) {
    for (const auto& s : Table()) {
        if (s.marketplace == m) {
            return s;
        }
    }
    return Table()[0];
}

int64_t VideoByteLimitForAll() {
    int64_t limit = INT64_MAX;
    for (const auto& s : Table()) {
        limit = std::min(limit, s.max_video_bytes);
    }
    return limit;
}

std::string_view SlideKindName(SlideKind kind) {
    switch (kind) {
        case SlideKind::kMainPhoto:
            return "main";
        case SlideKind::kPhoto:
            return "photo";
        case SlideKind::kInfographic:
            return "infographic";
        case SlideKind::kCover:
            return "cover";
        case SlideKind::kSummary:
            return "summary";
    }
    return "unknown";
}

std::optional<SlideKind> ParseSlideKind(std::string_view name) {
    for (SlideKind k : {SlideKind::kMainPhoto, SlideKind::kPhoto, SlideKind::kInfographic, SlideKind::kCover,
                        SlideKind::kSummary}) {
        if (SlideKindName(k) == name) return k;
    }
    return std::nullopt;
}

std::string_view ImageFormatMime(ImageFormat f) {
    switch (f) {
        case ImageFormat::kJpeg:
            return "image/jpeg";
        case ImageFormat::kPng:
            return "image/png";
        case ImageFormat::kWebp:
            return "image/webp";
    }
    return "application/octet-stream";
}

std::string_view ImageFormatExt(ImageFormat f) {
    switch (f) {
        case ImageFormat::kJpeg:
            return "jpg";
        case ImageFormat::kPng:
            return "png";
        case ImageFormat::kWebp:
            return "webp";
    }
    return "bin";
}

}  // namespace by::media
