// The text of each notification in the partner's language (Uzbek Latin by default, Russian, English),
// in Telegram's HTML parse mode: everything that comes from outside (product names, marketplace reasons,
// error messages) is escaped, so a "<" in a reason can neither break the message nor add markup.
// Pure functions; safe from any thread.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace by::notify {

enum class Language { kUz, kRu, kEn };
std::optional<Language> ParseLanguage(std::string_view code);  // "uz", "ru", "en"
std::string_view LanguageCode(Language lang);

// Telegram's HTML mode: & < > become entities; " too, so the result is safe inside an attribute.
std::string EscapeHtml(std::string_view text);

inline constexpr size_t kMaxMessageChars = 4096;  // Telegram's limit on a message's text

// The message for an outbox event (card_live, card_rejected, credential_failed, stock_low, test) with
// its payload as Notifier recorded it: {marketplace, sku, name, url, reasons, message, stock}.
// Always fits kMaxMessageChars; long reasons are cut.
std::string RenderMessage(std::string_view event, const nlohmann::json& payload, Language lang);

}  // namespace by::notify
