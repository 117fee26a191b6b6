#include "sandbox/fetch.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace by::sandbox {
namespace {

struct Sink {
    FetchResponse* resp;
    size_t max_bytes;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
    auto* s = static_cast<Sink*>(user);
    size_t bytes = size * n;
    size_t room = s->max_bytes > s->resp->body.size() ? s->max_bytes - s->resp->body.size() : 0;
    if (bytes > room) {
        s->resp->body.append(data, room);
        s->resp->truncated = true;
        return 0;  // aborts the transfer (CURLE_WRITE_ERROR), handled below
    }
    s->resp->body.append(data, bytes);
    return bytes;
}

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
    auto* resp = static_cast<FetchResponse*>(user);
    std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) {
        resp->headers.clear();  // a new response after a redirect or 100-continue
        return size * n;
    }
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::string value = line.substr(colon + 1);
        auto trim = [](std::string& s) {
            while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
                s.pop_back();
            }
            size_t i = 0;
            while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) {
                ++i;
            }
            s.erase(0, i);
        };
        trim(value);
        resp->headers.emplace_back(std::move(name), std::move(value));
    }
    return size * n;
}

void GlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string FetchResponse::Header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
        if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            })) {
            return v;
        }
    }
    return {};
}

core::Result<FetchResponse> HttpFetch(const FetchRequest& request) {
    GlobalInit();
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        return core::Error::Internal("curl_easy_init failed");
    }
    FetchResponse resp;
    Sink sink{&resp, request.max_bytes};
    curl_slist* headers = nullptr;
    for (const auto& [k, v] : request.headers) {
        headers = curl_slist_append(headers, (k + ": " + v).c_str());
    }
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<int64_t>(request.timeout_ms, 5000)));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &resp);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (request.method == "GET") {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else {
        // POST without CUSTOMREQUEST: a custom method would stick across a 303 redirect.
        if (request.method == "POST") {
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
        } else {
            curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    resp.status = static_cast<int>(status);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    if (rc == CURLE_WRITE_ERROR && resp.truncated) {
        return resp;
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        return core::Error::Timeout("download timed out: " + request.url);
    }
    if (rc != CURLE_OK) {
        return core::Error::Unavailable(std::string("download failed: ") + curl_easy_strerror(rc),
                                        request.url);
    }
    return resp;
}

}  // namespace by::sandbox
