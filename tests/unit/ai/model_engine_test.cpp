// Remote text models behind the seams: prompt files, reply parsing and schema checks, retry once, then
// fall back to the offline engine and say so in the quality report. Canned replies, no network.
#include <gtest/gtest.h>

#include <deque>
#include <mutex>

#include "ai/model_engine.hpp"
#include "ai/prompts.hpp"
#include "ai/reply.hpp"
#include "ai_test_util.hpp"

namespace by::ai {
namespace {

using nlohmann::json;
using testutil::Catalog;
using testutil::Golden;

// Replies queued by the test; records every prompt it was sent.
class CannedModel final : public TextModel {
  public:
    void Push(core::Result<std::string> reply) { replies_.push_back(std::move(reply)); }
    core::Result<std::string> Complete(const Prompt& prompt, const json& schema) override {
        std::lock_guard<std::mutex> lock(mu_);
        prompts_.push_back(prompt);
        schemas_.push_back(schema);
        if (replies_.empty()) {
            return core::Error::Unavailable("no canned reply left");
        }
        auto r = replies_.front();
        replies_.pop_front();
        return r;
    }
    std::string Name() const override { return "canned/test"; }
    size_t calls() const { return prompts_.size(); }
    const Prompt& last() const { return prompts_.back(); }

  private:
    std::mutex mu_;
    std::deque<core::Result<std::string>> replies_;
    std::vector<Prompt> prompts_;
    std::vector<json> schemas_;
};

std::shared_ptr<const PromptLibrary> Prompts() {
    static auto lib = *PromptLibrary::Load(testutil::DataDir());
    return lib;
}

std::string GoodCardReply() {
    json t_ru = {{"title", "Смартфон Samsung Galaxy A55 5G, 256 ГБ, темно-синий"},
                 {"short_description", "Смартфон Samsung Galaxy A55 5G с памятью 256 ГБ."},
                 {"description", "Смартфон Samsung Galaxy A55 5G: встроенная память 256 ГБ и оперативная память 8 ГБ. "
                                 "Экран 6,6 дюйма, основная камера 50 Мп, аккумулятор 5000 мА·ч. Гарантия 12 месяцев."},
                 {"bullets", json::array({"Встроенная память 256 ГБ", "Оперативная память 8 ГБ", "Экран 6,6 дюйма"})}};
    json t_uz = {{"title", "Smartfon Samsung Galaxy A55 5G, 256 GB, to'q ko'k"},
                 {"short_description", "Samsung Galaxy A55 5G smartfoni, 256 GB xotira."},
                 {"description", "Smartfon Samsung Galaxy A55 5G: 256 GB ichki xotira va 8 GB operativ xotira. "
                                 "6,6 dyuymli ekran, 50 Mp kamera, 5000 mAh batareya. Qo'ng'iroqlar va foto uchun."},
                 {"bullets", json::array({"256 GB ichki xotira", "8 GB operativ xotira", "6,6 dyuymli ekran"})}};
    return json({{"texts", {{"ru", t_ru}, {"uz", t_uz}}}}).dump();
}

struct Fixture {
    OfflineContentEngine offline{Catalog()};
    CannedModel model;
    core::Product product = Golden("phones_samsung_a55");
    Keywords keywords = *offline.Research(product);
    Strategy strategy = *offline.Plan(product, keywords);
};

// ------------------------------------------------------------------ prompts and replies

TEST(Prompts, VersionedFilesLoadAndRender) {
    for (const char* id : {"research_keywords", "plan_strategy", "write_card"}) {
        const PromptTemplate* t = Prompts()->Latest(id);
        ASSERT_NE(t, nullptr) << id;
        EXPECT_EQ(t->version, 1);
        EXPECT_TRUE(t->schema.is_object());
    }
    const PromptTemplate* t = Prompts()->Latest("research_keywords");
    EXPECT_FALSE(Prompts()->Render(*t, {}).ok());  // unfilled placeholders are an error
    auto p = Prompts()->Render(*t, {{"product_json", "{}"}, {"names_json", "{}"}, {"seed_keywords", "[]"}});
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->id, "research_keywords");
    EXPECT_EQ(p->user.find("{{"), std::string::npos);
}

TEST(Reply, ExtractsJsonFromCommonWrappings) {
    EXPECT_EQ((*ExtractJson(R"({"a": 1})"))["a"], 1);
    EXPECT_EQ((*ExtractJson("Here you go:\n```json\n{\"a\": 2}\n```\nDone."))["a"], 2);
    EXPECT_EQ((*ExtractJson("Sure! {\"a\": \"}{\", \"b\": 3} Thanks"))["b"], 3);
    EXPECT_FALSE(ExtractJson("I cannot help with that.").ok());
    EXPECT_FALSE(ExtractJson("{\"a\": ").ok());
}

TEST(Reply, SchemaSubset) {
    json schema = {{"type", "object"},
                   {"required", json::array({"name", "tags"})},
                   {"additionalProperties", false},
                   {"properties",
                    {{"name", {{"type", "string"}, {"minLength", 2}, {"maxLength", 5}}},
                     {"tags", {{"type", "array"}, {"maxItems", 2}, {"items", {{"type", "string"}}}}},
                     {"kind", {{"enum", json::array({"a", "b"})}}},
                     {"n", {{"type", "integer"}, {"minimum", 1}}}}}};
    EXPECT_TRUE(ValidateJson({{"name", "oʻzb"}, {"tags", json::array({"x"})}}, schema).ok());  // 4 code points
    EXPECT_FALSE(ValidateJson({{"tags", json::array()}}, schema).ok());                  // required
    EXPECT_FALSE(ValidateJson({{"name", "toolong"}, {"tags", json::array()}}, schema).ok());
    EXPECT_FALSE(ValidateJson({{"name", "ab"}, {"tags", json::array({"x", "y", "z"})}}, schema).ok());
    EXPECT_FALSE(ValidateJson({{"name", "ab"}, {"tags", json::array({1})}}, schema).ok());
    EXPECT_FALSE(ValidateJson({{"name", "ab"}, {"tags", json::array()}, {"extra", 1}}, schema).ok());
    EXPECT_FALSE(ValidateJson({{"name", "ab"}, {"tags", json::array()}, {"kind", "c"}}, schema).ok());
    EXPECT_FALSE(ValidateJson({{"name", "ab"}, {"tags", json::array()}, {"n", 0}}, schema).ok());
    auto err = ValidateJson({{"name", "ab"}, {"tags", json::array({1})}}, schema);
    EXPECT_NE(err.error().message.find("$.tags[0]"), std::string::npos) << err.error().message;
}

// ------------------------------------------------------------------ writer

TEST(ModelWriter, UsesAValidReply) {
    Fixture f;
    f.model.Push(GoodCardReply());
    ModelWriter writer(f.model, Prompts(), Catalog(), f.offline);
    auto c = writer.Write(f.product, f.keywords, f.strategy, Marketplace::kUzum);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->generation.source, "model");
    EXPECT_EQ(c->generation.model, "canned/test");
    EXPECT_EQ(c->generation.prompt_id, "write_card");
    EXPECT_EQ(c->generation.prompt_version, 1);
    EXPECT_EQ(c->generation.attempts, 1);
    EXPECT_FALSE(c->generation.fallback);
    EXPECT_EQ(c->texts.at("ru").bullets.size(), 3u);
    // Uzbek from the model is normalised and written in Uzum's style.
    EXPECT_NE(c->texts.at("uz").description.find("Qo'ng'iroqlar"), std::string::npos);
    // Structured parts stay the offline engine's.
    EXPECT_EQ(c->FindCharacteristic("storage_gb")->value, "256");
    EXPECT_GE(c->slides.size(), 4u);
    // The prompt carried the product and the limits, never the cost.
    EXPECT_NE(f.model.last().user.find("Galaxy A55"), std::string::npos);
    EXPECT_EQ(f.model.last().user.find("380000000"), std::string::npos);
    EXPECT_NE(f.model.last().system.find("uzum"), std::string::npos);
    QualityChecker checker(Catalog(), testutil::Rules());
    EXPECT_FALSE(checker.Check(f.product, *c, Marketplace::kUzum).Has("AI-1"));
}

TEST(ModelWriter, RetriesOnceAfterAMalformedReply) {
    Fixture f;
    f.model.Push(std::string("Sorry, here is the card: {\"texts\": "));  // truncated
    f.model.Push(GoodCardReply());
    ModelWriter writer(f.model, Prompts(), Catalog(), f.offline);
    auto c = writer.Write(f.product, f.keywords, f.strategy, Marketplace::kUzum);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(f.model.calls(), 2u);
    EXPECT_EQ(c->generation.source, "model");
    EXPECT_EQ(c->generation.attempts, 2);
}

TEST(ModelWriter, FallsBackAfterTwoBadRepliesAndReportsIt) {
    Fixture f;
    f.model.Push(std::string("not json"));
    f.model.Push(json({{"texts", {{"ru", {{"title", "x"}}}}}}).dump());  // fails the schema
    f.model.Push(GoodCardReply());                                      // never asked for
    ModelWriter writer(f.model, Prompts(), Catalog(), f.offline);
    auto c = writer.Write(f.product, f.keywords, f.strategy, Marketplace::kUzum);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(f.model.calls(), 2u);
    EXPECT_EQ(c->generation.source, "offline");
    EXPECT_TRUE(c->generation.fallback);
    EXPECT_EQ(c->generation.attempts, 2);
    EXPECT_NE(c->generation.fallback_reason.find("malformed"), std::string::npos) << c->generation.fallback_reason;
    auto offline = f.offline.Write(f.product, f.keywords, f.strategy, Marketplace::kUzum);
    EXPECT_EQ(c->texts.at("ru").description, offline->texts.at("ru").description);

    QualityChecker checker(Catalog(), testutil::Rules());
    auto report = checker.Check(f.product, *c, Marketplace::kUzum);
    ASSERT_TRUE(report.Has("AI-1"));
    EXPECT_TRUE(report.passed);  // the fallback is recorded, not a reason to block
    for (const auto& i : report.issues) {
        if (i.code == "AI-1") {
            EXPECT_EQ(i.severity, Severity::kInfo);
            EXPECT_EQ(i.points, 0);
            EXPECT_NE(i.message_en.find("write"), std::string::npos);
        }
    }
}

TEST(ModelWriter, RejectsInventedNumbers) {
    Fixture f;
    json reply = json::parse(GoodCardReply());
    reply["texts"]["ru"]["description"] = "Смартфон Samsung Galaxy A55 5G с камерой 200 Мп и зарядкой за 15 минут. Встроенная память 256 ГБ, "
        "оперативная память 8 ГБ, экран 6,6 дюйма.";
    f.model.Push(reply.dump());
    f.model.Push(reply.dump());
    ModelWriter writer(f.model, Prompts(), Catalog(), f.offline);
    auto c = writer.Write(f.product, f.keywords, f.strategy, Marketplace::kUzum);
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(c->generation.fallback);
    EXPECT_NE(c->generation.fallback_reason.find("200"), std::string::npos) << c->generation.fallback_reason;
    EXPECT_NE(c->generation.fallback_reason.find("not in the product"), std::string::npos);
}

TEST(ModelWriter, RejectsAMissingLanguageAndOverlongTitle) {
    Fixture f;
    json only_ru = json::parse(GoodCardReply());
    only_ru["texts"].erase("uz");
    f.model.Push(only_ru.dump());
    f.model.Push(only_ru.dump());
    ModelWriter writer(f.model, Prompts(), Catalog(), f.offline);
    auto uzum = writer.Write(f.product, f.keywords, f.strategy, Marketplace::kUzum);
    EXPECT_TRUE(uzum->generation.fallback);  // Uzum needs both languages
    EXPECT_NE(uzum->generation.fallback_reason.find("texts.uz missing"), std::string::npos) << uzum->generation.fallback_reason;

    CannedModel model;
    json long_title = json::parse(GoodCardReply());
    long_title["texts"]["ru"]["title"] = "Смартфон Samsung Galaxy A55 5G, 256 ГБ, темно-синий, с большим экраном";
    model.Push(long_title.dump());
    model.Push(long_title.dump());
    ModelWriter wb_writer(model, Prompts(), Catalog(), f.offline);
    auto wb = wb_writer.Write(f.product, f.keywords, f.strategy, Marketplace::kWildberries);
    EXPECT_TRUE(wb->generation.fallback);  // over Wildberries' 60 characters
    EXPECT_NE(wb->generation.fallback_reason.find("title over 60"), std::string::npos) << wb->generation.fallback_reason;
}

TEST(ModelWriter, TransportErrorsAreRetriedThenFallBack) {
    Fixture f;
    f.model.Push(core::Error::Timeout("upstream timed out"));
    f.model.Push(core::Error::RateLimited(1000));
    ModelWriter writer(f.model, Prompts(), Catalog(), f.offline);
    auto c = writer.Write(f.product, f.keywords, f.strategy, Marketplace::kYandex);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(f.model.calls(), 2u);
    EXPECT_TRUE(c->generation.fallback);
    EXPECT_EQ(c->generation.fallback_stages, std::vector<std::string>{"write"});
}

// ------------------------------------------------------------------ researcher and strategist

TEST(ModelResearcher, MergesModelPhrasesBeforeOfflineOnes) {
    Fixture f;
    f.model.Push(json({{"keywords", {{"ru", json::array({"Samsung A55 смартфон", "самсунг а55"})}, {"uz", json::array({"samsung a55 telefon narxi"})}}}}).dump());
    ModelResearcher researcher(f.model, Prompts(), Catalog(), f.offline);
    auto k = researcher.Research(f.product);
    ASSERT_TRUE(k.ok());
    EXPECT_EQ(k->generation.source, "model");
    auto ru = k->For("ru");
    ASSERT_GE(ru.size(), 3u);
    EXPECT_EQ(ru[0], "samsung a55 смартфон");
    EXPECT_EQ(ru[1], "самсунг а55");
    EXPECT_NE(std::find(ru.begin(), ru.end(), "смартфон samsung"), ru.end());  // offline ones kept
    EXPECT_EQ(k->items[0].source, "model_provider");
}

TEST(ModelResearcher, FallbackIsCarriedIntoTheCardReport) {
    Fixture f;
    f.model.Push(json({{"keywords", {{"ru", json::array({"смартфон 999 гб"})}, {"uz", json::array()}}}}).dump());  // invented 999
    f.model.Push(std::string("{}"));                                                                  // schema: required
    ModelResearcher researcher(f.model, Prompts(), Catalog(), f.offline);
    auto k = researcher.Research(f.product);
    ASSERT_TRUE(k.ok());
    EXPECT_TRUE(k->generation.fallback);
    auto card = f.offline.Write(f.product, *k, f.strategy, Marketplace::kWildberries);
    EXPECT_EQ(card->generation.fallback_stages, std::vector<std::string>{"research"});
    QualityChecker checker(Catalog(), testutil::Rules());
    EXPECT_TRUE(checker.Check(f.product, *card, Marketplace::kWildberries).Has("AI-1"));
}

TEST(ModelStrategist, ReordersKnownSellingPointsOnly) {
    Fixture f;
    f.model.Push(json({{"selling_points", json::array({"camera_mp", "battery_mah"})},
                       {"audience", {{"ru", "Для тех, кто много снимает и часто в дороге."},
                                     {"uz", "Ko'p suratga oladigan va tez-tez yo'lda bo'ladiganlar uchun."}}}})
                     .dump());
    ModelStrategist strategist(f.model, Prompts(), Catalog(), f.offline);
    auto s = strategist.Plan(f.product, f.keywords);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->generation.source, "model");
    EXPECT_EQ(s->selling_points[0].attribute, "camera_mp");
    EXPECT_EQ(s->selling_points[1].attribute, "battery_mah");
    EXPECT_EQ(s->selling_points.size(), f.strategy.selling_points.size());  // the rest follow
    EXPECT_EQ(s->audience.at("uz"), "Koʻp suratga oladigan va tez-tez yoʻlda boʻladiganlar uchun.");
    EXPECT_EQ(s->price_position, f.strategy.price_position);  // computed from data, not asked

    CannedModel bad;
    bad.Push(json({{"selling_points", json::array({"teleport"})}, {"audience", {{"ru", "Для всех и каждого."}, {"uz", "Hamma uchun mos."}}}}).dump());
    bad.Push(json({{"selling_points", json::array({"teleport"})}, {"audience", {{"ru", "Для всех и каждого."}, {"uz", "Hamma uchun mos."}}}}).dump());
    ModelStrategist strict(bad, Prompts(), Catalog(), f.offline);
    auto fb = strict.Plan(f.product, f.keywords);
    EXPECT_TRUE(fb->generation.fallback);
    EXPECT_NE(fb->generation.fallback_reason.find("teleport"), std::string::npos);
}

}  // namespace
}  // namespace by::ai
