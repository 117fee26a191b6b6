#include "competitors/watch_list.hpp"

#include <climits>

#include "core/ids.hpp"

namespace by::competitors {
namespace {

constexpr const char* kCols =
    "id, partner_id, product_id, marketplace, card_id, title, last_amount, last_currency, last_read_at, checked_at,"
    " last_error, failures, next_read_at, created_at";

CompetitorRow ToRow(const store::Row& r) {
    CompetitorRow c;
    c.id = r.Str(0);
    c.partner_id = r.Str(1);
    c.product_id = r.Str(2);
    c.marketplace = r.Str(3);
    c.card_id = r.Str(4);
    c.title = r.Str(5);
    if (!r.IsNull(6)) c.last_price = core::Money{r.Int(6), r.Str(7)};
    c.last_read_at = r.Int(8);
    c.checked_at = r.Int(9);
    c.last_error = r.Str(10);
    c.failures = r.Int(11);
    c.next_read_at = r.Int(12);
    c.created_at = r.Int(13);
    return c;
}

// Keyset paging over (time, id), newest first: the cursor is the last item's pair.
core::Status StartOf(const store::Page& page, int64_t* ts, std::string* id) {
    *ts = INT64_MAX;
    *id = "\x7f";
    if (!page.cursor.empty() && !store::DecodeCursor(page.cursor, ts, id)) {
        return core::Error::Invalid("bad cursor", "cursor");
    }
    return core::Ok();
}

}  // namespace

core::Result<CompetitorRow> WatchList::Add(const std::string& partner_id, const std::string& product_id,
                                           core::Marketplace marketplace, const std::string& card_id) {
    BY_TRY(store_.GetProduct(partner_id, product_id));
    const int64_t now = store_.clock().NowMs();
    std::string id = core::NewId("cmp");
    BY_ASSIGN(int64_t n, store_.db().Exec("INSERT INTO competitor_cards (id, partner_id, product_id, marketplace, card_id,"
                                          " next_read_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                          " ON CONFLICT (partner_id, product_id, marketplace, card_id) DO NOTHING",
                                          {id, partner_id, product_id, std::string(core::MarketplaceName(marketplace)),
                                           card_id, now, now}));
    if (n == 0) return core::Error::Conflict("this product already watches that card", "card_id");
    return Get(partner_id, id);
}

core::Result<CompetitorRow> WatchList::Get(const std::string& partner_id, const std::string& id) {
    BY_ASSIGN(auto rows, store_.db().Query(std::string("SELECT ") + kCols +
                                               " FROM competitor_cards WHERE id = ? AND partner_id = ?",
                                           {id, partner_id}));
    if (rows.empty()) return core::Error::NotFound("competitor card not found");
    return ToRow(rows.rows[0]);
}

core::Result<store::PageOf<CompetitorRow>> WatchList::List(const std::string& partner_id,
                                                           const std::optional<std::string>& product_id,
                                                           const store::Page& page) {
    int64_t ts = 0;
    std::string after;
    BY_TRY(StartOf(page, &ts, &after));
    std::string sql = std::string("SELECT ") + kCols +
                      " FROM competitor_cards WHERE partner_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))";
    store::Params params = {partner_id, ts, ts, after};
    if (product_id) {
        sql += " AND product_id = ?";
        params.emplace_back(*product_id);
    }
    sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(page.limit + 1));
    BY_ASSIGN(auto rows, store_.db().Query(sql, params));
    store::PageOf<CompetitorRow> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) out.items.push_back(ToRow(rows.rows[i]));
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = store::EncodeCursor(out.items.back().created_at, out.items.back().id);
    }
    return out;
}

core::Status WatchList::Remove(const std::string& partner_id, const std::string& id) {
    return store_.db().Tx([&](store::SqlConn& c) -> core::Status {
        BY_ASSIGN(auto rows, c.Query("SELECT id FROM competitor_cards WHERE id = ? AND partner_id = ?", {id, partner_id}));
        if (rows.empty()) return core::Error::NotFound("competitor card not found");
        BY_TRY(c.Exec("DELETE FROM competitor_prices WHERE competitor_id = ?", {id}));
        BY_TRY(c.Exec("DELETE FROM competitor_cards WHERE id = ?", {id}));
        return core::Ok();
    });
}

core::Status WatchList::MarkDue(const std::string& partner_id, const std::string& id) {
    BY_ASSIGN(int64_t n, store_.db().Exec("UPDATE competitor_cards SET next_read_at = 0 WHERE id = ? AND partner_id = ?",
                                          {id, partner_id}));
    if (n == 0) return core::Error::NotFound("competitor card not found");
    return core::Ok();
}

core::Result<store::PageOf<PricePoint>> WatchList::Prices(const std::string& partner_id, const std::string& id,
                                                          const store::Page& page) {
    BY_TRY(Get(partner_id, id));
    int64_t ts = 0;
    std::string after;
    BY_TRY(StartOf(page, &ts, &after));
    BY_ASSIGN(auto rows, store_.db().Query("SELECT id, amount, currency, read_at FROM competitor_prices"
                                           " WHERE competitor_id = ? AND (read_at < ? OR (read_at = ? AND id < ?))"
                                           " ORDER BY read_at DESC, id DESC LIMIT ?",
                                           {id, ts, ts, after, static_cast<int64_t>(page.limit + 1)}));
    store::PageOf<PricePoint> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
        const auto& r = rows.rows[i];
        out.items.push_back({r.Str(0), {r.Int(1), r.Str(2)}, r.Int(3)});
    }
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = store::EncodeCursor(out.items.back().read_at, out.items.back().id);
    }
    return out;
}

}  // namespace by::competitors
