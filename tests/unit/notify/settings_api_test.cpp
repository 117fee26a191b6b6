// /api/settings/telegram over the real router, auth and store: validation, defaults, tenant isolation,
// the test message through the fake Bot API (sent, blocked → failed, no bot → skipped), the bot token in
// no answer, and the credential Test action recording a credential_failed notification.
#include "fake_bot_api.hpp"
#include "net/curl/curl_http_client.hpp"
#include "notify/telegram.hpp"
#include "unit/api/api_fixture.hpp"

namespace by::api {
namespace {

constexpr const char* kToken = "424242:AAG-api_secret-abcdefghijklmnopqrstuv";

class TelegramSettingsTest : public ApiTest {
  protected:
    void SetUp() override {
        notify::TelegramOptions o;
        o.bot.api_url = fake_.base_url();
        telegram_ = std::make_unique<notify::Telegram>(*t_.db, clock_, net::MakeCurlHttpClient(),
                                                       core::SecretBuffer::FromBytes(kToken), o);
        ctx_->telegram = telegram_.get();
    }
    HttpResponse Put(const Session& s, const nlohmann::json& body) {
        return Call("PUT", "/api/settings/telegram", body.dump(), &s);
    }
    by::testing::FakeBotApi fake_{kToken};
    std::unique_ptr<notify::Telegram> telegram_;
};

TEST_F(TelegramSettingsTest, SaveWithDefaultsReadBackAndDelete) {
    auto s = RegisterPartner("A", "a@a.uz");
    auto empty = Call("GET", "/api/settings/telegram", "", &s);
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_TRUE(J(empty)["settings"].is_null());
    EXPECT_EQ(J(empty)["configured"], true);
    EXPECT_EQ(J(empty)["events"].size(), 4u);

    auto put = Put(s, {{"chat_id", 123456789}});
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(J(put)["chat_id"], "123456789");
    EXPECT_EQ(J(put)["language"], "uz");  // Uzbek by default
    EXPECT_EQ(J(put)["events"], nlohmann::json({"card_live", "card_rejected", "credential_failed", "stock_low"}));
    EXPECT_EQ(J(put)["status"], "active");

    // A partial change keeps the rest; events come back in their canonical order, without repeats.
    auto change = Put(s, {{"chat_id", "@acme_shop"}, {"language", "ru"}, {"events", {"stock_low", "card_live", "stock_low"}}});
    ASSERT_EQ(change.status, 200) << change.body;
    auto got = J(Call("GET", "/api/settings/telegram", "", &s))["settings"];
    EXPECT_EQ(got["chat_id"], "@acme_shop");
    EXPECT_EQ(got["language"], "ru");
    EXPECT_EQ(got["events"], nlohmann::json({"card_live", "stock_low"}));
    auto lang_only = Put(s, {{"chat_id", "@acme_shop"}, {"language", "en"}});
    EXPECT_EQ(J(lang_only)["events"], nlohmann::json({"card_live", "stock_low"}));

    EXPECT_EQ(Call("DELETE", "/api/settings/telegram", "", &s).status, 200);
    EXPECT_TRUE(J(Call("GET", "/api/settings/telegram", "", &s))["settings"].is_null());
    EXPECT_EQ(Call("DELETE", "/api/settings/telegram", "", &s).status, 404);
    EXPECT_EQ(Call("POST", "/api/settings/telegram/test", "{}", &s).status, 404);
}

TEST_F(TelegramSettingsTest, BadInputIsRefusedWithTheField) {
    auto s = RegisterPartner("A", "a@a.uz");
    struct Case {
        nlohmann::json body;
        int status;
        const char* field;
    };
    const Case cases[] = {
        {nlohmann::json::object(), 422, "chat_id"},
        {{{"chat_id", "not a chat"}}, 422, "chat_id"},
        {{{"chat_id", "@abc"}}, 422, "chat_id"},
        {{{"chat_id", true}}, 400, "chat_id"},
        {{{"chat_id", "1001"}, {"language", "de"}}, 422, "language"},
        {{{"chat_id", "1001"}, {"events", {"card_live", "orders"}}}, 422, "events"},
        {{{"chat_id", "1001"}, {"events", "card_live"}}, 400, "events"},
    };
    for (const auto& c : cases) {
        auto r = Put(s, c.body);
        EXPECT_EQ(r.status, c.status) << c.body.dump() << " " << r.body;
        EXPECT_EQ(J(r)["error"]["field"], c.field) << c.body.dump();
    }
    EXPECT_TRUE(J(Call("GET", "/api/settings/telegram", "", &s))["settings"].is_null());  // nothing was saved
}

TEST_F(TelegramSettingsTest, PartnersSeeOnlyTheirOwnAndAdminsAreRefused) {
    auto a = RegisterPartner("A", "a@a.uz");
    auto b = RegisterPartner("B", "b@b.uz");
    ASSERT_EQ(Put(a, {{"chat_id", "1001"}}).status, 200);
    EXPECT_TRUE(J(Call("GET", "/api/settings/telegram", "", &b))["settings"].is_null());
    EXPECT_EQ(Call("DELETE", "/api/settings/telegram", "", &b).status, 404);
    auto admin = Admin();
    EXPECT_EQ(Call("GET", "/api/settings/telegram", "", &admin).status, 403);
    EXPECT_EQ(Call("GET", "/api/settings/telegram").status, 401);
    // A state change without the CSRF token is refused.
    EXPECT_EQ(Call("PUT", "/api/settings/telegram", R"({"chat_id":"1002"})", &a, {{"X-CSRF-Token", "nope"}}).status, 403);
    EXPECT_EQ(J(Call("GET", "/api/settings/telegram", "", &a))["settings"]["chat_id"], "1001");
}

TEST_F(TelegramSettingsTest, TestMessageReportsWhatTelegramSaid) {
    auto s = RegisterPartner("A", "a@a.uz");
    ASSERT_EQ(Put(s, {{"chat_id", "1001"}, {"language", "ru"}}).status, 200);
    auto ok = Call("POST", "/api/settings/telegram/test", "{}", &s);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(J(ok)["status"], "sent");
    EXPECT_TRUE(J(ok)["settings"]["last_sent_at"].is_string());
    ASSERT_EQ(fake_.messages().size(), 1u);
    EXPECT_EQ(fake_.messages()[0].chat_id, "1001");
    EXPECT_NE(fake_.messages()[0].text.find("уведомления в Telegram подключены"), std::string::npos);

    fake_.Block("1001");
    auto blocked = Call("POST", "/api/settings/telegram/test", "{}", &s);
    ASSERT_EQ(blocked.status, 200) << blocked.body;
    EXPECT_EQ(J(blocked)["status"], "failed");
    EXPECT_NE(J(blocked)["message"].get<std::string>().find("bot was blocked"), std::string::npos);
    auto after = J(Call("GET", "/api/settings/telegram", "", &s))["settings"];
    EXPECT_EQ(after["status"], "failed");
    EXPECT_NE(after["last_error"].get<std::string>().find("bot was blocked"), std::string::npos);
    // Saving again (after unblocking the bot in Telegram) turns it back on.
    EXPECT_EQ(J(Put(s, {{"chat_id", "1001"}}))["status"], "active");

    for (const auto& body : {ok.body, blocked.body}) EXPECT_EQ(body.find("api_secret"), std::string::npos);
    EXPECT_EQ(Call("GET", "/api/settings/telegram", "", &s).body.find("api_secret"), std::string::npos);
}

TEST_F(TelegramSettingsTest, WithoutABotTheTestIsSkippedNotAnError) {
    auto s = RegisterPartner("A", "a@a.uz");
    ASSERT_EQ(Put(s, {{"chat_id", "1001"}}).status, 200);
    telegram_ = std::make_unique<notify::Telegram>(*t_.db, clock_, net::MakeCurlHttpClient(), core::SecretBuffer(), notify::TelegramOptions{});
    ctx_->telegram = telegram_.get();
    auto r = Call("POST", "/api/settings/telegram/test", "{}", &s);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(J(r)["status"], "skipped");
    EXPECT_EQ(J(Call("GET", "/api/settings/telegram", "", &s))["configured"], false);
    EXPECT_EQ(fake_.calls(), 0);
}

TEST_F(TelegramSettingsTest, AFailedCredentialTestIsNotified) {
    auto s = RegisterPartner("A", "a@a.uz");
    ASSERT_EQ(Put(s, {{"chat_id", "1001"}, {"language", "en"}}).status, 200);
    std::string verdict = "failed";
    ctx_->test_credential = [&verdict](const std::string&, core::Marketplace,
                                       std::optional<vault::CredentialKind>) -> core::Result<nlohmann::json> {
        return nlohmann::json{{"status", verdict}, {"message", "wb: token expired"}};
    };
    verdict = "active";
    ASSERT_EQ(Call("POST", "/api/credentials/wildberries/test", "{}", &s).status, 200);
    EXPECT_TRUE(J(Call("GET", "/api/settings/telegram", "", &s))["recent"].empty());
    verdict = "failed";
    ASSERT_EQ(Call("POST", "/api/credentials/wildberries/test", "{}", &s).status, 200);
    auto recent = J(Call("GET", "/api/settings/telegram", "", &s))["recent"];
    ASSERT_EQ(recent.size(), 1u);
    EXPECT_EQ(recent[0]["event"], "credential_failed");
    EXPECT_EQ(recent[0]["status"], "pending");
    ASSERT_TRUE(telegram_->sender().RunOnce().ok());
    ASSERT_EQ(fake_.messages().size(), 1u);
    EXPECT_NE(fake_.messages()[0].text.find("The Wildberries key does not work"), std::string::npos);
    EXPECT_NE(fake_.messages()[0].text.find("wb: token expired"), std::string::npos);
    EXPECT_EQ(J(Call("GET", "/api/settings/telegram", "", &s))["recent"][0]["status"], "sent");
}

}  // namespace
}  // namespace by::api
