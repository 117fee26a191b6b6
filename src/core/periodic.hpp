// A background thread that calls a function every `tick` until stopped, waking at once on Stop().
// Used by the schedulers whose items keep their own due times (order polls, competitor reads): the tick
// only bounds how late an item can be. Start/Stop from one owner thread; the destructor stops it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace by::core {

class PeriodicTask {
  public:
    PeriodicTask() = default;
    ~PeriodicTask() { Stop(); }
    PeriodicTask(const PeriodicTask&) = delete;
    PeriodicTask& operator=(const PeriodicTask&) = delete;

    // Runs fn now and then every tick; a second Start while running does nothing.
    void Start(std::chrono::milliseconds tick, std::function<void()> fn);
    void Stop();

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;  // guarded by mu_
    std::thread thread_;
};

}  // namespace by::core
