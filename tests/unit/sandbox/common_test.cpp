// The sandbox's building blocks: limiter, media sniffing, forms, TOTP, store, faults, competitors.
#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "fixture.hpp"
#include "sandbox/cabinet/multipart.hpp"
#include "sandbox/cabinet/totp.hpp"
#include "sandbox/common/competitors.hpp"
#include "sandbox/common/faults.hpp"
#include "sandbox/common/media.hpp"
#include "sandbox/common/media_check.hpp"
#include "sandbox/common/rate_limiter.hpp"
#include "sandbox/common/store.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox::test {
namespace {

// Over `times` (ms, sorted), the most events in any window of `window_ms`.
int MaxInWindow(const std::vector<int64_t>& times, int64_t window_ms) {
    int best = 0;
    size_t j = 0;
    for (size_t i = 0; i < times.size(); ++i) {
        while (times[i] - times[j] >= window_ms) {
            ++j;
        }
        best = std::max(best, static_cast<int>(i - j + 1));
    }
    return best;
}

TEST(RateLimiter, TokenBucketNeverExceedsBurstPlusRate) {
    testing::FakeClock clock;
    RateLimiter limiter(clock, 1.0);
    BucketSpec spec{5, 6000};  // WB card writes: 10/min, burst 5
    std::vector<int64_t> allowed;
    for (int i = 0; i < 600; ++i) {  // a call every 500 ms for 5 minutes
        if (limiter.TakeBucket("k", spec).allowed) {
            allowed.push_back(clock.MonotonicMs());
        }
        clock.Advance(500);
    }
    // Any minute: at most burst + 60 s / 6 s.
    EXPECT_LE(MaxInWindow(allowed, 60000), 15);
    // The long run rate is the published 10 per minute (5 minutes + the initial burst).
    EXPECT_GE(allowed.size(), 50u);
    EXPECT_LE(allowed.size(), 56u);
}

TEST(RateLimiter, RetryAfterIsWhenATokenReturns) {
    testing::FakeClock clock;
    RateLimiter limiter(clock, 1.0);
    BucketSpec spec{1, 6000};
    EXPECT_TRUE(limiter.TakeBucket("k", spec).allowed);
    clock.Advance(1000);
    LimitDecision d = limiter.TakeBucket("k", spec);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.retry_after_ms, 5000);
    clock.Advance(5000);
    EXPECT_TRUE(limiter.TakeBucket("k", spec).allowed);
}

TEST(RateLimiter, TimeScaleRunsLimitsFaster) {
    testing::FakeClock clock;
    RateLimiter limiter(clock, 60.0);  // a minute lasts a second
    BucketSpec spec{5, 6000};
    for (int i = 0; i < 5; ++i) {
        EXPECT_TRUE(limiter.TakeBucket("k", spec).allowed);
    }
    LimitDecision d = limiter.TakeBucket("k", spec);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.retry_after_ms, 100);  // 6 s / 60
    clock.Advance(100);
    EXPECT_TRUE(limiter.TakeBucket("k", spec).allowed);
}

TEST(RateLimiter, SlidingWindowNeverExceedsAmount) {
    testing::FakeClock clock;
    RateLimiter limiter(clock, 1.0);
    WindowSpec spec{100, 60000};
    std::vector<int64_t> allowed;
    for (int i = 0; i < 1800; ++i) {  // every 100 ms for 3 minutes
        if (limiter.TakeWindow("k", spec).allowed) {
            allowed.push_back(clock.MonotonicMs());
        }
        clock.Advance(100);
    }
    EXPECT_LE(MaxInWindow(allowed, 60000), 100);
    EXPECT_GE(allowed.size(), 300u);
}

TEST(RateLimiter, WindowCountsItems) {
    testing::FakeClock clock;
    RateLimiter limiter(clock, 1.0);
    WindowSpec spec{5000, 60000};
    EXPECT_TRUE(limiter.TakeWindow("k", spec, 4900).allowed);
    LimitDecision d = limiter.TakeWindow("k", spec, 200);
    EXPECT_FALSE(d.allowed);
    EXPECT_EQ(d.retry_after_ms, 60000);
    EXPECT_TRUE(limiter.TakeWindow("k", spec, 100).allowed);
    limiter.Reset("k");
    EXPECT_TRUE(limiter.TakeWindow("k", spec, 5000).allowed);
}

TEST(Media, SniffsFormatsAndSizes) {
    MediaInfo j = SniffMedia(MakeJpeg(1200, 1600));
    EXPECT_EQ(j.format, MediaFormat::kJpeg);
    EXPECT_EQ(j.width, 1200);
    EXPECT_EQ(j.height, 1600);
    MediaInfo p = SniffMedia(MakePng(700, 900));
    EXPECT_EQ(p.format, MediaFormat::kPng);
    EXPECT_EQ(p.width, 700);
    EXPECT_EQ(p.height, 900);
    MediaInfo w = SniffMedia(MakeWebp(800, 1000));
    EXPECT_EQ(w.format, MediaFormat::kWebp);
    EXPECT_EQ(w.width, 800);
    EXPECT_EQ(w.height, 1000);
    EXPECT_EQ(SniffMedia(MakeMp4()).format, MediaFormat::kMp4);
    std::string mov = MakeMp4();
    mov.replace(8, 4, "qt  ");
    EXPECT_EQ(SniffMedia(mov).format, MediaFormat::kMov);
    EXPECT_EQ(SniffMedia("<html>hello</html>").format, MediaFormat::kUnknown);
    std::string gif = "GIF89a";
    gif += std::string("\x20\x03\x84\x03\x00\x00\x00", 7);
    MediaInfo g = SniffMedia(gif);
    EXPECT_EQ(g.format, MediaFormat::kGif);
    EXPECT_EQ(g.width, 800);
    EXPECT_EQ(g.height, 900);
}

TEST(Media, CheckerDownloadsAndJudges) {
    MediaServer server;
    server.Put("/big.jpg", MakeJpeg(1000, 1300), "image/jpeg");
    server.Put("/small.jpg", MakeJpeg(600, 800), "image/jpeg");
    server.Put("/page.html", "<html></html>", "text/html");
    server.Put("/clip.mp4", MakeMp4(), "video/mp4");
    MediaChecker checker(3000);
    MediaRules rules;
    rules.image_formats = {MediaFormat::kJpeg, MediaFormat::kPng};
    rules.video_formats = {MediaFormat::kMp4};
    rules.min_width = 700;
    rules.min_height = 900;
    rules.max_video_bytes = 50;
    auto v = checker.CheckAll({{server.Url("/big.jpg"), MediaKind::kImage},
                               {server.Url("/small.jpg"), MediaKind::kImage},
                               {server.Url("/page.html"), MediaKind::kAny},
                               {server.Url("/missing.jpg"), MediaKind::kImage},
                               {server.Url("/clip.mp4"), MediaKind::kAny}},
                              rules);
    ASSERT_EQ(v.size(), 5u);
    EXPECT_TRUE(v[0].ok);
    EXPECT_EQ(v[1].problem, "too_small");
    EXPECT_EQ(v[2].problem, "not_media");
    EXPECT_EQ(v[3].problem, "http_status");
    EXPECT_EQ(v[4].problem, "too_large");  // 88 bytes > 50
    EXPECT_EQ(v[4].kind, MediaKind::kVideo);
    int before = server.hits();
    EXPECT_TRUE(checker.Check(server.Url("/big.jpg"), MediaKind::kImage, rules).ok);
    EXPECT_EQ(server.hits(), before);  // cached
}

TEST(Forms, ParsesMultipart) {
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"title_ru\"\r\n\r\nЧайник\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" +
        MakeJpeg(10, 10) + "\r\n--XyZ--\r\n";
    auto parts = cabinet::ParseMultipart("multipart/form-data; boundary=XyZ", body);
    ASSERT_TRUE(parts.ok()) << parts.error().message;
    ASSERT_EQ(parts->size(), 2u);
    EXPECT_EQ((*parts)[0].name, "title_ru");
    EXPECT_EQ((*parts)[0].data, "Чайник");
    EXPECT_EQ((*parts)[1].filename, "a.jpg");
    EXPECT_EQ((*parts)[1].data, MakeJpeg(10, 10));
    EXPECT_FALSE(cabinet::ParseMultipart("multipart/form-data", body).ok());
    EXPECT_FALSE(cabinet::ParseMultipart("multipart/form-data; boundary=\"XyZ\"", "--XyZ\r\nbroken").ok());
    auto form = cabinet::ParseUrlEncoded("login=seller1%40sandbox.uz&password=a+b%21");
    EXPECT_EQ(form.find("login")->second, "seller1@sandbox.uz");
    EXPECT_EQ(form.find("password")->second, "a b!");
}

TEST(Totp, MatchesRfc6238Vectors) {
    std::string key = "12345678901234567890";
    // RFC 6238 appendix B (SHA-1), last 6 of the 8 digits.
    EXPECT_EQ(cabinet::TotpCode(key, 59, 8), "94287082");
    EXPECT_EQ(cabinet::TotpCode(key, 1111111109, 8), "07081804");
    EXPECT_EQ(cabinet::TotpCode(key, 1234567890, 6), "005924");
    auto decoded = cabinet::Base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, key);
    std::string code = cabinet::TotpCode(key, 1750000000);
    EXPECT_TRUE(cabinet::VerifyTotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", code, 1750000000LL * 1000 + 20000));
    EXPECT_FALSE(cabinet::VerifyTotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", code, 1750000000LL * 1000 + 120000));
    EXPECT_FALSE(cabinet::VerifyTotp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "12345", 1750000000LL * 1000));
}

TEST(Store, DocumentsCountersSequencesAndFiles) {
    testing::TempDir dir;
    {
        auto store = Store::Open(dir.path() / "s.sqlite3");
        ASSERT_TRUE(store.ok());
        auto tx = (*store)->Begin("wildberries");
        tx.Put("card", "seller1/A", {{"x", 1}});
        tx.Put("card", "seller1/B", {{"x", 2}});
        tx.Put("card", "seller2/A", {{"x", 3}});
        tx.Bump("create", "seller1/A");
        tx.Bump("create", "seller1/A");
        EXPECT_EQ(tx.NextId("nm", 100), 100);
        EXPECT_EQ(tx.NextId("nm", 100), 101);
        tx.Commit();
    }
    auto store = Store::Open(dir.path() / "s.sqlite3");
    ASSERT_TRUE(store.ok());
    auto tx = (*store)->Begin("wildberries");
    EXPECT_EQ(tx.List("card", "seller1/").size(), 2u);
    EXPECT_EQ(tx.Get("card", "seller2/A")->at("x"), 3);
    EXPECT_EQ(tx.Counter("create", "seller1/A"), 2);
    EXPECT_EQ(tx.NextId("nm", 100), 102);
    EXPECT_TRUE(tx.Erase("card", "seller1/B"));
    tx.Commit();
    json dump = (*store)->Dump("wildberries");
    EXPECT_EQ(dump["counters"]["create"]["seller1/A"], 2);
    (*store)->Reset("wildberries");
    auto tx2 = (*store)->Begin("wildberries");
    EXPECT_TRUE(tx2.List("card").empty());
    EXPECT_EQ(tx2.NextId("nm", 100), 103);  // ids are never reused
}

TEST(Store, UncommittedTxRollsBack) {
    auto store = Store::Open({});
    ASSERT_TRUE(store.ok());
    {
        auto tx = (*store)->Begin("ozon");
        tx.Put("product", "k", {{"a", 1}});
    }
    auto tx = (*store)->Begin("ozon");
    EXPECT_FALSE(tx.Get("product", "k").has_value());
}

TEST(Faults, ValidatesAndCountsDown) {
    Faults f(1);
    EXPECT_FALSE(f.Apply("wb", {{"error_rate", 2}}).ok());
    EXPECT_FALSE(f.Apply("wb", {{"bogus", 1}}).ok());
    ASSERT_TRUE(f.Apply("wb", {{"over_limit_next", 2}, {"error_next", 1}, {"latency_ms", 5}}).ok());
    int64_t latency = 0;
    EXPECT_EQ(f.Next("wb", &latency), FaultAction::kOverLimit);
    EXPECT_EQ(latency, 5);
    EXPECT_EQ(f.Next("wb", &latency), FaultAction::kOverLimit);
    EXPECT_EQ(f.Next("wb", &latency), FaultAction::kServerError);
    EXPECT_EQ(f.Next("wb", &latency), FaultAction::kNone);
    ASSERT_TRUE(f.Apply("wb", {{"error_rate", 1.0}}).ok());
    EXPECT_EQ(f.Next("wb", &latency), FaultAction::kServerError);
    f.Shutdown();
    EXPECT_FALSE(f.Sleep(10000));  // returns at once after shutdown
}

TEST(Competitors, PricesMoveDeterministically) {
    json a = CompetitorCards("uzum", 1000000);
    json b = CompetitorCards("uzum", 1000000);
    json c = CompetitorCards("uzum", 1000000 + 1800000);
    EXPECT_EQ(a, b);
    ASSERT_FALSE(a["competitors"].empty());
    EXPECT_NE(a["competitors"][0]["price"], c["competitors"][0]["price"]);
    int64_t base = a["competitors"][0]["base_price"];
    int64_t price = a["competitors"][0]["price"];
    EXPECT_LE(std::abs(price - base), base / 5);
}

TEST(Util, CountsCharactersNotBytes) {
    EXPECT_EQ(Utf8Length("Чайник"), 6u);
    EXPECT_EQ(Utf8Length("abc"), 3u);
    EXPECT_EQ(Ean13(1).size(), 13u);
    EXPECT_EQ(Ean13(400638133393LL), "4006381333931");  // a known valid EAN-13
}

}  // namespace
}  // namespace by::sandbox::test

namespace by::sandbox::test {
namespace {

TEST(Accounts, MoreSellersForBenchmarks) {
    Accounts a = Accounts::Seeded(10);
    ASSERT_EQ(a.sellers().size(), 10u);
    std::set<std::string> tokens;
    for (const auto& s : a.sellers()) {
        tokens.insert(s.wb_token);
        EXPECT_EQ(a.ByWbToken(s.wb_token), &s);
        EXPECT_EQ(a.ByOzonClientId(s.ozon_client_id), &s);
        EXPECT_EQ(a.ByYandexKey(s.yandex_api_key), &s);
        EXPECT_EQ(a.ByUzumToken(s.uzum_token), &s);
        EXPECT_EQ(a.ByCabinetLogin(s.cabinet_login), &s);
    }
    EXPECT_EQ(tokens.size(), 10u);
    EXPECT_EQ(a.sellers()[9].name, "seller10");
    EXPECT_EQ(Accounts::Seeded().sellers().size(), 2u);
}

}  // namespace
}  // namespace by::sandbox::test
