// Browser sessions reused per partner and capped in number.
//
// A partner's cabinet login lives in its Chromium profile's cookies, so a session is only ever handed back
// to the key (partner) it was created for; sessions of different partners never share a profile. At most
// BrowserConfig::max_sessions sessions exist at once: when all are taken, Acquire closes the least recently
// used idle session of another key, or waits up to acquire_timeout_ms (then Error::RateLimited: the caller's
// job is delayed without counting an attempt).
// A lease marked broken (any unexpected browser error) is deleted on release instead of being reused;
// sessions idle longer than idle_ttl_ms or used max_uses_per_session times are recycled too.
// Session creation and deletion (slow: Chromium start) run outside the pool's lock.
// Thread-safety: Acquire/CloseAll/stats from any thread; a Lease and its session belong to one thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "marketplaces/browser/browser_config.hpp"
#include "net/http_client.hpp"
#include "marketplaces/browser/webdriver.hpp"

namespace by::marketplaces::browser {

// Makes and ends sessions for the pool. Implementations are called from many threads at once.
class SessionFactory {
  public:
    virtual ~SessionFactory() = default;
    virtual core::Result<WebDriverSessionPtr> Create() = 0;
    // Deletes the remote session and whatever belongs to it (its profile directory); never fails loudly.
    virtual void Destroy(WebDriverSessionPtr session) = 0;
    // Ends everything still running (the chromedriver child); called once by the pool's owner at the end.
    virtual void Shutdown() {}
};

using SessionFactoryPtr = std::unique_ptr<SessionFactory>;

// One chromedriver child shared by every session (started on first Create, restarted if it died), headless
// Chromium with a fresh profile directory per session, timeouts from `config`. `http` must outlive it.
SessionFactoryPtr MakeChromeSessionFactory(const BrowserConfig& config, net::HttpClient& http);

class SessionPool {
    struct Slot;

  public:
    SessionPool(BrowserConfig config, SessionFactoryPtr factory, const core::Clock& clock);
    ~SessionPool();  // closes every session and shuts the factory down; leases must be gone by then
    SessionPool(const SessionPool&) = delete;
    SessionPool& operator=(const SessionPool&) = delete;

    class Lease {
      public:
        Lease() = default;
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&& other) noexcept;
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        WebDriverSession& session();
        WebDriverSession* operator->() { return &session(); }
        // True when the session was created for this lease (no cookies, not logged in anywhere).
        bool fresh() const { return fresh_; }
        // The session misbehaved: delete it on release rather than reuse it.
        void MarkBroken() { broken_ = true; }
        // Returns the session to the pool now (the destructor does the same).
        void Release();

      private:
        friend class SessionPool;
        Lease(SessionPool* pool, Slot* slot, bool fresh) : pool_(pool), slot_(slot), fresh_(fresh) {}
        SessionPool* pool_ = nullptr;
        Slot* slot_ = nullptr;
        bool fresh_ = false;
        bool broken_ = false;
    };

    core::Result<Lease> Acquire(const std::string& key);
    // The error Acquire would give after its wait, if every session is taken right now: callers check it
    // before spending other calls on work that would wait for a browser anyway.
    std::optional<core::Error> BusyNow() const;
    // Closes every idle session (busy ones close when released).
    void CloseIdle();

    struct Stats {
        size_t live = 0;
        size_t busy = 0;
        int64_t created = 0;
        int64_t recycled = 0;  // closed because broken, expired, worn out or evicted
    };
    Stats stats() const;
    const BrowserConfig& config() const { return config_; }

  private:
    struct Slot {
        std::string key;
        WebDriverSessionPtr session;  // null while being created
        bool busy = false;
        int uses = 0;
        int64_t last_used_ms = 0;
    };

    void Return(Slot* slot, bool broken);
    core::Error BusyError() const;
    void DestroyOutsideLock(std::list<WebDriverSessionPtr>& doomed);

    BrowserConfig config_;
    SessionFactoryPtr factory_;
    const core::Clock& clock_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::list<Slot> slots_;  // guarded by mu_; std::list keeps Slot addresses stable for leases
    int64_t created_ = 0;    // guarded by mu_
    int64_t recycled_ = 0;   // guarded by mu_
};

}  // namespace by::marketplaces::browser
