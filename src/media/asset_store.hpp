// AssetStore: content-addressed storage for media bytes (seller photos, rendered images, videos).
//
// An asset's id is the lowercase hex SHA-256 of its bytes, so the same bytes always get the same id and are
// stored once (Put of existing bytes is a cheap no-op that returns the existing record). Ids are safe to put
// in URLs and file paths; anything that is not 64 lowercase hex digits is rejected with Error::Invalid before
// it touches storage. The mime type is stored with the first Put of the bytes.
//
// Backends: dir/ (a local directory, files under <root>/ab/cdef…, written atomically) and, later, an
// S3-compatible one (s3/) behind the same interface; only app/ chooses. The HTTP route GET /api/assets/{id}
// lives in api/ and uses Stat + Get (or LocalPath to stream a file).
//
// Thread-safety: implementations must allow concurrent calls from any number of threads and processes
// sharing the same storage; a reader never sees a partial asset.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace by::media {

struct AssetInfo {
    std::string id;    // sha256 hex of the bytes
    std::string mime;  // e.g. "image/jpeg"
    int64_t size = 0;  // bytes
};

struct Asset {
    AssetInfo info;
    std::string bytes;
};

class AssetStore {
  public:
    virtual ~AssetStore() = default;

    // Stores bytes (deduplicated by content). mime must look like "type/subtype" -> else Invalid.
    virtual core::Result<AssetInfo> Put(std::string_view bytes, std::string_view mime) = 0;
    // NotFound when absent; Invalid for a malformed id.
    virtual core::Result<Asset> Get(std::string_view id) const = 0;
    virtual core::Result<AssetInfo> Stat(std::string_view id) const = 0;
    virtual core::Result<bool> Exists(std::string_view id) const = 0;
    // A local file holding the bytes, when the backend has one (dir: yes; S3: no).
    virtual std::optional<std::filesystem::path> LocalPath(std::string_view id) const = 0;
};
using AssetStorePtr = std::unique_ptr<AssetStore>;

// The id of these bytes (sha256 hex), as Put would return it.
std::string AssetIdFor(std::string_view bytes);
// 64 lowercase hex digits.
bool IsValidAssetId(std::string_view id);

}  // namespace by::media
