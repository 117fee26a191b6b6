#include "ai/model_engine.hpp"

#include <functional>

#include "ai/product_view.hpp"
#include "ai/reply.hpp"
#include "ai/text.hpp"
#include "ai/uzbek.hpp"

namespace by::ai {

using nlohmann::json;

namespace {

// What the model may see of a product: never cost, stock or partner data.
std::string ProductJson(const core::Product& p) {
    json j = {{"sku", p.sku}, {"name", p.name}, {"category", p.category}, {"brand", p.brand}, {"attributes", p.attributes}};
    if (!p.description.empty()) {
        j["seller_description"] = p.description;
    }
    return j.dump(2);
}

struct Outcome {
    std::optional<json> reply;
    int attempts = 0;
    std::string error;  // the last reason a reply was rejected
};

// Calls the model up to `attempts` times; a reply counts when it parses, matches the schema and passes
// `accept`. Transport errors and malformed replies are retried alike. `accept` may throw nlohmann
// exceptions on an unexpected shape; they count as a malformed reply and stay inside this module.
Outcome Ask(TextModel& model, const Prompt& prompt, const json& schema, int attempts,
            const std::function<core::Status(const json&)>& raw_accept) {
    auto accept = [&](const json& r) -> core::Status {
        try {
            return raw_accept(r);
        } catch (const json::exception& e) {
            return core::Error::Invalid(std::string("unexpected shape: ") + e.what());
        }
    };
    Outcome out;
    for (int i = 0; i < attempts; ++i) {
        ++out.attempts;
        auto raw = model.Complete(prompt, schema);
        if (!raw.ok()) {
            out.error = "model call failed: " + raw.error().message;
            continue;
        }
        auto parsed = ParseReply(*raw, schema);
        if (!parsed.ok()) {
            out.error = "malformed reply: " + parsed.error().message;
            continue;
        }
        if (auto st = accept(*parsed); !st.ok()) {
            out.error = "rejected reply: " + st.error().message;
            continue;
        }
        out.reply = std::move(parsed).value();
        out.error.clear();
        return out;
    }
    return out;
}

// Every number in every string of `j` must be one of the product's own numbers.
core::Status NoInventedNumbers(const json& j, const ProductView& view, const std::string& path = "$") {
    if (j.is_string()) {
        for (const auto& n : text::Numbers(j.get<std::string>())) {
            if (!view.Numbers().count(n)) {
                return core::Error::Invalid(path + ": the number " + n + " is not in the product's attributes", path);
            }
        }
    } else if (j.is_object()) {
        for (const auto& [k, v] : j.items()) {
            BY_TRY(NoInventedNumbers(v, view, path + "." + k));
        }
    } else if (j.is_array()) {
        for (size_t i = 0; i < j.size(); ++i) {
            BY_TRY(NoInventedNumbers(j[i], view, path + "[" + std::to_string(i) + "]"));
        }
    }
    return core::Ok();
}

void RecordFallback(Generation& g, const TextModel& model, const PromptTemplate* tpl, const Outcome& o) {
    g.source = "offline";
    g.model = model.Name();
    g.prompt_id = tpl ? tpl->id : "";
    g.prompt_version = tpl ? tpl->version : 0;
    g.attempts = o.attempts;
    g.fallback = true;
    g.fallback_reason = o.error;
}

void RecordModel(Generation& g, const TextModel& model, const PromptTemplate& tpl, const Outcome& o) {
    g.source = "model";
    g.model = model.Name();
    g.prompt_id = tpl.id;
    g.prompt_version = tpl.version;
    g.attempts = o.attempts;
    g.fallback = false;
}

std::string Localize(const CategoryCatalog& cat, const ProductView& v) {
    json j = {{"category", {{"ru", v.category().names.ru}, {"uz", v.category().names.uz}}},
              {"product_type", {{"ru", v.TypeName("ru")}, {"uz", v.TypeName("uz")}}}};
    return j.dump();
}

}  // namespace

ModelResearcher::ModelResearcher(TextModel& model, std::shared_ptr<const PromptLibrary> prompts,
                                 std::shared_ptr<const CategoryCatalog> catalog, Researcher& fallback,
                                 ModelEngineOptions options)
    : model_(model), prompts_(std::move(prompts)), catalog_(std::move(catalog)), fallback_(fallback), options_(options) {}

core::Result<Keywords> ModelResearcher::Research(const core::Product& product) {
    BY_ASSIGN(Keywords base, fallback_.Research(product));
    BY_ASSIGN(ResolvedCategory rc, catalog_->Resolve(product));
    ProductView view(*catalog_, product, rc);
    const PromptTemplate* tpl = prompts_->Latest("research_keywords");
    Outcome o;
    if (!tpl) {
        o.error = "prompt research_keywords missing";
    } else {
        BY_ASSIGN(Prompt prompt, prompts_->Render(*tpl, {{"product_json", ProductJson(product)},
                                                         {"names_json", Localize(*catalog_, view)},
                                                         {"seed_keywords", json(base.For("ru", 10)).dump() + " / " +
                                                                               json(base.For("uz", 10)).dump()}}));
        o = Ask(model_, prompt, tpl->schema, options_.attempts,
                [&](const json& r) { return NoInventedNumbers(r, view); });
    }
    if (!o.reply) {
        RecordFallback(base.generation, model_, tpl, o);
        return base;
    }
    // The model's phrases first, then the offline ones it did not repeat.
    Keywords k;
    k.main = base.main;
    std::set<std::string> seen;
    for (const char* lang : {"ru", "uz"}) {
        int weight = 99;
        for (const auto& phrase : o.reply->at("keywords").value(lang, json::array())) {
            std::string p = text::CollapseSpaces(text::Lower(phrase.get<std::string>()));
            if (lang == std::string("uz")) {
                p = uz::Normalize(p);
            }
            if (!p.empty() && seen.insert(std::string(lang) + ":" + p).second) {
                k.items.push_back(Keyword{p, lang, "model_provider", std::max(weight--, 50)});
            }
        }
    }
    for (const auto& item : base.items) {
        if (seen.insert(item.lang + ":" + item.text).second) {
            Keyword low = item;
            low.weight = std::min(item.weight, 49);
            k.items.push_back(low);
        }
    }
    RecordModel(k.generation, model_, *tpl, o);
    return k;
}

ModelStrategist::ModelStrategist(TextModel& model, std::shared_ptr<const PromptLibrary> prompts,
                                 std::shared_ptr<const CategoryCatalog> catalog, Strategist& fallback,
                                 ModelEngineOptions options)
    : model_(model), prompts_(std::move(prompts)), catalog_(std::move(catalog)), fallback_(fallback), options_(options) {}

core::Result<Strategy> ModelStrategist::Plan(const core::Product& product, const Keywords& keywords) {
    BY_ASSIGN(Strategy base, fallback_.Plan(product, keywords));
    BY_ASSIGN(ResolvedCategory rc, catalog_->Resolve(product));
    ProductView view(*catalog_, product, rc);
    const PromptTemplate* tpl = prompts_->Latest("plan_strategy");
    json candidates = json::array();
    for (const auto& sp : base.selling_points) {
        candidates.push_back({{"attribute", sp.attribute}, {"ru", sp.text.count("ru") ? sp.text.at("ru") : ""}});
    }
    Outcome o;
    if (!tpl) {
        o.error = "prompt plan_strategy missing";
    } else {
        BY_ASSIGN(Prompt prompt, prompts_->Render(*tpl, {{"product_json", ProductJson(product)},
                                                         {"names_json", Localize(*catalog_, view)},
                                                         {"selling_points_json", candidates.dump(2)},
                                                         {"keywords", json(keywords.For("ru", 10)).dump()}}));
        o = Ask(model_, prompt, tpl->schema, options_.attempts, [&](const json& r) -> core::Status {
            BY_TRY(NoInventedNumbers(r, view));
            std::set<std::string> known;
            for (const auto& sp : base.selling_points) {
                known.insert(sp.attribute);
            }
            for (const auto& a : r.at("selling_points")) {
                if (!known.count(a.get<std::string>())) {
                    return core::Error::Invalid("selling point " + a.get<std::string>() + " is not one of the product's");
                }
            }
            return core::Ok();
        });
    }
    if (!o.reply) {
        RecordFallback(base.generation, model_, tpl, o);
        return base;
    }
    Strategy s = base;
    s.selling_points.clear();
    std::set<std::string> used;
    for (const auto& a : o.reply->at("selling_points")) {
        for (const auto& sp : base.selling_points) {
            if (sp.attribute == a.get<std::string>() && used.insert(sp.attribute).second) {
                s.selling_points.push_back(sp);
            }
        }
    }
    for (const auto& sp : base.selling_points) {
        if (!used.count(sp.attribute)) {
            s.selling_points.push_back(sp);
        }
    }
    const json audience = o.reply->value("audience", json::object());
    for (const auto& [lang, text] : audience.items()) {
        if (text.is_string()) {
            s.audience[lang] = lang == "uz" ? uz::Normalize(text.get<std::string>()) : text.get<std::string>();
        }
    }
    RecordModel(s.generation, model_, *tpl, o);
    return s;
}

ModelWriter::ModelWriter(TextModel& model, std::shared_ptr<const PromptLibrary> prompts,
                         std::shared_ptr<const CategoryCatalog> catalog, Writer& fallback, ModelEngineOptions options)
    : model_(model), prompts_(std::move(prompts)), catalog_(std::move(catalog)), fallback_(fallback), options_(options) {}

core::Result<CardContent> ModelWriter::Write(const core::Product& product, const Keywords& keywords,
                                             const Strategy& strategy, Marketplace marketplace) {
    BY_ASSIGN(CardContent draft, fallback_.Write(product, keywords, strategy, marketplace));
    BY_ASSIGN(ResolvedCategory rc, catalog_->Resolve(product));
    ProductView view(*catalog_, product, rc);
    const MarketplaceProfile& profile = catalog_->Profile(marketplace);
    int description_max = profile.description_max;
    if (auto it = rc.category->description_max.find(marketplace); it != rc.category->description_max.end()) {
        description_max = std::min(description_max, it->second);
    }
    const PromptTemplate* tpl = prompts_->Latest("write_card");
    Outcome o;
    if (!tpl) {
        o.error = "prompt write_card missing";
    } else {
        json draft_texts = json::object();
        json kw = json::object();
        for (const auto& [lang, t] : draft.texts) {
            draft_texts[lang] = {{"title", t.title}, {"description", t.description}, {"bullets", t.bullets}};
            kw[lang] = t.keywords;
        }
        json points = json::array();
        for (const auto& sp : strategy.selling_points) {
            points.push_back(sp.text);
        }
        BY_ASSIGN(Prompt prompt,
                  prompts_->Render(*tpl, {{"product_json", ProductJson(product)},
                                          {"names_json", Localize(*catalog_, view)},
                                          {"marketplace", MarketplaceKey(marketplace)},
                                          {"languages", json(profile.languages).dump()},
                                          {"title_max", std::to_string(profile.title_max)},
                                          {"title_target", std::to_string(profile.title_target_min) + "–" +
                                                               std::to_string(profile.title_target_max)},
                                          {"description_max", std::to_string(description_max)},
                                          {"description_target", std::to_string(profile.description_target_min) + "–" +
                                                                     std::to_string(profile.description_target_max)},
                                          {"bullets_max", std::to_string(profile.bullets_max)},
                                          {"selling_points_json", points.dump(2)},
                                          {"keywords_json", kw.dump(2)},
                                          {"draft_json", draft_texts.dump(2)}}));
        o = Ask(model_, prompt, tpl->schema, options_.attempts, [&](const json& r) -> core::Status {
            BY_TRY(NoInventedNumbers(r, view));
            const json& texts = r.at("texts");
            for (const auto& lang : profile.languages) {
                if (!texts.contains(lang)) {
                    return core::Error::Invalid("texts." + lang + " missing: " + MarketplaceKey(marketplace) +
                                                " needs it");
                }
                const json& t = texts.at(lang);
                if (text::Length(t.at("title").get<std::string>()) > static_cast<size_t>(profile.title_max)) {
                    return core::Error::Invalid("texts." + lang + ".title over " + std::to_string(profile.title_max));
                }
                if (text::Length(t.at("description").get<std::string>()) > static_cast<size_t>(description_max)) {
                    return core::Error::Invalid("texts." + lang + ".description over " + std::to_string(description_max));
                }
                if (t.at("bullets").size() > static_cast<size_t>(profile.bullets_max)) {
                    return core::Error::Invalid("texts." + lang + ".bullets: more than " + std::to_string(profile.bullets_max));
                }
            }
            return core::Ok();
        });
    }
    if (!o.reply) {
        RecordFallback(draft.generation, model_, tpl, o);
        draft.generation.fallback_stages.push_back("write");
        return draft;
    }
    CardContent c = draft;
    uz::ApostropheStyle style = uz::ParseApostropheStyle(draft.uz_apostrophe).value_or(profile.uz_apostrophe);
    for (const auto& lang : profile.languages) {
        const json& t = o.reply->at("texts").at(lang);
        auto conv = [&](const std::string& s) {
            return lang == "uz" ? uz::Render(uz::Normalize(text::Trim(s)), style) : text::Trim(s);
        };
        LocalizedText& out = c.texts[lang];
        out.title = conv(t.at("title").get<std::string>());
        out.description = conv(t.at("description").get<std::string>());
        out.short_description = conv(t.value("short_description", draft.texts[lang].short_description));
        out.bullets.clear();
        for (const auto& b : t.at("bullets")) {
            out.bullets.push_back(conv(b.get<std::string>()));
        }
    }
    const LocalizedText& primary = c.texts.at(c.language);
    c.title = primary.title;
    c.description = primary.description;
    c.bullets = primary.bullets;
    RecordModel(c.generation, model_, *tpl, o);
    return c;
}

}  // namespace by::ai
