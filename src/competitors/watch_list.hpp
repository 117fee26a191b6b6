// The competitor cards a partner watches and the prices read from them (tables competitor_cards and
// competitor_prices). Every query carries the partner id, so another partner's card or product is
// simply not found (tenant isolation as in store/).
// Thread-safety: stateless beyond its Store; safe from any thread and any number of processes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "store/store.hpp"

namespace by::competitors {

struct CompetitorRow {
    std::string id, partner_id, product_id, marketplace, card_id, title;
    std::optional<core::Money> last_price;  // none until the first successful read
    int64_t last_read_at = 0;   // last successful read
    int64_t checked_at = 0;     // last attempt, successful or not
    std::string last_error;     // of the last attempt; "" when it succeeded
    int64_t failures = 0;       // attempts failed in a row
    int64_t next_read_at = 0;
    int64_t created_at = 0;
};

struct PricePoint {
    std::string id;
    core::Money price;
    int64_t read_at = 0;
};

class WatchList {
  public:
    explicit WatchList(store::Store& store) : store_(store) {}

    // Watches a card for one of the partner's products: NotFound when the product is not the partner's,
    // Conflict when the product already watches this card; due for a read at once.
    core::Result<CompetitorRow> Add(const std::string& partner_id, const std::string& product_id,
                                    core::Marketplace marketplace, const std::string& card_id);
    core::Result<CompetitorRow> Get(const std::string& partner_id, const std::string& id);
    // Newest first; optionally of one product.
    core::Result<store::PageOf<CompetitorRow>> List(const std::string& partner_id,
                                                    const std::optional<std::string>& product_id,
                                                    const store::Page& page);
    // Stops watching and forgets the card's history.
    core::Status Remove(const std::string& partner_id, const std::string& id);
    // Makes the card due now (a refresh where no scheduler runs in this process: a worker reads it).
    core::Status MarkDue(const std::string& partner_id, const std::string& id);
    // The card's price history, newest first.
    core::Result<store::PageOf<PricePoint>> Prices(const std::string& partner_id, const std::string& id,
                                                   const store::Page& page);

  private:
    store::Store& store_;
};

}  // namespace by::competitors
