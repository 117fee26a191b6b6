// Telegram notifications of one process, built once in app/: the settings and outbox tables, the
// Notifier the producers call, the Bot API client and the sender loop (started only by processes that run
// workers). Without a bot token everything still works: notifications are recorded as skipped and the
// test message answers `skipped`, never an error for the seller.
// Thread-safety: every member may be used from any thread; StartSender/StopSender from one thread.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.hpp"
#include "core/secret.hpp"
#include "net/http_client.hpp"
#include "notify/bot_api.hpp"
#include "notify/notifier.hpp"
#include "notify/sender.hpp"
#include "notify/store.hpp"
#include "store/sql.hpp"

namespace by::notify {

struct TelegramOptions {
    BotApiOptions bot;      // api_url ([telegram] api_url / BY_TELEGRAM_API_URL), timeout
    SenderOptions sender;
};

class Telegram {
  public:
    // `token` may be empty. `db` and `clock` must outlive this object.
    Telegram(store::SqlDb& db, const core::Clock& clock, net::HttpClientPtr http, core::SecretBuffer token,
             TelegramOptions options = {});
    ~Telegram();

    bool configured() const { return bot_.configured(); }
    Notifier& notifier() { return notifier_; }
    SettingsStore& settings() { return settings_; }
    Outbox& outbox() { return outbox_; }
    Sender& sender() { return sender_; }

    void StartSender();  // no-op without a token
    void StopSender();

    // Sends the test message to the partner's chat now (not through the outbox) and records what Telegram
    // said on the settings. {status: sent | failed | skipped, message}. NotFound without settings.
    core::Result<nlohmann::json> SendTest(const std::string& partner_id);

  private:
    const core::Clock& clock_;
    net::HttpClientPtr http_;
    SettingsStore settings_;
    Outbox outbox_;
    BotApi bot_;
    OutboxNotifier notifier_;
    Sender sender_;
};

using TelegramPtr = std::unique_ptr<Telegram>;

}  // namespace by::notify
