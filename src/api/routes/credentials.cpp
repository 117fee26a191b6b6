// /api/credentials: a partner's marketplace keys. Stored sealed (AES-256-GCM, vault/); answers carry
// status, last check, last error and a hint of at most 4 characters, never a secret.
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"
#include "notify/telegram.hpp"

namespace by::api {
namespace {

nlohmann::json CredentialJson(const vault::CredentialRow& r) {
    return {{"marketplace", core::MarketplaceName(r.marketplace)},
            {"kind", vault::CredentialKindName(r.kind)},
            {"status", vault::CredentialStatusName(r.status)},
            {"last_verified", TimeOrNull(r.last_verified_ms)},
            {"last_error", r.last_error.empty() ? nlohmann::json() : nlohmann::json(r.last_error)},
            {"hint", r.hint}};
}

core::Result<core::Marketplace> MarketplaceParam(const HttpRequest& req) {
    auto mp = core::ParseMarketplace(req.Param("marketplace"));
    if (!mp) return core::Error::NotFound("marketplaces are uzum, wildberries, yandex, ozon");
    return *mp;
}

core::Result<std::optional<vault::CredentialKind>> KindFrom(const std::string& text) {
    if (text.empty()) return std::optional<vault::CredentialKind>();
    auto kind = vault::ParseCredentialKind(text);
    if (!kind) return core::Error::Unprocessable("kind must be api_token, client_key, api_key or cabinet_login", "kind");
    return std::optional<vault::CredentialKind>(*kind);
}

}  // namespace

void RegisterCredentialRoutes(Router& r, ApiContext& ctx) {
    r.Add("GET", "/api/credentials", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        if (!ctx.credentials) return ErrorResponse(core::Error::Unavailable("credentials are not configured"));
        auto rows = ctx.credentials->ListByPartner(p->partner_id);
        if (!rows.ok()) return ErrorResponse(rows.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& row : *rows) items.push_back(CredentialJson(row));
        return JsonResponse(200, {{"items", items}});
    });

    r.Add("PUT", "/api/credentials/{marketplace}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto mp = MarketplaceParam(req);
        if (!mp.ok()) return ErrorResponse(mp.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto kind = StringField(*body, "kind", true, 32);
        if (!kind.ok()) return ErrorResponse(kind.error());
        auto fields = body->find("fields");
        if (fields == body->end() || !fields->is_object()) {
            return ErrorResponse(core::Error::Invalid("fields must be an object", "fields"));
        }
        if (!ctx.sealer) return ErrorResponse(core::Error::Unavailable("credentials are not configured"));
        auto row = ctx.sealer->Put(p->partner_id, *mp, *kind, *fields);
        // The request body held secrets: wipe our copy now rather than when the request is freed.
        core::WipeString(req.body);
        if (!row.ok()) return ErrorResponse(row.error());
        (void)ctx.store.Audit(p->user_id, p->partner_id, "credential_saved", row->id,
                              {{"marketplace", core::MarketplaceName(*mp)}, {"kind", *kind}}, req.remote_addr);
        return JsonResponse(200, CredentialJson(*row));
    });

    r.Add("DELETE", "/api/credentials/{marketplace}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto mp = MarketplaceParam(req);
        if (!mp.ok()) return ErrorResponse(mp.error());
        auto kind = KindFrom(req.Query("kind"));
        if (!kind.ok()) return ErrorResponse(kind.error());
        if (!ctx.credentials) return ErrorResponse(core::Error::Unavailable("credentials are not configured"));
        auto st = ctx.credentials->Delete(p->partner_id, *mp, *kind);
        if (!st.ok()) return ErrorResponse(st.error());
        (void)ctx.store.Audit(p->user_id, p->partner_id, "credential_deleted", std::string(core::MarketplaceName(*mp)),
                              nlohmann::json::object(), req.remote_addr);
        return JsonResponse(200, {{"ok", true}});
    });

    r.Add("POST", "/api/credentials/{marketplace}/test", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequirePartner(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto mp = MarketplaceParam(req);
        if (!mp.ok()) return ErrorResponse(mp.error());
        std::string kind_text;
        if (!req.body.empty()) {
            auto body = ParseJsonBody(req);
            if (!body.ok()) return ErrorResponse(body.error());
            auto k = StringField(*body, "kind", false, 32);
            if (!k.ok()) return ErrorResponse(k.error());
            kind_text = *k;
        }
        if (kind_text.empty()) kind_text = req.Query("kind");
        auto kind = KindFrom(kind_text);
        if (!kind.ok()) return ErrorResponse(kind.error());
        if (!ctx.test_credential) return ErrorResponse(core::Error::Unavailable("marketplace checks are not configured"));
        auto result = ctx.test_credential(p->partner_id, *mp, *kind);
        if (!result.ok()) return ErrorResponse(result.error());
        if (ctx.telegram && result->value("status", "") == "failed") {
            ctx.telegram->notifier().CredentialFailed(p->partner_id, *mp, result->value("message", ""));
        }
        return JsonResponse(200, *result);
    });
}

}  // namespace by::api
