#include "core/periodic.hpp"

namespace by::core {

void PeriodicTask::Start(std::chrono::milliseconds tick, std::function<void()> fn) {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mu_);
        stopping_ = false;
    }
    thread_ = std::thread([this, tick, fn = std::move(fn)] {
        std::unique_lock lock(mu_);
        while (!stopping_) {
            lock.unlock();
            fn();
            lock.lock();
            cv_.wait_for(lock, tick, [this] { return stopping_; });
        }
    });
}

void PeriodicTask::Stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace by::core
