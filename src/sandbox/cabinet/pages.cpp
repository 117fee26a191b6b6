#include "sandbox/cabinet/pages.hpp"

#include "sandbox/common/catalog.hpp"
#include "sandbox/common/util.hpp"

namespace by::sandbox::cabinet {
namespace {

std::string Layout(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>" + Escape(title) +
           " — Uzum Market для продавцов (sandbox)</title></head>\n<body>\n<header><a href=\"/\">Uzum Seller</a></header>\n"
           "<main>\n" + body + "\n</main>\n</body></html>\n";
}

std::string Value(const std::map<std::string, std::string>& v, const std::string& k) {
    auto it = v.find(k);
    return it == v.end() ? std::string() : Escape(it->second);
}

std::string Input(const std::string& id, const std::string& label, const std::string& type,
                  const std::map<std::string, std::string>& values, const std::string& extra = "") {
    return "<p><label for=\"" + id + "\">" + label + "</label> <input id=\"" + id + "\" name=\"" + id + "\" type=\"" +
           type + "\" value=\"" + Value(values, id) + "\"" + extra + "></p>\n";
}

std::string TextArea(const std::string& id, const std::string& label, const std::map<std::string, std::string>& values) {
    return "<p><label for=\"" + id + "\">" + label + "</label><br><textarea id=\"" + id + "\" name=\"" + id +
           "\" rows=\"5\" cols=\"80\">" + Value(values, id) + "</textarea></p>\n";
}

}  // namespace

std::string Escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string LoginPage(const std::string& error, const std::string& login) {
    std::string body = "<h1>Вход в кабинет продавца</h1>\n";
    if (!error.empty()) {
        body += "<div id=\"error\" class=\"error\">" + Escape(error) + "</div>\n";
    }
    body += "<form id=\"login-form\" method=\"post\" action=\"/login\">\n"
            "<p><label for=\"login\">Логин</label> <input id=\"login\" name=\"login\" type=\"text\" value=\"" +
            Escape(login) + "\" autocomplete=\"username\"></p>\n"
            "<p><label for=\"password\">Пароль</label> <input id=\"password\" name=\"password\" type=\"password\" "
            "autocomplete=\"current-password\"></p>\n"
            "<p><button id=\"submit\" type=\"submit\">Войти</button></p>\n</form>";
    return Layout("Вход", body);
}

std::string TotpPage(const std::string& error) {
    std::string body = "<h1>Подтверждение входа</h1>\n<p>Введите 6-значный код из приложения-аутентификатора.</p>\n";
    if (!error.empty()) {
        body += "<div id=\"error\" class=\"error\">" + Escape(error) + "</div>\n";
    }
    body += "<form id=\"totp-form\" method=\"post\" action=\"/login/totp\">\n"
            "<p><label for=\"totp\">Код</label> <input id=\"totp\" name=\"code\" type=\"text\" inputmode=\"numeric\" "
            "autocomplete=\"one-time-code\" maxlength=\"6\"></p>\n"
            "<p><button id=\"submit\" type=\"submit\">Подтвердить</button></p>\n</form>";
    return Layout("Код подтверждения", body);
}

std::string CaptchaPage() {
    return Layout("Проверка", "<div id=\"captcha\"><h1>Подтвердите, что вы не робот</h1>\n"
                              "<p>Введите символы с картинки.</p>\n<img id=\"captcha-image\" alt=\"captcha\" "
                              "src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">\n"
                              "<form method=\"post\" action=\"/captcha\"><input id=\"captcha-answer\" name=\"answer\">"
                              "<button id=\"captcha-submit\" type=\"submit\">Продолжить</button></form></div>");
}

std::string ProductFormPage(const std::string& csrf, const std::map<std::string, std::string>& values,
                            const std::vector<std::string>& errors, const std::string& shop_name) {
    std::string body = "<h1>Новый товар</h1>\n<p id=\"shop\">Магазин: " + Escape(shop_name) + "</p>\n";
    if (!errors.empty()) {
        body += "<div id=\"error\" class=\"error\">Исправьте ошибки</div>\n<ul id=\"errors\">\n";
        for (const auto& e : errors) {
            body += "<li class=\"error\">" + Escape(e) + "</li>\n";
        }
        body += "</ul>\n";
    }
    body += "<form id=\"product-form\" method=\"post\" action=\"/products/new\" enctype=\"multipart/form-data\">\n"
            "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">\n"
            "<p><label for=\"category\">Категория</label> <select id=\"category\" name=\"category\">\n"
            "<option value=\"\">— выберите —</option>\n";
    std::string chosen = values.count("category") ? values.at("category") : "";
    for (const auto& c : catalog::UzumCategories()) {
        std::string id = std::to_string(c.id);
        // The visible text is the Russian name alone (the form is in Russian), so a category is found by its name.
        body += "<option value=\"" + id + "\" data-title-uz=\"" + Escape(c.title_uz) + "\"" +
                (id == chosen ? " selected" : "") + ">" + Escape(c.title_ru) + "</option>\n";
    }
    body += "</select></p>\n";
    // maxlength as a real cabinet sets it; the server checks the same limits.
    body += Input("title_uz", "Название (узб.)", "text", values, " maxlength=\"255\"");
    body += Input("title_ru", "Название (рус.)", "text", values, " maxlength=\"255\"");
    body += TextArea("description_uz", "Описание (узб.)", values);
    body += TextArea("description_ru", "Описание (рус.)", values);
    body += "<fieldset id=\"characteristics-block\"><legend>Характеристики</legend>\n";
    body += Input("brand", "Бренд", "text", values);
    body += Input("color", "Цвет", "text", values);
    body += Input("country", "Страна производства", "text", values);
    body += TextArea("characteristics", "Другие характеристики (по одной в строке: «Название: значение»)", values);
    body += "</fieldset>\n";
    body += Input("sku", "Артикул продавца (SKU)", "text", values, " maxlength=\"100\"");
    body += Input("barcode", "Штрихкод", "text", values);
    body += Input("price", "Цена продажи, сум", "number", values, " min=\"1\"");
    body += Input("full_price", "Цена до скидки, сум", "number", values, " min=\"1\"");
    body += "<p><label for=\"photos\">Фото (JPG, PNG, WebP)</label> <input id=\"photos\" name=\"photos\" type=\"file\" "
            "multiple accept=\"image/jpeg,image/png,image/webp\"></p>\n"
            "<p><label for=\"video\">Видео (MP4, MOV)</label> <input id=\"video\" name=\"video\" type=\"file\" "
            "accept=\"video/mp4,video/quicktime\"></p>\n"
            "<p><button id=\"submit\" type=\"submit\">Отправить на модерацию</button></p>\n</form>";
    return Layout("Новый товар", body);
}

std::string ResultPage(const nlohmann::json& product, const std::string& status, bool created) {
    const nlohmann::json& sku = product["skus"][0];
    std::string body = std::string("<h1 id=\"result-title\">") + (created ? "Товар создан" : "Товар обновлён") +
                       "</h1>\n<dl id=\"result\">\n"
                       "<dt>ID товара</dt><dd><span id=\"product-id\">" +
                       std::to_string(JsonInt(product, "productId")) +
                       "</span></dd>\n<dt>ID SKU</dt><dd><span id=\"sku-id\">" + std::to_string(JsonInt(sku, "skuId")) +
                       "</span></dd>\n<dt>Артикул</dt><dd><span id=\"sku\">" + Escape(sku.value("article", "")) +
                       "</span></dd>\n<dt>Штрихкод</dt><dd><span id=\"barcode\">" + Escape(sku.value("barcode", "")) +
                       "</span></dd>\n<dt>Статус</dt><dd><span id=\"status\">" + Escape(status) +
                       "</span></dd>\n<dt>Фото</dt><dd><span id=\"photo-count\">" +
                       std::to_string(product.value("photos", nlohmann::json::array()).size()) +
                       "</span></dd>\n</dl>\n<p><a id=\"new-product\" href=\"/products/new\">Добавить ещё товар</a> · "
                       "<a id=\"all-products\" href=\"/products\">Все товары</a></p>";
    return Layout("Товар " + std::to_string(JsonInt(product, "productId")), body);
}

std::string ProductsPage(const std::vector<nlohmann::json>& products, int64_t now_ms) {
    std::string body = "<h1>Товары</h1>\n<table id=\"products\">\n<tr><th>ID</th><th>Артикул</th><th>Название</th>"
                       "<th>Статус</th></tr>\n";
    for (const auto& p : products) {
        std::string id = std::to_string(JsonInt(p, "productId"));
        std::string status = JsonInt(p, "ready_at_ms") <= now_ms ? "MODERATED" : "ON_MODERATION";
        body += "<tr class=\"product\" data-product-id=\"" + id + "\"><td><a href=\"/products/" + id + "\">" + id +
                "</a></td><td>" + Escape(p["skus"][0].value("article", "")) + "</td><td>" +
                Escape(p.value("title_ru", "")) + "</td><td>" + status + "</td></tr>\n";
    }
    body += "</table>\n<p><a id=\"new-product\" href=\"/products/new\">Добавить товар</a></p>";
    return Layout("Товары", body);
}

std::string MessagePage(const std::string& title, const std::string& message, const std::string& id) {
    return Layout(title, "<h1>" + Escape(title) + "</h1>\n<div id=\"" + Escape(id) + "\" class=\"error\">" +
                             Escape(message) + "</div>");
}

}  // namespace by::sandbox::cabinet
