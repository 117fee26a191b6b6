#include "media/asset_store.hpp"

#include "core/encoding.hpp"

namespace by::media {

std::string AssetIdFor(std::string_view bytes) { return core::Sha256Hex(bytes); }

bool IsValidAssetId(std::string_view id) {
    if (id.size() != 64) {
        return false;
    }
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

}  // namespace by::media
