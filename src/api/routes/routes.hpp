// Route registration, one function per resource file.
#pragma once

#include "api/context.hpp"
#include "api/router.hpp"

namespace by::api {

void RegisterAuthRoutes(Router& r, ApiContext& ctx);
void RegisterProductRoutes(Router& r, ApiContext& ctx);
void RegisterRequestRoutes(Router& r, ApiContext& ctx);
void RegisterAdminRoutes(Router& r, ApiContext& ctx);
void RegisterCredentialRoutes(Router& r, ApiContext& ctx);
void RegisterEconomicsRoutes(Router& r, ApiContext& ctx);
void RegisterBillingRoutes(Router& r, ApiContext& ctx);  // also GET /api/admin/business
void RegisterOpsRoutes(Router& r, ApiContext& ctx);
void RegisterNotifyRoutes(Router& r, ApiContext& ctx);
void RegisterOrderRoutes(Router& r, ApiContext& ctx);
void RegisterCompetitorRoutes(Router& r, ApiContext& ctx);

// The whole API: every route above, plus the dashboard (web/dist) for every other GET path, wrapped
// in the middleware. This is the root handler given to HttpServer.
Handler BuildApi(Router& router, ApiContext& ctx, bool hsts);

}  // namespace by::api
