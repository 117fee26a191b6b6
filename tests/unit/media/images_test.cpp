// Slides (masters) and per-marketplace images: sizes, aspect, formats, byte limits, languages, the clean main
// image, EXIF orientation, colour, metadata, the no-photo cover, concurrency, and the contact sheet.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "core/encoding.hpp"
#include "media/image_ops.hpp"
#include "media/marketplace_media.hpp"
#include "test_images.hpp"

namespace by::media {
namespace {

using testing::SampleProduct;

// Masters are the expensive part: build each sample once for the whole file.
const std::vector<Master>& Masters(int product) {
    static std::map<int, std::vector<Master>> cache;
    static std::mutex mu;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(product);
    if (it == cache.end()) {
        auto r = BuildMasters(SampleProduct(product));
        EXPECT_TRUE(r.ok()) << r.error().ToString();
        it = cache.emplace(product, r.ok() ? std::move(r).value() : std::vector<Master>{}).first;
    }
    return it->second;
}

std::vector<Master> OfLang(const std::vector<Master>& all, const std::string& lang) {
    std::vector<Master> out;
    for (const auto& m : all) {
        if (m.lang.empty() || m.lang == lang) {
            out.push_back(m);
        }
    }
    return out;
}

bool IsLight(const testing::Mean& m) { return (0.2126 * m.r + 0.7152 * m.g + 0.0722 * m.b) / 255.0 >= 0.9; }

TEST(Masters, EveryLanguageHasSixToTenSlidesOfTheRightSize) {
    for (int p = 0; p < 3; ++p) {
        const auto& all = Masters(p);
        ASSERT_FALSE(all.empty());
        for (const char* lang : {"ru", "uz"}) {
            auto set = OfLang(all, lang);
            EXPECT_GE(set.size(), 6u) << "product " << p << " " << lang;
            EXPECT_LE(set.size(), 10u) << "product " << p << " " << lang;
            for (const auto& m : set) {
                EXPECT_EQ(m.width, kMasterWidth);
                EXPECT_EQ(m.height, kMasterHeight);
                ASSERT_TRUE(m.rgb);
                EXPECT_EQ(m.rgb->size(), size_t(kMasterWidth) * kMasterHeight * 3);
            }
            int infographics = int(std::count_if(set.begin(), set.end(), [](const Master& m) {
                return m.kind == SlideKind::kInfographic;
            }));
            EXPECT_GE(infographics, 4) << "product " << p;
            EXPECT_LE(infographics, 6) << "product " << p;
        }
    }
}

TEST(Masters, MainPhotoHasNoTextAndALightBackground) {
    for (int p = 0; p < 2; ++p) {
        const Master& main = Masters(p).front();
        EXPECT_EQ(main.kind, SlideKind::kMainPhoto);
        EXPECT_FALSE(main.HasText());
        ASSERT_TRUE(main.product_box.has_value());
        // R-I-9: corners light.
        for (Rect corner : {Rect{0, 0, 24, 24}, Rect{kMasterWidth - 24, 0, 24, 24}, Rect{0, kMasterHeight - 24, 24, 24},
                            Rect{kMasterWidth - 24, kMasterHeight - 24, 24, 24}}) {
            EXPECT_TRUE(IsLight(testing::MeanColor(main, corner))) << "product " << p;
        }
    }
}

TEST(Masters, StudioProductIsTrimmedAndFillsTheFrameWithoutStretching) {
    const Master& main = Masters(0).front();
    ASSERT_TRUE(main.product_box);
    // The drawn bottle is tall and narrow (about 1:2); after trimming it should fill most of the height.
    EXPECT_GT(main.product_box->height, kMasterHeight * 0.7);
    double aspect = double(main.product_box->width) / main.product_box->height;
    EXPECT_GT(aspect, 0.35);
    EXPECT_LT(aspect, 0.9);  // bottle plus its soft shadow
}

TEST(Masters, TextStaysInsideItsBoxAndOffTheProduct) {
    for (int p = 0; p < 3; ++p) {
        for (const Master& m : Masters(p)) {
            for (const TextBlock& b : m.text_blocks) {
                EXPECT_TRUE(b.box.Contains(b.ink)) << "product " << p << " '" << b.text << "'";
                EXPECT_TRUE(Rect({0, 0, kMasterWidth, kMasterHeight}).Contains(b.ink));
                if (m.product_box) {
                    EXPECT_FALSE(m.product_box->Intersects(b.ink)) << "text over the product: '" << b.text << "'";
                }
            }
        }
    }
}

TEST(Masters, NoPhotoGivesATypographicCover) {
    const auto& all = Masters(2);
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.front().kind, SlideKind::kCover);
    for (const Master& m : all) {
        EXPECT_NE(m.kind, SlideKind::kMainPhoto);
        EXPECT_NE(m.kind, SlideKind::kPhoto);
        EXPECT_FALSE(m.product_box.has_value());
    }
    // The cover shows the product name.
    const Master& cover = all.front();
    bool has_name = std::any_of(cover.text_blocks.begin(), cover.text_blocks.end(), [](const TextBlock& b) {
        return b.text.find("Самарканд") != std::string::npos;
    });
    EXPECT_TRUE(has_name);
    for (Rect corner : {Rect{0, 0, 24, 24}, Rect{kMasterWidth - 24, kMasterHeight - 24, 24, 24}}) {
        EXPECT_TRUE(IsLight(testing::MeanColor(cover, corner)));
    }
}

TEST(Masters, UzbekSlidesCarryUzbekText) {
    const auto& all = Masters(1);
    bool found = false;
    for (const Master& m : all) {
        if (m.lang != "uz") {
            continue;
        }
        for (const TextBlock& b : m.text_blocks) {
            if (b.text.find("\u02BB") != std::string::npos || b.text.find("\u02BC") != std::string::npos) {
                found = true;
            }
        }
    }
    EXPECT_TRUE(found);
}

TEST(Masters, BadPhotoIs415AndBadLogoIsIgnored) {
    SlideSpec s = SampleProduct(2);
    s.photos = {"not an image at all"};
    auto r = BuildMasters(s);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnsupportedMedia);
    EXPECT_EQ(r.error().field, "photos[0]");

    SlideSpec t = SampleProduct(2);
    t.logo = "garbage";
    t.slides_uz.clear();
    auto ok = BuildMasters(t);
    ASSERT_TRUE(ok.ok()) << ok.error().ToString();
}

TEST(Masters, FewTextsGetASummarySlideButNoInventedContent) {
    SlideSpec s = SampleProduct(0);
    s.slides_ru.resize(2);
    s.slides_uz.clear();
    auto r = BuildMasters(s);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    // main + 2 infographics + summary: the summary is added, but content is never invented.
    EXPECT_EQ(r->back().kind, SlideKind::kSummary);
    EXPECT_EQ(r->size(), 4u);
}

TEST(Marketplaces, SizesFormatsAndByteLimits) {
    const auto& all = Masters(1);
    for (core::Marketplace mp : core::kAllMarketplaces) {
        const MarketplaceMediaSpec& spec = MediaSpecFor(mp);
        auto r = RenderForMarketplace(all, mp);
        ASSERT_TRUE(r.ok()) << core::MarketplaceName(mp) << ": " << r.error().ToString();
        EXPECT_GE(r->size(), 6u) << core::MarketplaceName(mp);
        EXPECT_LE(int(r->size()), std::min(10, spec.max_images));
        EXPECT_EQ(r->front().kind, SlideKind::kMainPhoto);
        for (const EncodedImage& img : *r) {
            EXPECT_EQ(img.width, spec.width);
            EXPECT_EQ(img.height, spec.height);
            EXPECT_EQ(img.width * 4, img.height * 3) << "3:4";
            EXPECT_GE(img.width, spec.min_width);
            EXPECT_GE(img.height, spec.min_height);
            EXPECT_EQ(img.mime, "image/jpeg");
            EXPECT_EQ(img.ext, "jpg");
            EXPECT_LE(int64_t(img.bytes.size()), spec.max_image_bytes);
            EXPECT_GE(img.quality, 80);
            ASSERT_GE(img.bytes.size(), 3u);
            EXPECT_EQ(img.bytes.substr(0, 3), std::string("\xFF\xD8\xFF", 3));
            auto d = testing::Decode(img.bytes);
            EXPECT_EQ(d.width, spec.width);
            EXPECT_EQ(d.height, spec.height);
            EXPECT_EQ(d.bands, 3);
            EXPECT_EQ(d.interpretation, "srgb");
            EXPECT_FALSE(d.has_metadata);
            if (img.kind == SlideKind::kInfographic) {
                EXPECT_EQ(img.lang, mp == core::Marketplace::kUzum ? "uz" : "ru");
            }
        }
    }
    // WB gets its recommended 900×1200; Uzum 1080×1440.
    EXPECT_EQ(MediaSpecFor(core::Marketplace::kWildberries).width, 900);
    EXPECT_EQ(MediaSpecFor(core::Marketplace::kUzum).height, 1440);
}

TEST(Marketplaces, QualityAndSizeStepDownToMeetALimitOrFailAsTooLarge) {
    std::vector<Master> one = {Masters(1).front()};
    MarketplaceMediaSpec spec = MediaSpecFor(core::Marketplace::kOzon);
    auto full = RenderForMarketplace(one, spec);
    ASSERT_TRUE(full.ok());
    int64_t natural = int64_t(full->front().bytes.size());
    spec.max_image_bytes = natural * 2 / 3;
    spec.min_quality = 60;
    auto squeezed = RenderForMarketplace(one, spec);
    ASSERT_TRUE(squeezed.ok()) << squeezed.error().ToString();
    EXPECT_LE(int64_t(squeezed->front().bytes.size()), spec.max_image_bytes);
    EXPECT_LT(squeezed->front().quality, spec.quality);

    spec.max_image_bytes = 2000;
    auto impossible = RenderForMarketplace(one, spec);
    ASSERT_FALSE(impossible.ok());
    EXPECT_EQ(impossible.error().code, core::ErrorCode::kTooLarge);
}

TEST(Marketplaces, PngAndWebpOutputs) {
    std::vector<Master> one = {Masters(0).front()};
    MarketplaceMediaSpec spec = MediaSpecFor(core::Marketplace::kWildberries);
    spec.format = ImageFormat::kPng;
    auto png = RenderForMarketplace(one, spec);
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(png->front().mime, "image/png");
    EXPECT_EQ(png->front().bytes.substr(1, 3), "PNG");
    EXPECT_FALSE(testing::Decode(png->front().bytes).has_metadata);
    spec.format = ImageFormat::kWebp;
    auto webp = RenderForMarketplace(one, spec);
    ASSERT_TRUE(webp.ok());
    EXPECT_EQ(webp->front().ext, "webp");
    EXPECT_EQ(webp->front().bytes.substr(8, 4), "WEBP");
}

TEST(Marketplaces, UzumFallsBackToRussianWithoutUzbekSlides) {
    SlideSpec s = SampleProduct(2);
    s.slides_uz.clear();
    auto masters = BuildMasters(s);
    ASSERT_TRUE(masters.ok());
    auto picked = SelectForMarketplace(*masters, MediaSpecFor(core::Marketplace::kUzum));
    ASSERT_FALSE(picked.empty());
    for (const Master* m : picked) {
        EXPECT_TRUE(m->lang.empty() || m->lang == "ru");
    }
}

TEST(Masters, StoredAndReadBackTheyKeepTheirPixelsAndText) {
    const auto& all = Masters(1);
    ASSERT_FALSE(all.empty());
    const Master* text = nullptr;
    for (const auto& m : all) {
        if (m.HasText()) text = &m;
    }
    ASSERT_NE(text, nullptr);
    auto bytes = EncodeMaster(*text);
    ASSERT_TRUE(bytes.ok()) << bytes.error().ToString();
    EXPECT_LT(bytes->size(), 1'200'000u);  // stored once per slide: far below its 4.7 MB of pixels
    EXPECT_FALSE(testing::Decode(*bytes).has_metadata);

    Master meta = *text;
    meta.rgb.reset();
    auto back = DecodeMaster(*bytes, meta);
    ASSERT_TRUE(back.ok()) << back.error().ToString();
    ASSERT_TRUE(back->rgb);
    ASSERT_EQ(back->rgb->size(), text->rgb->size());
    EXPECT_EQ(back->kind, text->kind);
    EXPECT_EQ(back->text_blocks.size(), text->text_blocks.size());
    // JPEG q95 without chroma subsampling: the mean error stays around one level of 255, and so the marketplace
    // files made from a stored master are those of the fresh one.
    double sum = 0;
    for (size_t i = 0; i < text->rgb->size(); ++i) sum += std::abs(int((*text->rgb)[i]) - int((*back->rgb)[i]));
    EXPECT_LT(sum / double(text->rgb->size()), 2.0);
    for (const auto& block : text->text_blocks) {
        auto a = testing::MeanColor(*text, block.ink);
        auto b = testing::MeanColor(*back, block.ink);
        EXPECT_NEAR(a.r, b.r, 3);
        EXPECT_NEAR(a.g, b.g, 3);
    }

    // Something that is not a master-sized image is refused, not stretched.
    auto small = PadPhoto(testing::MakeOrientationProbe(1), PadOptions{300, 400});
    ASSERT_TRUE(small.ok());
    auto refused = DecodeMaster(small->bytes, meta);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalid);
}

TEST(Photos, ExifOrientationIsApplied) {
    // Stored landscape with a red bar on the stored left edge; orientation 6 turns it 90° clockwise, so the
    // bar must end up along the top of a portrait picture.
    auto m = MasterFromImage(testing::MakeOrientationProbe(6), SlideKind::kPhoto);
    ASSERT_TRUE(m.ok()) << m.error().ToString();
    ASSERT_TRUE(m->product_box);
    EXPECT_GT(m->product_box->height, m->product_box->width);  // 600×800 displayed
    EXPECT_NEAR(double(m->product_box->width) / m->product_box->height, 0.75, 0.005);  // not stretched
    const Rect& b = *m->product_box;
    auto top = testing::MeanColor(*m, Rect{b.x + 20, b.y + 5, b.width - 40, 40});
    auto bottom = testing::MeanColor(*m, Rect{b.x + 20, b.y + b.height - 45, b.width - 40, 40});
    EXPECT_GT(top.r, 180);
    EXPECT_LT(top.g, 80);
    EXPECT_NEAR(bottom.r, 200, 12);
    EXPECT_NEAR(bottom.g, 200, 12);

    // PadPhoto honours it too.
    auto padded = PadPhoto(testing::MakeOrientationProbe(8), PadOptions{300, 400});
    ASSERT_TRUE(padded.ok());
    EXPECT_FALSE(testing::Decode(padded->bytes).has_metadata);
}

TEST(Photos, MetadataIsStripped) {
    testing::PhotoOptions o;
    o.width = 800;
    o.height = 800;
    o.orientation = 3;
    o.add_metadata = true;
    std::string photo = testing::MakePhoto(o);
    ASSERT_TRUE(testing::Decode(photo).has_metadata);
    ASSERT_NE(photo.find("seller-secret-name"), std::string::npos);
    SlideSpec s = SampleProduct(2);
    s.photos = {photo};
    s.slides_uz.clear();
    auto masters = BuildMasters(s);
    ASSERT_TRUE(masters.ok()) << masters.error().ToString();
    auto imgs = RenderForMarketplace(*masters, core::Marketplace::kWildberries);
    ASSERT_TRUE(imgs.ok());
    for (const auto& img : *imgs) {
        EXPECT_FALSE(testing::Decode(img.bytes).has_metadata);
        EXPECT_EQ(img.bytes.find("seller-secret-name"), std::string::npos);
        EXPECT_EQ(img.bytes.find("Exif"), std::string::npos);
    }
    auto padded = PadPhoto(photo);
    ASSERT_TRUE(padded.ok());
    EXPECT_EQ(padded->bytes.find("seller-secret-name"), std::string::npos);
    EXPECT_FALSE(testing::Decode(padded->bytes).has_metadata);
}

TEST(Photos, CmykWithProfileBecomesSrgb) {
    const uint32_t color = 0xC83C28;  // a warm red
    auto m = MasterFromImage(testing::MakeCmykJpeg(color), SlideKind::kPhoto);
    ASSERT_TRUE(m.ok()) << m.error().ToString();
    const Rect& b = *m->product_box;
    auto mean = testing::MeanColor(*m, Rect{b.x + b.width / 4, b.y + b.height / 4, b.width / 2, b.height / 2});
    // A CMYK round trip is not exact, but the colour must stay a red of similar lightness (not inverted or
    // interpreted as RGB channels).
    EXPECT_NEAR(mean.r, 200, 30);
    EXPECT_NEAR(mean.g, 60, 30);
    EXPECT_NEAR(mean.b, 40, 30);
}

TEST(Photos, PadPhotoFitsWithoutCroppingOrStretching) {
    testing::PhotoOptions o;
    o.width = 2000;
    o.height = 1000;  // 2:1
    o.style = testing::PhotoStyle::kBusy;
    auto r = PadPhoto(testing::MakePhoto(o), PadOptions{1080, 1440, ImageFormat::kJpeg, 85, 0xFFFFFF});
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->width, 1080);
    EXPECT_EQ(r->height, 1440);
    auto m = MasterFromImage(r->bytes, SlideKind::kPhoto);
    ASSERT_TRUE(m.ok());
    // 2:1 in 1080 wide is 540 tall: white above and below, photo (dark) in the middle.
    auto top = testing::MeanColor(*m, Rect{0, 100, 1080, 100});
    auto mid = testing::MeanColor(*m, Rect{0, 700, 1080, 40});
    EXPECT_GT(top.r, 245);
    EXPECT_LT(mid.r, 200);
}

TEST(Photos, TransparentPngIsFlattenedOnLight) {
    testing::PhotoOptions o;
    o.width = 800;
    o.height = 800;
    o.style = testing::PhotoStyle::kTransparent;
    o.format = ".png";
    SlideSpec s = SampleProduct(2);
    s.photos = {testing::MakePhoto(o)};
    s.slides_uz.clear();
    auto masters = BuildMasters(s);
    ASSERT_TRUE(masters.ok()) << masters.error().ToString();
    const Master& main = masters->front();
    EXPECT_EQ(main.kind, SlideKind::kMainPhoto);
    EXPECT_TRUE(IsLight(testing::MeanColor(main, Rect{0, 0, 40, 40})));
}

TEST(Concurrency, SeveralThreadsGetIdenticalResults) {
    SlideSpec spec = SampleProduct(0);
    spec.slides_uz.clear();
    spec.slides_ru.resize(4);
    std::vector<std::string> digests(3);
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&, t] {
            auto masters = BuildMasters(spec);
            if (!masters.ok()) {
                return;
            }
            auto imgs = RenderForMarketplace(*masters, core::Marketplace::kOzon);
            if (!imgs.ok()) {
                return;
            }
            std::string all;
            for (const auto& m : *masters) {
                all += core::Sha256Hex(std::string_view(reinterpret_cast<const char*>(m.rgb->data()), m.rgb->size()));
            }
            for (const auto& i : *imgs) {
                all += core::Sha256Hex(i.bytes);
            }
            digests[t] = core::Sha256Hex(all);
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    EXPECT_FALSE(digests[0].empty());
    EXPECT_EQ(digests[0], digests[1]);
    EXPECT_EQ(digests[0], digests[2]);
}

// Not a check: a picture for people. $BY_TEST_OUTPUT_DIR/media/contact_sheet.png
TEST(ContactSheet, ThreeSampleProducts) {
    std::vector<std::vector<Master>> rows;
    std::vector<std::string> titles;
    const char* names[] = {"1. Cosmetics, studio photo", "2. Headphones, busy + studio photos, logo, long texts",
                           "3. Tea, no photo (typographic)"};
    for (int p = 0; p < 3; ++p) {
        for (const char* lang : {"ru", "uz"}) {
            rows.push_back(OfLang(Masters(p), lang));
            titles.push_back(std::string(names[p]) + " — " + lang);
        }
    }
    auto path = testing::WriteContactSheet(rows, titles, "contact_sheet.png");
    EXPECT_TRUE(std::filesystem::exists(path));
    // Full-size Uzum files of the second product, for a closer look.
    auto wb = RenderForMarketplace(Masters(1), core::Marketplace::kUzum);
    ASSERT_TRUE(wb.ok());
    for (size_t i = 0; i < wb->size(); ++i) {
        std::ofstream(testing::OutputDir() / ("uzum_headphones_" + std::to_string(i + 1) + ".jpg"), std::ios::binary)
            << (*wb)[i].bytes;
    }
    std::cout << "contact sheet: " << path << "\n";
}

}  // namespace
}  // namespace by::media
