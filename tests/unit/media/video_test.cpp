// The product video: made from masters, decoded back with libavcodec.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <fstream>
#include <iostream>

#include "media/generators.hpp"
#include "media/image_ops.hpp"
#include "media/marketplace_media.hpp"
#include "media/video.hpp"
#include "test_images.hpp"

namespace by::media {
namespace {

double CpuSeconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

const std::vector<Master>& SampleMasters() {
    static const std::vector<Master> masters = [] {
        SlideSpec spec = testing::SampleProduct(1);
        spec.slides_uz.clear();
        auto r = BuildMasters(spec);
        EXPECT_TRUE(r.ok()) << r.error().ToString();
        return r.ok() ? std::move(r).value() : std::vector<Master>{};
    }();
    return masters;
}

TEST(Video, FifteenSecondsH264Yuv420pFaststartAt1080x1440) {
    VideoPlan plan = PlanVideo(SampleMasters(), "ru", "SoundMax Pro X2");
    ASSERT_GE(plan.slides.size(), 4u);
    ASSERT_LE(plan.slides.size(), 6u);
    EXPECT_EQ(plan.slides.front().kind, SlideKind::kMainPhoto);
    EXPECT_EQ(plan.captions.front(), "SoundMax Pro X2");

    double cpu0 = CpuSeconds();
    auto video = MakeVideo(plan.slides, plan.captions, VideoOptions{});
    double cpu = CpuSeconds() - cpu0;
    ASSERT_TRUE(video.ok()) << video.error().ToString();
    std::cout << "video: " << video->bytes.size() / 1024 << " KiB, " << cpu << " CPU-s\n";
    std::ofstream(testing::OutputDir() / "video_headphones.mp4", std::ios::binary) << video->bytes;

    EXPECT_EQ(video->frames, 360);
    EXPECT_LE(int64_t(video->bytes.size()), VideoByteLimitForAll());
    EXPECT_TRUE(IsFaststartMp4(video->bytes));

    auto info = ProbeVideo(video->bytes, /*decode_all=*/true);
    ASSERT_TRUE(info.ok()) << info.error().ToString();
    EXPECT_EQ(info->codec, "h264");
    EXPECT_EQ(info->pix_fmt, "yuv420p");
    EXPECT_EQ(info->width, 1080);
    EXPECT_EQ(info->height, 1440);
    EXPECT_NEAR(info->fps, 24.0, 0.01);
    EXPECT_NEAR(info->seconds, 15.0, 0.1);
    EXPECT_EQ(info->frames, 360);
    EXPECT_TRUE(info->faststart);
    for (core::Marketplace mp : core::kAllMarketplaces) {
        const auto& spec = MediaSpecFor(mp);
        EXPECT_LE(info->bytes, spec.max_video_bytes);
        EXPECT_GE(info->seconds, spec.min_video_seconds);
        EXPECT_LE(info->seconds, spec.max_video_seconds);
    }
}

TEST(Video, OptionsAreHonouredAndValidated) {
    std::vector<Master> two(SampleMasters().begin(), SampleMasters().begin() + 2);
    VideoOptions o;
    o.width = 360;
    o.height = 480;
    o.fps = 30;
    o.seconds = 2.0;
    auto v = MakeVideo(two, {"Первый", ""}, o);
    ASSERT_TRUE(v.ok()) << v.error().ToString();
    auto info = ProbeVideo(v->bytes, true);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->width, 360);
    EXPECT_EQ(info->height, 480);
    EXPECT_EQ(info->frames, 60);
    EXPECT_NEAR(info->seconds, 2.0, 0.05);

    EXPECT_EQ(MakeVideo({}, {}, o).error().code, core::ErrorCode::kInvalid);
    EXPECT_EQ(MakeVideo(two, {"only one caption"}, o).error().code, core::ErrorCode::kInvalid);
    VideoOptions odd = o;
    odd.width = 361;
    EXPECT_EQ(MakeVideo(two, {}, odd).error().code, core::ErrorCode::kInvalid);
    Master empty;
    EXPECT_EQ(MakeVideo({empty}, {}, o).error().code, core::ErrorCode::kInvalid);
}

TEST(Video, ByteLimitIsEnforced) {
    std::vector<Master> one(SampleMasters().begin(), SampleMasters().begin() + 1);
    VideoOptions o;
    o.width = 360;
    o.height = 480;
    o.seconds = 1.0;
    o.max_bytes = 1000;
    auto v = MakeVideo(one, {}, o);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, core::ErrorCode::kTooLarge);
}

TEST(Video, ProbeRejectsGarbageAndDetectsMoovOrder) {
    EXPECT_FALSE(ProbeVideo("definitely not an mp4").ok());
    // ftyp, mdat, moov: not faststart; ftyp, moov, mdat: faststart.
    auto box = [](const char* type, size_t payload) {
        std::string b(8 + payload, '\0');
        uint32_t n = uint32_t(8 + payload);
        b[0] = char(n >> 24);
        b[1] = char(n >> 16);
        b[2] = char(n >> 8);
        b[3] = char(n);
        b.replace(4, 4, type);
        return b;
    };
    EXPECT_FALSE(IsFaststartMp4(box("ftyp", 8) + box("mdat", 100) + box("moov", 20)));
    EXPECT_TRUE(IsFaststartMp4(box("ftyp", 8) + box("moov", 20) + box("mdat", 100)));
}

TEST(Generators, OfflineImplementations) {
    auto images = MakeOfflineImageGenerator();
    auto video = MakeOfflineVideoGenerator();
    EXPECT_EQ(images->Name(), "offline");
    EXPECT_EQ(video->Name(), "offline");
    SlideSpec spec = testing::SampleProduct(2);
    spec.slides_uz.clear();
    auto masters = images->BuildMasters(spec);
    ASSERT_TRUE(masters.ok());
    VideoOptions o;
    o.width = 240;
    o.height = 320;
    o.seconds = 1.0;
    auto v = video->MakeVideo(*masters, {}, o);
    ASSERT_TRUE(v.ok()) << v.error().ToString();
    EXPECT_EQ(v->frames, 24);
}

}  // namespace
}  // namespace by::media
