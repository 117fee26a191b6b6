#include "marketplaces/uzum/uzum_cabinet.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <thread>

#include "core/encoding.hpp"
#include "core/secret.hpp"
#include "vault/totp.hpp"

namespace by::marketplaces::uzum {

using browser::Element;
using browser::WebDriverSession;

std::string ScrubSecrets(std::string text, const std::vector<std::string_view>& secrets) {
    for (std::string_view s : secrets) {
        if (s.size() < 4) {
            continue;
        }
        size_t pos = 0;
        while ((pos = text.find(s, pos)) != std::string::npos) {
            text.replace(pos, s.size(), "***");
            pos += 3;
        }
    }
    return text;
}

TotpSteps::Reservation TotpSteps::Reserve(const std::string& login_key, int64_t now_step, int64_t max_step) {
    std::lock_guard lock(mu_);
    auto it = last_.find(login_key);
    int64_t step = it == last_.end() ? now_step : std::max(now_step, it->second + 1);
    if (step > max_step) {
        return {std::nullopt, step};
    }
    last_[login_key] = step;
    return {step, step + 1};
}

namespace {

enum class Page { kCaptcha, kLogin, kTotp, kProduct, kResult, kFormError, kErrorPage, kUnknown };

std::string Trim(std::string s) {
    auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Only the path of a URL goes into a reason (a query could carry anything).
std::string PathOf(const std::string& url) {
    auto scheme = url.find("://");
    auto start = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    if (start == std::string::npos) {
        return "/";
    }
    auto end = url.find_first_of("?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

bool IsInfraFailure(const core::Error& e) {
    return e.code == core::ErrorCode::kUnavailable || e.code == core::ErrorCode::kTimeout ||
           e.code == core::ErrorCode::kInternal;
}

}  // namespace

struct CabinetDriver::Run {
    WebDriverSession& s;
    const CabinetCredentials& creds;
    CabinetResult result;
    bool tried_login = false;
    bool tried_totp = false;
    bool done = false;  // result decided (attention or error)
    int64_t lap_start = -1;

    // Records the time since the previous lap under `step`.
    void Lap(const char* step, int64_t now) {
        if (lap_start >= 0) {
            result.steps_ms.emplace_back(step, now - lap_start);
        }
        lap_start = now;
    }

    std::vector<std::string_view> Secrets() const { return {creds.password, creds.totp_secret}; }
};

CabinetDriver::CabinetDriver(const UzumConfig& config, const core::Clock& clock, TotpSteps& steps)
    : config_(config), clock_(clock), steps_(steps) {}

namespace {

// Empties every password and code input, then takes the screenshot: the image can show neither.
std::string SafeScreenshot(WebDriverSession& s, const UzumCabinetSelectors& sel) {
    static const char* kClear =
        "var extra = arguments[0];"
        "document.querySelectorAll('input[type=password]').forEach(function (e) { e.value = ''; });"
        "extra.forEach(function (q) { document.querySelectorAll(q).forEach(function (e) {"
        "  e.value = ''; if (e.tagName === 'INPUT') { e.setAttribute('type', 'password'); } }); });"
        "return true;";
    auto cleared = s.ExecuteScript(kClear, nlohmann::json::array({nlohmann::json::array(
                                               {sel.password_input, sel.totp_input})}));
    if (!cleared.ok()) {
        // Without the guarantee that the inputs are empty no screenshot is taken.
        return {};
    }
    auto png = s.Screenshot();
    return png.ok() ? std::move(png).value() : std::string();
}

}  // namespace

// Marks the run as needing the partner, with a scrubbed reason and a safe screenshot. Always returns false.
#define BY_ATTENTION(run, text, broken)                                                        \
    do {                                                                                       \
        (run).result.needs_attention = true;                                                   \
        (run).result.reason = ScrubSecrets((text), (run).Secrets());                           \
        (run).result.session_broken = (run).result.session_broken || (broken);                 \
        (run).result.screenshot_png = SafeScreenshot((run).s, config_.selectors);              \
        (run).done = true;                                                                     \
        return false;                                                                          \
    } while (0)

// A browser failure: infrastructure errors are returned for retry; others (the page refused an action)
// need the partner.
#define BY_BROWSER_FAIL(run, err, what)                                                        \
    do {                                                                                       \
        const core::Error& by_e_ = (err);                                                      \
        if (IsInfraFailure(by_e_)) {                                                           \
            core::Error by_copy_ = by_e_;                                                      \
            by_copy_.context = ScrubSecrets(by_copy_.context, (run).Secrets());                \
            (run).result.error = std::move(by_copy_);                                          \
            (run).result.session_broken = true;                                                \
            (run).done = true;                                                                 \
            return false;                                                                      \
        }                                                                                      \
        BY_ATTENTION(run, std::string("the cabinet page did not accept an action: ") + (what), true); \
    } while (0)

namespace {

// Waits until the element from the previous document is gone (navigation happened) or timeout.
void WaitForStale(WebDriverSession& s, const Element& e, int64_t timeout_ms) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        auto r = s.TagName(e);
        if (!r.ok()) {
            return;  // stale or gone
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::string VisibleText(WebDriverSession& s, const std::string& css) {
    auto found = s.FindElements(css);
    if (!found.ok() || found->empty()) {
        return {};
    }
    auto text = s.Text(found->front());
    return text.ok() ? Trim(*text) : std::string();
}

// " (<path>: <first heading> — <first error text>)" for a reason about a page we do not know.
std::string DescribePage(WebDriverSession& s) {
    auto current = s.CurrentUrl();
    std::string out = " (" + (current.ok() ? PathOf(*current) : std::string("?"));
    std::string heading = VisibleText(s, "h1");
    if (!heading.empty()) {
        out += ": " + heading.substr(0, 120);
    }
    std::string error = VisibleText(s, ".error");
    if (!error.empty()) {
        out += " — " + error.substr(0, 200);
    }
    return out + ")";
}

core::Result<Page> Classify(WebDriverSession& s, const UzumCabinetSelectors& sel, int64_t timeout_ms) {
    std::vector<std::string> css = {sel.captcha,   sel.result,     sel.product_form,
                                    sel.totp_form, sel.login_form, sel.error_page};
    auto idx = s.WaitForAny(css, timeout_ms);
    if (!idx.ok()) {
        if (idx.error().code == core::ErrorCode::kTimeout && idx.error().field.empty()) {
            return Page::kUnknown;
        }
        return std::move(idx).error();
    }
    switch (*idx) {
        case 0: return Page::kCaptcha;
        case 1: return Page::kResult;
        case 2: {
            // A product form that carries an error is the cabinet refusing the submitted form.
            if (!VisibleText(s, sel.form_error).empty()) {
                return Page::kFormError;
            }
            return Page::kProduct;
        }
        case 3: return Page::kTotp;
        case 4: return Page::kLogin;
        default: return Page::kErrorPage;
    }
}

}  // namespace

bool CabinetDriver::Login(Run& run) {
    const auto& sel = config_.selectors;
    WebDriverSession& s = run.s;
    run.tried_login = true;
    if (run.creds.login.empty() || run.creds.password.empty()) {
        BY_ATTENTION(run, "the cabinet asks to sign in but no cabinet_login credential was given", false);
    }
    auto login = s.FindElement(sel.login_input);
    auto password = s.FindElement(sel.password_input);
    auto submit = s.FindElement(sel.login_submit);
    if (!login.ok() || !password.ok() || !submit.ok()) {
        BY_ATTENTION(run, "the cabinet's sign-in page has changed: a login, password or submit field is missing",
                     false);
    }
    // The password goes only into a real password input, so the page never shows it in plain text.
    auto type = s.Attribute(*password, "type");
    if (!type.ok() || !type->has_value() || Lower(**type) != "password") {
        BY_ATTENTION(run, "the cabinet's password field is not a password input; not typing the password", false);
    }
    auto form = s.FindElement(sel.login_form);
    if (auto r = s.Clear(*login); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "clearing the login field");
    }
    if (auto r = s.SendKeys(*login, run.creds.login); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "typing the login");
    }
    if (auto r = s.Clear(*password); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "clearing the password field");
    }
    if (auto r = s.TypeSecret(*password, run.creds.password); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "typing the password");
    }
    if (auto r = s.Click(*submit); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "pressing sign in");
    }
    if (form.ok()) {
        WaitForStale(s, *form, config_.cabinet_step_timeout_ms);
    }
    return true;
}

bool CabinetDriver::SecondFactor(Run& run) {
    const auto& sel = config_.selectors;
    WebDriverSession& s = run.s;
    run.tried_totp = true;
    if (run.creds.totp_secret.empty()) {
        BY_ATTENTION(run,
                     "the cabinet asks for a second-factor code but the cabinet_login credential has no "
                     "totp_secret",
                     false);
    }
    auto input = s.FindElement(sel.totp_input);
    auto submit = s.FindElement(sel.totp_submit);
    if (!input.ok() || !submit.ok()) {
        BY_ATTENTION(run, "the cabinet's second-factor page has changed: the code field or its button is missing",
                     false);
    }
    auto key = vault::Base32Decode(run.creds.totp_secret);
    if (!key.ok()) {
        BY_ATTENTION(run, "the stored totp_secret is not valid base32", false);
    }
    vault::TotpParams params;
    int64_t now_s = clock_.NowMs() / 1000;
    auto now_step = vault::TotpStep(now_s, params);
    if (!now_step.ok()) {
        BY_ATTENTION(run, "the clock is before the TOTP epoch", false);
    }
    // The cabinet accepts one step either side and refuses a step it already accepted for this login. When
    // this login has used every step the cabinet takes now (several sign-ins within a minute), the batch
    // goes back to the queue until the next one is valid: waiting here held a worker, and a code sent
    // after the wait gave up was refused and stopped the seller's cards.
    auto reserved = steps_.Reserve(core::Sha256Hex(run.creds.login), *now_step, *now_step + params.window);
    if (!reserved.step) {
        int64_t usable_ms = ((reserved.next_free - params.window) * params.step_seconds + params.t0_seconds) * 1000;
        run.result.error = core::Error::RateLimited(std::max<int64_t>(1000, usable_ms - clock_.NowMs() + 500),
                                                    "uzum cabinet: this login's next second-factor code is not valid yet");
        run.done = true;
        return false;
    }
    int64_t step = *reserved.step;
    auto code = vault::TotpAt(key->view(), step * params.step_seconds + params.t0_seconds, params);
    if (!code.ok()) {
        BY_ATTENTION(run, "could not compute the second-factor code", false);
    }
    std::string code_text = std::move(code).value();
    auto form = s.FindElement(sel.totp_form);
    auto typed = s.Clear(*input);
    if (typed.ok()) {
        typed = s.TypeSecret(*input, code_text);
    }
    core::WipeString(code_text);
    if (!typed.ok()) {
        BY_BROWSER_FAIL(run, typed.error(), "typing the second-factor code");
    }
    if (auto r = s.Click(*submit); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "confirming the second-factor code");
    }
    if (form.ok()) {
        WaitForStale(s, *form, config_.cabinet_step_timeout_ms);
    }
    return true;
}

bool CabinetDriver::ReachProductForm(Run& run) {
    const auto& sel = config_.selectors;
    WebDriverSession& s = run.s;
    std::string url = config_.cabinet_base_url;
    while (!url.empty() && url.back() == '/') {
        url.pop_back();
    }
    url += config_.cabinet_product_path;
    if (auto r = s.Navigate(url); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "opening the cabinet");
    }
    run.Lap("open", clock_.MonotonicMs());
    bool navigated_after_auth = false;
    for (int transition = 0; transition < 6; ++transition) {
        // Right after a sign-in step the cabinet may land on a page we do not know (a dashboard): look
        // briefly, then open the product form ourselves.
        bool after_auth = (run.tried_login || run.tried_totp) && !navigated_after_auth;
        int64_t wait = after_auth ? std::min<int64_t>(3000, config_.cabinet_step_timeout_ms)
                                  : config_.cabinet_step_timeout_ms;
        auto page = Classify(s, sel, wait);
        if (!page.ok()) {
            BY_BROWSER_FAIL(run, page.error(), "reading the cabinet page");
        }
        switch (*page) {
            case Page::kCaptcha:
                BY_ATTENTION(run, "the cabinet shows a captcha; a person has to solve it in the seller cabinet", true);
            case Page::kProduct:
            case Page::kFormError:
                run.result.reached_form = true;
                return true;
            case Page::kLogin: {
                if (run.tried_login) {
                    std::string why = VisibleText(s, sel.login_error);
                    BY_ATTENTION(run, "the cabinet refused the sign-in" + (why.empty() ? std::string() : ": " + why),
                                 true);
                }
                run.Lap("page", clock_.MonotonicMs());
                if (!Login(run)) {
                    return false;
                }
                run.Lap("sign_in", clock_.MonotonicMs());
                break;
            }
            case Page::kTotp: {
                if (run.tried_totp) {
                    std::string why = VisibleText(s, sel.totp_error);
                    BY_ATTENTION(run,
                                 "the cabinet refused the second-factor code" +
                                     (why.empty() ? std::string() : ": " + why),
                                 true);
                }
                run.Lap("page", clock_.MonotonicMs());
                if (!SecondFactor(run)) {
                    return false;
                }
                run.Lap("second_factor", clock_.MonotonicMs());
                break;
            }
            case Page::kErrorPage:
                BY_ATTENTION(run, "the cabinet answered with an error page" + DescribePage(s), true);
            case Page::kResult:
            case Page::kUnknown: {
                if (after_auth) {
                    navigated_after_auth = true;
                    if (auto r = s.Navigate(url); !r.ok()) {
                        BY_BROWSER_FAIL(run, r.error(), "opening the product form");
                    }
                    break;
                }
                BY_ATTENTION(run, "the cabinet showed a page the automation does not know" + DescribePage(s), true);
            }
        }
    }
    BY_ATTENTION(run, "the cabinet kept returning to the sign-in pages", true);
}

std::vector<CabinetFormField> CabinetFormFields(const UzumCabinetSelectors& sel, const CabinetCard& card) {
    // Characteristics with their own field go there; the rest into the free-text block.
    std::string characteristics;
    std::vector<CabinetFormField> own_fields;
    for (const auto& c : card.characteristics) {
        auto own = sel.characteristic_fields.find(c.key);
        if (own != sel.characteristic_fields.end()) {
            own_fields.push_back({own->second, c.value, "characteristic"});
        } else {
            characteristics += c.name + ": " + c.value + "\n";
        }
    }
    std::vector<CabinetFormField> all = {
        {sel.title_uz, card.title_uz, "Uzbek name"},
        {sel.title_ru, card.title_ru, "Russian name"},
        {sel.description_uz, card.description_uz, "Uzbek description"},
        {sel.description_ru, card.description_ru, "Russian description"},
        {sel.characteristics, characteristics, "characteristics"},
        {sel.sku, card.sku, "SKU"},
        {sel.barcode, card.barcode, "barcode"},
        {sel.price, std::to_string(card.price_uzs), "price"},
    };
    all.insert(all.end(), own_fields.begin(), own_fields.end());
    std::erase_if(all, [](const CabinetFormField& f) { return f.value.empty(); });
    return all;
}

bool CabinetDriver::FillForm(Run& run, const CabinetCard& card) {
    const auto& sel = config_.selectors;
    WebDriverSession& s = run.s;

    // Category: an option of the select, by id (value) or else by its visible name. One script rather than
    // a command per option: the cabinet lists hundreds of categories.
    static const char* kChooseCategory =
        "var sel = document.querySelector(arguments[0]), id = arguments[1], name = arguments[2];"
        "if (!sel || sel.tagName !== 'SELECT') { return {missing: true}; }"
        "var norm = function (t) { return (t || '').trim().toLowerCase(); };"
        "for (var i = 0; i < sel.options.length; i++) {"
        "  var o = sel.options[i];"
        "  if ((id !== '' && o.value === id) || (id === '' && name !== '' && norm(o.text) === norm(name))) {"
        "    sel.value = o.value;"
        "    sel.dispatchEvent(new Event('input', {bubbles: true}));"
        "    sel.dispatchEvent(new Event('change', {bubbles: true}));"
        "    return {chosen: o.value};"
        "  }"
        "}"
        "return {chosen: null};";
    auto category = s.ExecuteScript(kChooseCategory,
                                    nlohmann::json::array({sel.category, card.category_id, card.category_name}));
    if (!category.ok()) {
        BY_BROWSER_FAIL(run, category.error(), "choosing the category");
    }
    if (!category->is_object() || category->value("missing", false)) {
        BY_ATTENTION(run, "the product form has no category field", true);
    }
    if (!category->contains("chosen") || !(*category)["chosen"].is_string()) {
        BY_ATTENTION(run,
                     "the cabinet does not offer the category " +
                         (card.category_id.empty() ? "\"" + card.category_name + "\"" : card.category_id),
                     false);
    }
    run.Lap("category", clock_.MonotonicMs());

    // Text fields: set the way a person's typing ends (the element's own value setter, then input and
    // change events, which frameworks such as React listen to), in one command. Typing through WebDriver
    // sends a key event per character: 3-5 s a card for two long descriptions.
    static const char* kFill =
        "var fields = arguments[0];"
        "for (var i = 0; i < fields.length; i++) {"
        "  var el = document.querySelector(fields[i][0]), v = fields[i][1];"
        "  if (!el) { return {missing: i}; }"
        "  var proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype"
        "            : el.tagName === 'INPUT' ? HTMLInputElement.prototype : null;"
        "  var t = (el.getAttribute('type') || 'text').toLowerCase();"
        "  if (!proto || el.disabled || el.readOnly || (el.tagName === 'INPUT' &&"
        "      ['text', 'number', 'search', 'tel', 'url', 'email'].indexOf(t) < 0)) { return {refused: i}; }"
        "  if (el.maxLength > 0 && v.length > el.maxLength) { return {too_long: i, max: el.maxLength}; }"
        "  el.focus();"
        "  Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);"
        "  el.dispatchEvent(new Event('input', {bubbles: true}));"
        "  el.dispatchEvent(new Event('change', {bubbles: true}));"
        "  el.blur();"
        "  if (el.value !== v.replace(el.tagName === 'INPUT' ? /[\\r\\n]/g : /\\r/g, '')) { return {refused: i}; }"
        "}"
        "return {filled: fields.length};";
    auto fields = CabinetFormFields(sel, card);
    nlohmann::json pairs = nlohmann::json::array();
    for (const auto& f : fields) {
        pairs.push_back(nlohmann::json::array({f.css, f.value}));
    }
    auto filled = s.ExecuteScript(kFill, nlohmann::json::array({pairs}));
    if (!filled.ok()) {
        BY_BROWSER_FAIL(run, filled.error(), "filling the product form");
    }
    auto field_at = [&](const char* key) -> const CabinetFormField* {
        auto it = filled->is_object() ? filled->find(key) : filled->end();
        if (it == filled->end() || !it->is_number_integer()) return nullptr;
        auto i = it->get<int64_t>();
        return i >= 0 && static_cast<size_t>(i) < fields.size() ? &fields[static_cast<size_t>(i)] : nullptr;
    };
    if (const auto* f = field_at("missing")) {
        BY_ATTENTION(run, "the product form has no " + f->label + " field", true);
    }
    if (const auto* f = field_at("too_long")) {
        BY_ATTENTION(run,
                     "the cabinet takes at most " + std::to_string(filled->value("max", int64_t{0})) +
                         " characters in the " + f->label,
                     false);
    }
    if (const auto* f = field_at("refused")) {
        BY_ATTENTION(run, "the product form's " + f->label + " field did not take the text", true);
    }
    if (!filled->is_object() || filled->value("filled", int64_t{-1}) != static_cast<int64_t>(fields.size())) {
        BY_ATTENTION(run, "the product form did not take every field", true);
    }
    run.Lap("fields", clock_.MonotonicMs());

    // Files: only into real file inputs; several files only where the input takes several.
    auto upload = [&](const std::string& css, const std::vector<std::string>& files, const char* label) -> bool {
        if (files.empty()) {
            return true;
        }
        auto el = s.FindElement(css);
        if (!el.ok()) {
            BY_ATTENTION(run, std::string("the product form has no ") + label + " upload", true);
        }
        auto type = s.Attribute(*el, "type");
        if (!type.ok() || !type->has_value() || Lower(**type) != "file") {
            BY_ATTENTION(run, std::string("the ") + label + " field is not a file upload", true);
        }
        auto multiple = s.Attribute(*el, "multiple");
        bool many = multiple.ok() && multiple->has_value();
        if (files.size() > 1 && !many) {
            BY_ATTENTION(run, std::string("the ") + label + " upload takes one file only", true);
        }
        // One command for all of them: each WebDriver round trip costs tens of milliseconds under load.
        if (auto r = s.UploadFiles(*el, files); !r.ok()) {
            BY_BROWSER_FAIL(run, r.error(), std::string("uploading the ") + label);
        }
        // The one check WebDriver cannot make: how many files the input now holds.
        auto count = s.ExecuteScript("return arguments[0].files ? arguments[0].files.length : -1;",
                                     nlohmann::json::array({browser::ElementRef(el->id)}));
        if (!count.ok()) {
            BY_BROWSER_FAIL(run, count.error(), std::string("checking the ") + label + " upload");
        }
        if (!count->is_number_integer() || count->get<int64_t>() != static_cast<int64_t>(files.size())) {
            BY_ATTENTION(run, std::string("the ") + label + " upload did not take every file", true);
        }
        return true;
    };
    if (!upload(sel.photos, card.image_files, "photo")) {
        return false;
    }
    run.Lap("photos", clock_.MonotonicMs());
    if (!card.video_file.empty() && !upload(sel.video, {card.video_file}, "video")) {
        return false;
    }
    run.Lap("video", clock_.MonotonicMs());
    return true;
}

bool CabinetDriver::Submit(Run& run) {
    const auto& sel = config_.selectors;
    WebDriverSession& s = run.s;
    auto submit = s.FindElement(sel.product_submit);
    if (!submit.ok()) {
        BY_ATTENTION(run, "the product form has no submit button", true);
    }
    auto form = s.FindElement(sel.product_form);
    if (auto r = s.Click(*submit); !r.ok()) {
        BY_BROWSER_FAIL(run, r.error(), "submitting the product form");
    }
    if (form.ok()) {
        WaitForStale(s, *form, config_.cabinet_step_timeout_ms);
    }
    auto page = Classify(s, sel, config_.cabinet_step_timeout_ms);
    if (!page.ok()) {
        BY_BROWSER_FAIL(run, page.error(), "reading the result page");
    }
    switch (*page) {
        case Page::kResult: {
            std::string id = VisibleText(s, sel.result_product_id);
            if (id.empty()) {
                if (auto el = s.FindElement(sel.result_product_id); el.ok()) {
                    auto attr = s.Attribute(*el, "data-product-id");
                    if (attr.ok() && attr->has_value()) {
                        id = Trim(**attr);
                    }
                }
            }
            bool digits = !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) {
                return std::isdigit(c);
            });
            if (!digits) {
                BY_ATTENTION(run, "the cabinet's result page shows no product id", true);
            }
            run.result.product_id = id;
            return true;
        }
        case Page::kCaptcha:
            BY_ATTENTION(run, "the cabinet showed a captcha after the form was sent; a person has to finish it", true);
        case Page::kFormError:
            BY_ATTENTION(run, "the cabinet refused the product form: " + VisibleText(s, sel.form_error), true);
        case Page::kProduct:
            BY_ATTENTION(run, "the cabinet did not accept the product form and gave no reason", true);
        case Page::kLogin:
        case Page::kTotp:
            BY_ATTENTION(run, "the cabinet signed the session out while the form was sent", true);
        case Page::kErrorPage:
            BY_ATTENTION(run, "after the form was sent the cabinet answered with an error page" + DescribePage(s),
                         true);
        case Page::kUnknown: {
            BY_ATTENTION(run, "after the form was sent the cabinet showed a page the automation does not know" +
                                  DescribePage(s),
                         true);
        }
    }
    return false;
}

CabinetResult CabinetDriver::CreateProduct(WebDriverSession& session, const CabinetCredentials& creds,
                                           const CabinetCard& card) {
    int64_t start = clock_.MonotonicMs();
    Run run{session, creds, {}};
    run.lap_start = start;
    bool ok = ReachProductForm(run);
    run.Lap("form", clock_.MonotonicMs());
    if (ok && FillForm(run, card)) {
        Submit(run);
        run.Lap("submit", clock_.MonotonicMs());
    }
    run.result.elapsed_ms = clock_.MonotonicMs() - start;
    return std::move(run.result);
}

CabinetResult CabinetDriver::CheckLogin(WebDriverSession& session, const CabinetCredentials& creds) {
    int64_t start = clock_.MonotonicMs();
    Run run{session, creds, {}};
    ReachProductForm(run);
    run.result.elapsed_ms = clock_.MonotonicMs() - start;
    return std::move(run.result);
}

}  // namespace by::marketplaces::uzum
