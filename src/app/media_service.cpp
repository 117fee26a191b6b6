#include "app/media_service.hpp"

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "media/image_ops.hpp"
#include "media/video.hpp"

namespace by::app {
namespace {

constexpr size_t kCacheSize = 8;

// Slide texts of one language from the content stage's output ({marketplace: CardContent}).
std::vector<media::SlideText> SlidesIn(const nlohmann::json& content, const std::string& lang,
                                       const std::vector<std::string>& prefer) {
    for (const auto& mp : prefer) {
        if (!content.contains(mp)) continue;
        std::vector<media::SlideText> out;
        for (const auto& s : content[mp].value("slides", nlohmann::json::array())) {
            // ai::SlideText serialises as {"topic", "ru": {headline, lines}, "uz": {...}}.
            const nlohmann::json& t = s.contains("text") ? s["text"] : s;
            if (!t.contains(lang) || !t[lang].is_object()) continue;
            media::SlideText st;
            st.headline = t[lang].value("headline", "");
            for (const auto& l : t[lang].value("lines", nlohmann::json::array())) {
                if (l.is_string()) st.lines.push_back(l.get<std::string>());
            }
            out.push_back(std::move(st));
        }
        if (!out.empty()) return out;
    }
    return {};
}

std::string Key(const core::Product& p, const nlohmann::json& content) {
    return core::Sha256Hex(p.id + "|" + std::to_string(p.updated_at_ms) + "|" + content.dump());
}

}  // namespace

media::SlideSpec SlideSpecFor(const core::Product& product, const nlohmann::json& content,
                              std::vector<std::string> photos) {
    media::SlideSpec spec;
    spec.product_name = product.name;
    spec.brand = product.brand;
    spec.photos = std::move(photos);
    spec.slides_ru = SlidesIn(content, "ru", {"wildberries", "ozon", "yandex", "uzum"});
    spec.slides_uz = SlidesIn(content, "uz", {"uzum", "yandex"});
    if (content.contains("uzum")) {
        auto uz = content["uzum"].value("texts", nlohmann::json::object()).value("uz", nlohmann::json::object());
        spec.product_name_uz = uz.value("title", "");
    }
    return spec;
}

core::Result<std::string> AppMediaService::SaveAsset(const std::string& partner_id, const std::string& bytes,
                                                     const std::string& mime, const std::string& kind, int width,
                                                     int height) {
    BY_ASSIGN(auto info, assets_.Put(bytes, mime));
    store::AssetRow row{core::NewId("ast"), partner_id, info.id, mime, kind,
                        static_cast<int64_t>(bytes.size()), width, height, clock_.NowMs()};
    BY_TRY(store_.CreateAsset(row));
    return row.id;
}

core::Result<AppMediaService::Masters> AppMediaService::MastersFor(const core::Product& product,
                                                                   const nlohmann::json& content) {
    std::string key = Key(product, content);
    {
        std::lock_guard lock(mu_);
        for (auto it = cache_.begin(); it != cache_.end(); ++it) {
            if (it->first == key) {
                cache_.splice(cache_.begin(), cache_, it);
                return it->second;
            }
        }
    }
    std::vector<std::string> photos;
    for (const auto& id : product.photo_asset_ids) {
        BY_ASSIGN(auto row, store_.GetAsset(id));
        BY_ASSIGN(auto asset, assets_.Get(row.sha256));
        photos.push_back(std::move(asset.bytes));
    }
    BY_ASSIGN(auto built, media::BuildMasters(SlideSpecFor(product, content, std::move(photos))));
    auto masters = std::make_shared<const std::vector<media::Master>>(std::move(built));
    std::lock_guard lock(mu_);
    cache_.emplace_front(key, masters);
    if (cache_.size() > kCacheSize) cache_.pop_back();
    return masters;
}

core::Result<nlohmann::json> AppMediaService::BuildSlides(const core::Product& product, const nlohmann::json& content) {
    BY_ASSIGN(auto masters, MastersFor(product, content));
    nlohmann::json langs = nlohmann::json::object();
    for (const auto& m : *masters) {
        std::string lang = m.lang.empty() ? "any" : m.lang;
        langs[lang] = langs.value(lang, 0) + 1;
    }
    return nlohmann::json{{"masters", masters->size()}, {"langs", langs}, {"photos", product.photo_asset_ids.size()}};
}

core::Result<nlohmann::json> AppMediaService::MakeVideo(const core::Product& product, const nlohmann::json&,
                                                        const nlohmann::json& content) {
    BY_ASSIGN(auto masters, MastersFor(product, content));
    media::VideoPlan plan = media::PlanVideo(*masters, "ru", product.name);
    media::VideoOptions opts;
    BY_ASSIGN(auto video, media::MakeVideo(plan.slides, plan.captions, opts));
    BY_ASSIGN(std::string id, SaveAsset(product.partner_id, video.bytes, "video/mp4", "video", video.width, video.height));
    return nlohmann::json{{"video", id}, {"seconds", video.seconds}, {"frames", video.frames},
                          {"bytes", video.bytes.size()}, {"width", video.width}, {"height", video.height}};
}

core::Result<nlohmann::json> AppMediaService::RenderImages(const core::Product& product, const nlohmann::json&,
                                                           const nlohmann::json& content, core::Marketplace marketplace) {
    BY_ASSIGN(auto masters, MastersFor(product, content));
    BY_ASSIGN(auto images, media::RenderForMarketplace(*masters, marketplace));
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& img : images) {
        BY_ASSIGN(std::string id, SaveAsset(product.partner_id, img.bytes, img.mime, "image", img.width, img.height));
        ids.push_back(id);
    }
    return nlohmann::json{{"images", ids}, {"count", images.size()}};
}

}  // namespace by::app
