#include "ai/russian.hpp"

#include <array>

namespace by::ai::ru {

PluralCategory CategoryOf(int64_t n) {
    if (n < 0) {
        n = -n;
    }
    int64_t mod10 = n % 10;
    int64_t mod100 = n % 100;
    if (mod10 == 1 && mod100 != 11) {
        return PluralCategory::kOne;
    }
    if (mod10 >= 2 && mod10 <= 4 && !(mod100 >= 12 && mod100 <= 14)) {
        return PluralCategory::kFew;
    }
    return PluralCategory::kMany;
}

PluralCategory CategoryOf(std::string_view number) {
    if (number.find('.') != std::string_view::npos || number.find(',') != std::string_view::npos) {
        return PluralCategory::kOther;
    }
    int64_t n = 0;
    for (char c : number) {
        if (c >= '0' && c <= '9') {
            n = (n * 10 + (c - '0')) % 1000;  // only the last digits matter
        }
    }
    return CategoryOf(n);
}

const std::string& FormFor(const CountedNoun& noun, PluralCategory category) {
    switch (category) {
        case PluralCategory::kOne:
            return noun.one;
        case PluralCategory::kFew:
        case PluralCategory::kOther:
            return noun.few;
        case PluralCategory::kMany:
            return noun.many;
    }
    return noun.many;
}

const std::string& GenitiveFormFor(const CountedNoun& noun, PluralCategory category) {
    switch (category) {
        case PluralCategory::kOne:
        case PluralCategory::kOther:
            return noun.few;
        case PluralCategory::kFew:
        case PluralCategory::kMany:
            return noun.many;
    }
    return noun.many;
}

std::string Count(std::string_view number, const CountedNoun& noun, std::string_view space) {
    return FormatNumber(number) + std::string(space) + FormFor(noun, CategoryOf(number));
}

std::string CountGenitive(std::string_view number, const CountedNoun& noun, std::string_view space) {
    return FormatNumber(number) + std::string(space) + GenitiveFormFor(noun, CategoryOf(number));
}

bool IsGenitivePreposition(std::string_view w) {
    static constexpr std::array<std::string_view, 11> kPreps = {"от",    "до",    "из",    "около", "более", "менее",
                                                                "свыше", "после", "кроме", "без",   "для"};
    for (auto p : kPreps) {
        if (w == p) {
            return true;
        }
    }
    return false;
}

std::optional<Gender> ParseGender(std::string_view name) {
    if (name == "m") {
        return Gender::kMasculine;
    }
    if (name == "f") {
        return Gender::kFeminine;
    }
    if (name == "n") {
        return Gender::kNeuter;
    }
    if (name == "pl") {
        return Gender::kPlural;
    }
    return std::nullopt;
}

std::string_view GenderName(Gender g) {
    switch (g) {
        case Gender::kMasculine:
            return "m";
        case Gender::kFeminine:
            return "f";
        case Gender::kNeuter:
            return "n";
        case Gender::kPlural:
            return "pl";
    }
    return "m";
}

const std::string& Agree(const AdjectiveForms& forms, Gender gender) {
    switch (gender) {
        case Gender::kMasculine:
            return forms.m;
        case Gender::kFeminine:
            return forms.f.empty() ? forms.m : forms.f;
        case Gender::kNeuter:
            return forms.n.empty() ? forms.m : forms.n;
        case Gender::kPlural:
            return forms.pl.empty() ? forms.m : forms.pl;
    }
    return forms.m;
}

std::string FormatNumber(std::string_view number, bool group) {
    std::string int_part(number);
    std::string frac;
    if (auto dot = number.find('.'); dot != std::string_view::npos) {
        int_part = std::string(number.substr(0, dot));
        frac = std::string(number.substr(dot + 1));
    }
    std::string grouped;
    if (group && int_part.size() >= 5) {
        size_t lead = int_part.size() % 3;
        if (lead == 0) {
            lead = 3;
        }
        grouped = int_part.substr(0, lead);
        for (size_t i = lead; i < int_part.size(); i += 3) {
            grouped += kNarrowNbsp;
            grouped += int_part.substr(i, 3);
        }
    } else {
        grouped = int_part;
    }
    return frac.empty() ? grouped : grouped + "," + frac;
}

}  // namespace by::ai::ru
