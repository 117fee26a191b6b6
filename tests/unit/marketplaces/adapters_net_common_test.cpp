// marketplaces/common: the in-process token bucket, credential ids, mapping helpers (UTF-8 limits,
// normalisation, packages, money) and the failure classification shared by the WB, Ozon and Yandex adapters.
#include <gtest/gtest.h>

#include "marketplaces/common/api_client.hpp"
#include "marketplaces/common/mapping.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "unit/marketplaces/net_fake_http.hpp"

namespace by::marketplaces {
namespace {

TEST(RateLimiter, TokenBucketBurstThenInterval) {
    testing::FakeClock clock;
    TokenBucketRateLimiter limiter(clock);
    LimitKey key{"wildberries:x:cards_upload", {5, 6000}};  // 10/min, burst 5
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(limiter.Acquire(key, 1), 0);
    }
    int64_t wait = limiter.Acquire(key, 1);
    EXPECT_GT(wait, 5900);
    EXPECT_LE(wait, 6000);
    clock.Advance(wait);
    EXPECT_EQ(limiter.Acquire(key, 1), 0);
    // Over 10 minutes of steady demand, at most burst + 600 s / 6 s requests pass.
    int passed = 0;
    for (int t = 0; t < 600000; t += 100) {
        clock.Advance(100);
        if (limiter.Acquire(key, 1) == 0) {
            ++passed;
        }
    }
    EXPECT_LE(passed, 100);
    EXPECT_GE(passed, 99);
}

TEST(RateLimiter, BlockAndCostsAndKeysAreIndependent) {
    testing::FakeClock clock;
    TokenBucketRateLimiter limiter(clock);
    LimitKey a{"ozon:a:global", {50, 20}};
    LimitKey b{"ozon:b:global", {50, 20}};
    limiter.Block(a, clock.NowMs() + 3000);
    EXPECT_EQ(limiter.Acquire(a, 1), 3000);
    EXPECT_EQ(limiter.Acquire(b, 1), 0);
    clock.Advance(3000);
    EXPECT_EQ(limiter.Acquire(a, 1), 0);
    LimitKey items{"yandex:c:update_items", {500, 13.3}};
    EXPECT_EQ(limiter.Acquire(items, 100), 0);
    EXPECT_EQ(limiter.Acquire(items, 400), 0);
    EXPECT_GT(limiter.Acquire(items, 100), 0);
    EXPECT_EQ(limiter.Acquire(LimitKey{"yandex:c:big", {10, 1}}, 1000), 0);  // cost above burst: passes when full
}

TEST(CommonMapping, Utf8AndNormalisation) {
    EXPECT_EQ(Utf8Length("Наушники"), 8u);
    std::string cut = Utf8Truncate("Наушники беспроводные черные", 12);
    EXPECT_LE(Utf8Length(cut), 12u);
    EXPECT_EQ(cut, "Наушники");
    EXPECT_EQ(NormalizeKey("  Чёрный   ЦВЕТ "), "черный цвет");
    EXPECT_EQ(NormalizeKey("Страна-Изготовитель"), "страна-изготовитель");
}

TEST(CommonMapping, DictionaryMatchFilesShadesUnderTheirBaseColour) {
    std::vector<std::string> colors = {"черный", "синий", "серый", "темно-синий-металлик"};
    auto at = [&](size_t i) { return colors[i]; };
    EXPECT_EQ(MatchDictionary("Чёрный", colors.size(), at), std::optional<size_t>(0));
    EXPECT_EQ(MatchDictionary("темно-синий", colors.size(), at), std::optional<size_t>(1));
    EXPECT_EQ(MatchDictionary("светло серый", colors.size(), at), std::optional<size_t>(2));
    EXPECT_EQ(MatchDictionary("темно-синий-металлик", colors.size(), at), std::optional<size_t>(3));
    EXPECT_EQ(MatchDictionary("бирюзовый", colors.size(), at), std::nullopt);
    EXPECT_EQ(MatchDictionary("синий-бирюзовый", colors.size(), at), std::nullopt);  // the last word decides
}

TEST(CommonMapping, MoneyAndPackages) {
    EXPECT_EQ(MoneyDecimal({123450, "RUB"}), "1234.50");
    EXPECT_EQ(MoneyDecimal({5, "RUB"}), "0.05");
    EXPECT_EQ(MoneyWholeUnits({123450, "RUB"}), 1235);
    EXPECT_EQ(MoneyWholeUnits({123449, "RUB"}), 1234);
    EXPECT_TRUE(CheckPrice({100, "RUB"}, "RUR", core::Marketplace::kYandex).ok());
    EXPECT_FALSE(CheckPrice({100, "UZS"}, "RUB", core::Marketplace::kOzon).ok());
    EXPECT_FALSE(CheckPrice({0, "RUB"}, "RUB", core::Marketplace::kOzon).ok());
    core::Product p;
    p.attributes = {{"package_length_mm", 120}, {"package_width_cm", "4,5"}, {"height_cm", 3}, {"package_weight_kg", 0.25}};
    auto pkg = ReadPackage(p);
    ASSERT_TRUE(pkg.ok());
    EXPECT_DOUBLE_EQ(pkg->length_cm, 12);
    EXPECT_DOUBLE_EQ(pkg->width_cm, 4.5);
    EXPECT_DOUBLE_EQ(pkg->weight_g, 250);
}

TEST(CommonMapping, FindsValuesByIdNameAndAlias) {
    auto item = testing::SampleItem("S");
    auto ours = Characteristics(item);
    EXPECT_EQ(FindValue(ours, "Цвет").value_or(""), "Черный");
    EXPECT_EQ(FindValue(ours, "Цвет товара").value_or(""), "Черный");  // alias "цвет"
    EXPECT_EQ(FindValue(ours, "Страна-изготовитель").value_or(""), "Китай");
    EXPECT_EQ(FindValue(ours, "Бренд").value_or(""), "BiznesYordam Demo");
    EXPECT_FALSE(FindValue(ours, "Мощность").has_value());
    item.content["characteristics"].push_back({{"key", "x"}, {"name", "Мощность"}, {"value", "5"}, {"attribute_id", 99}});
    ours = Characteristics(item);
    EXPECT_EQ(FindValue(ours, "совсем другое имя", 99).value_or(""), "5");
}

TEST(CommonMapping, CredentialIdIsStableAndRevealsNothing) {
    auto a = testing::Creds({{"token", "secret-token-value"}});
    auto b = testing::Creds({{"token", "other-token-value"}});
    EXPECT_EQ(CredentialId(a), CredentialId(a));
    EXPECT_NE(CredentialId(a), CredentialId(b));
    EXPECT_EQ(CredentialId(a).size(), 16u);
    EXPECT_EQ(CredentialId(a).find("secret"), std::string::npos);
    auto f = CredentialField(a, "api_key");
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().code, core::ErrorCode::kInvalid);
}

TEST(CommonMapping, ClassifyFailureScrubsEchoedSecrets) {
    net::HttpResponse r;
    r.status = 400;
    r.body = "{\"message\":\"bad key k-123456789\"}";
    net::Headers h = {{"Api-Key", "k-123456789"}};
    core::Error e = ClassifyFailure(core::Marketplace::kOzon, r, "bad key k-123456789", h);
    EXPECT_EQ(e.code, core::ErrorCode::kInvalid);
    EXPECT_EQ(e.message, "ozon: HTTP 400: bad key ***");
    EXPECT_EQ(e.context.find("k-123456789"), std::string::npos);
    r.status = 423;
    EXPECT_TRUE(ClassifyFailure(core::Marketplace::kYandex, r, "", h).IsTransient());
    r.status = 404;
    EXPECT_EQ(ClassifyFailure(core::Marketplace::kYandex, r, "", h).code, core::ErrorCode::kNotFound);
}

TEST(CommonMapping, PublishStateNames) {
    EXPECT_STREQ(PublishStateName(PublishState::kLive), "live");
    EXPECT_STREQ(PublishStateName(PublishState::kNeedsAttention), "needs_attention");
}

}  // namespace
}  // namespace by::marketplaces
