// Configuration of the browser automation (section [browser] of the config file; app/ fills it).
// Every member has its default here; each comment says the default's trade-off.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace by::marketplaces::browser {

struct BrowserConfig {
    // Debian's packages; CI installs both.
    std::string chromium_binary = "/usr/bin/chromium";
    std::string chromedriver_binary = "/usr/bin/chromedriver";
    // Browser sessions alive at once across all partners. Each headless Chromium costs ~150-300 MB and a
    // share of 2 cores; 2 keeps one partner's publish from starving another's without swapping.
    size_t max_sessions = 2;
    // How long Acquire waits for a free session before Error::RateLimited(busy_retry_ms): the job goes back
    // to the queue without counting an attempt, so a backlog of cabinet publishes never holds the workers
    // that the API marketplaces' publishes need (it held 7 of 8 in the 2,000-card bench with a 120 s wait).
    int64_t acquire_timeout_ms = 2000;
    int64_t busy_retry_ms = 5000;
    // An idle session older than this is closed (its cabinet login is likely expired anyway).
    int64_t idle_ttl_ms = 10 * 60 * 1000;
    // A session is recycled after this many leases even when healthy (bounds Chromium memory growth).
    int max_uses_per_session = 50;
    // chromedriver start (port line + /status ready) and each new session (Chromium start, ~1-3 s here).
    int64_t start_timeout_ms = 30000;
    // Every WebDriver HTTP command; a page load waits at most page_load_timeout_ms.
    int64_t command_timeout_ms = 60000;
    int64_t page_load_timeout_ms = 30000;
    int64_t script_timeout_ms = 10000;
    int window_width = 1280;
    int window_height = 1600;
    std::vector<std::string> extra_args;  // appended to the Chromium flags
    std::string work_parent;              // chromedriver's work dir and profiles go under it; empty = $TMPDIR
};

}  // namespace by::marketplaces::browser
