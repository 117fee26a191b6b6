// Downloads a media URL and checks it against one marketplace's rules (formats, pixel minimum, byte
// limit), as the marketplaces do with the links they receive. Downloads of the same URL are cached
// (successful ones, up to 4,096 entries), so re-sending a card does not fetch its files again.
// Thread-safety: all methods may be called from any thread; CheckAll fetches up to 8 URLs in parallel.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "sandbox/common/media.hpp"

namespace by::sandbox {

// kAny: decided by content (a video container is judged as a video, anything else as an image).
enum class MediaKind { kImage, kVideo, kAny };

struct MediaRules {
    std::set<MediaFormat> image_formats;  // accepted image formats
    std::set<MediaFormat> video_formats;  // accepted video formats
    bool allow_animated = false;
    int min_width = 0;   // pixels; 0 = no minimum
    int min_height = 0;
    size_t max_image_bytes = 64u * 1024 * 1024;
    size_t max_video_bytes = 64u * 1024 * 1024;
};

struct MediaVerdict {
    std::string url;
    MediaKind kind = MediaKind::kImage;
    bool ok = false;
    // "" when ok; otherwise one of: download_failed, http_status, not_media, format, animated, too_small,
    // too_large.
    std::string problem;
    std::string detail;  // English, for logs and error texts
    MediaInfo info;
    size_t bytes = 0;
};

class MediaChecker {
  public:
    explicit MediaChecker(int64_t timeout_ms) : timeout_ms_(timeout_ms) {}

    MediaVerdict Check(const std::string& url, MediaKind kind, const MediaRules& rules);
    // Checks every (url, kind) and returns the verdicts in the same order.
    std::vector<MediaVerdict> CheckAll(const std::vector<std::pair<std::string, MediaKind>>& items,
                                       const MediaRules& rules);
    // Number of HTTP downloads made so far (cache hits excluded).
    int64_t downloads() const;

  private:
    struct Cached {
        MediaInfo info;
        size_t bytes = 0;
    };
    int64_t timeout_ms_;
    mutable std::mutex mu_;
    std::map<std::string, Cached> cache_;  // guarded by mu_
    int64_t downloads_ = 0;                // guarded by mu_
};

}  // namespace by::sandbox
