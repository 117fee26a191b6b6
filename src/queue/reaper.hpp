// Runs JobQueue::ReapExpired() every reaper_interval_ms on its own thread (Q1: reaper every 5 s). Any
// number of processes may run one: the backends make concurrent reaps safe. Errors are counted, not
// thrown; the next round tries again. Destruction stops and joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "queue/job_queue.hpp"

namespace by::queue {

class Reaper {
  public:
    Reaper(JobQueue& queue, int64_t interval_ms) : queue_(queue), interval_ms_(interval_ms) {
        thread_ = std::thread([this] { Run(); });
    }
    ~Reaper() { Stop(); }
    Reaper(const Reaper&) = delete;
    Reaper& operator=(const Reaper&) = delete;

    void Stop() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) {
            thread_.join();
        }
    }
    int64_t rounds() const { return rounds_.load(); }
    int64_t errors() const { return errors_.load(); }

  private:
    void Run() {
        std::unique_lock lock(mu_);
        while (!stop_) {
            lock.unlock();
            auto r = queue_.ReapExpired();
            ++rounds_;
            if (!r.ok()) {
                ++errors_;
            }
            lock.lock();
            cv_.wait_for(lock, std::chrono::milliseconds(interval_ms_), [&] { return stop_; });
        }
    }

    JobQueue& queue_;
    int64_t interval_ms_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;  // guarded by mu_
    std::atomic<int64_t> rounds_{0};
    std::atomic<int64_t> errors_{0};
    std::thread thread_;
};

}  // namespace by::queue
