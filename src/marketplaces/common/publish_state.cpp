// Names of PublishState (marketplaces/adapter.hpp), as stored and shown: "submitted", "moderation", "live",
// "rejected", "needs_attention".
#include "marketplaces/adapter.hpp"

namespace by::marketplaces {

const char* PublishStateName(PublishState s) {
    switch (s) {
        case PublishState::kSubmitted:
            return "submitted";
        case PublishState::kModeration:
            return "moderation";
        case PublishState::kLive:
            return "live";
        case PublishState::kRejected:
            return "rejected";
        case PublishState::kNeedsAttention:
            return "needs_attention";
    }
    return "submitted";
}

}  // namespace by::marketplaces
