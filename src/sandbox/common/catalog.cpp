#include "sandbox/common/catalog.hpp"

namespace by::sandbox::catalog {

// ---- Wildberries ----

const std::vector<WbParent>& WbParents() {
    static const std::vector<WbParent> v = {
        {2, "Обувь"},
        {204, "Ювелирные украшения"},
        {479, "Электроника"},
        {657, "Бытовая техника"},
        {786, "Книжная продукция и диски"},
        {6258, "Смартфоны и аксессуары"},
        {90001, "Одежда"},       // sandbox id
        {90002, "Дом"},          // sandbox id
        {90003, "Игрушки"},      // sandbox id
        {90004, "Сад и дача"},   // sandbox id
    };
    return v;
}

const std::vector<WbSubject>& WbSubjects() {
    static const std::vector<WbSubject> v = {
        {105, 2, "Кроссовки", 2000},                  // confirmed
        {381, 786, "Книги", 5000},                    // confirmed
        {54, 204, "Ювелирные кольца", 1000},          // confirmed
        {515, 6258, "Смартфоны", 2000},               // inferred
        {390, 6258, "Чехлы для телефонов", 2000},     // inferred
        {2290, 479, "Ноутбуки", 2000},                // inferred
        {2819, 479, "Телевизоры", 2000},              // inferred
        {192, 90001, "Футболки", 2000},               // inferred
        {69, 90001, "Платья", 2000},                  // inferred
        {197, 90002, "Постельное белье", 2000},       // inferred
        {9215, 90002, "Настольные лампы", 2000},      // inferred
        {117, 90003, "Конструкторы", 2000},           // inferred
        {1218, 90004, "Шланги садовые", 2000},        // inferred
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

std::vector<WbCharc> WbCharcsFor(int64_t subject_id) {
    std::vector<WbCharc> v = {
        {14177449, "Цвет", true, "", 3, 1, "colors"},
        {14177451, "Страна производства", false, "", 1, 1, "countries"},  // sandbox id
        {14177452, "Комплектация", false, "", 0, 1, ""},                  // sandbox id
        {14177453, "Вес товара без упаковки (г)", false, "г", 0, 4, ""},   // sandbox id
    };
    if (subject_id == 105) {
        v.push_back({54337, "Размер", false, "см", 0, 4, ""});
    }
    if (subject_id == 192 || subject_id == 69 || subject_id == 197) {
        v.push_back({14177450, "Состав", true, "", 0, 1, ""});
    }
    return v;
}

const std::vector<WbColor>& WbColors() {
    static const std::vector<WbColor> v = {
        {"черный", "черный"},     {"белый", "белый"},        {"серый", "серый"},
        {"красный", "красный"},   {"бордовый", "красный"},   {"розовый", "розовый"},
        {"оранжевый", "оранжевый"}, {"персиковый мелок", "оранжевый"}, {"желтый", "желтый"},
        {"зеленый", "зеленый"},   {"голубой", "синий"},      {"синий", "синий"},
        {"фиолетовый", "фиолетовый"}, {"коричневый", "коричневый"}, {"бежевый", "бежевый"},
        {"золотой", "золотой"},   {"серебристый", "серебристый"}, {"разноцветный", "разноцветный"},
    };
    return v;
}

const std::vector<WbCountry>& WbCountries() {
    static const std::vector<WbCountry> v = {
        {"Россия", "Российская Федерация"},
        {"Узбекистан", "Республика Узбекистан"},
        {"Казахстан", "Республика Казахстан"},
        {"Беларусь", "Республика Беларусь"},
        {"Китай", "Китайская Народная Республика"},
        {"Турция", "Турецкая Республика"},
        {"Вьетнам", "Социалистическая Республика Вьетнам"},
        {"Индия", "Республика Индия"},
        {"Корея", "Республика Корея"},
    };
    return v;
}

const std::vector<std::string>& WbKinds() {
    static const std::vector<std::string> v = {"Мужской", "Женский", "Детский", "Девочки", "Мальчики", "Унисекс"};
    return v;
}

// ---- Ozon ----

const std::vector<OzonType>& OzonTypes() {
    static const std::vector<OzonType> v = {
        {15621042, "Электроника", 15621050, "Смартфоны, планшеты, мобильные телефоны", 95139, "Смартфон"},
        {15621042, "Электроника", 17028619, "Компьютеры", 91477, "Ноутбук"},
        {15621042, "Электроника", 17028929, "Наушники и гарнитуры", 504866264, "Наушники"},
        {15621042, "Электроника", 17028640, "Телевизоры", 94988, "Телевизор"},
        {15621042, "Электроника", 17028650, "Чехлы", 97011, "Чехол для смартфона"},
        {15621042, "Электроника", 17028627, "Зарядные устройства и док-станции", 95777, "Сетевое зарядное устройство"},
        {17027486, "Бытовая техника", 17039631, "Электрические чайники и термопоты", 94968, "Электрический чайник"},
        {17027486, "Бытовая техника", 17039627, "Миксеры, блендеры, измельчители", 94973, "Блендер"},
        {17027486, "Бытовая техника", 17039623, "Пылесосы", 91586, "Напольный пылесос"},
        {15621031, "Одежда", 200000933, "Одежда", 93244, "Футболка"},
        {15621031, "Одежда", 200000933, "Одежда", 93182, "Платье"},
        {15621032, "Обувь", 15621048, "Повседневная обувь", 91248, "Кроссовки"},
        {17027493, "Галантерея и аксессуары", 17027904, "Аксессуары", 970575517, "Сумка"},
        {17027493, "Галантерея и аксессуары", 17027904, "Аксессуары", 91758, "Часы наручные"},
        {17027493, "Галантерея и аксессуары", 17027899, "Бижутерные украшения", 87458895, "Кольцо"},
        {17027489, "Красота и гигиена", 17028991, "Косметика для ухода", 93883, "Крем для ухода за кожей"},
        {17027489, "Красота и гигиена", 17028988, "Парфюмерия", 93403, "Вода парфюмерная"},
        {75021418, "Бытовая химия", 17027920, "Моющие и чистящие средства", 92713, "Стиральный порошок"},
        {17027494, "Дом и сад", 17028732, "Посуда для приготовления", 92462, "Сковорода"},
        {17027494, "Дом и сад", 17028731, "Постельное белье", 92603, "Комплект постельного белья"},
        {17027494, "Дом и сад", 17027941, "Товары для полива", 92803, "Шланг поливочный"},
        {17027915, "Мебель", 79164512, "Компьютерные и офисные кресла", 95041, "Офисное кресло"},
        {17027488, "Детские товары", 62573858, "Конструкторы", 92952, "Конструктор"},
        {17027488, "Детские товары", 56253658, "Подгузники и гигиена", 93495, "Подгузники"},
        {200001482, "Книги", 200001483, "Современные печатные издания (с 2011 г.)", 971445087, "Печатная книга"},
        {17027491, "Спорт и отдых", 17028707, "Аксессуары и инвентарь для тяжелой атлетики", 115947377, "Гантели"},
        {17027495, "Автотовары", 17027950, "Щетки стеклоочистителя", 95589, "Щетка стеклоочистителя"},
        {17027492, "Канцелярские товары", 17029018, "Бумажная продукция", 94103, "Тетрадь"},
        {17027482, "Строительство и ремонт", 17028941, "Бытовое освещение", 91637, "Настольный светильник"},
        {17027482, "Строительство и ремонт", 17028945, "Электродрели", 94769, "Дрель"},
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

const std::vector<OzonAttribute>& OzonAttributes() {
    static const std::vector<OzonAttribute> v = {
        {85, "Бренд", "Укажите наименование бренда. Если бренда нет, выберите «Нет бренда».", "String", false, true,
         28732849, 1},
        {9048, "Название модели (для объединения в одну карточку)",
         "Укажите название модели товара. Карточки с одинаковым значением объединяются.", "String", false, true, 0, 1},
        {8229, "Тип", "Тип товара; если передан type_id, он используется в приоритете.", "String", true, false, 1960, 0},
        {10096, "Цвет товара", "Основной цвет товара.", "String", true, false, 1495, 0},
        {4389, "Страна-изготовитель", "Страна производства товара.", "String", true, false, 1935, 0},
        {4191, "Аннотация", "Описание товара, маркетинговый текст.", "String", false, false, 0, 1},
        {4180, "Название", "Название товара.", "String", false, false, 0, 1},
    };
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
    static const std::vector<OzonDictValue> brands = {
        {126745801, "Нет бренда"}, {970000001, "BiznesYordam Demo"}, {970000002, "Samsung"},
        {970000003, "Apple"},      {970000004, "Xiaomi"},            {970000005, "Artel"},
        {970000006, "Nike"},       {970000007, "Adidas"},            {970000008, "LEGO"},
    };
    static const std::vector<OzonDictValue> colors = {
        {61571, "белый"},   {61574, "черный"},  {61576, "серый"},      {61580, "красный"},
        {61581, "синий"},   {61585, "зеленый"}, {61586, "желтый"},     {61590, "розовый"},
        {61592, "бежевый"}, {61593, "коричневый"}, {61595, "фиолетовый"}, {61598, "разноцветный"},
    };
    static const std::vector<OzonDictValue> countries = {
        {90295, "Россия"}, {90296, "Узбекистан"}, {90297, "Китай"}, {90298, "Турция"},
        {90299, "Казахстан"}, {90300, "Беларусь"}, {90301, "Вьетнам"}, {90302, "Индия"},
    };
    static const std::vector<OzonDictValue> types = {
        {1960001, "Смартфон"}, {1960002, "Ноутбук"}, {1960003, "Футболка"}, {1960004, "Кроссовки"},
    };
    static const std::vector<OzonDictValue> none;
    switch (dictionary_id) {
        case 28732849: return brands;
        case 1495: return colors;
        case 1935: return countries;
        case 1960: return types;
        default: return none;
    }
}

// ---- Yandex Market ----

const std::vector<YandexCategory>& YandexCategories() {
    // 91491 is the storefront hid of "Мобильные телефоны" (inferred); the ancestors are the sandbox's.
    static const std::vector<YandexCategory> v = {
        {90401, 0, "Все товары"},
        {198119, 90401, "Электроника"},
        {91461, 198119, "Телефоны и аксессуары"},
        {91491, 91461, "Мобильные телефоны"},
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

std::vector<YandexParameter> YandexParametersFor(int64_t category_id) {
    if (!YandexIsLeaf(category_id)) {
        return {};
    }
    // Sandbox parameter ids and value ids.
    return {
        {14871214, "Цвет товара", "ENUM", true, false, false, "", 0,
         {{14896255, "черный"}, {14896256, "белый"}, {14896257, "серый"}, {14896258, "синий"},
          {14896259, "красный"}, {14896260, "зеленый"}, {14896261, "золотистый"}},
         0},
        {23674510, "Объем встроенной памяти", "NUMERIC", false, false, false, "ГБ", 262, {}, 0},
        {16395390, "Операционная система", "ENUM", false, false, true, "", 0,
         {{16395391, "Android"}, {16395392, "iOS"}, {16395393, "HarmonyOS"}}, 0},
        {15341921, "Гарантийный талон", "BOOLEAN", false, false, false, "", 0, {}, 0},
        {17693630, "Комплектация", "TEXT", false, true, true, "", 0, {}, 500},
    };
}

// ---- Uzum ----

const std::vector<UzumCategory>& UzumCategories() {
    static const std::vector<UzumCategory> v = {
        {12690, "Смартфоны", "Smartfonlar"},
        {15718, "Ноутбуки", "Noutbuklar"},
        {12601, "Телевизоры", "Televizorlar"},
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
