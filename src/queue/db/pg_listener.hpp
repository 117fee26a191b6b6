// A dedicated PostgreSQL connection that LISTENs on one channel and calls on_notify for every
// notification (cross-process wakeups, Q14). Reconnects after errors. The only libpq user in queue/.
// Thread-safety: owns one thread; the callback runs on it. Destruction stops and joins it.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace by::queue {

class PgListener {
  public:
    PgListener(std::string url, std::string channel, std::function<void()> on_notify);
    ~PgListener();
    PgListener(const PgListener&) = delete;
    PgListener& operator=(const PgListener&) = delete;

  private:
    void Run();

    std::string url_;
    std::string channel_;
    std::function<void()> on_notify_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace by::queue
