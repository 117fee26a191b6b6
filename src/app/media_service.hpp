// The pipeline's MediaService over media/: masters (slides) once per product, the video, and each
// marketplace's images; every file goes to the asset store and gets an asset row owned by the partner.
// The slides stage draws a product's masters once and stores them as assets (listed in its output); the
// video and images stages read them back, whichever process runs them, and a small in-memory cache saves
// even that between the stages of a product. Slides outputs from before masters were stored are redrawn. Thread-safety: safe from many workers; the cache is guarded by a mutex.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "media/asset_store.hpp"
#include "media/media_types.hpp"
#include "pipeline/services.hpp"
#include "store/store.hpp"

namespace by::app {

// What media::BuildMasters gets for a product: its name and brand, `photos` (encoded, in the seller's
// order), and the slide texts of the content stage's output `content` ({marketplace: CardContent json}):
// Russian from the first of WB, Ozon, Yandex, Uzum that has slides, Uzbek from Uzum or Yandex, and the
// Uzbek name from Uzum's texts. The pipeline and `generate` both build their slides through it.
media::SlideSpec SlideSpecFor(const core::Product& product, const nlohmann::json& content,
                              std::vector<std::string> photos);

class AppMediaService final : public pipeline::MediaService {
  public:
    AppMediaService(store::Store& store, media::AssetStore& assets, const core::Clock& clock)
        : store_(store), assets_(assets), clock_(clock) {}

    core::Result<nlohmann::json> BuildSlides(const core::Product& product, const nlohmann::json& content) override;
    core::Result<nlohmann::json> MakeVideo(const core::Product& product, const nlohmann::json& slides,
                                           const nlohmann::json& content) override;
    core::Result<nlohmann::json> RenderImages(const core::Product& product, const nlohmann::json& slides,
                                              const nlohmann::json& content, core::Marketplace marketplace) override;

    // Stores bytes as an asset row of the partner; returns the asset id.
    core::Result<std::string> SaveAsset(const std::string& partner_id, const std::string& bytes,
                                        const std::string& mime, const std::string& kind, int width, int height);

  private:
    using Masters = std::shared_ptr<const std::vector<media::Master>>;
    // `slides`: the slides stage's output (stored masters under "items"); empty when drawing them now.
    core::Result<Masters> MastersFor(const core::Product& product, const nlohmann::json& slides,
                                     const nlohmann::json& content);

    store::Store& store_;
    media::AssetStore& assets_;
    const core::Clock& clock_;
    std::mutex mu_;
    std::list<std::pair<std::string, Masters>> cache_;  // guarded by mu_; most recent first, a few products
};

}  // namespace by::app
