#include "sandbox/common/media_check.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "sandbox/fetch.hpp"

namespace by::sandbox {
namespace {

constexpr size_t kCacheMax = 4096;

MediaVerdict Judge(MediaVerdict v, const MediaRules& rules) {
    const MediaInfo& info = v.info;
    auto fail = [&](std::string problem, std::string detail) {
        v.ok = false;
        v.problem = std::move(problem);
        v.detail = std::move(detail);
        return v;
    };
    if (info.format == MediaFormat::kUnknown) {
        return fail("not_media", "the link does not lead to an image or video file");
    }
    if (v.kind == MediaKind::kAny) {
        v.kind = info.is_video() ? MediaKind::kVideo : MediaKind::kImage;
    }
    if (v.kind == MediaKind::kImage) {
        if (!rules.image_formats.count(info.format)) {
            return fail("format", "image format " + std::string(MediaFormatName(info.format)) + " is not accepted");
        }
        if (info.animated && !rules.allow_animated) {
            return fail("animated", "animated images are not accepted");
        }
        if (v.bytes > rules.max_image_bytes) {
            return fail("too_large", "image is larger than " + std::to_string(rules.max_image_bytes) + " bytes");
        }
        if ((rules.min_width > 0 && info.width < rules.min_width) ||
            (rules.min_height > 0 && info.height < rules.min_height)) {
            return fail("too_small", "image is " + std::to_string(info.width) + "x" + std::to_string(info.height) +
                                         ", the minimum is " + std::to_string(rules.min_width) + "x" +
                                         std::to_string(rules.min_height));
        }
    } else {
        if (!rules.video_formats.count(info.format)) {
            return fail("format", "video format " + std::string(MediaFormatName(info.format)) + " is not accepted");
        }
        if (v.bytes > rules.max_video_bytes) {
            return fail("too_large", "video is larger than " + std::to_string(rules.max_video_bytes) + " bytes");
        }
    }
    v.ok = true;
    v.problem.clear();
    v.detail.clear();
    return v;
}

}  // namespace

MediaVerdict MediaChecker::Check(const std::string& url, MediaKind kind, const MediaRules& rules) {
    MediaVerdict v;
    v.url = url;
    v.kind = kind;
    {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = cache_.find(url);
        if (it != cache_.end()) {
            v.info = it->second.info;
            v.bytes = it->second.bytes;
            return Judge(std::move(v), rules);
        }
        ++downloads_;
    }
    size_t cap = std::max(rules.max_image_bytes, rules.max_video_bytes);
    FetchRequest req;
    req.url = url;
    req.timeout_ms = timeout_ms_;
    req.max_bytes = cap + 1;  // one byte over the limit tells "too large" from "exactly the limit"
    auto r = HttpFetch(req);
    if (!r.ok()) {
        v.problem = "download_failed";
        v.detail = r.error().message;
        return v;
    }
    if (r->status < 200 || r->status >= 300) {
        v.problem = "http_status";
        v.detail = "the link answered HTTP " + std::to_string(r->status);
        return v;
    }
    v.info = SniffMedia(r->body);
    v.bytes = r->truncated ? cap + 1 : r->body.size();
    if (v.info.format != MediaFormat::kUnknown && !r->truncated) {
        std::lock_guard<std::mutex> lock(mu_);
        if (cache_.size() >= kCacheMax) {
            cache_.erase(cache_.begin());
        }
        cache_[url] = Cached{v.info, v.bytes};
    }
    return Judge(std::move(v), rules);
}

std::vector<MediaVerdict> MediaChecker::CheckAll(const std::vector<std::pair<std::string, MediaKind>>& items,
                                                 const MediaRules& rules) {
    std::vector<MediaVerdict> out(items.size());
    if (items.size() <= 1) {
        for (size_t i = 0; i < items.size(); ++i) {
            out[i] = Check(items[i].first, items[i].second, rules);
        }
        return out;
    }
    std::atomic<size_t> next{0};
    size_t workers = std::min<size_t>(8, items.size());
    std::vector<std::thread> pool;
    pool.reserve(workers);
    for (size_t w = 0; w < workers; ++w) {
        pool.emplace_back([&] {
            for (size_t i = next++; i < items.size(); i = next++) {
                out[i] = Check(items[i].first, items[i].second, rules);
            }
        });
    }
    for (auto& t : pool) {
        t.join();
    }
    return out;
}

int64_t MediaChecker::downloads() const {
    std::lock_guard<std::mutex> lock(mu_);
    return downloads_;
}

}  // namespace by::sandbox
