// The categories, characteristics and dictionaries the imitated marketplaces serve.
//
// Category ids are the real ones collected in shared/marketplace-data/categories.csv: WB subjects
// (105, 381, 54 confirmed from an object/all response; the others inferred from the storefront menu),
// Ozon description_category_id/type_id pairs (from the 2025-12-10 tree export), Yandex 91491 (inferred)
// and the Uzum storefront ids shown in the cabinet. No public dump of any marketplace's characteristics
// exists, so characteristic ids, dictionaries and value ids are the sandbox's own, except where a spec
// example shows one (WB 14177449 "Цвет", 54337 "Размер"; Ozon 85 "Бренд", 4191 "Аннотация",
// 9048, 8229, 10096). Parent ids marked "sandbox" are not real.
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
};
struct WbCharc {
    int64_t id;
    const char* name;
    bool required;
    const char* unit;
    int max_count;      // 0 = unlimited (string arrays only)
    int charc_type;     // 1 = array of strings, 4 = number
    const char* dictionary;  // "colors", "countries" or "" (free values)
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
std::vector<WbCharc> WbCharcsFor(int64_t subject_id);
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
const std::vector<OzonAttribute>& OzonAttributes();  // the same set for every type in the sandbox
const OzonAttribute* FindOzonAttribute(int64_t id);
const std::vector<OzonDictValue>& OzonDictionary(int64_t dictionary_id);
// Ozon's video complex attributes (complex_id 100001: 21841 URL, 21837 name; 100002: 21845 cover).
inline constexpr int64_t kOzonVideoComplexId = 100001;
inline constexpr int64_t kOzonVideoUrlAttr = 21841;
inline constexpr int64_t kOzonVideoNameAttr = 21837;

// ---- Yandex Market ----
struct YandexCategory {
    int64_t id;
    int64_t parent_id;  // 0 for the root
    const char* name;
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
std::vector<YandexParameter> YandexParametersFor(int64_t category_id);

// ---- Uzum (cabinet category select) ----
struct UzumCategory {
    int64_t id;
    const char* title_ru;
    const char* title_uz;
};
const std::vector<UzumCategory>& UzumCategories();
const UzumCategory* FindUzumCategory(int64_t id);

}  // namespace by::sandbox::catalog
