// A tiny fake chromedriver for unit tests: an HTTP server on a loopback port (0 = any) that speaks enough of
// W3C WebDriver for the client, answers from an in-memory page model and records every request.
// Thread-safety: all methods may be called from the test thread while the server runs.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace httplib {
class Server;
struct Request;
}

namespace by::testing {

class FakeChromeDriver {
  public:
    struct Recorded {
        std::string method;
        std::string path;
        std::string body;
    };
    struct Failure {
        int status = 500;
        std::string error;    // W3C code
        std::string message;
    };

    FakeChromeDriver();
    ~FakeChromeDriver();

    std::string base_url() const;
    std::vector<Recorded> requests();
    void ClearRequests();
    int sessions_created();
    int sessions_deleted();

    // css selector -> element ids found for it
    void SetElements(const std::string& css, std::vector<std::string> ids);
    void SetText(const std::string& id, std::string text);
    void SetAttribute(const std::string& id, const std::string& name, std::string value);
    void SetUrl(std::string url);
    // The next command whose path contains `path_part` answers with this error.
    void FailNext(const std::string& path_part, Failure failure);
    // Typed text per element (what /value received).
    std::string Typed(const std::string& id);

  private:
    void Install();
    void Record(const httplib::Request& req);

    std::unique_ptr<httplib::Server> server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mu_;
    std::vector<Recorded> requests_;
    std::map<std::string, std::vector<std::string>> elements_;
    std::map<std::string, std::string> text_;
    std::map<std::string, std::map<std::string, std::string>> attributes_;
    std::map<std::string, std::string> typed_;
    std::map<std::string, Failure> failures_;
    std::string url_ = "about:blank";
    int created_ = 0;
    int deleted_ = 0;
};

// A valid 1x1 PNG, for screenshots.
const std::string& TinyPng();

}  // namespace by::testing
