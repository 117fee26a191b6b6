// In-process wakeup for idle workers (Q14): Notify() after an enqueue or release wakes every thread
// blocked in Wait(). Cross-process wakeups (PostgreSQL LISTEN, Redis pub/sub) feed the same Notifier from
// their listener thread. Thread-safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace by::queue {

class Notifier {
  public:
    void Notify() {
        {
            std::lock_guard lock(mu_);
            ++generation_;
        }
        cv_.notify_all();
    }
    // Returns when notified after the call began, or after max_wait_ms.
    void Wait(int64_t max_wait_ms) {
        std::unique_lock lock(mu_);
        uint64_t seen = generation_;
        cv_.wait_for(lock, std::chrono::milliseconds(max_wait_ms), [&] { return generation_ != seen; });
    }

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    uint64_t generation_ = 0;  // guarded by mu_
};

}  // namespace by::queue
