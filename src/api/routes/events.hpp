// The progress stream of one request, and the orchestrator calls the card routes make.
#pragma once

#include "api/context.hpp"
#include "api/http.hpp"

namespace by::api {

HttpResponse EventStream(ApiContext& ctx, const std::string& request_id, int64_t after_id);
core::Status RepublishCard(ApiContext& ctx, const std::string& card_id);

}  // namespace by::api
