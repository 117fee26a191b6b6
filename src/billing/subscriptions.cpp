#include "billing/subscriptions.hpp"

#include "core/ids.hpp"

namespace by::billing {
namespace {

constexpr const char* kCols = "id, partner_id, tier, ai_addon, started_at, ended_at, end_reason";

Subscription FromRow(const store::Row& r) {
    return {r.Str(0), r.Str(1), r.Str(2), r.Int(3) != 0, r.Int(4), r.IsNull(5) ? 0 : r.Int(5), r.Str(6)};
}

std::vector<Subscription> FromRows(const store::Rows& rows) {
    std::vector<Subscription> out;
    for (const auto& r : rows.rows) out.push_back(FromRow(r));
    return out;
}

}  // namespace

core::Status Subscriptions::Materialise(const std::string& partner_id) {
    // Idempotent: inserts only when the partner has no row at all (the unique open index stops a race).
    auto st = db_.Exec(std::string("INSERT INTO subscriptions (id, partner_id, tier, ai_addon, started_at) ") +
                           "SELECT ?, p.id, p.tier, 0, p.created_at FROM partners p WHERE p.id = ? AND NOT EXISTS "
                           "(SELECT 1 FROM subscriptions s WHERE s.partner_id = p.id)",
                       {core::NewId("sub"), partner_id});
    if (!st.ok() && !store::IsUniqueViolation(st.error())) return st.error();
    return core::Ok();
}

core::Status Subscriptions::MaterialiseAll() {
    BY_ASSIGN(auto rows, db_.Query("SELECT id FROM partners p WHERE NOT EXISTS "
                                   "(SELECT 1 FROM subscriptions s WHERE s.partner_id = p.id)"));
    for (const auto& r : rows.rows) BY_TRY(Materialise(r.Str(0)));
    return core::Ok();
}

core::Result<Subscription> Subscriptions::Current(const std::string& partner_id) {
    BY_TRY(Materialise(partner_id));
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                       " FROM subscriptions WHERE partner_id = ? AND ended_at IS NULL",
                                   {partner_id}));
    if (rows.empty()) return core::Error::NotFound("no active subscription");
    return FromRow(rows.rows[0]);
}

core::Result<Subscription> Subscriptions::Change(const std::string& partner_id, core::Tier tier, bool ai_addon,
                                                 int64_t now_ms) {
    BY_TRY(Materialise(partner_id));
    Subscription next{core::NewId("sub"), partner_id, std::string(core::TierName(tier)), ai_addon, now_ms, 0, ""};
    BY_TRY(db_.Tx([&](store::SqlConn& c) -> core::Status {
        BY_ASSIGN(auto open, c.Query(std::string("SELECT ") + kCols +
                                         " FROM subscriptions WHERE partner_id = ? AND ended_at IS NULL",
                                     {partner_id}));
        if (!open.empty()) {
            Subscription cur = FromRow(open.rows[0]);
            if (cur.tier == next.tier && cur.ai_addon == ai_addon) {
                next = cur;
                return core::Ok();
            }
            BY_TRY(c.Exec("UPDATE subscriptions SET ended_at = ?, end_reason = 'changed' WHERE id = ?",
                          {now_ms, cur.id}));
        }
        BY_TRY(c.Exec("INSERT INTO subscriptions (id, partner_id, tier, ai_addon, started_at) VALUES (?, ?, ?, ?, ?)",
                      {next.id, partner_id, next.tier, int64_t{ai_addon ? 1 : 0}, now_ms}));
        BY_ASSIGN(int64_t n, c.Exec("UPDATE partners SET tier = ? WHERE id = ?", {next.tier, partner_id}));
        if (n == 0) return core::Error::NotFound("partner not found");
        return core::Ok();
    }));
    return next;
}

core::Result<Subscription> Subscriptions::ChangeTier(const std::string& partner_id, core::Tier tier, int64_t now_ms) {
    auto cur = Current(partner_id);
    return Change(partner_id, tier, cur.ok() && cur->ai_addon, now_ms);
}

core::Status Subscriptions::Cancel(const std::string& partner_id, int64_t now_ms) {
    BY_TRY(Materialise(partner_id));
    BY_ASSIGN(int64_t n, db_.Exec("UPDATE subscriptions SET ended_at = ?, end_reason = 'cancelled' "
                                  "WHERE partner_id = ? AND ended_at IS NULL",
                                  {now_ms, partner_id}));
    if (n == 0) return core::Error::NotFound("no active subscription");
    return core::Ok();
}

core::Result<std::vector<Subscription>> Subscriptions::History(const std::string& partner_id) {
    BY_TRY(Materialise(partner_id));
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                       " FROM subscriptions WHERE partner_id = ? ORDER BY started_at, id",
                                   {partner_id}));
    return FromRows(rows);
}

core::Result<std::vector<Subscription>> Subscriptions::Overlapping(int64_t from_ms, int64_t to_ms) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCols +
                                       " FROM subscriptions WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) "
                                       "ORDER BY partner_id, started_at, id",
                                   {to_ms, from_ms}));
    return FromRows(rows);
}

}  // namespace by::billing
