// The categories, characteristics and dictionaries the imitated marketplaces serve.
//
// Every category our content engine can target (data/categories/*.json) exists on each marketplace, under the
// real id where shared/marketplace-data gives one and under the real name our data uses otherwise:
//   - WB subjects 105, 381, 54 (confirmed from an object/all response) and 515, 2290, 2819, 192, 69, 197, 9215,
//     117, 1218, 390 (inferred from the storefront menu); parent ids are the real ones from the same object/parent
//     response (1 Одежда, 2 Обувь, 479 Электроника ...). The other subjects carry sandbox ids.
//   - Ozon description_category_id/type_id pairs and their root categories from the 2025-12-10 tree export;
//     only «Гель для стирки» and «Корм для собак», which the export lacks, carry sandbox ids.
//   - Yandex 91491 «Мобильные телефоны» (inferred); every other category and the tree above them are the sandbox's.
//   - Uzum storefront ids 12690, 15718, 12601; the other cabinet categories carry sandbox ids.
// No public dump of any marketplace's characteristics exists, so characteristic ids, dictionaries and value ids
// are the sandbox's own, except where a source shows one (WB 14177449 «Цвет», 14177451 «Страна производства»,
// 378533 «Комплектация», 54337 «Размер»; Ozon 85 «Бренд», 4191 «Аннотация», 9048, 8229, 10096, 4389, 4385,
// 8513; the Ozon brand value 126745801 «Нет бренда»).
//
// Which characteristics a category has, and which are required, is decided per "group" (a kind of product:
// "headphones", "tshirts", "dolls"...): the same group serves the WB subject, the Ozon type and the Yandex
// category of that kind. A few entries are "core only": only the core characteristic stays required there
// (WB «Цвет», Yandex «Цвет товара», Ozon Бренд and model name). Those are the categories the contract and
// integration fixtures publish to (WB 105 and 515, Yandex 91491, Ozon smartphone and headphones), which were
// written against those requirements; `full_requirements` asks for what the group requires everywhere else.
// Immutable data; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace by::sandbox::catalog {

// ---- Wildberries ----
struct WbParent {
    int64_t id;
    const char* name;
};
struct WbSubject {
    int64_t id;
    int64_t parent_id;
    const char* name;
    int description_max;  // characters; WB's standard is 2,000 (1,000-5,000 by category)
    const char* group;    // the characteristics (see the file comment)
    bool core_only;       // only «Цвет» is required (see the file comment)
};
struct WbCharc {
    int64_t id;
    const char* name;
    bool required;
    const char* unit;
    int max_count;      // 0 = unlimited (string arrays only)
    int charc_type;     // 1 = array of strings, 4 = number
    const char* dictionary;  // "colors", "countries", "kinds" or "" (free values)
};
struct WbColor {
    const char* name;
    const char* parent;
};
struct WbCountry {
    const char* name;
    const char* full_name;
};

const std::vector<WbParent>& WbParents();
const std::vector<WbSubject>& WbSubjects();
const WbSubject* FindWbSubject(int64_t id);
const WbParent* FindWbParent(int64_t id);
// The subject's characteristics as object/charcs serves them; `full_requirements` ignores core_only.
std::vector<WbCharc> WbCharcsFor(int64_t subject_id, bool full_requirements = false);
const std::vector<WbColor>& WbColors();
const std::vector<WbCountry>& WbCountries();
const std::vector<std::string>& WbKinds();

// ---- Ozon ----
struct OzonType {
    int64_t root_id;
    const char* root_name;
    int64_t description_category_id;
    const char* category_name;
    int64_t type_id;
    const char* type_name;
    const char* group;
    bool core_only;  // only Бренд and the model name are required
};
struct OzonDictValue {
    int64_t id;
    const char* value;
};
struct OzonAttribute {
    int64_t id;
    const char* name;
    const char* description;
    const char* type;  // "String", "Integer", "Decimal", "Boolean", "URL"
    bool is_collection;
    bool is_required;
    int64_t dictionary_id;  // 0 = free value
    int64_t max_value_count;
};

const std::vector<OzonType>& OzonTypes();
const OzonType* FindOzonType(int64_t description_category_id, int64_t type_id);
bool OzonCategoryExists(int64_t description_category_id);
// The attributes of one type, with its required flags (description-category/attribute).
std::vector<OzonAttribute> OzonAttributesFor(int64_t description_category_id, int64_t type_id,
                                             bool full_requirements = false);
// Every attribute the sandbox knows, with is_required false (requirements are per type).
const std::vector<OzonAttribute>& OzonAttributes();
const OzonAttribute* FindOzonAttribute(int64_t id);
const std::vector<OzonDictValue>& OzonDictionary(int64_t dictionary_id);
inline constexpr int64_t kOzonBrandAttr = 85;
inline constexpr int64_t kOzonBrandDictionary = 28732849;
inline constexpr int64_t kOzonNoBrandValue = 126745801;
// Ozon's video complex attributes (complex_id 100001: 21841 URL, 21837 name; 100002: 21845 cover).
inline constexpr int64_t kOzonVideoComplexId = 100001;
inline constexpr int64_t kOzonVideoUrlAttr = 21841;
inline constexpr int64_t kOzonVideoNameAttr = 21837;

// ---- Yandex Market ----
struct YandexCategory {
    int64_t id;
    int64_t parent_id;  // 0 for the root
    const char* name;
    const char* group;  // leaves only
    bool core_only;     // only «Цвет товара» is required
};
struct YandexValue {
    int64_t id;
    const char* value;
};
struct YandexParameter {
    int64_t id;
    const char* name;
    const char* type;  // TEXT | ENUM | BOOLEAN | NUMERIC
    bool required;
    bool multivalue;
    bool allow_custom_values;
    const char* unit;  // "" when none
    int64_t unit_id;
    std::vector<YandexValue> values;  // ENUM options
    int max_length;                   // TEXT; 0 = none
};

const std::vector<YandexCategory>& YandexCategories();
const YandexCategory* FindYandexCategory(int64_t id);
bool YandexIsLeaf(int64_t id);
std::vector<YandexParameter> YandexParametersFor(int64_t category_id, bool full_requirements = false);

// ---- Uzum (cabinet category select) ----
struct UzumCategory {
    int64_t id;
    const char* title_ru;
    const char* title_uz;
};
const std::vector<UzumCategory>& UzumCategories();
const UzumCategory* FindUzumCategory(int64_t id);

}  // namespace by::sandbox::catalog
