#include "pipeline/plan.hpp"

#include <algorithm>

namespace by::pipeline {

const std::vector<std::string>& ProductStages() {
    static const std::vector<std::string> k = {std::string(kResearch), std::string(kStrategy), std::string(kContent),
                                               std::string(kSlides), std::string(kVideo)};
    return k;
}

const std::vector<std::string>& CardStages() {
    static const std::vector<std::string> k = {std::string(kImages), std::string(kQuality), std::string(kPublish),
                                               std::string(kModeration)};
    return k;
}

const std::vector<std::string>& AllStages() {
    static const std::vector<std::string> k = [] {
        std::vector<std::string> all = ProductStages();
        all.insert(all.end(), CardStages().begin(), CardStages().end());
        return all;
    }();
    return k;
}

bool IsProductStage(std::string_view stage) {
    const auto& p = ProductStages();
    return std::find(p.begin(), p.end(), stage) != p.end();
}

std::string NextStage(std::string_view stage) {
    for (const auto* chain : {&ProductStages(), &CardStages()}) {
        for (size_t i = 0; i < chain->size(); ++i) {
            if ((*chain)[i] == stage) {
                return i + 1 < chain->size() ? (*chain)[i + 1] : std::string();
            }
        }
    }
    return {};
}

bool IsIoStage(std::string_view stage) { return stage == kPublish || stage == kModeration || stage == kSync; }

const std::vector<std::string>& AllJobKinds() {
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> k = AllStages();
        k.emplace_back(kSync);
        return k;
    }();
    return kinds;
}

}  // namespace by::pipeline
