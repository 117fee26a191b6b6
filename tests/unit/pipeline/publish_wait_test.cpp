// PublishStage when another job's batch holds the card: it waits longer each round (1, 2, 4 … 30 s) without
// touching the card, and once that job has finished the card it closes with the outcome that job stored.
#include <gtest/gtest.h>

#include "pipeline/stages/publish_stages.hpp"
#include "store/store.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::pipeline {
namespace {

class NeverCalled final : public PublishService {
  public:
    int calls = 0;
    size_t BatchLimit(core::Marketplace) const override { return 100; }
    core::Result<std::vector<marketplaces::PublishOutcome>> Publish(const std::string&, core::Marketplace,
                                                                    const std::vector<CardToPublish>&,
                                                                    const std::string&) override {
        ++calls;
        return core::Error::Internal("a held card must not be published by its own job");
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
};

TEST(PublishStage, HeldByAnotherBatchWaitsLongerEachRoundThenKeepsThatOutcome) {
    testing::FakeClock clock;
    auto tdb = testing::OpenTestDb();
    store::Store store(*tdb.db, clock);
    auto owner = store.CreatePartnerWithOwner("A", "a@x.uz", "h");
    ASSERT_TRUE(owner.ok());
    core::Product p;
    p.partner_id = owner->first.id;
    p.sku = "SKU-1";
    p.name = "Simsiz quloqchin";
    p.category = "headphones";
    p.cost = {10000000, "UZS"};
    p.price = {25000000, "UZS"};
    auto product = store.CreateProduct(p);
    ASSERT_TRUE(product.ok());
    store::RequestRow r;
    r.partner_id = owner->first.id;
    r.product_id = product->id;
    r.marketplaces = {"uzum"};
    r.priority = "normal";
    r.status = "processing";
    auto request = store.CreateRequest(r);
    ASSERT_TRUE(request.ok());
    store::CardRow card;
    card.id = "crd_held";
    card.request_id = request->id;
    card.partner_id = owner->first.id;
    card.product_id = product->id;
    card.marketplace = "uzum";
    card.status = "queued";
    ASSERT_TRUE(store.CreateCard(card).ok());
    // Another publish job took the card into its batch.
    ASSERT_TRUE(store.db().Exec("UPDATE cards SET status = 'publishing', batch_token = 'job_other' WHERE id = ?",
                                {card.id}).ok());
    auto held = store.GetCard(card.id);
    ASSERT_TRUE(held.ok());

    NeverCalled market;
    PublishStage stage(market, store, clock);
    nlohmann::json product_outputs = nlohmann::json::object();
    nlohmann::json card_outputs = {{"quality", {{"passed", true}}}};
    std::vector<int64_t> waits;
    for (int round = 0; round < 8; ++round) {
        StageInput in{*request, *product, &*held, product_outputs, card_outputs, "job_mine", nullptr};
        auto out = stage.Run(in);
        ASSERT_TRUE(out.ok()) << out.error().message;
        ASSERT_TRUE(out->repeat_after_ms.has_value());
        waits.push_back(*out->repeat_after_ms);
        card_outputs["publish.progress"] = out->output;
    }
    EXPECT_EQ(waits, (std::vector<int64_t>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
    EXPECT_EQ(market.calls, 0);
    EXPECT_EQ(store.GetCard(card.id)->status, "publishing") << "the waiting job leaves the card to its batch";
    EXPECT_EQ(store.GetCard(card.id)->batch_token, "job_other");

    // The batch job published it and stored its outcome; the card's own job closes with that outcome.
    ASSERT_TRUE(store.db().Exec("UPDATE cards SET status = 'moderation' WHERE id = ?", {card.id}).ok());
    ASSERT_TRUE(store.db()
                    .Exec("INSERT INTO stage_outputs (owner_id, stage, output, created_at) VALUES (?, 'publish', ?, ?)",
                          {card.id, std::string(R"({"state":"moderation","marketplace_ref":"1700001"})"), clock.NowMs()})
                    .ok());
    StageInput in{*request, *product, &*held, product_outputs, card_outputs, "job_mine", nullptr};
    auto done = stage.Run(in);
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_FALSE(done->repeat_after_ms.has_value());
    EXPECT_EQ(done->output.value("marketplace_ref", ""), "1700001");
    EXPECT_TRUE(done->stop_chain);
}

}  // namespace
}  // namespace by::pipeline
