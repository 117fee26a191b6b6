#include "api/router.hpp"

namespace by::api {

std::vector<std::string> SplitPath(const std::string& path) {
    std::vector<std::string> parts;
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') {
            ++i;
        }
        size_t j = path.find('/', i);
        if (j == std::string::npos) {
            j = path.size();
        }
        if (j > i) {
            parts.push_back(path.substr(i, j - i));
        }
        i = j;
    }
    return parts;
}

void Router::Add(std::string method, std::string pattern, Handler handler) {
    routes_.push_back({std::move(method), SplitPath(pattern), std::move(handler)});
}

bool Router::Match(const Route& r, const std::vector<std::string>& parts, HttpRequest* req) {
    if (r.segments.size() != parts.size()) {
        return false;
    }
    for (size_t i = 0; i < parts.size(); ++i) {
        const std::string& s = r.segments[i];
        bool param = s.size() > 2 && s.front() == '{' && s.back() == '}';
        if (!param && s != parts[i]) {
            return false;
        }
    }
    if (req != nullptr) {
        for (size_t i = 0; i < parts.size(); ++i) {
            const std::string& s = r.segments[i];
            if (s.size() > 2 && s.front() == '{') {
                req->params[s.substr(1, s.size() - 2)] = parts[i];
            }
        }
    }
    return true;
}

bool Router::HasPath(const std::string& path) const {
    auto parts = SplitPath(path);
    for (const Route& r : routes_) {
        if (Match(r, parts, nullptr)) {
            return true;
        }
    }
    return false;
}

HttpResponse Router::Dispatch(HttpRequest& req) const {
    auto parts = SplitPath(req.path);
    bool path_matched = false;
    std::string allowed;
    for (const Route& r : routes_) {
        if (!Match(r, parts, nullptr)) {
            continue;
        }
        path_matched = true;
        bool method_ok = r.method == req.method || (req.method == "HEAD" && r.method == "GET");
        if (method_ok) {
            Match(r, parts, &req);
            req.route.clear();
            for (const auto& seg : r.segments) req.route += "/" + seg;
            return r.handler(req);
        }
        allowed += (allowed.empty() ? "" : ", ") + r.method;
    }
    if (path_matched) {
        HttpResponse resp = ErrorResponse({core::ErrorCode::kMethodNotAllowed, "method not allowed"});
        resp.SetHeader("Allow", allowed);
        return resp;
    }
    return ErrorResponse(core::Error::NotFound("no such route"));
}

}  // namespace by::api
