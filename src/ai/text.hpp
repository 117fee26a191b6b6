// UTF-8 helpers for the content engine: code points, letter classes for Latin and Cyrillic, case mapping,
// word tokens and the pictograph ranges the quality rules need. No ICU: the tables cover the scripts our
// texts use (ASCII, Latin-1, Latin Extended-A, modifier letters, Cyrillic). All functions are pure and
// thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace by::ai::text {

// Code points of `s`; an invalid byte becomes U+FFFD.
std::u32string Decode(std::string_view s);
std::string Encode(std::u32string_view s);
void AppendUtf8(std::string& out, char32_t cp);

// Composes the decomposed letters our languages produce (Cyrillic й/ё, Latin with acute/diaeresis/breve)
// so lengths are counted as marketplaces count them: code points after NFC.
std::string Nfc(std::string_view s);
// Length in code points after Nfc().
size_t Length(std::string_view s);

bool IsLetter(char32_t c);
bool IsUpper(char32_t c);
bool IsLower(char32_t c);
bool IsCyrillic(char32_t c);
bool IsLatinLetter(char32_t c);
bool IsDigit(char32_t c);
bool IsSpace(char32_t c);  // includes NBSP U+00A0, NNBSP U+202F, thin space U+2009
// Extended_Pictographic ranges plus the emoji joiners and selectors (U+200D, U+FE0F) and ©®™.
bool IsPictographic(char32_t c);
// ' ‘ ’ ` ´ ʻ ʼ: everything used in the wild for Uzbek oʻ/gʻ and the tutuq.
bool IsApostropheLike(char32_t c);

char32_t ToLower(char32_t c);
char32_t ToUpper(char32_t c);
std::string Lower(std::string_view s);
std::string Upper(std::string_view s);
// First letter upper-cased; the rest untouched.
std::string FirstUpper(std::string_view s);
// First letter lower-cased unless the word looks like an acronym or a brand ("NFC", "iPhone").
std::string FirstLower(std::string_view s);

std::string Trim(std::string_view s);
// Trims and collapses runs of ordinary spaces; keeps line breaks and no-break spaces.
std::string CollapseSpaces(std::string_view s);
bool Contains(std::string_view haystack, std::string_view needle);
bool StartsWith(std::string_view s, std::string_view prefix);
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to);
std::vector<std::string> Split(std::string_view s, char sep);

struct Token {
    std::string text;    // as written
    size_t offset = 0;   // code point offset in the source
    bool number = false; // all digits (decimal separators inside allowed)
};
// Words: runs of letters and digits, keeping in-word apostrophes (qogʻoz, taʼm) and hyphens between
// letters (Wi-Fi, робот-пылесос). Punctuation, spaces and symbols separate words.
std::vector<Token> Words(std::string_view s);

// Numbers written in `s`, normalised: "1,5" and "1.5" -> "1.5"; "10 000" (grouped with U+00A0 / U+202F /
// U+2009) -> "10000"; "8/256" -> "8", "256"; "A55" -> "55".
std::vector<std::string> Numbers(std::string_view s);
// Canonical form of a number written in any of the ways above ("1,50" -> "1.5", "007" -> "7").
std::string CanonicalNumber(std::string_view s);

}  // namespace by::ai::text
