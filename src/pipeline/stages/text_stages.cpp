#include "pipeline/stages/text_stages.hpp"

namespace by::pipeline {

core::Result<StageOutput> ResearchStage::Run(const StageInput& in) {
    BY_ASSIGN(auto kw, researcher_.Research(in.product));
    StageOutput out;
    out.output = kw;
    return out;
}

core::Result<StageOutput> StrategyStage::Run(const StageInput& in) {
    BY_ASSIGN(auto kw, ai::KeywordsFromJson(in.product_outputs.value("research", nlohmann::json::object())));
    BY_ASSIGN(auto strategy, strategist_.Plan(in.product, kw));
    StageOutput out;
    out.output = strategy;
    return out;
}

core::Result<StageOutput> ContentStage::Run(const StageInput& in) {
    BY_ASSIGN(auto kw, ai::KeywordsFromJson(in.product_outputs.value("research", nlohmann::json::object())));
    BY_ASSIGN(auto strategy, ai::StrategyFromJson(in.product_outputs.value("strategy", nlohmann::json::object())));
    StageOutput out;
    for (const auto& name : in.request.marketplaces) {
        auto mp = core::ParseMarketplace(name);
        if (!mp) continue;
        BY_ASSIGN(auto content, writer_.Write(in.product, kw, strategy, *mp));
        out.output[name] = content;
    }
    return out;
}

core::Result<StageOutput> QualityStage::Run(const StageInput& in) {
    auto mp = core::ParseMarketplace(in.card->marketplace);
    if (!mp) return core::Error::Invalid("unknown marketplace " + in.card->marketplace);
    nlohmann::json content_json = in.product_outputs.value("content", nlohmann::json::object()).value(in.card->marketplace, nlohmann::json());
    BY_ASSIGN(auto content, ai::CardContentFromJson(content_json));
    ai::QualityReport report = checker_.Check(in.product, content, *mp);
    nlohmann::json rj = report;
    // The media rules the text checker cannot see: every marketplace wants several images and a video.
    size_t images = in.card_outputs.value("images", nlohmann::json::object()).value("images", nlohmann::json::array()).size();
    rj["images"] = images;
    rj["video"] = !in.product_outputs.value("video", nlohmann::json::object()).value("video", "").empty();
    StageOutput out;
    out.output = rj;
    out.card.quality = rj;
    if (!report.passed) {
        std::string reason = "quality check failed (score " + std::to_string(report.score) + ", pass line " +
                             std::to_string(report.pass_line) + ")";
        for (const auto& issue : report.issues) {
            if (issue.severity == ai::Severity::kBlock) {
                reason += "; " + issue.code + ": " + issue.message_en;
            }
        }
        out.card_failed = reason;
    }
    return out;
}

}  // namespace by::pipeline
