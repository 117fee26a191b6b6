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

nlohmann::json RectJson(const media::Rect& r) { return nlohmann::json::array({r.x, r.y, r.width, r.height}); }

media::Rect RectFrom(const nlohmann::json& j) {
    if (!j.is_array() || j.size() != 4) return {};
    return media::Rect{j[0].get<int>(), j[1].get<int>(), j[2].get<int>(), j[3].get<int>()};
}

// What a stored slide needs besides its pixels: kind, language, the photo's box, the text it carries.
nlohmann::json MasterMeta(const media::Master& m, const std::string& asset_id) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& b : m.text_blocks) {
        blocks.push_back({{"box", RectJson(b.box)}, {"ink", RectJson(b.ink)}, {"font_px", b.font_px},
                          {"truncated", b.truncated}, {"text", b.text}});
    }
    nlohmann::json j{{"asset", asset_id}, {"kind", media::SlideKindName(m.kind)}, {"lang", m.lang},
                     {"caption", m.caption}, {"text_blocks", std::move(blocks)}};
    if (m.product_box) j["product_box"] = RectJson(*m.product_box);
    return j;
}

core::Result<media::Master> MasterFromMeta(const nlohmann::json& j) {
    auto kind = media::ParseSlideKind(j.value("kind", ""));
    if (!kind) return core::Error::Internal("a stored slide has an unknown kind", j.value("kind", ""));
    media::Master m;
    m.kind = *kind;
    m.lang = j.value("lang", "");
    m.caption = j.value("caption", "");
    if (j.contains("product_box")) m.product_box = RectFrom(j["product_box"]);
    for (const auto& b : j.value("text_blocks", nlohmann::json::array())) {
        m.text_blocks.push_back(media::TextBlock{RectFrom(b.value("box", nlohmann::json())),
                                                 RectFrom(b.value("ink", nlohmann::json())), b.value("font_px", 0),
                                                 b.value("truncated", false), b.value("text", "")});
    }
    return m;
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
                                                                   const nlohmann::json& slides,
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
    std::vector<media::Master> built;
    if (slides.contains("items") && slides["items"].is_array() && !slides["items"].empty()) {
        // Drawn once by the slides stage, maybe in another process: read them back (about 10 ms a slide)
        // instead of drawing them again (about 70 ms a slide).
        for (const auto& item : slides["items"]) {
            BY_ASSIGN(auto meta, MasterFromMeta(item));
            BY_ASSIGN(auto row, store_.GetAsset(item.value("asset", "")));
            BY_ASSIGN(auto asset, assets_.Get(row.sha256));
            BY_ASSIGN(auto master, media::DecodeMaster(asset.bytes, std::move(meta)));
            built.push_back(std::move(master));
        }
    } else {
        std::vector<std::string> photos;
        for (const auto& id : product.photo_asset_ids) {
            BY_ASSIGN(auto row, store_.GetAsset(id));
            BY_ASSIGN(auto asset, assets_.Get(row.sha256));
            photos.push_back(std::move(asset.bytes));
        }
        BY_ASSIGN(built, media::BuildMasters(SlideSpecFor(product, content, std::move(photos))));
    }
    auto masters = std::make_shared<const std::vector<media::Master>>(std::move(built));
    std::lock_guard lock(mu_);
    cache_.emplace_front(key, masters);
    if (cache_.size() > kCacheSize) cache_.pop_back();
    return masters;
}

core::Result<nlohmann::json> AppMediaService::BuildSlides(const core::Product& product, const nlohmann::json& content) {
    BY_ASSIGN(auto masters, MastersFor(product, nlohmann::json::object(), content));
    nlohmann::json langs = nlohmann::json::object();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& m : *masters) {
        std::string lang = m.lang.empty() ? "any" : m.lang;
        langs[lang] = langs.value(lang, 0) + 1;
        BY_ASSIGN(std::string bytes, media::EncodeMaster(m));
        BY_ASSIGN(std::string id, SaveAsset(product.partner_id, bytes, "image/jpeg", "slide", m.width, m.height));
        items.push_back(MasterMeta(m, id));
    }
    return nlohmann::json{{"masters", masters->size()}, {"langs", langs}, {"photos", product.photo_asset_ids.size()},
                          {"items", std::move(items)}};
}

core::Result<nlohmann::json> AppMediaService::MakeVideo(const core::Product& product, const nlohmann::json& slides,
                                                        const nlohmann::json& content) {
    BY_ASSIGN(auto masters, MastersFor(product, slides, content));
    media::VideoPlan plan = media::PlanVideo(*masters, "ru", product.name);
    media::VideoOptions opts;
    BY_ASSIGN(auto video, media::MakeVideo(plan.slides, plan.captions, opts));
    BY_ASSIGN(std::string id, SaveAsset(product.partner_id, video.bytes, "video/mp4", "video", video.width, video.height));
    return nlohmann::json{{"video", id}, {"seconds", video.seconds}, {"frames", video.frames},
                          {"bytes", video.bytes.size()}, {"width", video.width}, {"height", video.height}};
}

core::Result<nlohmann::json> AppMediaService::RenderImages(const core::Product& product, const nlohmann::json& slides,
                                                           const nlohmann::json& content, core::Marketplace marketplace) {
    BY_ASSIGN(auto masters, MastersFor(product, slides, content));
    BY_ASSIGN(auto images, media::RenderForMarketplace(*masters, marketplace));
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& img : images) {
        BY_ASSIGN(std::string id, SaveAsset(product.partner_id, img.bytes, img.mime, "image", img.width, img.height));
        ids.push_back(id);
    }
    return nlohmann::json{{"images", ids}, {"count", images.size()}};
}

}  // namespace by::app
