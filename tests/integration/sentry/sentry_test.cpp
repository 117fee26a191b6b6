// Error reports to Sentry: the DSN, scrubbing, and the reporter against a local fake that parses every
// envelope strictly (fake_sentry.hpp): tags and ids arrive, secrets do not, 429 pauses then delivers, a full
// queue drops without blocking, shutdown flushes.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include "fake_sentry.hpp"
#include "core/clock.hpp"
#include "net/curl/curl_http_client.hpp"
#include "obs/metrics.hpp"
#include "obs/sentry/dsn.hpp"
#include "obs/sentry/scrub.hpp"
#include "obs/sentry/sentry_reporter.hpp"

namespace by {
namespace {

using obs::sentry::ParseDsn;
using obs::sentry::ScrubText;
using obs::sentry::SentryOptions;
using obs::sentry::SentryReporter;
using Clock = std::chrono::steady_clock;

double Outcome(const char* outcome) {
    return obs::Metrics::Global().Get("by_sentry_events_total", {{"outcome", outcome}});
}

std::unique_ptr<SentryReporter> MakeReporter(const std::string& dsn, SentryOptions o = {}) {
    static core::SystemClock clock;
    auto parsed = ParseDsn(dsn);
    EXPECT_TRUE(parsed.ok()) << parsed.error().message;
    o.server_name = "test-host";
    return std::make_unique<SentryReporter>(*parsed, o, net::MakeCurlHttpClient(), clock);
}

obs::ErrorReport JobReport(const std::string& message) {
    obs::ErrorReport r;
    r.logger = "pipeline";
    r.type = "unavailable";
    r.message = message;
    r.transaction = "job publish";
    r.tags = {{"job_id", "job_0123456789abcdef0123456789abcdef"}, {"stage", "publish"}, {"marketplace", "wildberries"},
              {"request_id", "9f8e7d6c5b4a3921"}, {"route", "/api/cards/{id}"}, {"method", "POST"}, {"status", "500"}};
    r.context = {{"attempt", "5"}};
    return r;
}

TEST(SentryDsn, ParsesHostPortPathAndProject) {
    auto d = ParseDsn("https://abc123def@o1.ingest.sentry.io:8443/prefix/sub/4505");
    ASSERT_TRUE(d.ok()) << d.error().message;
    EXPECT_EQ(d->scheme, "https");
    EXPECT_EQ(d->public_key, "abc123def");
    EXPECT_EQ(d->host, "o1.ingest.sentry.io:8443");
    EXPECT_EQ(d->path, "/prefix/sub");
    EXPECT_EQ(d->project_id, "4505");
    EXPECT_EQ(d->EnvelopeUrl(), "https://o1.ingest.sentry.io:8443/prefix/sub/api/4505/envelope/");
    EXPECT_EQ(d->Redacted(), "https://****3def@o1.ingest.sentry.io:8443/prefix/sub/4505");

    auto local = ParseDsn("http://key:legacysecret@127.0.0.1:9000/7");
    ASSERT_TRUE(local.ok());
    EXPECT_EQ(local->public_key, "key");
    EXPECT_EQ(local->EnvelopeUrl(), "http://127.0.0.1:9000/api/7/envelope/");
    EXPECT_EQ(local->ToString().find("legacysecret"), std::string::npos);

    for (const char* bad : {"", "sentry.io/1", "ftp://k@h/1", "https://h/1", "https://k@h", "https://k@h/proj",
                            "https://@h/1", "https://k@/1"}) {
        auto r = ParseDsn(bad);
        EXPECT_FALSE(r.ok()) << bad;
    }
    auto r = ParseDsn("https://topsecretkey99@h/notanumber");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message.find("topsecretkey99"), std::string::npos);
}

TEST(SentryScrub, RemovesTokensKeysQueryValuesAndKeyLookingStrings) {
    std::string in = "upstream said: Authorization: Bearer abc123secret; api_key=XYZ&x=1, GET "
                     "https://user:pw@api.example.com/v1/items?token=t0ps3cret&page=2 {\"password\": \"hunter2\"} "
                     "key AbCdEfGhIjKlMnOpQrStUvWxYz0123456789xyz";
    std::string out = ScrubText(in);
    for (const char* secret : {"abc123secret", "XYZ", "user:pw", "t0ps3cret", "page=2", "hunter2",
                               "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789xyz"}) {
        EXPECT_EQ(out.find(secret), std::string::npos) << secret << " in " << out;
    }
    EXPECT_NE(out.find("https://***@api.example.com/v1/items?***"), std::string::npos) << out;
    // Our own ids (prefix + lower hex) and request ids stay readable.
    std::string ids = "card crd_0123456789abcdef0123456789abcdef job 9f8e7d6c5b4a3921 failed: HTTP 500";
    EXPECT_EQ(ScrubText(ids), ids);
    // Cut on a UTF-8 boundary.
    std::string cyr = ScrubText(std::string(600, 'x') + "\xD0\xBF\xD1\x80\xD0\xB8", 601);
    EXPECT_EQ(cyr, std::string(600, 'x') + "\xE2\x80\xA6");
}

TEST(SentryReporter, SendsOneEnvelopeWithTagsAndIds) {
    testing::FakeSentry fake;
    double sent_before = Outcome("sent");
    {
        auto reporter = MakeReporter(fake.dsn());
        reporter->Report(JobReport("wildberries: HTTP 500: internal server error"));
        ASSERT_TRUE(fake.WaitFor(1, 10000)) << ::testing::PrintToString(fake.problems());
        EXPECT_TRUE(reporter->Flush(5000));
        EXPECT_EQ(reporter->sent(), 1);
    }
    EXPECT_TRUE(fake.problems().empty()) << fake.problems()[0];
    auto envs = fake.envelopes();
    ASSERT_EQ(envs.size(), 1u);
    const auto& ev = envs[0].event;
    EXPECT_TRUE(std::regex_match(ev["event_id"].get<std::string>(), std::regex("[0-9a-f]{32}")));
    EXPECT_EQ(envs[0].header["dsn"], fake.dsn());
    EXPECT_EQ(ev["platform"], "native");
    EXPECT_EQ(ev["level"], "error");
    EXPECT_EQ(ev["logger"], "pipeline");
    EXPECT_EQ(ev["environment"], "production");
    EXPECT_EQ(ev["server_name"], "test-host");
    EXPECT_EQ(ev["release"], "biznesyordam@1.0");
    EXPECT_EQ(ev["transaction"], "job publish");
    EXPECT_TRUE(ev["timestamp"].is_string());
    EXPECT_EQ(ev["exception"]["values"][0]["type"], "unavailable");
    EXPECT_EQ(ev["exception"]["values"][0]["value"], "wildberries: HTTP 500: internal server error");
    EXPECT_EQ(ev["tags"]["job_id"], "job_0123456789abcdef0123456789abcdef");
    EXPECT_EQ(ev["tags"]["stage"], "publish");
    EXPECT_EQ(ev["tags"]["marketplace"], "wildberries");
    EXPECT_EQ(ev["tags"]["request_id"], "9f8e7d6c5b4a3921");
    EXPECT_EQ(ev["tags"]["route"], "/api/cards/{id}");
    EXPECT_EQ(ev["contexts"]["pipeline"]["attempt"], "5");
    EXPECT_NE(envs[0].auth.find("sentry_key=0123456789abcdef0123456789abcdef"), std::string::npos);
    EXPECT_EQ(Outcome("sent"), sent_before + 1);
}

TEST(SentryReporter, NoSecretLeavesInTheEnvelope) {
    testing::FakeSentry fake;
    auto reporter = MakeReporter(fake.dsn());
    auto r = JobReport("publish failed: Authorization: Bearer abc123secret, retry with api_key=XYZ at "
                       "https://api.example.com/x?signature=s1gn4tur3");
    r.tags.emplace_back("marketplace_note", "client_id=CL13NT");
    r.context.emplace_back("upstream", "{\"token\":\"tok-777\"}");
    reporter->Report(r);
    ASSERT_TRUE(fake.WaitFor(1, 10000));
    std::string raw = fake.envelopes()[0].raw;
    for (const char* secret : {"abc123secret", "XYZ", "s1gn4tur3", "CL13NT", "tok-777"}) {
        EXPECT_EQ(raw.find(secret), std::string::npos) << secret << " leaked: " << raw;
    }
    EXPECT_NE(raw.find("Authorization: ***"), std::string::npos) << raw;  // scrubbed, not dropped
}

TEST(SentryReporter, RateLimitedAnswerPausesThenDelivers) {
    testing::FakeSentry fake;
    fake.Script({429, {{"Retry-After", "1"}}});
    auto reporter = MakeReporter(fake.dsn());
    reporter->Report(JobReport("first"));
    ASSERT_TRUE(fake.WaitFor(1, 10000));
    auto times = fake.call_times();
    ASSERT_EQ(times.size(), 2u);
    EXPECT_GE(times[1] - times[0], std::chrono::milliseconds(900)) << "resent before Retry-After passed";
    EXPECT_EQ(fake.envelopes()[0].event["exception"]["values"][0]["value"], "first");
    EXPECT_TRUE(reporter->Flush(5000));
    EXPECT_EQ(reporter->sent(), 1);
    EXPECT_EQ(reporter->failed(), 0);

    // X-Sentry-Rate-Limits on a success pauses the next send too (errors category).
    fake.Script({200, {{"X-Sentry-Rate-Limits", "1:error;transaction:key"}}});
    reporter->Report(JobReport("second"));
    ASSERT_TRUE(fake.WaitFor(2, 10000));
    reporter->Report(JobReport("third"));
    ASSERT_TRUE(fake.WaitFor(3, 10000));
    times = fake.call_times();
    ASSERT_EQ(times.size(), 4u);
    EXPECT_GE(times[3] - times[2], std::chrono::milliseconds(900));
}

TEST(SentryReporter, FullQueueDropsAndCountsWithoutBlocking) {
    testing::FakeSentry fake;
    fake.Hold();
    SentryOptions o;
    o.max_queue = 5;
    auto reporter = MakeReporter(fake.dsn(), o);
    double dropped_before = Outcome("dropped");
    reporter->Report(JobReport("in flight"));
    ASSERT_TRUE(fake.WaitForCalls(1, 10000));  // the sender is now waiting on the held answer
    auto start = Clock::now();
    for (int i = 0; i < 10; ++i) reporter->Report(JobReport("queued " + std::to_string(i)));
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(200)) << "Report() waited";
    EXPECT_EQ(reporter->dropped(), 5);
    EXPECT_EQ(Outcome("dropped"), dropped_before + 5);
    fake.Release();
    EXPECT_TRUE(reporter->Flush(10000));
    EXPECT_EQ(reporter->sent(), 6);
    EXPECT_EQ(fake.envelopes().size(), 6u);
}

TEST(SentryReporter, ShutdownFlushesWhatIsQueued) {
    testing::FakeSentry fake;
    {
        auto reporter = MakeReporter(fake.dsn());
        for (int i = 0; i < 3; ++i) reporter->Report(JobReport("at exit " + std::to_string(i)));
    }
    EXPECT_EQ(fake.envelopes().size(), 3u);
}

TEST(SentryReporter, UnreachableServerCountsFailuresAndNeverBlocks) {
    int port = 0;
    {
        testing::FakeSentry gone;  // a port that was just free, now closed
        port = std::stoi(gone.dsn().substr(gone.dsn().rfind(':') + 1));
    }
    double failed_before = Outcome("failed");
    auto reporter = MakeReporter("http://k@127.0.0.1:" + std::to_string(port) + "/1");
    auto start = Clock::now();
    reporter->Report(JobReport("nobody listens"));
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(50));
    EXPECT_TRUE(reporter->Flush(10000));
    EXPECT_EQ(reporter->failed(), 1);
    EXPECT_EQ(Outcome("failed"), failed_before + 1);
}

TEST(SentryReporter, SampleRateZeroSendsNothing) {
    testing::FakeSentry fake;
    SentryOptions o;
    o.sample_rate = 0;
    {
        auto reporter = MakeReporter(fake.dsn(), o);
        for (int i = 0; i < 5; ++i) reporter->Report(JobReport("sampled out"));
    }
    EXPECT_EQ(fake.calls(), 0);
}

}  // namespace
}  // namespace by
