// Signed public links to media files, for the marketplaces to download (WB media/save, Ozon images,
// Yandex pictures and videos fetch by URL; ARCHITECTURE §5). A link names the asset row, an expiry and
// an HMAC-SHA256 of both under a deployment-wide key: nobody can make or extend one without the key,
// and it stops working after the expiry. Thread-safety: immutable after construction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace by::api {

class MediaLinks {
  public:
    MediaLinks() = default;
    // key: at least 16 random bytes shared by every server of a deployment; base_url: how the
    // marketplaces reach us (no trailing slash).
    MediaLinks(std::string key, std::string base_url) : key_(std::move(key)), base_url_(std::move(base_url)) {}

    bool enabled() const { return !key_.empty(); }
    // <base>/media/<asset_id>.<ext>?e=<expires_unix>&s=<signature>
    std::string Sign(std::string_view asset_id, std::string_view ext, int64_t expires_unix) const;
    // True when `signature` is this key's for (asset_id, expires_unix) and the link has not expired.
    bool Verify(std::string_view asset_id, int64_t expires_unix, std::string_view signature, int64_t now_unix) const;

  private:
    std::string Signature(std::string_view asset_id, int64_t expires_unix) const;
    std::string key_;
    std::string base_url_;
};

// The file extension marketplaces expect for a mime type ("image/jpeg" -> "jpg"); "bin" when unknown.
std::string_view ExtensionForMime(std::string_view mime);

}  // namespace by::api
