// The real sender loop (its own thread, the system clock, libcurl) against the fake Bot API on loopback:
// events recorded from many threads at once reach each partner's chat in its language exactly once,
// through flood control and a server error, and the bot token appears in no log line.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "fake_bot_api.hpp"
#include "net/curl/curl_http_client.hpp"
#include "notify/telegram.hpp"
#include "obs/log.hpp"
#include "testing/temp_dir.hpp"
#include "testing/test_db.hpp"

namespace by::notify {
namespace {

constexpr const char* kToken = "555000111:AAE-loop_secret-zyxwvutsrqponmlkjih";

TEST(NotifySenderLoop, DeliversEverythingOnceInEachPartnersLanguage) {
    by::testing::TempDir logs;
    obs::InitLogging({logs.path(), obs::Level::kDebug, false});
    auto t = by::testing::OpenTestDb();
    core::SystemClock clock;
    by::testing::FakeBotApi fake(kToken);
    TelegramOptions o;
    o.bot.api_url = fake.base_url();
    o.sender.poll_ms = 20;
    o.sender.backoff_base_ms = 100;
    o.sender.backoff_max_ms = 400;
    // MakeDefaultHttpClient: the production client (retrying wrapper over curl), which logs failures.
    Telegram tg(*t.db, clock, net::MakeDefaultHttpClient(clock), core::SecretBuffer::FromBytes(kToken), o);

    struct Partner {
        std::string id, chat, lang, live_word;
    };
    const std::vector<Partner> partners = {{"prt_uz", "1001", "uz", "Kartochka sotuvga chiqdi"},
                                           {"prt_ru", "-1002", "ru", "Карточка в продаже"},
                                           {"prt_en", "@acme_en", "en", "The card is live"}};
    for (const auto& p : partners) {
        ASSERT_TRUE(t.db->Exec("INSERT INTO partners (id, company, tier, status, created_at) VALUES (?, 'Co', 'starter', 'active', 0)",
                               {p.id})
                        .ok());
        TelegramSettings s;
        s.partner_id = p.id;
        s.chat_id = p.chat;
        s.language = p.lang;
        s.events = AllEvents();
        ASSERT_TRUE(tg.settings().Put(s).ok());
    }
    fake.Flood(2, 1);       // Telegram's flood control first: wait a second
    fake.FailNext(1, 502);  // then one bad gateway
    tg.StartSender();

    // Every partner gets 4 cards live, 1 rejection, 1 refused credential and 2 low stocks, recorded from
    // 8 threads; each event is recorded twice (a stage that ran again), which must fold.
    std::vector<std::thread> threads;
    for (int w = 0; w < 8; ++w) {
        threads.emplace_back([&, w] {
            for (const auto& p : partners) {
                store::CardRow card;
                card.id = "crd_" + p.id + "_" + std::to_string(w % 4);
                card.partner_id = p.id;
                card.marketplace = "uzum";
                core::Product product;
                product.id = "prd_" + std::to_string(w % 2);
                product.partner_id = p.id;
                product.sku = "SKU-" + std::to_string(w % 2);
                product.name = "Product <" + std::to_string(w % 2) + ">";
                tg.notifier().CardLive(card, product, "https://uzum.uz/product/" + std::to_string(w));
                if (w % 4 == 0) tg.notifier().CardRejected(card, product, {"Rasm <sifatsiz>"});
                if (w % 4 == 1) tg.notifier().CredentialFailed(p.id, core::Marketplace::kUzum, "uzum: 401");
                tg.notifier().StockLow(product, 1);
            }
        });
    }
    for (auto& th : threads) th.join();

    const size_t per_partner = 4 + 1 + 1 + 2;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (fake.messages().size() < per_partner * partners.size() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // anything extra would show up now
    tg.StopSender();

    auto msgs = fake.messages();
    ASSERT_EQ(msgs.size(), per_partner * partners.size());
    for (const auto& p : partners) {
        int live = 0, total = 0;
        for (const auto& m : msgs) {
            if (m.chat_id != p.chat) continue;
            ++total;
            if (m.text.find(p.live_word) != std::string::npos) ++live;
            EXPECT_EQ(m.parse_mode, "HTML");
            EXPECT_EQ(m.text.find("<sifatsiz>"), std::string::npos);  // escaped
        }
        EXPECT_EQ(total, static_cast<int>(per_partner)) << p.id;
        EXPECT_EQ(live, 4) << p.id;
    }
    EXPECT_EQ(fake.calls(), static_cast<int>(msgs.size()) + 3);  // + two 429s and one 502
    auto rows = t.db->Query("SELECT status, COUNT(*) FROM notify_outbox GROUP BY status");
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->rows[0].Str(0), "sent");
    EXPECT_EQ(rows->rows[0].Int(1), static_cast<int64_t>(per_partner * partners.size()));

    // The 502 went through the HTTP client's log line, with the URL; the token is in no line.
    obs::Flush();
    std::ifstream in(logs.path() / "biznesyordam.log");
    std::stringstream log;
    log << in.rdbuf();
    EXPECT_NE(log.str().find("/bot***/sendMessage"), std::string::npos) << log.str().substr(0, 2000);
    EXPECT_EQ(log.str().find("loop_secret"), std::string::npos);
    EXPECT_NE(log.str().find("\"event\":\"telegram_send\""), std::string::npos) << log.str().substr(0, 3000);
}

}  // namespace
}  // namespace by::notify
