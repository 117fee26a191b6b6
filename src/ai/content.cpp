#include "ai/content.hpp"

#include <algorithm>

namespace by::ai {

using nlohmann::json;

namespace {
json GenerationToJson(const Generation& g);
Generation GenerationFromJson(const json& j);
}  // namespace

std::vector<std::string> Keywords::For(std::string_view lang, size_t limit) const {
    std::vector<std::string> out;
    for (const auto& k : items) {
        if (k.lang == lang && out.size() < limit) {
            out.push_back(k.text);
        }
    }
    return out;
}

std::string_view PricePositionName(PricePosition p) {
    switch (p) {
        case PricePosition::kBudget:
            return "budget";
        case PricePosition::kMiddle:
            return "middle";
        case PricePosition::kPremium:
            return "premium";
        case PricePosition::kUnknown:
            break;
    }
    return "unknown";
}

std::string_view SeverityName(Severity s) {
    switch (s) {
        case Severity::kInfo:
            return "info";
        case Severity::kWarn:
            return "warn";
        case Severity::kBlock:
            return "block";
    }
    return "warn";
}

const Characteristic* CardContent::FindCharacteristic(std::string_view key) const {
    for (const auto& c : characteristics) {
        if (c.key == key) {
            return &c;
        }
    }
    return nullptr;
}

bool QualityReport::HasBlocking() const {
    return std::any_of(issues.begin(), issues.end(), [](const QualityIssue& i) { return i.severity == Severity::kBlock; });
}

bool QualityReport::Has(std::string_view code) const {
    return std::any_of(issues.begin(), issues.end(), [&](const QualityIssue& i) { return i.code == code; });
}

void to_json(json& j, const Keywords& k) {
    j = json::object();
    j["main"] = k.main;
    j["items"] = json::array();
    for (const auto& i : k.items) {
        j["items"].push_back({{"text", i.text}, {"lang", i.lang}, {"source", i.source}, {"weight", i.weight}});
    }
    j["generation"] = GenerationToJson(k.generation);
}

void to_json(json& j, const Strategy& s) {
    j = json::object();
    j["audience"] = s.audience;
    j["price_position"] = PricePositionName(s.price_position);
    j["price_basis"] = s.price_basis;
    j["selling_points"] = json::array();
    for (const auto& p : s.selling_points) {
        j["selling_points"].push_back({{"attribute", p.attribute}, {"text", p.text}});
    }
    j["generation"] = GenerationToJson(s.generation);
}

namespace {

json GenerationToJson(const Generation& g) {
    return {{"source", g.source},         {"model", g.model},
            {"prompt_id", g.prompt_id},   {"prompt_version", g.prompt_version},
            {"attempts", g.attempts},     {"fallback", g.fallback},
            {"fallback_reason", g.fallback_reason}, {"fallback_stages", g.fallback_stages}};
}

Generation GenerationFromJson(const json& j);

json LocalizedToJson(const LocalizedText& t) {
    return {{"title", t.title},
            {"short_description", t.short_description},
            {"description", t.description},
            {"bullets", t.bullets},
            {"keywords", t.keywords}};
}

json CharacteristicToJson(const Characteristic& c) {
    json j = {{"key", c.key},         {"name", c.name},         {"value", c.value},
              {"unit", c.unit},       {"required", c.required}, {"dictionary", c.dictionary}};
    if (!c.name_uz.empty() || !c.value_uz.empty()) {
        j["name_uz"] = c.name_uz;
        j["value_uz"] = c.value_uz;
    }
    j["attribute_id"] = c.attribute_id ? json(*c.attribute_id) : json(nullptr);
    if (!c.derived_from.empty()) {
        j["derived_from"] = c.derived_from;
    }
    return j;
}

std::string Str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> StrList(const json& j, const char* key) {
    std::vector<std::string> out;
    auto it = j.find(key);
    if (it != j.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
            }
        }
    }
    return out;
}

std::optional<int64_t> OptInt(const json& j, const char* key) {
    auto it = j.find(key);
    if (it != j.end() && it->is_number_integer()) {
        return it->get<int64_t>();
    }
    return std::nullopt;
}

Generation GenerationFromJson(const json& j) {
    Generation g;
    g.source = Str(j, "source");
    g.model = Str(j, "model");
    g.prompt_id = Str(j, "prompt_id");
    g.prompt_version = j.value("prompt_version", 0);
    g.attempts = j.value("attempts", 0);
    g.fallback = j.value("fallback", false);
    g.fallback_reason = Str(j, "fallback_reason");
    g.fallback_stages = StrList(j, "fallback_stages");
    return g;
}

}  // namespace

void to_json(json& j, const CardContent& c) {
    j = json::object();
    j["marketplace"] = core::MarketplaceName(c.marketplace);
    j["category"] = c.category;
    j["product_type"] = c.product_type;
    j["marketplace_category"] = {{"id", c.marketplace_category.id ? json(*c.marketplace_category.id) : json(nullptr)},
                                 {"type_id", c.marketplace_category.type_id ? json(*c.marketplace_category.type_id)
                                                                            : json(nullptr)},
                                 {"name", c.marketplace_category.name},
                                 {"status", c.marketplace_category.status},
                                 {"source", c.marketplace_category.source}};
    j["language"] = c.language;
    j["title"] = c.title;
    j["description"] = c.description;
    j["bullets"] = c.bullets;
    j["characteristics"] = json::array();
    for (const auto& ch : c.characteristics) {
        j["characteristics"].push_back(CharacteristicToJson(ch));
    }
    j["keywords"] = c.keywords;
    j["texts"] = json::object();
    for (const auto& [lang, t] : c.texts) {
        j["texts"][lang] = LocalizedToJson(t);
    }
    j["slides"] = json::array();
    for (const auto& s : c.slides) {
        json sj = {{"topic", s.topic}};
        for (const auto& [lang, slide] : s.text) {
            sj[lang] = {{"headline", slide.headline}, {"lines", slide.lines}};
        }
        j["slides"].push_back(sj);
    }
    j["uz_apostrophe"] = c.uz_apostrophe;
    j["generation"] = GenerationToJson(c.generation);
}

void to_json(json& j, const QualityIssue& i) {
    j = {{"code", i.code},
         {"severity", SeverityName(i.severity)},
         {"field", i.field},
         {"message", {{"uz", i.message_uz}, {"ru", i.message_ru}, {"en", i.message_en}}},
         {"points", i.points}};
}

void to_json(json& j, const QualityReport& r) {
    j = json::object();
    j["marketplace"] = core::MarketplaceName(r.marketplace);
    j["score"] = r.score;
    j["pass_line"] = r.pass_line;
    j["passed"] = r.passed;
    j["blocked"] = r.HasBlocking();
    j["issues"] = r.issues;
}

static core::Result<Keywords> KeywordsFromJsonUnchecked(const json& j) {
    if (!j.is_object()) {
        return core::Error::Invalid("keywords must be an object");
    }
    Keywords k;
    if (auto it = j.find("main"); it != j.end() && it->is_object()) {
        for (const auto& [lang, v] : it->items()) {
            if (v.is_string()) {
                k.main[lang] = v.get<std::string>();
            }
        }
    }
    if (auto it = j.find("generation"); it != j.end() && it->is_object()) {
        k.generation = GenerationFromJson(*it);
    }
    if (auto it = j.find("items"); it != j.end() && it->is_array()) {
        for (const auto& i : *it) {
            if (!i.is_object()) {
                return core::Error::Invalid("keyword item must be an object", "items");
            }
            Keyword kw{Str(i, "text"), Str(i, "lang"), Str(i, "source"), i.value("weight", 0)};
            if (kw.text.empty() || kw.lang.empty()) {
                return core::Error::Invalid("keyword needs text and lang", "items");
            }
            k.items.push_back(std::move(kw));
        }
    }
    return k;
}

static core::Result<Strategy> StrategyFromJsonUnchecked(const json& j) {
    if (!j.is_object()) {
        return core::Error::Invalid("strategy must be an object");
    }
    Strategy s;
    if (auto it = j.find("audience"); it != j.end() && it->is_object()) {
        for (const auto& [lang, v] : it->items()) {
            if (v.is_string()) {
                s.audience[lang] = v.get<std::string>();
            }
        }
    }
    std::string pos = Str(j, "price_position");
    s.price_position = pos == "budget"    ? PricePosition::kBudget
                       : pos == "middle"  ? PricePosition::kMiddle
                       : pos == "premium" ? PricePosition::kPremium
                                          : PricePosition::kUnknown;
    s.price_basis = Str(j, "price_basis");
    if (auto it = j.find("generation"); it != j.end() && it->is_object()) {
        s.generation = GenerationFromJson(*it);
    }
    if (auto it = j.find("selling_points"); it != j.end() && it->is_array()) {
        for (const auto& p : *it) {
            SellingPoint sp;
            sp.attribute = Str(p, "attribute");
            if (auto t = p.find("text"); t != p.end() && t->is_object()) {
                for (const auto& [lang, v] : t->items()) {
                    if (v.is_string()) {
                        sp.text[lang] = v.get<std::string>();
                    }
                }
            }
            s.selling_points.push_back(std::move(sp));
        }
    }
    return s;
}

static core::Result<CardContent> CardContentFromJsonUnchecked(const json& j) {
    if (!j.is_object()) {
        return core::Error::Invalid("card content must be an object");
    }
    CardContent c;
    auto mp = core::ParseMarketplace(Str(j, "marketplace"));
    if (!mp) {
        return core::Error::Invalid("unknown marketplace", "marketplace");
    }
    c.marketplace = *mp;
    c.category = Str(j, "category");
    c.product_type = Str(j, "product_type");
    if (auto it = j.find("marketplace_category"); it != j.end() && it->is_object()) {
        c.marketplace_category.id = OptInt(*it, "id");
        c.marketplace_category.type_id = OptInt(*it, "type_id");
        c.marketplace_category.name = Str(*it, "name");
        c.marketplace_category.status = Str(*it, "status");
        c.marketplace_category.source = Str(*it, "source");
    }
    c.language = Str(j, "language");
    c.title = Str(j, "title");
    c.description = Str(j, "description");
    c.bullets = StrList(j, "bullets");
    if (auto it = j.find("characteristics"); it != j.end() && it->is_array()) {
        for (const auto& cj : *it) {
            if (!cj.is_object()) {
                return core::Error::Invalid("characteristic must be an object", "characteristics");
            }
            Characteristic ch;
            ch.key = Str(cj, "key");
            ch.name = Str(cj, "name");
            ch.value = Str(cj, "value");
            ch.name_uz = Str(cj, "name_uz");
            ch.value_uz = Str(cj, "value_uz");
            ch.unit = Str(cj, "unit");
            ch.attribute_id = OptInt(cj, "attribute_id");
            ch.required = cj.value("required", false);
            ch.dictionary = cj.value("dictionary", false);
            ch.derived_from = Str(cj, "derived_from");
            c.characteristics.push_back(std::move(ch));
        }
    }
    c.keywords = StrList(j, "keywords");
    if (auto it = j.find("texts"); it != j.end() && it->is_object()) {
        for (const auto& [lang, tj] : it->items()) {
            if (!tj.is_object()) {
                return core::Error::Invalid("text must be an object", "texts." + lang);
            }
            c.texts[lang] = LocalizedText{Str(tj, "title"), Str(tj, "short_description"), Str(tj, "description"),
                                          StrList(tj, "bullets"), StrList(tj, "keywords")};
        }
    }
    if (auto it = j.find("slides"); it != j.end() && it->is_array()) {
        for (const auto& sj : *it) {
            if (!sj.is_object()) {
                return core::Error::Invalid("slide must be an object", "slides");
            }
            SlideText st;
            st.topic = Str(sj, "topic");
            for (const auto& [lang, v] : sj.items()) {
                if (lang != "topic" && v.is_object()) {
                    st.text[lang] = Slide{Str(v, "headline"), StrList(v, "lines")};
                }
            }
            c.slides.push_back(std::move(st));
        }
    }
    c.uz_apostrophe = Str(j, "uz_apostrophe");
    if (auto it = j.find("generation"); it != j.end() && it->is_object()) {
        c.generation = GenerationFromJson(*it);
    }
    return c;
}

// nlohmann throws on a wrong value type; the exception stays here and becomes an Error.
template <typename F>
static auto Guard(F f, const json& j) -> decltype(f(j)) {
    try {
        return f(j);
    } catch (const json::exception& e) {
        return core::Error::Invalid(std::string("malformed JSON value: ") + e.what());
    }
}

core::Result<Keywords> KeywordsFromJson(const json& j) { return Guard(KeywordsFromJsonUnchecked, j); }
core::Result<Strategy> StrategyFromJson(const json& j) { return Guard(StrategyFromJsonUnchecked, j); }
core::Result<CardContent> CardContentFromJson(const json& j) { return Guard(CardContentFromJsonUnchecked, j); }

}  // namespace by::ai
