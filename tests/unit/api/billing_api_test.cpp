// The economics and billing routes end to end over the in-process API: figures, tenant isolation,
// admin-only changes, the monthly card limit at request submission, invoices as JSON and as a page.
#include "api_fixture.hpp"
#include "billing/month.hpp"
#include "billing/plans.hpp"
#include "core/ids.hpp"

namespace by::api {
namespace {

class BillingApiTest : public ApiTest {
  protected:
    void Order(const std::string& partner, const std::string& sku, int64_t qty, int64_t unit_price, int64_t at) {
        ASSERT_TRUE(t_.db->Exec("INSERT INTO orders (id, partner_id, marketplace, order_ref, sku, quantity, unit_price, "
                                "currency, status, ordered_at, seen_at) VALUES (?, ?, 'uzum', ?, ?, ?, ?, 'UZS', 'new', ?, ?)",
                                {core::NewId("ord"), partner, core::NewId("ref"), sku, qty, unit_price, at, at})
                        .ok());
    }
    const nlohmann::json* Rate(const nlohmann::json& breakdown, const std::string& name) {
        for (const auto& r : breakdown["rates"]) {
            if (r["name"] == name) return &r;
        }
        ADD_FAILURE() << "no rate " << name;
        return &breakdown;
    }
};

TEST_F(BillingApiTest, EconomicsOfAProductWithDefaultsAndOverrides) {
    Session a = RegisterPartner("A", "a@x.uz");
    Session b = RegisterPartner("B", "b@x.uz");
    std::string prod = CreateProduct(a);  // cost 100 000 so'm, price 250 000 so'm, headphones
    auto r = Call("GET", "/api/economics?product_id=" + prod + "&marketplace=uzum&target_margin_bp=2000", "", &a);
    ASSERT_EQ(r.status, 200) << r.body;
    auto item = J(r)["items"][0];
    const auto& bd = item["breakdown"];
    // Uzum's tier from 199 900 so'm is 16 %, tax 4 %: 250 000 − 100 000 − 50 000 = 100 000 so'm, 40 %.
    EXPECT_EQ((*Rate(bd, "commission"))["value"]["value_bp"], 1600);
    EXPECT_EQ((*Rate(bd, "commission"))["origin"], "default");
    EXPECT_FALSE((*Rate(bd, "commission"))["source"].get<std::string>().empty());
    EXPECT_EQ(bd["profit"]["amount"], 10'000'000);
    EXPECT_EQ(bd["margin_bp"], 4000);
    EXPECT_GE(item["recommendation"]["breakdown"]["margin_bp"].get<int64_t>(), 2000);
    EXPECT_LT(item["recommendation"]["price"]["amount"].get<int64_t>(), 25'000'000);

    // Wildberries: commission unknown until the partner sets it.
    r = Call("GET", "/api/economics?product_id=" + prod + "&marketplace=wildberries", "", &a);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(J(r)["items"][0]["breakdown"]["complete"], false);
    EXPECT_EQ((*Rate(J(r)["items"][0]["breakdown"], "commission"))["origin"], "unknown");
    r = Call("PUT", "/api/economics/rates",
             R"({"marketplace":"wildberries","category":"*","rate":"commission","value_bp":1500})", &a);
    ASSERT_EQ(r.status, 200) << r.body;
    r = Call("GET", "/api/economics?product_id=" + prod + "&marketplace=wildberries", "", &a);
    nlohmann::json wb = J(r)["items"][0]["breakdown"];
    const auto* com = Rate(wb, "commission");
    EXPECT_EQ((*com)["origin"], "partner");
    EXPECT_EQ((*com)["amount"]["amount"], 3'750'000);
    EXPECT_TRUE((*com)["set_at"].is_string());

    // Another partner sees neither the rate nor the product.
    EXPECT_EQ(J(Call("GET", "/api/economics/rates", "", &b))["items"].size(), 0u);
    EXPECT_EQ(J(Call("GET", "/api/economics/rates", "", &a))["items"].size(), 1u);
    EXPECT_EQ(Call("GET", "/api/economics?product_id=" + prod, "", &b).status, 404);
    EXPECT_EQ(Call("DELETE", "/api/economics/rates?marketplace=wildberries&category=*&rate=commission", "", &b).status, 404);
    EXPECT_EQ(Call("DELETE", "/api/economics/rates?marketplace=wildberries&category=*&rate=commission", "", &a).status, 200);
    EXPECT_EQ(J(Call("GET", "/api/economics/rates", "", &a))["items"].size(), 0u);

    // Bad input names its field.
    r = Call("PUT", "/api/economics/rates", R"({"marketplace":"uzum","category":"*","rate":"storage","value_bp":1})", &a);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(J(r)["error"]["field"], "rate");
    r = Call("PUT", "/api/economics/rates", R"({"marketplace":"uzum","category":"*","rate":"tax","value_bp":10001})", &a);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(Call("GET", "/api/economics?product_id=" + prod + "&target_margin_bp=abc", "", &a).status, 400);
    // Explicit figures, and a target no price reaches.
    r = Call("POST", "/api/economics",
             R"({"marketplace":"ozon","category":"toys","cost":{"amount":5000,"currency":"RUB"},"price":{"amount":20000,"currency":"RUB"},"target_margin_bp":9700})",
             &a);
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(J(r)["error"]["field"], "target_margin_bp");
}

TEST_F(BillingApiTest, SubscriptionsLimitsInvoicesAndBusinessFigures) {
    Session a = RegisterPartner("A", "a@x.uz");
    Session b = RegisterPartner("B", "b@x.uz");
    Session admin = Admin();
    std::string prod = CreateProduct(a);

    // Only admins change subscriptions; the tier follows into partners.tier.
    EXPECT_EQ(Call("PUT", "/api/billing/subscriptions/" + a.partner_id, R"({"tier":"business"})", &a).status, 403);
    auto r = Call("PUT", "/api/billing/subscriptions/" + a.partner_id, R"({"tier":"business","ai_addon":true})", &admin);
    ASSERT_EQ(r.status, 200) << r.body;
    r = Call("GET", "/api/billing/subscription", "", &a);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(J(r)["current"]["tier"], "business");
    EXPECT_EQ(J(r)["current"]["ai_addon"], true);
    EXPECT_EQ(J(r)["history"].size(), 2u);
    // PATCH of the tier (the older admin route) also records a subscription change.
    ASSERT_EQ(Call("PATCH", "/api/admin/partners/" + a.partner_id, R"({"tier":"starter"})", &admin).status, 200);
    r = Call("GET", "/api/billing/subscription", "", &a);
    EXPECT_EQ(J(r)["current"]["tier"], "starter");
    EXPECT_EQ(J(r)["current"]["ai_addon"], true);

    // The starter limit at submission: fill the month to two below it, then ask for four.
    const int64_t limit = billing::PlanFor(core::Tier::kStarter).cards_per_month;
    int64_t now = clock_.NowMs();
    for (int64_t used = 0; used < limit - 2;) {
        int64_t n = std::min<int64_t>(4, limit - 2 - used);
        nlohmann::json mps = nlohmann::json::array({"uzum", "ozon", "yandex", "wildberries"});
        mps.erase(mps.begin() + n, mps.end());
        ASSERT_TRUE(t_.db->Exec("INSERT INTO requests (id, partner_id, product_id, marketplaces, priority, status, "
                                "created_at, updated_at) VALUES (?, ?, ?, ?, 'normal', 'done', ?, ?)",
                                {core::NewId("req"), a.partner_id, prod, mps.dump(), now, now})
                        .ok());
        used += n;
    }
    r = Call("POST", "/api/requests",
             nlohmann::json{{"product_id", prod}, {"marketplaces", {"uzum", "ozon", "yandex", "wildberries"}}}.dump(), &a);
    EXPECT_EQ(r.status, 429) << r.body;
    EXPECT_EQ(J(r)["error"]["code"], "rate_limited");
    EXPECT_NE(J(r)["error"]["message"].get<std::string>().find(std::to_string(limit)), std::string::npos);
    EXPECT_EQ(Call("POST", "/api/requests",
                   nlohmann::json{{"product_id", prod}, {"marketplaces", {"uzum", "ozon"}}}.dump(), &a).status, 201);

    // This month's invoice is a draft; partners see only their own; admins name the partner.
    Order(a.partner_id, "SKU-1", 2, 25'000'000, now);
    r = Call("GET", "/api/billing/invoices", "", &a);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(J(r)["status"], "draft");
    EXPECT_EQ(J(r)["lines"].size(), 1u);
    EXPECT_EQ(Call("GET", "/api/billing/invoices?partner_id=" + a.partner_id, "", &b).status, 404);
    EXPECT_EQ(Call("GET", "/api/billing/invoices", "", &admin).status, 422);
    EXPECT_EQ(Call("GET", "/api/billing/invoices?partner_id=" + a.partner_id, "", &admin).status, 200);
    EXPECT_EQ(Call("GET", "/api/billing/invoices?month=2025-6", "", &a).status, 400);

    // Next month the finished one is issued, once.
    std::string month = billing::Month::Of(now).ToString();
    clock_.SetNowMs(billing::Month::Of(now).EndMs() + 3'600'000);
    a = Login("a@x.uz", "correct-horse-1");  // the sessions have gone idle meanwhile
    b = Login("b@x.uz", "correct-horse-1");
    admin = Login("root@by.uz", "admin-password-1");
    r = Call("GET", "/api/billing/invoices?month=" + month, "", &a);
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(J(r)["status"], "issued");
    Order(a.partner_id, "SKU-1", 5, 25'000'000, now);  // a late order does not change an issued invoice
    EXPECT_EQ(J(Call("GET", "/api/billing/invoices?month=" + month, "", &a)), J(r));
    auto page = Call("GET", "/api/billing/invoices/" + a.partner_id + "/" + month + "/print?lang=ru", "", &a);
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.content_type.rfind("text/html", 0), 0u);
    EXPECT_NE(page.body.find("Счёт"), std::string::npos);
    EXPECT_EQ(Call("GET", "/api/billing/invoices/" + a.partner_id + "/" + month + "/print", "", &b).status, 404);
    EXPECT_EQ(Call("GET", "/api/billing/invoice.css").status, 200);

    // Business figures: admins only.
    EXPECT_EQ(Call("GET", "/api/admin/business", "", &a).status, 403);
    r = Call("GET", "/api/admin/business?month=" + month, "", &admin);
    ASSERT_EQ(r.status, 200) << r.body;
    // At the month's end: A starter + add-on, B starter.
    EXPECT_EQ(J(r)["mrr"]["amount"], (3'000'000 + 1'000'000 + 3'000'000) * 100LL);
    EXPECT_EQ(J(r)["partners"].size(), 2u);
}

}  // namespace
}  // namespace by::api
