#include "api/media_links.hpp"

#include <sodium.h>

#include "core/encoding.hpp"

namespace by::api {

std::string MediaLinks::Signature(std::string_view asset_id, int64_t expires_unix) const {
    std::string message = std::string(asset_id) + "\n" + std::to_string(expires_unix);
    // 128 bits of the HMAC are plenty against forgery and keep the URL short.
    return core::HmacSha256Hex(key_, message).substr(0, 32);
}

std::string MediaLinks::Sign(std::string_view asset_id, std::string_view ext, int64_t expires_unix) const {
    return base_url_ + "/media/" + std::string(asset_id) + "." + std::string(ext) +
           "?e=" + std::to_string(expires_unix) + "&s=" + Signature(asset_id, expires_unix);
}

bool MediaLinks::Verify(std::string_view asset_id, int64_t expires_unix, std::string_view signature,
                        int64_t now_unix) const {
    if (key_.empty() || expires_unix < now_unix || signature.size() != 32) return false;
    std::string expected = Signature(asset_id, expires_unix);
    return sodium_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

std::string_view ExtensionForMime(std::string_view mime) {
    if (mime == "image/jpeg") return "jpg";
    if (mime == "image/png") return "png";
    if (mime == "image/webp") return "webp";
    if (mime == "video/mp4") return "mp4";
    if (mime == "video/quicktime") return "mov";
    return "bin";
}

}  // namespace by::api
