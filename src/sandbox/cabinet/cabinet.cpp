#include "sandbox/cabinet/cabinet.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "sandbox/cabinet/multipart.hpp"
#include "sandbox/cabinet/pages.hpp"
#include "sandbox/cabinet/totp.hpp"
#include "sandbox/common/catalog.hpp"
#include "sandbox/common/media.hpp"
#include "sandbox/common/util.hpp"
#include "sandbox/uzum/uzum_catalog.hpp"

namespace by::sandbox::cabinet {
namespace {

using nlohmann::json;

constexpr const char* kCookie = "uzum_session";

api::HttpResponse Html(int status, std::string body) {
    api::HttpResponse r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    r.SetHeader("Cache-Control", "no-store");
    return r;
}

api::HttpResponse Redirect(const std::string& to) {
    api::HttpResponse r;
    r.status = 303;
    r.content_type = "text/html; charset=utf-8";
    r.SetHeader("Location", to);
    r.body = "<a href=\"" + Escape(to) + "\">" + Escape(to) + "</a>";
    return r;
}

std::string SessionCookie(const std::string& id, bool clear = false) {
    return std::string(kCookie) + "=" + (clear ? "" : id) + "; Path=/; HttpOnly; SameSite=Lax" +
           (clear ? "; Max-Age=0" : "");
}

std::string First(const std::multimap<std::string, std::string>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? std::string() : it->second;
}

std::string TrimCopy(std::string s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.pop_back();
    }
    size_t i = 0;
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) {
        ++i;
    }
    return s.substr(i);
}

bool AllDigits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

api::HttpResponse CabinetApp::ServerError() const {
    return Html(500, MessagePage("Ошибка сервера", "Что-то пошло не так. Попробуйте позже.", "server-error"));
}

api::HttpResponse CabinetApp::OverLimit(const api::HttpRequest& req) const {
    return Html(429, MessagePage("Слишком много запросов", "Подождите немного и повторите.", "too-many-requests"));
}

core::Result<nlohmann::json> CabinetApp::CreateTestOrders(const nlohmann::json& body) {
    return core::Error::Invalid("create Uzum test orders on the Uzum API port");
}

bool CabinetApp::Captcha() const { return ctx_.faults.Get("cabinet").captcha; }

bool CabinetApp::FindSession(const api::HttpRequest& req, Session* out, std::string* id) const {
    std::string cookie = req.Cookie(kCookie);
    if (cookie.empty()) {
        return false;
    }
    std::lock_guard<std::mutex> lock(mu_);
    auto it = sessions_.find(cookie);
    if (it == sessions_.end()) {
        return false;
    }
    *out = it->second;
    *id = cookie;
    return true;
}

std::string CabinetApp::NewSession(Session s) {
    std::string id = core::RandomToken(24);
    s.csrf = core::RandomToken(16);
    s.created_ms = ctx_.NowMs();
    std::lock_guard<std::mutex> lock(mu_);
    sessions_[id] = std::move(s);
    return id;
}

void CabinetApp::DropSession(const std::string& id) {
    std::lock_guard<std::mutex> lock(mu_);
    sessions_.erase(id);
}

void CabinetApp::Register(api::Router& r) {
    auto bind = [this](api::HttpResponse (CabinetApp::*fn)(api::HttpRequest&)) {
        return [this, fn](api::HttpRequest& req) { return (this->*fn)(req); };
    };
    r.Add("GET", "/", bind(&CabinetApp::Root));
    r.Add("GET", "/login", bind(&CabinetApp::LoginForm));
    r.Add("POST", "/login", bind(&CabinetApp::Login));
    r.Add("GET", "/login/totp", bind(&CabinetApp::TotpForm));
    r.Add("POST", "/login/totp", bind(&CabinetApp::Totp));
    r.Add("GET", "/products/new", bind(&CabinetApp::ProductForm));
    r.Add("POST", "/products/new", bind(&CabinetApp::SubmitProduct));
    r.Add("GET", "/products", bind(&CabinetApp::ListProducts));
    r.Add("GET", "/products/{productId}", bind(&CabinetApp::ShowProduct));
    r.Add("POST", "/logout", bind(&CabinetApp::Logout));
    r.Add("POST", "/captcha", bind(&CabinetApp::CaptchaAnswer));
}

api::HttpResponse CabinetApp::Root(api::HttpRequest& req) {
    Session s;
    std::string id;
    return Redirect(FindSession(req, &s, &id) && s.authenticated ? "/products/new" : "/login");
}

api::HttpResponse CabinetApp::LoginForm(api::HttpRequest& req) {
    if (Captcha()) {
        return Html(200, CaptchaPage());
    }
    return Html(200, LoginPage("", ""));
}

api::HttpResponse CabinetApp::Login(api::HttpRequest& req) {
    if (Captcha()) {
        return Html(200, CaptchaPage());
    }
    auto form = ParseUrlEncoded(req.body);
    std::string login = TrimCopy(First(form, "login"));
    std::string password = First(form, "password");
    const SellerAccount* seller = ctx_.accounts.ByCabinetLogin(login);
    if (seller == nullptr || !core::ConstantTimeEquals(seller->cabinet_password, password)) {
        return Html(401, LoginPage("Неверный логин или пароль", login));
    }
    Session s;
    s.seller = seller->name;
    s.authenticated = seller->cabinet_totp_secret.empty();
    std::string id = NewSession(s);
    api::HttpResponse r = Redirect(s.authenticated ? "/products/new" : "/login/totp");
    r.SetHeader("Set-Cookie", SessionCookie(id));
    return r;
}

api::HttpResponse CabinetApp::TotpForm(api::HttpRequest& req) {
    Session s;
    std::string id;
    if (!FindSession(req, &s, &id)) {
        return Redirect("/login");
    }
    if (s.authenticated) {
        return Redirect("/products/new");
    }
    return Html(200, TotpPage(""));
}

api::HttpResponse CabinetApp::Totp(api::HttpRequest& req) {
    Session s;
    std::string id;
    if (!FindSession(req, &s, &id)) {
        return Redirect("/login");
    }
    const SellerAccount* seller = ctx_.accounts.ByName(s.seller);
    std::string code = TrimCopy(First(ParseUrlEncoded(req.body), "code"));
    if (seller == nullptr || !VerifyTotp(seller->cabinet_totp_secret, code, ctx_.NowMs())) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = sessions_.find(id);
        if (it != sessions_.end() && ++it->second.totp_attempts >= kMaxTotpAttempts) {
            sessions_.erase(it);
            return Html(401, LoginPage("Слишком много неверных кодов. Войдите заново.", ""));
        }
        return Html(401, TotpPage("Неверный код"));
    }
    // A fresh session id after the second factor (no fixation of the pre-2FA id).
    DropSession(id);
    s.authenticated = true;
    std::string fresh = NewSession(s);
    api::HttpResponse r = Redirect("/products/new");
    r.SetHeader("Set-Cookie", SessionCookie(fresh));
    return r;
}

api::HttpResponse CabinetApp::ProductForm(api::HttpRequest& req) {
    Session s;
    std::string id;
    if (!FindSession(req, &s, &id) || !s.authenticated) {
        return Redirect("/login");
    }
    if (Captcha()) {
        return Html(200, CaptchaPage());
    }
    const SellerAccount* seller = ctx_.accounts.ByName(s.seller);
    return Html(200, ProductFormPage(s.csrf, {}, {}, seller ? seller->uzum_shop_name : ""));
}

api::HttpResponse CabinetApp::SubmitProduct(api::HttpRequest& req) {
    Session s;
    std::string sid;
    if (!FindSession(req, &s, &sid) || !s.authenticated) {
        return Redirect("/login");
    }
    if (Captcha()) {
        return Html(200, CaptchaPage());
    }
    const SellerAccount* seller = ctx_.accounts.ByName(s.seller);
    std::string content_type = req.Header("Content-Type");
    std::multimap<std::string, std::string> fields;
    std::vector<FormPart> files;
    if (content_type.rfind("multipart/form-data", 0) == 0) {
        if (req.body.empty()) {
            return Html(400, MessagePage("Файлы не получены",
                                         "The multipart upload reached the server without its body.",
                                         "error-multipart"));
        }
        auto parts = ParseMultipart(content_type, req.body);
        if (!parts.ok()) {
            return Html(400, MessagePage("Ошибка формы", parts.error().message, "error"));
        }
        for (auto& p : *parts) {
            if (p.filename.empty() && p.content_type.empty()) {
                fields.emplace(p.name, std::move(p.data));
            } else if (!p.data.empty()) {
                files.push_back(std::move(p));
            }
        }
    } else {
        fields = ParseUrlEncoded(req.body);
    }
    std::map<std::string, std::string> values;
    for (const char* k : {"category", "title_uz", "title_ru", "description_uz", "description_ru", "brand", "color",
                          "country", "characteristics", "sku", "barcode", "price", "full_price"}) {
        values[k] = TrimCopy(First(fields, k));
    }
    if (!core::ConstantTimeEquals(First(fields, "csrf"), s.csrf)) {
        return Html(403, MessagePage("Сессия устарела", "Обновите страницу и отправьте форму ещё раз.", "error-csrf"));
    }
    std::vector<std::string> errors;
    auto category = AsInt(json(values["category"]));
    if (!category || catalog::FindUzumCategory(*category) == nullptr) {
        errors.push_back("Выберите категорию");
    }
    auto text_rule = [&](const char* key, const char* label, size_t max) {
        if (values[key].empty()) {
            errors.push_back(std::string("Заполните поле «") + label + "»");
        } else if (Utf8Length(values[key]) > max) {
            errors.push_back(std::string("Поле «") + label + "» длиннее " + std::to_string(max) + " символов");
        }
    };
    text_rule("title_uz", "Название (узб.)", 255);
    text_rule("title_ru", "Название (рус.)", 255);
    text_rule("description_uz", "Описание (узб.)", 5000);
    text_rule("description_ru", "Описание (рус.)", 5000);
    text_rule("sku", "Артикул продавца (SKU)", 100);
    if (!values["barcode"].empty() && (!AllDigits(values["barcode"]) || values["barcode"].size() < 8 ||
                                       values["barcode"].size() > 14)) {
        errors.push_back("Штрихкод должен состоять из 8–14 цифр");
    }
    auto price = AsInt(json(values["price"]));
    if (!price || *price < 1 || *price > 999999000) {
        errors.push_back("Цена продажи должна быть целым числом от 1 до 999 999 000 сум");
    }
    auto full_price = values["full_price"].empty() ? std::optional<int64_t>(0) : AsInt(json(values["full_price"]));
    if (!full_price || (*full_price != 0 && price && *full_price < *price) || *full_price > 999999000) {
        errors.push_back("Цена до скидки должна быть целым числом не меньше цены продажи");
    }
    json photos = json::array();
    json video = nullptr;
    for (const auto& f : files) {
        MediaInfo info = SniffMedia(f.data);
        if (f.name == "photos") {
            if (info.format != MediaFormat::kJpeg && info.format != MediaFormat::kPng && info.format != MediaFormat::kWebp) {
                errors.push_back("Файл «" + f.filename + "» не является фото JPG, PNG или WebP");
            } else if (f.data.size() > kMaxPhotoBytes) {
                errors.push_back("Фото «" + f.filename + "» больше 10 МБ");
            } else {
                photos.push_back({{"name", f.filename}, {"format", MediaFormatName(info.format)}, {"width", info.width},
                                  {"height", info.height}, {"bytes", f.data.size()}});
            }
        } else if (f.name == "video") {
            if (!info.is_video()) {
                errors.push_back("Файл «" + f.filename + "» не является видео MP4 или MOV");
            } else if (f.data.size() > kMaxVideoBytes) {
                errors.push_back("Видео «" + f.filename + "» больше 50 МБ");
            } else {
                video = {{"name", f.filename}, {"format", MediaFormatName(info.format)}, {"bytes", f.data.size()}};
            }
        }
    }
    if (photos.empty()) {
        errors.push_back("Добавьте хотя бы одно фото товара");
    } else if (photos.size() > kMaxPhotos) {
        errors.push_back("Можно загрузить не больше 10 фото");
    }
    if (!errors.empty()) {
        return Html(422, ProductFormPage(s.csrf, values, errors, seller ? seller->uzum_shop_name : ""));
    }
    uzum::NewProduct p;
    p.category_id = *category;
    p.title_ru = values["title_ru"];
    p.title_uz = values["title_uz"];
    p.description_ru = values["description_ru"];
    p.description_uz = values["description_uz"];
    for (const auto& [k, label] : std::vector<std::pair<std::string, std::string>>{
             {"brand", "Бренд"}, {"color", "Цвет"}, {"country", "Страна производства"}}) {
        if (!values[k].empty()) {
            p.characteristics.emplace_back(label, values[k]);
        }
    }
    std::string lines = values["characteristics"];
    size_t start = 0;
    while (start < lines.size()) {
        size_t end = lines.find('\n', start);
        std::string line = TrimCopy(lines.substr(start, end == std::string::npos ? std::string::npos : end - start));
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
            p.characteristics.emplace_back(TrimCopy(line.substr(0, colon)), TrimCopy(line.substr(colon + 1)));
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    p.article = values["sku"];
    p.barcode = values["barcode"];
    p.sell_price = *price;
    p.full_price = *full_price;
    p.photos = photos;
    p.video = video;
    int64_t now = ctx_.NowMs();
    auto tx = ctx_.store.Begin(name());
    uzum::SavedProduct saved = uzum::UpsertProduct(tx, *seller, p, now, now + ctx_.ProcessingDelayMs());
    tx.Bump("cabinet_submit", seller->name + "/" + p.article);
    tx.Commit();
    return Redirect("/products/" + std::to_string(saved.product_id) + (saved.created ? "?created=1" : "?created=0"));
}

api::HttpResponse CabinetApp::ShowProduct(api::HttpRequest& req) {
    Session s;
    std::string sid;
    if (!FindSession(req, &s, &sid) || !s.authenticated) {
        return Redirect("/login");
    }
    const SellerAccount* seller = ctx_.accounts.ByName(s.seller);
    auto id = AsInt(json(req.Param("productId")));
    std::optional<json> p;
    if (id && seller != nullptr) {
        auto tx = ctx_.store.Begin(name());
        p = tx.Get("product", uzum::ProductKey(*seller, *id));
    }
    if (!p) {
        return Html(404, MessagePage("Товар не найден", "Нет такого товара в вашем магазине.", "error"));
    }
    std::string status = uzum::IsModerated(*p, ctx_.NowMs()) ? "MODERATED" : "ON_MODERATION";
    return Html(200, ResultPage(*p, status, req.Query("created") != "0"));
}

api::HttpResponse CabinetApp::ListProducts(api::HttpRequest& req) {
    Session s;
    std::string sid;
    if (!FindSession(req, &s, &sid) || !s.authenticated) {
        return Redirect("/login");
    }
    std::vector<json> products;
    {
        auto tx = ctx_.store.Begin(name());
        for (auto& [key, p] : tx.List("product", s.seller + "/")) {
            products.push_back(std::move(p));
        }
    }
    return Html(200, ProductsPage(products, ctx_.NowMs()));
}

api::HttpResponse CabinetApp::Logout(api::HttpRequest& req) {
    Session s;
    std::string sid;
    if (FindSession(req, &s, &sid)) {
        DropSession(sid);
    }
    api::HttpResponse r = Redirect("/login");
    r.SetHeader("Set-Cookie", SessionCookie("", true));
    return r;
}

api::HttpResponse CabinetApp::CaptchaAnswer(api::HttpRequest& req) {
    // No answer is ever right: a script that meets the captcha must stop and ask a person.
    return Html(200, CaptchaPage());
}

}  // namespace by::sandbox::cabinet
