#include "pipeline/stages/media_stages.hpp"

namespace by::pipeline {

core::Result<StageOutput> SlidesStage::Run(const StageInput& in) {
    BY_ASSIGN(auto slides, media_.BuildSlides(in.product, in.product_outputs.value("content", nlohmann::json::object())));
    StageOutput out;
    out.output = std::move(slides);
    return out;
}

core::Result<StageOutput> VideoStage::Run(const StageInput& in) {
    BY_ASSIGN(auto video, media_.MakeVideo(in.product, in.product_outputs.value("slides", nlohmann::json::object()),
                                           in.product_outputs.value("content", nlohmann::json::object())));
    StageOutput out;
    out.output = std::move(video);
    return out;
}

core::Result<StageOutput> ImagesStage::Run(const StageInput& in) {
    auto mp = core::ParseMarketplace(in.card->marketplace);
    if (!mp) return core::Error::Invalid("unknown marketplace " + in.card->marketplace);
    BY_ASSIGN(auto images,
              media_.RenderImages(in.product, in.product_outputs.value("slides", nlohmann::json::object()),
                                  in.product_outputs.value("content", nlohmann::json::object()), *mp));
    StageOutput out;
    out.output = images;
    out.card.images = images.value("images", nlohmann::json::array());
    out.card.content = in.product_outputs.value("content", nlohmann::json::object()).value(in.card->marketplace, nlohmann::json::object());
    out.card.video = in.product_outputs.value("video", nlohmann::json::object()).value("video", "");
    return out;
}

}  // namespace by::pipeline
