// Outbound HTTP for the sandbox: the marketplaces download every image and video from the URL they are
// given, so the sandbox does too (typically from our own server on 127.0.0.1). The only TU with libcurl.
// Every call states its timeout and a byte cap; a body over the cap is cut off and flagged, not kept.
// Only http and https URLs are fetched; at most 3 redirects are followed.
// Thread-safety: HttpFetch may be called from any number of threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace by::sandbox {

struct FetchRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int64_t timeout_ms = 10000;           // whole transfer
    size_t max_bytes = 64 * 1024 * 1024;  // body bytes kept; more marks the response truncated
};

struct FetchResponse {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // names as sent by the server
    bool truncated = false;  // the body was larger than max_bytes (body holds the first bytes only)
    std::string Header(const std::string& name) const;  // case-insensitive; empty when absent
};

// Timeout -> Error::Timeout; connection and protocol failures -> Error::Unavailable.
core::Result<FetchResponse> HttpFetch(const FetchRequest& request);

}  // namespace by::sandbox
