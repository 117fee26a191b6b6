#include "sandbox/common/competitors.hpp"

#include <cmath>
#include <string>

namespace by::sandbox {
namespace {

struct Seed {
    const char* id;
    const char* title;
    int64_t category_id;
    const char* seller;
    int64_t base_price;
    int64_t period_ms;
    double phase;
    double amplitude;
};

constexpr int64_t kHour = 3600 * 1000;

}  // namespace

int64_t CompetitorPrice(int64_t base_price, int64_t period_ms, double phase, double amplitude, int64_t virtual_now_ms) {
    double t = static_cast<double>(virtual_now_ms % period_ms) / static_cast<double>(period_ms);
    double factor = 1.0 + amplitude * std::sin(2 * M_PI * t + phase);
    return static_cast<int64_t>(std::llround(static_cast<double>(base_price) * factor));
}

nlohmann::json CompetitorCards(std::string_view marketplace, int64_t virtual_now_ms) {
    static const Seed kWb[] = {
        {"148210001", "Смартфон 6.5\" 128 ГБ черный", 515, "ТехноМаркет", 18990, 2 * kHour, 0.0, 0.08},
        {"148210002", "Кроссовки беговые мужские", 105, "СпортЛайн", 4590, 3 * kHour, 1.0, 0.12},
        {"148210003", "Футболка хлопковая базовая", 192, "ModaPlus", 990, kHour, 2.0, 0.10},
    };
    static const Seed kOzon[] = {
        {"1590000101", "Смартфон 6.5\" 128 ГБ", 95139, "Digital Store", 19490, 2 * kHour, 0.5, 0.07},
        {"1590000102", "Электрический чайник 1.7 л", 94968, "HomeTech", 2490, 90 * 60 * 1000, 1.5, 0.15},
    };
    static const Seed kYandex[] = {
        {"1779000001", "Смартфон 128 ГБ черный", 91491, "Маркет Электроника", 18790, 2 * kHour, 2.5, 0.06},
    };
    static const Seed kUzum[] = {
        {"801001", "Smartfon 128 GB qora", 12690, "Texno Savdo", 2499000, 2 * kHour, 0.3, 0.08},
        {"801002", "Noutbuk 15.6\" 512 GB", 15718, "Komp Market", 7890000, 4 * kHour, 1.1, 0.05},
        {"801003", "Televizor 43\" Smart TV", 12601, "Elektro Uz", 3290000, 3 * kHour, 2.2, 0.10},
    };
    const Seed* begin = nullptr;
    size_t n = 0;
    std::string currency = "RUB";
    if (marketplace == "wildberries") {
        begin = kWb;
        n = std::size(kWb);
    } else if (marketplace == "ozon") {
        begin = kOzon;
        n = std::size(kOzon);
    } else if (marketplace == "yandex") {
        begin = kYandex;
        n = std::size(kYandex);
    } else if (marketplace == "uzum") {
        begin = kUzum;
        n = std::size(kUzum);
        currency = "UZS";
    }
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = 0; i < n; ++i) {
        const Seed& s = begin[i];
        list.push_back({{"id", s.id},
                        {"title", s.title},
                        {"category_id", s.category_id},
                        {"seller", s.seller},
                        {"currency", currency},
                        {"base_price", s.base_price},
                        {"period_ms", s.period_ms},
                        {"price", CompetitorPrice(s.base_price, s.period_ms, s.phase, s.amplitude, virtual_now_ms)}});
    }
    return {{"marketplace", marketplace}, {"now_ms", virtual_now_ms}, {"competitors", list}};
}

}  // namespace by::sandbox
