// S3-compatible backend of AssetStore (MinIO, AWS S3, Yandex Object Storage): NOT BUILT YET.
// The seam is ready: objects would be keyed "<prefix>ab/cdef…" with the mime in Content-Type, Put would be a
// conditional PUT (If-None-Match: *) for dedupe, and LocalPath returns nullopt. The config below is what
// app/ will pass; credentials come from the secrets file, never the main config (STYLE.md rule 8).
#pragma once

#include <chrono>
#include <string>

#include "core/error.hpp"
#include "media/asset_store.hpp"

namespace by::media {

struct S3AssetStoreConfig {
    std::string endpoint;  // "https://storage.yandexcloud.net"
    std::string region;    // "ru-central1"
    std::string bucket;
    std::string prefix;    // e.g. "assets/"
    std::string access_key_id;
    std::string secret_access_key_ref;  // name of the secret, not the secret itself
    std::chrono::milliseconds timeout{10'000};
};

// Returns Error::NotBuilt until the backend exists.
core::Result<AssetStorePtr> OpenS3AssetStore(const S3AssetStoreConfig& config);

}  // namespace by::media
