// Configuration of the Uzum adapter (section [marketplaces.uzum] of the config file; app/ fills it).
// Defaults point at the real Uzum; the sandbox sets api_base_url / cabinet_base_url to its loopback ports.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace by::marketplaces {

// CSS selectors of the seller cabinet. The automation only acts on what it recognises by these; anything
// else stops the card for attention. Defaults match the sandbox cabinet (src/sandbox/cabinet).
struct UzumCabinetSelectors {
    std::string captcha = "#captcha";
    // Any page with an error box and none of the known forms (server error, refused upload...).
    std::string error_page = ".error, [id^=error]";
    // Login step.
    std::string login_form = "form#login-form";
    std::string login_input = "input#login";
    std::string password_input = "input#password";
    std::string login_submit = "form#login-form button#submit";
    std::string login_error = "#error";
    // Second factor.
    std::string totp_form = "form#totp-form";
    std::string totp_input = "input#totp";
    std::string totp_submit = "form#totp-form button#submit";
    std::string totp_error = "#error";
    // Product form.
    std::string product_form = "form#product-form";
    std::string category = "select#category";
    std::string title_uz = "input#title_uz";
    std::string title_ru = "input#title_ru";
    std::string description_uz = "textarea#description_uz";
    std::string description_ru = "textarea#description_ru";
    std::string characteristics = "textarea#characteristics";  // the rest, one "name: value" per line
    // Characteristics with a field of their own, by our attribute key (content.characteristics[].key).
    std::map<std::string, std::string> characteristic_fields = {
        {"brand", "input#brand"}, {"color", "input#color"}, {"country", "input#country"}};
    std::string sku = "input#sku";
    std::string barcode = "input#barcode";
    std::string price = "input#price";
    std::string photos = "input#photos";
    std::string video = "input#video";
    std::string product_submit = "form#product-form button#submit";
    std::string form_error = "ul#errors";
    // Result page.
    std::string result = "dl#result";
    std::string result_product_id = "#product-id";
};

struct UzumConfig {
    // Seller OpenAPI root (paths /v1/shops etc. are appended). Sandbox: http://127.0.0.1:18081.
    std::string api_base_url = "https://api-seller.uzum.uz/api/seller-openapi";
    // Seller cabinet root. Sandbox: http://127.0.0.1:18085.
    std::string cabinet_base_url = "https://seller.uzum.uz";
    std::string cabinet_product_path = "/products/new";  // the new-product form; login redirects from it
    int64_t api_timeout_ms = 15000;                        // each API request
    int64_t api_retry_budget_ms = 5000;  // transient faults (5xx, resets) retried within this, by net/retry
    // Product-list lookups by SKU: page size and how many pages at most (searchQuery narrows them first).
    int products_page_size = 100;
    int max_lookup_pages = 20;
    // A 429 (or an exhausted per-second bucket) asking to wait at most this long is waited out inside the
    // call once; longer waits return Error::RateLimited to the caller's queue.
    int64_t max_inline_rate_wait_ms = 2000;
    // The shop's request bucket until Uzum's X-RateLimit-Burst-Capacity / -Replenish-Rate headers tell it
    // (Uzum publishes no figure; these are what its answers carry, and the sandbox's).
    double api_burst = 5;
    double api_per_second = 2;
    // How long each cabinet step may take to show its next page.
    int64_t cabinet_step_timeout_ms = 20000;
    // After the cabinet's result page: how long the product may take to appear in the API list.
    int64_t confirm_timeout_ms = 10000;
    int64_t confirm_poll_ms = 500;
    // Cards of one seller a publish job makes in one browser session (one login). Larger batches save logins
    // and hold an I/O worker longer (a card takes a few seconds in the cabinet).
    size_t cabinet_batch = 8;
    // Order statuses ListOrders reads (one request per status and page; Uzum answers only CREATED when none).
    std::vector<std::string> order_statuses = {"CREATED", "PACKING", "CANCELED"};
    int orders_page_size = 50;  // Uzum's maximum
    UzumCabinetSelectors selectors;
};

}  // namespace by::marketplaces
