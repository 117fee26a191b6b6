// The sender: delivers the outbox to Telegram off the request path. Each round claims the due pending
// rows under a lease (so several worker processes share the work and a crashed sender's rows come back
// after the lease), renders each in the partner's current language and sends it to the partner's current
// chat. What Telegram answers decides the row's fate:
//   200           sent
//   429           retried after Telegram's retry_after; the rest of the round waits as long
//   5xx, no answer retried with exponential backoff (equal jitter), capped; never dropped
//   403, 400 chat not found   the partner's setting turns `failed` with Telegram's words, the row and the
//                 partner's other pending rows fail: nothing more goes to that chat until it is saved again
//   400 migrate_to_chat_id    the setting follows the group to its supergroup and the row is resent
//   other 4xx     this row fails (the message itself was refused); the chat stays
//   401 / 404     the server's token is wrong: rows wait (misconfigured_retry_ms), an error is logged
// A row is marked only after Telegram answered, so a crash in between sends it again: at least once.
// Thread-safety: Start/Stop from one controlling thread; RunOnce may be called directly (tests) when the
// loop is not running.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <random>
#include <thread>

#include "core/clock.hpp"
#include "notify/bot_api.hpp"
#include "notify/store.hpp"

namespace by::notify {

struct SenderOptions {
    int batch = 20;                               // rows per round
    int64_t poll_ms = 1000;                       // an idle loop looks again after this
    int64_t lease_ms = 60'000;                    // a claimed row comes back after this if its sender died
    int64_t backoff_base_ms = 5'000;              // first retry after a transient fault: 2.5–5 s
    int64_t backoff_max_ms = 15 * 60 * 1000;      // cap of one wait
    int64_t misconfigured_retry_ms = 10 * 60 * 1000;  // wait after the server's token was refused
    uint64_t seed = 0;                            // jitter; 0: from the clock
};

class Sender {
  public:
    Sender(Outbox& outbox, SettingsStore& settings, BotApi& bot, const core::Clock& clock, SenderOptions options = {});
    ~Sender();
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    // One round: claims the due rows and tries each once. Returns how many were tried.
    core::Result<int> RunOnce();
    // The background loop (a thread): rounds until Stop(), waiting poll_ms when idle.
    void Start();
    void Stop();

    // The wait before attempt `attempt` (2 = first retry): uniform in [d/2, d], d = min(max, base * 2^(attempt-2)).
    static int64_t BackoffMs(int attempt, const SenderOptions& options, uint64_t random);

  private:
    void Loop();
    uint64_t NextRandom();

    Outbox& outbox_;
    SettingsStore& settings_;
    BotApi& bot_;
    const core::Clock& clock_;
    SenderOptions options_;
    std::mutex rng_mu_;
    std::mt19937_64 rng_;  // guarded by rng_mu_
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;  // guarded by mu_
    std::thread thread_;
};

}  // namespace by::notify
