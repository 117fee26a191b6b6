// PublishStage when another job's batch holds the card: it waits longer each round (1, 2, 4 … 30 s) without
// touching the card, and once that job has finished the card it closes with the outcome that job stored.
#include <gtest/gtest.h>

#include "pipeline/stages/publish_stages.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::pipeline {
namespace {

// A marketplace whose publish always fails with `error`, recording each batch it was given.
class FailingMarket final : public PublishService {
  public:
    explicit FailingMarket(core::Error error) : error_(std::move(error)) {}
    std::vector<size_t> batch_sizes;
    size_t BatchLimit(core::Marketplace) const override { return 8; }
    core::Result<std::vector<marketplaces::PublishOutcome>> Publish(const std::string&, core::Marketplace,
                                                                    const std::vector<CardToPublish>& cards,
                                                                    const std::string&) override {
        batch_sizes.push_back(cards.size());
        return error_;
    }
    core::Result<std::vector<marketplaces::PublishOutcome>> Poll(const std::string&, core::Marketplace,
                                                                 const std::vector<marketplaces::PublishOutcome>&,
                                                                 const std::string&) override {
        return core::Error::Internal("not used");
    }
    core::Result<nlohmann::json> Sync(const store::CardRow&, const core::Product&, const nlohmann::json&,
                                      const std::string&) override {
        return nlohmann::json::object();
    }

  private:
    core::Error error_;
};

// One product of the partner with its request and a queued Uzum card.
struct UzumCard {
    core::Product product;
    store::RequestRow request;
    store::CardRow card;
};

core::Result<UzumCard> MakeUzumCard(store::Store& store, const std::string& partner_id, const std::string& sku,
                                    const std::string& card_id) {
    core::Product p;
    p.partner_id = partner_id;
    p.sku = sku;
    p.name = "Simsiz quloqchin";
    p.category = "headphones";
    p.cost = {10000000, "UZS"};
    p.price = {25000000, "UZS"};
    UzumCard out;
    BY_ASSIGN(out.product, store.CreateProduct(p));
    store::RequestRow r;
    r.partner_id = partner_id;
    r.product_id = out.product.id;
    r.marketplaces = {"uzum"};
    r.priority = "normal";
    r.status = "processing";
    BY_ASSIGN(out.request, store.CreateRequest(r));
    store::CardRow card;
    card.id = card_id;
    card.request_id = out.request.id;
    card.partner_id = partner_id;
    card.product_id = out.product.id;
    card.marketplace = "uzum";
    card.status = "queued";
    BY_TRY(store.CreateCard(card));
    BY_ASSIGN(out.card, store.GetCard(card_id));
    return out;
}

TEST(PublishStage, HeldByAnotherBatchWaitsLongerEachRoundThenKeepsThatOutcome) {
    testing::FakeClock clock;
    auto tdb = testing::OpenTestDb();
    store::Store store(*tdb.db, clock);
    auto owner = store.CreatePartnerWithOwner("A", "a@x.uz", "h");
    ASSERT_TRUE(owner.ok());
    auto made = MakeUzumCard(store, owner->first.id, "SKU-1", "crd_held");
    ASSERT_TRUE(made.ok()) << made.error().ToString();
    const store::CardRow& card = made->card;
    // Another publish job took the card into its batch.
    ASSERT_TRUE(store.db().Exec("UPDATE cards SET status = 'publishing', batch_token = 'job_other' WHERE id = ?",
                                {card.id}).ok());
    auto held = store.GetCard(card.id);
    ASSERT_TRUE(held.ok());

    FailingMarket market(core::Error::Internal("a held card must not be published by its own job"));
    PublishStage stage(market, store, clock);
    nlohmann::json product_outputs = nlohmann::json::object();
    nlohmann::json card_outputs = {{"quality", {{"passed", true}}}};
    std::vector<int64_t> waits;
    for (int round = 0; round < 8; ++round) {
        StageInput in{made->request, made->product, &*held, product_outputs, card_outputs, "job_mine", nullptr};
        auto out = stage.Run(in);
        ASSERT_TRUE(out.ok()) << out.error().message;
        ASSERT_TRUE(out->repeat_after_ms.has_value());
        waits.push_back(*out->repeat_after_ms);
        card_outputs["publish.progress"] = out->output;
    }
    EXPECT_EQ(waits, (std::vector<int64_t>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
    EXPECT_TRUE(market.batch_sizes.empty());
    EXPECT_EQ(store.GetCard(card.id)->status, "publishing") << "the waiting job leaves the card to its batch";
    EXPECT_EQ(store.GetCard(card.id)->batch_token, "job_other");

    // The batch job published it and stored its outcome; the card's own job closes with that outcome.
    ASSERT_TRUE(store.db().Exec("UPDATE cards SET status = 'moderation' WHERE id = ?", {card.id}).ok());
    ASSERT_TRUE(store.db()
                    .Exec("INSERT INTO stage_outputs (owner_id, stage, output, created_at) VALUES (?, 'publish', ?, ?)",
                          {card.id, std::string(R"({"state":"moderation","marketplace_ref":"1700001"})"), clock.NowMs()})
                    .ok());
    StageInput in{made->request, made->product, &*held, product_outputs, card_outputs, "job_mine", nullptr};
    auto done = stage.Run(in);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_FALSE(done->repeat_after_ms.has_value());
    EXPECT_EQ(done->output.value("marketplace_ref", ""), "1700001");
    EXPECT_TRUE(done->stop_chain);
}

// A publish put off (busy browser, spent bucket) gives its cards back, so the seller's next publish takes
// them all: the second job's batch holds both cards, not one each.
TEST(PublishStage, PutOffGivesTheCardsBackForOneLargerBatch) {
    testing::FakeClock clock;
    auto tdb = testing::OpenTestDb();
    store::Store store(*tdb.db, clock);
    auto owner = store.CreatePartnerWithOwner("A", "a@x.uz", "h");
    ASSERT_TRUE(owner.ok());
    // Two products of one seller, one Uzum card each.
    std::vector<UzumCard> made;
    for (int i = 1; i <= 2; ++i) {
        auto one = MakeUzumCard(store, owner->first.id, "SKU-" + std::to_string(i), "crd_" + std::to_string(i));
        ASSERT_TRUE(one.ok()) << one.error().ToString();
        made.push_back(std::move(*one));
        clock.Advance(10);
    }

    FailingMarket market(core::Error::RateLimited(5000, "browser: every session is busy"));
    PublishStage stage(market, store, clock);
    nlohmann::json product_outputs = nlohmann::json::object();
    nlohmann::json card_outputs = {{"quality", {{"passed", true}}}};
    StageInput first{made[0].request, made[0].product, &made[0].card, product_outputs, card_outputs, "job_1", nullptr};
    auto out = stage.Run(first);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, core::ErrorCode::kRateLimited);
    EXPECT_EQ(store.GetCard("crd_1")->status, "publish_ready");
    EXPECT_EQ(store.GetCard("crd_1")->batch_token, "") << "no job holds a card it could not publish";

    StageInput second{made[1].request, made[1].product, &made[1].card, product_outputs, card_outputs, "job_2", nullptr};
    ASSERT_FALSE(stage.Run(second).ok());
    EXPECT_EQ(market.batch_sizes, (std::vector<size_t>{1, 2}));
}

}  // namespace
}  // namespace by::pipeline
