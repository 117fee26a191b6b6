// Test doubles for the WB, Ozon and Yandex adapter tests: a scripted HttpClient that records every request
// and answers by (method, path template), a sleeper that advances a FakeClock, a log capture, and the
// spec-contract check (every recorded request body validated against the saved OpenAPI operation by
// tests/unit/marketplaces/net_contract_validate.py).
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/secret.hpp"
#include "marketplaces/adapter.hpp"
#include "net/http_client.hpp"
#include "net/retry.hpp"
#include "obs/log.hpp"
#include "testing/fake_clock.hpp"
#include "vault/credential_types.hpp"

namespace by::testing {

struct Recorded {
    std::string method;
    std::string path;  // without query
    std::string query;
    std::string url;
    std::string body;
    net::Headers headers;
};

inline net::HttpResponse JsonAnswer(int status, const nlohmann::json& body, net::Headers headers = {}) {
    net::HttpResponse r;
    r.status = status;
    r.body = body.dump();
    r.headers = std::move(headers);
    r.headers.emplace_back("Content-Type", "application/json");
    return r;
}

class FakeHttp final : public net::HttpClient {
  public:
    using Handler = std::function<net::HttpResponse(const Recorded&)>;

    // `path` may hold {param} segments.
    void On(std::string method, std::string path, Handler h) {
        routes_.push_back({std::move(method), std::move(path), std::move(h)});
    }

    core::Result<net::HttpResponse> Send(const net::HttpRequest& req) override {
        Recorded rec;
        rec.method = req.method;
        rec.url = req.url;
        std::string rest = req.url;
        if (size_t scheme = rest.find("://"); scheme != std::string::npos) {
            size_t slash = rest.find('/', scheme + 3);
            rest = slash == std::string::npos ? "/" : rest.substr(slash);
        }
        size_t q = rest.find('?');
        rec.path = rest.substr(0, q);
        rec.query = q == std::string::npos ? "" : rest.substr(q + 1);
        rec.body = req.body;
        rec.headers = req.headers;
        Handler h;
        {
            std::lock_guard<std::mutex> lock(mu_);
            calls.push_back(rec);
            for (const auto& r : routes_) {
                if (r.method == req.method && Match(r.path, rec.path)) {
                    h = r.handler;
                    break;
                }
            }
        }
        if (fail_transport) {
            return core::Error::Unavailable(req.method + " " + req.url + ": connection refused");
        }
        if (!h) {
            return JsonAnswer(404, {{"message", "no route " + rec.path}});
        }
        return h(rec);
    }

    size_t Count(const std::string& method, const std::string& path) const {
        size_t n = 0;
        for (const auto& c : calls) {
            if (c.method == method && Match(path, c.path)) {
                ++n;
            }
        }
        return n;
    }
    std::vector<Recorded> Calls(const std::string& method, const std::string& path) const {
        std::vector<Recorded> out;
        for (const auto& c : calls) {
            if (c.method == method && Match(path, c.path)) {
                out.push_back(c);
            }
        }
        return out;
    }

    static bool Match(const std::string& tmpl, const std::string& path) {
        size_t i = 0, j = 0;
        while (i < tmpl.size() && j < path.size()) {
            if (tmpl[i] == '{') {
                size_t close = tmpl.find('}', i);
                i = close + 1;
                while (j < path.size() && path[j] != '/') {
                    ++j;
                }
                continue;
            }
            if (tmpl[i] != path[j]) {
                return false;
            }
            ++i;
            ++j;
        }
        return i == tmpl.size() && j == path.size();
    }

    std::vector<Recorded> calls;
    bool fail_transport = false;

  private:
    struct Route {
        std::string method;
        std::string path;
        Handler handler;
    };
    std::vector<Route> routes_;
    mutable std::mutex mu_;
};

class ClockSleeper final : public net::Sleeper {
  public:
    explicit ClockSleeper(FakeClock& clock) : clock_(clock) {}
    void SleepMs(int64_t ms) override {
        slept_ms += ms;
        clock_.Advance(ms);
    }
    int64_t slept_ms = 0;

  private:
    FakeClock& clock_;
};

inline vault::FieldMap Creds(std::initializer_list<std::pair<const char*, const char*>> fields) {
    vault::FieldMap m;
    for (const auto& [k, v] : fields) {
        m.emplace(k, core::SecretBuffer::FromBytes(v));
    }
    return m;
}

// Captures this process's log lines into a file for the duration of a test.
class LogCapture {
  public:
    LogCapture() {
        dir_ = std::filesystem::temp_directory_path() /
               ("by-log-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
        std::filesystem::create_directories(dir_);
        obs::InitLogging({dir_, obs::Level::kDebug, false});
    }
    ~LogCapture() {
        obs::InitLogging({{}, obs::Level::kInfo, true});
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::string Text() {
        obs::Flush();
        std::string all;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir_)) {
            if (e.is_regular_file()) {
                std::ifstream in(e.path());
                std::stringstream ss;
                ss << in.rdbuf();
                all += ss.str();
            }
        }
        return all;
    }

  private:
    std::filesystem::path dir_;
    static inline int counter_ = 0;
};

// A product + content that maps on every marketplace.
inline marketplaces::PublishItem SampleItem(const std::string& sku, const std::string& currency = "RUB") {
    marketplaces::PublishItem it;
    it.card_id = "card-" + sku;
    it.product.id = "p-" + sku;
    it.product.sku = sku;
    it.product.name = "Наушники Demo X1 беспроводные";
    it.product.category = "headphones";
    it.product.brand = "BiznesYordam Demo";
    it.product.description = "Беспроводные наушники";
    it.product.price = {259900, currency};
    it.product.stock = 7;
    it.product.barcode = "4600000000017";
    it.product.attributes = {{"color", "черный"},
                             {"country", "Китай"},
                             {"model", "X1"},
                             {"package_length_cm", 18.2},
                             {"package_width_cm", 15},
                             {"package_height_cm", 7},
                             {"package_weight_g", 320}};
    it.content = {{"language", "ru"},
                  {"title", "Наушники BiznesYordam Demo X1 беспроводные, черные"},
                  {"description", "Беспроводные наушники BiznesYordam Demo X1 с шумоподавлением."},
                  {"characteristics",
                   nlohmann::json::array({{{"key", "color"}, {"name", "Цвет"}, {"value", "Черный"}},
                                          {{"key", "country"}, {"name", "Страна производства"}, {"value", "Китай"}}})},
                  {"texts",
                   {{"ru", {{"title", "Наушники BiznesYordam Demo X1 беспроводные, черные"},
                            {"description", "Беспроводные наушники BiznesYordam Demo X1 с шумоподавлением."}}},
                    {"uz", {{"title", "BiznesYordam Demo X1 simsiz quloqchin, qora"},
                            {"description", "Shovqinni bostiruvchi simsiz quloqchin."}}}}}};
    it.image_urls = {"https://assets.example/a/1.jpg", "https://assets.example/a/2.jpg"};
    it.video_url = "https://assets.example/a/v.mp4";
    return it;
}

// Validates recorded request bodies against the saved OpenAPI specs. Each entry: {file, method, path, body}.
// Returns the validator's output; empty when everything validated.
inline std::string ValidateContracts(const nlohmann::json& entries) {
    const char* shared = std::getenv("BY_SHARED_DIR");
    const char* source = std::getenv("BY_SOURCE_DIR");
    if (shared == nullptr || source == nullptr) {
        return "BY_SHARED_DIR/BY_SOURCE_DIR not set";
    }
    auto dir = std::filesystem::temp_directory_path() / ("by-contract-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto in = dir / "bodies.json";
    auto out = dir / "out.txt";
    std::ofstream(in) << entries.dump();
    std::string cmd = std::string("/usr/bin/python3 ") + source + "/tests/unit/marketplaces/net_contract_validate.py " +
                      shared + "/marketplace-api " + in.string() + " > " + out.string() + " 2>&1";
    int rc = std::system(cmd.c_str());
    std::ifstream o(out);
    std::stringstream ss;
    ss << o.rdbuf();
    std::filesystem::remove_all(dir);
    return rc == 0 ? std::string() : "rc=" + std::to_string(rc) + "\n" + ss.str();
}

}  // namespace by::testing
