#include "marketplaces/common/reasons.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace by::marketplaces {
namespace {

struct Known {
    std::array<const char*, 4> markers;  // any of them, as a substring; unused slots are null
    const char* code;
    const char* uz;
    const char* ru;
    const char* en;
};

// Order matters: the first match wins (specific before general).
constexpr Known kKnown[] = {
    {{"Наименование товара не должно превышать", "NAME_TOO_LONG", "title is too long", nullptr}, "title_too_long",
     "Nomi marketpleys ruxsat bergandan uzun", "Название длиннее, чем разрешает маркетплейс",
     "The title is longer than the marketplace allows"},
    {{"Описание товара не должно превышать", "DESCRIPTION_TOO_LONG", "description is too long", nullptr},
     "description_too_long", "Tavsif marketpleys ruxsat bergandan uzun", "Описание длиннее, чем разрешает маркетплейс",
     "The description is longer than the marketplace allows"},
    {{"Не заполнена обязательная характеристика", "REQUIRED_ATTRIBUTE_MISSING", "required characteristic", nullptr},
     "required_characteristic", "Majburiy xususiyat toʻldirilmagan", "Не заполнена обязательная характеристика",
     "A required characteristic is missing"},
    {{"Категория и тип товара не найдены", "INVALID_CATEGORY", "EMPTY_MARKET_CATEGORY", "not a leaf"}, "category",
     "Kategoriya topilmadi yoki u oxirgi darajadagi emas", "Категория не найдена или не последнего уровня",
     "The category was not found or is not a leaf category"},
    {{"Артикул продавца не должен превышать", "INVALID_OFFER_ID_LENGTH", "INVALID_SHOP_SKU", nullptr}, "sku",
     "Artikul (SKU) marketpleys talabiga mos emas", "Артикул (SKU) не подходит маркетплейсу",
     "The SKU does not meet the marketplace's rules"},
    {{"Цена до скидки должна быть", "INVALID_OLD_PRICE", "old_price must be greater", nullptr}, "old_price",
     "Chegirmadan oldingi narx sotuv narxidan katta boʻlishi kerak", "Цена до скидки должна быть больше цены продажи",
     "The price before discount must be above the selling price"},
    {{"Цена продажи должна быть", "INVALID_PRICE", "price must be greater than 0", nullptr}, "price",
     "Narx marketpleys ruxsat bergan oraliqda emas", "Цена вне допустимого маркетплейсом диапазона",
     "The price is outside the range the marketplace allows"},
    {{"CURRENCY_MISMATCH", "INVALID_CURRENCY", nullptr, nullptr}, "currency",
     "Narx valyutasi kabinet valyutasiga mos emas", "Валюта цены не совпадает с валютой кабинета",
     "The price currency does not match the cabinet's"},
    {{"размер изображения превышает", "image is too large", nullptr, nullptr}, "image_too_large",
     "Rasm fayli juda katta", "Файл изображения слишком большой", "An image file is too large"},
    {{"размер видео превышает", "video is too large", nullptr, nullptr}, "video_too_large",
     "Video fayli juda katta", "Файл видео слишком большой", "The video file is too large"},
    {{"ссылка должна вести прямо", "could not download", nullptr, nullptr}, "media_link",
     "Marketpleys rasm yoki videoni yuklab ololmadi", "Маркетплейс не смог скачать изображение или видео",
     "The marketplace could not download an image or the video"},
    {{"INVALID_DIMENSIONS", "INVALID_DIMENSION_UNIT", "dimensions", nullptr}, "dimensions",
     "Oʻlcham yoki ogʻirlik notoʻgʻri koʻrsatilgan", "Неверно указаны габариты или вес",
     "The dimensions or weight are invalid"},
    {{"INVALID_ATTRIBUTE", "Характеристика должна быть", "должно быть числом", "должно быть массивом"},
     "characteristic_format", "Xususiyat qiymati notoʻgʻri shaklda", "Значение характеристики в неверном формате",
     "A characteristic's value has the wrong format"},
    {{"INVALID_STOCK", "STOCK_TOO_BIG", nullptr, nullptr}, "stock", "Qoldiq marketpleys ruxsat bergan oraliqda emas",
     "Остаток вне допустимого маркетплейсом диапазона", "The stock is outside the range the marketplace allows"},
};

// Russian markers match as written; ASCII ones (codes, English) ignoring case.
bool Contains(std::string_view text, std::string_view marker) {
    bool ascii = std::all_of(marker.begin(), marker.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (!ascii) return text.find(marker) != std::string_view::npos;
    auto it = std::search(text.begin(), text.end(), marker.begin(), marker.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != text.end();
}

// «Цвет» or "Color" quoted in the marketplace's text: the thing to fix, kept in the explanation.
std::string Quoted(std::string_view text) {
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"«", "»"}, {"\"", "\""}}) {
        auto a = text.find(open);
        if (a == std::string_view::npos) continue;
        auto b = text.find(close, a + open.size());
        if (b == std::string_view::npos || b - a - open.size() > 120) continue;
        return std::string(text.substr(a + open.size(), b - a - open.size()));
    }
    return {};
}

}  // namespace

std::optional<ReasonText> ExplainReason(std::string_view text) {
    for (const auto& k : kKnown) {
        bool hit = false;
        for (const char* m : k.markers) hit = hit || (m != nullptr && Contains(text, m));
        if (!hit) continue;
        ReasonText r{k.code, k.uz, k.ru, k.en};
        if (std::string what = Quoted(text); !what.empty()) {
            r.uz += ": «" + what + "»";
            r.ru += ": «" + what + "»";
            r.en += ": “" + what + "”";
        }
        return r;
    }
    return std::nullopt;
}

}  // namespace by::marketplaces
