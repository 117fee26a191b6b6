// The marketplaces' rejection reasons in the partner's language. Moderation and validation answers come
// in Russian (WB, Uzum) or as English codes (Ozon, Yandex); a seller reading Uzbek should see what to
// fix. Known reasons map to a code and a text in uz/ru/en (a quoted characteristic name is carried
// over); unknown ones are shown as the marketplace wrote them. Pure functions; safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace by::marketplaces {

struct ReasonText {
    std::string code;  // ours, stable: "title_too_long", "required_characteristic", …
    std::string uz, ru, en;
    const std::string& In(std::string_view lang) const { return lang == "ru" ? ru : lang == "en" ? en : uz; }
};

std::optional<ReasonText> ExplainReason(std::string_view marketplace_text);

}  // namespace by::marketplaces
