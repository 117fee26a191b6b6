#include "api/http.hpp"

#include <algorithm>
#include <cctype>

namespace by::api {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) < std::tolower(y);
    });
}

std::string HttpRequest::Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::Query(const std::string& name) const {
    auto it = query.find(name);
    return it == query.end() ? std::string() : it->second;
}

std::string HttpRequest::Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
}

std::string HttpRequest::Cookie(const std::string& name) const {
    std::string_view all = headers.count("Cookie") ? std::string_view(headers.find("Cookie")->second) : "";
    while (!all.empty()) {
        size_t semi = all.find(';');
        std::string_view part = all.substr(0, semi);
        while (!part.empty() && part.front() == ' ') {
            part.remove_prefix(1);
        }
        size_t eq = part.find('=');
        if (eq != std::string_view::npos && part.substr(0, eq) == name) {
            return std::string(part.substr(eq + 1));
        }
        if (semi == std::string_view::npos) {
            break;
        }
        all.remove_prefix(semi + 1);
    }
    return {};
}

void HttpResponse::SetHeader(std::string name, std::string value) {
    for (auto& [k, v] : headers) {
        if (CaseInsensitiveLess{}(k, name) == false && CaseInsensitiveLess{}(name, k) == false) {
            v = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::string HttpResponse::GetHeader(std::string_view name) const {
    std::string n(name);
    for (const auto& [k, v] : headers) {
        if (!CaseInsensitiveLess{}(k, n) && !CaseInsensitiveLess{}(n, k)) {
            return v;
        }
    }
    return {};
}

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
    HttpResponse r;
    r.status = status;
    // With a charset the type is not one httplib compresses: its brotli at quality 11 costs seconds.
    r.content_type = "application/json; charset=utf-8";
    r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
}

int HttpStatusFor(core::ErrorCode code) {
    using core::ErrorCode;
    switch (code) {
        case ErrorCode::kInvalid: return 400;
        case ErrorCode::kUnprocessable: return 422;
        case ErrorCode::kUnauthenticated: return 401;
        case ErrorCode::kForbidden: return 403;
        case ErrorCode::kPermission: return 403;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kMethodNotAllowed: return 405;
        case ErrorCode::kConflict: return 409;
        case ErrorCode::kTooLarge: return 413;
        case ErrorCode::kUnsupportedMedia: return 415;
        case ErrorCode::kRateLimited: return 429;
        case ErrorCode::kUnavailable: return 503;
        case ErrorCode::kTimeout: return 504;
        case ErrorCode::kNotBuilt: return 501;
        case ErrorCode::kLeaseLost:
        case ErrorCode::kCrypto:
        case ErrorCode::kInternal: return 500;
    }
    return 500;
}

HttpResponse ErrorResponse(const core::Error& error) {
    int status = HttpStatusFor(error.code);
    nlohmann::json e = {{"code", core::ErrorCodeName(error.code)}};
    // Internal faults never show their message: it may carry details meant for the log only.
    e["message"] = status >= 500 && error.code != core::ErrorCode::kUnavailable && error.code != core::ErrorCode::kNotBuilt
                       ? std::string("internal error")
                       : error.message;
    if (!error.field.empty()) {
        e["field"] = error.field;
    }
    HttpResponse r = JsonResponse(status, {{"error", e}});
    if (status >= 500) {
        r.error_detail = std::string(core::ErrorCodeName(error.code)) + ": " + error.message;
    }
    if (error.code == core::ErrorCode::kRateLimited) {
        int64_t secs = std::max<int64_t>(1, (error.retry_after_ms + 999) / 1000);
        r.SetHeader("Retry-After", std::to_string(secs));
    }
    return r;
}

core::Result<nlohmann::json> ParseJsonBody(const HttpRequest& req, int max_depth) {
    if (req.body.empty()) {
        return core::Error::Invalid("request body must be a JSON object");
    }
    // Depth is bounded while parsing, so a deeply nested body cannot exhaust the stack.
    bool too_deep = false;
    nlohmann::json::parser_callback_t cb = [&](int d, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (d > max_depth) {
            too_deep = true;
            return false;
        }
        return true;
    };
    nlohmann::json j = nlohmann::json::parse(req.body, cb, /*allow_exceptions=*/false);
    if (too_deep) {
        return core::Error::Invalid("JSON nested too deeply");
    }
    if (j.is_discarded()) {
        return core::Error::Invalid("malformed JSON");
    }
    if (!j.is_object()) {
        return core::Error::Invalid("request body must be a JSON object");
    }
    return j;
}

}  // namespace by::api
