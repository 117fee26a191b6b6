// The storefront parsers: each public shape, and each way a body can be broken, gives a clear answer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "competitors/storefront_parse.hpp"

namespace by::competitors {
namespace {

using nlohmann::json;

json WbSize(json price) { return {{"name", ""}, {"origName", "0"}, {"price", std::move(price)}}; }

json WbBody(json products, bool v4 = false) {
    if (v4) return {{"products", std::move(products)}};
    return {{"state", 0}, {"data", {{"products", std::move(products)}}}};
}

TEST(WildberriesParse, TakesTheLowestBuyerPriceInKopecksNotTheBasicOne) {
    json p = {{"id", 148210001},
              {"name", "Смартфон"},
              {"sizes", {WbSize({{"basic", 2468700}, {"product", 1899000}}), WbSize({{"basic", 2468700}, {"product", 1850050}})}}};
    auto r = ParseWildberriesCard(WbBody(json::array({p})).dump(), "148210001");
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->amount, 1850050);
    EXPECT_EQ(r->currency, "RUB");
    EXPECT_EQ(r->title, "Смартфон");
}

TEST(WildberriesParse, ReadsTheV4ShapeAndPicksTheAskedCardAmongSeveral) {
    json a = {{"id", 1}, {"sizes", {WbSize({{"product", 100}})}}};
    json b = {{"id", 2}, {"sizes", {WbSize({{"product", 777}})}}};
    auto r = ParseWildberriesCard(WbBody(json::array({a, b}), true).dump(), "2");
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->amount, 777);
}

TEST(WildberriesParse, SkipsSizesWithoutAPriceButNotWhenAllLackOne) {
    json p = {{"id", 5}, {"sizes", {json{{"name", "S"}}, WbSize({{"product", 4500}})}}};
    auto r = ParseWildberriesCard(WbBody(json::array({p})).dump(), "5");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->amount, 4500);
    json none = {{"id", 5}, {"sizes", {json{{"name", "S"}}}}};
    auto e = ParseWildberriesCard(WbBody(json::array({none})).dump(), "5");
    ASSERT_FALSE(e.ok());
    EXPECT_EQ(e.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(e.error().field, "sizes[].price.product");
}

TEST(WildberriesParse, AnUnknownCardIsNotFoundAndBrokenBodiesNameTheField) {
    auto missing = ParseWildberriesCard(WbBody(json::array()).dump(), "9");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);

    auto not_json = ParseWildberriesCard("<html>blocked</html>", "9");
    ASSERT_FALSE(not_json.ok());
    EXPECT_EQ(not_json.error().code, core::ErrorCode::kUnprocessable);

    auto no_list = ParseWildberriesCard(json{{"data", {{"items", json::array()}}}}.dump(), "9");
    ASSERT_FALSE(no_list.ok());
    EXPECT_EQ(no_list.error().field, "data.products");

    json text_price = {{"id", 9}, {"sizes", {WbSize({{"product", "1899000"}})}}};
    auto bad = ParseWildberriesCard(WbBody(json::array({text_price})).dump(), "9");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "sizes[].price.product");
}

json UzumBody(json skus) {
    return {{"payload", {{"data", {{"id", 801001}, {"title", "Smartfon"}, {"skuList", std::move(skus)}}}}}};
}

TEST(UzumParse, TakesTheLowestPurchasePriceInSumsAsTiyin) {
    json skus = {{{"id", 1}, {"fullPrice", 3000000}, {"purchasePrice", 2499000}},
                 {{"id", 2}, {"fullPrice", 3000000}, {"purchasePrice", 2450000.5}}};
    auto r = ParseUzumProduct(UzumBody(skus).dump());
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->amount, 245000050);
    EXPECT_EQ(r->currency, "UZS");
    EXPECT_EQ(r->title, "Smartfon");
}

TEST(UzumParse, NullPayloadIsNotFoundAndMissingFieldsAreNamed) {
    auto gone = ParseUzumProduct(json{{"payload", nullptr}, {"errors", {{{"message", "Product not found"}}}}}.dump());
    ASSERT_FALSE(gone.ok());
    EXPECT_EQ(gone.error().code, core::ErrorCode::kNotFound);

    auto no_skus = ParseUzumProduct(UzumBody(json::array()).dump());
    ASSERT_FALSE(no_skus.ok());
    EXPECT_EQ(no_skus.error().field, "payload.data.skuList");

    auto no_price = ParseUzumProduct(UzumBody({{{"id", 1}, {"fullPrice", 5}}}).dump());
    ASSERT_FALSE(no_price.ok());
    EXPECT_EQ(no_price.error().field, "skuList[].purchasePrice");

    auto zero = ParseUzumProduct(UzumBody({{{"id", 1}, {"purchasePrice", 0}}}).dump());
    ASSERT_FALSE(zero.ok());
    EXPECT_EQ(zero.error().code, core::ErrorCode::kUnprocessable);
}

std::string Page(const std::string& ld) {
    return "<html><head><script src=\"/app.js\"></script><script type='application/ld+json' nonce=\"x\">" + ld +
           "</script></head><body></body></html>";
}

TEST(JsonLdParse, ReadsAnOfferPriceAsAStringOrANumber) {
    json ld = {{"@context", "https://schema.org"},
               {"@type", "Product"},
               {"name", "Чайник"},
               {"offers", {{"@type", "Offer"}, {"price", "2490.90"}, {"priceCurrency", "RUB"}}}};
    auto r = ParseProductJsonLd(Page(ld.dump()));
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->amount, 249090);
    EXPECT_EQ(r->currency, "RUB");
    EXPECT_EQ(r->title, "Чайник");
    ld["offers"]["price"] = 2300;
    auto n = ParseProductJsonLd(Page(ld.dump()));
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->amount, 230000);
}

TEST(JsonLdParse, FindsTheProductInAGraphAndTakesTheLowestOfSeveralOffers) {
    json graph = {{"@context", "https://schema.org"},
                  {"@graph",
                   {{{"@type", "BreadcrumbList"}},
                    {{"@type", {"Product", "Thing"}},
                     {"offers",
                      {{{"@type", "Offer"}, {"price", "19490"}, {"priceCurrency", "RUB"}},
                       {{"@type", "Offer"}, {"price", "18990"}, {"priceCurrency", "RUB"}}}}}}}};
    auto r = ParseProductJsonLd(Page(graph.dump()));
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->amount, 1899000);

    json agg = {{"@type", "Product"},
                {"offers", {{"@type", "AggregateOffer"}, {"lowPrice", "1500000"}, {"highPrice", "1700000"}, {"priceCurrency", "UZS"}}}};
    auto a = ParseProductJsonLd(Page(agg.dump()));
    ASSERT_TRUE(a.ok()) << a.error().ToString();
    EXPECT_EQ(a->amount, 150000000);
    EXPECT_EQ(a->currency, "UZS");
}

TEST(JsonLdParse, PagesWithoutAUsableProductSayWhatIsMissing) {
    auto none = ParseProductJsonLd("<html><body>captcha</body></html>");
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, core::ErrorCode::kUnprocessable);

    auto org = ParseProductJsonLd(Page(json{{"@type", "Organization"}}.dump()));
    ASSERT_FALSE(org.ok());
    EXPECT_EQ(org.error().field, "@type");

    auto no_offers = ParseProductJsonLd(Page(json{{"@type", "Product"}}.dump()));
    ASSERT_FALSE(no_offers.ok());
    EXPECT_EQ(no_offers.error().field, "offers");

    auto no_currency = ParseProductJsonLd(Page(json{{"@type", "Product"}, {"offers", {{"price", "10"}}}}.dump()));
    ASSERT_FALSE(no_currency.ok());
    EXPECT_EQ(no_currency.error().field, "offers.priceCurrency");

    auto words = ParseProductJsonLd(
        Page(json{{"@type", "Product"}, {"offers", {{"price", "10 990"}, {"priceCurrency", "RUB"}}}}.dump()));
    ASSERT_FALSE(words.ok());
    EXPECT_EQ(words.error().field, "offers.price");
}

TEST(DecimalToMinor, ExactWithoutFloatingPoint) {
    EXPECT_EQ(*DecimalToMinor("0.1"), 10);
    EXPECT_EQ(*DecimalToMinor("18990"), 1899000);
    EXPECT_EQ(*DecimalToMinor("18990.5"), 1899050);
    EXPECT_EQ(*DecimalToMinor("12.300"), 1230);
    EXPECT_FALSE(DecimalToMinor("12.345").ok());
    EXPECT_FALSE(DecimalToMinor("-5").ok());
    EXPECT_FALSE(DecimalToMinor("1e3").ok());
    EXPECT_FALSE(DecimalToMinor("").ok());
}

}  // namespace
}  // namespace by::competitors
