// Pure helpers of the image API: which masters a marketplace gets, and colour parsing.
#include <algorithm>

#include "media/image_ops.hpp"

namespace by::media {

std::optional<uint32_t> ParseHexColor(std::string_view text) {
    if (!text.empty() && text.front() == '#') {
        text.remove_prefix(1);
    }
    if (text.size() != 6) {
        return std::nullopt;
    }
    uint32_t v = 0;
    for (char c : text) {
        int d;
        if (c >= '0' && c <= '9') {
            d = c - '0';
        } else if (c >= 'a' && c <= 'f') {
            d = c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            d = c - 'A' + 10;
        } else {
            return std::nullopt;
        }
        v = (v << 4) | uint32_t(d);
    }
    return v;
}

std::vector<const Master*> SelectForMarketplace(const std::vector<Master>& masters, const MarketplaceMediaSpec& spec) {
    std::string lang = spec.text_lang;
    bool has_lang = std::any_of(masters.begin(), masters.end(), [&](const Master& m) { return m.lang == lang; });
    if (!has_lang) {
        lang = "ru";
    }
    auto wanted = [&](const Master& m) { return m.lang.empty() || m.lang == lang; };
    const SlideKind order[] = {SlideKind::kMainPhoto, SlideKind::kCover, SlideKind::kPhoto, SlideKind::kInfographic,
                               SlideKind::kSummary};
    std::vector<const Master*> out;
    size_t cap = size_t(std::clamp(spec.max_images, 1, 10));
    for (SlideKind kind : order) {
        for (const Master& m : masters) {
            if (m.kind == kind && wanted(m) && out.size() < cap) {
                // One lead image only: a cover stands in for the main photo, never beside it.
                if (kind == SlideKind::kCover && !out.empty()) {
                    continue;
                }
                out.push_back(&m);
            }
        }
    }
    return out;
}

}  // namespace by::media
