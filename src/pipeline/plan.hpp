// The shape of the work for one request (ARCHITECTURE §5): product-level stages run once per product
// and are shared by its cards; card stages run once per marketplace.
//
//   product:  research -> strategy -> content -> slides -> video
//   card:     images -> quality -> publish -> moderation (polled until live or rejected)
//
// `content` is product-level because the slides (infographic masters) need its slide texts; it still
// writes one text per marketplace within that marketplace's limits. Every card shows the whole list.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace by::pipeline {

inline constexpr std::string_view kResearch = "research";
inline constexpr std::string_view kStrategy = "strategy";
inline constexpr std::string_view kContent = "content";
inline constexpr std::string_view kSlides = "slides";
inline constexpr std::string_view kVideo = "video";
inline constexpr std::string_view kImages = "images";
inline constexpr std::string_view kQuality = "quality";
inline constexpr std::string_view kPublish = "publish";
inline constexpr std::string_view kModeration = "moderation";
// After publishing, outside the chain: pushes a live card's current price and stock to its marketplace.
inline constexpr std::string_view kSync = "sync";

const std::vector<std::string>& ProductStages();  // research, strategy, content, slides, video
const std::vector<std::string>& CardStages();     // images, quality, publish, moderation
const std::vector<std::string>& AllStages();      // the list each card shows, in order
bool IsProductStage(std::string_view stage);
// The stage after `stage` in its chain, or "" at the end of the chain.
std::string NextStage(std::string_view stage);
// Stages that mostly wait on the network run on the I/O workers, the rest on the CPU pool.
bool IsIoStage(std::string_view stage);
// Every job kind the workers take: the stages, then sync.
const std::vector<std::string>& AllJobKinds();

}  // namespace by::pipeline
