// A local fake of a model provider's HTTP API (cpp-httplib on 127.0.0.1, port 0) for the remote TextModel
// tests: every POST to `path` is checked by the test's `check` (path, headers, body fields: an empty string
// means the request is well formed, else the violation is recorded and answered 400), then answered from a
// script of canned answers, or by a responder that sees the request body.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace by::ai::testutil {

struct FakeAnswer {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

class FakeLlmServer {
  public:
    using Check = std::function<std::string(const httplib::Request&)>;
    using Responder = std::function<FakeAnswer(const nlohmann::json& body)>;

    FakeLlmServer(std::string path, Check check) : check_(std::move(check)) {
        server_.Post(path, [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
        server_.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) {
                return;  // httplib calls this for every status >= 400, scripted ones too
            }
            std::lock_guard<std::mutex> lock(mu_);
            violations_.push_back("unexpected " + req.method + " " + req.path);
            res.status = 404;
            res.set_content(R"({"error":{"type":"not_found_error","message":"no such route"}})", "application/json");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~FakeLlmServer() {
        server_.stop();
        thread_.join();
    }
    FakeLlmServer(const FakeLlmServer&) = delete;
    FakeLlmServer& operator=(const FakeLlmServer&) = delete;

    std::string BaseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void Push(FakeAnswer a) {
        std::lock_guard<std::mutex> lock(mu_);
        script_.push_back(std::move(a));
    }
    void SetResponder(Responder r) {
        std::lock_guard<std::mutex> lock(mu_);
        responder_ = std::move(r);
    }
    std::vector<nlohmann::json> bodies() const {
        std::lock_guard<std::mutex> lock(mu_);
        return bodies_;
    }
    std::vector<std::string> violations() const {
        std::lock_guard<std::mutex> lock(mu_);
        return violations_;
    }
    size_t requests() const {
        std::lock_guard<std::mutex> lock(mu_);
        return bodies_.size();
    }

  private:
    void Handle(const httplib::Request& req, httplib::Response& res) {
        nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
        std::string bad = check_(req);
        FakeAnswer a;
        {
            std::lock_guard<std::mutex> lock(mu_);
            bodies_.push_back(body);
            if (!bad.empty()) {
                violations_.push_back(bad);
                a = {400, nlohmann::json({{"error", {{"type", "invalid_request_error"}, {"message", bad}}}}).dump(), {}};
            } else if (responder_) {
                a = responder_(body);
            } else if (!script_.empty()) {
                a = script_.front();
                script_.pop_front();
            } else {
                violations_.push_back("a request past the end of the script");
                a = {500, R"({"error":{"type":"api_error","message":"script exhausted"}})", {}};
            }
        }
        res.status = a.status;
        for (const auto& [k, v] : a.headers) {
            res.set_header(k, v);
        }
        res.set_content(a.body, "application/json");
    }

    Check check_;
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    mutable std::mutex mu_;
    std::deque<FakeAnswer> script_;        // guarded by mu_
    Responder responder_;                  // guarded by mu_
    std::vector<nlohmann::json> bodies_;   // guarded by mu_
    std::vector<std::string> violations_;  // guarded by mu_
};

}  // namespace by::ai::testutil
