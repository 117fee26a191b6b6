// Where reports come from: the API middleware reports 500 answers (a throwing handler, an internal error)
// with the request id, the route pattern, method and status, and nothing of the body or query; other
// answers are not reported. Workers report dead letters and internal faults, not ordinary outcomes.
#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>

#include "api/middleware.hpp"
#include "api/router.hpp"
#include "pipeline/worker.hpp"

namespace by {
namespace {

class Recorder final : public obs::ErrorReporter {
  public:
    void Report(obs::ErrorReport r) override {
        std::lock_guard lock(mu_);
        reports.push_back(std::move(r));
    }
    std::vector<obs::ErrorReport> reports;

  private:
    std::mutex mu_;
};

std::string Tag(const obs::ErrorReport& r, const std::string& key) {
    for (const auto& [k, v] : r.tags) {
        if (k == key) return v;
    }
    return "<none>";
}

api::HttpRequest Req(std::string method, std::string path, std::string body = {}) {
    api::HttpRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.query.emplace("token", "query-secret-1");
    r.headers["Authorization"] = "Bearer header-secret-2";
    r.headers["Cookie"] = "by_session=cookie-secret-3";
    return r;
}

TEST(ApiHook, FiveHundredsAreReportedWithRouteAndRequestIdButNoBody) {
    api::Router router;
    router.Add("POST", "/api/things/{id}", [](api::HttpRequest&) -> api::HttpResponse {
        throw std::runtime_error("cannot store 'body-secret-4' for thing");
    });
    router.Add("GET", "/api/things/{id}", [](api::HttpRequest&) {
        return api::ErrorResponse(core::Error::Internal("database is locked", "SELECT * FROM things"));
    });
    router.Add("GET", "/api/ok", [](api::HttpRequest&) { return api::JsonResponse(200, {{"ok", true}}); });
    router.Add("GET", "/api/busy", [](api::HttpRequest&) { return api::ErrorResponse(core::Error::Unavailable("draining")); });
    router.Add("POST", "/api/bad", [](api::HttpRequest&) { return api::ErrorResponse(core::Error::Invalid("no sku", "sku")); });
    Recorder rec;
    api::MiddlewareOptions mo;
    mo.errors = &rec;
    api::Handler h = api::WithMiddleware([&router](api::HttpRequest& r) { return router.Dispatch(r); }, mo);

    auto req = Req("POST", "/api/things/thg_0123456789abcdef0123456789abcdef", R"({"name":"body-secret-4"})");
    api::HttpResponse resp = h(req);
    EXPECT_EQ(resp.status, 500);
    EXPECT_EQ(resp.body.find("body-secret-4"), std::string::npos);
    ASSERT_EQ(rec.reports.size(), 1u);
    const auto& r = rec.reports[0];
    EXPECT_EQ(r.logger, "api");
    EXPECT_EQ(r.type, "std::runtime_error");
    EXPECT_EQ(Tag(r, "route"), "/api/things/{id}");
    EXPECT_EQ(Tag(r, "method"), "POST");
    EXPECT_EQ(Tag(r, "status"), "500");
    EXPECT_EQ(Tag(r, "request_id"), resp.GetHeader("X-Request-Id"));
    EXPECT_FALSE(Tag(r, "request_id").empty());
    EXPECT_EQ(r.transaction, "POST /api/things/{id}");
    std::string all = r.message + r.transaction + r.type;
    for (const auto& [k, v] : r.tags) all += k + "=" + v + ";";
    for (const auto& [k, v] : r.context) all += k + "=" + v + ";";
    for (const char* secret : {"body-secret-4", "query-secret-1", "header-secret-2", "cookie-secret-3", "thg_0123"}) {
        EXPECT_EQ(all.find(secret), std::string::npos) << secret << " in " << all;
    }

    auto get = Req("GET", "/api/things/thg_1");
    get.headers["X-Request-Id"] = "req-abc-123";
    EXPECT_EQ(h(get).status, 500);
    ASSERT_EQ(rec.reports.size(), 2u);
    EXPECT_EQ(rec.reports[1].type, "internal");
    EXPECT_EQ(rec.reports[1].message, "database is locked");  // the message, never the context (SQL)
    EXPECT_EQ(Tag(rec.reports[1], "request_id"), "req-abc-123");

    // Ordinary answers are not errors: 200, 400, 404, 405, 503.
    auto ok = Req("GET", "/api/ok");
    auto bad = Req("POST", "/api/bad", "{}");
    auto missing = Req("GET", "/api/nothing");
    auto wrong = Req("DELETE", "/api/ok");
    auto busy = Req("GET", "/api/busy");
    EXPECT_EQ(h(ok).status, 200);
    EXPECT_EQ(h(bad).status, 400);
    EXPECT_EQ(h(missing).status, 404);
    EXPECT_EQ(h(wrong).status, 405);
    EXPECT_EQ(h(busy).status, 503);
    EXPECT_EQ(rec.reports.size(), 2u);
}

queue::Job PublishJob() {
    queue::Job j;
    j.id = "job_aa";
    j.kind = "publish";
    j.partner_id = "prt_1";
    j.marketplace = core::Marketplace::kWildberries;
    j.attempt = 5;
    j.payload = R"({"request_id":"req_1","card_id":"crd_1"})";
    return j;
}

TEST(PipelineHook, DeadLettersAndInternalFaultsAreReportedOrdinaryOutcomesAreNot) {
    auto dead = pipeline::JobFailureReport(PublishJob(), core::Error::Unavailable("wildberries: HTTP 500"), true);
    ASSERT_TRUE(dead.has_value());
    EXPECT_EQ(dead->logger, "pipeline");
    EXPECT_EQ(dead->type, "unavailable");
    EXPECT_EQ(Tag(*dead, "job_id"), "job_aa");
    EXPECT_EQ(Tag(*dead, "stage"), "publish");
    EXPECT_EQ(Tag(*dead, "marketplace"), "wildberries");
    EXPECT_EQ(Tag(*dead, "card_id"), "crd_1");
    EXPECT_EQ(Tag(*dead, "outcome"), "dead");
    EXPECT_NE(dead->message.find("wildberries: HTTP 500"), std::string::npos);

    auto internal = pipeline::JobFailureReport(PublishJob(), core::Error::Internal("adapter returned 0 outcomes"), false);
    ASSERT_TRUE(internal.has_value());
    EXPECT_EQ(Tag(*internal, "outcome"), "failed");
    EXPECT_EQ(Tag(*internal, "error_code"), "internal");
    EXPECT_TRUE(pipeline::JobFailureReport(PublishJob(), core::Error::Crypto("tag mismatch"), false).has_value());

    for (const core::Error& ordinary :
         {core::Error::Unprocessable("rejected: title too long"), core::Error::Invalid("bad category"),
          core::Error::Unauthenticated("wildberries: HTTP 401"), core::Error::Forbidden("wildberries: HTTP 403"),
          core::Error::NotFound("product deleted")}) {
        EXPECT_FALSE(pipeline::JobFailureReport(PublishJob(), ordinary, false).has_value()) << ordinary.message;
    }
}

}  // namespace
}  // namespace by
