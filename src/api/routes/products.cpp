// /api/products, photos, /api/assets/{id}, and the signed public /media/{asset}.{ext}.
#include <cstdlib>

#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "core/ids.hpp"
#include "obs/log.hpp"
#include "pipeline/orchestrator.hpp"

namespace by::api {
namespace {

// The first bytes say what a file is; its name and Content-Type only claim it.
std::string SniffImage(const std::string& b) {
    auto starts = [&](const char* sig, size_t n, size_t off = 0) {
        return b.size() >= off + n && b.compare(off, n, sig, n) == 0;
    };
    if (starts("\xFF\xD8\xFF", 3)) return "image/jpeg";
    if (starts("\x89PNG\r\n\x1a\n", 8)) return "image/png";
    if (starts("RIFF", 4) && starts("WEBP", 4, 8)) return "image/webp";
    return {};
}

}  // namespace

void RegisterProductRoutes(Router& r, ApiContext& ctx) {
    r.Add("POST", "/api/products", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto prod = ProductFromBody(*body);
        if (!prod.ok()) return ErrorResponse(prod.error());
        prod->partner_id = p->partner_id;
        auto created = ctx.store.CreateProduct(std::move(*prod));
        if (!created.ok()) return ErrorResponse(created.error());
        return JsonResponse(201, ToJson(*created));
    });

    r.Add("GET", "/api/products", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto page = PageFromQuery(req);
        if (!page.ok()) return ErrorResponse(page.error());
        auto list = ctx.store.ListProducts(p->partner_id, *page);
        if (!list.ok()) return ErrorResponse(list.error());
        return JsonResponse(200, PageJson(*list));
    });

    r.Add("GET", "/api/products/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto prod = ctx.store.GetProduct(p->partner_id, req.Param("id"));
        if (!prod.ok()) return ErrorResponse(prod.error());
        return JsonResponse(200, ToJson(*prod));
    });

    r.Add("PATCH", "/api/products/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto prod = ctx.store.GetProduct(p->partner_id, req.Param("id"));
        if (!prod.ok()) return ErrorResponse(prod.error());
        for (const auto& [k, v] : body->items()) {
            if (k != "price" && k != "stock" && k != "attributes" && k != "cost" && k != "name" &&
                k != "description" && k != "brand" && k != "barcode") {
                return ErrorResponse(core::Error::Unprocessable("field " + k + " cannot be changed", k));
            }
        }
        if (body->contains("price")) {
            auto price = MoneyField(*body, "price");
            if (!price.ok()) return ErrorResponse(price.error());
            if (price->currency != prod->cost.currency) {
                return ErrorResponse(core::Error::Unprocessable("price must keep the product's currency", "price.currency"));
            }
            prod->price = *price;
        }
        if (body->contains("cost")) {
            auto cost = MoneyField(*body, "cost");
            if (!cost.ok()) return ErrorResponse(cost.error());
            if (cost->currency != prod->price.currency) {
                return ErrorResponse(core::Error::Unprocessable("cost must keep the product's currency", "cost.currency"));
            }
            prod->cost = *cost;
        }
        if (body->contains("stock")) {
            auto stock = IntField(*body, "stock", true, 0, 10'000'000);
            if (!stock.ok()) return ErrorResponse(stock.error());
            prod->stock = **stock;
        }
        for (const char* f : {"name", "description", "brand", "barcode"}) {
            if (!body->contains(f)) continue;
            size_t max = std::string(f) == "description" ? 5000 : std::string(f) == "name" ? 500 : 100;
            auto v = StringField(*body, f, std::string(f) == "name" || std::string(f) == "brand", max);
            if (!v.ok()) return ErrorResponse(v.error());
            if (std::string(f) == "name") prod->name = *v;
            if (std::string(f) == "description") prod->description = *v;
            if (std::string(f) == "brand") prod->brand = *v;
            if (std::string(f) == "barcode") prod->barcode = *v;
        }
        if (body->contains("attributes")) {
            auto st = ReadAttributes(*body, &prod->attributes);
            if (!st.ok()) return ErrorResponse(st.error());
        }
        bool market_change = body->contains("price") || body->contains("stock");
        auto st = ctx.store.UpdateProduct(*prod, body->contains("stock"));
        if (!st.ok()) return ErrorResponse(st.error());
        if (market_change && ctx.orchestrator) {
            // Live cards follow: one sync job per card; workers push the price and stock (they decrypt).
            // The change is saved either way; a sync that could not be queued is logged for the operator
            // and made good by the next change (the job always sends the product's current figures).
            auto queued = ctx.orchestrator->SyncProduct(p->partner_id, prod->id);
            if (!queued.ok()) {
                obs::Log(obs::Level::kError, "sync_not_queued",
                         {{"product_id", prod->id}, {"error", queued.error().ToString()}});
            }
        }
        auto fresh = ctx.store.GetProduct(p->partner_id, prod->id);
        if (!fresh.ok()) return ErrorResponse(fresh.error());
        return JsonResponse(200, ToJson(*fresh));
    });

    r.Add("POST", "/api/products/{id}/photos", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto prod = ctx.store.GetProduct(p->partner_id, req.Param("id"));
        if (!prod.ok()) return ErrorResponse(prod.error());
        if (req.body.size() > ctx.limits.max_photo_bytes) {
            return ErrorResponse(core::Error::TooLarge("a photo may be at most 20 MiB"));
        }
        std::string mime = SniffImage(req.body);
        if (mime.empty()) {
            return ErrorResponse(core::Error::UnsupportedMedia("the file is not a JPEG, PNG or WebP image"));
        }
        UploadInfo info{mime, 0, 0};
        if (ctx.inspect_upload) {
            auto inspected = ctx.inspect_upload(req.body);
            if (!inspected.ok()) return ErrorResponse(inspected.error());
            info = *inspected;
        }
        if (prod->photo_asset_ids.size() >= ctx.limits.max_photos) {
            return ErrorResponse(core::Error::Conflict("a product has at most 15 photos"));
        }
        auto sha = ctx.put_blob(req.body, info.mime);
        if (!sha.ok()) return ErrorResponse(sha.error());
        store::AssetRow a{core::NewId("ast"), p->partner_id, *sha, info.mime, "photo",
                          static_cast<int64_t>(req.body.size()), info.width, info.height, ctx.clock.NowMs()};
        auto st = ctx.store.CreateAsset(a);
        if (!st.ok()) return ErrorResponse(st.error());
        st = ctx.store.AddProductPhoto(p->partner_id, prod->id, a.id, ctx.limits.max_photos);
        if (!st.ok()) return ErrorResponse(st.error());
        return JsonResponse(201, {{"asset_id", a.id}, {"mime", a.mime}, {"width", a.width}, {"height", a.height}});
    });

    r.Add("GET", "/api/assets/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto a = ctx.store.GetAsset(req.Param("id"));
        if (!a.ok()) return ErrorResponse(a.error());
        if (!p->IsAdmin() && a->partner_id != p->partner_id) {
            return ErrorResponse(core::Error::NotFound("asset not found"));
        }
        auto bytes = ctx.get_blob(a->sha256);
        if (!bytes.ok()) return ErrorResponse(bytes.error());
        HttpResponse resp;
        resp.content_type = a->mime;
        resp.body = std::move(*bytes);
        return resp;
    });

    // Public, signed: the marketplaces download published images and videos from here. Any failure is
    // the same 404, so a probe learns nothing about which assets exist.
    r.Add("GET", "/media/{file}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto not_found = [] { return ErrorResponse(core::Error::NotFound("media not found")); };
        std::string file = req.Param("file");
        auto dot = file.find('.');
        std::string id = file.substr(0, dot);
        char* end = nullptr;
        std::string e = req.Query("e");
        int64_t expires = std::strtoll(e.c_str(), &end, 10);
        if (e.empty() || *end != '\0' || !ctx.media_links.Verify(id, expires, req.Query("s"), ctx.clock.NowMs() / 1000)) {
            return not_found();
        }
        auto a = ctx.store.GetAsset(id);
        if (!a.ok()) return not_found();
        auto bytes = ctx.get_blob(a->sha256);
        if (!bytes.ok()) return not_found();
        HttpResponse resp;
        resp.content_type = a->mime;
        resp.headers.emplace_back("Cache-Control", "public, max-age=86400, immutable");
        resp.body = std::move(*bytes);
        return resp;
    });
}

}  // namespace by::api
