// The outbox and the sender, one round at a time under a fake clock, against the fake Bot API on
// loopback: what gets recorded (settings, chosen events, repeats folded, no bot → skipped), delivery in
// the partner's language, 429 with retry_after, 5xx with backoff, 403 / chat not found stopping the chat,
// a group that moved, and leases that bring a dead sender's rows back (at least once).
#include <gtest/gtest.h>

#include "fake_bot_api.hpp"
#include "marketplaces/adapter.hpp"
#include "net/curl/curl_http_client.hpp"
#include "notify/telegram.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::notify {
namespace {

constexpr const char* kToken = "123456789:AAF-test_token-abcdefghijklmnopqrstu";

class OutboxTest : public ::testing::Test {
  protected:
    OutboxTest() : t_(by::testing::OpenTestDb()), fake_(kToken) {
        for (const char* id : {"prt_a", "prt_b"}) {
            EXPECT_TRUE(t_.db->Exec("INSERT INTO partners (id, company, tier, status, created_at) VALUES (?, ?, 'starter', 'active', 0)",
                                    {std::string(id), std::string("Co ") + id})
                            .ok());
        }
        tg_ = Make(kToken);
    }

    std::unique_ptr<Telegram> Make(const std::string& token) {
        TelegramOptions o;
        o.bot.api_url = fake_.base_url();
        o.bot.timeout_ms = 5000;
        o.sender.seed = 42;
        return std::make_unique<Telegram>(*t_.db, clock_, net::MakeCurlHttpClient(), core::SecretBuffer::FromBytes(token), o);
    }

    void Configure(const std::string& partner, const std::string& chat, const std::string& lang,
                   std::vector<std::string> events = AllEvents()) {
        TelegramSettings s;
        s.partner_id = partner;
        s.chat_id = chat;
        s.language = lang;
        s.events = std::move(events);
        ASSERT_TRUE(tg_->settings().Put(s).ok());
    }

    static store::CardRow Card(const std::string& partner, const std::string& id, const std::string& mp = "wildberries") {
        store::CardRow c;
        c.id = id;
        c.partner_id = partner;
        c.marketplace = mp;
        return c;
    }
    static core::Product Product(const std::string& partner, const std::string& name = "Acme X1") {
        core::Product p;
        p.id = "prd_" + name;
        p.partner_id = partner;
        p.sku = "SKU-" + name;
        p.name = name;
        return p;
    }

    struct Row {
        std::string status, event;
        int64_t attempts, next_attempt_at;
        std::string last_error;
    };
    std::vector<Row> Rows(const std::string& partner = "prt_a") {
        auto r = t_.db->Query("SELECT status, event, attempts, next_attempt_at, last_error FROM notify_outbox"
                              " WHERE partner_id = ? ORDER BY created_at, id",
                              {partner});
        EXPECT_TRUE(r.ok());
        std::vector<Row> out;
        for (const auto& row : r->rows) out.push_back({row.Str(0), row.Str(1), row.Int(2), row.Int(3), row.Str(4)});
        return out;
    }
    Row First(const std::string& partner = "prt_a") {
        auto rows = Rows(partner);
        EXPECT_FALSE(rows.empty()) << partner;
        return rows.empty() ? Row{} : rows[0];
    }
    int RunOnce() {
        auto n = tg_->sender().RunOnce();
        EXPECT_TRUE(n.ok()) << n.error().ToString();
        return n.ok() ? *n : -1;
    }

    by::testing::TestDb t_;
    by::testing::FakeClock clock_;
    by::testing::FakeBotApi fake_;
    std::unique_ptr<Telegram> tg_;
};

TEST_F(OutboxTest, RecordedOnlyForPartnersWhoChoseTheEventAndRepeatsFold) {
    Notifier& n = tg_->notifier();
    n.CardLive(Card("prt_a", "crd_1"), Product("prt_a"), "");
    EXPECT_TRUE(Rows().empty());  // no settings: nothing to record
    Configure("prt_a", "1001", "uz", {kCardRejected, kStockLow});
    n.CardLive(Card("prt_a", "crd_1"), Product("prt_a"), "");
    EXPECT_TRUE(Rows().empty());  // card_live turned off
    n.CardRejected(Card("prt_a", "crd_1"), Product("prt_a"), {"photo is blurry"});
    n.CardRejected(Card("prt_a", "crd_1"), Product("prt_a"), {"photo is blurry"});  // the stage ran again
    ASSERT_EQ(Rows().size(), 1u);
    clock_.Advance(1);
    n.CardRejected(Card("prt_a", "crd_1"), Product("prt_a"), {"wrong category"});  // rejected again, other reason
    clock_.Advance(1);
    n.StockLow(Product("prt_a"), 2);
    n.StockLow(Product("prt_a"), 1);
    auto rows = Rows();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].event, "card_rejected");
    EXPECT_EQ(rows[1].event, "card_rejected");
    EXPECT_EQ(rows[2].event, "stock_low");
    for (const auto& r : rows) EXPECT_EQ(r.status, "pending");
    clock_.Advance(13 * 3600 * 1000);  // past the stock window
    n.StockLow(Product("prt_a"), 0);
    EXPECT_EQ(Rows().size(), 4u);
    EXPECT_TRUE(Rows("prt_b").empty());
}

TEST_F(OutboxTest, PipelineHelpersMapOutcomesAndRefusedCredentials) {
    Configure("prt_a", "1001", "en");
    Notifier& n = tg_->notifier();
    marketplaces::PublishOutcome o;
    o.state = marketplaces::PublishState::kModeration;
    n.CardOutcome(Card("prt_a", "crd_1"), Product("prt_a"), o);
    EXPECT_TRUE(Rows().empty());
    o.state = marketplaces::PublishState::kLive;
    o.public_url = "https://ozon.ru/product/1";
    n.CardOutcome(Card("prt_a", "crd_1", "ozon"), Product("prt_a"), o);
    clock_.Advance(1);
    o.state = marketplaces::PublishState::kRejected;
    o.reasons = {"no brand"};
    n.CardOutcome(Card("prt_a", "crd_2", "ozon"), Product("prt_a"), o);
    clock_.Advance(1);
    n.CallFailed("prt_a", core::Marketplace::kOzon, core::Error::Unavailable("ozon: 503"));  // not the credential
    n.CallFailed("prt_a", core::Marketplace::kOzon, core::Error::Forbidden("ozon: Api-Key is invalid"));
    n.CallFailed("prt_a", core::Marketplace::kOzon, core::Error::Unauthenticated("ozon: again"));  // folded (1 h)
    auto rows = Rows();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].event, "card_live");
    EXPECT_EQ(rows[1].event, "card_rejected");
    EXPECT_EQ(rows[2].event, "credential_failed");
    ASSERT_EQ(RunOnce(), 3);
    auto msgs = fake_.messages();
    ASSERT_EQ(msgs.size(), 3u);
    EXPECT_NE(msgs[0].text.find("https://ozon.ru/product/1"), std::string::npos);
    EXPECT_NE(msgs[1].text.find("no brand"), std::string::npos);
    EXPECT_NE(msgs[2].text.find("Api-Key is invalid"), std::string::npos);
}

TEST_F(OutboxTest, DeliveredOnceInThePartnersLanguage) {
    Configure("prt_a", "-1001234567890", "ru");
    Configure("prt_b", "@acme_shop", "en");
    tg_->notifier().CardLive(Card("prt_a", "crd_1"), Product("prt_a", "Наушники"), "");
    clock_.Advance(1);
    tg_->notifier().CredentialFailed("prt_b", core::Marketplace::kWildberries, "wb: token expired");
    EXPECT_EQ(RunOnce(), 2);
    auto msgs = fake_.messages();
    ASSERT_EQ(msgs.size(), 2u);
    EXPECT_EQ(msgs[0].chat_id, "-1001234567890");
    EXPECT_EQ(msgs[0].parse_mode, "HTML");
    EXPECT_NE(msgs[0].text.find("Карточка в продаже"), std::string::npos) << msgs[0].text;
    EXPECT_NE(msgs[0].text.find("Наушники"), std::string::npos);
    EXPECT_EQ(msgs[1].chat_id, "@acme_shop");
    EXPECT_NE(msgs[1].text.find("The Wildberries key does not work"), std::string::npos) << msgs[1].text;
    EXPECT_EQ(First().status, "sent");
    EXPECT_EQ(First("prt_b").status, "sent");
    EXPECT_GT(tg_->settings().Get("prt_a")->last_sent_at, 0);
    EXPECT_EQ(RunOnce(), 0);  // nothing is sent twice
    EXPECT_EQ(fake_.messages().size(), 2u);
}

TEST_F(OutboxTest, TooManyRequestsWaitsTelegramsRetryAfterForTheWholeRound) {
    Configure("prt_a", "1001", "uz");
    tg_->notifier().CardLive(Card("prt_a", "crd_1"), Product("prt_a", "A"), "");
    tg_->notifier().CardLive(Card("prt_a", "crd_2"), Product("prt_a", "B"), "");
    fake_.Flood(1, 7);
    int64_t t0 = clock_.NowMs();
    EXPECT_EQ(RunOnce(), 1);  // the first answered 429; the second was not tried
    EXPECT_EQ(fake_.calls(), 1);
    auto rows = Rows();
    ASSERT_EQ(rows.size(), 2u);
    for (const auto& r : rows) {
        EXPECT_EQ(r.status, "pending");
        EXPECT_EQ(r.next_attempt_at, t0 + 7000);
    }
    EXPECT_EQ(rows[0].attempts + rows[1].attempts, 1);
    clock_.Advance(6999);
    EXPECT_EQ(RunOnce(), 0);
    EXPECT_EQ(fake_.calls(), 1);
    clock_.Advance(1);
    EXPECT_EQ(RunOnce(), 2);
    EXPECT_EQ(fake_.messages().size(), 2u);
    for (const auto& r : Rows()) EXPECT_EQ(r.status, "sent");
}

TEST_F(OutboxTest, ServerErrorsRetryWithGrowingBackoffUntilDelivered) {
    Configure("prt_a", "1001", "en");
    tg_->notifier().StockLow(Product("prt_a"), 2);
    fake_.FailNext(3, 502);
    int64_t lo = 2500, hi = 5000;  // backoff_base 5 s: [d/2, d], doubling
    for (int attempt = 1; attempt <= 3; ++attempt) {
        int64_t now = clock_.NowMs();
        EXPECT_EQ(RunOnce(), 1);
        auto r = First();
        EXPECT_EQ(r.status, "pending");
        EXPECT_EQ(r.attempts, attempt);
        EXPECT_GE(r.next_attempt_at, now + lo) << attempt;
        EXPECT_LE(r.next_attempt_at, now + hi) << attempt;
        EXPECT_NE(r.last_error.find("Bad Gateway"), std::string::npos);
        clock_.SetNowMs(r.next_attempt_at - 1);
        EXPECT_EQ(RunOnce(), 0);  // not due yet
        clock_.Advance(1);
        lo *= 2;
        hi *= 2;
    }
    EXPECT_EQ(RunOnce(), 1);
    EXPECT_EQ(First().status, "sent");
    EXPECT_EQ(First().attempts, 4);
    EXPECT_EQ(fake_.messages().size(), 1u);
    EXPECT_EQ(fake_.calls(), 4);
}

TEST_F(OutboxTest, BlockedBotMarksTheSettingFailedAndStops) {
    Configure("prt_a", "1001", "uz");
    Configure("prt_b", "2002", "uz");
    fake_.Block("1001");
    tg_->notifier().CardLive(Card("prt_a", "crd_1"), Product("prt_a"), "");
    tg_->notifier().StockLow(Product("prt_a"), 1);
    tg_->notifier().StockLow(Product("prt_b"), 1);
    EXPECT_EQ(RunOnce(), 2);  // prt_a's first row is refused; its second is not tried; prt_b's goes out
    auto s = tg_->settings().Get("prt_a");
    EXPECT_EQ(s->status, "failed");
    EXPECT_NE(s->last_error.find("bot was blocked by the user"), std::string::npos) << s->last_error;
    for (const auto& r : Rows()) EXPECT_EQ(r.status, "failed");
    ASSERT_EQ(Rows("prt_b").size(), 1u);
    EXPECT_EQ(First("prt_b").status, "sent");
    EXPECT_EQ(fake_.calls(), 2);
    // Nothing more is recorded for that chat until the partner saves the settings again.
    tg_->notifier().CardRejected(Card("prt_a", "crd_9"), Product("prt_a"), {"x"});
    EXPECT_EQ(Rows().size(), 2u);
    clock_.Advance(3600 * 1000);
    EXPECT_EQ(RunOnce(), 0);
    Configure("prt_a", "1003", "uz");
    EXPECT_EQ(tg_->settings().Get("prt_a")->status, "active");
    tg_->notifier().CardRejected(Card("prt_a", "crd_9"), Product("prt_a"), {"x"});
    EXPECT_EQ(RunOnce(), 1);
    EXPECT_EQ(fake_.messages().back().chat_id, "1003");
}

TEST_F(OutboxTest, ChatNotFoundStopsTooAndAMovedGroupIsFollowed) {
    Configure("prt_a", "1001", "ru");
    fake_.Unknown("1001");
    tg_->notifier().StockLow(Product("prt_a"), 1);
    EXPECT_EQ(RunOnce(), 1);
    EXPECT_EQ(tg_->settings().Get("prt_a")->status, "failed");
    EXPECT_NE(tg_->settings().Get("prt_a")->last_error.find("chat not found"), std::string::npos);
    EXPECT_EQ(First().status, "failed");

    Configure("prt_b", "-4001", "en");
    fake_.Migrate("-4001", "-1009876543210");
    tg_->notifier().StockLow(Product("prt_b"), 1);
    EXPECT_EQ(RunOnce(), 1);
    EXPECT_EQ(tg_->settings().Get("prt_b")->chat_id, "-1009876543210");
    EXPECT_EQ(First("prt_b").status, "pending");
    EXPECT_EQ(RunOnce(), 1);
    ASSERT_EQ(fake_.messages().size(), 1u);
    EXPECT_EQ(fake_.messages()[0].chat_id, "-1009876543210");
    EXPECT_EQ(First("prt_b").status, "sent");
}

TEST_F(OutboxTest, ADeadSendersRowsComeBackAfterTheLease) {
    Configure("prt_a", "1001", "uz");
    tg_->notifier().StockLow(Product("prt_a"), 1);
    // Another sender claimed the row and died before Telegram answered.
    auto claimed = tg_->outbox().Claim("snd_dead", 10, 60000);
    ASSERT_TRUE(claimed.ok());
    ASSERT_EQ(claimed->size(), 1u);
    EXPECT_TRUE(tg_->outbox().Claim("snd_other", 10, 60000)->empty());  // one owner at a time
    EXPECT_EQ(RunOnce(), 0);
    clock_.Advance(60000);
    EXPECT_EQ(RunOnce(), 1);
    EXPECT_EQ(First().status, "sent");
    EXPECT_EQ(fake_.messages().size(), 1u);
}

TEST_F(OutboxTest, AWrongServerTokenKeepsEverythingForLater) {
    Configure("prt_a", "1001", "uz");
    tg_ = Make("987654321:wrong-token-abcdefghijklmnopqrstuvw");
    tg_->notifier().StockLow(Product("prt_a"), 1);
    tg_->notifier().CardLive(Card("prt_a", "crd_1"), Product("prt_a"), "");
    EXPECT_EQ(RunOnce(), 1);
    for (const auto& r : Rows()) {
        EXPECT_EQ(r.status, "pending");
        EXPECT_EQ(r.next_attempt_at, clock_.NowMs() + SenderOptions{}.misconfigured_retry_ms);
    }
    EXPECT_EQ(tg_->settings().Get("prt_a")->status, "active");  // not the partner's fault
    tg_ = Make(kToken);
    clock_.Advance(SenderOptions{}.misconfigured_retry_ms);
    EXPECT_EQ(RunOnce(), 2);
    EXPECT_EQ(fake_.messages().size(), 2u);
}

TEST_F(OutboxTest, WithoutABotNotificationsAreRecordedAsSkipped) {
    Configure("prt_a", "1001", "uz");
    tg_ = Make("");
    EXPECT_FALSE(tg_->configured());
    tg_->notifier().CardLive(Card("prt_a", "crd_1"), Product("prt_a"), "");
    ASSERT_EQ(Rows().size(), 1u);
    EXPECT_EQ(First().status, "skipped");
    EXPECT_EQ(RunOnce(), 0);
    auto test = tg_->SendTest("prt_a");
    ASSERT_TRUE(test.ok());
    EXPECT_EQ((*test)["status"], "skipped");
    EXPECT_EQ(fake_.calls(), 0);
}

TEST(NotifyBackoff, EqualJitterDoublesUpToTheCap) {
    SenderOptions o;
    EXPECT_EQ(Sender::BackoffMs(2, o, 0), 2500);
    EXPECT_EQ(Sender::BackoffMs(2, o, 2500), 5000);
    EXPECT_EQ(Sender::BackoffMs(3, o, 0), 5000);
    EXPECT_EQ(Sender::BackoffMs(3, o, 5000), 10000);
    EXPECT_EQ(Sender::BackoffMs(40, o, 0), o.backoff_max_ms / 2);
    EXPECT_EQ(Sender::BackoffMs(40, o, o.backoff_max_ms / 2), o.backoff_max_ms);
    for (uint64_t r : {1ull, 77ull, 123456789ull}) {
        int64_t d = Sender::BackoffMs(5, o, r);
        EXPECT_GE(d, 20000);
        EXPECT_LE(d, 40000);
    }
}

TEST(NotifyChatId, AcceptsWhatTelegramAccepts) {
    EXPECT_EQ(ChatIdProblem("123456789"), "");
    EXPECT_EQ(ChatIdProblem("-1001234567890"), "");
    EXPECT_EQ(ChatIdProblem("@acme_shop"), "");
    EXPECT_NE(ChatIdProblem(""), "");
    EXPECT_NE(ChatIdProblem("-"), "");
    EXPECT_NE(ChatIdProblem("12a"), "");
    EXPECT_NE(ChatIdProblem("@abc"), "");
    EXPECT_NE(ChatIdProblem("@acme-shop"), "");
    EXPECT_NE(ChatIdProblem(std::string(21, '1')), "");
}

}  // namespace
}  // namespace by::notify
