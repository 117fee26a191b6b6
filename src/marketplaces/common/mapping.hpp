// What the WB, Ozon and Yandex mappers share: reading our product and its generated content
// (ai::CardContent as JSON), matching our characteristics to a marketplace's, package dimensions, money
// and UTF-8 length limits. Pure functions over values; safe from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "marketplaces/adapter.hpp"

namespace by::marketplaces {

// ---- text ----
size_t Utf8Length(std::string_view s);
// At most `max_chars` code points; cut at a word boundary when one is within the last 20 characters.
std::string Utf8Truncate(std::string_view s, size_t max_chars);
// For matching names and dictionary values: lower case (ASCII and Cyrillic), ё -> е, trimmed, single spaces.
std::string NormalizeKey(std::string_view s);

// ---- content ----
// The title/description in `lang` ("ru" | "uz"): content.texts[lang], else the content's own fields when
// it is in that language (or lang is "ru"), else the product's name/description.
std::string CardTitle(const PublishItem& item, std::string_view lang = "ru");
std::string CardDescription(const PublishItem& item, std::string_view lang = "ru");
bool HasLanguage(const PublishItem& item, std::string_view lang);

struct OurCharacteristic {
    std::string key;    // our attribute key ("color")
    std::string name;   // as the content names it ("Цвет")
    std::string value;
    std::optional<int64_t> attribute_id;
};
// content.characteristics, then product attributes not already there, then brand.
std::vector<OurCharacteristic> Characteristics(const PublishItem& item);

// The value for a marketplace characteristic: by attribute id, then by normalized name, then by our key's
// known Russian names (color -> "цвет", country -> "страна", brand -> "бренд", ...). nullopt when none.
std::optional<std::string> FindValue(const std::vector<OurCharacteristic>& ours, std::string_view mp_name,
                                     std::optional<int64_t> mp_id = std::nullopt);

// The entry of a marketplace dictionary for `value`: the same words (NormalizeKey), else the entry equal to
// the value's last word, so a shade files under its base colour ("темно-синий" -> "синий", "светло серый" ->
// "серый"). nullopt when neither matches.
std::optional<size_t> MatchDictionary(std::string_view value, size_t count,
                                      const std::function<std::string(size_t)>& name_at);

// ---- category ----
struct CategoryRef {
    std::optional<int64_t> id;       // WB subjectID, Ozon description_category_id, Yandex marketCategoryId
    std::optional<int64_t> type_id;  // Ozon type_id
    std::string name;
};
// item.category, then content.marketplace_category, then `mapped` (the configured category map).
CategoryRef ReadCategory(const PublishItem& item, const std::optional<nlohmann::json>& mapped = std::nullopt);

// ---- package ----
struct Package {
    double length_cm = 0, width_cm = 0, height_cm = 0;
    double weight_g = 0;
};
// From product attributes package_{length,width,height}_cm and package_weight_g (also *_mm, *_kg and the
// unprefixed forms). Missing or non-positive values are Error::Unprocessable naming the attribute.
core::Result<Package> ReadPackage(const core::Product& product);

// ---- money ----
// Minor units as a decimal string with two places: {123450, RUB} -> "1234.50".
std::string MoneyDecimal(const core::Money& m);
// Whole major units, rounded half up: {123450} -> 1235.
int64_t MoneyWholeUnits(const core::Money& m);
// Error::Unprocessable unless `m.currency` is `expected` (RUR counts as RUB), and the amount positive.
core::Status CheckPrice(const core::Money& m, std::string_view expected, core::Marketplace mp);

// ---- misc ----
int64_t JsonInt(const nlohmann::json& j, std::string_view key, int64_t fallback = 0);  // number or numeric string
std::string JsonStr(const nlohmann::json& j, std::string_view key);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
// Replaces "{name}" in `pattern` with `value`.
std::string FillPattern(std::string pattern, std::string_view name, std::string_view value);

}  // namespace by::marketplaces
