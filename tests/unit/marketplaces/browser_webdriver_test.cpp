// WebDriver protocol encoding/decoding, the client against a fake chromedriver, the session pool, and the
// chromedriver child process (start/stop only; no browser is started here).
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "browser_fake_chromedriver.hpp"
#include "marketplaces/browser/chromedriver_process.hpp"
#include "marketplaces/browser/session_pool.hpp"
#include "marketplaces/browser/webdriver.hpp"
#include "marketplaces/browser/webdriver_protocol.hpp"
#include "net/curl/curl_http_client.hpp"
#include "testing/fake_clock.hpp"

namespace by::marketplaces::browser {
namespace {

using nlohmann::json;
using testing::FakeChromeDriver;

bool Contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

// ---- protocol ----

TEST(WebDriverProtocol, NewSessionBodyCarriesHeadlessChromiumOptions) {
    ChromeOptions o;
    o.user_data_dir = "/tmp/profile-1";
    json body = NewSessionBody(o);
    const json& always = body["capabilities"]["alwaysMatch"];
    EXPECT_EQ(always["browserName"], "chrome");
    const json& chrome = always["goog:chromeOptions"];
    EXPECT_EQ(chrome["binary"], "/usr/bin/chromium");
    auto args = chrome["args"].get<std::vector<std::string>>();
    for (const char* flag : {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--user-data-dir=/tmp/profile-1", "--window-size=1280,1600"}) {
        EXPECT_TRUE(Contains(args, flag)) << flag;
    }
    EXPECT_EQ(chrome["prefs"]["credentials_enable_service"], false);
}

TEST(WebDriverProtocol, CommandBodies) {
    EXPECT_EQ(FindBody("input#login").dump(), R"({"using":"css selector","value":"input#login"})");
    EXPECT_EQ(SendKeysBody("abc").dump(), R"({"text":"abc"})");
    Timeouts t;
    t.implicit_ms = 0;
    t.page_load_ms = 1000;
    t.script_ms = 500;
    EXPECT_EQ(TimeoutsBody(t).dump(), R"({"implicit":0,"pageLoad":1000,"script":500})");
    EXPECT_EQ(ScriptBody("return 1", json::array({1})).dump(), R"({"args":[1],"script":"return 1"})");
    EXPECT_EQ(ElementRef("e1").dump(), R"({"element-6066-11e4-a52e-4f735466cecf":"e1"})");
}

TEST(WebDriverProtocol, DecodesValuesAndErrors) {
    auto ok = DecodeResponse(200, R"({"value":{"sessionId":"abc","capabilities":{}}})");
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(SessionIdFrom(*ok).value(), "abc");

    auto missing = DecodeResponse(404, R"({"value":{"error":"no such element","message":"Unable to locate\nstack"}})");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(missing.error().field, "webdriver:no such element");
    EXPECT_EQ(missing.error().context, "Unable to locate");

    struct Case {
        const char* w3c;
        core::ErrorCode code;
    } cases[] = {{"stale element reference", core::ErrorCode::kNotFound},
                 {"timeout", core::ErrorCode::kTimeout},
                 {"script timeout", core::ErrorCode::kTimeout},
                 {"element not interactable", core::ErrorCode::kUnprocessable},
                 {"element click intercepted", core::ErrorCode::kUnprocessable},
                 {"invalid selector", core::ErrorCode::kUnprocessable},
                 {"invalid session id", core::ErrorCode::kUnavailable},
                 {"session not created", core::ErrorCode::kUnavailable},
                 {"unknown error", core::ErrorCode::kUnavailable},
                 {"unsupported operation", core::ErrorCode::kInternal}};
    for (const auto& c : cases) {
        EXPECT_EQ(ErrorFromW3c(c.w3c, "m", false).code, c.code) << c.w3c;
    }
    // Sensitive commands keep no upstream text at all.
    auto secret = DecodeResponse(400, R"({"value":{"error":"invalid argument","message":"bad text hunter2"}})", true);
    ASSERT_FALSE(secret.ok());
    EXPECT_EQ(secret.error().context, "");
    EXPECT_EQ(secret.error().message.find("hunter2"), std::string::npos);

    EXPECT_FALSE(DecodeResponse(200, "not json").ok());
    EXPECT_EQ(DecodeResponse(502, "<html>").error().code, core::ErrorCode::kUnavailable);
    EXPECT_FALSE(ElementIdFrom(json::object()).ok());
    EXPECT_EQ(ElementIdsFrom(json::parse(R"([{"element-6066-11e4-a52e-4f735466cecf":"a"}])")).value().size(), 1u);
}

TEST(WebDriverProtocol, Base64AndPng) {
    EXPECT_EQ(Base64Decode("TWFu").value(), "Man");
    EXPECT_EQ(Base64Decode("TWE=").value(), "Ma");
    EXPECT_EQ(Base64Decode("TQ==").value(), "M");
    EXPECT_EQ(Base64Decode("").value(), "");
    EXPECT_FALSE(Base64Decode("TQ=").has_value());
    EXPECT_FALSE(Base64Decode("T=Q=").has_value());
    EXPECT_FALSE(Base64Decode("TW*u").has_value());
    EXPECT_TRUE(LooksLikePng(testing::TinyPng()));
    EXPECT_FALSE(LooksLikePng("GIF89a"));
}

// ---- client against the fake chromedriver ----

class WebDriverClientTest : public ::testing::Test {
  protected:
    net::HttpClientPtr http_ = net::MakeCurlHttpClient();
    FakeChromeDriver fake_;
    WebDriverClient client_{*http_, fake_.base_url(), 5000};

    WebDriverSessionPtr NewSession() {
        auto s = client_.NewSession(ChromeOptions{});
        EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().ToString());
        return s.ok() ? std::move(s).value() : nullptr;
    }
};

TEST_F(WebDriverClientTest, ReadyAndNewSession) {
    EXPECT_TRUE(client_.Ready().ok());
    auto s = NewSession();
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->id(), "sess-1");
    auto reqs = fake_.requests();
    ASSERT_GE(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].method, "POST");
    EXPECT_EQ(reqs[1].path, "/session");
    json body = json::parse(reqs[1].body);
    EXPECT_EQ(body["capabilities"]["alwaysMatch"]["goog:chromeOptions"]["binary"], "/usr/bin/chromium");
}

TEST_F(WebDriverClientTest, NavigationAndPageReads) {
    auto s = NewSession();
    ASSERT_TRUE(s->Navigate("http://127.0.0.1:1/login").ok());
    EXPECT_EQ(s->CurrentUrl().value(), "http://127.0.0.1:1/login");
    EXPECT_EQ(s->Title().value(), "Fake page");
    EXPECT_NE(s->PageSource().value().find("fake"), std::string::npos);
    auto png = s->Screenshot();
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(*png, testing::TinyPng());
    auto reqs = fake_.requests();
    bool saw_url = false;
    for (const auto& r : reqs) {
        if (r.method == "POST" && r.path == "/session/sess-1/url") {
            EXPECT_EQ(json::parse(r.body), json({{"url", "http://127.0.0.1:1/login"}}));
            saw_url = true;
        }
    }
    EXPECT_TRUE(saw_url);
}

TEST_F(WebDriverClientTest, ElementsTypingClicksAndReads) {
    auto s = NewSession();
    fake_.SetElements("input#login", {"el-1"});
    fake_.SetElements("li.item", {"el-2", "el-3"});
    fake_.SetText("el-1", "hello");
    fake_.SetAttribute("el-1", "type", "text");
    auto el = s->FindElement("input#login");
    ASSERT_TRUE(el.ok());
    EXPECT_EQ(el->id, "el-1");
    EXPECT_EQ(s->FindElements("li.item").value().size(), 2u);
    EXPECT_TRUE(s->FindElements("nothing").value().empty());
    auto missing = s->FindElement("nothing");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);

    ASSERT_TRUE(s->Clear(*el).ok());
    ASSERT_TRUE(s->SendKeys(*el, "seller@x.uz").ok());
    EXPECT_EQ(fake_.Typed("el-1"), "seller@x.uz");
    ASSERT_TRUE(s->Click(*el).ok());
    EXPECT_EQ(s->Text(*el).value(), "hello");
    EXPECT_EQ(s->Attribute(*el, "type").value(), std::optional<std::string>("text"));
    EXPECT_EQ(s->Attribute(*el, "multiple").value(), std::nullopt);
    EXPECT_EQ(s->TagName(*el).value(), "input");
    EXPECT_FALSE(s->Selected(*el).value());
    EXPECT_EQ(s->ExecuteScript("return arguments[0]", json::array({7})).value(), json::array({7}));

    bool saw_value = false;
    for (const auto& r : fake_.requests()) {
        if (r.path == "/session/sess-1/element/el-1/value") {
            EXPECT_EQ(json::parse(r.body), json({{"text", "seller@x.uz"}}));
            saw_value = true;
        }
    }
    EXPECT_TRUE(saw_value);
    EXPECT_EQ(s->WaitForAny({"nothing", "li.item"}, 1000).value(), 1u);
    auto waited = s->WaitForAny({"nothing"}, 150, 50);
    ASSERT_FALSE(waited.ok());
    EXPECT_EQ(waited.error().code, core::ErrorCode::kTimeout);
}

TEST_F(WebDriverClientTest, TypeSecretErrorsCarryNoUpstreamText) {
    auto s = NewSession();
    fake_.SetElements("input#password", {"pw"});
    auto el = s->FindElement("input#password").value();
    fake_.FailNext("/element/pw/value",
                   {400, "element not interactable", "cannot type Sandbox-Pass-1 into element"});
    auto r = s->TypeSecret(el, "Sandbox-Pass-1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(r.error().ToString().find("Sandbox-Pass-1"), std::string::npos);
    EXPECT_TRUE(r.error().context.empty());
}

TEST_F(WebDriverClientTest, FileUploadSendsTheAbsolutePath) {
    auto s = NewSession();
    fake_.SetElements("input#photos", {"file-1"});
    auto el = s->FindElement("input#photos").value();
    EXPECT_EQ(s->UploadFile(el, "/nonexistent/photo.jpg").error().code, core::ErrorCode::kNotFound);
    auto dir = std::filesystem::temp_directory_path() / ("by-upload-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto file = dir / "photo.jpg";
    std::ofstream(file) << "jpeg";
    ASSERT_TRUE(s->UploadFile(el, file.string()).ok());
    EXPECT_EQ(fake_.Typed("file-1"), file.string());
    // Several files go in one command, one path per line; a missing one sends nothing.
    fake_.SetElements("input#many", {"file-2"});
    auto many = s->FindElement("input#many").value();
    auto second = dir / "photo2.jpg";
    std::ofstream(second) << "jpeg";
    EXPECT_EQ(s->UploadFiles(many, {file.string(), "/nonexistent/x.jpg"}).error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(fake_.Typed("file-2"), "");
    ASSERT_TRUE(s->UploadFiles(many, {file.string(), second.string()}).ok());
    EXPECT_EQ(fake_.Typed("file-2"), file.string() + "\n" + second.string());
    std::filesystem::remove_all(dir);
}

TEST_F(WebDriverClientTest, DeleteIsIdempotentAndClosesTheSession) {
    auto s = NewSession();
    ASSERT_TRUE(s->Delete().ok());
    ASSERT_TRUE(s->Delete().ok());
    EXPECT_TRUE(s->deleted());
    EXPECT_EQ(fake_.sessions_deleted(), 1);
    EXPECT_FALSE(s->Navigate("http://x/").ok());
    bool saw_delete = false;
    for (const auto& r : fake_.requests()) {
        saw_delete = saw_delete || (r.method == "DELETE" && r.path == "/session/sess-1");
    }
    EXPECT_TRUE(saw_delete);
}

TEST_F(WebDriverClientTest, SessionLevelFailuresAreUnavailable) {
    auto s = NewSession();
    fake_.FailNext("/url", {404, "invalid session id", "session deleted"});
    auto r = s->Navigate("http://x/");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kUnavailable);
    EXPECT_EQ(r.error().field, "webdriver:invalid session id");
}

// ---- session pool ----

class FakeFactory final : public SessionFactory {
  public:
    FakeFactory(net::HttpClient& http, FakeChromeDriver& fake) : client_(http, fake.base_url(), 5000) {}
    core::Result<WebDriverSessionPtr> Create() override {
        ++created;
        return client_.NewSession(ChromeOptions{});
    }
    void Destroy(WebDriverSessionPtr s) override {
        ++destroyed;
        (void)s->Delete();
    }
    void Shutdown() override { shutdown = true; }
    WebDriverClient client_;
    std::atomic<int> created{0};
    std::atomic<int> destroyed{0};
    bool shutdown = false;
};

class SessionPoolTest : public ::testing::Test {
  protected:
    SessionPoolTest() {
        auto f = std::make_unique<FakeFactory>(*http_, fake_);
        factory_ = f.get();
        BrowserConfig c;
        c.max_sessions = 2;
        c.acquire_timeout_ms = 200;
        c.idle_ttl_ms = 60000;
        c.max_uses_per_session = 3;
        pool_ = std::make_unique<SessionPool>(c, std::move(f), clock_);
    }
    net::HttpClientPtr http_ = net::MakeCurlHttpClient();
    FakeChromeDriver fake_;
    testing::FakeClock clock_;
    FakeFactory* factory_ = nullptr;
    std::unique_ptr<SessionPool> pool_;
};

TEST_F(SessionPoolTest, ReusesASessionPerPartner) {
    std::string first;
    {
        auto lease = pool_->Acquire("partner-a");
        ASSERT_TRUE(lease.ok());
        EXPECT_TRUE(lease->fresh());
        first = lease->session().id();
    }
    auto again = pool_->Acquire("partner-a");
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(again->fresh());
    EXPECT_EQ(again->session().id(), first);
    auto other = pool_->Acquire("partner-b");
    ASSERT_TRUE(other.ok());
    EXPECT_NE(other->session().id(), first);  // never another partner's cookies
    EXPECT_EQ(factory_->created.load(), 2);
}

TEST_F(SessionPoolTest, CapsSessionsAndWaitsThenGivesUp) {
    auto a = pool_->Acquire("a");
    auto b = pool_->Acquire("b");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(pool_->stats().live, 2u);
    auto c = pool_->Acquire("c");
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, core::ErrorCode::kRateLimited) << "busy is a wait, not a failure";
    EXPECT_GT(c.error().retry_after_ms, 0);
    a->Release();
    // At the cap, a different partner evicts the idle session of "a".
    auto c2 = pool_->Acquire("c");
    ASSERT_TRUE(c2.ok());
    EXPECT_EQ(pool_->stats().live, 2u);
    EXPECT_EQ(factory_->destroyed.load(), 1);
}

TEST_F(SessionPoolTest, RecyclesBrokenExpiredAndWornOutSessions) {
    std::string id;
    {
        auto l = pool_->Acquire("a");
        id = l->session().id();
        l->MarkBroken();
    }
    EXPECT_EQ(factory_->destroyed.load(), 1);
    {
        auto l = pool_->Acquire("a");
        EXPECT_TRUE(l->fresh());
        EXPECT_NE(l->session().id(), id);
    }
    clock_.Advance(61000);  // past idle_ttl_ms
    {
        auto l = pool_->Acquire("a");
        EXPECT_TRUE(l->fresh());
    }
    EXPECT_EQ(factory_->destroyed.load(), 2);
    for (int i = 0; i < 3; ++i) {
        auto l = pool_->Acquire("a");
        ASSERT_TRUE(l.ok());
    }
    EXPECT_EQ(factory_->destroyed.load(), 3);  // max_uses_per_session = 3
    EXPECT_GE(pool_->stats().recycled, 3);
}

TEST_F(SessionPoolTest, ShutdownClosesEverything) {
    { auto l = pool_->Acquire("a"); }
    pool_.reset();
    EXPECT_TRUE(factory_ == nullptr || true);
    EXPECT_EQ(fake_.sessions_deleted(), 1);
}

// ---- chromedriver child ----

TEST(ChromeDriverProcessTest, StartsOnAFreePortAndStopsCleanly) {
    if (access("/usr/bin/chromedriver", X_OK) != 0) {
        GTEST_SKIP() << "/usr/bin/chromedriver is not installed";
    }
    auto http = net::MakeCurlHttpClient();
    auto p = ChromeDriverProcess::Start(ChromeDriverOptions{}, *http);
    ASSERT_TRUE(p.ok()) << p.error().ToString();
    EXPECT_GT((*p)->port(), 0);
    EXPECT_TRUE((*p)->Alive());
    std::string dir = (*p)->work_dir();
    EXPECT_TRUE(std::filesystem::is_directory((*p)->NewProfileDir()));
    WebDriverClient client(*http, (*p)->base_url(), 5000);
    EXPECT_TRUE(client.Ready().ok());
    pid_t pid = (*p)->pid();
    (*p)->Stop();
    EXPECT_FALSE((*p)->Alive());
    EXPECT_NE(kill(pid, 0), 0);  // reaped, gone
    EXPECT_FALSE(std::filesystem::exists(dir));
    EXPECT_FALSE(client.Ready().ok());
}

TEST(ChromeDriverProcessTest, MissingBinaryIsUnavailable) {
    auto http = net::MakeCurlHttpClient();
    ChromeDriverOptions o;
    o.binary = "/nonexistent/chromedriver";
    auto p = ChromeDriverProcess::Start(o, *http);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.error().code, core::ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace by::marketplaces::browser
