#include "notify/notifier.hpp"

#include <cstdio>

#include "marketplaces/adapter.hpp"
#include "obs/log.hpp"

namespace by::notify {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

// FNV-1a: a stable digest of the reasons, so a card rejected again for other reasons is told again.
std::string Digest(const std::vector<std::string>& parts) {
    uint64_t h = 1469598103934665603ull;
    for (const auto& p : parts) {
        for (unsigned char c : p) {
            h ^= c;
            h *= 1099511628211ull;
        }
        h ^= 0xff;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

nlohmann::json CardPayload(const store::CardRow& card, const core::Product& product) {
    return {{"card_id", card.id}, {"marketplace", card.marketplace}, {"sku", product.sku}, {"name", product.name},
            {"product_id", product.id}};
}

}  // namespace

const std::vector<std::string>& AllEvents() {
    static const std::vector<std::string> k = {kCardLive, kCardRejected, kCredentialFailed, kStockLow};
    return k;
}

bool IsEvent(const std::string& name) {
    for (const auto& e : AllEvents()) {
        if (e == name) return true;
    }
    return false;
}

void Notifier::CardOutcome(const store::CardRow& card, const core::Product& product,
                           const marketplaces::PublishOutcome& outcome) {
    if (outcome.state == marketplaces::PublishState::kLive) {
        CardLive(card, product, outcome.public_url);
    } else if (outcome.state == marketplaces::PublishState::kRejected) {
        CardRejected(card, product, outcome.reasons);
    }
}

void Notifier::CallFailed(const std::string& partner_id, core::Marketplace marketplace, const core::Error& error) {
    if (error.code == core::ErrorCode::kUnauthenticated || error.code == core::ErrorCode::kForbidden) {
        CredentialFailed(partner_id, marketplace, error.message);
    }
}

void OutboxNotifier::CardLive(const store::CardRow& card, const core::Product& product, const std::string& url) {
    auto payload = CardPayload(card, product);
    payload["url"] = url;
    Record({card.partner_id, kCardLive, std::move(payload), std::string(kCardLive) + ":" + card.partner_id + ":" + card.id, 24 * kHourMs});
}

void OutboxNotifier::CardRejected(const store::CardRow& card, const core::Product& product,
                                  const std::vector<std::string>& reasons) {
    auto payload = CardPayload(card, product);
    payload["reasons"] = reasons;
    Record({card.partner_id, kCardRejected, std::move(payload),
            std::string(kCardRejected) + ":" + card.partner_id + ":" + card.id + ":" + Digest(reasons), 24 * kHourMs});
}

void OutboxNotifier::CredentialFailed(const std::string& partner_id, core::Marketplace marketplace,
                                      const std::string& message) {
    std::string mp(core::MarketplaceName(marketplace));
    Record({partner_id, kCredentialFailed, {{"marketplace", mp}, {"message", message}},
            std::string(kCredentialFailed) + ":" + partner_id + ":" + mp, kHourMs});
}

void OutboxNotifier::StockLow(const core::Product& product, int64_t stock) {
    Record({product.partner_id, kStockLow,
            {{"product_id", product.id}, {"sku", product.sku}, {"name", product.name}, {"stock", stock}},
            std::string(kStockLow) + ":" + product.partner_id + ":" + product.id, 12 * kHourMs});
}

void OutboxNotifier::Record(NewNotification n) {
    auto r = outbox_.Enqueue(n, !bot_configured_);
    if (!r.ok()) {
        obs::Log(obs::Level::kWarn, "notify_record_failed",
                 {{"notification", n.event}, {"partner_id", n.partner_id}, {"error", r.error().ToString()}});
    }
}

}  // namespace by::notify
