#include "app/publish_service.hpp"

#include <cmath>

#include "obs/log.hpp"
#include "stock/allocation.hpp"

namespace by::app {
namespace {

bool IsRouble(const std::string& c) { return c == "RUB" || c == "RUR"; }

const std::string& CurrencyOf(const marketplaces::AdapterConfig& cfg, core::Marketplace mp) {
    static const std::string kUzs = "UZS";
    switch (mp) {
        case core::Marketplace::kWildberries: return cfg.wildberries.currency;
        case core::Marketplace::kOzon: return cfg.ozon.currency;
        case core::Marketplace::kYandex: return cfg.yandex.currency;
        default: return kUzs;  // Uzum: integer sums
    }
}

}  // namespace

core::Result<core::Money> PriceIn(const core::Money& price, const std::string& currency, double uzs_per_rub) {
    if (price.currency == currency || (IsRouble(price.currency) && IsRouble(currency))) {
        return core::Money{price.amount, currency};
    }
    if (uzs_per_rub <= 0) {
        return core::Error::Unprocessable("the price is in " + price.currency + " and the marketplace takes " +
                                              currency + "; set marketplaces.uzs_per_rub to convert",
                                          "price.currency");
    }
    // Both in minor units (tiyin, kopecks): the ratio of major units carries over.
    double amount = static_cast<double>(price.amount);
    if (price.currency == "UZS" && IsRouble(currency)) return core::Money{std::llround(amount / uzs_per_rub), currency};
    if (IsRouble(price.currency) && currency == "UZS") return core::Money{std::llround(amount * uzs_per_rub), currency};
    return core::Error::Unprocessable("cannot convert " + price.currency + " to " + currency, "price.currency");
}

size_t AppPublishService::BatchLimit(core::Marketplace mp) const {
    auto a = AdapterFor(mp);
    return a.ok() ? (*a)->BatchLimit() : 1;
}

core::Result<marketplaces::Adapter*> AppPublishService::AdapterFor(core::Marketplace mp) const {
    auto it = markets_.adapters.find(mp);
    if (it == markets_.adapters.end()) return core::Error::NotBuilt("no adapter for this marketplace");
    return it->second.get();
}

core::Status AppPublishService::AddMedia(const std::string& asset_id, std::vector<std::string>* urls,
                                         std::vector<std::string>* files) const {
    BY_ASSIGN(auto row, s_.store->GetAsset(asset_id));
    int64_t expires = s_.clock.NowMs() / 1000 + int64_t{s_.config.media_link_days} * 86400;
    if (urls) urls->push_back(s_.media_links.Sign(row.id, api::ExtensionForMime(row.mime), expires));
    if (files) {
        // Uzum's cabinet takes uploads, not links: the browser reads the stored file.
        if (auto path = s_.assets->LocalPath(row.sha256)) files->push_back(path->string());
    }
    return core::Ok();
}

core::Result<marketplaces::PublishItem> AppPublishService::ItemFor(const pipeline::CardToPublish& c,
                                                                   core::Marketplace mp) const {
    marketplaces::PublishItem item;
    item.card_id = c.card.id;
    item.product = c.product;
    BY_ASSIGN(item.product.price, PriceIn(c.product.price, CurrencyOf(markets_.config, mp), s_.config.uzs_per_rub));
    item.content = c.card.content;
    item.category = c.card.content.value("marketplace_category", nlohmann::json::object());
    bool uzum = mp == core::Marketplace::kUzum;
    for (const auto& img : c.card.images) {
        if (!img.is_string()) continue;
        BY_TRY(AddMedia(img.get<std::string>(), &item.image_urls, uzum ? &item.image_files : nullptr));
    }
    if (item.image_urls.empty()) {
        return core::Error::Unprocessable("the card has no images to publish", "images");
    }
    if (!c.card.video.empty()) {
        std::vector<std::string> url, file;
        BY_TRY(AddMedia(c.card.video, &url, uzum ? &file : nullptr));
        item.video_url = url.front();
        if (!file.empty()) item.video_file = file.front();
    }
    return item;
}

core::Result<std::vector<marketplaces::PublishOutcome>> AppPublishService::Publish(
    const std::string& partner_id, core::Marketplace mp, const std::vector<pipeline::CardToPublish>& batch,
    const std::string& job_id) {
    BY_ASSIGN(auto adapter, AdapterFor(mp));
    // Cards that cannot be turned into an item fail alone, with their reason; the rest go out together.
    std::vector<marketplaces::PublishOutcome> outcomes(batch.size());
    std::vector<marketplaces::PublishItem> items;
    std::vector<size_t> slots;
    for (size_t i = 0; i < batch.size(); ++i) {
        outcomes[i].card_id = batch[i].card.id;
        auto item = ItemFor(batch[i], mp);
        if (!item.ok()) {
            outcomes[i].state = marketplaces::PublishState::kRejected;
            outcomes[i].reasons = {item.error().message};
            continue;
        }
        items.push_back(std::move(*item));
        slots.push_back(i);
    }
    if (items.empty()) return outcomes;
    // Decrypted here, for this call only; the FieldMap's buffers are wiped when it goes out of scope.
    BY_ASSIGN(auto creds, OpenCredentials(vault_, partner_id, mp, job_id, "publish"));
    BY_ASSIGN(auto published, adapter->Publish(items, creds));
    if (published.size() != items.size()) {
        return core::Error::Internal("the " + std::string(core::MarketplaceName(mp)) + " adapter returned " +
                                     std::to_string(published.size()) + " outcomes for " +
                                     std::to_string(items.size()) + " cards");
    }
    for (size_t k = 0; k < slots.size(); ++k) {
        published[k].card_id = batch[slots[k]].card.id;
        outcomes[slots[k]] = std::move(published[k]);
    }
    obs::Log(obs::Level::kInfo, "published",
             {{"marketplace", core::MarketplaceName(mp)}, {"partner_id", partner_id}, {"cards", items.size()},
              {"job_id", job_id}});
    return outcomes;
}

core::Result<std::vector<marketplaces::PublishOutcome>> AppPublishService::Poll(
    const std::string& partner_id, core::Marketplace mp, const std::vector<marketplaces::PublishOutcome>& submitted,
    const std::string& job_id) {
    BY_ASSIGN(auto adapter, AdapterFor(mp));
    BY_ASSIGN(auto creds, OpenCredentials(vault_, partner_id, mp, job_id, "moderation"));
    return adapter->Poll(submitted, creds);
}

core::Result<int64_t> AppPublishService::FigureShown(const store::CardRow& card, int64_t stock) const {
    BY_ASSIGN(auto rows, s_.store->db().Query("SELECT DISTINCT marketplace FROM cards WHERE partner_id = ? AND product_id = ?"
                                              " AND status = 'live'",
                                              {card.partner_id, card.product_id}));
    std::vector<std::string> live;
    for (const auto& r : rows.rows) live.push_back(r.Str(0));
    return stock::FigureFor(stock, card.marketplace, std::move(live), s_.config.split_below);
}

core::Result<nlohmann::json> AppPublishService::Sync(const store::CardRow& card, const core::Product& product,
                                                     const nlohmann::json& previous, const std::string& job_id) {
    auto mp = core::ParseMarketplace(card.marketplace);
    if (!mp) return core::Error::Invalid("unknown marketplace " + card.marketplace);
    BY_ASSIGN(auto adapter, AdapterFor(*mp));
    BY_ASSIGN(auto price, PriceIn(product.price, CurrencyOf(markets_.config, *mp), s_.config.uzs_per_rub));
    BY_ASSIGN(auto creds, OpenCredentials(vault_, card.partner_id, *mp, job_id, "sync"));
    const nlohmann::json sent = previous.value("price", nlohmann::json::object());
    if (sent.value("amount", int64_t{-1}) != price.amount || sent.value("currency", "") != price.currency) {
        BY_TRY(adapter->UpdatePrice(product.sku, card.marketplace_ref, price, creds));
    }
    // Orders keep moving the stock while we push it, and two sync jobs of one card may finish out of
    // order: push, read the figure again, and push again until what we sent is still the figure, so
    // the last push of any job is the current one.
    int64_t stock = product.stock;
    int64_t shown = 0;
    for (int round = 0;; ++round) {
        BY_ASSIGN(shown, FigureShown(card, stock));
        BY_TRY(adapter->UpdateStock(product.sku, card.marketplace_ref, shown, creds));
        BY_ASSIGN(auto now, s_.store->GetProduct(card.partner_id, product.id));
        BY_ASSIGN(int64_t again, FigureShown(card, now.stock));
        stock = now.stock;
        if (again == shown || round == 4) break;
    }
    obs::Log(obs::Level::kInfo, "card_synced",
             {{"marketplace", card.marketplace}, {"card_id", card.id}, {"stock", stock}, {"shown", shown}, {"job_id", job_id}});
    return nlohmann::json{{"price", {{"amount", price.amount}, {"currency", price.currency}}},
                          {"stock", shown},
                          {"product_stock", stock},
                          {"at", s_.clock.NowMs()}};
}

}  // namespace by::app
