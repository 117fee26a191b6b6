#include "ai/product_view.hpp"

#include "ai/russian.hpp"
#include "ai/text.hpp"
#include "ai/uzbek.hpp"

namespace by::ai {

using nlohmann::json;

namespace {

bool HasCyrillic(std::string_view s) {
    for (char32_t c : text::Decode(s)) {
        if (text::IsCyrillic(c)) {
            return true;
        }
    }
    return false;
}

std::string NumberFromJson(const json& j) {
    if (j.is_number_integer() || j.is_number_unsigned()) {
        return text::CanonicalNumber(j.dump());
    }
    return text::CanonicalNumber(j.dump());
}

// A string that is just a number ("6.7", "1 500", "2,5").
std::optional<std::string> NumberFromString(std::string_view s) {
    bool digits = false;
    for (char32_t c : text::Decode(s)) {
        if (text::IsDigit(c)) {
            digits = true;
        } else if (!(c == U'.' || c == U',' || text::IsSpace(c))) {
            return std::nullopt;
        }
    }
    if (!digits) {
        return std::nullopt;
    }
    auto nums = text::Numbers(s);
    if (nums.size() != 1) {
        return std::nullopt;
    }
    return nums[0];
}

void CollectNumbers(const json& j, std::set<std::string>& out) {
    if (j.is_number()) {
        out.insert(NumberFromJson(j));
    } else if (j.is_string()) {
        for (auto& n : text::Numbers(j.get<std::string>())) {
            out.insert(n);
        }
    } else if (j.is_array() || j.is_object()) {
        for (const auto& v : j) {
            CollectNumbers(v, out);
        }
    }
}

void CollectWords(const json& j, std::set<std::string>& out) {
    if (j.is_string()) {
        for (const auto& w : text::Words(uz::Normalize(j.get<std::string>()))) {
            out.insert(text::Lower(w.text));
        }
    } else if (j.is_array() || j.is_object()) {
        for (const auto& v : j) {
            CollectWords(v, out);
        }
    }
}

std::string Replace(std::string s, std::string_view key, std::string_view value) {
    return text::ReplaceAll(std::move(s), key, value);
}

}  // namespace

std::string FormatNumber(std::string_view canonical, bool group) { return ru::FormatNumber(canonical, group); }

std::string ShiftDecimal(std::string_view canonical, int shift) {
    std::string int_part(canonical);
    std::string frac;
    if (auto dot = canonical.find('.'); dot != std::string_view::npos) {
        int_part = std::string(canonical.substr(0, dot));
        frac = std::string(canonical.substr(dot + 1));
    }
    std::string digits = int_part + frac;
    long point = static_cast<long>(int_part.size()) + shift;
    std::string out;
    if (point <= 0) {
        out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
    } else if (static_cast<size_t>(point) >= digits.size()) {
        out = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
    } else {
        out = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
    }
    return text::CanonicalNumber(out);
}

ProductView::ProductView(const CategoryCatalog& catalog, const core::Product& product, ResolvedCategory resolved)
    : catalog_(catalog), product_(product), resolved_(resolved) {
    CollectNumbers(product_.attributes, numbers_);
    for (auto& n : text::Numbers(product_.brand)) {
        numbers_.insert(n);
    }
    CollectWords(product_.attributes, own_words_);
    CollectWords(json(product_.brand), own_words_);
}

AttributeValue ProductView::Get(std::string_view key) const {
    AttributeValue v;
    if (key == "brand") {
        if (!product_.brand.empty()) {
            v.kind = AttributeValue::Kind::kText;
            v.text["*"] = product_.brand;
        }
        return v;
    }
    auto it = product_.attributes.find(std::string(key));
    if (it == product_.attributes.end() || it->is_null()) {
        return v;
    }
    const json& j = *it;
    const AttributeDef* def = catalog_.Attribute(key);
    AttributeKind kind = def ? def->kind
                             : (j.is_number() ? AttributeKind::kNumber
                                              : j.is_boolean() ? AttributeKind::kBool
                                                               : j.is_array() ? AttributeKind::kList
                                                                              : AttributeKind::kText);
    switch (kind) {
        case AttributeKind::kNumber:
            if (j.is_number()) {
                v.kind = AttributeValue::Kind::kNumber;
                v.number = NumberFromJson(j);
            } else if (j.is_string()) {
                if (auto n = NumberFromString(j.get<std::string>())) {
                    v.kind = AttributeValue::Kind::kNumber;
                    v.number = *n;
                }
            }
            break;
        case AttributeKind::kBool:
            if (j.is_boolean()) {
                v.kind = AttributeValue::Kind::kBool;
                v.flag = j.get<bool>();
            } else if (j.is_string()) {
                std::string s = text::Lower(j.get<std::string>());
                v.kind = AttributeValue::Kind::kBool;
                v.flag = s == "true" || s == "yes" || s == "да" || s == "ha" || s == "bor";
            }
            break;
        case AttributeKind::kDictionary: {
            std::string s = j.is_string() ? j.get<std::string>()
                            : (j.is_object() && j.contains("ru") && j["ru"].is_string()) ? j["ru"].get<std::string>()
                                                                                         : std::string();
            if (s.empty()) {
                break;
            }
            v.kind = AttributeValue::Kind::kDictionary;
            v.raw = s;
            if (const Dictionary* d = def ? catalog_.FindDictionary(def->dictionary) : nullptr) {
                v.entry = d->Find(s);
            }
            break;
        }
        case AttributeKind::kText:
            if (j.is_string()) {
                std::string s = j.get<std::string>();
                if (!s.empty()) {
                    v.kind = AttributeValue::Kind::kText;
                    v.text[HasCyrillic(s) ? "ru" : "*"] = s;
                }
            } else if (j.is_number()) {
                v.kind = AttributeValue::Kind::kText;
                v.text["*"] = NumberFromJson(j);
            } else if (j.is_object()) {
                for (const auto& [lang, t] : j.items()) {
                    if (t.is_string() && !t.get<std::string>().empty()) {
                        v.kind = AttributeValue::Kind::kText;
                        v.text[lang] = lang == "uz" ? uz::Normalize(t.get<std::string>()) : t.get<std::string>();
                    }
                }
            }
            break;
        case AttributeKind::kList: {
            auto add = [&](const std::string& lang, const json& arr) {
                for (const auto& item : arr) {
                    if (item.is_string() && !item.get<std::string>().empty()) {
                        std::string s = item.get<std::string>();
                        std::string l = lang;
                        if (l == "*" && HasCyrillic(s)) {
                            l = "ru";
                        }
                        v.list[l].push_back(l == "uz" ? uz::Normalize(s) : s);
                    }
                }
            };
            if (j.is_array()) {
                add("*", j);
            } else if (j.is_string()) {
                add("*", json::array({j}));
            } else if (j.is_object()) {
                for (const auto& [lang, arr] : j.items()) {
                    add(lang, arr.is_array() ? arr : json::array({arr}));
                }
            }
            if (!v.list.empty()) {
                v.kind = AttributeValue::Kind::kList;
            }
            break;
        }
    }
    return v;
}

bool ProductView::Has(std::string_view key) const {
    AttributeValue v = Get(key);
    return v.present() && !(v.kind == AttributeValue::Kind::kBool && !v.flag);
}

std::optional<std::string> ProductView::Render(std::string_view key, std::string_view lang, RenderContext ctx,
                                               Marketplace m) const {
    AttributeValue v = Get(key);
    if (!v.present()) {
        return std::nullopt;
    }
    const AttributeDef* def = catalog_.Attribute(key);
    bool plain = ctx == RenderContext::kKeyword || (ctx == RenderContext::kTitle && !catalog_.Profile(m).title_nbsp);
    std::string space = plain ? " " : std::string(ru::kNbsp);
    std::string out;
    switch (v.kind) {
        case AttributeValue::Kind::kNone:
            return std::nullopt;
        case AttributeValue::Kind::kNumber: {
            std::string num = FormatNumber(v.number, !plain);
            if (lang == "uz" && ctx == RenderContext::kTitle && m == Marketplace::kUzum) {
                num = text::ReplaceAll(num, ",", ".");  // Uzum's own titles write "1.5 litr"
            }
            if (lang == "ru" && def && !def->ru_counted.empty()) {
                const ru::CountedNoun* noun = catalog_.CountedNoun(def->ru_counted);
                out = num + space + ru::FormFor(*noun, ru::CategoryOf(v.number));
            } else {
                std::string unit = def ? def->unit.Get(lang) : std::string();
                out = unit.empty() ? num : num + space + unit;
            }
            break;
        }
        case AttributeValue::Kind::kBool:
            out = catalog_.Template(lang, v.flag ? "yes" : "no");
            break;
        case AttributeValue::Kind::kText: {
            auto it = v.text.find(std::string(lang));
            if (it == v.text.end()) {
                it = v.text.find("*");
            }
            if (it == v.text.end()) {
                return std::nullopt;
            }
            out = it->second;
            break;
        }
        case AttributeValue::Kind::kList: {
            auto it = v.list.find(std::string(lang));
            if (it == v.list.end()) {
                it = v.list.find("*");
            }
            if (it == v.list.end()) {
                return std::nullopt;
            }
            for (const auto& item : it->second) {
                out += (out.empty() ? "" : ", ") + item;
            }
            break;
        }
        case AttributeValue::Kind::kDictionary:
            if (v.entry) {
                if (lang == "ru") {
                    bool agree = (ctx == RenderContext::kTitle || ctx == RenderContext::kKeyword) && v.entry->ru_forms;
                    out = agree ? ru::Agree(*v.entry->ru_forms, type().ru_gender) : v.entry->ru;
                } else {
                    out = lang == "uz" ? v.entry->uz : v.entry->en;
                }
            } else {
                // Not in the dictionary: usable only in the language it is written in (R-C-2 flags it).
                bool cyr = HasCyrillic(v.raw);
                if ((lang == "ru") != cyr) {
                    return std::nullopt;
                }
                out = lang == "uz" ? uz::Normalize(v.raw) : v.raw;
            }
            break;
    }
    if (ctx == RenderContext::kKeyword) {
        out = text::Lower(out);
    }
    return out.empty() ? std::nullopt : std::optional<std::string>(out);
}

std::optional<std::string> ProductView::Bullet(std::string_view key, std::string_view lang, Marketplace m) const {
    AttributeValue v = Get(key);
    const AttributeDef* def = catalog_.Attribute(key);
    if (!v.present() || !def) {
        return std::nullopt;
    }
    std::string tpl = def->bullet.Get(lang);
    if (v.kind == AttributeValue::Kind::kBool) {
        if (!v.flag || tpl.empty()) {
            return std::nullopt;
        }
        return tpl;
    }
    auto value = Render(key, lang, RenderContext::kText, m);
    if (!value) {
        return std::nullopt;
    }
    if (tpl.empty()) {
        tpl = "{label}: {value}";
    }
    tpl = Replace(tpl, "{label}", def->label.Get(lang));
    tpl = Replace(tpl, "{number}", FormatNumber(v.number));
    if (text::Contains(tpl, "{value_gen}")) {
        // After до/от the counted noun takes the genitive: до 24 часов, до 21 часа.
        std::string gen = *value;
        if (lang == "ru" && !def->ru_counted.empty() && v.kind == AttributeValue::Kind::kNumber) {
            gen = ru::CountGenitive(v.number, *catalog_.CountedNoun(def->ru_counted));
        }
        tpl = Replace(tpl, "{value_gen}", gen);
    }
    tpl = Replace(tpl, "{value}", *value);
    return text::FirstUpper(tpl);
}

std::optional<std::string> ProductView::Intro(std::string_view key, std::string_view lang, Marketplace m) const {
    const AttributeDef* def = catalog_.Attribute(key);
    AttributeValue v = Get(key);
    if (!def || !v.present() || def->intro.Get(lang).empty()) {
        return std::nullopt;
    }
    std::string tpl = def->intro.Get(lang);
    if (text::Contains(tpl, "{genitive}")) {
        if (!v.entry || v.entry->ru_genitive.empty()) {
            return std::nullopt;
        }
        tpl = Replace(tpl, "{genitive}", v.entry->ru_genitive);
    }
    if (text::Contains(tpl, "{value}")) {
        auto value = Render(key, lang, RenderContext::kText, m);
        if (!value) {
            return std::nullopt;
        }
        tpl = Replace(tpl, "{value}", lang == "uz" ? text::Lower(*value) : *value);
    }
    return tpl;
}

std::string ProductView::Model(std::string_view lang) const {
    auto v = Get("model");
    if (!v.present() || v.kind != AttributeValue::Kind::kText) {
        return {};
    }
    // A name stays as written in every language when only one spelling is given (a Russian book title).
    auto it = v.text.find(std::string(lang));
    if (it == v.text.end()) {
        it = v.text.find("*");
    }
    if (it == v.text.end()) {
        it = v.text.begin();
    }
    std::string model = text::Trim(it->second);
    std::string lower = text::Lower(model);
    std::string brand = text::Lower(product_.brand);
    if (!brand.empty() && text::StartsWith(lower, brand + " ")) {
        model = text::Trim(model.substr(brand.size()));
    }
    return model;
}

}  // namespace by::ai
