// A small map whose entries expire after a fixed time on an injected clock: categories, characteristics,
// dictionaries (hours) and lookups such as warehouses and SKU indexes (minutes).
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace by::marketplaces {

template <typename V>
class TtlCache {
  public:
    TtlCache(const core::Clock& clock, int64_t ttl_ms) : clock_(clock), ttl_ms_(ttl_ms) {}

    std::optional<V> Get(const std::string& key) const {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = items_.find(key);
        if (it == items_.end() || it->second.expires_ms <= clock_.MonotonicMs()) {
            return std::nullopt;
        }
        return it->second.value;
    }
    void Put(const std::string& key, V value) {
        std::lock_guard<std::mutex> lock(mu_);
        items_[key] = Entry{std::move(value), clock_.MonotonicMs() + ttl_ms_};
    }
    void Erase(const std::string& key) {
        std::lock_guard<std::mutex> lock(mu_);
        items_.erase(key);
    }

  private:
    struct Entry {
        V value;
        int64_t expires_ms = 0;
    };
    const core::Clock& clock_;
    int64_t ttl_ms_;
    mutable std::mutex mu_;
    std::map<std::string, Entry> items_;  // guarded by mu_
};

}  // namespace by::marketplaces
