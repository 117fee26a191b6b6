// Russian grammar for templates (CONTENT.md §9): CLDR plural categories for numeral + noun, adjective
// agreement by gender and number, and number formatting (decimal comma, grouped thousands). Pure functions,
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace by::ai::ru {

inline constexpr std::string_view kNbsp = "\u00A0";
inline constexpr std::string_view kNarrowNbsp = "\u202F";

// CLDR `ru`: one (1, 21, 101…), few (2–4, 22–24…), many (0, 5–20, 25–30…, 11–14), other (fractions).
enum class PluralCategory { kOne, kFew, kMany, kOther };
PluralCategory CategoryOf(int64_t n);
// A canonical number ("12", "1.5"); fractions are `other`.
PluralCategory CategoryOf(std::string_view canonical_number);

// The three stored forms of a counted noun: 1 год / 2 года / 5 лет. `few` doubles as the genitive singular.
struct CountedNoun {
    std::string one;
    std::string few;
    std::string many;
};
// The form after a numeral in the nominative: 1 год, 2 года, 5 лет, 1,5 года.
const std::string& FormFor(const CountedNoun& noun, PluralCategory category);
// The form after a preposition taking the genitive (от, до, из…): от 1 года, от 3 лет, от 1,5 года.
const std::string& GenitiveFormFor(const CountedNoun& noun, PluralCategory category);
// "12 месяцев" with the number formatted for Russian and `space` between number and noun.
std::string Count(std::string_view canonical_number, const CountedNoun& noun, std::string_view space = kNbsp);
std::string CountGenitive(std::string_view canonical_number, const CountedNoun& noun,
                          std::string_view space = kNbsp);
// True for prepositions after which a numeral phrase takes the genitive.
bool IsGenitivePreposition(std::string_view lower_word);

enum class Gender { kMasculine, kFeminine, kNeuter, kPlural };
std::optional<Gender> ParseGender(std::string_view name);  // "m" | "f" | "n" | "pl"
std::string_view GenderName(Gender g);

// Nominative forms of an adjective: чёрный / чёрная / чёрное / чёрные.
struct AdjectiveForms {
    std::string m;
    std::string f;
    std::string n;
    std::string pl;
};
const std::string& Agree(const AdjectiveForms& forms, Gender gender);

// "1.5" -> "1,5"; "10000" -> "10 000" (U+202F) when `group` and the number has five or more digits.
std::string FormatNumber(std::string_view canonical_number, bool group = true);

}  // namespace by::ai::ru
