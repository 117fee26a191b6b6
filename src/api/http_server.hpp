// The HTTP listener (the only code that sees cpp-httplib; pimpl keeps the header out of everyone else).
//
// Every request is turned into an HttpRequest and handed to one root Handler; every response the
// handler gives (or an exception it throws) goes back in our JSON shape. Lifecycle: Bind() picks the
// port (0 = any free one), Serve() blocks until Stop(). Stop() closes the listener first, then lets
// in-flight requests finish. Thread-safety: Stop() may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "api/http.hpp"
#include "core/error.hpp"

namespace by::api {

struct HttpServerOptions {
    std::string host = "127.0.0.1";  // bind address; "0.0.0.0" to accept from other machines
    int port = 8080;                  // 0: any free port (tests)
    int threads = 128;                // connection threads; long-lived streams (SSE) each hold one
    size_t max_body_bytes = 25 * 1024 * 1024;  // bigger bodies get 413 before the handler runs
    int read_timeout_s = 30;
    int write_timeout_s = 30;
    int keep_alive_max = 100;
    std::string tls_cert_file;  // both set: serve HTTPS
    std::string tls_key_file;
};

class HttpServer {
  public:
    HttpServer(HttpServerOptions options, Handler root);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the listening socket; returns the bound port.
    core::Result<int> Bind();
    // Accepts connections until Stop(). Returns when the listener has closed.
    void Serve();
    void Stop();
    int port() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace by::api
