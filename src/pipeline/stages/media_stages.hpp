// Stages backed by the media engine: slides and video once per product, images per marketplace.
#pragma once

#include "pipeline/services.hpp"
#include "pipeline/stage.hpp"

namespace by::pipeline {

class SlidesStage final : public Stage {
  public:
    explicit SlidesStage(MediaService& m) : media_(m) {}
    std::string_view name() const override { return "slides"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    MediaService& media_;
};

class VideoStage final : public Stage {
  public:
    explicit VideoStage(MediaService& m) : media_(m) {}
    std::string_view name() const override { return "video"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    MediaService& media_;
};

// The card's own images from the shared slides; also copies the card's content and video onto it so
// the dashboard can preview the card before it is published.
class ImagesStage final : public Stage {
  public:
    explicit ImagesStage(MediaService& m) : media_(m) {}
    std::string_view name() const override { return "images"; }
    core::Result<StageOutput> Run(const StageInput& in) override;

  private:
    MediaService& media_;
};

}  // namespace by::pipeline
