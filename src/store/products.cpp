// Products, their photos, and asset records.
#include "core/ids.hpp"
#include "store/store.hpp"

namespace by::store {
namespace {

constexpr const char* kProductCols =
    "id, partner_id, sku, name, category, brand, description, attributes, cost_amount, cost_currency,"
    " price_amount, price_currency, stock, barcode, photos, created_at, updated_at";

core::Product ToProduct(const Row& r) {
    core::Product p;
    p.id = r.Str(0);
    p.partner_id = r.Str(1);
    p.sku = r.Str(2);
    p.name = r.Str(3);
    p.category = r.Str(4);
    p.brand = r.Str(5);
    p.description = r.Str(6);
    p.attributes = nlohmann::json::parse(r.Str(7), nullptr, false);
    if (p.attributes.is_discarded()) {
        p.attributes = nlohmann::json::object();
    }
    p.cost = {r.Int(8), r.Str(9)};
    p.price = {r.Int(10), r.Str(11)};
    p.stock = r.Int(12);
    p.barcode = r.Str(13);
    auto photos = nlohmann::json::parse(r.Str(14), nullptr, false);
    if (photos.is_array()) {
        for (const auto& a : photos) {
            p.photo_asset_ids.push_back(a.get<std::string>());
        }
    }
    p.created_at_ms = r.Int(15);
    p.updated_at_ms = r.Int(16);
    return p;
}

std::string Dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

core::Result<core::Product> Store::CreateProduct(core::Product p) {
    p.id = core::NewId("prd");
    p.created_at_ms = p.updated_at_ms = clock_.NowMs();
    auto r = db_.Exec(std::string("INSERT INTO products (") + kProductCols +
                          ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      {p.id, p.partner_id, p.sku, p.name, p.category, p.brand, p.description, Dump(p.attributes),
                       p.cost.amount, p.cost.currency, p.price.amount, p.price.currency, p.stock, p.barcode,
                       Dump(nlohmann::json(p.photo_asset_ids)), p.created_at_ms, p.updated_at_ms});
    if (!r.ok()) {
        if (IsUniqueViolation(r.error())) {
            return core::Error::Conflict("a product with this SKU exists already", "sku");
        }
        return std::move(r).error();
    }
    return p;
}

core::Result<core::Product> Store::GetProduct(const std::string& partner_id, const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kProductCols +
                                       " FROM products WHERE id = ? AND partner_id = ?",
                                   {id, partner_id}));
    if (rows.empty()) {
        return core::Error::NotFound("product not found");
    }
    return ToProduct(rows.rows[0]);
}

core::Result<core::Product> Store::GetProductAnyPartner(const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kProductCols + " FROM products WHERE id = ?", {id}));
    if (rows.empty()) {
        return core::Error::NotFound("product not found");
    }
    return ToProduct(rows.rows[0]);
}

core::Result<PageOf<core::Product>> Store::ListProducts(const std::string& partner_id, const Page& page) {
    int64_t ts = INT64_MAX;
    std::string id = "\x7f";
    if (!page.cursor.empty() && !DecodeCursor(page.cursor, &ts, &id)) {
        return core::Error::Invalid("bad cursor", "cursor");
    }
    BY_ASSIGN(auto rows, db_.Query(std::string("SELECT ") + kProductCols +
                                       " FROM products WHERE partner_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))"
                                       " ORDER BY created_at DESC, id DESC LIMIT ?",
                                   {partner_id, ts, ts, id, static_cast<int64_t>(page.limit + 1)}));
    PageOf<core::Product> out;
    for (size_t i = 0; i < rows.size() && static_cast<int>(i) < page.limit; ++i) {
        out.items.push_back(ToProduct(rows.rows[i]));
    }
    if (static_cast<int>(rows.size()) > page.limit) {
        out.next_cursor = EncodeCursor(out.items.back().created_at_ms, out.items.back().id);
    }
    return out;
}

core::Status Store::UpdateProduct(const core::Product& p, bool set_stock) {
    // The stock column moves under orders at any moment; only a change that sets it writes it.
    BY_ASSIGN(int64_t n, db_.Exec("UPDATE products SET name = ?, brand = ?, description = ?, attributes = ?,"
                                  " cost_amount = ?, cost_currency = ?, price_amount = ?, price_currency = ?,"
                                  " stock = CASE WHEN ? = 1 THEN ? ELSE stock END, barcode = ?, updated_at = ?"
                                  " WHERE id = ? AND partner_id = ?",
                                  {p.name, p.brand, p.description, Dump(p.attributes), p.cost.amount, p.cost.currency,
                                   p.price.amount, p.price.currency, static_cast<int64_t>(set_stock ? 1 : 0), p.stock,
                                   p.barcode, clock_.NowMs(), p.id, p.partner_id}));
    if (n == 0) {
        return core::Error::NotFound("product not found");
    }
    return core::Ok();
}

core::Status Store::AddProductPhoto(const std::string& partner_id, const std::string& product_id,
                                    const std::string& asset_id, size_t max_photos) {
    return db_.Tx([&](SqlConn& c) -> core::Status {
        BY_ASSIGN(auto rows, c.Query("SELECT photos FROM products WHERE id = ? AND partner_id = ?",
                                     {product_id, partner_id}));
        if (rows.empty()) {
            return core::Error::NotFound("product not found");
        }
        auto photos = nlohmann::json::parse(rows.rows[0].Str(0), nullptr, false);
        if (!photos.is_array()) {
            photos = nlohmann::json::array();
        }
        if (photos.size() >= max_photos) {
            return core::Error::Conflict("a product has at most " + std::to_string(max_photos) + " photos");
        }
        photos.push_back(asset_id);
        BY_TRY(c.Exec("UPDATE products SET photos = ?, updated_at = ? WHERE id = ?",
                      {Dump(photos), clock_.NowMs(), product_id}));
        return core::Ok();
    });
}

core::Status Store::CreateAsset(const AssetRow& a) {
    BY_TRY(db_.Exec("INSERT INTO assets (id, partner_id, sha256, mime, size, width, height, kind, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {a.id, a.partner_id.empty() ? SqlValue(nullptr) : SqlValue(a.partner_id), a.sha256, a.mime,
                     a.size, static_cast<int64_t>(a.width), static_cast<int64_t>(a.height), a.kind, a.created_at}));
    return core::Ok();
}

core::Result<AssetRow> Store::GetAsset(const std::string& id) {
    BY_ASSIGN(auto rows, db_.Query("SELECT id, partner_id, sha256, mime, kind, size, width, height, created_at"
                                   " FROM assets WHERE id = ?",
                                   {id}));
    if (rows.empty()) {
        return core::Error::NotFound("asset not found");
    }
    const Row& r = rows.rows[0];
    return AssetRow{r.Str(0), r.Str(1), r.Str(2), r.Str(3), r.Str(4), r.Int(5),
                    static_cast<int>(r.Int(6)), static_cast<int>(r.Int(7)), r.Int(8)};
}

}  // namespace by::store
