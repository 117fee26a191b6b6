// The category list shipped with the app until the API serves one (keys match data/categories).
import type { Lang } from "@/i18n/types";

export interface Category {
  key: string;
  names: Record<Lang, string>;
  /** Attribute keys suggested for this category, most useful first. */
  attributes: string[];
}

const COMMON = ["color", "country", "warranty_months"];

export const CATEGORIES: Category[] = [
  { key: "phones", names: { uz: "Smartfonlar", ru: "Смартфоны", en: "Phones" }, attributes: ["model", "storage_gb", "ram_gb", "screen_inch", "battery_mah", "camera_mp", "sim_count", "os", ...COMMON] },
  { key: "laptops", names: { uz: "Noutbuklar", ru: "Ноутбуки", en: "Laptops" }, attributes: ["model", "cpu", "ram_gb", "storage_gb", "screen_inch", "gpu", "os", "weight_kg", ...COMMON] },
  { key: "headphones", names: { uz: "Quloqchinlar", ru: "Наушники", en: "Headphones" }, attributes: ["model", "connection", "battery_hours", "noise_cancelling", "microphone", "weight_g", ...COMMON] },
  { key: "tvs", names: { uz: "Televizorlar", ru: "Телевизоры", en: "TVs" }, attributes: ["model", "screen_inch", "resolution", "smart_tv", "refresh_rate_hz", "power_w", ...COMMON] },
  { key: "kitchen_appliances", names: { uz: "Oshxona texnikasi", ru: "Техника для кухни", en: "Kitchen appliances" }, attributes: ["model", "power_w", "volume_l", "material", "dimensions_cm", "weight_kg", ...COMMON] },
  { key: "vacuum_cleaners", names: { uz: "Changyutgichlar", ru: "Пылесосы", en: "Vacuum cleaners" }, attributes: ["model", "type", "power_w", "dust_capacity_l", "battery_mah", "noise_db", "weight_kg", ...COMMON] },
  { key: "clothing_men", names: { uz: "Erkaklar kiyimi", ru: "Мужская одежда", en: "Men’s clothing" }, attributes: ["size", "material", "season", "fit", "care", ...COMMON] },
  { key: "clothing_women", names: { uz: "Ayollar kiyimi", ru: "Женская одежда", en: "Women’s clothing" }, attributes: ["size", "material", "season", "fit", "length", "care", ...COMMON] },
  { key: "clothing_kids", names: { uz: "Bolalar kiyimi", ru: "Детская одежда", en: "Kids’ clothing" }, attributes: ["size", "age", "gender", "material", "season", ...COMMON] },
  { key: "shoes", names: { uz: "Poyabzal", ru: "Обувь", en: "Shoes" }, attributes: ["size", "material", "sole_material", "season", "gender", ...COMMON] },
  { key: "bags", names: { uz: "Sumkalar", ru: "Сумки", en: "Bags" }, attributes: ["material", "dimensions_cm", "volume_l", "gender", ...COMMON] },
  { key: "cosmetics", names: { uz: "Kosmetika", ru: "Косметика", en: "Cosmetics" }, attributes: ["volume_ml", "skin_type", "ingredients", "shelf_life_months", "country"] },
  { key: "perfume", names: { uz: "Parfyumeriya", ru: "Парфюмерия", en: "Perfume" }, attributes: ["volume_ml", "fragrance_family", "concentration", "gender", "country"] },
  { key: "household_chemicals", names: { uz: "Maishiy kimyo", ru: "Бытовая химия", en: "Household chemicals" }, attributes: ["volume_ml", "weight_g", "purpose", "scent", "country"] },
  { key: "cookware", names: { uz: "Idish-tovoq", ru: "Посуда", en: "Cookware" }, attributes: ["material", "volume_l", "diameter_cm", "pieces", "induction", ...COMMON] },
  { key: "bedding", names: { uz: "Choyshablar", ru: "Постельное бельё", en: "Bedding" }, attributes: ["size", "material", "pieces", "thread_count", ...COMMON] },
  { key: "furniture", names: { uz: "Mebel", ru: "Мебель", en: "Furniture" }, attributes: ["material", "dimensions_cm", "weight_kg", "assembly_required", ...COMMON] },
  { key: "toys", names: { uz: "Oʻyinchoqlar", ru: "Игрушки", en: "Toys" }, attributes: ["age", "material", "pieces", "battery_type", "dimensions_cm", "country"] },
  { key: "books", names: { uz: "Kitoblar", ru: "Книги", en: "Books" }, attributes: ["author", "language", "pages", "publisher", "year", "cover"] },
  { key: "sports", names: { uz: "Sport tovarlari", ru: "Спорттовары", en: "Sports" }, attributes: ["material", "size", "weight_kg", "max_load_kg", ...COMMON] },
  { key: "auto_parts", names: { uz: "Avtoehtiyot qismlar", ru: "Автозапчасти", en: "Auto parts" }, attributes: ["part_number", "car_make", "car_model", "year", "material", "warranty_months", "country"] },
  { key: "pet_goods", names: { uz: "Uy hayvonlari uchun", ru: "Товары для животных", en: "Pet supplies" }, attributes: ["animal", "weight_kg", "age", "material", "size", "country"] },
  { key: "stationery", names: { uz: "Kanselyariya", ru: "Канцтовары", en: "Stationery" }, attributes: ["pieces", "material", "dimensions_cm", "color", "country"] },
  { key: "jewellery", names: { uz: "Zargarlik buyumlari", ru: "Ювелирные украшения", en: "Jewellery" }, attributes: ["metal", "purity", "stone", "weight_g", "size", "gender"] },
  { key: "watches", names: { uz: "Soatlar", ru: "Часы", en: "Watches" }, attributes: ["model", "mechanism", "case_material", "strap_material", "water_resistance_m", "gender", ...COMMON] },
  { key: "lighting", names: { uz: "Yoritish", ru: "Освещение", en: "Lighting" }, attributes: ["power_w", "socket", "color_temperature_k", "lumens", "material", ...COMMON] },
  { key: "tools", names: { uz: "Asboblar", ru: "Инструменты", en: "Tools" }, attributes: ["model", "power_w", "voltage_v", "battery_mah", "weight_kg", ...COMMON] },
  { key: "baby_care", names: { uz: "Chaqaloqlar parvarishi", ru: "Уход за малышом", en: "Baby care" }, attributes: ["age", "size", "pieces", "material", "country"] },
  { key: "garden", names: { uz: "Bogʻ va tomorqa", ru: "Сад и огород", en: "Garden" }, attributes: ["material", "dimensions_cm", "power_w", "weight_kg", ...COMMON] },
  { key: "phone_accessories", names: { uz: "Telefon aksessuarlari", ru: "Аксессуары для телефонов", en: "Phone accessories" }, attributes: ["compatible_models", "connector", "material", "power_w", "cable_length_m", ...COMMON] },
];

export const CATEGORY_BY_KEY: Record<string, Category> = Object.fromEntries(CATEGORIES.map((c) => [c.key, c]));

export function categoryName(key: string | null | undefined, lang: Lang): string {
  if (!key) return "—";
  return CATEGORY_BY_KEY[key]?.names[lang] ?? key;
}

export function sortedCategories(lang: Lang): Category[] {
  const collator = new Intl.Collator(lang === "uz" ? "uz-Latn" : lang);
  return [...CATEGORIES].sort((a, b) => collator.compare(a.names[lang], b.names[lang]));
}

/** People-friendly names of the suggested attribute keys. */
export const ATTRIBUTE_LABELS: Record<string, Record<Lang, string>> = {
  model: { uz: "Model", ru: "Модель", en: "Model" },
  color: { uz: "Rang", ru: "Цвет", en: "Colour" },
  country: { uz: "Ishlab chiqarilgan mamlakat", ru: "Страна производства", en: "Country of origin" },
  warranty_months: { uz: "Kafolat, oy", ru: "Гарантия, мес.", en: "Warranty, months" },
  storage_gb: { uz: "Xotira, GB", ru: "Встроенная память, ГБ", en: "Storage, GB" },
  ram_gb: { uz: "Operativ xotira, GB", ru: "Оперативная память, ГБ", en: "RAM, GB" },
  screen_inch: { uz: "Ekran diagonali, dyuym", ru: "Диагональ экрана, дюйм", en: "Screen size, inches" },
  battery_mah: { uz: "Batareya sigʻimi, mAh", ru: "Ёмкость аккумулятора, мА·ч", en: "Battery, mAh" },
  camera_mp: { uz: "Kamera, MP", ru: "Камера, Мп", en: "Camera, MP" },
  sim_count: { uz: "SIM-kartalar soni", ru: "Количество SIM-карт", en: "SIM cards" },
  os: { uz: "Operatsion tizim", ru: "Операционная система", en: "Operating system" },
  cpu: { uz: "Protsessor", ru: "Процессор", en: "Processor" },
  gpu: { uz: "Videokarta", ru: "Видеокарта", en: "Graphics" },
  weight_kg: { uz: "Ogʻirligi, kg", ru: "Вес, кг", en: "Weight, kg" },
  weight_g: { uz: "Ogʻirligi, g", ru: "Вес, г", en: "Weight, g" },
  connection: { uz: "Ulanish turi", ru: "Тип подключения", en: "Connection" },
  battery_hours: { uz: "Batareya, soat", ru: "Время работы, ч", en: "Battery life, hours" },
  noise_cancelling: { uz: "Shovqinni bostirish", ru: "Шумоподавление", en: "Noise cancelling" },
  microphone: { uz: "Mikrofon", ru: "Микрофон", en: "Microphone" },
  resolution: { uz: "Ekran oʻlchamlari", ru: "Разрешение", en: "Resolution" },
  smart_tv: { uz: "Smart TV", ru: "Smart TV", en: "Smart TV" },
  refresh_rate_hz: { uz: "Yangilanish chastotasi, Hz", ru: "Частота обновления, Гц", en: "Refresh rate, Hz" },
  power_w: { uz: "Quvvat, W", ru: "Мощность, Вт", en: "Power, W" },
  volume_l: { uz: "Hajmi, L", ru: "Объём, л", en: "Volume, L" },
  volume_ml: { uz: "Hajmi, ml", ru: "Объём, мл", en: "Volume, ml" },
  material: { uz: "Material", ru: "Материал", en: "Material" },
  dimensions_cm: { uz: "Oʻlchamlari, sm", ru: "Размеры, см", en: "Dimensions, cm" },
  type: { uz: "Turi", ru: "Тип", en: "Type" },
  dust_capacity_l: { uz: "Chang idishi, L", ru: "Объём пылесборника, л", en: "Dust capacity, L" },
  noise_db: { uz: "Shovqin darajasi, dB", ru: "Уровень шума, дБ", en: "Noise, dB" },
  size: { uz: "Oʻlcham", ru: "Размер", en: "Size" },
  season: { uz: "Mavsum", ru: "Сезон", en: "Season" },
  fit: { uz: "Bichim", ru: "Посадка", en: "Fit" },
  care: { uz: "Parvarish", ru: "Уход", en: "Care" },
  length: { uz: "Uzunligi", ru: "Длина", en: "Length" },
  age: { uz: "Yosh", ru: "Возраст", en: "Age" },
  gender: { uz: "Jins", ru: "Пол", en: "Gender" },
  sole_material: { uz: "Tagcharm materiali", ru: "Материал подошвы", en: "Sole material" },
  skin_type: { uz: "Teri turi", ru: "Тип кожи", en: "Skin type" },
  ingredients: { uz: "Tarkibi", ru: "Состав", en: "Ingredients" },
  shelf_life_months: { uz: "Yaroqlilik muddati, oy", ru: "Срок годности, мес.", en: "Shelf life, months" },
  fragrance_family: { uz: "Hid guruhi", ru: "Группа ароматов", en: "Fragrance family" },
  concentration: { uz: "Konsentratsiya", ru: "Концентрация", en: "Concentration" },
  purpose: { uz: "Vazifasi", ru: "Назначение", en: "Purpose" },
  scent: { uz: "Hidi", ru: "Аромат", en: "Scent" },
  diameter_cm: { uz: "Diametri, sm", ru: "Диаметр, см", en: "Diameter, cm" },
  pieces: { uz: "Dona soni", ru: "Количество предметов", en: "Pieces" },
  induction: { uz: "Induksion plita uchun", ru: "Для индукционных плит", en: "Induction compatible" },
  thread_count: { uz: "Ip zichligi", ru: "Плотность ткани", en: "Thread count" },
  assembly_required: { uz: "Yigʻish talab qilinadi", ru: "Требуется сборка", en: "Assembly required" },
  battery_type: { uz: "Batareya turi", ru: "Тип батареек", en: "Battery type" },
  author: { uz: "Muallif", ru: "Автор", en: "Author" },
  language: { uz: "Til", ru: "Язык", en: "Language" },
  pages: { uz: "Sahifalar soni", ru: "Количество страниц", en: "Pages" },
  publisher: { uz: "Nashriyot", ru: "Издательство", en: "Publisher" },
  year: { uz: "Yil", ru: "Год", en: "Year" },
  cover: { uz: "Muqova", ru: "Переплёт", en: "Cover" },
  max_load_kg: { uz: "Maksimal yuk, kg", ru: "Макс. нагрузка, кг", en: "Max load, kg" },
  part_number: { uz: "Detal raqami", ru: "Номер детали", en: "Part number" },
  car_make: { uz: "Avtomobil markasi", ru: "Марка автомобиля", en: "Car make" },
  car_model: { uz: "Avtomobil modeli", ru: "Модель автомобиля", en: "Car model" },
  animal: { uz: "Hayvon turi", ru: "Вид животного", en: "Animal" },
  metal: { uz: "Metall", ru: "Металл", en: "Metal" },
  purity: { uz: "Proba", ru: "Проба", en: "Purity" },
  stone: { uz: "Tosh", ru: "Камень", en: "Stone" },
  mechanism: { uz: "Mexanizm", ru: "Механизм", en: "Movement" },
  case_material: { uz: "Korpus materiali", ru: "Материал корпуса", en: "Case material" },
  strap_material: { uz: "Tasma materiali", ru: "Материал ремешка", en: "Strap material" },
  water_resistance_m: { uz: "Suv oʻtkazmasligi, m", ru: "Водозащита, м", en: "Water resistance, m" },
  socket: { uz: "Tsokol", ru: "Цоколь", en: "Socket" },
  color_temperature_k: { uz: "Rang harorati, K", ru: "Цветовая температура, К", en: "Colour temperature, K" },
  lumens: { uz: "Yorugʻlik oqimi, lm", ru: "Световой поток, лм", en: "Luminous flux, lm" },
  voltage_v: { uz: "Kuchlanish, V", ru: "Напряжение, В", en: "Voltage, V" },
  compatible_models: { uz: "Mos modellar", ru: "Совместимые модели", en: "Compatible models" },
  connector: { uz: "Ulagich", ru: "Разъём", en: "Connector" },
  cable_length_m: { uz: "Kabel uzunligi, m", ru: "Длина кабеля, м", en: "Cable length, m" },
};

export function attributeLabel(key: string, lang: Lang): string | undefined {
  return ATTRIBUTE_LABELS[key]?.[lang];
}
