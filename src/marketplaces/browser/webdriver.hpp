// A small W3C WebDriver client for chromedriver: sessions, navigation, elements (CSS only), typing, clicks,
// file uploads, reading the page back, screenshots and (sparingly) scripts. Every call is one HTTP request
// through net::HttpClient with the configured command timeout; answers are decoded by webdriver_protocol.
//
// HTTP goes through net::HttpClient with one attempt per command (WebDriver commands are not idempotent).
// Secrets: SendKeys / TypeSecret bodies are wiped after sending and their errors never carry chromedriver's
// message (it could echo what was typed). Nothing here logs.
// Thread-safety: WebDriverClient is safe from any thread (it holds no mutable state). A WebDriverSession is
// used by one thread at a time (SessionPool hands it out under a lease).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "net/http_client.hpp"
#include "marketplaces/browser/webdriver_protocol.hpp"

namespace by::marketplaces::browser {

struct Element {
    std::string id;  // the W3C element reference
};

class WebDriverSession {
  public:
    WebDriverSession(net::HttpClient& http, std::string base_url, std::string session_id, int64_t command_timeout_ms);
    ~WebDriverSession();  // does not delete the remote session: call Delete() (the pool does)
    WebDriverSession(const WebDriverSession&) = delete;
    WebDriverSession& operator=(const WebDriverSession&) = delete;

    const std::string& id() const { return id_; }

    core::Status SetTimeouts(const Timeouts& timeouts);
    core::Status Navigate(const std::string& url);
    core::Result<std::string> CurrentUrl();
    core::Result<std::string> Title();
    core::Result<std::string> PageSource();
    core::Result<std::string> Screenshot();  // PNG bytes (decoded from base64, signature checked)

    core::Result<Element> FindElement(std::string_view css);  // kNotFound when absent
    core::Result<std::vector<Element>> FindElements(std::string_view css);
    // Polls FindElements every poll_ms until one of `css` matches; returns its index, kTimeout otherwise.
    core::Result<size_t> WaitForAny(const std::vector<std::string>& css, int64_t timeout_ms, int64_t poll_ms = 100);

    core::Status Click(const Element& e);
    core::Status Clear(const Element& e);
    core::Status SendKeys(const Element& e, std::string_view text);
    // Same as SendKeys, for passwords and codes: no upstream message survives in an error.
    core::Status TypeSecret(const Element& e, std::string_view secret);
    // Uploads local files into an <input type=file> in one sendKeys: the absolute paths, one per line, as
    // WebDriver takes several files for an input with `multiple`. kNotFound when a file does not exist.
    core::Status UploadFiles(const Element& e, const std::vector<std::string>& paths);
    core::Status UploadFile(const Element& e, const std::string& path) { return UploadFiles(e, {path}); }
    core::Result<std::string> Text(const Element& e);
    // The attribute as written in the markup; nullopt when absent.
    core::Result<std::optional<std::string>> Attribute(const Element& e, std::string_view name);
    core::Result<nlohmann::json> Property(const Element& e, std::string_view name);
    core::Result<std::string> TagName(const Element& e);
    core::Result<bool> Selected(const Element& e);
    core::Result<nlohmann::json> ExecuteScript(std::string_view script,
                                               const nlohmann::json& args = nlohmann::json::array());

    // DELETE /session/{id}; idempotent.
    core::Status Delete();
    bool deleted() const { return deleted_; }

  private:
    core::Result<nlohmann::json> Call(const std::string& method, const std::string& path,
                                      const nlohmann::json* body, bool sensitive = false);
    std::string ElementPath(const Element& e, std::string_view suffix) const;

    net::HttpClient& http_;
    std::string base_url_;
    std::string id_;
    int64_t command_timeout_ms_;
    bool deleted_ = false;
};

using WebDriverSessionPtr = std::unique_ptr<WebDriverSession>;

class WebDriverClient {
  public:
    // base_url: "http://127.0.0.1:<port>" of a running chromedriver.
    WebDriverClient(net::HttpClient& http, std::string base_url, int64_t command_timeout_ms = 30000);

    // GET /status: ok when chromedriver says ready.
    core::Status Ready();
    // POST /session with headless Chromium options; session creation may take a few seconds.
    core::Result<WebDriverSessionPtr> NewSession(const ChromeOptions& options, int64_t timeout_ms = 60000);

    const std::string& base_url() const { return base_url_; }

  private:
    net::HttpClient& http_;
    std::string base_url_;
    int64_t command_timeout_ms_;
};

}  // namespace by::marketplaces::browser
