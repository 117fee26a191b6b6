// Uzbek Latin orthography (CONTENT.md §8): oʻ/gʻ are stored canonically as o/g + U+02BB and the tutuq as
// U+02BC; marketplaces get the variant they expect (Uzum: ASCII apostrophe by default). Pure functions,
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace by::ai::uz {

inline constexpr std::string_view kTurnedComma = "\u02BB";    // oʻ gʻ
inline constexpr std::string_view kModifierApos = "\u02BC";   // tutuq: maʼlumot

enum class ApostropheStyle {
    kModifier,     // U+02BB / U+02BC, the canonical storage form
    kAscii,        // ' for both (Uzum storefront practice)
    kTypographic,  // U+2018 for oʻ/gʻ, U+2019 for the tutuq (Yandex's own Uzbek pages)
};
std::string_view ApostropheStyleName(ApostropheStyle s);  // "modifier" | "ascii" | "typographic"
std::optional<ApostropheStyle> ParseApostropheStyle(std::string_view name);

// Any of ' ‘ ’ ` ´ ʻ ʼ after o/O/g/G becomes U+02BB; between other letters it becomes U+02BC. Marks that
// are not inside a word (quotes) stay as they are.
std::string Normalize(std::string_view text);
// Canonical text rendered in the given style.
std::string Render(std::string_view canonical, ApostropheStyle style);

// In-word apostrophe marks of a text, by variant.
struct ApostropheUsage {
    int ascii = 0;        // '
    int turned = 0;       // ʻ U+02BB
    int modifier = 0;     // ʼ U+02BC
    int left_quote = 0;   // ‘ U+2018
    int right_quote = 0;  // ’ U+2019
    int other = 0;        // ` ´
    // More than one scheme in one text: canonical {ʻ ʼ}, typographic {‘ ’}, ascii {'} or other.
    bool Mixed() const;
};
ApostropheUsage AnalyzeApostrophes(std::string_view text);

// Wrong marks (R-L-4): U+02BB used as a tutuq (not after o/g), or U+02BC after o/g. Returns the words.
std::vector<std::string> WrongMarks(std::string_view text);

// "3 ta ranglar", "5 kitoblar": a plural -lar noun right after a numeral (R-L-5). Returns the phrases.
std::vector<std::string> PluralAfterNumeral(std::string_view text);

}  // namespace by::ai::uz
