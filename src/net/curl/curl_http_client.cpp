#include "net/curl/curl_http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <vector>

#include "core/secret.hpp"
#include "net/redact.hpp"

namespace by::net {
namespace {

void GlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Locks for the share handle, one per curl_lock_data kind.
struct ShareLocks {
    std::array<std::mutex, CURL_LOCK_DATA_LAST> mu;
};

void LockCb(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<ShareLocks*>(user)->mu[data].lock();
}
void UnlockCb(CURL*, curl_lock_data data, void* user) { static_cast<ShareLocks*>(user)->mu[data].unlock(); }

struct Exchange {
    HttpResponse response;
    int64_t max_bytes = 0;
    bool too_large = false;
};

size_t WriteCb(char* ptr, size_t size, size_t nmemb, void* user) {
    auto* ex = static_cast<Exchange*>(user);
    size_t n = size * nmemb;
    if (static_cast<int64_t>(ex->response.body.size() + n) > ex->max_bytes) {
        ex->too_large = true;
        return 0;  // aborts the transfer with CURLE_WRITE_ERROR
    }
    ex->response.body.append(ptr, n);
    return n;
}

size_t HeaderCb(char* buffer, size_t size, size_t nitems, void* user) {
    auto* ex = static_cast<Exchange*>(user);
    size_t n = size * nitems;
    std::string_view line(buffer, n);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.remove_suffix(1);
    }
    if (line.rfind("HTTP/", 0) == 0) {
        ex->response.headers.clear();  // a new response (after 100 Continue): forget the interim headers
        return n;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        return n;
    }
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    ex->response.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    return n;
}

void WipeAndFree(curl_slist* list) {
    for (curl_slist* p = list; p != nullptr; p = p->next) {
        if (p->data != nullptr) {
            std::memset(p->data, 0, std::strlen(p->data));
        }
    }
    curl_slist_free_all(list);
}

class CurlHttpClient final : public HttpClient {
  public:
    explicit CurlHttpClient(CurlOptions options) : options_(std::move(options)) {
        GlobalInit();
        share_ = curl_share_init();
        curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, LockCb);
        curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, UnlockCb);
        curl_share_setopt(share_, CURLSHOPT_USERDATA, &locks_);
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
        curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    }

    ~CurlHttpClient() override {
        for (CURL* h : idle_) {
            curl_easy_cleanup(h);
        }
        curl_share_cleanup(share_);
    }

    core::Result<HttpResponse> Send(const HttpRequest& req) override {
        std::string method = req.method;
        std::transform(method.begin(), method.end(), method.begin(), ::toupper);
        static const std::array<const char*, 5> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE"};
        if (std::find_if(kMethods.begin(), kMethods.end(), [&](const char* m) { return method == m; }) ==
            kMethods.end()) {
            return core::Error::Invalid("unsupported HTTP method " + method);
        }
        CURL* h = Borrow();
        if (h == nullptr) {
            return core::Error::Internal("curl_easy_init failed");
        }
        Exchange ex;
        ex.max_bytes = options_.max_response_bytes;
        curl_slist* headers = nullptr;
        for (const auto& [k, v] : req.headers) {
            std::string line = k + ": " + v;
            headers = curl_slist_append(headers, line.c_str());
            if (IsSensitiveHeader(k)) {
                core::WipeString(line);
            }
        }
        if (method != "GET") {
            headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
        }
        curl_easy_setopt(h, CURLOPT_URL, req.url.c_str());
        curl_easy_setopt(h, CURLOPT_SHARE, share_);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<int64_t>(1, req.timeout_ms)));
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                         static_cast<long>(std::max<int64_t>(1, req.connect_timeout_ms)));
        curl_easy_setopt(h, CURLOPT_HTTP_VERSION,
                         options_.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
        curl_easy_setopt(h, CURLOPT_USERAGENT, options_.user_agent.c_str());
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, options_.verify_tls ? 1L : 0L);
        curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, options_.verify_tls ? 2L : 0L);
        if (!options_.ca_file.empty()) {
            curl_easy_setopt(h, CURLOPT_CAINFO, options_.ca_file.c_str());
        }
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, WriteCb);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &ex);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, HeaderCb);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &ex);
        if (method == "GET") {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        } else {
            if (method != "POST") {
                curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method.c_str());
            }
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
        }
        CURLcode code = curl_easy_perform(h);
        long status = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
        WipeAndFree(headers);
        Return(h);
        if (code != CURLE_OK) {
            std::string where = method + " " + RedactUrl(req.url) + ": ";
            if (ex.too_large) {
                return core::Error::Unavailable(where + "response body over " +
                                                std::to_string(options_.max_response_bytes) + " bytes");
            }
            switch (code) {
                case CURLE_OPERATION_TIMEDOUT:
                    return core::Error::Timeout(where + "timed out");
                case CURLE_URL_MALFORMAT:
                case CURLE_UNSUPPORTED_PROTOCOL:
                    return core::Error::Invalid(where + curl_easy_strerror(code));
                default:
                    return core::Error::Unavailable(where + curl_easy_strerror(code));
            }
        }
        ex.response.status = static_cast<int>(status);
        return std::move(ex.response);
    }

  private:
    CURL* Borrow() {
        {
            std::lock_guard<std::mutex> lock(mu_);
            if (!idle_.empty()) {
                CURL* h = idle_.back();
                idle_.pop_back();
                return h;
            }
        }
        return curl_easy_init();
    }

    void Return(CURL* h) {
        curl_easy_reset(h);  // keeps live connections, DNS and session caches; clears options
        std::lock_guard<std::mutex> lock(mu_);
        if (idle_.size() < options_.max_idle_handles) {
            idle_.push_back(h);
            return;
        }
        curl_easy_cleanup(h);
    }

    CurlOptions options_;
    ShareLocks locks_;
    CURLSH* share_ = nullptr;
    std::mutex mu_;
    std::vector<CURL*> idle_;  // guarded by mu_
};

}  // namespace

HttpClientPtr MakeCurlHttpClient(const CurlOptions& options) { return std::make_unique<CurlHttpClient>(options); }

HttpClientPtr MakeDefaultHttpClient(const core::Clock& clock, const CurlOptions& options) {
    return std::make_unique<RetryingHttpClient>(MakeCurlHttpClient(options), clock, DefaultSleeper(),
                                                static_cast<uint64_t>(clock.MonotonicMs()));
}

}  // namespace by::net
