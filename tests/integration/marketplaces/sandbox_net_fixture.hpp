// Shared fixture of the WB, Ozon and Yandex sandbox tests: starts the sandbox marketplaces on free
// loopback ports (time_scale 60), a loopback media server the sandbox downloads images and video from (as
// the marketplaces fetch our public asset URLs), and the real libcurl client with retries; adapters use
// the published limits, scaled by the same factor through a RateLimiter wrapper.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/clock.hpp"
#include "core/secret.hpp"
#include "marketplaces/adapter.hpp"
#include "marketplaces/common/adapter_config.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "net/curl/curl_http_client.hpp"
#include "net/retry.hpp"
#include "sandbox/sandbox.hpp"

namespace by::testing {

inline constexpr double kTimeScale = 60;

// The published limits run `scale` times faster, as the sandbox's own clock does.
class ScaledLimiter final : public marketplaces::RateLimiter {
  public:
    ScaledLimiter(marketplaces::RateLimiter& inner, double scale) : inner_(inner), scale_(scale) {}
    int64_t Acquire(const marketplaces::LimitKey& key, double cost) override {
        marketplaces::LimitKey k = key;
        k.rate.interval_ms /= scale_;
        return inner_.Acquire(k, cost);
    }
    void Block(const marketplaces::LimitKey& key, int64_t until_unix_ms) override { inner_.Block(key, until_unix_ms); }

  private:
    marketplaces::RateLimiter& inner_;
    double scale_;
};

// A minimal JPEG (SOI, SOF0 width x height, EOI) and MP4 (ftyp) – enough for the sandbox's media checks.
inline std::string FakeJpeg(int width, int height) {
    std::string b = "\xFF\xD8";
    b += std::string("\xFF\xC0\x00\x11\x08", 5);
    b += static_cast<char>(height >> 8);
    b += static_cast<char>(height & 0xFF);
    b += static_cast<char>(width >> 8);
    b += static_cast<char>(width & 0xFF);
    b += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
    b += std::string(2000, '\0');
    b += "\xFF\xD9";
    return b;
}
inline std::string FakeMp4() {
    std::string b("\x00\x00\x00\x18" "ftypmp42\x00\x00\x00\x00mp42isom", 24);
    b += std::string("\x00\x00\x00\x08" "free", 8);
    return b;
}

struct MediaServer {
    httplib::Server server;
    std::thread thread;
    int port = 0;
    MediaServer() {
        server.Get(R"(/img/(\d+)\.jpg)", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(FakeJpeg(1000, 1400), "image/jpeg");
        });
        server.Get("/small.jpg", [](const httplib::Request&, httplib::Response& res) {
            res.set_content(FakeJpeg(100, 100), "image/jpeg");
        });
        server.Get("/v.mp4", [](const httplib::Request&, httplib::Response& res) { res.set_content(FakeMp4(), "video/mp4"); });
        port = server.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { server.listen_after_bind(); });
        while (!server.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~MediaServer() {
        server.stop();
        thread.join();
    }
    std::string Url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port) + path; }
};

class SandboxFixture : public ::testing::Test {
  protected:
    void SetUp() override {
        sandbox::SandboxOptions o;
        o.uzum_port = o.wb_port = o.yandex_port = o.ozon_port = o.cabinet_port = 0;
        o.time_scale = kTimeScale;
        o.moderation_delay_ms = 3000;
        o.threads_per_port = 8;
        auto sb = sandbox::Sandbox::Start(o);
        ASSERT_TRUE(sb.ok()) << sb.error().message;
        sandbox_ = std::move(*sb);
        curl_ = net::MakeCurlHttpClient();
        http_ = std::make_unique<net::RetryingHttpClient>(*curl_, clock_, net::DefaultSleeper(), 1);
        cfg_.retry.base_delay_ms = 20;
        cfg_.retry.max_delay_ms = 200;
        cfg_.retry.budget_ms = 5000;
        cfg_.timeout_ms = 10000;
        cfg_.max_inline_wait_ms = 10000;
        std::string wb = sandbox_->BaseUrl(core::Marketplace::kWildberries);
        cfg_.wildberries.content_url = cfg_.wildberries.prices_url = cfg_.wildberries.marketplace_url = wb;
        cfg_.ozon.base_url = sandbox_->BaseUrl(core::Marketplace::kOzon);
        cfg_.yandex.base_url = sandbox_->BaseUrl(core::Marketplace::kYandex);
        accounts_ = sandbox_->Accounts();
    }
    void TearDown() override {
        if (sandbox_) {
            sandbox_->Stop();
        }
    }

    const nlohmann::json& Seller(const char* marketplace) { return accounts_["sellers"][0][marketplace]; }

    static vault::FieldMap Fields(const nlohmann::json& j, std::initializer_list<const char*> names) {
        vault::FieldMap m;
        for (const char* n : names) {
            std::string v = j[n].is_string() ? j[n].get<std::string>() : j[n].dump();
            m.emplace(n, core::SecretBuffer::Take(std::move(v)));
        }
        return m;
    }

    // POST /__sandbox/<hook> on a marketplace's port.
    nlohmann::json Hook(core::Marketplace mp, const std::string& hook, const nlohmann::json& body) {
        net::HttpRequest r;
        r.method = "POST";
        r.url = sandbox_->BaseUrl(mp) + "/__sandbox/" + hook;
        r.body = body.dump();
        r.headers = {{"Content-Type", "application/json"}};
        auto res = curl_->Send(r);
        EXPECT_TRUE(res.ok());
        if (!res.ok()) {
            return nullptr;
        }
        EXPECT_EQ(res->status, 200) << res->body;
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    // Polls until every outcome is final (live or rejected) or `tries` run out.
    core::Result<std::vector<marketplaces::PublishOutcome>> PollUntilFinal(marketplaces::Adapter& a,
                                                                          std::vector<marketplaces::PublishOutcome> out,
                                                                          const vault::FieldMap& creds, int tries = 40) {
        for (int i = 0; i < tries; ++i) {
            bool open = false;
            for (const auto& o : out) {
                open = open || (o.state != marketplaces::PublishState::kLive &&
                                o.state != marketplaces::PublishState::kRejected);
            }
            if (!open) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            BY_ASSIGN(out, a.Poll(out, creds));
        }
        return out;
    }

    core::SystemClock clock_;
    std::unique_ptr<sandbox::Sandbox> sandbox_;
    net::HttpClientPtr curl_;
    std::unique_ptr<net::RetryingHttpClient> http_;
    marketplaces::TokenBucketRateLimiter buckets_{clock_};
    ScaledLimiter limiter_{buckets_, kTimeScale};
    marketplaces::AdapterConfig cfg_;
    nlohmann::json accounts_;
    MediaServer media_;
};

}  // namespace by::testing
