#include "media/s3/s3_asset_store.hpp"

namespace by::media {

core::Result<AssetStorePtr> OpenS3AssetStore(const S3AssetStoreConfig& /*config*/) {
    return core::Error::NotBuilt("the S3 asset store is not built yet; use the directory store");
}

}  // namespace by::media
