// What route handlers need, passed by reference (no globals): the store, auth, clock, limits, and
// the few seams implemented elsewhere and wired in app/ (asset bytes, upload inspection, readiness).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "api/media_links.hpp"
#include "auth/auth_service.hpp"
#include "queue/job_queue.hpp"
#include "vault/credential_store.hpp"
#include "vault/credential_vault.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "obs/error_reporter.hpp"
#include "store/store.hpp"

namespace by::pipeline {
class Orchestrator;
}
namespace by::competitors {
class PriceScheduler;
}
namespace by::notify {
class Telegram;
}

namespace by::api {

struct UploadInfo {
    std::string mime;
    int width = 0;
    int height = 0;
};

struct ApiLimits {
    size_t max_photo_bytes = 20 * 1024 * 1024;  // API.md: 20 MiB per photo
    size_t max_photos = 15;                     // API.md: at most 15 photos
    size_t max_json_bytes = 1024 * 1024;        // JSON bodies above this get 413
};

struct ApiContext {
    store::Store& store;
    auth::AuthService& auth;
    const core::Clock& clock;
    ApiLimits limits;
    double uzs_per_rub = 150.0;  // marketplaces.uzs_per_rub: roubles to sums in economics and invoices
    bool secure_cookies = false;  // under TLS: __Host- cookie with Secure
    std::filesystem::path web_dist;  // the built SPA; empty: no dashboard
    // Content checks for uploaded photos (decodable, pixel limits): 415/413/422 on failure.
    std::function<core::Result<UploadInfo>(const std::string& bytes)> inspect_upload;
    // Content-addressed bytes: put returns the sha256; get returns the bytes.
    std::function<core::Result<std::string>(const std::string& bytes, const std::string& mime)> put_blob;
    std::function<core::Result<std::string>(const std::string& sha256)> get_blob;
    // Signed public links to published media (GET /media/{asset}.{ext}); disabled when it has no key.
    MediaLinks media_links;
    // Readiness of the database and the queue.
    std::function<core::Status()> ready;
    // Called after a request is approved (the orchestrator queues its work); may be empty.
    std::function<core::Status(const store::RequestRow&, store::SqlConn&)> on_approved;
    // Called once the approval has committed (wakes workers, or queues where the queue is not the DB).
    std::function<core::Status(const store::RequestRow&)> after_approved;
    // The queue and orchestrator, when this process has them (progress events, admin queue, retries).
    queue::JobQueue* queue = nullptr;
    pipeline::Orchestrator* orchestrator = nullptr;
    // Marketplace credentials: the API may store (seal) but never decrypt (GUARANTEES S12); the Test action
    // goes through `test_credential`, which runs the worker-side, audited credential-use path.
    vault::CredentialStore* credentials = nullptr;
    vault::CredentialSealer* sealer = nullptr;
    std::function<core::Result<nlohmann::json>(const std::string& partner_id, core::Marketplace marketplace,
                                               std::optional<vault::CredentialKind> kind)>
        test_credential;
    // Telegram notifications (test message, whether a bot is configured, CredentialFailed); may be null.
    notify::Telegram* telegram = nullptr;
    // Competitor prices read now for POST /api/competitors/{id}/refresh; null: the card is made due instead.
    competitors::PriceScheduler* competitors = nullptr;
    // Where 500 answers are reported (Sentry when configured); null: not reported.
    obs::ErrorReporter* errors = nullptr;
    int64_t sse_poll_ms = 500;          // how often a progress stream looks for new events
    int64_t sse_max_ms = 3600 * 1000;   // a stream ends after this; the browser reconnects with Last-Event-ID
    // Each progress stream holds a connection thread: at most this many at once (set from
    // server.http_threads, leaving a quarter free), so ordinary requests never wait behind watchers.
    int sse_max_streams = 96;
    std::shared_ptr<std::atomic<int>> sse_open = std::make_shared<std::atomic<int>>(0);
};

}  // namespace by::api
