#include "api/http_server.hpp"

#include <httplib.h>

#include <atomic>

#include "obs/log.hpp"

namespace by::api {
namespace {

class HttplibSink final : public StreamSink {
  public:
    explicit HttplibSink(httplib::DataSink& sink) : sink_(sink) {}
    bool Write(std::string_view data) override {
        if (!sink_.is_writable()) {
            return false;
        }
        return sink_.write(data.data(), data.size());
    }

  private:
    httplib::DataSink& sink_;
};

// httplib parses multipart/form-data into `files` and leaves the body empty; our handlers parse the
// raw body themselves, so put it back together with the boundary the client chose.
std::string RebuildMultipart(const httplib::Request& in) {
    std::string ct = in.get_header_value("Content-Type");
    size_t pos = ct.find("boundary=");
    if (pos == std::string::npos) {
        return {};
    }
    std::string boundary = ct.substr(pos + 9);
    if (size_t semi = boundary.find(';'); semi != std::string::npos) boundary.resize(semi);
    if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
        boundary = boundary.substr(1, boundary.size() - 2);
    }
    std::string body;
    for (const auto& [name, f] : in.files) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name + "\"";
        if (!f.filename.empty()) body += "; filename=\"" + f.filename + "\"";
        body += "\r\n";
        if (!f.content_type.empty()) body += "Content-Type: " + f.content_type + "\r\n";
        body += "\r\n" + f.content + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return body;
}

void WriteError(httplib::Response& res, const core::Error& e) {
    HttpResponse r = ErrorResponse(e);
    res.status = r.status;
    res.set_content(r.body, r.content_type);
}

}  // namespace

struct HttpServer::Impl {
    HttpServerOptions options;
    Handler root;
    std::unique_ptr<httplib::Server> server;
    std::atomic<int> port{0};

    void Handle(const httplib::Request& in, httplib::Response& out) {
        HttpRequest req;
        req.method = in.method;
        req.path = in.path;
        for (const auto& [k, v] : in.params) {
            req.query.emplace(k, v);
        }
        for (const auto& [k, v] : in.headers) {
            req.headers[k] = v;
        }
        req.body = in.body;
        if (req.body.empty() && !in.files.empty()) {
            req.body = RebuildMultipart(in);
        }
        req.remote_addr = in.remote_addr;
        req.tls = !options.tls_cert_file.empty();
        HttpResponse resp;
        try {
            resp = root(req);
        } catch (const std::exception& e) {
            obs::Log(obs::Level::kError, "handler_exception", {{"path", req.path}, {"what", e.what()}});
            resp = ErrorResponse(core::Error::Internal("internal error"));
        }
        out.status = resp.status;
        for (const auto& [k, v] : resp.headers) {
            out.set_header(k, v);
        }
        if (resp.stream) {
            auto stream = resp.stream;
            out.set_chunked_content_provider(resp.content_type, [stream](size_t, httplib::DataSink& sink) {
                HttplibSink s(sink);
                if (!stream(s)) {
                    sink.done();
                }
                return true;
            });
        } else if (in.method != "HEAD" || !resp.body.empty()) {
            out.set_content(resp.body, resp.content_type);
        }
    }
};

HttpServer::HttpServer(HttpServerOptions options, Handler root) : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->root = std::move(root);
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
    if (!impl_->options.tls_cert_file.empty() && !impl_->options.tls_key_file.empty()) {
        impl_->server = std::make_unique<httplib::SSLServer>(impl_->options.tls_cert_file.c_str(),
                                                             impl_->options.tls_key_file.c_str());
    }
#endif
    if (!impl_->server) {
        impl_->server = std::make_unique<httplib::Server>();
    }
    auto& s = *impl_->server;
    int threads = impl_->options.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    s.set_payload_max_length(impl_->options.max_body_bytes);
    s.set_read_timeout(impl_->options.read_timeout_s, 0);
    s.set_write_timeout(impl_->options.write_timeout_s, 0);
    s.set_keep_alive_max_count(static_cast<size_t>(impl_->options.keep_alive_max));
    Impl* impl = impl_.get();
    auto h = [impl](const httplib::Request& req, httplib::Response& res) { impl->Handle(req, res); };
    s.Get(".*", h);
    s.Post(".*", h);
    s.Put(".*", h);
    s.Patch(".*", h);
    s.Delete(".*", h);
    s.Options(".*", h);
    // Errors raised by httplib itself (body too large, bad request line) get our JSON shape too.
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        core::Error e = core::Error::Invalid("bad request");
        if (res.status == 413) {
            e = core::Error::TooLarge("request body too large");
        } else if (res.status == 404) {
            e = core::Error::NotFound("no such route");
        } else if (res.status >= 500) {
            e = core::Error::Internal("internal error");
        }
        int status = res.status;
        WriteError(res, e);
        res.status = status;
        return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        WriteError(res, core::Error::Internal("internal error"));
    });
}

HttpServer::~HttpServer() { Stop(); }

core::Result<int> HttpServer::Bind() {
    auto& s = *impl_->server;
    int port = impl_->options.port;
    if (port == 0) {
        port = s.bind_to_any_port(impl_->options.host);
        if (port <= 0) {
            return core::Error::Unavailable("cannot bind a port on " + impl_->options.host);
        }
    } else if (!s.bind_to_port(impl_->options.host, port)) {
        return core::Error::Unavailable("cannot listen on " + impl_->options.host + ":" + std::to_string(port) +
                                        " (in use?)");
    }
    impl_->port = port;
    return port;
}

void HttpServer::Serve() { impl_->server->listen_after_bind(); }

void HttpServer::Stop() {
    if (impl_ && impl_->server) {
        impl_->server->stop();
    }
}

int HttpServer::port() const { return impl_->port; }

}  // namespace by::api
