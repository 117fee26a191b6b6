// Test fixture: a Sandbox on free ports with a FakeClock, calls through its root handlers (no network)
// and a tiny media server on loopback for the download checks.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "api/http_server.hpp"
#include "sandbox/common/accounts.hpp"
#include "sandbox/sandbox.hpp"
#include "testing/fake_clock.hpp"
#include "testing/temp_dir.hpp"

namespace by::sandbox::test {

using nlohmann::json;

// Minimal image and video files: only the headers the marketplaces (and the sandbox) read.
std::string MakeJpeg(int width, int height);
std::string MakePng(int width, int height);
std::string MakeWebp(int width, int height);
std::string MakeMp4();

// Serves fixed bodies at fixed paths on 127.0.0.1 (port 0); counts requests.
class MediaServer {
  public:
    MediaServer();
    ~MediaServer();
    void Put(const std::string& path, std::string body, std::string content_type = "application/octet-stream");
    std::string Url(const std::string& path) const;
    int hits() const { return hits_.load(); }

  private:
    std::map<std::string, std::pair<std::string, std::string>> files_;
    std::mutex mu_;
    std::atomic<int> hits_{0};
    std::unique_ptr<api::HttpServer> server_;
    std::thread thread_;
    std::atomic<bool> served_{false};
    int port_ = 0;
};

struct Call {
    std::string method = "GET";
    std::string path;  // may carry a query string
    json body;         // serialised unless null; raw_body wins when set
    std::string raw_body;
    std::map<std::string, std::string> headers;
};

class SandboxTest : public ::testing::Test {
  protected:
    void SetUp() override { Restart(); }
    void TearDown() override { sandbox.reset(); }

    // (Re)starts the sandbox on free ports; `dir` empty = in-memory store.
    void Restart(const std::filesystem::path& dir = {}, double time_scale = 1.0, int64_t delay_ms = 3000);

    api::HttpResponse Do(const std::string& port, const Call& call);
    // Do() and parse the body as JSON (null when empty).
    json DoJson(const std::string& port, const Call& call, int* status = nullptr,
                api::HttpResponse* raw = nullptr);

    // Credentials of the seeded sellers as headers.
    std::map<std::string, std::string> Wb(const SellerAccount& s) const { return {{"Authorization", s.wb_token}}; }
    std::map<std::string, std::string> Ozon(const SellerAccount& s) const {
        return {{"Client-Id", s.ozon_client_id}, {"Api-Key", s.ozon_api_key}};
    }
    std::map<std::string, std::string> Ya(const SellerAccount& s) const { return {{"Api-Key", s.yandex_api_key}}; }
    std::map<std::string, std::string> Uz(const SellerAccount& s) const { return {{"Authorization", s.uzum_token}}; }

    // The cabinet flow in process: returns the "uzum_session=..." cookie (TOTP answered when needed).
    std::string CabinetLogin(const SellerAccount& s);
    std::string CabinetCsrf(const std::string& cookie);
    struct FilePart {
        std::string field, filename, content_type, data;
    };
    static std::string Multipart(const std::string& boundary, const std::map<std::string, std::string>& fields,
                                 const std::vector<FilePart>& files);
    std::map<std::string, std::string> ProductFields(const std::string& sku);
    api::HttpResponse CabinetSubmit(const std::string& cookie, std::map<std::string, std::string> fields,
                                    const std::vector<FilePart>& files);

    testing::FakeClock clock;
    Accounts accounts = Accounts::Seeded();
    const SellerAccount& s1 = accounts.sellers()[0];
    const SellerAccount& s2 = accounts.sellers()[1];
    std::unique_ptr<Sandbox> sandbox;
    int64_t delay_ms = 3000;
};

}  // namespace by::sandbox::test
