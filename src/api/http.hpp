// Our HTTP vocabulary, independent of the server library: requests, responses, streaming sinks and
// JSON helpers. Handlers and the router use only this header; httplib stays in http_server.cpp.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace by::api {

struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string path;    // without the query string
    std::multimap<std::string, std::string> query;
    std::map<std::string, std::string, CaseInsensitiveLess> headers;
    std::string body;
    std::string remote_addr;
    bool tls = false;
    std::map<std::string, std::string> params;  // path parameters, filled by the router
    std::string request_id;
    std::string route;  // the matched pattern ("/api/cards/{id}"), filled by the router

    std::string Header(const std::string& name) const;
    std::string Query(const std::string& name) const;
    std::string Param(const std::string& name) const;
    std::string Cookie(const std::string& name) const;
};

// Writes chunks of a streamed response (server-sent events). Write returns false once the client is gone.
class StreamSink {
  public:
    virtual ~StreamSink() = default;
    virtual bool Write(std::string_view data) = 0;
};

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // When set, the body is streamed: the server calls it until it returns false or the client leaves.
    std::function<bool(StreamSink&)> stream;
    // A 5xx from ErrorResponse: "code: message" for the log and error reports only, never sent.
    std::string error_detail;

    void SetHeader(std::string name, std::string value);
    std::string GetHeader(std::string_view name) const;
};

using Handler = std::function<HttpResponse(HttpRequest&)>;

HttpResponse JsonResponse(int status, const nlohmann::json& body);
// {"error": {"code", "message", "field"?}} with the status that fits the error code.
HttpResponse ErrorResponse(const core::Error& error);
int HttpStatusFor(core::ErrorCode code);

// Parses a JSON body: 400 with a clear message when malformed, too deep or not an object.
core::Result<nlohmann::json> ParseJsonBody(const HttpRequest& req, int max_depth = 32);

}  // namespace by::api
