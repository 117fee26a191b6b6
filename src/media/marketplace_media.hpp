// Per-marketplace media limits, as one table (marketplace-api/README.md "Media", CONTENT.md §4–5 and §10
// R-I-*/R-V-*). Where a limit is UNCONFIRMED we pick the conservative value and say so next to it.
// Pure data; safe from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "core/domain.hpp"
#include "media/media_types.hpp"

namespace by::media {

struct MarketplaceMediaSpec {
    core::Marketplace marketplace = core::Marketplace::kWildberries;
    int width = kMasterWidth;    // output size; every marketplace gets 3:4
    int height = kMasterHeight;
    int min_width = 0;           // hard minimum the marketplace enforces (0 = unknown)
    int min_height = 0;
    ImageFormat format = ImageFormat::kJpeg;
    int quality = 88;            // first JPEG/WebP quality tried (CONTENT.md: deliver >=85)
    int min_quality = 80;        // lowest quality tried when squeezing under max_image_bytes
    int64_t max_image_bytes = 0;
    int max_images = 10;         // what we send per card (we never make more than 10)
    bool main_without_text = true;  // slide 1 is the photo alone (R-I-9)
    std::string text_lang = "ru";   // language of infographic text: "ru" or "uz"
    int64_t max_video_bytes = 0;
    int min_video_seconds = 0;
    int max_video_seconds = 0;
};

// The table. Never fails: every core::Marketplace has an entry.
const MarketplaceMediaSpec& MediaSpecFor(core::Marketplace m);

// The strictest video byte limit over all marketplaces (WB: 50 MB), so one video fits everywhere.
int64_t VideoByteLimitForAll();

}  // namespace by::media
