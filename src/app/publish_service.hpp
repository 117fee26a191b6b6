// The pipeline's PublishService over marketplaces/ and vault/: turns ready cards into the adapters'
// PublishItems (content, signed public media links for the marketplaces to download, local files for
// the Uzum cabinet upload, the category, the price in the marketplace's currency), opens the partner's
// credentials for the one call (worker role, audited, wiped when the call returns), and publishes or
// polls. Thread-safety: safe from many workers (adapters and the opener are).
#pragma once

#include <string>
#include <vector>

#include "api/media_links.hpp"
#include "app/marketplace_wiring.hpp"
#include "app/vault_wiring.hpp"
#include "app/wiring.hpp"
#include "pipeline/services.hpp"
#include "stock/order_poller.hpp"

namespace by::app {

// The product's price in `currency` (UZS <-> RUB/RUR at `uzs_per_rub`); Unprocessable naming the
// setting when it would need a rate that is not configured.
core::Result<core::Money> PriceIn(const core::Money& price, const std::string& currency, double uzs_per_rub);

class AppPublishService final : public pipeline::PublishService {
  public:
    AppPublishService(Services& s, VaultParts& vault, MarketplaceParts& markets)
        : s_(s), vault_(vault), markets_(markets) {}

    size_t BatchLimit(core::Marketplace marketplace) const override;
    core::Result<std::vector<marketplaces::PublishOutcome>> Publish(const std::string& partner_id,
                                                                    core::Marketplace marketplace,
                                                                    const std::vector<pipeline::CardToPublish>& batch,
                                                                    const std::string& job_id) override;
    core::Result<std::vector<marketplaces::PublishOutcome>> Poll(
        const std::string& partner_id, core::Marketplace marketplace,
        const std::vector<marketplaces::PublishOutcome>& submitted, const std::string& job_id) override;

    core::Result<nlohmann::json> Sync(const store::CardRow& card, const core::Product& product,
                                      const nlohmann::json& previous, const std::string& job_id) override;

    // The item the adapter gets for one card (exposed for tests).
    core::Result<marketplaces::PublishItem> ItemFor(const pipeline::CardToPublish& c, core::Marketplace mp) const;

  private:
    core::Result<marketplaces::Adapter*> AdapterFor(core::Marketplace mp) const;
    // The stock this card's marketplace is shown (the whole figure, or its share when low).
    core::Result<int64_t> FigureShown(const store::CardRow& card, int64_t stock) const;
    // A signed link and the local file of one asset row.
    core::Status AddMedia(const std::string& asset_id, std::vector<std::string>* urls,
                          std::vector<std::string>* files) const;

    Services& s_;
    VaultParts& vault_;
    MarketplaceParts& markets_;
};

// Orders of a partner's marketplace through its adapter; the credentials are opened for the call
// (purpose "orders", audited) and wiped after.
class AppOrderSource final : public stock::OrderSource {
  public:
    AppOrderSource(VaultParts& vault, MarketplaceParts& markets) : vault_(vault), markets_(markets) {}
    core::Result<std::vector<marketplaces::OrderLine>> ListOrders(const std::string& partner_id,
                                                                  core::Marketplace marketplace,
                                                                  int64_t since_ms) override;

  private:
    VaultParts& vault_;
    MarketplaceParts& markets_;
};

}  // namespace by::app
