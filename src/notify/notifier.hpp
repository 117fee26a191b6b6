// Telegram notifications, the producers' side: a narrow interface the pipeline, the API and the stock
// code call when something happened that the partner should hear about. A call only records the
// notification in the outbox (one SQL insert, notify_outbox); the sender loop (sender.hpp) delivers it
// later, off the request path, at least once. A partner without Telegram settings, or who turned the
// event off, gets nothing recorded; with no bot token configured on the server the row is recorded as
// `skipped`. Failures to record are logged and swallowed: a notification never fails the caller's work.
//
// Repeats are folded: the same event for the same card (or credential, or product) within a window
// (card events 24 h, credential 1 h, stock 12 h) is recorded once, so a stage that runs again after a
// crash, or a batch of cards refused by one credential, sends one message.
// Thread-safety: every method may be called from any thread at once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "core/product.hpp"
#include "notify/store.hpp"
#include "store/store.hpp"

namespace by::marketplaces {
struct PublishOutcome;
}

namespace by::notify {

// The events a partner can choose, as stored in telegram_settings.events and shown in the API.
inline constexpr const char* kCardLive = "card_live";
inline constexpr const char* kCardRejected = "card_rejected";
inline constexpr const char* kCredentialFailed = "credential_failed";
inline constexpr const char* kStockLow = "stock_low";
const std::vector<std::string>& AllEvents();
bool IsEvent(const std::string& name);

class Notifier {
  public:
    virtual ~Notifier() = default;

    // The card is live on its marketplace; `url` is its storefront page when known (may be empty).
    virtual void CardLive(const store::CardRow& card, const core::Product& product, const std::string& url) = 0;
    // The marketplace rejected the card, in its own words.
    virtual void CardRejected(const store::CardRow& card, const core::Product& product,
                              const std::vector<std::string>& reasons) = 0;
    // The marketplace refused the partner's credential (the Test action, or a publish / poll call).
    virtual void CredentialFailed(const std::string& partner_id, core::Marketplace marketplace,
                                  const std::string& message) = 0;
    // The product's stock fell to `stock` (the caller decides what "low" is). product.partner_id is used.
    virtual void StockLow(const core::Product& product, int64_t stock) = 0;

    // Pipeline helpers. A publish or moderation outcome: live → CardLive, rejected → CardRejected,
    // anything else nothing.
    void CardOutcome(const store::CardRow& card, const core::Product& product,
                     const marketplaces::PublishOutcome& outcome);
    // A failed publish / poll call: CredentialFailed when the marketplace refused the credential (401/403).
    void CallFailed(const std::string& partner_id, core::Marketplace marketplace, const core::Error& error);
};

// The product's Notifier: records into the outbox. Without a bot (`bot_configured` false) the rows are
// recorded as skipped, so the partner's history still shows what would have been sent.
class OutboxNotifier final : public Notifier {
  public:
    OutboxNotifier(Outbox& outbox, bool bot_configured) : outbox_(outbox), bot_configured_(bot_configured) {}
    void CardLive(const store::CardRow& card, const core::Product& product, const std::string& url) override;
    void CardRejected(const store::CardRow& card, const core::Product& product,
                      const std::vector<std::string>& reasons) override;
    void CredentialFailed(const std::string& partner_id, core::Marketplace marketplace,
                          const std::string& message) override;
    void StockLow(const core::Product& product, int64_t stock) override;

  private:
    void Record(NewNotification n);
    Outbox& outbox_;
    bool bot_configured_;
};

}  // namespace by::notify
