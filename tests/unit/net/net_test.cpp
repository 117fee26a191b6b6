// net/: redaction, full-jitter backoff, Retry-After / X-Ratelimit-Retry, the retry budget, and the libcurl
// client against a loopback server (statuses, headers, bodies, timeouts, refused connections).
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "core/secret.hpp"
#include "net/curl/curl_http_client.hpp"
#include "net/redact.hpp"
#include "net/retry.hpp"
#include "testing/fake_clock.hpp"

namespace by::net {
namespace {

TEST(Redact, HeadersUrlsAndEchoes) {
    Headers h = {{"Authorization", "Bearer tok-123456"}, {"Api-Key", "key-abcdef"}, {"Client-Id", "777777"},
                 {"Cookie", "session=zzzzzz"}, {"Accept", "application/json"}};
    std::string s = RedactHeaders(h);
    EXPECT_EQ(s.find("tok-123456"), std::string::npos);
    EXPECT_EQ(s.find("key-abcdef"), std::string::npos);
    EXPECT_EQ(s.find("777777"), std::string::npos);
    EXPECT_EQ(s.find("zzzzzz"), std::string::npos);
    EXPECT_NE(s.find("Accept: application/json"), std::string::npos);
    EXPECT_TRUE(IsSensitiveHeader("api-key"));
    EXPECT_FALSE(IsSensitiveHeader("Content-Type"));

    EXPECT_EQ(RedactUrl("https://u:p@host/x?a=1&token=SECRET&api_key=K#f"), "https://***@host/x?a=1&token=***&api_key=***#f");
    EXPECT_EQ(RedactUrl("http://127.0.0.1:80/ping"), "http://127.0.0.1:80/ping");
    // Telegram puts the bot token in the path: /bot<id>:<secret>/method.
    EXPECT_EQ(RedactUrl("https://api.telegram.org/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage"),
              "https://api.telegram.org/bot***/sendMessage");
    EXPECT_EQ(RedactUrl("http://127.0.0.1:9/tg/bot42:SECRETSECRET/getMe?x=1"), "http://127.0.0.1:9/tg/bot***/getMe?x=1");
    EXPECT_EQ(RedactUrl("https://host/bottles/list"), "https://host/bottles/list");

    std::string body = "invalid key key-abcdef for Bearer tok-123456 and tok-123456";
    std::string scrubbed = ScrubSecrets(body, h);
    EXPECT_EQ(scrubbed.find("key-abcdef"), std::string::npos);
    EXPECT_EQ(scrubbed.find("tok-123456"), std::string::npos);
    EXPECT_EQ(ScrubAndTruncate(std::string(50, 'x'), h, 10).size(), std::string("xxxxxxxxxx…").size());
}

TEST(Retry, TransientStatusesAndRetryAfter) {
    EXPECT_TRUE(IsTransientStatus(500));
    EXPECT_TRUE(IsTransientStatus(503));
    EXPECT_TRUE(IsTransientStatus(429));
    EXPECT_TRUE(IsTransientStatus(420));
    EXPECT_TRUE(IsTransientStatus(408));
    EXPECT_FALSE(IsTransientStatus(501));
    EXPECT_FALSE(IsTransientStatus(400));
    EXPECT_FALSE(IsTransientStatus(404));
    HttpResponse r;
    r.headers = {{"retry-after", "3"}};
    EXPECT_EQ(RetryAfterMs(r, 0), 3000);
    r.headers = {{"X-Ratelimit-Retry", "1.5"}, {"Retry-After", "9"}};
    EXPECT_EQ(RetryAfterMs(r, 0), 1500);  // WB's header wins
    r.headers = {{"Retry-After", "Thu, 01 Jan 1970 00:00:10 GMT"}};
    EXPECT_EQ(RetryAfterMs(r, 4000), 6000);
    r.headers = {{"Retry-After", "soon"}};
    EXPECT_FALSE(RetryAfterMs(r, 0).has_value());
}

TEST(Retry, FullJitterStaysWithinTheExponentialCap) {
    RetryPolicy p;
    p.base_delay_ms = 100;
    p.max_delay_ms = 1000;
    std::mt19937_64 rng(1);
    for (int retry = 1; retry <= 8; ++retry) {
        int64_t cap = std::min<int64_t>(1000, 100ll << (retry - 1));
        int64_t max_seen = 0;
        for (int i = 0; i < 2000; ++i) {
            int64_t d = FullJitterDelayMs(retry, p, rng());
            ASSERT_GE(d, 0);
            ASSERT_LE(d, cap);
            max_seen = std::max(max_seen, d);
        }
        EXPECT_GT(max_seen, cap * 9 / 10);  // spread over the whole range
    }
}

class ScriptedClient final : public HttpClient {
  public:
    std::vector<core::Result<HttpResponse>> script;
    int calls = 0;
    core::Result<HttpResponse> Send(const HttpRequest&) override {
        auto r = script[std::min<size_t>(calls, script.size() - 1)];
        ++calls;
        return r;
    }
};

class CountingSleeper final : public Sleeper {
  public:
    explicit CountingSleeper(testing::FakeClock& c) : clock(c) {}
    void SleepMs(int64_t ms) override {
        waits.push_back(ms);
        clock.Advance(ms);
    }
    testing::FakeClock& clock;
    std::vector<int64_t> waits;
};

HttpResponse Answer(int status, Headers h = {}) {
    HttpResponse r;
    r.status = status;
    r.headers = std::move(h);
    return r;
}

TEST(Retry, RetriesTransientFaultsThenSucceeds) {
    testing::FakeClock clock;
    CountingSleeper sleeper(clock);
    ScriptedClient inner;
    inner.script = {core::Error::Unavailable("refused"), core::Error::Timeout("slow"), Answer(502), Answer(200)};
    RetryingHttpClient client(inner, clock, sleeper, 7);
    HttpRequest req;
    req.retry.max_attempts = 5;
    auto r = client.Send(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->attempts, 4);
    EXPECT_EQ(sleeper.waits.size(), 3u);
}

TEST(Retry, PermanentAnswersAreNotRetried) {
    testing::FakeClock clock;
    CountingSleeper sleeper(clock);
    ScriptedClient inner;
    inner.script = {Answer(400)};
    RetryingHttpClient client(inner, clock, sleeper);
    auto r = client.Send(HttpRequest{});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(inner.calls, 1);
    inner.script = {core::Error::Invalid("bad url")};
    inner.calls = 0;
    EXPECT_FALSE(client.Send(HttpRequest{}).ok());
    EXPECT_EQ(inner.calls, 1);
}

TEST(Retry, HonoursRetryAfterWithinTheBudgetAndReturnsTheAnswerBeyondIt) {
    testing::FakeClock clock;
    CountingSleeper sleeper(clock);
    ScriptedClient inner;
    inner.script = {Answer(429, {{"X-Ratelimit-Retry", "2"}}), Answer(200)};
    RetryingHttpClient client(inner, clock, sleeper);
    HttpRequest req;
    auto r = client.Send(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200);
    ASSERT_EQ(sleeper.waits.size(), 1u);
    EXPECT_EQ(sleeper.waits[0], 2000);

    inner.script = {Answer(420, {{"Retry-After", "60"}})};
    inner.calls = 0;
    req.retry.budget_ms = 5000;
    auto over = client.Send(req);
    ASSERT_TRUE(over.ok());
    EXPECT_EQ(over->status, 420);  // the caller turns it into RateLimited(60 s)
    EXPECT_EQ(inner.calls, 1);
}

TEST(Retry, AttemptBudgetEndsWithTheLastError) {
    testing::FakeClock clock;
    CountingSleeper sleeper(clock);
    ScriptedClient inner;
    inner.script = {core::Error::Timeout("GET http://x/: timed out")};
    RetryingHttpClient client(inner, clock, sleeper);
    HttpRequest req;
    req.retry.max_attempts = 3;
    auto r = client.Send(req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kTimeout);
    EXPECT_EQ(inner.calls, 3);
}

// ---- libcurl against a loopback server ----

struct Loopback {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    std::atomic<int> hits{0};
    std::string last_auth;
    Loopback() {
        server.Get("/ok", [this](const httplib::Request& req, httplib::Response& res) {
            ++hits;
            last_auth = req.get_header_value("Authorization");
            res.set_header("X-Test", "yes");
            res.set_content("{\"ok\":true}", "application/json");
        });
        server.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
            res.status = 201;
            res.set_content(req.body, "application/json");
        });
        server.Put("/put", [](const httplib::Request& req, httplib::Response& res) { res.status = 204; });
        server.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            res.set_content("late", "text/plain");
        });
        server.Get("/flaky", [this](const httplib::Request&, httplib::Response& res) {
            res.status = (hits++ % 2 == 0) ? 503 : 200;
            res.set_content("x", "text/plain");
        });
        port = server.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~Loopback() {
        server.stop();
        thread.join();
    }
    std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

TEST(Curl, StatusHeadersBodiesAndMethods) {
    Loopback lb;
    auto client = MakeCurlHttpClient();
    HttpRequest get;
    get.url = lb.Url("/ok");
    get.headers = {{"Authorization", "tok"}};
    for (int i = 0; i < 3; ++i) {  // pooled handles are reused
        auto r = client->Send(get);
        ASSERT_TRUE(r.ok()) << r.error().message;
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(r->body, "{\"ok\":true}");
        EXPECT_EQ(r->Header("x-test").value_or(""), "yes");
    }
    EXPECT_EQ(lb.last_auth, "tok");
    HttpRequest post;
    post.method = "POST";
    post.url = lb.Url("/echo");
    post.body = "{\"a\":1}";
    post.headers = {{"Content-Type", "application/json"}};
    auto p = client->Send(post);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->status, 201);
    EXPECT_EQ(p->body, "{\"a\":1}");
    HttpRequest put;
    put.method = "PUT";
    put.url = lb.Url("/put");
    put.body = "{}";
    auto u = client->Send(put);
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->status, 204);
}

TEST(Curl, TimeoutAndRefusedAreTypedErrorsWithoutSecrets) {
    Loopback lb;
    auto client = MakeCurlHttpClient();
    HttpRequest slow;
    slow.url = lb.Url("/slow?token=SECRET123");
    slow.timeout_ms = 200;
    auto r = client->Send(slow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kTimeout);
    EXPECT_EQ(r.error().message.find("SECRET123"), std::string::npos);

    HttpRequest refused;
    refused.url = "http://127.0.0.1:1/x";
    refused.connect_timeout_ms = 500;
    auto e = client->Send(refused);
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, core::ErrorCode::kUnavailable);
    EXPECT_TRUE(e.error().IsTransient());

    HttpRequest bad;
    bad.method = "BREW";
    bad.url = lb.Url("/ok");
    EXPECT_EQ(client->Send(bad).error().code, core::ErrorCode::kInvalid);
}

TEST(Curl, DefaultClientRetries5xx) {
    Loopback lb;
    core::SystemClock clock;
    auto client = MakeDefaultHttpClient(clock);
    HttpRequest req;
    req.url = lb.Url("/flaky");
    req.retry.base_delay_ms = 1;
    auto r = client->Send(req);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->attempts, 2);
}

}  // namespace
}  // namespace by::net
