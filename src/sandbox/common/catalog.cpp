// The marketplaces' category trees and the assembly of each category's characteristics from its group
// (catalog_groups.cpp) and dictionaries (catalog_dictionaries.cpp). See catalog.hpp for where ids come from.
#include "sandbox/common/catalog.hpp"

#include <map>
#include <string_view>

#include "sandbox/common/catalog_tables.hpp"

namespace by::sandbox::catalog {

using tables::Kind;

namespace {

// Whether a characteristic of an entry is required: its group requires it on this marketplace, and the entry
// is not "core only" (or the characteristic is the core one, or the caller asks for the full requirements).
bool Required(uint8_t required, uint8_t marketplace, bool core_only, bool core, bool full_requirements) {
    return (required & marketplace) != 0 && (full_requirements || !core_only || core);
}

}  // namespace

// ---- Wildberries ----

const std::vector<WbParent>& WbParents() {
    // The real object/parent/all list (a pasted response, see shared/marketplace-data/README.md "WB, confirmed").
    static const std::vector<WbParent> v = {
        {1, "Одежда"},
        {2, "Обувь"},
        {3, "Аксессуары"},
        {4, "Белье"},
        {6, "Головные уборы"},
        {7, "Игрушки"},
        {49, "Красота"},
        {195, "Дом"},
        {200, "Бижутерия"},
        {204, "Ювелирные украшения"},
        {239, "Спортивный товар"},
        {257, "Для праздника"},
        {479, "Электроника"},
        {571, "Канцелярские товары"},
        {657, "Бытовая техника"},
        {723, "Товары для животных"},
        {739, "Аксессуары для обуви"},
        {760, "Автомобильные товары"},
        {786, "Книжная продукция и диски"},
        {858, "Оргтехника"},
        {883, "Товары для малышей"},
        {1077, "Хозяйственные товары"},
        {1081, "Спортивное питание и косметика"},
        {1162, "Строительные инструменты"},
        {1284, "Рукоделие"},
        {1465, "Аксессуары для волос"},
        {1513, "Спортивная одежда"},
        {1521, "Техника для кухни"},
        {1590, "Посуда и инвентарь"},
        {1598, "Хранение вещей"},
        {1605, "Спортивные аксессуары"},
        {1616, "Шторы и аксессуары"},
        {2050, "Строительные материалы"},
        {2051, "Сантехника"},
        {2207, "Электротранспорт"},
        {2240, "Садовая техника"},
        {2479, "Торговое оборудование"},
        {2638, "Детское питание"},
        {3109, "Продукты"},
        {3324, "Профессиональные музыкальные инструменты"},
        {3497, "Спортивная обувь"},
        {4268, "Здоровье"},
        {4607, "Одежда для малышей"},
        {4735, "Белье для малышей"},
        {4823, "Аксессуары для малышей"},
        {5038, "Товары для взрослых"},
        {5495, "Крупная бытовая техника"},
        {6119, "Спецодежда и СИЗы"},
        {6237, "Периферия и аксессуары"},
        {6238, "Ноутбуки и компьютеры"},
        {6240, "Автоэлектроника"},
        {6249, "Товары для курения"},
        {6256, "Игровые консоли и игры"},
        {6257, "Сетевое оборудование"},
        {6258, "Смартфоны и аксессуары"},
        {6259, "Умный дом и безопасность"},
        {6260, "Телевизоры и аудиотехника"},
        {6261, "Фото и Видеотехника"},
        {6371, "Фарма"},
        {6731, "Запчасти для авто"},
        {6943, "Все для садоводства"},
        {6945, "Товары для отдыха и кемпинга"},
        {6946, "Садовые инструменты"},
        {6967, "Алкогольная продукция"},
        {7580, "Мебель"},
        {8555, "Отделочные материалы"},
        {8895, "Автомобили"},
    };
    return v;
}

const std::vector<WbSubject>& WbSubjects() {
    // Parents of the inferred and sandbox subjects are the real parent whose name fits (no source pairs them).
    static const std::vector<WbSubject> v = {
        {105, 2, "Кроссовки", 2000, "shoes", true},                // confirmed
        {381, 786, "Книги", 5000, "books", false},                   // confirmed
        {54, 204, "Ювелирные кольца", 1000, "jewellery", false},     // confirmed
        {515, 6258, "Смартфоны", 2000, "phones", true},            // inferred
        {390, 6258, "Чехлы для телефонов", 2000, "phone_accessories", false},  // inferred
        {2290, 6238, "Ноутбуки", 2000, "laptops", false},            // inferred
        {2819, 6260, "Телевизоры", 2000, "tvs", false},              // inferred
        // Shared by men's, women's and kids' t-shirts: «Пол» is optional (see the "tshirts" group).
        {192, 1, "Футболки", 2000, "tshirts", false},             // inferred
        {69, 1, "Платья", 2000, "clothing", false},                  // inferred
        {197, 195, "Постельное белье", 2000, "bedding", false},      // inferred
        {9215, 195, "Настольные лампы", 2000, "lighting", false},    // inferred
        {117, 7, "Конструкторы", 2000, "toys", false},               // inferred
        {1218, 6943, "Шланги садовые", 2000, "garden", false},       // inferred
        // Sandbox ids, with the names our data looks up.
        {990101, 479, "Наушники", 2000, "headphones", false},
        {990102, 6258, "Зарядные устройства", 2000, "phone_accessories", false},
        {990103, 1521, "Чайники электрические", 2000, "kitchen_appliances", false},
        {990104, 1521, "Блендеры", 2000, "kitchen_appliances", false},
        {990105, 1521, "Мультиварки", 2000, "kitchen_appliances", false},
        {990106, 657, "Пылесосы", 2000, "vacuum_cleaners", false},
        {990107, 657, "Пылесосы вертикальные", 2000, "vacuum_cleaners", false},
        {990108, 657, "Роботы-пылесосы", 2000, "vacuum_cleaners", false},
        {990109, 1, "Худи", 2000, "clothing", false},
        {990110, 1, "Рубашки", 2000, "clothing", false},
        {990111, 1, "Юбки", 2000, "clothing", false},
        {990112, 2, "Ботинки", 2000, "shoes", false},
        {990113, 2, "Кеды", 2000, "shoes", false},
        {990114, 3, "Сумки", 2000, "bags", false},
        {990115, 3, "Рюкзаки", 2000, "bags", false},
        {990116, 3, "Часы наручные", 2000, "watches", false},
        {990117, 204, "Ювелирные серьги", 1000, "jewellery", false},
        {990118, 49, "Кремы для лица", 2000, "cosmetics", false},
        {990119, 49, "Парфюмерная вода", 2000, "perfume", false},
        {990120, 49, "Туалетная вода", 2000, "perfume", false},
        {990121, 1077, "Стиральные порошки", 2000, "household_chemicals", false},
        {990122, 1077, "Гели для стирки", 2000, "laundry_gel", false},
        {990123, 1590, "Сковороды", 2000, "cookware", false},
        {990124, 1590, "Кастрюли", 2000, "cookware", false},
        {990125, 7580, "Кресла офисные", 2000, "furniture", false},
        {990126, 7580, "Стулья", 2000, "furniture", false},
        {990127, 195, "Люстры", 2000, "lighting", false},
        {990128, 6946, "Секаторы", 2000, "secateurs", false},
        {990129, 7, "Куклы", 2000, "dolls", false},
        {990130, 239, "Гантели", 2000, "sports", false},
        {990131, 239, "Мячи", 2000, "balls", false},
        {990132, 883, "Подгузники", 2000, "baby_care", false},
        {990133, 883, "Подгузники-трусики", 2000, "baby_care", false},
        {990134, 723, "Корма для собак", 2000, "pet_goods", false},
        {990135, 723, "Ошейники", 2000, "pet_accessories", false},
        {990136, 571, "Тетради", 2000, "stationery", false},
        {990137, 571, "Ежедневники", 2000, "stationery", false},
        {990138, 1162, "Дрели", 2000, "tools", false},
        {990139, 1162, "Дрели-шуруповерты", 2000, "tools", false},
        {990140, 760, "Щетки стеклоочистителя", 2000, "auto_parts", false},
    };
    return v;
}

const WbSubject* FindWbSubject(int64_t id) {
    for (const auto& s : WbSubjects()) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

const WbParent* FindWbParent(int64_t id) {
    for (const auto& p : WbParents()) {
        if (p.id == id) {
            return &p;
        }
    }
    return nullptr;
}

std::vector<WbCharc> WbCharcsFor(int64_t subject_id, bool full_requirements) {
    std::vector<WbCharc> v;
    const WbSubject* subject = FindWbSubject(subject_id);
    const tables::Group* group = subject ? tables::FindGroup(subject->group) : nullptr;
    if (group == nullptr) {
        return v;
    }
    for (const auto& f : group->features) {
        const tables::WbDef* d = tables::FindWbDef(f.wb, f.unit, f.kind == Kind::kNumber);
        if (d == nullptr) {
            continue;
        }
        bool required = Required(f.required, tables::kWb, subject->core_only, f.kind == Kind::kColor, full_requirements);
        v.push_back({d->id, d->name, required, d->unit, d->max_count, d->charc_type, d->dictionary});
    }
    for (const auto& d : tables::WbCommon()) {
        v.push_back({d.id, d.name, false, d.unit, d.max_count, d.charc_type, d.dictionary});
    }
    return v;
}

// ---- Ozon ----

const std::vector<OzonType>& OzonTypes() {
    // Real ids from the 2025-12-10 tree export unless marked "sandbox id".
    static const std::vector<OzonType> v = {
        {15621042, "Электроника", 15621050, "Смартфоны, планшеты, мобильные телефоны", 95139, "Смартфон", "phones", true},
        {15621042, "Электроника", 17028619, "Компьютеры", 91477, "Ноутбук", "laptops", false},
        {15621042, "Электроника", 17028929, "Наушники и гарнитуры", 504866264, "Наушники", "headphones", true},
        {15621042, "Электроника", 17028640, "Телевизоры", 94988, "Телевизор", "tvs", false},
        {15621042, "Электроника", 17028650, "Чехлы", 97011, "Чехол для смартфона", "phone_accessories", false},
        {15621042, "Электроника", 17028627, "Зарядные устройства и док-станции", 95777, "Сетевое зарядное устройство",
         "phone_accessories", false},
        {17027486, "Бытовая техника", 17039631, "Электрические чайники и термопоты", 94968, "Электрический чайник",
         "kitchen_appliances", false},
        {17027486, "Бытовая техника", 17039627, "Миксеры, блендеры, измельчители", 94973, "Блендер",
         "kitchen_appliances", false},
        {17027486, "Бытовая техника", 17039629, "Мультиварки, хлебопечки, аэрогрили", 94731, "Мультиварка",
         "kitchen_appliances", false},
        {17027486, "Бытовая техника", 17039623, "Пылесосы", 91586, "Напольный пылесос", "vacuum_cleaners", false},
        {17027486, "Бытовая техника", 17039623, "Пылесосы", 91587, "Вертикальный пылесос", "vacuum_cleaners", false},
        {17027486, "Бытовая техника", 17039623, "Пылесосы", 91592, "Робот-пылесос", "vacuum_cleaners", false},
        {15621031, "Одежда", 200000933, "Одежда", 93244, "Футболка", "clothing", false},
        {15621031, "Одежда", 200000933, "Одежда", 93182, "Платье", "clothing", false},
        {15621031, "Одежда", 200000933, "Одежда", 93253, "Худи", "clothing", false},
        {15621031, "Одежда", 200000933, "Одежда", 93209, "Рубашка", "clothing", false},
        {15621031, "Одежда", 200000933, "Одежда", 93283, "Юбка", "clothing", false},
        {15621032, "Обувь", 15621048, "Повседневная обувь", 91248, "Кроссовки", "shoes", false},
        {15621032, "Обувь", 15621048, "Повседневная обувь", 91239, "Ботинки", "shoes", false},
        {15621032, "Обувь", 15621048, "Повседневная обувь", 91247, "Кеды", "shoes", false},
        {17027493, "Галантерея и аксессуары", 17027904, "Аксессуары", 970575517, "Сумка", "bags", false},
        {17027493, "Галантерея и аксессуары", 17027904, "Аксессуары", 115945533, "Рюкзак", "bags", false},
        {17027493, "Галантерея и аксессуары", 17027904, "Аксессуары", 91758, "Часы наручные", "watches", false},
        {17027493, "Галантерея и аксессуары", 17027899, "Бижутерные украшения", 87458895, "Кольцо", "jewellery", false},
        {17027493, "Галантерея и аксессуары", 17027899, "Бижутерные украшения", 87593412, "Серьги", "jewellery", false},
        {17027489, "Красота и гигиена", 17028991, "Косметика для ухода", 93883, "Крем для ухода за кожей", "cosmetics",
         false},
        {17027489, "Красота и гигиена", 17028988, "Парфюмерия", 93403, "Вода парфюмерная", "perfume", false},
        {17027489, "Красота и гигиена", 17028988, "Парфюмерия", 93405, "Туалетная вода", "perfume", false},
        {75021418, "Бытовая химия", 17027920, "Моющие и чистящие средства", 92713, "Стиральный порошок",
         "household_chemicals", false},
        {75021418, "Бытовая химия", 17027920, "Моющие и чистящие средства", 970000101, "Гель для стирки",  // sandbox id
         "laundry_gel", false},
        {17027494, "Дом и сад", 17028732, "Посуда для приготовления", 92462, "Сковорода", "cookware", false},
        {17027494, "Дом и сад", 17028732, "Посуда для приготовления", 92447, "Кастрюля", "cookware", false},
        {17027494, "Дом и сад", 17028731, "Постельное белье", 92603, "Комплект постельного белья", "bedding", false},
        {17027494, "Дом и сад", 17027941, "Товары для полива", 92803, "Шланг поливочный", "garden", false},
        {17027494, "Дом и сад", 17028746, "Садовый инвентарь", 92772, "Секатор", "secateurs", false},
        {17027915, "Мебель", 79164512, "Компьютерные и офисные кресла", 95041, "Офисное кресло", "furniture", false},
        {17027915, "Мебель", 17027916, "Стулья, скамьи, табуреты, пуфики", 95048, "Стул", "furniture", false},
        {17027488, "Детские товары", 62573858, "Конструкторы", 92952, "Конструктор", "toys", false},
        {17027488, "Детские товары", 17028973, "Игрушки", 92840, "Кукла", "dolls", false},
        {17027488, "Детские товары", 17028973, "Игрушки", 971150563, "Мяч", "balls", false},
        {17027488, "Детские товары", 56253658, "Подгузники и гигиена", 93495, "Подгузники", "baby_care", false},
        {17027488, "Детские товары", 56253658, "Подгузники и гигиена", 93497, "Подгузники-трусики", "baby_care", false},
        {200001482, "Книги", 200001483, "Современные печатные издания (с 2011 г.)", 971445087, "Печатная книга",
         "books", false},
        {17027491, "Спорт и отдых", 17028707, "Аксессуары и инвентарь для тяжелой атлетики", 115947377, "Гантели",
         "sports", false},
        {17027495, "Автотовары", 17027950, "Щетки стеклоочистителя", 95589, "Щетка стеклоочистителя", "auto_parts",
         false},
        {17027492, "Канцелярские товары", 17029018, "Бумажная продукция", 94103, "Тетрадь", "stationery", false},
        {17027492, "Канцелярские товары", 17029018, "Бумажная продукция", 94094, "Ежедневник", "stationery", false},
        {17027482, "Строительство и ремонт", 17028941, "Бытовое освещение", 91637, "Настольный светильник", "lighting",
         false},
        {17027482, "Строительство и ремонт", 17028941, "Бытовое освещение", 971434442, "Люстра", "lighting", false},
        {17027482, "Строительство и ремонт", 17028945, "Электродрели", 94769, "Дрель", "tools", false},
        {17027482, "Строительство и ремонт", 17028945, "Электродрели", 94770, "Дрель-шуруповерт", "tools", false},
        {17027487, "Товары для животных", 17028668, "Аксессуар для прогулки и дрессировки", 95224, "Ошейник",
         "pet_accessories", false},
        // The export has no pet food: category and type are sandbox ids.
        {17027487, "Товары для животных", 970000201, "Корма для животных", 970000202, "Корм для собак", "pet_goods", false},
    };
    return v;
}

const OzonType* FindOzonType(int64_t description_category_id, int64_t type_id) {
    for (const auto& t : OzonTypes()) {
        if (t.description_category_id == description_category_id && t.type_id == type_id) {
            return &t;
        }
    }
    return nullptr;
}

bool OzonCategoryExists(int64_t description_category_id) {
    for (const auto& t : OzonTypes()) {
        if (t.description_category_id == description_category_id || t.root_id == description_category_id) {
            return true;
        }
    }
    return false;
}

namespace {

OzonAttribute FromDef(const tables::OzonDef& d, bool required) {
    return {d.id, d.name, d.name, d.type, d.is_collection, required, d.dictionary_id, d.is_collection ? 0 : 1};
}

}  // namespace

std::vector<OzonAttribute> OzonAttributesFor(int64_t description_category_id, int64_t type_id,
                                             bool full_requirements) {
    std::vector<OzonAttribute> v;
    const OzonType* type = FindOzonType(description_category_id, type_id);
    const tables::Group* group = type ? tables::FindGroup(type->group) : nullptr;
    if (group == nullptr) {
        return v;
    }
    v = tables::OzonCommon();
    for (const auto& f : group->features) {
        const tables::OzonDef* d = tables::FindOzonDef(f.ozon);
        if (d == nullptr) {
            continue;
        }
        bool required = Required(f.required, tables::kOzon, type->core_only, false, full_requirements);
        v.push_back(FromDef(*d, required));
    }
    return v;
}

const std::vector<OzonAttribute>& OzonAttributes() {
    static const std::vector<OzonAttribute> v = [] {
        std::vector<OzonAttribute> all;
        for (auto a : tables::OzonCommon()) {
            a.is_required = false;
            all.push_back(a);
        }
        for (const auto& d : tables::OzonDefs()) {
            all.push_back(FromDef(d, false));
        }
        return all;
    }();
    return v;
}

const OzonAttribute* FindOzonAttribute(int64_t id) {
    for (const auto& a : OzonAttributes()) {
        if (a.id == id) {
            return &a;
        }
    }
    return nullptr;
}

const std::vector<OzonDictValue>& OzonDictionary(int64_t dictionary_id) {
    // «Тип» (8229): the type names; the first four keep the ids the sandbox served before.
    static const std::vector<OzonDictValue> types = [] {
        static const std::map<std::string_view, int64_t> kept = {
            {"Смартфон", 1960001}, {"Ноутбук", 1960002}, {"Футболка", 1960003}, {"Кроссовки", 1960004}};
        std::vector<OzonDictValue> out;
        int64_t next = 1960005;
        for (const auto& t : OzonTypes()) {
            bool seen = false;
            for (const auto& o : out) {
                seen = seen || std::string_view(o.value) == t.type_name;
            }
            if (!seen) {
                auto it = kept.find(t.type_name);
                out.push_back({it != kept.end() ? it->second : next++, t.type_name});
            }
        }
        return out;
    }();
    static const std::vector<OzonDictValue> none;
    switch (dictionary_id) {
        case kOzonBrandDictionary: return tables::OzonBrands();
        case 1495: return tables::OzonColors();
        case 1935: return tables::OzonCountries();
        case 1960: return types;
        default: return none;
    }
}

// ---- Yandex Market ----

const std::vector<YandexCategory>& YandexCategories() {
    // 91491 is the storefront hid of "Мобильные телефоны" (inferred); every other id is the sandbox's, and the
    // leaf names are the ones our data looks up.
    static const std::vector<YandexCategory> v = {
        {90401, 0, "Все товары", "", false},
        {198119, 90401, "Электроника", "", false},
        {91461, 198119, "Телефоны и аксессуары", "", false},
        {91491, 91461, "Мобильные телефоны", "phones", true},
        {39001001, 91461, "Чехлы для мобильных телефонов", "phone_accessories", false},
        {39001002, 91461, "Зарядные устройства и адаптеры", "phone_accessories", false},
        {39000101, 198119, "Компьютерная техника", "", false},
        {39001003, 39000101, "Ноутбуки", "laptops", false},
        {39000102, 198119, "Аудио- и видеотехника", "", false},
        {39001004, 39000102, "Наушники и Bluetooth-гарнитуры", "headphones", false},
        {39001005, 39000102, "Телевизоры", "tvs", false},
        {39000110, 90401, "Бытовая техника", "", false},
        {39000111, 39000110, "Техника для кухни", "", false},
        {39001006, 39000111, "Электрочайники и термопоты", "kitchen_appliances", false},
        {39001007, 39000111, "Блендеры", "kitchen_appliances", false},
        {39001008, 39000111, "Мультиварки", "kitchen_appliances", false},
        {39000112, 39000110, "Техника для уборки", "", false},
        {39001009, 39000112, "Пылесосы", "vacuum_cleaners", false},
        {39001010, 39000112, "Вертикальные пылесосы", "vacuum_cleaners", false},
        {39001011, 39000112, "Роботы-пылесосы", "vacuum_cleaners", false},
        {39000120, 90401, "Одежда, обувь и аксессуары", "", false},
        {39000121, 39000120, "Мужская одежда", "", false},
        {39001012, 39000121, "Мужские футболки", "clothing", false},
        {39001013, 39000121, "Мужские толстовки и худи", "clothing", false},
        {39001014, 39000121, "Мужские рубашки", "clothing", false},
        {39000122, 39000120, "Женская одежда", "", false},
        {39001015, 39000122, "Женские платья", "clothing", false},
        {39001016, 39000122, "Женские юбки", "clothing", false},
        {39001017, 39000122, "Женские футболки", "clothing", false},
        {39000123, 39000120, "Обувь", "", false},
        {39001018, 39000123, "Кроссовки", "shoes", false},
        {39001019, 39000123, "Ботинки", "shoes", false},
        {39001020, 39000123, "Кеды", "shoes", false},
        {39000124, 39000120, "Сумки и аксессуары", "", false},
        {39001021, 39000124, "Сумки", "bags", false},
        {39001022, 39000124, "Рюкзаки", "bags", false},
        {39001023, 39000124, "Наручные часы", "watches", false},
        {39000125, 39000120, "Ювелирные украшения", "", false},
        {39001024, 39000125, "Кольца", "jewellery", false},
        {39001025, 39000125, "Серьги", "jewellery", false},
        {39000130, 90401, "Детские товары", "", false},
        {39000131, 39000130, "Детская одежда", "", false},
        {39001026, 39000131, "Детские футболки", "clothing", false},
        {39000132, 39000130, "Игрушки и игры", "", false},
        {39001027, 39000132, "Конструкторы", "toys", false},
        {39001028, 39000132, "Куклы", "dolls", false},
        {39000133, 39000130, "Гигиена и уход за ребенком", "", false},
        {39001029, 39000133, "Подгузники", "baby_care", false},
        {39000140, 90401, "Красота и гигиена", "", false},
        {39001030, 39000140, "Кремы для лица", "cosmetics", false},
        {39001031, 39000140, "Парфюмерия", "perfume", false},
        {39000150, 90401, "Дом", "", false},
        {39000151, 39000150, "Бытовая химия", "", false},
        {39001032, 39000151, "Стиральные порошки", "household_chemicals", false},
        {39001033, 39000151, "Средства для стирки", "laundry_gel", false},
        {39000152, 39000150, "Посуда", "", false},
        {39001034, 39000152, "Сковороды", "cookware", false},
        {39001035, 39000152, "Кастрюли", "cookware", false},
        {39000153, 39000150, "Текстиль", "", false},
        {39001036, 39000153, "Комплекты постельного белья", "bedding", false},
        {39000154, 39000150, "Освещение", "", false},
        {39001037, 39000154, "Настольные лампы", "lighting", false},
        {39001038, 39000154, "Люстры", "lighting", false},
        {39000155, 39000150, "Мебель", "", false},
        {39001039, 39000155, "Компьютерные кресла", "furniture", false},
        {39001040, 39000155, "Стулья", "furniture", false},
        {39000160, 90401, "Дача, сад и огород", "", false},
        {39001041, 39000160, "Садовые шланги", "garden", false},
        {39001042, 39000160, "Секаторы", "secateurs", false},
        {39000170, 90401, "Спорт и отдых", "", false},
        {39001043, 39000170, "Гантели", "sports", false},
        {39001044, 39000170, "Мячи", "balls", false},
        {39000180, 90401, "Товары для животных", "", false},
        {39001045, 39000180, "Корма для собак", "pet_goods", false},
        {39001046, 39000180, "Ошейники", "pet_accessories", false},
        {39000190, 90401, "Книги и канцтовары", "", false},
        {39001047, 39000190, "Книги", "books", false},
        {39001048, 39000190, "Тетради", "stationery", false},
        {39001049, 39000190, "Ежедневники", "stationery", false},
        {39000200, 90401, "Строительство и ремонт", "", false},
        {39001050, 39000200, "Дрели", "tools", false},
        {39001051, 39000200, "Дрели и шуруповерты", "tools", false},
        {39000210, 90401, "Автотовары", "", false},
        {39001052, 39000210, "Щетки стеклоочистителя", "auto_parts", false},
    };
    return v;
}

const YandexCategory* FindYandexCategory(int64_t id) {
    for (const auto& c : YandexCategories()) {
        if (c.id == id) {
            return &c;
        }
    }
    return nullptr;
}

bool YandexIsLeaf(int64_t id) {
    for (const auto& c : YandexCategories()) {
        if (c.parent_id == id) {
            return false;
        }
    }
    return FindYandexCategory(id) != nullptr;
}

namespace {

const std::vector<YandexValue>& ValuesOf(tables::Values v) {
    static const std::vector<YandexValue> none;
    switch (v) {
        case tables::Values::kColors: return tables::YandexColors();
        case tables::Values::kCountries: return tables::YandexCountries();
        case tables::Values::kSystems: return tables::YandexSystems();
        default: return none;
    }
}

YandexParameter FromDef(const tables::YandexDef& d, bool required) {
    return {d.id,
            d.name,
            d.type,
            required,
            d.multivalue,
            d.allow_custom_values,
            d.unit,
            tables::YandexUnitId(d.unit),
            ValuesOf(d.values),
            std::string_view(d.type) == "TEXT" && d.multivalue ? 500 : 0};
}

}  // namespace

std::vector<YandexParameter> YandexParametersFor(int64_t category_id, bool full_requirements) {
    std::vector<YandexParameter> v;
    const YandexCategory* category = FindYandexCategory(category_id);
    if (category == nullptr || !YandexIsLeaf(category_id)) {
        return v;
    }
    const tables::Group* group = tables::FindGroup(category->group);
    if (group == nullptr) {
        return v;
    }
    for (const auto& f : group->features) {
        const tables::YandexDef* d = tables::FindYandexDef(f.yandex, f.unit, f.kind == Kind::kNumber);
        if (d == nullptr) {
            continue;
        }
        bool required =
            Required(f.required, tables::kYandex, category->core_only, f.kind == Kind::kColor, full_requirements);
        v.push_back(FromDef(*d, required));
    }
    for (const auto& d : tables::YandexCommon()) {
        v.push_back(FromDef(d, false));
    }
    return v;
}

// ---- Uzum ----

const std::vector<UzumCategory>& UzumCategories() {
    // 12690, 15718, 12601: storefront ids (inferred); the others are sandbox ids under our data's names.
    static const std::vector<UzumCategory> v = {
        {12690, "Смартфоны", "Smartfonlar"},
        {15718, "Ноутбуки", "Noutbuklar"},
        {12601, "Телевизоры", "Televizorlar"},
        {99001, "Наушники", "Quloqchinlar"},
        {99002, "Чехлы", "G'iloflar"},
        {99003, "Зарядные устройства", "Quvvatlash qurilmalari"},
        {99004, "Электрочайники", "Elektr choynaklar"},
        {99005, "Блендеры", "Blenderlar"},
        {99006, "Мультиварки", "Multivarkalar"},
        {99007, "Пылесосы", "Changyutgichlar"},
        {99008, "Вертикальные пылесосы", "Vertikal changyutgichlar"},
        {99009, "Роботы-пылесосы", "Robot changyutgichlar"},
        {99010, "Мужские футболки", "Erkaklar futbolkalari"},
        {99011, "Мужские худи", "Erkaklar xudilari"},
        {99012, "Мужские рубашки", "Erkaklar ko'ylaklari"},
        {99013, "Платья", "Ayollar ko'ylaklari"},
        {99014, "Юбки", "Yubkalar"},
        {99015, "Женские футболки", "Ayollar futbolkalari"},
        {99016, "Детские футболки", "Bolalar futbolkalari"},
        {99017, "Кроссовки", "Krossovkalar"},
        {99018, "Ботинки", "Botinkalar"},
        {99019, "Кеды", "Kedlar"},
        {99020, "Сумки", "Sumkalar"},
        {99021, "Рюкзаки", "Ryukzaklar"},
        {99022, "Наручные часы", "Qo'l soatlari"},
        {99023, "Кольца", "Uzuklar"},
        {99024, "Серьги", "Sirg'alar"},
        {99025, "Кремы для лица", "Yuz uchun kremlar"},
        {99026, "Парфюмерия", "Parfyumeriya"},
        {99027, "Стиральные порошки", "Kir yuvish kukunlari"},
        {99028, "Гели для стирки", "Kir yuvish gellari"},
        {99029, "Сковороды", "Tovalar"},
        {99030, "Кастрюли", "Kastryulkalar"},
        {99031, "Постельное белье", "Choyshab to'plamlari"},
        {99032, "Офисные кресла", "Ofis kreslolari"},
        {99033, "Стулья", "Stullar"},
        {99034, "Шланги", "Shlanglar"},
        {99035, "Секаторы", "Sekatorlar"},
        {99036, "Конструкторы", "Konstruktorlar"},
        {99037, "Куклы", "Qo'g'irchoqlar"},
        {99038, "Подгузники", "Tagliklar"},
        {99039, "Книги", "Kitoblar"},
        {99040, "Гантели", "Gantellar"},
        {99041, "Мячи", "To'plar"},
        {99042, "Щетки стеклоочистителя", "Oyna tozalagich cho'tkalari"},
        {99043, "Корма для собак", "It uchun yemlar"},
        {99044, "Ошейники", "Bo'yinbog'lar"},
        {99045, "Тетради", "Daftarlar"},
        {99046, "Ежедневники", "Kundaliklar"},
        {99047, "Дрели", "Drellar"},
        {99048, "Шуруповерты", "Shurupovertlar"},
        {99049, "Настольные лампы", "Stol chiroqlari"},
        {99050, "Люстры", "Qandillar"},
    };
    return v;
}

const UzumCategory* FindUzumCategory(int64_t id) {
    for (const auto& c : UzumCategories()) {
        if (c.id == id) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace by::sandbox::catalog
