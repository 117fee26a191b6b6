#include "sandbox/common/faults.hpp"

#include <chrono>

namespace by::sandbox {

nlohmann::json FaultSettings::ToJson() const {
    return {{"error_rate", error_rate},     {"latency_ms", latency_ms},     {"timeout_rate", timeout_rate},
            {"hang_ms", hang_ms},           {"error_next", error_next},     {"timeout_next", timeout_next},
            {"over_limit_next", over_limit_next}, {"captcha", captcha}};
}

Faults::Faults(uint64_t seed) : rng_(seed) {}

FaultSettings Faults::Get(const std::string& target) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = settings_.find(target);
    return it == settings_.end() ? FaultSettings{} : it->second;
}

core::Status Faults::Apply(const std::string& target, const nlohmann::json& patch) {
    if (!patch.is_object()) {
        return core::Error::Invalid("faults must be a JSON object");
    }
    std::lock_guard<std::mutex> lock(mu_);
    FaultSettings s = settings_[target];
    for (const auto& [k, v] : patch.items()) {
        if (k == "marketplace") {
            continue;
        }
        auto need_rate = [&](double* out) -> core::Status {
            if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1) {
                return core::Error::Invalid(k + " must be a number from 0 to 1", k);
            }
            *out = v.get<double>();
            return core::Ok();
        };
        auto need_count = [&](int64_t* out) -> core::Status {
            if (!v.is_number_integer() || v.get<int64_t>() < 0) {
                return core::Error::Invalid(k + " must be a non-negative integer", k);
            }
            *out = v.get<int64_t>();
            return core::Ok();
        };
        core::Status st;
        if (k == "error_rate") {
            st = need_rate(&s.error_rate);
        } else if (k == "timeout_rate") {
            st = need_rate(&s.timeout_rate);
        } else if (k == "latency_ms") {
            st = need_count(&s.latency_ms);
        } else if (k == "hang_ms") {
            st = need_count(&s.hang_ms);
        } else if (k == "error_next") {
            st = need_count(&s.error_next);
        } else if (k == "timeout_next") {
            st = need_count(&s.timeout_next);
        } else if (k == "over_limit_next") {
            st = need_count(&s.over_limit_next);
        } else if (k == "captcha") {
            if (!v.is_boolean()) {
                return core::Error::Invalid("captcha must be true or false", k);
            }
            s.captcha = v.get<bool>();
        } else {
            return core::Error::Invalid("unknown fault setting: " + k, k);
        }
        if (!st.ok()) {
            return st;
        }
    }
    settings_[target] = s;
    return core::Ok();
}

void Faults::Reset(const std::string& target) {
    std::lock_guard<std::mutex> lock(mu_);
    settings_.erase(target);
}

FaultAction Faults::Next(const std::string& target, int64_t* latency_ms) {
    std::lock_guard<std::mutex> lock(mu_);
    *latency_ms = 0;
    auto it = settings_.find(target);
    if (it == settings_.end()) {
        return FaultAction::kNone;
    }
    FaultSettings& s = it->second;
    *latency_ms = s.latency_ms;
    if (s.over_limit_next > 0) {
        --s.over_limit_next;
        return FaultAction::kOverLimit;
    }
    if (s.timeout_next > 0) {
        --s.timeout_next;
        return FaultAction::kHang;
    }
    if (s.error_next > 0) {
        --s.error_next;
        return FaultAction::kServerError;
    }
    std::uniform_real_distribution<double> u(0.0, 1.0);
    if (s.timeout_rate > 0 && u(rng_) < s.timeout_rate) {
        return FaultAction::kHang;
    }
    if (s.error_rate > 0 && u(rng_) < s.error_rate) {
        return FaultAction::kServerError;
    }
    return FaultAction::kNone;
}

bool Faults::Sleep(int64_t ms) {
    if (ms <= 0) {
        return true;
    }
    std::unique_lock<std::mutex> lock(mu_);
    return !cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return shutdown_; });
}

void Faults::Shutdown() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        shutdown_ = true;
    }
    cv_.notify_all();
}

}  // namespace by::sandbox
