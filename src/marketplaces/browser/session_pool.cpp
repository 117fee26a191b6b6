#include "marketplaces/browser/session_pool.hpp"

#include <chrono>
#include <filesystem>
#include <map>

#include "marketplaces/browser/chromedriver_process.hpp"

namespace by::marketplaces::browser {

// ---- Lease ----------------------------------------------------------------------------------------------

SessionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), slot_(other.slot_), fresh_(other.fresh_), broken_(other.broken_) {
    other.pool_ = nullptr;
    other.slot_ = nullptr;
}

SessionPool::Lease& SessionPool::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        Release();
        pool_ = other.pool_;
        slot_ = other.slot_;
        fresh_ = other.fresh_;
        broken_ = other.broken_;
        other.pool_ = nullptr;
        other.slot_ = nullptr;
    }
    return *this;
}

SessionPool::Lease::~Lease() { Release(); }

WebDriverSession& SessionPool::Lease::session() { return *slot_->session; }

void SessionPool::Lease::Release() {
    if (pool_ != nullptr && slot_ != nullptr) {
        pool_->Return(slot_, broken_);
    }
    pool_ = nullptr;
    slot_ = nullptr;
}

// ---- Pool -----------------------------------------------------------------------------------------------

SessionPool::SessionPool(BrowserConfig config, SessionFactoryPtr factory, const core::Clock& clock)
    : config_(std::move(config)), factory_(std::move(factory)), clock_(clock) {
    if (config_.max_sessions == 0) {
        config_.max_sessions = 1;
    }
}

SessionPool::~SessionPool() {
    std::list<WebDriverSessionPtr> doomed;
    {
        std::lock_guard lock(mu_);
        for (auto& s : slots_) {
            if (s.session) {
                doomed.push_back(std::move(s.session));
            }
        }
        slots_.clear();
    }
    DestroyOutsideLock(doomed);
    factory_->Shutdown();
}

void SessionPool::DestroyOutsideLock(std::list<WebDriverSessionPtr>& doomed) {
    for (auto& s : doomed) {
        factory_->Destroy(std::move(s));
    }
    doomed.clear();
}

core::Result<SessionPool::Lease> SessionPool::Acquire(const std::string& key) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.acquire_timeout_ms);
    std::list<WebDriverSessionPtr> doomed;
    std::unique_lock lock(mu_);
    while (true) {
        int64_t now = clock_.MonotonicMs();
        // Expired idle sessions go first, whoever they belong to.
        for (auto it = slots_.begin(); it != slots_.end();) {
            if (!it->busy && it->session && now - it->last_used_ms > config_.idle_ttl_ms) {
                doomed.push_back(std::move(it->session));
                it = slots_.erase(it);
                ++recycled_;
            } else {
                ++it;
            }
        }
        // An idle session of this key: reuse it.
        for (auto& s : slots_) {
            if (!s.busy && s.session && s.key == key) {
                s.busy = true;
                ++s.uses;
                lock.unlock();
                DestroyOutsideLock(doomed);
                return Lease(this, &s, false);
            }
        }
        // Room left: create one. Or make room by evicting the least recently used idle session.
        if (slots_.size() >= config_.max_sessions) {
            auto lru = slots_.end();
            for (auto it = slots_.begin(); it != slots_.end(); ++it) {
                if (!it->busy && it->session && (lru == slots_.end() || it->last_used_ms < lru->last_used_ms)) {
                    lru = it;
                }
            }
            if (lru != slots_.end()) {
                doomed.push_back(std::move(lru->session));
                slots_.erase(lru);
                ++recycled_;
            }
        }
        if (slots_.size() < config_.max_sessions) {
            slots_.push_back(Slot{key, nullptr, true, 1, now});
            Slot* slot = &slots_.back();
            lock.unlock();
            DestroyOutsideLock(doomed);
            auto created = factory_->Create();
            lock.lock();
            if (!created.ok()) {
                for (auto it = slots_.begin(); it != slots_.end(); ++it) {
                    if (&*it == slot) {
                        slots_.erase(it);
                        break;
                    }
                }
                cv_.notify_all();
                return std::move(created).error();
            }
            slot->session = std::move(created).value();
            ++created_;
            return Lease(this, slot, true);
        }
        if (!doomed.empty()) {
            lock.unlock();
            DestroyOutsideLock(doomed);
            lock.lock();
            continue;
        }
        if (cv_.wait_until(lock, deadline) == std::cv_status::timeout &&
            std::chrono::steady_clock::now() >= deadline) {
            return BusyError();
        }
    }
}

core::Error SessionPool::BusyError() const {
    return core::Error::RateLimited(config_.busy_retry_ms, "browser: every session is busy, try again later");
}

std::optional<core::Error> SessionPool::BusyNow() const {
    if (stats().busy >= config_.max_sessions) {
        return BusyError();
    }
    return std::nullopt;
}

void SessionPool::Return(Slot* slot, bool broken) {
    WebDriverSessionPtr doomed;
    {
        std::lock_guard lock(mu_);
        slot->busy = false;
        slot->last_used_ms = clock_.MonotonicMs();
        if (broken || slot->uses >= config_.max_uses_per_session || !slot->session || slot->session->deleted()) {
            doomed = std::move(slot->session);
            for (auto it = slots_.begin(); it != slots_.end(); ++it) {
                if (&*it == slot) {
                    slots_.erase(it);
                    break;
                }
            }
            ++recycled_;
        }
    }
    cv_.notify_all();
    if (doomed) {
        factory_->Destroy(std::move(doomed));
    }
}

void SessionPool::CloseIdle() {
    std::list<WebDriverSessionPtr> doomed;
    {
        std::lock_guard lock(mu_);
        for (auto it = slots_.begin(); it != slots_.end();) {
            if (!it->busy && it->session) {
                doomed.push_back(std::move(it->session));
                it = slots_.erase(it);
                ++recycled_;
            } else {
                ++it;
            }
        }
    }
    DestroyOutsideLock(doomed);
    cv_.notify_all();
}

SessionPool::Stats SessionPool::stats() const {
    std::lock_guard lock(mu_);
    Stats s;
    s.live = slots_.size();
    for (const auto& slot : slots_) {
        s.busy += slot.busy ? 1 : 0;
    }
    s.created = created_;
    s.recycled = recycled_;
    return s;
}

// ---- Chrome factory -------------------------------------------------------------------------------------

namespace {

class ChromeSessionFactory final : public SessionFactory {
  public:
    ChromeSessionFactory(BrowserConfig config, net::HttpClient& http) : config_(std::move(config)), http_(http) {}
    ~ChromeSessionFactory() override { Shutdown(); }

    core::Result<WebDriverSessionPtr> Create() override {
        std::string base_url;
        std::string profile;
        {
            std::lock_guard lock(mu_);
            if (!driver_ || !driver_->Alive()) {
                driver_.reset();
                ChromeDriverOptions o;
                o.binary = config_.chromedriver_binary;
                o.start_timeout_ms = config_.start_timeout_ms;
                o.work_parent = config_.work_parent;
                BY_ASSIGN(driver_, ChromeDriverProcess::Start(o, http_));
            }
            base_url = driver_->base_url();
            profile = driver_->NewProfileDir();
        }
        ChromeOptions opts;
        opts.binary = config_.chromium_binary;
        opts.user_data_dir = profile;
        opts.window_width = config_.window_width;
        opts.window_height = config_.window_height;
        opts.extra_args = config_.extra_args;
        WebDriverClient client(http_, base_url, config_.command_timeout_ms);
        auto session = client.NewSession(opts, config_.start_timeout_ms);
        if (!session.ok()) {
            RemoveDir(profile);
            return std::move(session).error();
        }
        Timeouts t;
        t.page_load_ms = config_.page_load_timeout_ms;
        t.script_ms = config_.script_timeout_ms;
        if (auto st = (*session)->SetTimeouts(t); !st.ok()) {
            (void)(*session)->Delete();
            RemoveDir(profile);
            return std::move(st).error();
        }
        std::lock_guard lock(mu_);
        profiles_[(*session)->id()] = profile;
        return std::move(session).value();
    }

    void Destroy(WebDriverSessionPtr session) override {
        if (!session) {
            return;
        }
        (void)session->Delete();
        std::string profile;
        {
            std::lock_guard lock(mu_);
            auto it = profiles_.find(session->id());
            if (it != profiles_.end()) {
                profile = it->second;
                profiles_.erase(it);
            }
        }
        RemoveDir(profile);
    }

    void Shutdown() override {
        std::lock_guard lock(mu_);
        if (driver_) {
            driver_->Stop();
            driver_.reset();
        }
        profiles_.clear();
    }

  private:
    static void RemoveDir(const std::string& dir) {
        if (!dir.empty()) {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    }

    BrowserConfig config_;
    net::HttpClient& http_;
    std::mutex mu_;
    ChromeDriverProcessPtr driver_;                   // guarded by mu_
    std::map<std::string, std::string> profiles_;     // session id -> profile dir, guarded by mu_
};

}  // namespace

SessionFactoryPtr MakeChromeSessionFactory(const BrowserConfig& config, net::HttpClient& http) {
    return std::make_unique<ChromeSessionFactory>(config, http);
}

}  // namespace by::marketplaces::browser
