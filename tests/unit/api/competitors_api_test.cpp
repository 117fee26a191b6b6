// /api/competitors over the in-process API: validation, duplicates, tenant isolation, refresh through a
// scheduler with a reader the test controls, the undercut flag against our converted price, history paging.
#include <map>
#include <mutex>

#include "api_fixture.hpp"
#include "competitors/scheduler.hpp"

namespace by::api {
namespace {

class StubReader final : public competitors::PriceReader {
  public:
    core::Result<competitors::PriceRead> Read(core::Marketplace mp, const std::string& card_id) override {
        std::lock_guard lock(mu_);
        ++reads;
        if (fail) return core::Error::Unavailable("ozon storefront answered 503");
        return competitors::PriceRead{price, mp == core::Marketplace::kUzum ? "UZS" : "RUB", "Rival " + card_id};
    }
    std::mutex mu_;
    int64_t price = 0;
    bool fail = false;
    int reads = 0;
};

class CompetitorsApiTest : public ApiTest {
  protected:
    void UseScheduler() {
        competitors::SchedulerOptions o;
        o.owner = "api-test";
        o.interval_ms = 600000;
        scheduler_ = std::make_unique<competitors::PriceScheduler>(store_, reader_, o);
        ctx_->competitors = scheduler_.get();
    }
    HttpResponse AddCard(const Session& s, const nlohmann::json& body) {
        return Call("POST", "/api/competitors", body.dump(), &s);
    }
    StubReader reader_;
    std::unique_ptr<competitors::PriceScheduler> scheduler_;
};

TEST_F(CompetitorsApiTest, AddValidatesEachFieldAndRefusesDuplicates) {
    Session a = RegisterPartner("A", "a@x.uz");
    std::string prod = CreateProduct(a);
    struct Bad {
        nlohmann::json body;
        int status;
        const char* field;
    };
    std::vector<Bad> bad = {
        {{{"marketplace", "ozon"}, {"card_id", "123"}}, 422, "product_id"},
        {{{"product_id", prod}, {"marketplace", "amazon"}, {"card_id", "123"}}, 422, "marketplace"},
        {{{"product_id", prod}, {"marketplace", "ozon"}}, 422, "card_id"},
        {{{"product_id", prod}, {"marketplace", "ozon"}, {"card_id", "abc-1"}}, 422, "card_id"},
        {{{"product_id", prod}, {"marketplace", 7}, {"card_id", "1"}}, 400, "marketplace"},
    };
    for (const auto& b : bad) {
        auto r = AddCard(a, b.body);
        EXPECT_EQ(r.status, b.status) << b.body.dump() << " " << r.body;
        EXPECT_EQ(J(r)["error"]["field"], b.field) << r.body;
    }
    auto ok = AddCard(a, {{"product_id", prod}, {"marketplace", "wildberries"}, {"card_id", 148210001}});
    ASSERT_EQ(ok.status, 201) << ok.body;
    auto item = J(ok);
    EXPECT_EQ(item["card_id"], "148210001");
    EXPECT_EQ(item["marketplace"], "wildberries");
    EXPECT_TRUE(item["latest_price"].is_null());
    EXPECT_FALSE(item["undercuts"].get<bool>());
    auto dup = AddCard(a, {{"product_id", prod}, {"marketplace", "wildberries"}, {"card_id", "148210001"}});
    EXPECT_EQ(dup.status, 409) << dup.body;
    EXPECT_EQ(J(dup)["error"]["code"], "conflict");
    // The same card on another marketplace is another card.
    EXPECT_EQ(AddCard(a, {{"product_id", prod}, {"marketplace", "ozon"}, {"card_id", "148210001"}}).status, 201);
    EXPECT_EQ(Call("POST", "/api/competitors", R"({"product_id":")" + prod + R"(","marketplace":"ozon","card_id":"1"})").status, 401);
}

TEST_F(CompetitorsApiTest, AnotherPartnersProductAndCardsAreNotFound) {
    Session a = RegisterPartner("A", "a@x.uz");
    Session b = RegisterPartner("B", "b@x.uz");
    std::string prod = CreateProduct(a);
    UseScheduler();
    auto theirs = AddCard(b, {{"product_id", prod}, {"marketplace", "uzum"}, {"card_id", "801001"}});
    EXPECT_EQ(theirs.status, 404) << theirs.body;
    auto added = AddCard(a, {{"product_id", prod}, {"marketplace", "uzum"}, {"card_id", "801001"}});
    ASSERT_EQ(added.status, 201);
    std::string id = J(added)["id"];
    EXPECT_EQ(Call("GET", "/api/competitors?product_id=" + prod, "", &b).status, 404);
    auto list_b = Call("GET", "/api/competitors", "", &b);
    ASSERT_EQ(list_b.status, 200);
    EXPECT_TRUE(J(list_b)["items"].empty());
    EXPECT_EQ(Call("GET", "/api/competitors/" + id + "/prices", "", &b).status, 404);
    EXPECT_EQ(Call("POST", "/api/competitors/" + id + "/refresh", "", &b).status, 404);
    EXPECT_EQ(Call("DELETE", "/api/competitors/" + id, "", &b).status, 404);
    EXPECT_EQ(reader_.reads, 0);
    EXPECT_EQ(J(Call("GET", "/api/competitors", "", &a))["items"].size(), 1u);
}

TEST_F(CompetitorsApiTest, RefreshReadsNowAndFlagsACompetitorBelowOurConvertedPrice) {
    ctx_->uzs_per_rub = 150.0;
    Session a = RegisterPartner("A", "a@x.uz");
    std::string prod = CreateProduct(a);  // 250 000 so'm: 1 666.67 RUB at 150 so'm per rouble
    UseScheduler();
    std::string id = J(AddCard(a, {{"product_id", prod}, {"marketplace", "ozon"}, {"card_id", "1590000101"}}))["id"];

    reader_.price = 150000;  // 1 500 RUB
    auto r = Call("POST", "/api/competitors/" + id + "/refresh", "", &a);
    ASSERT_EQ(r.status, 200) << r.body;
    auto item = J(r);
    EXPECT_EQ(item["latest_price"]["amount"], 150000);
    EXPECT_EQ(item["latest_price"]["currency"], "RUB");
    EXPECT_EQ(item["our_price"]["amount"], 166667);
    EXPECT_EQ(item["our_price"]["currency"], "RUB");
    EXPECT_TRUE(item["undercuts"].get<bool>());
    EXPECT_EQ(item["title"], "Rival 1590000101");
    EXPECT_TRUE(item["last_error"].is_null());

    reader_.price = 170000;
    clock_.Advance(1000);
    auto list = Call("GET", "/api/competitors?product_id=" + prod, "", &a);
    EXPECT_TRUE(J(list)["items"][0]["undercuts"].get<bool>());  // still the last read until the next one
    ASSERT_EQ(Call("POST", "/api/competitors/" + id + "/refresh", "", &a).status, 200);
    list = Call("GET", "/api/competitors?product_id=" + prod, "", &a);
    ASSERT_EQ(list.status, 200);
    EXPECT_FALSE(J(list)["items"][0]["undercuts"].get<bool>());
    EXPECT_EQ(J(list)["items"][0]["latest_price"]["amount"], 170000);

    reader_.fail = true;
    clock_.Advance(1000);
    auto failed = Call("POST", "/api/competitors/" + id + "/refresh", "", &a);
    ASSERT_EQ(failed.status, 200);
    EXPECT_EQ(J(failed)["last_error"], "ozon storefront answered 503");
    EXPECT_EQ(J(failed)["failures"], 1);
    EXPECT_EQ(J(failed)["latest_price"]["amount"], 170000);  // the last good price stays
    EXPECT_EQ(reader_.reads, 3);
}

TEST_F(CompetitorsApiTest, HistoryIsPagedNewestFirstAndDeleteForgetsIt) {
    Session a = RegisterPartner("A", "a@x.uz");
    std::string prod = CreateProduct(a);
    UseScheduler();
    std::string id = J(AddCard(a, {{"product_id", prod}, {"marketplace", "uzum"}, {"card_id", "801002"}}))["id"];
    for (int64_t price : {7800000, 7900000, 7700000}) {
        reader_.price = price;
        ASSERT_EQ(Call("POST", "/api/competitors/" + id + "/refresh", "", &a).status, 200);
        clock_.Advance(60000);
    }
    auto page1 = Call("GET", "/api/competitors/" + id + "/prices?limit=2", "", &a);
    ASSERT_EQ(page1.status, 200) << page1.body;
    auto j1 = J(page1);
    ASSERT_EQ(j1["items"].size(), 2u);
    EXPECT_EQ(j1["items"][0]["price"]["amount"], 7700000);
    EXPECT_EQ(j1["items"][1]["price"]["amount"], 7900000);
    ASSERT_TRUE(j1["next_cursor"].is_string());
    auto page2 = Call("GET", "/api/competitors/" + id + "/prices?limit=2&cursor=" + j1["next_cursor"].get<std::string>(), "", &a);
    auto j2 = J(page2);
    ASSERT_EQ(j2["items"].size(), 1u);
    EXPECT_EQ(j2["items"][0]["price"]["amount"], 7800000);
    EXPECT_TRUE(j2["next_cursor"].is_null());
    EXPECT_EQ(Call("GET", "/api/competitors/" + id + "/prices?cursor=garbage", "", &a).status, 400);

    ASSERT_EQ(Call("DELETE", "/api/competitors/" + id, "", &a).status, 200);
    EXPECT_EQ(Call("GET", "/api/competitors/" + id + "/prices", "", &a).status, 404);
    EXPECT_TRUE(J(Call("GET", "/api/competitors", "", &a))["items"].empty());
    EXPECT_EQ(Call("DELETE", "/api/competitors/" + id, "", &a).status, 404);
}

TEST_F(CompetitorsApiTest, WithoutAReaderInTheProcessRefreshMakesTheCardDue) {
    Session a = RegisterPartner("A", "a@x.uz");
    std::string prod = CreateProduct(a);
    std::string id = J(AddCard(a, {{"product_id", prod}, {"marketplace", "yandex"}, {"card_id", "1779000001"}}))["id"];
    ASSERT_TRUE(t_.db->Exec("UPDATE competitor_cards SET next_read_at = ? WHERE id = ?", {clock_.NowMs() + 3600000, id}).ok());
    auto r = Call("POST", "/api/competitors/" + id + "/refresh", "", &a);
    ASSERT_EQ(r.status, 202) << r.body;
    auto due = t_.db->Query("SELECT next_read_at FROM competitor_cards WHERE id = ?", {id});
    ASSERT_TRUE(due.ok());
    EXPECT_LE(due->rows[0].Int(0), clock_.NowMs());
}

}  // namespace
}  // namespace by::api
