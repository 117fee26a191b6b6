#include "marketplaces/common/mapping.hpp"

#include <cmath>
#include <cstdio>

namespace by::marketplaces {
namespace {

// Decodes one code point at s[i], advancing i; invalid bytes come back as themselves.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + len > s.size()) {
        len = 1;
    }
    uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    i += len;
    return cp;
}

void AppendUtf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string ScalarToString(const nlohmann::json& v) {
    if (v.is_string()) {
        return v.get<std::string>();
    }
    if (v.is_boolean()) {
        return v.get<bool>() ? "да" : "нет";
    }
    if (v.is_number_integer()) {
        return std::to_string(v.get<int64_t>());
    }
    if (v.is_number()) {
        double d = v.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 1e15) {
            return std::to_string(static_cast<int64_t>(d));
        }
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6g", d);
        return buf;
    }
    if (v.is_array()) {
        std::vector<std::string> parts;
        for (const auto& e : v) {
            parts.push_back(ScalarToString(e));
        }
        return Join(parts, ", ");
    }
    return {};
}

std::optional<double> Number(const nlohmann::json& attrs, std::string_view key) {
    auto it = attrs.find(std::string(key));
    if (it == attrs.end()) {
        return std::nullopt;
    }
    if (it->is_number()) {
        return it->get<double>();
    }
    if (it->is_string()) {
        std::string s = it->get<std::string>();
        for (char& c : s) {
            if (c == ',') {
                c = '.';
            }
        }
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (end != s.c_str()) {
            return d;
        }
    }
    return std::nullopt;
}

// Our attribute keys and the Russian words marketplaces use for them.
struct Alias {
    const char* key;
    const char* stem;
};
constexpr Alias kAliases[] = {
    {"color", "цвет"},
    {"country", "страна"},
    {"brand", "бренд"},
    {"model", "модел"},
    {"material", "материал"},
    {"material", "состав"},
    {"composition", "состав"},
    {"package_contents", "комплектац"},
    {"warranty_months", "гарант"},
    {"weight_g", "вес товара без упаковки"},
    {"gender", "пол"},
    {"os", "операционная система"},
    {"storage_gb", "встроенной памяти"},
    {"memory_gb", "встроенной памяти"},
    {"size", "размер"},
};

}  // namespace

size_t Utf8Length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

std::string Utf8Truncate(std::string_view s, size_t max_chars) {
    if (Utf8Length(s) <= max_chars) {
        return std::string(s);
    }
    size_t i = 0, n = 0, last_space = std::string_view::npos, last_space_n = 0;
    while (i < s.size() && n < max_chars) {
        if (s[i] == ' ') {
            last_space = i;
            last_space_n = n;
        }
        NextCodePoint(s, i);
        ++n;
    }
    size_t cut = i;
    if (last_space != std::string_view::npos && max_chars - last_space_n <= 20 && last_space > 0) {
        cut = last_space;
    }
    std::string out(s.substr(0, cut));
    while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '-')) {
        out.pop_back();
    }
    return out;
}

std::string NormalizeKey(std::string_view s) {
    std::string out;
    bool space = false;
    size_t i = 0;
    while (i < s.size()) {
        uint32_t cp = NextCodePoint(s, i);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        if (cp >= 'A' && cp <= 'Z') {
            cp += 32;
        } else if (cp >= 0x410 && cp <= 0x42F) {
            cp += 0x20;
        } else if (cp == 0x401 || cp == 0x451) {
            cp = 0x435;  // Ё, ё -> е
        }
        AppendUtf8(out, cp);
    }
    return out;
}

bool HasLanguage(const PublishItem& item, std::string_view lang) {
    const auto& c = item.content;
    if (!c.is_object()) {
        return false;
    }
    auto texts = c.find("texts");
    if (texts != c.end() && texts->is_object()) {
        auto t = texts->find(std::string(lang));
        if (t != texts->end() && t->is_object() && !JsonStr(*t, "title").empty()) {
            return true;
        }
    }
    return JsonStr(c, "language") == lang && !JsonStr(c, "title").empty();
}

namespace {
std::string ContentText(const PublishItem& item, std::string_view lang, const char* field) {
    const auto& c = item.content;
    if (c.is_object()) {
        auto texts = c.find("texts");
        if (texts != c.end() && texts->is_object()) {
            auto t = texts->find(std::string(lang));
            if (t != texts->end() && t->is_object()) {
                std::string v = JsonStr(*t, field);
                if (!v.empty()) {
                    return v;
                }
            }
        }
        std::string content_lang = JsonStr(c, "language");
        if (content_lang == lang || (lang == "ru" && content_lang.empty())) {
            std::string v = JsonStr(c, field);
            if (!v.empty()) {
                return v;
            }
        }
    }
    return {};
}
}  // namespace

std::string CardTitle(const PublishItem& item, std::string_view lang) {
    std::string t = ContentText(item, lang, "title");
    return t.empty() && lang == "ru" ? item.product.name : t;
}

std::string CardDescription(const PublishItem& item, std::string_view lang) {
    std::string t = ContentText(item, lang, "description");
    return t.empty() && lang == "ru" ? item.product.description : t;
}

std::vector<OurCharacteristic> Characteristics(const PublishItem& item) {
    std::vector<OurCharacteristic> out;
    auto seen = [&](const std::string& key) {
        for (const auto& c : out) {
            if (!key.empty() && c.key == key) {
                return true;
            }
        }
        return false;
    };
    if (item.content.is_object()) {
        auto it = item.content.find("characteristics");
        if (it != item.content.end() && it->is_array()) {
            for (const auto& cj : *it) {
                if (!cj.is_object()) {
                    continue;
                }
                OurCharacteristic c;
                c.key = JsonStr(cj, "key");
                c.name = JsonStr(cj, "name");
                c.value = cj.contains("value") ? ScalarToString(cj["value"]) : std::string();
                if (auto a = cj.find("attribute_id"); a != cj.end() && a->is_number_integer()) {
                    c.attribute_id = a->get<int64_t>();
                }
                if (!c.value.empty()) {
                    out.push_back(std::move(c));
                }
            }
        }
    }
    const auto& attrs = item.product.attributes;
    if (attrs.is_object()) {
        for (const auto& [k, v] : attrs.items()) {
            if (seen(k)) {
                continue;
            }
            std::string value = ScalarToString(v);
            if (!value.empty()) {
                out.push_back({k, "", value, std::nullopt});
            }
        }
    }
    if (!item.product.brand.empty() && !seen("brand")) {
        out.push_back({"brand", "Бренд", item.product.brand, std::nullopt});
    }
    return out;
}

std::optional<std::string> FindValue(const std::vector<OurCharacteristic>& ours, std::string_view mp_name,
                                     std::optional<int64_t> mp_id) {
    if (mp_id) {
        for (const auto& c : ours) {
            if (c.attribute_id && *c.attribute_id == *mp_id) {
                return c.value;
            }
        }
    }
    std::string want = NormalizeKey(mp_name);
    for (const auto& c : ours) {
        if (!c.name.empty() && NormalizeKey(c.name) == want) {
            return c.value;
        }
    }
    for (const auto& alias : kAliases) {
        if (want.find(alias.stem) == std::string::npos) {
            continue;
        }
        // "Страна производства" must not match "Вес товара без упаковки"-style aliases by accident: the stem
        // is specific enough; the first characteristic with this key wins.
        for (const auto& c : ours) {
            if (c.key == alias.key) {
                return c.value;
            }
        }
    }
    return std::nullopt;
}

std::optional<size_t> MatchDictionary(std::string_view value, size_t count,
                                      const std::function<std::string(size_t)>& name_at) {
    std::string key = NormalizeKey(value);
    for (size_t i = 0; i < count; ++i) {
        if (NormalizeKey(name_at(i)) == key) return i;
    }
    size_t cut = key.find_last_of(" -");
    if (cut == std::string::npos || cut + 1 >= key.size()) return std::nullopt;
    std::string last = key.substr(cut + 1);
    for (size_t i = 0; i < count; ++i) {
        if (NormalizeKey(name_at(i)) == last) return i;
    }
    return std::nullopt;
}

CategoryRef ReadCategory(const PublishItem& item, const std::optional<nlohmann::json>& mapped) {
    CategoryRef ref;
    auto take = [&](const nlohmann::json& j) {
        if (!j.is_object()) {
            return;
        }
        if (!ref.id) {
            if (auto v = JsonInt(j, "id", 0); v > 0) {
                ref.id = v;
            }
        }
        if (!ref.type_id) {
            if (auto v = JsonInt(j, "type_id", 0); v > 0) {
                ref.type_id = v;
            }
        }
        if (ref.name.empty()) {
            ref.name = JsonStr(j, "name");
        }
    };
    take(item.category);
    if (item.content.is_object() && item.content.contains("marketplace_category")) {
        take(item.content["marketplace_category"]);
    }
    if (mapped) {
        take(*mapped);
    }
    return ref;
}

core::Result<Package> ReadPackage(const core::Product& product) {
    const auto& a = product.attributes;
    auto dim_cm = [&](const char* side) -> std::optional<double> {
        std::string s(side);
        if (auto v = Number(a, "package_" + s + "_cm")) return v;
        if (auto v = Number(a, "package_" + s + "_mm")) return *v / 10.0;
        if (auto v = Number(a, s + "_cm")) return v;
        if (auto v = Number(a, s + "_mm")) return *v / 10.0;
        return std::nullopt;
    };
    Package p;
    const char* sides[] = {"length", "width", "height"};
    double* outs[] = {&p.length_cm, &p.width_cm, &p.height_cm};
    for (int i = 0; i < 3; ++i) {
        auto v = dim_cm(sides[i]);
        if (!v || *v <= 0) {
            std::string field = std::string("package_") + sides[i] + "_cm";
            return core::Error::Unprocessable(field + " must be a number above 0 (package dimensions are required)",
                                              "attributes." + field);
        }
        *outs[i] = *v;
    }
    std::optional<double> w = Number(a, "package_weight_g");
    if (!w) {
        if (auto kg = Number(a, "package_weight_kg")) w = *kg * 1000;
    }
    if (!w) w = Number(a, "weight_g");
    if (!w) {
        if (auto kg = Number(a, "weight_kg")) w = *kg * 1000;
    }
    if (!w || *w <= 0) {
        return core::Error::Unprocessable("package_weight_g must be a number above 0 (package weight is required)",
                                          "attributes.package_weight_g");
    }
    p.weight_g = *w;
    return p;
}

std::string MoneyDecimal(const core::Money& m) {
    int64_t a = m.amount < 0 ? -m.amount : m.amount;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%lld.%02lld", m.amount < 0 ? "-" : "", static_cast<long long>(a / 100),
                  static_cast<long long>(a % 100));
    return buf;
}

int64_t MoneyWholeUnits(const core::Money& m) { return (m.amount + 50) / 100; }

core::Status CheckPrice(const core::Money& m, std::string_view expected, core::Marketplace mp) {
    auto canon = [](std::string_view c) { return c == "RUR" ? std::string_view("RUB") : c; };
    if (canon(m.currency) != canon(expected)) {
        return core::Error::Unprocessable(std::string(core::MarketplaceName(mp)) + " takes prices in " +
                                              std::string(expected) + ", the product's price is in " + m.currency,
                                          "price.currency");
    }
    if (m.amount <= 0) {
        return core::Error::Unprocessable("price must be above 0", "price.amount");
    }
    return core::Ok();
}

int64_t JsonInt(const nlohmann::json& j, std::string_view key, int64_t fallback) {
    if (!j.is_object()) {
        return fallback;
    }
    auto it = j.find(std::string(key));
    if (it == j.end()) {
        return fallback;
    }
    if (it->is_number_integer()) {
        return it->get<int64_t>();
    }
    if (it->is_number()) {
        return static_cast<int64_t>(it->get<double>());
    }
    if (it->is_string()) {
        const std::string& s = it->get_ref<const std::string&>();
        char* end = nullptr;
        long long v = std::strtoll(s.c_str(), &end, 10);
        if (end != s.c_str() && *end == '\0') {
            return v;
        }
    }
    return fallback;
}

std::string JsonStr(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) {
        return {};
    }
    auto it = j.find(std::string(key));
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) {
            out += sep;
        }
        out += parts[i];
    }
    return out;
}

std::string FillPattern(std::string pattern, std::string_view name, std::string_view value) {
    std::string token = "{" + std::string(name) + "}";
    size_t pos = pattern.find(token);
    if (pos != std::string::npos) {
        pattern.replace(pos, token.size(), value);
    }
    return pattern;
}

}  // namespace by::marketplaces
