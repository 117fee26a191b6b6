// A local imitation of the Telegram Bot API's sendMessage, on the project's own HTTP server (port 0,
// loopback), for tests. It checks the token in the path (/bot<token>/sendMessage: 401 otherwise), checks
// the HTML parse mode the way Telegram does (an unknown tag or a bare "<" / "&" is 400 "can't parse
// entities"), records every message it accepted, and answers as Telegram does when told to: 429 with
// parameters.retry_after, 5xx, 403 "bot was blocked by the user", 400 "chat not found", 400 with
// parameters.migrate_to_chat_id.
// Thread-safety: every method may be called from any thread while the server runs.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "api/http_server.hpp"

namespace by::testing {

struct FakeTelegramMessage {
    std::string chat_id;     // as sent (a number is recorded in decimal)
    std::string text;
    std::string parse_mode;
};

class FakeBotApi {
  public:
    explicit FakeBotApi(std::string token);
    ~FakeBotApi();

    std::string base_url() const;  // http://127.0.0.1:<port>
    // Messages accepted (200), in order.
    std::vector<FakeTelegramMessage> messages() const;
    int calls() const;  // every sendMessage request, answered however

    // The next `n` calls answer 429 with retry_after `seconds`.
    void Flood(int n, int seconds);
    // The next `n` calls answer `status` (5xx) with Telegram's error shape.
    void FailNext(int n, int status);
    // Telegram's answers for chats that cannot receive.
    void Block(const std::string& chat_id);        // 403 Forbidden: bot was blocked by the user
    void Unknown(const std::string& chat_id);      // 400 Bad Request: chat not found
    void Migrate(const std::string& chat_id, const std::string& to);  // 400 with migrate_to_chat_id

  private:
    api::HttpResponse Handle(api::HttpRequest& req);

    std::string token_;
    std::unique_ptr<api::HttpServer> server_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mu_;
    std::vector<FakeTelegramMessage> messages_;       // guarded by mu_
    std::deque<std::pair<int, int>> forced_;          // guarded by mu_: (status, retry_after s)
    std::set<std::string> blocked_, unknown_;         // guarded by mu_
    std::vector<std::pair<std::string, std::string>> migrated_;  // guarded by mu_
    int calls_ = 0;                                   // guarded by mu_
};

// Telegram's HTML parse mode, as strictly as this project needs: tags b, i, u, s, code, pre and
// a href="…"; entities &lt; &gt; &amp; &quot;. Returns the problem, empty when the text parses.
std::string TelegramHtmlProblem(const std::string& text);

}  // namespace by::testing
