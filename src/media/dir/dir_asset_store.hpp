// Directory backend of AssetStore. Layout: <root>/ab/cdef… (the id split after two hex digits) holds the
// bytes and <root>/ab/cdef….mime the mime type. Writes go to <root>/tmp/ then rename(2) into place (atomic on
// one filesystem), the .mime first and the bytes last, so an asset exists exactly when its bytes file does.
// Concurrent Puts of the same bytes race harmlessly: both write identical content and the last rename wins.
// Thread- and process-safe; no locks. Include only from app/ wiring and tests.
#pragma once

#include <filesystem>

#include "core/error.hpp"
#include "media/asset_store.hpp"

namespace by::media {

struct DirAssetStoreOptions {
    std::filesystem::path root;  // created if missing
    bool fsync = true;           // fsync file and directory on Put (durable across power loss; ~ms per Put)
};

core::Result<AssetStorePtr> OpenDirAssetStore(const DirAssetStoreOptions& options);

}  // namespace by::media
