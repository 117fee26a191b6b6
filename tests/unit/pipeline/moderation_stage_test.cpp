// ModerationStage: a card still in moderation is polled again later each round (1.5×, capped), and the
// round count travels in its progress output; a final state ends the polling.
#include <gtest/gtest.h>

#include "pipeline/stages/publish_stages.hpp"

namespace by::pipeline {
namespace {

using marketplaces::PublishOutcome;
using marketplaces::PublishState;

// The marketplace side: answers every poll with `state`.
class StillModerating final : public PublishService {
  public:
    PublishState state = PublishState::kModeration;
    int polls = 0;
    size_t BatchLimit(core::Marketplace) const override { return 1; }
    core::Result<std::vector<PublishOutcome>> Publish(const std::string&, core::Marketplace,
                                                      const std::vector<CardToPublish>&, const std::string&) override {
        return core::Error::Internal("not used");
    }
    core::Result<std::vector<PublishOutcome>> Poll(const std::string&, core::Marketplace,
                                                   const std::vector<PublishOutcome>& submitted,
                                                   const std::string&) override {
        ++polls;
        auto out = submitted;
        out[0].state = state;
        return out;
    }
    core::Result<nlohmann::json> Sync(const store::CardRow&, const core::Product&, const nlohmann::json&,
                                      const std::string&) override {
        return nlohmann::json::object();
    }
};

TEST(ModerationStage, PollsLessOftenEachRoundUpToAMinute) {
    StillModerating market;
    ModerationStage stage(market, 2000);
    store::RequestRow request;
    core::Product product;
    store::CardRow card;
    card.id = "crd_1";
    card.marketplace = "wildberries";
    card.status = "moderation";
    nlohmann::json product_outputs = nlohmann::json::object();
    nlohmann::json card_outputs = {{"publish", {{"state", "submitted"}, {"marketplace_ref", "310000001"}}}};
    std::vector<int64_t> delays;
    for (int round = 0; round < 12; ++round) {
        StageInput in{request, product, &card, product_outputs, card_outputs, "job_1", nullptr};
        auto out = stage.Run(in);
        ASSERT_TRUE(out.ok()) << out.error().message;
        ASSERT_TRUE(out->repeat_after_ms.has_value()) << "round " << round;
        delays.push_back(*out->repeat_after_ms);
        EXPECT_EQ(out->output.value("polls", 0), round + 1);
        EXPECT_EQ(out->output.value("marketplace_ref", ""), "310000001");
        card_outputs["moderation.progress"] = out->output;  // what the orchestrator hands the next round
    }
    EXPECT_EQ(delays[0], 2000);
    EXPECT_EQ(delays[1], 3000);
    EXPECT_EQ(delays[2], 4500);
    for (size_t i = 1; i < delays.size(); ++i) EXPECT_GE(delays[i], delays[i - 1]);
    EXPECT_EQ(delays.back(), ModerationStage::kMaxPollMs);
    EXPECT_EQ(market.polls, 12);

    market.state = PublishState::kLive;
    StageInput in{request, product, &card, product_outputs, card_outputs, "job_1", nullptr};
    auto done = stage.Run(in);
    ASSERT_TRUE(done.ok());
    EXPECT_FALSE(done->repeat_after_ms.has_value());
    ASSERT_TRUE(done->card.status.has_value());
    EXPECT_EQ(*done->card.status, "live");
}

}  // namespace
}  // namespace by::pipeline
