#include "app/publish_service.hpp"

namespace by::app {

core::Result<std::vector<marketplaces::OrderLine>> AppOrderSource::ListOrders(const std::string& partner_id,
                                                                              core::Marketplace marketplace,
                                                                              int64_t since_ms) {
    auto it = markets_.adapters.find(marketplace);
    if (it == markets_.adapters.end()) return core::Error::NotBuilt("no adapter for this marketplace");
    BY_ASSIGN(auto creds, OpenCredentials(vault_, partner_id, marketplace, "", "orders"));
    return it->second->ListOrders(since_ms, creds);
}

}  // namespace by::app
