// In-process wakeup for idle workers (Q14): Notify() after an enqueue or release wakes every thread
// blocked in Wait(). Cross-process wakeups (PostgreSQL LISTEN, Redis pub/sub) feed the same Notifier from
// their listener thread. Thread-safety: all methods may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <unordered_map>

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
    // Returns when notified since this thread's previous Wait() returned (so a Notify that lands between a
    // worker's empty claim and its Wait is not lost), or after max_wait_ms. May return spuriously.
    void Wait(int64_t max_wait_ms) {
        thread_local std::unordered_map<const Notifier*, uint64_t> seen_by_thread;
        std::unique_lock lock(mu_);
        auto [it, fresh] = seen_by_thread.try_emplace(this, generation_);
        uint64_t seen = it->second;
        cv_.wait_for(lock, std::chrono::milliseconds(max_wait_ms), [&] { return generation_ != seen; });
        it->second = generation_;
    }

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    uint64_t generation_ = 0;  // guarded by mu_
};

}  // namespace by::queue
