#include "browser_fake_chromedriver.hpp"

#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

namespace by::testing {

using nlohmann::json;

const std::string& TinyPng() {
    static const std::string png = [] {
        const unsigned char bytes[] = {
            0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
            0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
            0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
            0x42, 0x60, 0x82};
        return std::string(reinterpret_cast<const char*>(bytes), sizeof(bytes));
    }();
    return png;
}

namespace {

std::string Base64(const std::string& in) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        out += t[n >> 18];
        out += t[(n >> 12) & 63];
        out += t[(n >> 6) & 63];
        out += t[n & 63];
    }
    if (i + 1 == in.size()) {
        uint32_t n = uint8_t(in[i]) << 16;
        out += t[n >> 18];
        out += t[(n >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
        out += t[n >> 18];
        out += t[(n >> 12) & 63];
        out += t[(n >> 6) & 63];
        out += '=';
    }
    return out;
}

void Answer(httplib::Response& res, int status, const json& value) {
    res.status = status;
    res.set_content(json{{"value", value}}.dump(), "application/json");
}

}  // namespace

FakeChromeDriver::FakeChromeDriver() : server_(std::make_unique<httplib::Server>()) {
    Install();
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

FakeChromeDriver::~FakeChromeDriver() {
    server_->stop();
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string FakeChromeDriver::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::vector<FakeChromeDriver::Recorded> FakeChromeDriver::requests() {
    std::lock_guard lock(mu_);
    return requests_;
}
void FakeChromeDriver::ClearRequests() {
    std::lock_guard lock(mu_);
    requests_.clear();
}
int FakeChromeDriver::sessions_created() {
    std::lock_guard lock(mu_);
    return created_;
}
int FakeChromeDriver::sessions_deleted() {
    std::lock_guard lock(mu_);
    return deleted_;
}
void FakeChromeDriver::SetElements(const std::string& css, std::vector<std::string> ids) {
    std::lock_guard lock(mu_);
    elements_[css] = std::move(ids);
}
void FakeChromeDriver::SetText(const std::string& id, std::string text) {
    std::lock_guard lock(mu_);
    text_[id] = std::move(text);
}
void FakeChromeDriver::SetAttribute(const std::string& id, const std::string& name, std::string value) {
    std::lock_guard lock(mu_);
    attributes_[id][name] = std::move(value);
}
void FakeChromeDriver::SetUrl(std::string url) {
    std::lock_guard lock(mu_);
    url_ = std::move(url);
}
void FakeChromeDriver::FailNext(const std::string& path_part, Failure failure) {
    std::lock_guard lock(mu_);
    failures_[path_part] = std::move(failure);
}
std::string FakeChromeDriver::Typed(const std::string& id) {
    std::lock_guard lock(mu_);
    return typed_[id];
}

void FakeChromeDriver::Record(const httplib::Request& req) {
    std::lock_guard lock(mu_);
    requests_.push_back({req.method, req.path, req.body});
}

void FakeChromeDriver::Install() {
    auto& s = *server_;
    // Every request: record it, then apply a pending failure if one matches.
    // The body is not read yet when pre-routing runs: handlers record their own request (Record) and this
    // one only records the requests it fails.
    s.set_keep_alive_max_count(1);
    s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mu_);
        for (auto it = failures_.begin(); it != failures_.end(); ++it) {
            if (req.path.find(it->first) != std::string::npos) {
                requests_.push_back({req.method, req.path, req.body});
                Answer(res, it->second.status, {{"error", it->second.error}, {"message", it->second.message},
                                                {"stacktrace", "#0 0x0"}});
                failures_.erase(it);
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    s.Get("/status", [this](const httplib::Request& req, httplib::Response& res) {
        Record(req);
        Answer(res, 200, {{"ready", true}, {"message", "fake ready"}});
    });
    s.Post("/session", [this](const httplib::Request& req, httplib::Response& res) {
        Record(req);
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.contains("capabilities")) {
            Answer(res, 400, {{"error", "invalid argument"}, {"message", "no capabilities"}});
            return;
        }
        std::lock_guard lock(mu_);
        ++created_;
        Answer(res, 200, {{"sessionId", "sess-" + std::to_string(created_)},
                          {"capabilities", {{"browserName", "chrome"}}}});
    });
    s.Delete(R"(/session/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        Record(req);
        std::lock_guard lock(mu_);
        ++deleted_;
        Answer(res, 200, nullptr);
    });
    s.Post(R"(/session/([^/]+)/(timeouts|url|execute/sync))", [this](const httplib::Request& req, httplib::Response& res) {
        Record(req);
        json body = json::parse(req.body, nullptr, false);
        std::lock_guard lock(mu_);
        if (req.matches[2] == "url") {
            url_ = body.value("url", "");
            Answer(res, 200, nullptr);
        } else if (req.matches[2] == "execute/sync") {
            Answer(res, 200, body.contains("args") ? body["args"] : json());
        } else {
            Answer(res, 200, nullptr);
        }
    });
    s.Get(R"(/session/([^/]+)/(url|title|source|screenshot))", [this](const httplib::Request& req, httplib::Response& res) {
        Record(req);
        std::lock_guard lock(mu_);
        std::string what = req.matches[2];
        if (what == "url") {
            Answer(res, 200, url_);
        } else if (what == "title") {
            Answer(res, 200, "Fake page");
        } else if (what == "source") {
            Answer(res, 200, "<html><body>fake</body></html>");
        } else {
            Answer(res, 200, Base64(TinyPng()));
        }
    });
    s.Post(R"(/session/([^/]+)/(element|elements))", [this](const httplib::Request& req, httplib::Response& res) {
        Record(req);
        json body = json::parse(req.body, nullptr, false);
        std::lock_guard lock(mu_);
        std::string css = body.value("value", "");
        auto it = elements_.find(css);
        bool many = req.matches[2] == "elements";
        if (it == elements_.end() || it->second.empty()) {
            if (many) {
                Answer(res, 200, json::array());
            } else {
                Answer(res, 404, {{"error", "no such element"},
                                  {"message", "no such element: Unable to locate element: " + css}});
            }
            return;
        }
        const char* key = "element-6066-11e4-a52e-4f735466cecf";
        if (many) {
            json list = json::array();
            for (const auto& id : it->second) {
                list.push_back({{key, id}});
            }
            Answer(res, 200, list);
        } else {
            Answer(res, 200, {{key, it->second.front()}});
        }
    });
    s.Post(R"(/session/([^/]+)/element/([^/]+)/(click|clear|value))",
           [this](const httplib::Request& req, httplib::Response& res) {
               Record(req);
               std::lock_guard lock(mu_);
               std::string id = req.matches[2];
               if (req.matches[3] == "value") {
                   json body = json::parse(req.body, nullptr, false);
                   typed_[id] += body.value("text", "");
               } else if (req.matches[3] == "clear") {
                   typed_[id].clear();
               }
               Answer(res, 200, nullptr);
           });
    s.Get(R"(/session/([^/]+)/element/([^/]+)/(text|name|selected))",
          [this](const httplib::Request& req, httplib::Response& res) {
              Record(req);
              std::lock_guard lock(mu_);
              std::string id = req.matches[2];
              if (req.matches[3] == "text") {
                  Answer(res, 200, text_[id]);
              } else if (req.matches[3] == "name") {
                  Answer(res, 200, "input");
              } else {
                  Answer(res, 200, false);
              }
          });
    s.Get(R"(/session/([^/]+)/element/([^/]+)/(attribute|property)/([^/]+))",
          [this](const httplib::Request& req, httplib::Response& res) {
              Record(req);
              std::lock_guard lock(mu_);
              std::string id = req.matches[2];
              std::string name = req.matches[4];
              auto a = attributes_.find(id);
              if (a == attributes_.end() || a->second.count(name) == 0) {
                  Answer(res, 200, nullptr);
              } else {
                  Answer(res, 200, a->second[name]);
              }
          });
}

}  // namespace by::testing
