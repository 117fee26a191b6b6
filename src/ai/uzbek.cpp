#include "ai/uzbek.hpp"

#include "ai/text.hpp"

namespace by::ai::uz {
namespace {

bool IsOg(char32_t c) { return c == U'o' || c == U'O' || c == U'g' || c == U'G'; }

}  // namespace

std::string_view ApostropheStyleName(ApostropheStyle s) {
    switch (s) {
        case ApostropheStyle::kModifier:
            return "modifier";
        case ApostropheStyle::kAscii:
            return "ascii";
        case ApostropheStyle::kTypographic:
            return "typographic";
    }
    return "modifier";
}

std::optional<ApostropheStyle> ParseApostropheStyle(std::string_view name) {
    if (name == "modifier") {
        return ApostropheStyle::kModifier;
    }
    if (name == "ascii") {
        return ApostropheStyle::kAscii;
    }
    if (name == "typographic") {
        return ApostropheStyle::kTypographic;
    }
    return std::nullopt;
}

std::string Normalize(std::string_view input) {
    std::u32string cps = text::Decode(text::Nfc(input));
    for (size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        if (!text::IsApostropheLike(c)) {
            continue;
        }
        bool after_letter = i > 0 && text::IsLetter(cps[i - 1]) && !text::IsApostropheLike(cps[i - 1]);
        bool before_letter = i + 1 < cps.size() && text::IsLetter(cps[i + 1]);
        if (!after_letter) {
            continue;  // an opening quote or a stray mark
        }
        if (IsOg(cps[i - 1])) {
            // A word-final mark after o/g is still the letter (togʻ, bogʻ) unless the word was quoted.
            if (!before_letter) {
                size_t b = i;
                while (b > 0 && text::IsLetter(cps[b - 1])) {
                    --b;
                }
                bool quoted = b > 0 && (cps[b - 1] == c || (c == U'\u2019' && cps[b - 1] == U'\u2018'));
                if (quoted || c == U'\u2019' || c == U'\u00B4') {
                    continue;
                }
            }
            cps[i] = U'\u02BB';
        } else if (before_letter) {
            cps[i] = U'\u02BC';
        }
    }
    return text::Encode(cps);
}

std::string Render(std::string_view canonical, ApostropheStyle style) {
    switch (style) {
        case ApostropheStyle::kModifier:
            return std::string(canonical);
        case ApostropheStyle::kAscii:
            return text::ReplaceAll(text::ReplaceAll(std::string(canonical), kTurnedComma, "'"), kModifierApos, "'");
        case ApostropheStyle::kTypographic:
            return text::ReplaceAll(text::ReplaceAll(std::string(canonical), kTurnedComma, "\u2018"), kModifierApos,
                                    "\u2019");
    }
    return std::string(canonical);
}

bool ApostropheUsage::Mixed() const {
    int schemes = 0;
    schemes += (turned + modifier) > 0 ? 1 : 0;
    schemes += (left_quote + right_quote) > 0 ? 1 : 0;
    schemes += ascii > 0 ? 1 : 0;
    schemes += other > 0 ? 1 : 0;
    return schemes > 1;
}

ApostropheUsage AnalyzeApostrophes(std::string_view s) {
    ApostropheUsage u;
    std::u32string cps = text::Decode(s);
    for (size_t i = 1; i < cps.size(); ++i) {
        char32_t c = cps[i];
        if (!text::IsApostropheLike(c) || !text::IsLetter(cps[i - 1]) || text::IsApostropheLike(cps[i - 1])) {
            continue;
        }
        bool before_letter = i + 1 < cps.size() && text::IsLetter(cps[i + 1]);
        if (!before_letter && !IsOg(cps[i - 1])) {
            continue;  // a closing quote
        }
        if (!before_letter && c == U'\u2019') {
            continue;  // ‘quoted’ text ending in o/g
        }
        switch (c) {
            case U'\'':
                ++u.ascii;
                break;
            case U'\u02BB':
                ++u.turned;
                break;
            case U'\u02BC':
                ++u.modifier;
                break;
            case U'\u2018':
                ++u.left_quote;
                break;
            case U'\u2019':
                ++u.right_quote;
                break;
            default:
                ++u.other;
        }
    }
    return u;
}

std::vector<std::string> WrongMarks(std::string_view s) {
    std::vector<std::string> out;
    for (const auto& w : text::Words(s)) {
        std::u32string cps = text::Decode(w.text);
        for (size_t i = 1; i < cps.size(); ++i) {
            bool og = IsOg(cps[i - 1]);
            if ((cps[i] == U'\u02BB' && !og) || (cps[i] == U'\u02BC' && og)) {
                out.push_back(w.text);
                break;
            }
        }
    }
    return out;
}

std::vector<std::string> PluralAfterNumeral(std::string_view s) {
    std::vector<std::string> out;
    std::u32string cps = text::Decode(s);
    auto words = text::Words(s);
    auto adjacent = [&](const text::Token& a, const text::Token& b) {
        for (size_t k = a.offset + text::Decode(a.text).size(); k < b.offset; ++k) {
            if (!text::IsSpace(cps[k]) || cps[k] == U'\n') {
                return false;
            }
        }
        return true;
    };
    for (size_t i = 0; i + 1 < words.size(); ++i) {
        if (!words[i].number) {
            continue;
        }
        size_t j = i + 1;
        if (text::Lower(words[j].text) == "ta" && j + 1 < words.size() && adjacent(words[i], words[j])) {
            ++j;
        }
        // The noun must follow the numeral directly, not start the next sentence.
        if (!adjacent(words[j - 1], words[j])) {
            continue;
        }
        std::string lower = text::Lower(words[j].text);
        bool plural = lower.size() > 4 && (lower.ends_with("lar") || lower.ends_with("larni") ||
                                           lower.ends_with("larga") || lower.ends_with("lardan"));
        if (plural) {
            out.push_back(words[i].text + " " + words[j].text);
        }
    }
    return out;
}

}  // namespace by::ai::uz
