#include "ai/quality.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>

#include "ai/product_view.hpp"
#include "ai/russian.hpp"
#include "ai/text.hpp"
#include "ai/uzbek.hpp"

namespace by::ai {

using nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------- helpers

std::string Fold(std::string_view s) {
    return text::ReplaceAll(text::Lower(uz::Normalize(s)), "ё", "е");
}

bool HasScript(std::string_view s, bool cyrillic) {
    for (char32_t c : text::Decode(s)) {
        if (cyrillic ? text::IsCyrillic(c) : text::IsLatinLetter(c)) {
            return true;
        }
    }
    return false;
}

std::string StripDigits(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c < '0' || c > '9') {
            out.push_back(c);
        }
    }
    return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view sep = ", ") {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        out += (i ? std::string(sep) : std::string()) + items[i];
    }
    return out;
}

// Crude inflection stripping, enough to count repetitions of one word in different forms.
std::string Stem(const std::string& lower) {
    static const std::vector<std::string> kRu = {"иями", "ями", "ами", "ого", "его", "ому", "ему", "ыми", "ими", "ых", "их",
                                                 "ая",   "яя",  "ое",  "ее",  "ые",  "ие",  "ый",  "ий",  "ой",  "ую", "юю",
                                                 "ов",   "ев",  "ей",  "ам",  "ям",  "ах",  "ях",  "ом",  "ем",  "ью", "а",
                                                 "я",    "о",   "е",   "ы",   "и",   "у",   "ю",   "ь",   "й"};
    static const std::vector<std::string> kUz = {"larining", "larini", "lariga", "larida", "laridan", "lari", "lar", "ning",
                                                 "dagi",     "dan",    "da",     "ga",     "ni",      "si",   "i"};
    std::u32string cps = text::Decode(lower);
    const auto& endings = HasScript(lower, true) ? kRu : kUz;
    for (const auto& e : endings) {
        std::u32string ec = text::Decode(e);
        if (cps.size() >= ec.size() + 4 && cps.compare(cps.size() - ec.size(), ec.size(), ec) == 0) {
            return text::Encode(std::u32string_view(cps).substr(0, cps.size() - ec.size()));
        }
    }
    return lower;
}

// Phrases from a word list: "скидк*" (prefix), "хит" (whole word), "специальная цена" (words in a row),
// "№1" or "100%" (symbols: substring).
class WordMatcher {
  public:
    explicit WordMatcher(const std::vector<std::string>& entries) {
        for (const auto& raw : entries) {
            Pattern p;
            p.raw = raw;
            std::string folded = Fold(raw);
            bool symbols = false;
            for (char32_t c : text::Decode(folded)) {
                if (!(text::IsLetter(c) || text::IsDigit(c) || c == U' ' || c == U'*' || c == U'-' || text::IsApostropheLike(c))) {
                    symbols = true;
                }
            }
            if (symbols) {
                p.substring = folded;
            } else {
                for (auto& part : text::Split(folded, ' ')) {
                    if (part.empty()) {
                        continue;
                    }
                    bool prefix = part.back() == '*';
                    if (prefix) {
                        part.pop_back();
                    }
                    p.parts.emplace_back(part, prefix);
                }
            }
            patterns_.push_back(std::move(p));
        }
    }

    // Matched phrases as written in the text; `skip` filters single words (the product's own words).
    std::vector<std::string> Find(std::string_view text, const std::set<std::string>* skip = nullptr) const {
        std::string folded = Fold(text);
        std::vector<text::Token> words = text::Words(folded);
        std::vector<std::string> out;
        for (const auto& p : patterns_) {
            if (!p.substring.empty()) {
                if (folded.find(p.substring) != std::string::npos) {
                    out.push_back(p.raw);
                }
                continue;
            }
            for (size_t i = 0; i + p.parts.size() <= words.size(); ++i) {
                bool ok = true;
                for (size_t k = 0; k < p.parts.size() && ok; ++k) {
                    const auto& [part, prefix] = p.parts[k];
                    const std::string& w = words[i + k].text;
                    ok = prefix ? text::StartsWith(w, part) : w == part;
                }
                if (!ok) {
                    continue;
                }
                std::string phrase;
                for (size_t k = 0; k < p.parts.size(); ++k) {
                    phrase += (k ? " " : "") + words[i + k].text;
                }
                if (skip && p.parts.size() == 1 && skip->count(phrase)) {
                    continue;
                }
                out.push_back(phrase);
                break;
            }
        }
        return out;
    }

  private:
    struct Pattern {
        std::string raw;
        std::string substring;
        std::vector<std::pair<std::string, bool>> parts;
    };
    std::vector<Pattern> patterns_;
};

// E-mails, links, messenger handles and phone numbers.
std::vector<std::string> FindContacts(std::string_view s) {
    std::vector<std::string> out;
    std::string lower = text::Lower(s);
    for (const char* marker : {"http://", "https://", "www.", "t.me/", "instagram", "telegram", "whatsapp", "vk.com"}) {
        if (lower.find(marker) != std::string::npos) {
            out.push_back(marker);
        }
    }
    std::u32string cps = text::Decode(lower);
    auto word_char = [](char32_t c) { return text::IsLetter(c) || text::IsDigit(c) || c == U'.' || c == U'_' || c == U'-'; };
    for (size_t i = 0; i < cps.size(); ++i) {
        if (cps[i] == U'@') {
            size_t b = i;
            while (b > 0 && word_char(cps[b - 1])) {
                --b;
            }
            size_t e = i + 1;
            while (e < cps.size() && word_char(cps[e])) {
                ++e;
            }
            std::string token = text::Encode(std::u32string_view(cps).substr(b, e - b));
            if (e > i + 1) {
                out.push_back(token);  // e-mail or @handle
            }
        }
    }
    // A domain: letters, a dot, a known top-level domain, then a boundary.
    for (const char* tld : {".ru", ".uz", ".com", ".net", ".org", ".me", ".io", ".shop", ".store"}) {
        size_t pos = 0;
        std::string t(tld);
        while ((pos = lower.find(t, pos)) != std::string::npos) {
            bool letter_before = pos > 0 && std::isalpha(static_cast<unsigned char>(lower[pos - 1]));
            size_t end = pos + t.size();
            bool boundary = end >= lower.size() || !std::isalnum(static_cast<unsigned char>(lower[end]));
            if (letter_before && boundary) {
                out.push_back(lower.substr(pos > 12 ? pos - 12 : 0, end - (pos > 12 ? pos - 12 : 0)));
            }
            pos = end;
        }
    }
    // Phones: + or a digit, then digits, spaces, brackets and dashes, with nine digits or more.
    for (size_t i = 0; i < cps.size(); ++i) {
        if (!(cps[i] == U'+' || text::IsDigit(cps[i])) || (i > 0 && text::IsDigit(cps[i - 1]))) {
            continue;
        }
        size_t j = i;
        int digits = 0;
        while (j < cps.size() && (text::IsDigit(cps[j]) || cps[j] == U' ' || cps[j] == U'(' || cps[j] == U')' ||
                                  cps[j] == U'-' || (j == i && cps[j] == U'+'))) {
            digits += text::IsDigit(cps[j]) ? 1 : 0;
            ++j;
        }
        if (digits >= 9) {
            out.push_back(text::Trim(text::Encode(std::u32string_view(cps).substr(i, j - i))));
            i = j;
        }
    }
    return out;
}

// Two words with only spaces between them, on one line.
bool AdjacentTokens(const std::u32string& cps, const text::Token& a, const text::Token& b) {
    for (size_t k = a.offset + text::Decode(a.text).size(); k < b.offset; ++k) {
        if (!text::IsSpace(cps[k]) || cps[k] == U'\n') {
            return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------- context

struct FieldText {
    std::string field;  // "texts.ru.title", "slides[1].uz", "characteristics.color"
    std::string lang;
    std::string kind;   // the rule field it came from
    std::string text;
};

struct Finding {
    std::string field;
    std::map<std::string, Localized> vars;
    int points = -1;  // -1: the rule's points
};

Localized Same(const std::string& s) { return Localized{s, s, s}; }

const Localized kLangNames[] = {{"русский", "rus", "Russian"}, {"узбекский", "o\u02BBzbek", "Uzbek"}};
Localized LangName(std::string_view lang) { return lang == "ru" ? kLangNames[0] : lang == "uz" ? kLangNames[1] : Same(std::string(lang)); }

class Ctx {
  public:
    Ctx(const CategoryCatalog& cat, const QualityRules& rules, const core::Product& product, const CardContent& c,
        Marketplace m)
        : cat(cat), rules(rules), product(product), c(c), m(m), profile(cat.Profile(m)) {
        auto resolved = cat.Resolve(product);
        if (resolved.ok()) {
            view.emplace(cat, product, *resolved);
        }
    }

    const CategoryCatalog& cat;
    const QualityRules& rules;
    const core::Product& product;
    const CardContent& c;
    Marketplace m;
    const MarketplaceProfile& profile;
    std::optional<ProductView> view;

    bool LangAllowed(const QualityRule& r, const std::string& lang) const {
        return r.langs.empty() || std::find(r.langs.begin(), r.langs.end(), lang) != r.langs.end();
    }

    std::vector<FieldText> Texts(const QualityRule& r) const {
        std::vector<FieldText> out;
        for (const auto& f : r.fields) {
            if (f == "title" || f == "short_description" || f == "description" || f == "bullets") {
                for (const auto& [lang, t] : c.texts) {
                    if (!LangAllowed(r, lang)) {
                        continue;
                    }
                    std::string base = "texts." + lang + "." + f;
                    if (f == "title") {
                        out.push_back({base, lang, f, t.title});
                    } else if (f == "short_description") {
                        out.push_back({base, lang, f, t.short_description});
                    } else if (f == "description") {
                        out.push_back({base, lang, f, t.description});
                    } else {
                        for (size_t i = 0; i < t.bullets.size(); ++i) {
                            out.push_back({base + "[" + std::to_string(i) + "]", lang, f, t.bullets[i]});
                        }
                    }
                }
            } else if (f == "slides") {
                for (size_t i = 0; i < c.slides.size(); ++i) {
                    for (const auto& [lang, s] : c.slides[i].text) {
                        if (!LangAllowed(r, lang)) {
                            continue;
                        }
                        std::string joined = s.headline;
                        for (const auto& l : s.lines) {
                            joined += "\n" + l;
                        }
                        out.push_back({"slides[" + std::to_string(i) + "]." + lang, lang, f, joined});
                    }
                }
            } else if (f == "keywords") {
                for (const auto& [lang, t] : c.texts) {
                    if (!LangAllowed(r, lang)) {
                        continue;
                    }
                    for (size_t i = 0; i < t.keywords.size(); ++i) {
                        out.push_back({"texts." + lang + ".keywords[" + std::to_string(i) + "]", lang, f, t.keywords[i]});
                    }
                }
            } else if (f == "characteristics") {
                for (const auto& ch : c.characteristics) {
                    if (LangAllowed(r, "ru")) {
                        out.push_back({"characteristics." + ch.key, "ru", f, ch.value});
                    }
                    if (!ch.value_uz.empty() && LangAllowed(r, "uz")) {
                        out.push_back({"characteristics." + ch.key + ".uz", "uz", f, ch.value_uz});
                    }
                }
            }
        }
        return out;
    }

    std::set<std::string> OwnWords() const { return view ? view->OwnWords() : std::set<std::string>{}; }

    std::vector<std::string> TypeTerms(const std::string& lang) const {
        std::vector<std::string> out;
        if (!view) {
            return out;
        }
        out.push_back(Fold(view->TypeName(lang)));
        if (auto it = view->type().terms.find(lang); it != view->type().terms.end()) {
            for (const auto& t : it->second) {
                out.push_back(Fold(t));
            }
        }
        return out;
    }

    std::set<std::string> Units() const {
        std::set<std::string> out;
        for (const char* list : {"units_ru", "units_uz"}) {
            for (const auto& u : rules.List(list)) {
                out.insert(text::Lower(u));
            }
        }
        return out;
    }

    bool IsStop(const std::string& lang, const std::string& w) const { return cat.StopWords(lang).count(w) > 0; }

    // Content words: lower-case, no stop words, numbers, units or one-letter tokens.
    std::vector<std::string> ContentWords(const std::string& lang, std::string_view s) const {
        std::vector<std::string> out;
        std::set<std::string> units = Units();
        for (const auto& w : text::Words(Fold(s))) {
            if (w.number || text::Length(w.text) < 3 || IsStop(lang, w.text) || units.count(w.text)) {
                continue;
            }
            out.push_back(w.text);
        }
        return out;
    }
};

using CheckFn = std::function<std::vector<Finding>(const Ctx&, const QualityRule&)>;

int ParamInt(const QualityRule& r, const char* key, int def) {
    auto it = r.params.find(key);
    return it != r.params.end() && it->is_number() ? it->get<int>() : def;
}

double ParamDouble(const QualityRule& r, const char* key, double def) {
    auto it = r.params.find(key);
    return it != r.params.end() && it->is_number() ? it->get<double>() : def;
}

std::vector<std::string> ParamList(const QualityRule& r, const char* key) {
    std::vector<std::string> out;
    auto it = r.params.find(key);
    if (it != r.params.end() && it->is_array()) {
        for (const auto& v : *it) {
            if (v.is_string()) {
                out.push_back(v.get<std::string>());
            }
        }
    }
    return out;
}

Finding Make(std::string field, std::map<std::string, Localized> vars = {}, int points = -1) {
    return Finding{std::move(field), std::move(vars), points};
}

std::optional<double> NumberOf(std::string_view s) {
    auto nums = text::Numbers(s);
    if (nums.empty()) {
        return std::nullopt;
    }
    return std::strtod(nums.front().c_str(), nullptr);
}

// ---------------------------------------------------------------------------------------------- checks

std::vector<Finding> CheckMaxLength(const Ctx& x, const QualityRule& r) {
    int max = ParamInt(r, "max", 0);
    if (r.params.value("max_from", std::string()) == "description_max") {
        max = x.profile.description_max;
        if (x.view) {
            if (auto it = x.view->category().description_max.find(x.m); it != x.view->category().description_max.end()) {
                max = it->second;
            }
        }
    }
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        size_t len = text::Length(t.text);
        if (static_cast<int>(len) > max) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(len))}, {"max", Same(std::to_string(max))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckLengthRange(const Ctx& x, const QualityRule& r) {
    int min = ParamInt(r, "min", 0);
    int max = ParamInt(r, "max", 1 << 30);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        int len = static_cast<int>(text::Length(t.text));
        if (!t.text.empty() && (len < min || len > max)) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(len))},
                                         {"min", Same(std::to_string(min))},
                                         {"max", Same(std::to_string(max))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckMinLength(const Ctx& x, const QualityRule& r) {
    int min = ParamInt(r, "min", 0);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        int len = static_cast<int>(text::Length(t.text));
        if (len < min) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(len))}, {"min", Same(std::to_string(min))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckLanguagesPresent(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& lang : ParamList(r, "langs")) {
        auto it = x.c.texts.find(lang);
        for (const auto& f : r.fields) {
            std::string value;
            if (it != x.c.texts.end()) {
                value = f == "title" ? it->second.title
                        : f == "description" ? it->second.description
                        : f == "short_description" ? it->second.short_description
                                                   : std::string();
            }
            if (text::Trim(value).empty()) {
                out.push_back(Make("texts." + lang + "." + f, {{"lang", LangName(lang)}, {"field", Same(f)}}));
            }
        }
    }
    return out;
}

std::vector<Finding> CheckMinWords(const Ctx& x, const QualityRule& r) {
    int min = ParamInt(r, "min", 3);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        int n = 0;
        for (const auto& w : text::Words(t.text)) {
            n += w.number ? 0 : 1;
        }
        if (n < min) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(n))}, {"min", Same(std::to_string(min))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckStartsUpper(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::u32string cps = text::Decode(t.text);
        if (cps.empty() || !text::IsUpper(cps[0])) {
            out.push_back(Make(t.field));
        }
    }
    return out;
}

std::vector<Finding> CheckContainsType(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view) {
        return out;
    }
    for (const auto& t : x.Texts(r)) {
        std::string title = Fold(t.text);
        bool found = false;
        for (const auto& term : x.TypeTerms(t.lang)) {
            found = found || (!term.empty() && title.find(term) != std::string::npos);
        }
        if (!found) {
            out.push_back(Make(t.field, {{"type", x.view->type().name}}));
        }
    }
    return out;
}

std::vector<Finding> CheckNoPictographs(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::string found;
        for (char32_t c : text::Decode(t.text)) {
            if (text::IsPictographic(c)) {
                text::AppendUtf8(found, c);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(found)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckNoCaps(const Ctx& x, const QualityRule& r) {
    const size_t min_letters = static_cast<size_t>(ParamInt(r, "min_letters", 4));
    const auto& allow = x.rules.List("caps_allow");
    std::set<std::string> own = x.OwnWords();
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::vector<std::string> found;
        for (const auto& w : text::Words(t.text)) {
            size_t letters = 0;
            bool all_upper = true;
            for (char32_t c : text::Decode(w.text)) {
                if (text::IsLetter(c) && c != U'\u02BB' && c != U'\u02BC') {
                    ++letters;
                    all_upper = all_upper && text::IsUpper(c);
                }
            }
            if (letters >= min_letters && all_upper && std::find(allow.begin(), allow.end(), w.text) == allow.end() &&
                !own.count(text::Lower(w.text))) {
                found.push_back(w.text);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckNoWords(const Ctx& x, const QualityRule& r) {
    std::vector<std::string> entries;
    for (const auto& name : ParamList(r, "lists")) {
        const auto& l = x.rules.List(name);
        entries.insert(entries.end(), l.begin(), l.end());
    }
    WordMatcher matcher(entries);
    std::set<std::string> own = x.OwnWords();
    const bool exempt_own = r.params.value("exempt_own", false);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto found = matcher.Find(t.text, exempt_own ? &own : nullptr);
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckNoContacts(const Ctx& x, const QualityRule& r) {
    // Long digit runs that the product itself carries (ISBN, barcode, article) are not phone numbers.
    std::set<std::string> own_digits;
    std::function<void(const json&)> collect = [&](const json& j) {
        if (j.is_string()) {
            std::string d;
            for (char ch : j.get<std::string>()) {
                if (ch >= '0' && ch <= '9') {
                    d.push_back(ch);
                }
            }
            if (!d.empty()) {
                own_digits.insert(d);
            }
        } else if (j.is_array() || j.is_object()) {
            for (const auto& v : j) {
                collect(v);
            }
        }
    };
    collect(x.product.attributes);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto found = FindContacts(t.text);
        found.erase(std::remove_if(found.begin(), found.end(), [&](const std::string& f) {
                        std::string d;
                        for (char ch : f) {
                            if (ch >= '0' && ch <= '9') {
                                d.push_back(ch);
                            }
                        }
                        return !d.empty() && own_digits.count(d) > 0;
                    }),
                    found.end());
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckRepeatedWords(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::map<std::string, int> counts;
        std::vector<std::string> found;
        for (const auto& w : x.ContentWords(t.lang, t.text)) {
            if (++counts[Stem(w)] == 2) {
                found.push_back(w);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckAbbreviations(const Ctx& x, const QualityRule& r) {
    const auto& abbreviations = x.rules.List("abbreviations");
    const auto& allow = x.rules.List("caps_allow");
    std::set<std::string> own = x.OwnWords();
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::u32string cps = text::Decode(t.text);
        auto words = text::Words(t.text);
        std::vector<std::string> found;
        for (size_t i = 0; i < words.size(); ++i) {
            const auto& w = words[i];
            bool after_number = i > 0 && words[i - 1].number && AdjacentTokens(cps, words[i - 1], w);
            if (after_number) {
                continue;  // units after a number are not abbreviations ("256 ГБ", "1,7 л")
            }
            size_t end = w.offset + text::Decode(w.text).size();
            std::string lower = text::Lower(w.text);
            bool dotted = end < cps.size() && cps[end] == U'.';
            if (dotted && std::find(abbreviations.begin(), abbreviations.end(), lower) != abbreviations.end()) {
                found.push_back(w.text + ".");
                continue;
            }
            size_t letters = 0;
            bool all_upper = true;
            for (char32_t c : text::Decode(w.text)) {
                if (text::IsLetter(c)) {
                    ++letters;
                    all_upper = all_upper && text::IsUpper(c);
                } else if (c != U'-') {
                    all_upper = false;
                }
            }
            if (letters >= 2 && all_upper && std::find(allow.begin(), allow.end(), w.text) == allow.end() &&
                !own.count(lower)) {
                found.push_back(w.text);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<std::string> HtmlTags(std::string_view s) {
    std::vector<std::string> tags;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] != '<') {
            continue;
        }
        size_t j = i + 1;
        if (s[j] == '/') {
            ++j;
        }
        size_t b = j;
        while (j < s.size() && std::isalnum(static_cast<unsigned char>(s[j]))) {
            ++j;
        }
        if (j > b && std::isalpha(static_cast<unsigned char>(s[b])) && s.find('>', j) != std::string_view::npos) {
            tags.push_back(text::Lower(s.substr(b, j - b)));
        }
    }
    return tags;
}

std::vector<Finding> CheckHtmlAllowed(const Ctx& x, const QualityRule& r) {
    auto allowed = ParamList(r, "tags");
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto tags = HtmlTags(t.text);
        std::vector<std::string> bad;
        bool list = false;
        bool li = false;
        for (const auto& tag : tags) {
            if (std::find(allowed.begin(), allowed.end(), tag) == allowed.end()) {
                bad.push_back("<" + tag + ">");
            }
            list = list || tag == "ul" || tag == "ol";
            li = li || tag == "li";
        }
        if (li && !list) {
            bad.push_back("<li> outside <ul>/<ol>");
        }
        if (!bad.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(bad))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckNoHtml(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto tags = HtmlTags(t.text);
        if (!tags.empty()) {
            out.push_back(Make(t.field, {{"found", Same("<" + tags.front() + ">")}}));
        }
    }
    return out;
}

int CountSentences(std::string_view s) {
    std::u32string cps = text::Decode(text::Trim(s));
    int n = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        if ((c == U'.' || c == U'!' || c == U'?' || c == U'…') && (i + 1 == cps.size() || text::IsSpace(cps[i + 1]))) {
            ++n;
        }
    }
    if (!cps.empty() && !(cps.back() == U'.' || cps.back() == U'!' || cps.back() == U'?' || cps.back() == U'…')) {
        ++n;
    }
    return n;
}

std::vector<Finding> CheckMaxSentences(const Ctx& x, const QualityRule& r) {
    int max = ParamInt(r, "max", 2);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        int n = CountSentences(t.text);
        if (n > max) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(n))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckLead(const Ctx& x, const QualityRule& r) {
    const size_t chars = static_cast<size_t>(ParamInt(r, "chars", 160));
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::u32string cps = text::Decode(t.text);
        std::string lead = Fold(text::Encode(std::u32string_view(cps).substr(0, std::min(chars, cps.size()))));
        bool type = false;
        for (const auto& term : x.TypeTerms(t.lang)) {
            type = type || (!term.empty() && lead.find(term) != std::string::npos);
        }
        // Key attributes of the title: its comma-separated parts after the noun phrase, and the brand.
        auto it = x.c.texts.find(t.lang);
        std::vector<std::string> keys;
        if (it != x.c.texts.end()) {
            auto parts = text::Split(it->second.title, ',');
            for (size_t i = 1; i < parts.size(); ++i) {
                keys.push_back(Fold(text::Trim(parts[i])));
            }
            // The name after the type noun (brand, model; author and title for books) counts as well.
            std::string head = parts.empty() ? std::string() : Fold(parts[0]);
            for (const auto& term : x.TypeTerms(t.lang)) {
                if (!term.empty() && text::StartsWith(head, term)) {
                    keys.push_back(text::Trim(head.substr(term.size())));
                    break;
                }
            }
        }
        if (!x.product.brand.empty()) {
            keys.push_back(Fold(x.product.brand));
        }
        bool attr = keys.empty();
        for (const auto& k : keys) {
            for (const auto& w : text::Words(k)) {
                attr = attr || (text::Length(w.text) >= 2 && lead.find(w.text) != std::string::npos);
            }
        }
        if (!type || !attr) {
            out.push_back(Make(t.field, {{"chars", Same(std::to_string(chars))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckDensity(const Ctx& x, const QualityRule& r) {
    const double share = ParamDouble(r, "share", 0.03);
    const double per_1000 = ParamDouble(r, "per_1000", 4);
    const int floor = ParamInt(r, "floor", 4);
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        size_t tokens = text::Words(t.text).size();
        size_t chars = text::Length(t.text);
        double allowed = std::max({static_cast<double>(floor), share * static_cast<double>(tokens),
                                   per_1000 * static_cast<double>(chars) / 1000.0});
        std::map<std::string, std::pair<int, std::string>> counts;
        for (const auto& w : x.ContentWords(t.lang, t.text)) {
            auto& e = counts[Stem(w)];
            ++e.first;
            if (e.second.empty()) {
                e.second = w;
            }
        }
        std::pair<int, std::string> worst{0, ""};
        for (const auto& [stem, e] : counts) {
            if (e.first > worst.first) {
                worst = e;
            }
        }
        if (worst.first > allowed) {
            out.push_back(Make(t.field, {{"found", Same(worst.second)},
                                         {"actual", Same(std::to_string(worst.first))},
                                         {"max", Same(std::to_string(static_cast<int>(allowed)))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckFactsMatch(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view) {
        return out;
    }
    std::set<std::string> allowed = x.view->Numbers();
    for (const auto& ch : x.c.characteristics) {
        for (const auto& n : text::Numbers(ch.value)) {
            allowed.insert(n);
        }
    }
    const Dictionary* colors = x.cat.FindDictionary("colors");
    AttributeValue own_color = x.view->Get("color");
    for (const auto& t : x.Texts(r)) {
        std::vector<std::string> found;
        for (const auto& n : text::Numbers(t.text)) {
            if (!allowed.count(n)) {
                found.push_back(n);
            }
        }
        if (colors) {
            std::string folded = Fold(t.text);
            // Remove the product's own colour first so "to'q ko'k" does not read as "ko'k".
            if (own_color.entry) {
                std::vector<std::string> forms = {own_color.entry->ru, own_color.entry->uz};
                if (own_color.entry->ru_forms) {
                    forms.insert(forms.end(), {own_color.entry->ru_forms->f, own_color.entry->ru_forms->n,
                                               own_color.entry->ru_forms->pl});
                }
                for (const auto& f : forms) {
                    folded = text::ReplaceAll(folded, Fold(f), " ");
                }
            }
            std::vector<std::string> words;
            for (const auto& w : text::Words(folded)) {
                words.push_back(w.text);
            }
            for (const auto& e : colors->entries) {
                if (own_color.entry == &e) {
                    continue;
                }
                std::vector<std::string> forms = {e.ru, e.uz};
                if (e.ru_forms) {
                    forms.insert(forms.end(), {e.ru_forms->f, e.ru_forms->n, e.ru_forms->pl});
                }
                for (const auto& f : forms) {
                    auto parts = text::Words(Fold(f));
                    if (parts.empty()) {
                        continue;
                    }
                    for (size_t i = 0; i + parts.size() <= words.size(); ++i) {
                        bool ok = true;
                        for (size_t k = 0; k < parts.size() && ok; ++k) {
                            ok = words[i + k] == parts[k].text;
                        }
                        if (ok) {
                            found.push_back(f);
                            break;
                        }
                    }
                }
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckNumbers(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view) {
        return out;
    }
    const auto& allowed = x.view->Numbers();
    for (const auto& t : x.Texts(r)) {
        if (t.kind == "characteristics") {
            // Converted logistics values (cm -> mm) are checked by R-C-3/4; the rest must be copied.
            std::string key = t.field.substr(std::string("characteristics.").size());
            key = key.substr(0, key.find('.'));
            const Characteristic* ch = x.c.FindCharacteristic(key);
            if (ch && !ch->derived_from.empty()) {
                continue;
            }
        }
        std::vector<std::string> found;
        for (const auto& n : text::Numbers(t.text)) {
            if (!allowed.count(n)) {
                found.push_back(n);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckRequired(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view) {
        return out;
    }
    for (const auto& spec : x.view->category().characteristics) {
        if (!spec.required.count(x.m)) {
            continue;
        }
        const Characteristic* ch = x.c.FindCharacteristic(spec.attribute);
        if (!ch || text::Trim(ch->value).empty()) {
            const AttributeDef* def = x.cat.Attribute(spec.attribute);
            out.push_back(Make("characteristics." + spec.attribute, {{"found", def ? def->label : Same(spec.attribute)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckDictionary(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& ch : x.c.characteristics) {
        if (!ch.dictionary) {
            continue;
        }
        const AttributeDef* def = x.cat.Attribute(ch.key);
        const Dictionary* dict = def ? x.cat.FindDictionary(def->dictionary) : nullptr;
        if (dict && !dict->Allows(x.m, ch.value)) {
            out.push_back(Make("characteristics." + ch.key, {{"found", Same(ch.value)}, {"attribute", def->label}}));
        }
    }
    return out;
}

std::vector<Finding> CheckPackageUnits(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    auto units = r.params.find("units");
    if (units == r.params.end() || !units->is_object()) {
        return out;
    }
    for (const auto& [key, unit] : units->items()) {
        const Characteristic* ch = x.c.FindCharacteristic(key);
        if (!ch) {
            continue;  // R-C-1 reports a missing one
        }
        const AttributeDef* def = x.cat.Attribute(key);
        Localized label = def ? def->label : Same(key);
        auto n = NumberOf(ch->value);
        if (!n || *n <= 0) {
            out.push_back(Make("characteristics." + key, {{"attribute", label}, {"found", Same(ch->value)}}));
        } else if (ch->unit != unit.get<std::string>()) {
            out.push_back(Make("characteristics." + key, {{"attribute", label}, {"found", Same(ch->value + " " + ch->unit)}}));
        }
    }
    return out;
}

std::optional<double> CharNumber(const CardContent& c, std::string_view key) {
    const Characteristic* ch = c.FindCharacteristic(key);
    return ch ? NumberOf(ch->value) : std::nullopt;
}

std::vector<Finding> CheckBulky(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    double max_weight = ParamDouble(r, "max_weight_g", 25000);
    double max_side = ParamDouble(r, "max_side_mm", 1800);
    if (auto w = CharNumber(x.c, "package_weight_g"); w && *w >= max_weight) {
        out.push_back(Make("characteristics.package_weight_g", {{"found", Same(text::CanonicalNumber(std::to_string(*w)) + " г")}}));
    }
    for (const char* key : {"package_length_cm", "package_width_cm", "package_height_cm"}) {
        if (auto v = CharNumber(x.c, key); v && *v >= max_side) {
            out.push_back(Make(std::string("characteristics.") + key, {{"found", Same(text::CanonicalNumber(std::to_string(*v)) + " мм")}}));
        }
    }
    return out;
}

std::vector<Finding> CheckUnitInName(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    std::set<std::string> units = x.Units();
    auto norm = [](std::string s) { return text::ReplaceAll(text::Lower(s), "·", ""); };
    for (const auto& ch : x.c.characteristics) {
        auto pos = ch.name.rfind(", ");
        if (pos == std::string::npos || ch.unit.empty()) {
            continue;
        }
        std::string named = ch.name.substr(pos + 2);
        bool is_unit = units.count(text::Lower(named)) > 0 || units.count(norm(named)) > 0;
        if (is_unit && norm(named) != norm(ch.unit)) {
            out.push_back(Make("characteristics." + ch.key, {{"attribute", Same(ch.name)}, {"expected", Same(named)}, {"found", Same(ch.unit)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckImportant(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view || x.view->category().important.empty()) {
        return out;
    }
    int min = ParamInt(r, "min_percent", 70);
    std::vector<std::string> missing_ru;
    std::vector<std::string> missing_uz;
    std::vector<std::string> missing_en;
    const auto& important = x.view->category().important;
    for (const auto& key : important) {
        const Characteristic* ch = x.c.FindCharacteristic(key);
        if (!ch || ch->value.empty()) {
            const AttributeDef* def = x.cat.Attribute(key);
            missing_ru.push_back(def ? def->label.ru : key);
            missing_uz.push_back(def ? def->label.uz : key);
            missing_en.push_back(def ? def->label.en : key);
        }
    }
    int pct = static_cast<int>((important.size() - missing_ru.size()) * 100 / important.size());
    if (pct < min) {
        out.push_back(Make("characteristics", {{"actual", Same(std::to_string(pct))},
                                               {"min", Same(std::to_string(min))},
                                               {"found", Localized{Join(missing_ru), Join(missing_uz), Join(missing_en)}}}));
    }
    return out;
}

std::vector<Finding> CheckMinFeatures(const Ctx& x, const QualityRule& r) {
    int min = ParamInt(r, "min", 3);
    std::vector<Finding> out;
    for (const auto& lang : ParamList(r, "langs")) {
        int n = 0;
        for (const auto& ch : x.c.characteristics) {
            n += !(lang == "ru" ? ch.value : ch.value_uz).empty() ? 1 : 0;
        }
        if (n < min) {
            out.push_back(Make("characteristics", {{"actual", Same(std::to_string(n))}, {"min", Same(std::to_string(min))}, {"lang", LangName(lang)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckPackageLimits(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    auto h = CharNumber(x.c, "package_height_cm");
    auto l = CharNumber(x.c, "package_length_cm");
    auto w = CharNumber(x.c, "package_width_cm");
    auto kg = CharNumber(x.c, "package_weight_g");  // written in kg for Uzum
    std::vector<std::string> over;
    if (h && *h > ParamDouble(r, "max_height_cm", 50)) {
        over.push_back("h " + text::CanonicalNumber(std::to_string(*h)) + " см");
    }
    if (l && w) {
        double big = std::max(*l, *w);
        double small = std::min(*l, *w);
        if (big > ParamDouble(r, "max_length_cm", 120) || small > ParamDouble(r, "max_width_cm", 80)) {
            over.push_back(text::CanonicalNumber(std::to_string(*l)) + "×" + text::CanonicalNumber(std::to_string(*w)) + " см");
        }
    }
    if (kg && *kg * 1000 > ParamDouble(r, "max_weight_g", 50000)) {
        over.push_back(text::CanonicalNumber(std::to_string(*kg)) + " кг");
    }
    if (!over.empty()) {
        out.push_back(Make("characteristics", {{"found", Same(Join(over))}}));
    }
    return out;
}

std::vector<Finding> CheckTagLists(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view) {
        return out;
    }
    size_t max_items = static_cast<size_t>(ParamInt(r, "max_items", 3));
    std::vector<std::string> keys = x.TypeTerms("ru");
    for (const auto& [lang, syn] : x.view->type().synonyms) {
        for (const auto& s : syn) {
            keys.push_back(Fold(s));
        }
    }
    if (!x.product.brand.empty()) {
        keys.push_back(Fold(x.product.brand));
    }
    for (const auto& ch : x.c.characteristics) {
        const AttributeDef* def = x.cat.Attribute(ch.key);
        if (ch.dictionary || !def || def->kind != AttributeKind::kText) {
            continue;  // kit lists are lists by nature
        }
        auto items = text::Split(ch.value, ',');
        if (items.size() <= max_items) {
            continue;
        }
        int keyish = 0;
        for (const auto& item : items) {
            std::string f = Fold(item);
            bool hit = false;
            for (const auto& k : keys) {
                hit = hit || (!k.empty() && f.find(k) != std::string::npos);
            }
            keyish += hit ? 1 : 0;
        }
        if (keyish >= 2) {
            out.push_back(Make("characteristics." + ch.key, {{"attribute", Same(ch.name)}, {"found", Same(ch.value)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckUzNoCyrillic(const Ctx& x, const QualityRule& r) {
    std::set<std::string> own = x.OwnWords();
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::vector<std::string> found;
        for (const auto& w : text::Words(t.text)) {
            if (HasScript(w.text, true) && !own.count(Fold(w.text)) && !own.count(text::Lower(w.text))) {
                found.push_back(w.text);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

bool LatinAllowed(const std::string& token, const std::set<std::string>& own, const std::vector<std::string>& allow) {
    auto ok = [&](const std::string& s) {
        return s.empty() || own.count(s) || std::find(allow.begin(), allow.end(), s) != allow.end();
    };
    std::string lower = text::Lower(token);
    if (ok(lower) || ok(StripDigits(lower))) {
        return true;
    }
    for (const auto& part : text::Split(lower, '-')) {
        if (HasScript(part, false) && !ok(part) && !ok(StripDigits(part))) {
            return false;
        }
    }
    return true;
}

std::vector<Finding> CheckRuLatin(const Ctx& x, const QualityRule& r) {
    std::set<std::string> own = x.OwnWords();
    const auto& allow = x.rules.List("latin_allow_ru");
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::vector<std::string> found;
        for (const auto& w : text::Words(t.text)) {
            if (HasScript(w.text, false) && !LatinAllowed(w.text, own, allow)) {
                found.push_back(w.text);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::string SchemeOf(const uz::ApostropheUsage& u) {
    std::vector<std::string> s;
    if (u.turned + u.modifier) {
        s.push_back("modifier");
    }
    if (u.left_quote + u.right_quote) {
        s.push_back("typographic");
    }
    if (u.ascii) {
        s.push_back("ascii");
    }
    if (u.other) {
        s.push_back("other");
    }
    return Join(s, "+");
}

std::vector<Finding> CheckApostropheConsistent(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto usage = uz::AnalyzeApostrophes(t.text);
        std::string scheme = SchemeOf(usage);
        // Slides stay canonical for the image renderer; everything else uses the card's style.
        std::string expected = t.kind == "slides" || x.c.uz_apostrophe.empty() ? "modifier" : x.c.uz_apostrophe;
        if (usage.Mixed() || (!scheme.empty() && scheme != expected)) {
            out.push_back(Make(t.field, {{"found", Same(scheme)}, {"expected", Same(expected)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckApostropheMarks(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto wrong = uz::WrongMarks(t.text);
        if (!wrong.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(wrong))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckUzPlural(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        auto found = uz::PluralAfterNumeral(uz::Normalize(t.text));
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckRuNumerals(const Ctx& x, const QualityRule& r) {
    static const std::set<std::string> kOtherPreps = {"на", "в", "во", "за", "по", "через", "под", "с", "со", "о", "об", "при"};
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::u32string cps = text::Decode(t.text);
        auto words = text::Words(t.text);
        std::vector<std::string> found;
        std::vector<std::string> expected;
        for (size_t i = 0; i + 1 < words.size(); ++i) {
            if (!words[i].number || !AdjacentTokens(cps, words[i], words[i + 1])) {
                continue;
            }
            std::string w = text::Lower(words[i + 1].text);
            std::string prev = i > 0 && AdjacentTokens(cps, words[i - 1], words[i]) ? text::Lower(words[i - 1].text) : "";
            if (kOtherPreps.count(prev)) {
                continue;  // accusative and instrumental forms are not in the table
            }
            for (const auto& [key, noun] : x.cat.CountedNouns()) {
                std::string one = text::Lower(noun.one), few = text::Lower(noun.few), many = text::Lower(noun.many);
                if (w != one && w != few && w != many) {
                    continue;
                }
                auto cat = ru::CategoryOf(text::CanonicalNumber(words[i].text));
                const std::string& want = ru::IsGenitivePreposition(prev) ? ru::GenitiveFormFor(noun, cat) : ru::FormFor(noun, cat);
                if (w != text::Lower(want)) {
                    found.push_back(words[i].text + " " + words[i + 1].text);
                    expected.push_back(words[i].text + " " + want);
                }
                break;
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}, {"expected", Same(Join(expected))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckRuDecimal(const Ctx& x, const QualityRule& r) {
    std::set<std::string> own = x.OwnWords();
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::vector<std::string> found;
        for (const auto& w : text::Words(t.text)) {
            if (w.number && w.text.find('.') != std::string::npos && !own.count(w.text)) {
                found.push_back(w.text);
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckRuUnitSpacing(const Ctx& x, const QualityRule& r) {
    const auto& units_list = x.rules.List("units_ru");
    std::set<std::string> units;
    for (const auto& u : units_list) {
        units.insert(text::Lower(u));
    }
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::u32string cps = text::Decode(t.text);
        std::vector<std::string> found;
        for (size_t i = 0; i + 1 < cps.size(); ++i) {
            if (!text::IsDigit(cps[i]) || !text::IsSpace(cps[i + 1])) {
                continue;
            }
            size_t j = i + 2;
            std::u32string unit;
            while (j < cps.size() && (text::IsLetter(cps[j]) || cps[j] == U'·' || cps[j] == U'/')) {
                unit.push_back(text::ToLower(cps[j]));
                ++j;
            }
            if (unit.empty() || !units.count(text::Encode(unit))) {
                continue;
            }
            bool plain_space = cps[i + 1] == U' ';
            bool dot_after = j + 2 < cps.size() && cps[j] == U'.' && cps[j + 1] == U' ' && text::IsLower(cps[j + 2]);
            if (plain_space || dot_after) {
                found.push_back(text::Encode(std::u32string_view(cps).substr(i, j - i + (dot_after ? 1 : 0))));
            }
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckWhitespace(const Ctx& x, const QualityRule& r) {
    auto nbsp_mps = ParamList(r, "no_nbsp_in_title");
    bool no_nbsp = std::find(nbsp_mps.begin(), nbsp_mps.end(), MarketplaceKey(x.m)) != nbsp_mps.end();
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::vector<std::string> found;
        if (t.text.find("  ") != std::string::npos) {
            found.push_back("double space");
        }
        if (text::Trim(t.text) != t.text) {
            found.push_back("leading or trailing space");
        }
        if (no_nbsp && t.kind == "title" &&
            (t.text.find("\u00A0") != std::string::npos || t.text.find("\u202F") != std::string::npos)) {
            found.push_back("no-break space in the title");
        }
        if (!found.empty()) {
            out.push_back(Make(t.field, {{"found", Same(Join(found))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckLanguage(const Ctx& x, const QualityRule& r) {
    const double min_share = ParamDouble(r, "min_share", 0.8);
    std::set<std::string> own = x.OwnWords();
    const auto& allow = x.rules.List("latin_allow_ru");
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        size_t cyr = 0, lat = 0;
        bool turkish = false;
        for (const auto& w : text::Words(t.text)) {
            if (own.count(text::Lower(w.text)) || (t.lang == "ru" && LatinAllowed(w.text, own, allow) && !HasScript(w.text, true))) {
                continue;  // names and technical terms say nothing about the language
            }
            for (char32_t c : text::Decode(w.text)) {
                cyr += text::IsCyrillic(c) ? 1 : 0;
                lat += text::IsLatinLetter(c) ? 1 : 0;
                turkish = turkish || c == U'ş' || c == U'ç' || c == U'ğ' || c == U'ı' || c == U'ö' || c == U'ü';
            }
        }
        size_t total = cyr + lat;
        if (total == 0) {
            continue;
        }
        double share = static_cast<double>(t.lang == "ru" ? cyr : lat) / static_cast<double>(total);
        std::string why;
        if (share < min_share) {
            why = "script share " + std::to_string(static_cast<int>(share * 100)) + " %";
        } else if (t.lang == "uz" && turkish) {
            why = "Turkish letters";
        }
        if (!why.empty()) {
            out.push_back(Make(t.field, {{"lang", LangName(t.lang)}, {"found", Same(why)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckSlides(const Ctx& x, const QualityRule& r) {
    const size_t min = static_cast<size_t>(ParamInt(r, "min", 4));
    const size_t max = static_cast<size_t>(ParamInt(r, "max", 6));
    const size_t headline_max = static_cast<size_t>(ParamInt(r, "headline_max", 30));
    const size_t line_max = static_cast<size_t>(ParamInt(r, "line_max", 36));
    const size_t lines_max = static_cast<size_t>(ParamInt(r, "lines_max", 3));
    std::vector<Finding> out;
    if (x.c.slides.size() < min || x.c.slides.size() > max) {
        out.push_back(Make("slides", {{"found", Same(std::to_string(x.c.slides.size()) + " slides, expected " +
                                                     std::to_string(min) + "–" + std::to_string(max))}}));
    }
    for (size_t i = 0; i < x.c.slides.size(); ++i) {
        const auto& s = x.c.slides[i];
        for (const auto& lang : ParamList(r, "langs")) {
            std::string field = "slides[" + std::to_string(i) + "]." + lang;
            auto it = s.text.find(lang);
            if (it == s.text.end() || it->second.headline.empty()) {
                out.push_back(Make(field, {{"found", Same("no " + lang + " text")}}));
                continue;
            }
            std::vector<std::string> bad;
            if (text::Length(it->second.headline) > headline_max) {
                bad.push_back("headline over " + std::to_string(headline_max) + " characters");
            }
            if (it->second.lines.size() > lines_max) {
                bad.push_back("more than " + std::to_string(lines_max) + " lines");
            }
            for (const auto& l : it->second.lines) {
                if (text::Length(l) > line_max || text::Trim(l).empty()) {
                    bad.push_back("line \"" + l + "\"");
                }
            }
            if (!bad.empty()) {
                out.push_back(Make(field, {{"found", Same(Join(bad))}}));
            }
        }
    }
    return out;
}

int Scaled(int max_points, double shortfall) {
    return std::clamp(static_cast<int>(std::ceil(max_points * shortfall)), 1, max_points);
}

std::vector<Finding> CheckSeoTypeEarly(const Ctx& x, const QualityRule& r) {
    const size_t within = static_cast<size_t>(ParamInt(r, "within", 25));
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::string title = Fold(t.text);
        size_t best = std::string::npos;
        for (const auto& term : x.TypeTerms(t.lang)) {
            size_t pos = term.empty() ? std::string::npos : title.find(term);
            if (pos != std::string::npos) {
                best = std::min(best, text::Length(title.substr(0, pos)));
            }
        }
        if (best == std::string::npos || best > within) {
            out.push_back(Make(t.field, {{"max", Same(std::to_string(within))}}));
        }
    }
    return out;
}

std::vector<Finding> CheckSeoTitleLength(const Ctx& x, const QualityRule& r) {
    const int min = x.profile.title_target_min;
    const int max = x.profile.title_target_max;
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        int len = static_cast<int>(text::Length(t.text));
        std::map<std::string, Localized> vars = {{"actual", Same(std::to_string(len))},
                                                 {"min", Same(std::to_string(min))},
                                                 {"max", Same(std::to_string(max))}};
        if (len < min) {
            out.push_back(Make(t.field, vars, Scaled(r.points, 2.0 * (min - len) / std::max(min, 1))));
        } else if (len > max && len <= x.profile.title_max) {
            out.push_back(Make(t.field, vars, std::min(2, r.points)));
        }
    }
    return out;
}

std::vector<Finding> CheckSeoTitleCoverage(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    if (!x.view) {
        return out;
    }
    for (const auto& t : x.Texts(r)) {
        std::string title = Fold(t.text);
        Localized missing;
        int points = 0;
        auto add = [&](const char* ru, const char* uz, const char* en, int p) {
            missing.ru += (missing.ru.empty() ? "" : ", ") + std::string(ru);
            missing.uz += (missing.uz.empty() ? "" : ", ") + std::string(uz);
            missing.en += (missing.en.empty() ? "" : ", ") + std::string(en);
            points += p;
        };
        const auto& head = x.view->category().head;
        auto in_head = [&](const char* part) { return std::find(head.begin(), head.end(), part) != head.end(); };
        if (in_head("brand") && !x.product.brand.empty() && title.find(Fold(x.product.brand)) == std::string::npos) {
            add("бренд", "brend", "brand", 3);
        }
        std::string model = x.view->Model(t.lang);
        bool model_ok = true;
        for (const auto& w : text::Words(Fold(model))) {
            model_ok = model_ok && title.find(w.text) != std::string::npos;
        }
        if (in_head("model") && !model.empty() && !model_ok) {
            add("модель", "model", "model", 2);
        }
        if (points > 0) {
            out.push_back(Make(t.field, {{"found", missing}}, std::min(points, r.points)));
        }
    }
    return out;
}

std::vector<Finding> CheckSeoDescriptionCoverage(const Ctx& x, const QualityRule& r) {
    const int min = ParamInt(r, "min_percent", 60);
    const size_t max_keywords = static_cast<size_t>(ParamInt(r, "keywords", 8));
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        std::set<std::string> stems;
        for (const auto& w : text::Words(Fold(t.text))) {
            stems.insert(Stem(w.text));
        }
        size_t total = 0, covered = 0;
        auto lt = x.c.texts.find(t.lang);
        for (const auto& kw : lt == x.c.texts.end() ? std::vector<std::string>{} : lt->second.keywords) {
            if (total >= max_keywords) {
                break;
            }
            ++total;
            bool all = true;
            for (const auto& w : x.ContentWords(t.lang, kw)) {
                all = all && stems.count(Stem(w));
            }
            covered += all ? 1 : 0;
        }
        if (total == 0) {
            continue;
        }
        int pct = static_cast<int>(covered * 100 / total);
        if (pct < min) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(pct))}, {"min", Same(std::to_string(min))}},
                               Scaled(r.points, static_cast<double>(min - pct) / min)));
        }
    }
    return out;
}

std::vector<Finding> CheckSeoDescriptionLength(const Ctx& x, const QualityRule& r) {
    const int min = x.profile.description_target_min;
    std::vector<Finding> out;
    for (const auto& t : x.Texts(r)) {
        int len = static_cast<int>(text::Length(t.text));
        if (len < min) {
            out.push_back(Make(t.field, {{"actual", Same(std::to_string(len))}, {"min", Same(std::to_string(min))}},
                               Scaled(r.points, static_cast<double>(min - len) / min)));
        }
    }
    return out;
}

std::vector<Finding> CheckSeoKeywords(const Ctx& x, const QualityRule& r) {
    const int min = ParamInt(r, "min", 5);
    std::vector<Finding> out;
    for (const auto& lang : x.profile.languages) {
        auto it = x.c.texts.find(lang);
        int n = it == x.c.texts.end() ? 0 : static_cast<int>(it->second.keywords.size());
        if (n < min) {
            out.push_back(Make("keywords", {{"actual", Same(std::to_string(n))}, {"min", Same(std::to_string(min))}, {"lang", LangName(lang)}}));
        }
    }
    return out;
}

std::vector<Finding> CheckFallback(const Ctx& x, const QualityRule& r) {
    std::vector<Finding> out;
    std::vector<std::string> stages = x.c.generation.fallback_stages;
    if (x.c.generation.fallback && std::find(stages.begin(), stages.end(), "write") == stages.end()) {
        stages.push_back("write");
    }
    for (const auto& s : stages) {
        out.push_back(Make("generation", {{"found", Same(s)}}));
    }
    return out;
}

const std::map<std::string, CheckFn>& Checks() {
    static const std::map<std::string, CheckFn> kChecks = {
        {"max_length", CheckMaxLength},
        {"length_range", CheckLengthRange},
        {"min_length", CheckMinLength},
        {"languages_present", CheckLanguagesPresent},
        {"min_words", CheckMinWords},
        {"starts_upper", CheckStartsUpper},
        {"contains_type", CheckContainsType},
        {"no_pictographs", CheckNoPictographs},
        {"no_caps", CheckNoCaps},
        {"no_words", CheckNoWords},
        {"no_contacts", CheckNoContacts},
        {"no_repeated_words", CheckRepeatedWords},
        {"no_abbreviations", CheckAbbreviations},
        {"html_tags_allowed", CheckHtmlAllowed},
        {"no_html", CheckNoHtml},
        {"max_sentences", CheckMaxSentences},
        {"lead_has_type_and_attribute", CheckLead},
        {"keyword_density", CheckDensity},
        {"facts_match", CheckFactsMatch},
        {"numbers_from_attributes", CheckNumbers},
        {"required_characteristics", CheckRequired},
        {"dictionary_values", CheckDictionary},
        {"package_units", CheckPackageUnits},
        {"package_bulky", CheckBulky},
        {"unit_in_name", CheckUnitInName},
        {"important_filled", CheckImportant},
        {"min_features", CheckMinFeatures},
        {"package_limits", CheckPackageLimits},
        {"no_tag_lists", CheckTagLists},
        {"uz_no_cyrillic", CheckUzNoCyrillic},
        {"ru_latin_allowed", CheckRuLatin},
        {"apostrophe_consistent", CheckApostropheConsistent},
        {"apostrophe_marks", CheckApostropheMarks},
        {"uz_plural_after_numeral", CheckUzPlural},
        {"ru_numeral_agreement", CheckRuNumerals},
        {"ru_decimal_comma", CheckRuDecimal},
        {"ru_unit_spacing", CheckRuUnitSpacing},
        {"whitespace", CheckWhitespace},
        {"language", CheckLanguage},
        {"slides", CheckSlides},
        {"seo_type_early", CheckSeoTypeEarly},
        {"seo_title_length", CheckSeoTitleLength},
        {"seo_title_coverage", CheckSeoTitleCoverage},
        {"seo_description_coverage", CheckSeoDescriptionCoverage},
        {"seo_description_length", CheckSeoDescriptionLength},
        {"seo_keywords_present", CheckSeoKeywords},
        {"generation_fallback", CheckFallback},
    };
    return kChecks;
}

std::string Format(std::string tpl, const std::map<std::string, Localized>& vars, std::string_view lang) {
    for (const auto& [k, v] : vars) {
        tpl = text::ReplaceAll(std::move(tpl), "{" + k + "}", v.Get(lang));
    }
    return tpl;
}

std::optional<Severity> ParseSeverity(std::string_view s) {
    if (s == "block") {
        return Severity::kBlock;
    }
    if (s == "warn") {
        return Severity::kWarn;
    }
    if (s == "info") {
        return Severity::kInfo;
    }
    return std::nullopt;
}

}  // namespace

Severity QualityRule::SeverityFor(Marketplace m) const {
    auto it = severity_by_marketplace.find(m);
    return it == severity_by_marketplace.end() ? severity : it->second;
}

const std::set<std::string>& QualityRules::KnownChecks() {
    static const std::set<std::string> kNames = [] {
        std::set<std::string> s;
        for (const auto& [name, fn] : Checks()) {
            s.insert(name);
        }
        return s;
    }();
    return kNames;
}

core::Result<std::shared_ptr<const QualityRules>> QualityRules::Load(const std::filesystem::path& data_dir) {
    auto path = data_dir / "quality" / "rules.json";
    std::ifstream in(path);
    if (!in) {
        return core::Error::NotFound("cannot open " + path.string());
    }
    std::stringstream ss;
    ss << in.rdbuf();
    json doc = json::parse(ss.str(), nullptr, false);
    if (doc.is_discarded()) {
        return core::Error::Invalid("malformed JSON in " + path.string());
    }
    return FromJson(doc);
}

core::Result<std::shared_ptr<const QualityRules>> QualityRules::FromJson(const json& doc) {
    std::shared_ptr<QualityRules> q(new QualityRules());
    try {
        q->pass_line_ = doc.value("pass_line", 70);
        if (auto lists = doc.find("lists"); lists != doc.end() && lists->is_object()) {
            for (const auto& [name, words] : lists->items()) {
                for (const auto& w : words) {
                    q->lists_[name].push_back(w.get<std::string>());
                }
            }
        }
        std::set<std::string> ids;
        for (const auto& rj : doc.at("rules")) {
            QualityRule r;
            r.id = rj.at("id").get<std::string>();
            r.check = rj.at("check").get<std::string>();
            if (!Checks().count(r.check)) {
                return core::Error::Invalid("rules.json: rule " + r.id + " names unknown check " + r.check);
            }
            if (!ids.insert(r.id).second) {
                return core::Error::Invalid("rules.json: duplicate rule id " + r.id);
            }
            for (const auto& f : rj.value("fields", json::array())) {
                r.fields.push_back(f.get<std::string>());
            }
            for (const auto& m : rj.value("marketplaces", json::array())) {
                auto mp = core::ParseMarketplace(m.get<std::string>());
                if (!mp) {
                    return core::Error::Invalid("rules.json: rule " + r.id + " names unknown marketplace");
                }
                r.marketplaces.insert(*mp);
            }
            for (const auto& l : rj.value("langs", json::array())) {
                r.langs.push_back(l.get<std::string>());
            }
            auto sev = ParseSeverity(rj.value("severity", std::string("warn")));
            if (!sev) {
                return core::Error::Invalid("rules.json: rule " + r.id + " has an unknown severity");
            }
            r.severity = *sev;
            if (auto by = rj.find("severity_by_marketplace"); by != rj.end()) {
                for (const auto& [name, v] : by->items()) {
                    auto mp = core::ParseMarketplace(name);
                    auto s = ParseSeverity(v.get<std::string>());
                    if (!mp || !s) {
                        return core::Error::Invalid("rules.json: rule " + r.id + " severity_by_marketplace is malformed");
                    }
                    r.severity_by_marketplace[*mp] = *s;
                }
            }
            r.points = rj.value("points", 0);
            r.params = rj.value("params", json::object());
            const json& msg = rj.at("message");
            r.message = Localized{msg.at("ru").get<std::string>(), msg.at("uz").get<std::string>(), msg.at("en").get<std::string>()};
            r.source = rj.value("source", std::string());
            for (const auto& name : ParamList(r, "lists")) {
                if (!q->lists_.count(name)) {
                    return core::Error::Invalid("rules.json: rule " + r.id + " names unknown list " + name);
                }
            }
            q->rules_.push_back(std::move(r));
        }
    } catch (const json::exception& e) {
        return core::Error::Invalid(std::string("rules.json: ") + e.what());
    }
    return std::shared_ptr<const QualityRules>(std::move(q));
}

const QualityRule* QualityRules::Find(std::string_view id) const {
    for (const auto& r : rules_) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

const std::vector<std::string>& QualityRules::List(std::string_view name) const {
    static const std::vector<std::string> kNone;
    auto it = lists_.find(name);
    return it == lists_.end() ? kNone : it->second;
}

QualityChecker::QualityChecker(std::shared_ptr<const CategoryCatalog> catalog, std::shared_ptr<const QualityRules> rules,
                               QualityOptions options)
    : catalog_(std::move(catalog)), rules_(std::move(rules)), options_(options) {}

QualityReport QualityChecker::Check(const core::Product& product, const CardContent& content, Marketplace m) const {
    QualityReport report;
    report.marketplace = m;
    report.pass_line = options_.pass_line.value_or(rules_->pass_line());
    Ctx ctx(*catalog_, *rules_, product, content, m);
    if (!ctx.view) {
        auto err = catalog_->Resolve(product);
        report.issues.push_back(QualityIssue{"CATEGORY", Severity::kBlock, "category",
                                             "Mahsulot toifasi maʼlum emas: " + product.category,
                                             "Неизвестная категория товара: " + product.category,
                                             "Unknown product category: " + product.category + " (" + err.error().message + ")", 100});
    }
    int deducted = 0;
    for (const auto& rule : rules_->rules()) {
        if (!rule.AppliesTo(m)) {
            continue;
        }
        auto findings = Checks().at(rule.check)(ctx, rule);
        int rule_points = 0;  // a rule deducts at most its points, however often it fires
        for (auto& f : findings) {
            QualityIssue issue;
            issue.code = rule.id;
            issue.severity = rule.SeverityFor(m);
            issue.field = f.field;
            issue.message_ru = Format(rule.message.ru, f.vars, "ru");
            issue.message_uz = Format(rule.message.uz, f.vars, "uz");
            issue.message_en = Format(rule.message.en, f.vars, "en");
            int want = f.points >= 0 ? f.points : rule.points;
            issue.points = std::max(0, std::min(want, rule.points - rule_points));
            rule_points += issue.points;
            report.issues.push_back(std::move(issue));
        }
        deducted += rule_points;
    }
    for (const auto& i : report.issues) {
        if (i.code == "CATEGORY") {
            deducted += i.points;
        }
    }
    report.score = std::clamp(100 - deducted, 0, 100);
    report.passed = report.score >= report.pass_line && !report.HasBlocking();
    return report;
}

}  // namespace by::ai
