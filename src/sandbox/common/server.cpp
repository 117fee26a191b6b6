#include "sandbox/common/server.hpp"

#include <chrono>

#include "obs/log.hpp"
#include "sandbox/common/competitors.hpp"
#include "sandbox/common/storefront.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox {
namespace {

constexpr std::string_view kHookPrefix = "/__sandbox/";

api::HttpResponse HookError(const core::Error& e) { return api::ErrorResponse(e); }

}  // namespace

MarketplaceServer::MarketplaceServer(Context& ctx, MarketplaceApi& api, ServerOptions options)
    : ctx_(ctx), api_(api), options_(std::move(options)) {
    if (options_.fault_target.empty()) {
        options_.fault_target = api_.name();
    }
    api_.Register(router_);
    // The public storefront lives on the marketplace's own port (not the cabinet's, which shares Uzum's name).
    if (options_.fault_target == api_.name()) {
        RegisterStorefront(router_, ctx_, api_.name());
    }
}

MarketplaceServer::~MarketplaceServer() { Stop(); }

core::Result<int> MarketplaceServer::Bind() {
    api::HttpServerOptions o;
    o.host = options_.host;
    o.port = options_.port;
    o.threads = options_.threads;
    o.max_body_bytes = 64 * 1024 * 1024;  // the cabinet takes video uploads; APIs check their own limits
    o.read_timeout_s = 30;
    o.write_timeout_s = 30;
    server_ = std::make_unique<api::HttpServer>(o, [this](api::HttpRequest& req) { return Handle(req); });
    BY_ASSIGN(port_, server_->Bind());
    return port_;
}

void MarketplaceServer::Start() {
    if (server_ && !thread_.joinable()) {
        served_ = false;
        thread_ = std::thread([this] {
            server_->Serve();
            served_ = true;
        });
    }
}

void MarketplaceServer::Stop() {
    if (!thread_.joinable()) {
        return;
    }
    // httplib ignores stop() until its accept loop runs, so a Stop() right after Start() could be lost:
    // repeat it until Serve() has returned.
    while (!served_) {
        server_->Stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    thread_.join();
}

void MarketplaceServer::CountStatus(int status) {
    try {
        auto tx = ctx_.store.Begin(api_.name());
        tx.Bump("requests", "total");
        if (status >= 400) {
            tx.Bump("responses", std::to_string(status));
        }
        tx.Commit();
    } catch (const StoreError& e) {
        obs::Log(obs::Level::kWarn, "sandbox_counter_failed", {{"what", e.what()}});
    }
}

api::HttpResponse MarketplaceServer::Handle(api::HttpRequest& req) {
    if (req.path.rfind(kHookPrefix, 0) == 0 && options_.enable_hooks) {
        return HandleHook(req);
    }
    int64_t latency = 0;
    FaultAction action = ctx_.faults.Next(options_.fault_target, &latency);
    ctx_.faults.Sleep(latency);
    api::HttpResponse resp;
    if (action == FaultAction::kHang) {
        ctx_.faults.Sleep(ctx_.faults.Get(options_.fault_target).hang_ms);
        resp.status = 504;
        resp.content_type = "text/plain";
        resp.SetHeader("Connection", "close");
    } else if (action == FaultAction::kServerError) {
        resp = api_.ServerError();
    } else if (action == FaultAction::kOverLimit) {
        resp = api_.OverLimit(req);
    } else {
        try {
            resp = router_.Dispatch(req);
        } catch (const StoreError& e) {
            obs::Log(obs::Level::kError, "sandbox_store_error", {{"marketplace", api_.name()}, {"what", e.what()}});
            resp = api_.ServerError();
        } catch (const std::exception& e) {
            // Input no handler foresaw (e.g. a JSON of an unexpected shape): the marketplace's own 500.
            obs::Log(obs::Level::kError, "sandbox_handler_exception",
                     {{"marketplace", api_.name()}, {"path", req.path}, {"what", e.what()}});
            resp = api_.ServerError();
        }
    }
    CountStatus(resp.status);
    return resp;
}

api::HttpResponse MarketplaceServer::HandleHook(api::HttpRequest& req) {
    std::string_view what = std::string_view(req.path).substr(kHookPrefix.size());
    std::string mp = api_.name();
    try {
        if (what == "health" && req.method == "GET") {
            return api::JsonResponse(200, {{"status", "ok"}, {"marketplace", mp}});
        }
        if (what == "state" && req.method == "GET") {
            nlohmann::json state = ctx_.store.Dump(mp);
            state["marketplace"] = mp;
            state["now_ms"] = ctx_.NowMs();
            state["faults"] = ctx_.faults.Get(options_.fault_target).ToJson();
            return api::JsonResponse(200, state);
        }
        if (what == "reset" && req.method == "POST") {
            ctx_.store.Reset(mp);
            ctx_.limiter.Reset(mp + "|");
            ctx_.faults.Reset(mp);
            ctx_.faults.Reset(options_.fault_target);
            return api::JsonResponse(200, {{"status", "ok"}, {"marketplace", mp}});
        }
        if (what == "accounts" && req.method == "GET") {
            return api::JsonResponse(200, ctx_.accounts.ToJson());
        }
        if (what == "competitors" && req.method == "GET") {
            return api::JsonResponse(200, CompetitorCards(mp, ctx_.VirtualNowMs()));
        }
        if (what == "faults") {
            if (req.method == "GET") {
                return api::JsonResponse(200, {{"target", options_.fault_target},
                                               {"faults", ctx_.faults.Get(options_.fault_target).ToJson()}});
            }
            if (req.method == "POST") {
                auto body = ParseJson(req.body);
                if (!body || !body->is_object()) {
                    return HookError(core::Error::Invalid("faults must be a JSON object"));
                }
                std::string target = JsonString(*body, "marketplace", options_.fault_target);
                auto st = ctx_.faults.Apply(target, *body);
                if (!st.ok()) {
                    return HookError(st.error());
                }
                return api::JsonResponse(200, {{"target", target}, {"faults", ctx_.faults.Get(target).ToJson()}});
            }
        }
        if (what == "orders" && req.method == "POST") {
            auto body = ParseJson(req.body);
            if (!body || !body->is_object()) {
                return HookError(core::Error::Invalid("orders body must be a JSON object"));
            }
            auto r = api_.CreateTestOrders(*body);
            if (!r.ok()) {
                return HookError(r.error());
            }
            return api::JsonResponse(200, *r);
        }
    } catch (const StoreError& e) {
        return HookError(core::Error::Internal("sandbox storage failed", e.what()));
    }
    return HookError(core::Error::NotFound("no such sandbox hook"));
}

}  // namespace by::sandbox
