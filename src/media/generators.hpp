// Generator seams for product images and video. The offline implementations (built in, no network) draw
// with libvips and encode with libav; a remote one (an image or video model behind an HTTP API) can be added
// later behind the same interfaces and chosen in app/ wiring. A remote ImageGenerator would turn its
// pictures into Masters with MasterFromImage(), so per-marketplace rendering stays local.
//
// Thread-safety: implementations are stateless or internally synchronised; one instance may be shared by all
// worker threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "media/media_types.hpp"
#include "media/video.hpp"

namespace by::media {

class ImageGenerator {
  public:
    virtual ~ImageGenerator() = default;
    virtual std::string_view Name() const = 0;
    // Once per product: the slides in every language the spec has (see BuildMasters).
    virtual core::Result<std::vector<Master>> BuildMasters(const SlideSpec& spec) = 0;
};

class VideoGenerator {
  public:
    virtual ~VideoGenerator() = default;
    virtual std::string_view Name() const = 0;
    // Once per product: one video from the chosen slides (see MakeVideo, PlanVideo).
    virtual core::Result<VideoResult> MakeVideo(const std::vector<Master>& slides,
                                                const std::vector<std::string>& captions,
                                                const VideoOptions& options) = 0;
};

using ImageGeneratorPtr = std::unique_ptr<ImageGenerator>;
using VideoGeneratorPtr = std::unique_ptr<VideoGenerator>;

ImageGeneratorPtr MakeOfflineImageGenerator();  // Name() == "offline"
VideoGeneratorPtr MakeOfflineVideoGenerator();  // Name() == "offline"

}  // namespace by::media
