// OfflineContentEngine: research, strategy and card text with no network and no key. Keywords come from
// the category dictionaries and the product's own attributes; texts from per-category templates written to
// CONTENT.md (title formulas, Russian agreement, Uzbek Latin orthography, marketplace limits). Every number
// and claim in the output comes from the product's attributes.
//
// Thread-safety: holds only the shared immutable catalog; all calls are safe concurrently.
#pragma once

#include <map>
#include <memory>

#include "ai/catalog.hpp"
#include "ai/engine.hpp"
#include "ai/uzbek.hpp"

namespace by::ai {

struct OfflineEngineOptions {
    // Uzbek apostrophe style per marketplace; a marketplace not listed uses its profile's default
    // (data/marketplaces.json: Uzum "ascii", Yandex "typographic", others "modifier").
    std::map<Marketplace, uz::ApostropheStyle> uz_apostrophe;
    // Keywords listed on a card, per language.
    size_t card_keywords = 12;
};

class OfflineContentEngine final : public Researcher, public Strategist, public Writer {
  public:
    explicit OfflineContentEngine(std::shared_ptr<const CategoryCatalog> catalog, OfflineEngineOptions options = {});

    core::Result<Keywords> Research(const core::Product& product) override;
    core::Result<Strategy> Plan(const core::Product& product, const Keywords& keywords) override;
    core::Result<CardContent> Write(const core::Product& product, const Keywords& keywords, const Strategy& strategy,
                                    Marketplace marketplace) override;

    // All four cards of a product in one call: Research, Plan, then Write per marketplace.
    core::Result<std::vector<CardContent>> WriteAll(const core::Product& product);

    const CategoryCatalog& catalog() const { return *catalog_; }

  private:
    std::shared_ptr<const CategoryCatalog> catalog_;
    OfflineEngineOptions options_;
};

}  // namespace by::ai
