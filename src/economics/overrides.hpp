// A partner's own fee rates (table economics_rates), in portable SQL over SqlDb. Every call takes the
// partner id, so one partner never reads or changes another's rates.
// Thread-safety: stateless beyond the SqlDb reference; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "economics/calculator.hpp"
#include "store/sql.hpp"

namespace by::economics {

class RateOverrides {
  public:
    explicit RateOverrides(store::SqlDb& db) : db_(db) {}

    // All of a partner's overrides, or only one marketplace's.
    core::Result<std::vector<RateOverride>> List(const std::string& partner_id,
                                                 std::optional<core::Marketplace> marketplace = std::nullopt);
    // Sets (or replaces) one rate.
    core::Status Put(const std::string& partner_id, const RateOverride& o);
    // Removes one rate; NotFound when there was none.
    core::Status Delete(const std::string& partner_id, core::Marketplace m, const std::string& category, RateName rate);

  private:
    store::SqlDb& db_;
};

}  // namespace by::economics
