#include "media/generators.hpp"

#include "media/image_ops.hpp"

namespace by::media {
namespace {

class OfflineImageGenerator final : public ImageGenerator {
  public:
    std::string_view Name() const override { return "offline"; }
    core::Result<std::vector<Master>> BuildMasters(const SlideSpec& spec) override {
        return media::BuildMasters(spec);
    }
};

class OfflineVideoGenerator final : public VideoGenerator {
  public:
    std::string_view Name() const override { return "offline"; }
    core::Result<VideoResult> MakeVideo(const std::vector<Master>& slides, const std::vector<std::string>& captions,
                                        const VideoOptions& options) override {
        return media::MakeVideo(slides, captions, options);
    }
};

}  // namespace

ImageGeneratorPtr MakeOfflineImageGenerator() { return std::make_unique<OfflineImageGenerator>(); }
VideoGeneratorPtr MakeOfflineVideoGenerator() { return std::make_unique<OfflineVideoGenerator>(); }

}  // namespace by::media
