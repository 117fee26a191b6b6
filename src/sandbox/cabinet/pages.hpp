// Server-rendered HTML of the Uzum seller cabinet imitation. Element ids and names are stable so a
// WebDriver script can find them: input#login, input#password, button#submit (login); input#totp
// (second factor); select#category, input#title_uz, input#title_ru, textarea#description_uz,
// textarea#description_ru, input#brand, input#color, input#country, textarea#characteristics,
// input#sku, input#barcode, input#price, input#full_price, input#photos, input#video, button#submit
// (product form); span#product-id, span#sku-id, span#barcode, span#status (result); div#captcha
// (captcha fault); div#error and ul#errors (problems). Pure functions; safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace by::sandbox::cabinet {

std::string Escape(std::string_view s);
std::string LoginPage(const std::string& error, const std::string& login);
std::string TotpPage(const std::string& error);
std::string CaptchaPage();
// `values` refills the form after an error; `errors` are listed in ul#errors.
std::string ProductFormPage(const std::string& csrf, const std::map<std::string, std::string>& values,
                            const std::vector<std::string>& errors, const std::string& shop_name);
std::string ResultPage(const nlohmann::json& product, const std::string& status, bool created);
std::string ProductsPage(const std::vector<nlohmann::json>& products, int64_t now_ms);
std::string MessagePage(const std::string& title, const std::string& message, const std::string& id);

}  // namespace by::sandbox::cabinet
