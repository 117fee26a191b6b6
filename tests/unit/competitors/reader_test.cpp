// The storefront reader over a fake HttpClient: the URL each marketplace is read at, and what each
// kind of answer becomes.
#include <gtest/gtest.h>

#include <deque>

#include "competitors/price_reader.hpp"

namespace by::competitors {
namespace {

class FakeHttp final : public net::HttpClient {
  public:
    core::Result<net::HttpResponse> Send(const net::HttpRequest& r) override {
        urls.push_back(r.url);
        if (answers.empty()) return core::Error::Unavailable("no answer queued");
        auto a = answers.front();
        answers.pop_front();
        return a;
    }
    void Answer(int status, std::string body, net::Headers headers = {}) {
        net::HttpResponse r;
        r.status = status;
        r.body = std::move(body);
        r.headers = std::move(headers);
        answers.emplace_back(std::move(r));
    }
    std::vector<std::string> urls;
    std::deque<core::Result<net::HttpResponse>> answers;
};

StorefrontUrls Local() { return {"http://wb.test", "http://uzum.test", "http://ozon.test", "http://ya.test"}; }

TEST(StorefrontReader, ReadsEachMarketplaceAtItsPublicAddress) {
    FakeHttp http;
    StorefrontReader reader(http, Local());
    http.Answer(200, R"({"data":{"products":[{"id":42,"sizes":[{"price":{"basic":900000,"product":650000}}]}]}})");
    http.Answer(200, R"({"payload":{"data":{"title":"T","skuList":[{"purchasePrice":120000}]}}})");
    const std::string page =
        R"(<script type="application/ld+json">{"@type":"Product","offers":{"price":"990","priceCurrency":"RUB"}}</script>)";
    http.Answer(200, page);
    http.Answer(200, page);
    auto wb = reader.Read(core::Marketplace::kWildberries, "42");
    auto uz = reader.Read(core::Marketplace::kUzum, "42");
    auto oz = reader.Read(core::Marketplace::kOzon, "42");
    auto ya = reader.Read(core::Marketplace::kYandex, "42");
    ASSERT_TRUE(wb.ok() && uz.ok() && oz.ok() && ya.ok());
    EXPECT_EQ(wb->amount, 650000);
    EXPECT_EQ(uz->amount, 12000000);
    EXPECT_EQ(uz->currency, "UZS");
    EXPECT_EQ(oz->amount, 99000);
    EXPECT_EQ(ya->amount, 99000);
    ASSERT_EQ(http.urls.size(), 4u);
    EXPECT_EQ(http.urls[0], "http://wb.test/cards/v2/detail?appType=1&curr=rub&dest=-1257786&nm=42");
    EXPECT_EQ(http.urls[1], "http://uzum.test/api/v2/product/42");
    EXPECT_EQ(http.urls[2], "http://ozon.test/product/42/");
    EXPECT_EQ(http.urls[3], "http://ya.test/product/42");
}

TEST(StorefrontReader, StatusesBecomeTypedErrors) {
    FakeHttp http;
    StorefrontReader reader(http, Local());
    http.Answer(404, "<html>no</html>");
    http.Answer(503, "busy");
    http.Answer(429, "slow down", {{"Retry-After", "120"}});
    http.Answer(403, "blocked");
    http.answers.emplace_back(core::Error::Timeout("GET http://ozon.test/product/1/ timed out"));
    auto gone = reader.Read(core::Marketplace::kOzon, "1");
    auto busy = reader.Read(core::Marketplace::kOzon, "1");
    auto limited = reader.Read(core::Marketplace::kOzon, "1");
    auto blocked = reader.Read(core::Marketplace::kOzon, "1");
    auto slow = reader.Read(core::Marketplace::kOzon, "1");
    EXPECT_EQ(gone.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(busy.error().code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(limited.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(limited.error().retry_after_ms, 120000);
    EXPECT_EQ(blocked.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(slow.error().code, core::ErrorCode::kTimeout);
}

TEST(StorefrontReader, CardIdsAreNumbersAndABadOneIsNeverSent) {
    FakeHttp http;
    StorefrontReader reader(http, Local());
    for (const char* bad : {"", "12a", "../admin", "123456789012345678901"}) {
        auto r = reader.Read(core::Marketplace::kWildberries, bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().field, "card_id");
    }
    EXPECT_TRUE(http.urls.empty());
    EXPECT_TRUE(CheckCardId("12345678901234567890").ok());
}

}  // namespace
}  // namespace by::competitors
