// What the end-to-end tests share: a signed-in dashboard session over HTTP, the sandbox's URLs as `run`
// prints them, and reading what each sandbox marketplace holds for a SKU.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace by::e2e {

using nlohmann::json;

inline std::string ReadAll(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// One signed-in browser: the session cookie and the CSRF token.
// What a sign-in gives a browser: the session cookie and the CSRF token (both empty when refused).
struct SignedIn {
    std::string cookie, csrf;
    httplib::Headers headers() const { return {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}; }
};

inline SignedIn SignIn(httplib::Client& http, const std::string& email, const std::string& password) {
    auto r = http.Post("/api/auth/login", json{{"email", email}, {"password", password}}.dump(), "application/json");
    if (!r || r->status != 200) return {};
    std::string cookie = r->get_header_value("Set-Cookie");
    json body = json::parse(r->body, nullptr, false);
    return {cookie.substr(0, cookie.find(';')), body.is_object() ? body.value("csrf_token", "") : ""};
}

class Session {
  public:
    Session(int port, const std::string& email, const std::string& password) : http_("127.0.0.1", port) {
        http_.set_read_timeout(60, 0);
        signed_in_ = SignIn(http_, email, password);
    }
    bool ok() const { return !signed_in_.cookie.empty(); }
    // status and JSON body (null when the body is not JSON)
    std::pair<int, json> Call(const std::string& method, const std::string& path, const std::string& body = "",
                              const std::string& type = "application/json") {
        httplib::Headers h = signed_in_.headers();
        httplib::Result r = method == "GET"      ? http_.Get(path, h)
                            : method == "PATCH"  ? http_.Patch(path, h, body, type)
                            : method == "PUT"    ? http_.Put(path, h, body, type)
                            : method == "DELETE" ? http_.Delete(path, h)
                                                 : http_.Post(path, h, body, type);
        if (!r) return {0, nullptr};
        return {r->status, json::parse(r->body, nullptr, false)};
    }

  private:
    httplib::Client http_;
    SignedIn signed_in_;
};

inline json GetJson(const std::string& url) {
    auto slash = url.find('/', 7);
    httplib::Client c(url.substr(0, slash));
    auto r = c.Get(slash == std::string::npos ? "/" : url.substr(slash));
    return r && r->status == 200 ? json::parse(r->body, nullptr, false) : json();
}

// The sandbox's base URLs, as `run` prints them ("  wildberries  http://127.0.0.1:port").
inline json SandboxUrls(const std::string& output) {
    json urls = json::object();
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        std::istringstream words(line);
        std::string mp, url;
        if (words >> mp >> url && url.rfind("http://", 0) == 0 && line.rfind("  ", 0) == 0) urls[mp] = url;
    }
    return urls;
}

inline bool Terminal(const std::string& s) {
    return s == "live" || s == "rejected" || s == "needs_attention" || s == "failed";
}

// The stock a sandbox marketplace shows for seller1's SKU (its /__sandbox/state), -1 when it has none.
inline int64_t MarketplaceStock(const json& urls, const std::string& mp, const std::string& sku) {
    std::string base = urls.value(mp, "");
    if (auto cut = base.find("/api/seller-openapi"); cut != std::string::npos) base.resize(cut);
    json st = GetJson(base + "/__sandbox/state");
    if (!st.is_object()) return -1;
    const json docs = st.value("documents", json::object());
    auto doc = [&](const std::string& kind, const std::string& key) {
        return docs.value(kind, json::object()).value(key, json());
    };
    const std::string key = "seller1/" + sku;
    if (mp == "wildberries") {
        json card = doc("card", key);
        if (!card.is_object()) return -1;
        std::string chrt = std::to_string(card["sizes"][0].value("chrtID", 0));
        const json stocks = docs.value("stock", json::object());
        for (const auto& [k, v] : stocks.items()) {
            if (k.size() > chrt.size() && k.compare(k.size() - chrt.size() - 1, std::string::npos, "/" + chrt) == 0) {
                return v.value("amount", 0);
            }
        }
        return -1;
    }
    if (mp == "ozon") {
        json p = doc("product", key);
        if (!p.is_object() || !p.contains("stocks") || p["stocks"].empty()) return -1;
        return p["stocks"].begin()->get<int64_t>();
    }
    if (mp == "yandex") {
        json s = doc("stock", key);
        return s.is_object() ? s.value("count", int64_t{-1}) : -1;
    }
    const json products = docs.value("product", json::object());
    for (const auto& [k, p] : products.items()) {  // uzum: by the SKU's article
        const json skus = p.value("skus", json::array());
        for (const auto& s : skus) {
            if (s.value("article", "") == sku && st["counters"].value("stock", json::object()).contains(key)) {
                return s.value("amount", int64_t{0});
            }
        }
    }
    return -1;
}

}  // namespace by::e2e
