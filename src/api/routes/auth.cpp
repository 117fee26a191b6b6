// /api/auth/* and /api/tokens.
#include "api/routes/route_helpers.hpp"
#include "api/routes/routes.hpp"

namespace by::api {
namespace {

std::string CookieHeader(const ApiContext& ctx, const std::string& value, int64_t max_age_s) {
    std::string c = SessionCookieName(ctx) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                    std::to_string(max_age_s);
    if (ctx.secure_cookies) {
        c += "; Secure";
    }
    return c;
}

}  // namespace

void RegisterAuthRoutes(Router& r, ApiContext& ctx) {
    r.Add("POST", "/api/auth/register", [&ctx](HttpRequest& req) -> HttpResponse {
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto company = StringField(*body, "company", true, 200);
        if (!company.ok()) return ErrorResponse(company.error());
        auto email = StringField(*body, "email", true, 254);
        if (!email.ok()) return ErrorResponse(email.error());
        // Length limits are the password policy's (a >1 KiB password is refused with 400 before hashing).
        auto password = StringField(*body, "password", true, 1 << 20);
        if (!password.ok()) return ErrorResponse(password.error());
        auto created = ctx.auth.Register(*company, *email, *password);
        if (!created.ok()) return ErrorResponse(created.error());
        (void)ctx.store.Audit(created->second.id, created->first.id, "register", created->second.email, nlohmann::json::object(),
                              req.remote_addr);
        return JsonResponse(201, {{"user", ToJson(created->second)}, {"partner", ToJson(created->first)}});
    });

    r.Add("POST", "/api/auth/login", [&ctx](HttpRequest& req) -> HttpResponse {
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto email = StringField(*body, "email", true, 254);
        if (!email.ok()) return ErrorResponse(email.error());
        auto password = StringField(*body, "password", true, 1 << 20);
        if (!password.ok()) return ErrorResponse(password.error());
        auto res = ctx.auth.Login(*email, *password, req.remote_addr);
        if (!res.ok()) return ErrorResponse(res.error());
        auto user = ctx.store.GetUser(res->principal.user_id);
        if (!user.ok()) return ErrorResponse(user.error());
        HttpResponse resp = JsonResponse(200, {{"user", ToJson(*user)}, {"csrf_token", res->csrf_token}});
        resp.SetHeader("Set-Cookie", CookieHeader(ctx, res->session_id, ctx.auth.options().session_absolute_ms / 1000));
        return resp;
    });

    r.Add("POST", "/api/auth/logout", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto st = ctx.auth.Logout(*p);
        if (!st.ok()) return ErrorResponse(st.error());
        HttpResponse resp = JsonResponse(200, {{"ok", true}});
        resp.SetHeader("Set-Cookie", CookieHeader(ctx, "", 0));
        return resp;
    });

    r.Add("GET", "/api/auth/me", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto user = ctx.store.GetUser(p->user_id);
        if (!user.ok()) return ErrorResponse(user.error());
        nlohmann::json out = {{"user", ToJson(*user)}, {"csrf_token", ctx.auth.CsrfToken(*p)}};
        if (!p->partner_id.empty()) {
            auto partner = ctx.store.GetPartner(p->partner_id);
            if (partner.ok()) out["partner"] = ToJson(*partner);
        }
        return JsonResponse(200, out);
    });

    r.Add("POST", "/api/tokens", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto body = ParseJsonBody(req);
        if (!body.ok()) return ErrorResponse(body.error());
        auto name = StringField(*body, "name", true, 100);
        if (!name.ok()) return ErrorResponse(name.error());
        auto t = ctx.auth.CreateApiToken(*p, *name);
        if (!t.ok()) return ErrorResponse(t.error());
        return JsonResponse(201, {{"id", t->first.id}, {"name", t->first.name}, {"token", t->second}});
    });

    r.Add("DELETE", "/api/tokens/{id}", [&ctx](HttpRequest& req) -> HttpResponse {
        auto p = RequireCaller(ctx, req);
        if (!p.ok()) return ErrorResponse(p.error());
        auto st = ctx.auth.RevokeApiToken(*p, req.Param("id"));
        if (!st.ok()) return ErrorResponse(st.error());
        return JsonResponse(200, {{"ok", true}});
    });
}

}  // namespace by::api
