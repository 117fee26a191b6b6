// A local imitation of Sentry's envelope endpoint (POST /api/<project>/envelope/) for tests, on cpp-httplib
// (loopback, any free port). It parses every envelope strictly: Content-Type application/x-sentry-envelope;
// X-Sentry-Auth with sentry_version=7, a biznesyordam sentry_client and this project's key; exactly three
// lines (envelope header, item header, payload, an optional final newline); both headers JSON objects; the
// item of type "event" whose "length" is the payload's byte count; the payload a JSON object whose event_id
// (32 lower-hex digits) is the header's. A bad envelope is answered 400 and its problem recorded. Answers
// can be scripted (429 with Retry-After, any status) and held (the handler waits until Release()).
// Thread-safety: every method may be called from any thread while the server runs.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace by::testing {

struct ReceivedEnvelope {
    std::string raw;            // the request body as sent
    nlohmann::json header;      // line 1
    nlohmann::json item;        // line 2
    nlohmann::json event;       // line 3
    std::string auth;           // X-Sentry-Auth
};

struct ScriptedAnswer {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
};

class FakeSentry {
  public:
    explicit FakeSentry(std::string public_key = "0123456789abcdef0123456789abcdef", std::string project = "42");
    ~FakeSentry();

    std::string dsn() const;  // http://<key>@127.0.0.1:<port>/<project>
    std::vector<ReceivedEnvelope> envelopes() const;  // accepted (answered 200 or as scripted), in order
    std::vector<std::string> problems() const;         // why envelopes were refused
    std::vector<std::chrono::steady_clock::time_point> call_times() const;  // every envelope request
    int calls() const;
    // Waits until `n` envelopes were accepted; false after `timeout_ms`.
    bool WaitFor(size_t n, int timeout_ms) const;
    // Waits until `n` envelope requests arrived, however answered; false after `timeout_ms`.
    bool WaitForCalls(int n, int timeout_ms) const;

    void Script(ScriptedAnswer answer);  // the next call is answered so (after its envelope was checked)
    void Hold();                         // calls wait (after being counted) until Release()
    void Release();

  private:
    void Handle(const httplib::Request& req, httplib::Response& res);
    std::string Check(const httplib::Request& req, ReceivedEnvelope* out) const;

    std::string key_, project_;
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mu_;
    mutable std::condition_variable cv_;
    std::vector<ReceivedEnvelope> envelopes_;                         // guarded by mu_
    std::vector<std::string> problems_;                               // guarded by mu_
    std::vector<std::chrono::steady_clock::time_point> call_times_;   // guarded by mu_
    std::deque<ScriptedAnswer> script_;                               // guarded by mu_
    bool held_ = false;                                               // guarded by mu_
};

}  // namespace by::testing
