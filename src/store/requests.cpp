// Requests, cards and the audit log.
#include "core/ids.hpp"
#include "store/store.hpp"

namespace by::store {
namespace {

constexpr const char* kRequestCols =
    "id, partner_id, product_id, marketplaces, priority, status, decided_by, reason, decided_at, created_at, updated_at";

RequestRow ToRequest(const Row& r) {
    RequestRow q;
    q.id = r.Str(0);
    q.partner_id = r.Str(1);
    q.product_id = r.Str(2);
    auto mps = nlohmann::json::parse(r.Str(3), nullptr, false);
    if (mps.is_array()) {
        for (const auto& m : mps) {
            q.marketplaces.push_back(m.get<std::string>());
        }
    }
    q.priority = r.Str(4);
    q.status = r.Str(5);
    q.decided_by = r.Str(6);
    q.reason = r.Str(7);
    q.decided_at = r.Int(8);
    q.created_at = r.Int(9);
    q.updated_at = r.Int(10);
    return q;
}

constexpr const char* kCardCols =
    "id, request_id, partner_id, product_id, marketplace, status, stages, content, images, video, quality,"
    " marketplace_ref, moderation, error, created_at, updated_at";
constexpr const char* kCardReadCols =
    "id, request_id, partner_id, product_id, marketplace, status, stages, content, images, video, quality,"
    " marketplace_ref, moderation, error, created_at, updated_at, batch_token";

nlohmann::json ParseOr(const std::string& s, nlohmann::json fallback) {
    auto j = nlohmann::json::parse(s, nullptr, false);
    return j.is_discarded() ? fallback : j;
}

CardRow ToCard(const Row& r) {
    CardRow c;
    c.id = r.Str(0);
    c.request_id = r.Str(1);
    c.partner_id = r.Str(2);
    c.product_id = r.Str(3);
    c.marketplace = r.Str(4);
    c.status = r.Str(5);
    c.stages = ParseOr(r.Str(6), nlohmann::json::array());
    c.content = ParseOr(r.Str(7), nlohmann::json::object());
    c.images = ParseOr(r.Str(8), nlohmann::json::array());
    c.video = r.Str(9);
    c.quality = ParseOr(r.Str(10), nlohmann::json::object());
    c.marketplace_ref = r.Str(11);
    c.moderation = ParseOr(r.Str(12), nlohmann::json::object());
    c.error = r.Str(13);
    c.created_at = r.Int(14);
    c.updated_at = r.Int(15);
    c.batch_token = r.Str(16);
    return c;
}

std::string Dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

core::Result<RequestRow> Store::CreateRequest(RequestRow r) {
    r.id = core::NewId("req");
    r.created_at = r.updated_at = clock_.NowMs();
    BY_TRY(db_.Exec(std::string("INSERT INTO requests (") + kRequestCols +
                        ") VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?, ?)",
                    {r.id, r.partner_id, r.product_id, Dump(nlohmann::json(r.marketplaces)), r.priority, r.status,
                     r.reason, r.created_at, r.updated_at}));
    return r;
}

core::Result<RequestRow> Store::GetRequest(const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kRequestCols + " FROM requests WHERE id = ?", {id}));
    if (rows.empty()) {
        return core::Error::NotFound("request not found");
    }
    return ToRequest(rows.rows[0]);
}

core::Result<PageOf<RequestRow>> Store::ListRequests(const std::optional<std::string>& partner_id,
                                                     const std::optional<std::string>& status, const Page& page) {
    int64_t ts = INT64_MAX;
    std::string id = "\x7f";
    if (!page.cursor.empty() && !DecodeCursor(page.cursor, &ts, &id)) {
        return core::Error::Invalid("bad cursor", "cursor");
    }
    std::string sql = std::string("SELECT ") + kRequestCols +
                      " FROM requests WHERE (created_at < ? OR (created_at = ? AND id < ?))";
    Params params = {ts, ts, id};
    if (partner_id) {
        sql += " AND partner_id = ?";
        params.emplace_back(*partner_id);
    }
    if (status) {
        sql += " AND status = ?";
        params.emplace_back(*status);
    }
    sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(page.limit + 1));
    BY_ASSIGN(auto rows, db_.Query(sql, params));
    PageOf<RequestRow> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
        out.items.push_back(ToRequest(rows.rows[i]));
    }
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = EncodeCursor(out.items.back().created_at, out.items.back().id);
    }
    return out;
}

core::Result<RequestRow> Store::DecideRequest(const std::string& id, const std::string& from, const std::string& to,
                                              const std::string& decided_by, const std::string& reason,
                                              const std::optional<std::string>& priority, SqlConn* conn) {
    int64_t now = clock_.NowMs();
    std::string sql = "UPDATE requests SET status = ?, decided_by = ?, decided_at = ?, reason = ?, updated_at = ?";
    Params params = {to, decided_by, now, reason, now};
    if (priority) {
        sql += ", priority = ?";
        params.emplace_back(*priority);
    }
    sql += " WHERE id = ? AND status = ?";
    params.emplace_back(id);
    params.emplace_back(from);
    auto n = conn ? conn->Exec(sql, params) : db_.Exec(sql, params);
    if (!n.ok()) {
        return std::move(n).error();
    }
    if (*n == 0) {
        return core::Error::Conflict("the request is no longer " + from);
    }
    if (conn) {
        BY_ASSIGN(auto rows, conn->Query(std::string("SELECT ") + kRequestCols + " FROM requests WHERE id = ?", {id}));
        return ToRequest(rows.rows.at(0));
    }
    return GetRequest(id);
}

core::Result<std::vector<CardRow>> Store::ListCardsByRequest(const std::string& request_id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCardReadCols +
                                       " FROM cards WHERE request_id = ? ORDER BY marketplace",
                                   {request_id}));
    std::vector<CardRow> out;
    for (const auto& r : rows.rows) {
        out.push_back(ToCard(r));
    }
    return out;
}

core::Result<CardRow> Store::GetCard(const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kCardReadCols + " FROM cards WHERE id = ?", {id}));
    if (rows.empty()) {
        return core::Error::NotFound("card not found");
    }
    return ToCard(rows.rows[0]);
}

core::Status Store::CreateCard(const CardRow& c, SqlConn* conn) {
    std::string sql = std::string("INSERT INTO cards (") + kCardCols +
                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Params params = {c.id, c.request_id, c.partner_id, c.product_id, c.marketplace, c.status, Dump(c.stages),
                     Dump(c.content), Dump(c.images), c.video, Dump(c.quality), c.marketplace_ref,
                     Dump(c.moderation), c.error, c.created_at, c.updated_at};
    auto r = conn ? conn->Exec(sql, params) : db_.Exec(sql, params);
    if (!r.ok()) {
        return std::move(r).error();
    }
    return core::Ok();
}

core::Status Store::SaveCard(const CardRow& c, SqlConn* conn) {
    std::string sql =
        "UPDATE cards SET status = ?, stages = ?, content = ?, images = ?, video = ?, quality = ?,"
        " marketplace_ref = ?, moderation = ?, error = ?, updated_at = ? WHERE id = ?";
    Params params = {c.status, Dump(c.stages), Dump(c.content), Dump(c.images), c.video, Dump(c.quality),
                     c.marketplace_ref, Dump(c.moderation), c.error, clock_.NowMs(), c.id};
    auto r = conn ? conn->Exec(sql, params) : db_.Exec(sql, params);
    if (!r.ok()) {
        return std::move(r).error();
    }
    return core::Ok();
}

core::Status Store::Audit(const std::string& actor, const std::string& partner_id, const std::string& action,
                          const std::string& target, const nlohmann::json& details, const std::string& ip,
                          SqlConn* conn) {
    std::string sql =
        "INSERT INTO audit_log (id, ts, actor, partner_id, action, target, details, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    Params params = {core::NewId("aud"), clock_.NowMs(), actor,
                     partner_id.empty() ? SqlValue(nullptr) : SqlValue(partner_id), action, target, Dump(details), ip};
    auto r = conn ? conn->Exec(sql, params) : db_.Exec(sql, params);
    if (!r.ok()) {
        return std::move(r).error();
    }
    return core::Ok();
}

core::Result<PageOf<AuditRow>> Store::ListAudit(const std::optional<std::string>& partner_id, const Page& page) {
    int64_t ts = INT64_MAX;
    std::string id = "\x7f";
    if (!page.cursor.empty() && !DecodeCursor(page.cursor, &ts, &id)) {
        return core::Error::Invalid("bad cursor", "cursor");
    }
    std::string sql =
        "SELECT id, ts, actor, partner_id, action, target, details, ip FROM audit_log"
        " WHERE (ts < ? OR (ts = ? AND id < ?))";
    Params params = {ts, ts, id};
    if (partner_id) {
        sql += " AND partner_id = ?";
        params.emplace_back(*partner_id);
    }
    sql += " ORDER BY ts DESC, id DESC LIMIT ?";
    params.emplace_back(static_cast<int64_t>(page.limit + 1));
    BY_ASSIGN(auto rows, db_.Query(sql, params));
    PageOf<AuditRow> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
        const Row& r = rows.rows[i];
        out.items.push_back(
            {r.Str(0), r.Int(1), r.Str(2), r.Str(3), r.Str(4), r.Str(5), ParseOr(r.Str(6), nlohmann::json::object()), r.Str(7)});
    }
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = EncodeCursor(out.items.back().ts, out.items.back().id);
    }
    return out;
}

}  // namespace by::store
