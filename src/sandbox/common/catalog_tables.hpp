// Internal tables behind catalog.hpp: the characteristic groups, each marketplace's characteristic
// definitions (ids, types, dictionaries) and its dictionaries. Immutable data; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sandbox/common/catalog.hpp"

namespace by::sandbox::catalog::tables {

// Where a characteristic is required: bits of the three marketplaces with characteristic APIs.
inline constexpr uint8_t kWb = 1;
inline constexpr uint8_t kOzon = 2;
inline constexpr uint8_t kYandex = 4;
inline constexpr uint8_t kAll = kWb | kOzon | kYandex;

enum class Kind : uint8_t {
    kText,
    kNumber,
    kBool,
    kList,     // several values
    kColor,    // WB «Цвет» (colors), Ozon 10096 (1495), Yandex «Цвет товара» (closed list)
    kCountry,  // WB «Страна производства» (countries), Ozon 4389 (1935), Yandex closed list
    kGender,   // WB «Пол» (kinds)
};

// One characteristic of a kind of product, as each marketplace names it.
struct Feature {
    const char* wb;
    const char* ozon;
    const char* yandex;
    Kind kind;
    const char* unit;  // WB and Yandex unit; Ozon carries it in the name
    uint8_t required;  // kWb | kOzon | kYandex
};

struct Group {
    const char* key;
    std::vector<Feature> features;
};

const std::vector<Group>& Groups();
const Group* FindGroup(std::string_view key);

// Characteristic definitions. A feature finds its definition by name, unit and whether it is a number.
struct WbDef {
    int64_t id;
    const char* name;
    const char* unit;
    int max_count;
    int charc_type;  // 1 strings, 4 number
    const char* dictionary;
};
struct OzonDef {
    int64_t id;
    const char* name;
    const char* type;
    bool is_collection;
    int64_t dictionary_id;
};
enum class Values : uint8_t { kNone, kColors, kCountries, kSystems };
struct YandexDef {
    int64_t id;
    const char* name;
    const char* type;
    bool multivalue;
    bool allow_custom_values;
    const char* unit;
    Values values;
};

const std::vector<WbDef>& WbDefs();        // group features
const std::vector<WbDef>& WbCommon();      // every subject, optional
const std::vector<OzonDef>& OzonDefs();    // group features
const std::vector<OzonAttribute>& OzonCommon();  // every type; 85 and 9048 required
const std::vector<YandexDef>& YandexDefs();      // group features
const std::vector<YandexDef>& YandexCommon();    // every leaf, optional
int64_t YandexUnitId(std::string_view unit);     // 0 for ""

const WbDef* FindWbDef(std::string_view name, std::string_view unit, bool number);
const OzonDef* FindOzonDef(std::string_view name);
const YandexDef* FindYandexDef(std::string_view name, std::string_view unit, bool number);

// Dictionaries.
const std::vector<YandexValue>& YandexColors();
const std::vector<YandexValue>& YandexCountries();
const std::vector<YandexValue>& YandexSystems();
const std::vector<OzonDictValue>& OzonBrands();
const std::vector<OzonDictValue>& OzonColors();
const std::vector<OzonDictValue>& OzonCountries();

}  // namespace by::sandbox::catalog::tables
