#include "ai/text.hpp"

#include <algorithm>

namespace by::ai::text {
namespace {

struct Composition {
    char32_t base;
    char32_t mark;
    char32_t composed;
};
// The decomposed pairs seen in pasted seller text. Enough for ru/uz/en product copy.
constexpr Composition kCompositions[] = {
    {U'\u0435', U'\u0308', U'\u0451'}, {U'\u0415', U'\u0308', U'\u0401'},  // ё Ё
    {U'\u0438', U'\u0306', U'\u0439'}, {U'\u0418', U'\u0306', U'\u0419'},  // й Й
    {U'\u0443', U'\u0306', U'\u045E'}, {U'\u0423', U'\u0306', U'\u040E'},  // ў Ў
    {U'e', U'\u0301', U'\u00E9'},      {U'E', U'\u0301', U'\u00C9'},
    {U'a', U'\u0301', U'\u00E1'},      {U'o', U'\u0308', U'\u00F6'},
    {U'u', U'\u0308', U'\u00FC'},      {U'O', U'\u0308', U'\u00D6'},
    {U'U', U'\u0308', U'\u00DC'},      {U'g', U'\u0306', U'\u011F'},
    {U'G', U'\u0306', U'\u011E'},      {U's', U'\u0327', U'\u015F'},
    {U'c', U'\u0327', U'\u00E7'},
};

bool IsDecimalSeparator(char32_t c) { return c == U'.' || c == U','; }
bool IsGroupSeparator(char32_t c) { return c == U'\u00A0' || c == U'\u202F' || c == U'\u2009'; }

}  // namespace

void AppendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::u32string Decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        char32_t cp = 0;
        size_t len = 0;
        if (b < 0x80) {
            cp = b;
            len = 1;
        } else if ((b & 0xE0) == 0xC0) {
            cp = b & 0x1F;
            len = 2;
        } else if ((b & 0xF0) == 0xE0) {
            cp = b & 0x0F;
            len = 3;
        } else if ((b & 0xF8) == 0xF0) {
            cp = b & 0x07;
            len = 4;
        } else {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        if (i + len > s.size()) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        bool valid = true;
        for (size_t k = 1; k < len; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) {
                valid = false;
                break;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        if (!valid) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string Encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        AppendUtf8(out, c);
    }
    return out;
}

std::string Nfc(std::string_view s) {
    std::u32string in = Decode(s);
    std::u32string out;
    out.reserve(in.size());
    for (char32_t c : in) {
        if (!out.empty()) {
            bool composed = false;
            for (const auto& comp : kCompositions) {
                if (comp.base == out.back() && comp.mark == c) {
                    out.back() = comp.composed;
                    composed = true;
                    break;
                }
            }
            if (composed) {
                continue;
            }
        }
        out.push_back(c);
    }
    return Encode(out);
}

size_t Length(std::string_view s) { return Decode(Nfc(s)).size(); }

bool IsCyrillic(char32_t c) { return c >= 0x0400 && c <= 0x04FF; }

bool IsLatinLetter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7);
}

bool IsLetter(char32_t c) {
    return IsLatinLetter(c) || IsCyrillic(c) || (c >= 0x02B0 && c <= 0x02FF && c != 0x02BD) ||
           (c >= 0x0370 && c <= 0x03FF);
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool IsSpace(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0' || c == U'\u202F' ||
           c == U'\u2009' || c == U'\u2007' || c == U'\u2002' || c == U'\u2003';
}

bool IsPictographic(char32_t c) {
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2300 && c <= 0x23FF) ||
           (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x1FC00 && c <= 0x1FFFD) || c == 0x200D || c == 0xFE0F ||
           c == 0x00A9 || c == 0x00AE || c == 0x2122 || c == 0x3030 || c == 0x303D || c == 0x3297 || c == 0x3299 ||
           (c >= 0x2190 && c <= 0x21FF && c != 0x2192) || c == 0x203C || c == 0x2049 || (c >= 0x25A0 && c <= 0x25FF);
}

bool IsApostropheLike(char32_t c) {
    return c == U'\'' || c == U'\u2018' || c == U'\u2019' || c == U'`' || c == U'\u00B4' || c == U'\u02BB' ||
           c == U'\u02BC' || c == U'\u02BD';
}

char32_t ToLower(char32_t c) {
    if (c >= U'A' && c <= U'Z') {
        return c + 32;
    }
    if (c >= 0x00C0 && c <= 0x00DE && c != 0x00D7) {
        return c + 32;
    }
    if (c >= 0x0410 && c <= 0x042F) {
        return c + 32;
    }
    if (c >= 0x0400 && c <= 0x040F) {
        return c + 80;
    }
    if (c == 0x0130) {
        return U'i';
    }
    if (c >= 0x0100 && c <= 0x017F && c != 0x0138 && c != 0x0149 && c != 0x017F) {
        bool odd_is_upper = (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
        if (odd_is_upper) {
            return (c % 2 == 1) ? c + 1 : c;
        }
        return (c % 2 == 0) ? c + 1 : c;
    }
    if (c >= 0x0460 && c <= 0x04FF && c % 2 == 0 && !(c >= 0x0482 && c <= 0x0489)) {
        return c + 1;
    }
    return c;
}

char32_t ToUpper(char32_t c) {
    if (c >= U'a' && c <= U'z') {
        return c - 32;
    }
    if (c >= 0x00E0 && c <= 0x00FE && c != 0x00F7) {
        return c - 32;
    }
    if (c >= 0x0430 && c <= 0x044F) {
        return c - 32;
    }
    if (c >= 0x0450 && c <= 0x045F) {
        return c - 80;
    }
    if (c == 0x0131) {
        return U'I';
    }
    if (c >= 0x0100 && c <= 0x017F && c != 0x0138 && c != 0x0149 && c != 0x017F) {
        bool odd_is_upper = (c >= 0x0139 && c <= 0x0148) || (c >= 0x0179 && c <= 0x017E);
        if (odd_is_upper) {
            return (c % 2 == 0) ? c - 1 : c;
        }
        return (c % 2 == 1) ? c - 1 : c;
    }
    if (c >= 0x0460 && c <= 0x04FF && c % 2 == 1 && !(c >= 0x0482 && c <= 0x0489)) {
        return c - 1;
    }
    return c;
}

bool IsUpper(char32_t c) { return IsLetter(c) && ToLower(c) != c; }
bool IsLower(char32_t c) { return IsLetter(c) && ToUpper(c) != c; }

std::string Lower(std::string_view s) {
    std::u32string cps = Decode(s);
    for (auto& c : cps) {
        c = ToLower(c);
    }
    return Encode(cps);
}

std::string Upper(std::string_view s) {
    std::u32string cps = Decode(s);
    for (auto& c : cps) {
        c = ToUpper(c);
    }
    return Encode(cps);
}

std::string FirstUpper(std::string_view s) {
    std::u32string cps = Decode(s);
    // "iPhone 15 uchun mos": a word with a capital inside is a name and keeps its spelling.
    for (size_t i = 1; i < cps.size() && IsLetter(cps[i]); ++i) {
        if (IsUpper(cps[i])) {
            return std::string(s);
        }
    }
    for (auto& c : cps) {
        if (IsLetter(c)) {
            c = ToUpper(c);
            break;
        }
        if (IsDigit(c)) {
            break;
        }
    }
    return Encode(cps);
}

std::string FirstLower(std::string_view s) {
    std::u32string cps = Decode(s);
    if (cps.empty() || !IsUpper(cps[0])) {
        return std::string(s);
    }
    // "NFC", "USB", "iPhone": leave words whose next cased letter is not lower-case alone. Modifier
    // letters (the ʻ of Oʻlcham) have no case and are skipped.
    for (size_t i = 1; i < cps.size() && IsLetter(cps[i]); ++i) {
        if (IsUpper(cps[i])) {
            return std::string(s);
        }
        if (IsLower(cps[i])) {
            break;
        }
    }
    cps[0] = ToLower(cps[0]);
    return Encode(cps);
}

std::string Trim(std::string_view s) {
    std::u32string cps = Decode(s);
    size_t b = 0;
    size_t e = cps.size();
    while (b < e && IsSpace(cps[b])) {
        ++b;
    }
    while (e > b && IsSpace(cps[e - 1])) {
        --e;
    }
    return Encode(std::u32string_view(cps).substr(b, e - b));
}

std::string CollapseSpaces(std::string_view s) {
    std::u32string cps = Decode(Trim(s));
    std::u32string out;
    out.reserve(cps.size());
    for (char32_t c : cps) {
        if ((c == U' ' || c == U'\t') && !out.empty() && (out.back() == U' ' || out.back() == U'\n')) {
            continue;
        }
        if (c == U'\t') {
            c = U' ';
        }
        if (c == U'\n' && !out.empty() && out.back() == U' ') {
            out.pop_back();
        }
        out.push_back(c);
    }
    return Encode(out);
}

bool Contains(std::string_view haystack, std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
    if (from.empty()) {
        return s;
    }
    size_t pos = 0;
    while ((pos = s.find(from, pos)) != std::string::npos) {
        s.replace(pos, from.size(), to);
        pos += to.size();
    }
    return s;
}

std::vector<std::string> Split(std::string_view s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        size_t pos = s.find(sep, start);
        out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) {
            break;
        }
        start = pos + 1;
    }
    return out;
}

std::vector<Token> Words(std::string_view s) {
    std::u32string cps = Decode(s);
    std::vector<Token> out;
    size_t i = 0;
    auto word_char = [](char32_t c) { return IsLetter(c) || IsDigit(c); };
    while (i < cps.size()) {
        if (!word_char(cps[i])) {
            ++i;
            continue;
        }
        size_t b = i;
        bool all_digits = true;
        while (i < cps.size()) {
            char32_t c = cps[i];
            if (word_char(c)) {
                all_digits = all_digits && IsDigit(c);
                ++i;
                continue;
            }
            bool inner = i + 1 < cps.size() && i > b;
            if (inner && (IsApostropheLike(c) || c == U'-') && IsLetter(cps[i - 1]) && IsLetter(cps[i + 1])) {
                all_digits = false;
                ++i;
                continue;
            }
            // A trailing oʻ/gʻ mark belongs to the word ("togʻ", "bogʻ").
            if (IsApostropheLike(c) && i > b && (cps[i - 1] == U'o' || cps[i - 1] == U'g' || cps[i - 1] == U'O' ||
                                                 cps[i - 1] == U'G') &&
                (c == U'\u02BB' || c == U'\u02BC' || c == U'\'' || c == U'\u2018' || c == U'`')) {
                ++i;
                all_digits = false;
                continue;
            }
            if (inner && IsDecimalSeparator(c) && all_digits && IsDigit(cps[i - 1]) && IsDigit(cps[i + 1])) {
                ++i;
                continue;
            }
            break;
        }
        Token t;
        t.text = Encode(std::u32string_view(cps).substr(b, i - b));
        t.offset = b;
        t.number = all_digits;
        out.push_back(std::move(t));
    }
    return out;
}

std::string CanonicalNumber(std::string_view s) {
    std::string digits;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if (c == ',' || c == '.') {
            digits.push_back('.');
        }
    }
    std::string int_part = digits;
    std::string frac;
    if (auto dot = digits.find('.'); dot != std::string::npos) {
        int_part = digits.substr(0, dot);
        frac = digits.substr(dot + 1);
        frac.erase(std::remove(frac.begin(), frac.end(), '.'), frac.end());
    }
    size_t nz = int_part.find_first_not_of('0');
    int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
    while (!frac.empty() && frac.back() == '0') {
        frac.pop_back();
    }
    return frac.empty() ? int_part : int_part + "." + frac;
}

std::vector<std::string> Numbers(std::string_view s) {
    std::u32string cps = Decode(s);
    std::vector<std::string> out;
    size_t i = 0;
    while (i < cps.size()) {
        if (!IsDigit(cps[i])) {
            ++i;
            continue;
        }
        std::string num;
        size_t group_len = 0;
        bool grouped_ok = true;
        while (i < cps.size()) {
            char32_t c = cps[i];
            if (IsDigit(c)) {
                num.push_back(static_cast<char>(c));
                ++group_len;
                ++i;
                continue;
            }
            // 10 000: a group separator followed by exactly three digits.
            if (IsGroupSeparator(c) && grouped_ok && group_len >= 1 && group_len <= 3 && i + 3 < cps.size()) {
                size_t k = i + 1;
                size_t run = 0;
                while (k < cps.size() && IsDigit(cps[k])) {
                    ++k;
                    ++run;
                }
                if (run == 3 && num.find('.') == std::string::npos) {
                    i += 1;
                    group_len = 0;
                    continue;
                }
                break;
            }
            if (IsDecimalSeparator(c) && i + 1 < cps.size() && IsDigit(cps[i + 1]) && num.find('.') == std::string::npos) {
                num.push_back('.');
                grouped_ok = false;
                ++i;
                continue;
            }
            break;
        }
        out.push_back(CanonicalNumber(num));
    }
    return out;
}

}  // namespace by::ai::text
