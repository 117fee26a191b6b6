#include "fixture.hpp"

#include "sandbox/cabinet/multipart.hpp"
#include "sandbox/cabinet/totp.hpp"

namespace by::sandbox::test {

std::string MakeJpeg(int w, int h) {
    std::string b = "\xFF\xD8";
    // APP0 JFIF
    b += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    // SOF0: length 17, precision 8, height, width, 3 components
    b += std::string("\xFF\xC0\x00\x11\x08", 5);
    b += static_cast<char>((h >> 8) & 0xFF);
    b += static_cast<char>(h & 0xFF);
    b += static_cast<char>((w >> 8) & 0xFF);
    b += static_cast<char>(w & 0xFF);
    b += std::string("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
    b += "\xFF\xD9";
    return b;
}

std::string MakePng(int w, int h) {
    std::string b("\x89PNG\r\n\x1a\n", 8);
    b += std::string("\x00\x00\x00\x0dIHDR", 8);
    for (int v : {w, h}) {
        b += static_cast<char>((v >> 24) & 0xFF);
        b += static_cast<char>((v >> 16) & 0xFF);
        b += static_cast<char>((v >> 8) & 0xFF);
        b += static_cast<char>(v & 0xFF);
    }
    b += std::string("\x08\x02\x00\x00\x00\x00\x00\x00\x00", 9);
    return b;
}

std::string MakeWebp(int w, int h) {
    std::string b = "RIFF";
    b += std::string("\x00\x00\x00\x00", 4);
    b += "WEBPVP8X";
    b += std::string("\x0a\x00\x00\x00", 4);
    b += std::string("\x00\x00\x00\x00", 4);
    for (int v : {w - 1, h - 1}) {
        b += static_cast<char>(v & 0xFF);
        b += static_cast<char>((v >> 8) & 0xFF);
        b += static_cast<char>((v >> 16) & 0xFF);
    }
    return b;
}

std::string MakeMp4() { return std::string("\x00\x00\x00\x18" "ftypisom\x00\x00\x02\x00isomiso2", 24) + std::string(64, '\0'); }

MediaServer::MediaServer() {
    api::HttpServerOptions o;
    o.port = 0;
    o.threads = 8;
    server_ = std::make_unique<api::HttpServer>(o, [this](api::HttpRequest& req) {
        ++hits_;
        std::lock_guard<std::mutex> lock(mu_);
        auto it = files_.find(req.path);
        api::HttpResponse r;
        if (it == files_.end()) {
            r.status = 404;
            r.content_type = "text/plain";
            r.body = "not found";
            return r;
        }
        r.status = 200;
        r.body = it->second.first;
        r.content_type = it->second.second;
        return r;
    });
    port_ = *server_->Bind();
    thread_ = std::thread([this] {
        server_->Serve();
        served_ = true;
    });
}

MediaServer::~MediaServer() {
    // A stop before the accept loop runs is lost in httplib: repeat until Serve() returns.
    while (!served_) {
        server_->Stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    thread_.join();
}

void MediaServer::Put(const std::string& path, std::string body, std::string content_type) {
    std::lock_guard<std::mutex> lock(mu_);
    files_[path] = {std::move(body), std::move(content_type)};
}

std::string MediaServer::Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void SandboxTest::Restart(const std::filesystem::path& dir, double time_scale, int64_t delay) {
    sandbox.reset();
    SandboxOptions o;
    o.uzum_port = o.wb_port = o.yandex_port = o.ozon_port = o.cabinet_port = 0;
    o.threads_per_port = 4;
    o.clock = &clock;
    o.data_dir = dir;
    o.time_scale = time_scale;
    o.moderation_delay_ms = delay;
    o.media_timeout_ms = 3000;
    delay_ms = delay;
    auto r = Sandbox::Start(o);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    sandbox = std::move(r).value();
}

api::HttpResponse SandboxTest::Do(const std::string& port, const Call& call) {
    api::HttpRequest req;
    req.method = call.method;
    size_t q = call.path.find('?');
    req.path = call.path.substr(0, q);
    if (q != std::string::npos) {
        for (const auto& [k, v] : cabinet::ParseUrlEncoded(call.path.substr(q + 1))) {
            req.query.emplace(k, v);
        }
    }
    for (const auto& [k, v] : call.headers) {
        req.headers[k] = v;
    }
    if (!call.raw_body.empty()) {
        req.body = call.raw_body;
    } else if (!call.body.is_null()) {
        req.body = call.body.dump();
        req.headers["Content-Type"] = "application/json";
    }
    req.remote_addr = "127.0.0.1";
    return sandbox->HandleForTesting(port, req);
}

json SandboxTest::DoJson(const std::string& port, const Call& call, int* status, api::HttpResponse* raw) {
    api::HttpResponse r = Do(port, call);
    if (status != nullptr) {
        *status = r.status;
    }
    if (raw != nullptr) {
        *raw = r;
    }
    if (r.body.empty()) {
        return nullptr;
    }
    json j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
}

std::string SandboxTest::CabinetLogin(const SellerAccount& s) {
    Call login{"POST", "/login"};
    login.raw_body = "login=" + s.cabinet_login + "&password=" + s.cabinet_password;
    login.headers["Content-Type"] = "application/x-www-form-urlencoded";
    api::HttpResponse r = Do("cabinet", login);
    EXPECT_EQ(r.status, 303) << r.body;
    std::string cookie = r.GetHeader("Set-Cookie");
    cookie = cookie.substr(0, cookie.find(';'));
    if (r.GetHeader("Location") == "/login/totp") {
        auto key = cabinet::Base32Decode(s.cabinet_totp_secret);
        Call totp{"POST", "/login/totp"};
        totp.raw_body = "code=" + cabinet::TotpCode(*key, clock.NowMs() / 1000);
        totp.headers = {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}};
        r = Do("cabinet", totp);
        EXPECT_EQ(r.status, 303) << r.body;
        cookie = r.GetHeader("Set-Cookie");
        cookie = cookie.substr(0, cookie.find(';'));
    }
    EXPECT_EQ(r.GetHeader("Location"), "/products/new");
    return cookie;
}

std::string SandboxTest::CabinetCsrf(const std::string& cookie) {
    api::HttpResponse r = Do("cabinet", {"GET", "/products/new", nullptr, "", {{"Cookie", cookie}}});
    std::string marker = "name=\"csrf\" value=\"";
    size_t at = r.body.find(marker);
    if (at == std::string::npos) {
        return {};
    }
    at += marker.size();
    return r.body.substr(at, r.body.find('"', at) - at);
}

std::string SandboxTest::Multipart(const std::string& boundary, const std::map<std::string, std::string>& fields,
                                   const std::vector<FilePart>& files) {
    std::string b;
    for (const auto& [k, v] : fields) {
        b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    }
    for (const auto& f : files) {
        b += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" + f.filename +
             "\"\r\nContent-Type: " + f.content_type + "\r\n\r\n" + f.data + "\r\n";
    }
    b += "--" + boundary + "--\r\n";
    return b;
}

std::map<std::string, std::string> SandboxTest::ProductFields(const std::string& sku) {
    return {{"category", "12690"},
            {"title_uz", "Smartfon Demo 128 GB"},
            {"title_ru", "Смартфон Demo 128 ГБ"},
            {"description_uz", "Katta ekranli smartfon"},
            {"description_ru", "Смартфон с большим экраном"},
            {"brand", "Demo"},
            {"color", "qora"},
            {"country", "Uzbekistan"},
            {"characteristics", "Память: 128 ГБ\nЭкран: 6.5"},
            {"sku", sku},
            {"barcode", ""},
            {"price", "2499000"},
            {"full_price", "2799000"}};
}

api::HttpResponse SandboxTest::CabinetSubmit(const std::string& cookie, std::map<std::string, std::string> fields,
                                             const std::vector<FilePart>& files) {
    if (!fields.count("csrf")) {
        fields["csrf"] = CabinetCsrf(cookie);
    }
    Call c{"POST", "/products/new"};
    c.raw_body = Multipart("----sbxBoundary42", fields, files);
    c.headers = {{"Cookie", cookie}, {"Content-Type", "multipart/form-data; boundary=----sbxBoundary42"}};
    return Do("cabinet", c);
}

}  // namespace by::sandbox::test
