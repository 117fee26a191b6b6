// The engines the stages call, as seams implemented in app/ over media/, marketplaces/ and vault/.
// Keeping them here means the pipeline depends on interfaces only (STYLE rule 2).
// Thread-safety: implementations are called from many worker threads at once.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "core/product.hpp"
#include "marketplaces/adapter.hpp"
#include "store/store.hpp"

namespace by::pipeline {

// Images and video, once per product, then per marketplace.
class MediaService {
  public:
    virtual ~MediaService() = default;
    // Base slides (3:4 masters) from the seller's photos and the slide texts of `content`
    // ({marketplace: CardContent json}). Output: {"ru": [asset ids], "uz": [asset ids]?}.
    virtual core::Result<nlohmann::json> BuildSlides(const core::Product& product, const nlohmann::json& content) = 0;
    // The product video from the slides. Output: {"video": asset id, "seconds": 15, ...}.
    virtual core::Result<nlohmann::json> MakeVideo(const core::Product& product, const nlohmann::json& slides,
                                                   const nlohmann::json& content) = 0;
    // One marketplace's images from the slides. Output: {"images": [asset ids]}.
    virtual core::Result<nlohmann::json> RenderImages(const core::Product& product, const nlohmann::json& slides,
                                                      const nlohmann::json& content, core::Marketplace marketplace) = 0;
};

struct CardToPublish {
    store::CardRow card;
    core::Product product;
};

// Publishing through the marketplace adapters with the partner's credentials (decrypted only here,
// audited, wiped after the call).
class PublishService {
  public:
    virtual ~PublishService() = default;
    virtual size_t BatchLimit(core::Marketplace marketplace) const = 0;
    virtual core::Result<std::vector<marketplaces::PublishOutcome>> Publish(const std::string& partner_id,
                                                                            core::Marketplace marketplace,
                                                                            const std::vector<CardToPublish>& batch,
                                                                            const std::string& job_id) = 0;
    virtual core::Result<std::vector<marketplaces::PublishOutcome>> Poll(
        const std::string& partner_id, core::Marketplace marketplace,
        const std::vector<marketplaces::PublishOutcome>& submitted, const std::string& job_id) = 0;
    // Pushes the product's current price and stock to a live card. Output: what was sent. `previous`
    // is the last sync's output ({} for none): a price the marketplace already has is not sent again
    // (Ozon allows 10 price changes a product an hour; WB refuses a price it has).
    virtual core::Result<nlohmann::json> Sync(const store::CardRow& card, const core::Product& product,
                                              const nlohmann::json& previous, const std::string& job_id) = 0;
};

}  // namespace by::pipeline
