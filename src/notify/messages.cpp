#include "notify/messages.hpp"

#include <vector>

#include "marketplaces/common/reasons.hpp"

namespace by::notify {
namespace {

// At most `max_chars` UTF-8 characters of `text`, with "…" when cut (cut before escaping, so no entity
// is ever split).
std::string Cut(std::string_view text, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) return std::string(text.substr(0, i)) + "…";
            ++chars;
        }
    }
    return std::string(text);
}

std::string Field(const nlohmann::json& payload, const char* key, size_t max_chars) {
    auto it = payload.find(key);
    if (it == payload.end() || !it->is_string()) return {};
    return EscapeHtml(Cut(it->get<std::string>(), max_chars));
}

struct Words {
    const char* live;
    const char* rejected;
    const char* reasons;
    const char* no_reason;
    const char* open;
    const char* credential;   // "{mp}" is replaced
    const char* credential_hint;
    const char* stock_low;
    const char* pieces;       // "{n}" is replaced
    const char* test;
};

const Words& WordsFor(Language lang) {
    static const Words kUz = {"Kartochka sotuvga chiqdi",
                              "Marketpleys kartochkani rad etdi",
                              "Sabablar:",
                              "Marketpleys sababini aytmadi.",
                              "Kartochkani ochish",
                              "{mp} kaliti ishlamayapti",
                              "Kalitni BiznesYordam sozlamalarida yangilang.",
                              "Qoldiq kam qoldi",
                              "{n} dona qoldi",
                              "BiznesYordam: Telegram xabarnomalari ulandi. Kartochkalar, kalitlar va qoldiq haqida shu "
                              "yerga yozamiz."};
    static const Words kRu = {"Карточка в продаже",
                              "Маркетплейс отклонил карточку",
                              "Причины:",
                              "Маркетплейс не указал причину.",
                              "Открыть карточку",
                              "Ключ {mp} не работает",
                              "Обновите ключ в настройках BiznesYordam.",
                              "Заканчивается остаток",
                              "осталось {n} шт.",
                              "BiznesYordam: уведомления в Telegram подключены. Сюда будут приходить сообщения о "
                              "карточках, ключах и остатках."};
    static const Words kEn = {"The card is live",
                              "The marketplace rejected the card",
                              "Reasons:",
                              "The marketplace gave no reason.",
                              "Open the card",
                              "The {mp} key does not work",
                              "Update the key in BiznesYordam settings.",
                              "Stock is running low",
                              "{n} left",
                              "BiznesYordam: Telegram notifications are connected. Cards, keys and stock updates will "
                              "arrive here."};
    switch (lang) {
        case Language::kRu: return kRu;
        case Language::kEn: return kEn;
        case Language::kUz: break;
    }
    return kUz;
}

std::string MarketplaceTitle(const std::string& code, Language lang) {
    if (code == "uzum") return "Uzum Market";
    if (code == "wildberries") return "Wildberries";
    if (code == "yandex") return lang == Language::kRu ? "Яндекс Маркет" : "Yandex Market";
    if (code == "ozon") return "Ozon";
    return EscapeHtml(Cut(code, 40));
}

std::string Replace(std::string text, std::string_view what, const std::string& with) {
    size_t pos = text.find(what);
    if (pos != std::string::npos) text.replace(pos, what.size(), with);
    return text;
}

// "<b>Wildberries</b>: Name (SKU 123)"
std::string ProductLine(const nlohmann::json& p, Language lang) {
    std::string line = "<b>" + MarketplaceTitle(p.value("marketplace", ""), lang) + "</b>";
    std::string name = Field(p, "name", 200);
    std::string sku = Field(p, "sku", 80);
    if (!name.empty()) line += ": " + name;
    if (!sku.empty()) line += " (SKU " + sku + ")";
    return line;
}

bool IsWebUrl(const std::string& url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

}  // namespace

std::optional<Language> ParseLanguage(std::string_view code) {
    if (code == "uz") return Language::kUz;
    if (code == "ru") return Language::kRu;
    if (code == "en") return Language::kEn;
    return std::nullopt;
}

std::string_view LanguageCode(Language lang) {
    switch (lang) {
        case Language::kRu: return "ru";
        case Language::kEn: return "en";
        case Language::kUz: break;
    }
    return "uz";
}

std::string EscapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string RenderMessage(std::string_view event, const nlohmann::json& payload, Language lang) {
    const Words& w = WordsFor(lang);
    const nlohmann::json& p = payload.is_object() ? payload : nlohmann::json::object();
    std::string text;
    if (event == "card_live") {
        text = "✅ <b>" + std::string(w.live) + "</b>\n" + ProductLine(p, lang);
        std::string url = p.value("url", "");
        if (IsWebUrl(url) && url.size() <= 1000) {
            text += "\n<a href=\"" + EscapeHtml(url) + "\">" + w.open + "</a>";
        }
    } else if (event == "card_rejected") {
        text = "❌ <b>" + std::string(w.rejected) + "</b>\n" + ProductLine(p, lang) + "\n";
        std::vector<std::string> reasons;
        if (auto it = p.find("reasons"); it != p.end() && it->is_array()) {
            for (const auto& r : *it) {
                if (r.is_string() && !r.get<std::string>().empty()) reasons.push_back(r.get<std::string>());
            }
        }
        if (reasons.empty()) {
            text += w.no_reason;
        } else {
            text += w.reasons;
            const size_t shown = std::min<size_t>(reasons.size(), 10);
            for (size_t i = 0; i < shown; ++i) {
                // Our explanation in the partner's language where we know the reason, else the marketplace's words.
                auto known = marketplaces::ExplainReason(reasons[i]);
                std::string line = known ? known->In(LanguageCode(lang)) : reasons[i];
                text += "\n• " + EscapeHtml(Cut(line, 300));
            }
            if (reasons.size() > shown) text += "\n• … (+" + std::to_string(reasons.size() - shown) + ")";
        }
    } else if (event == "credential_failed") {
        text = "⚠️ <b>" + Replace(w.credential, "{mp}", MarketplaceTitle(p.value("marketplace", ""), lang)) + "</b>";
        std::string message = Field(p, "message", 500);
        if (!message.empty()) text += "\n" + message;
        text += "\n" + std::string(w.credential_hint);
    } else if (event == "stock_low") {
        std::string line = "<b>" + Field(p, "name", 200) + "</b>";
        std::string sku = Field(p, "sku", 80);
        if (!sku.empty()) line += " (SKU " + sku + ")";
        int64_t stock = p.contains("stock") && p["stock"].is_number_integer() ? p["stock"].get<int64_t>() : 0;
        text = "📦 <b>" + std::string(w.stock_low) + "</b>\n" + line + ": " +
               Replace(w.pieces, "{n}", std::to_string(stock));
    } else {
        text = "👋 " + std::string(w.test);
    }
    // By construction (every outside field is cut above) the text stays far below the limit.
    return text.size() <= kMaxMessageChars ? text : Cut(text, kMaxMessageChars - 1);
}

}  // namespace by::notify
