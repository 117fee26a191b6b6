#include "fake_sentry.hpp"

#include <algorithm>

namespace by::testing {
namespace {

bool Hex32(const nlohmann::json& v) {
    if (!v.is_string()) return false;
    const std::string s = v.get<std::string>();
    return s.size() == 32 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(c) || (c >= 'a' && c <= 'f'); });
}

}  // namespace

FakeSentry::FakeSentry(std::string public_key, std::string project) : key_(std::move(public_key)), project_(std::move(project)) {
    server_.Post("/api/" + project_ + "/envelope/", [this](const httplib::Request& req, httplib::Response& res) { Handle(req, res); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the listener loop has started would be lost: wait until it runs.
    for (int i = 0; i < 500 && !server_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

FakeSentry::~FakeSentry() {
    Release();
    server_.stop();
    if (thread_.joinable()) thread_.join();
}

std::string FakeSentry::dsn() const { return "http://" + key_ + "@127.0.0.1:" + std::to_string(port_) + "/" + project_; }

std::string FakeSentry::Check(const httplib::Request& req, ReceivedEnvelope* out) const {
    if (req.get_header_value("Content-Type") != "application/x-sentry-envelope") return "content type";
    out->auth = req.get_header_value("X-Sentry-Auth");
    if (out->auth.rfind("Sentry ", 0) != 0 || out->auth.find("sentry_version=7") == std::string::npos ||
        out->auth.find("sentry_client=biznesyordam/") == std::string::npos ||
        out->auth.find("sentry_key=" + key_) == std::string::npos) {
        return "X-Sentry-Auth: " + out->auth;
    }
    const std::string& b = req.body;
    out->raw = b;
    size_t l1 = b.find('\n');
    if (l1 == std::string::npos) return "no envelope header line";
    size_t l2 = b.find('\n', l1 + 1);
    if (l2 == std::string::npos) return "no item header line";
    out->header = nlohmann::json::parse(b.substr(0, l1), nullptr, false);
    out->item = nlohmann::json::parse(b.substr(l1 + 1, l2 - l1 - 1), nullptr, false);
    if (!out->header.is_object() || !out->item.is_object()) return "headers are not JSON objects";
    if (!Hex32(out->header["event_id"]) || !out->header["dsn"].is_string() || !out->header["sent_at"].is_string()) {
        return "envelope header: " + out->header.dump();
    }
    if (out->item.value("type", "") != "event" || !out->item["length"].is_number_unsigned()) return "item header: " + out->item.dump();
    size_t len = out->item["length"].get<size_t>();
    size_t start = l2 + 1;
    if (b.size() < start + len) return "payload shorter than its length";
    std::string rest = b.substr(start + len);
    if (!(rest.empty() || rest == "\n")) return "bytes after the payload (length wrong or a fourth line)";
    std::string payload = b.substr(start, len);
    if (payload.find('\n') != std::string::npos) return "payload spans lines";
    out->event = nlohmann::json::parse(payload, nullptr, false);
    if (!out->event.is_object()) return "payload is not a JSON object";
    if (out->event["event_id"] != out->header["event_id"]) return "event_id differs from the header's";
    return {};
}

void FakeSentry::Handle(const httplib::Request& req, httplib::Response& res) {
    ReceivedEnvelope env;
    std::string problem = Check(req, &env);
    std::unique_lock lock(mu_);
    call_times_.push_back(std::chrono::steady_clock::now());
    cv_.notify_all();
    cv_.wait(lock, [this] { return !held_; });
    if (!problem.empty()) {
        problems_.push_back(problem);
        res.status = 400;
        res.set_content(R"({"detail":"invalid envelope"})", "application/json");
        return;
    }
    ScriptedAnswer answer;
    if (!script_.empty()) {
        answer = script_.front();
        script_.pop_front();
    }
    res.status = answer.status;
    for (const auto& [k, v] : answer.headers) res.set_header(k, v);
    if (answer.status == 200) {
        envelopes_.push_back(env);
        cv_.notify_all();
        res.set_content(nlohmann::json{{"id", env.header["event_id"]}}.dump(), "application/json");
    } else {
        res.set_content(R"({"detail":"scripted"})", "application/json");
    }
}

std::vector<ReceivedEnvelope> FakeSentry::envelopes() const {
    std::lock_guard lock(mu_);
    return envelopes_;
}

std::vector<std::string> FakeSentry::problems() const {
    std::lock_guard lock(mu_);
    return problems_;
}

std::vector<std::chrono::steady_clock::time_point> FakeSentry::call_times() const {
    std::lock_guard lock(mu_);
    return call_times_;
}

int FakeSentry::calls() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(call_times_.size());
}

bool FakeSentry::WaitFor(size_t n, int timeout_ms) const {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return envelopes_.size() >= n; });
}

bool FakeSentry::WaitForCalls(int n, int timeout_ms) const {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                        [&] { return static_cast<int>(call_times_.size()) >= n; });
}

void FakeSentry::Script(ScriptedAnswer answer) {
    std::lock_guard lock(mu_);
    script_.push_back(std::move(answer));
}

void FakeSentry::Hold() {
    std::lock_guard lock(mu_);
    held_ = true;
}

void FakeSentry::Release() {
    std::lock_guard lock(mu_);
    held_ = false;
    cv_.notify_all();
}

}  // namespace by::testing
