#include "economics/overrides.hpp"

namespace by::economics {

core::Result<std::vector<RateOverride>> RateOverrides::List(const std::string& partner_id,
                                                            std::optional<core::Marketplace> marketplace) {
    std::string sql = "SELECT marketplace, category, rate, kind, value, currency, set_at FROM economics_rates "
                      "WHERE partner_id = ?";
    store::Params params = {partner_id};
    if (marketplace) {
        sql += " AND marketplace = ?";
        params.emplace_back(std::string(core::MarketplaceName(*marketplace)));
    }
    BY_ASSIGN(auto rows, db_.Query(sql + " ORDER BY marketplace, category, rate", params));
    std::vector<RateOverride> out;
    for (const auto& r : rows.rows) {
        auto m = core::ParseMarketplace(r.Str(0));
        auto rate = ParseRateName(r.Str(2));
        if (!m || !rate) continue;  // written by Put only; an unknown name would be a newer version's
        RateOverride o;
        o.marketplace = *m;
        o.category = r.Str(1);
        o.rate = *rate;
        o.value = RateValue{r.Str(3) == "percent", r.Int(4), r.Str(5)};
        o.set_at_ms = r.Int(6);
        out.push_back(std::move(o));
    }
    return out;
}

core::Status RateOverrides::Put(const std::string& partner_id, const RateOverride& o) {
    BY_TRY(db_.Exec(
        "INSERT INTO economics_rates (partner_id, marketplace, category, rate, kind, value, currency, set_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partner_id, marketplace, category, rate) DO UPDATE SET "
        "kind = excluded.kind, value = excluded.value, currency = excluded.currency, set_at = excluded.set_at",
        {partner_id, std::string(core::MarketplaceName(o.marketplace)), o.category, std::string(RateNameText(o.rate)),
         std::string(o.value.percent ? "percent" : "fixed"), o.value.value, o.value.currency, o.set_at_ms}));
    return core::Ok();
}

core::Status RateOverrides::Delete(const std::string& partner_id, core::Marketplace m, const std::string& category,
                                   RateName rate) {
    BY_ASSIGN(int64_t n, db_.Exec("DELETE FROM economics_rates WHERE partner_id = ? AND marketplace = ? AND "
                                  "category = ? AND rate = ?",
                                  {partner_id, std::string(core::MarketplaceName(m)), category,
                                   std::string(RateNameText(rate))}));
    if (n == 0) return core::Error::NotFound("no such rate of yours");
    return core::Ok();
}

}  // namespace by::economics
