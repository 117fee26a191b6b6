// Routes "METHOD /path/{param}" to handlers. Unknown paths answer 404 and known paths with another
// method 405, both in the API's JSON error shape. Thread-safety: Add() before serving; Dispatch() is
// then safe from any number of threads.
#pragma once

#include <string>
#include <vector>

#include "api/http.hpp"

namespace by::api {

class Router {
  public:
    void Add(std::string method, std::string pattern, Handler handler);
    // Returns true and fills `out` when a route matched; false when no route's path matched.
    HttpResponse Dispatch(HttpRequest& req) const;
    bool HasPath(const std::string& path) const;

  private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;  // "{id}" marks a parameter
        Handler handler;
    };
    static bool Match(const Route& r, const std::vector<std::string>& parts, HttpRequest* req);
    std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(const std::string& path);

}  // namespace by::api
