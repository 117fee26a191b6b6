// Drives Uzum's seller cabinet in a browser session to create one product card, because Uzum's seller API
// cannot create cards (shared/marketplace-api/README.md §4, ARCHITECTURE §5a).
//
// The driver acts only on pages it recognises by UzumCabinetSelectors: the login form, the second-factor
// form, the product form and the result page. Anything else (a captcha, an unknown page, a missing field,
// a refused login or code, a form error) ends the run with needs_attention, a reason in plain words and a
// screenshot; it never guesses. Before any screenshot, password and code inputs are emptied, so the image
// can hold neither; the password is typed only into an <input type=password>.
// Secrets: the password, TOTP secret and codes are typed with TypeSecret (bodies wiped, errors without
// upstream text) and every reason is scrubbed of them before it leaves. Nothing here logs a secret.
// Thread-safety: CabinetDriver is stateless apart from the shared TotpSteps (thread-safe); one
// WebDriverSession is used by one thread at a time.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "marketplaces/browser/webdriver.hpp"
#include "marketplaces/uzum/uzum_config.hpp"

namespace by::marketplaces::uzum {

// Views into the caller's SecretBuffers; valid for one call.
struct CabinetCredentials {
    std::string_view login;
    std::string_view password;
    std::string_view totp_secret;  // base32; empty = the account has no second factor
};

struct CabinetCard {
    std::string category_id;    // Uzum category id (option value); may be empty when only the name is known
    std::string category_name;  // option text, used when the id is unknown
    std::string title_uz, title_ru;
    std::string description_uz, description_ru;
    struct Characteristic {
        std::string key;    // our attribute key ("brand", "color", ...)
        std::string name;   // Russian name as the marketplace shows it
        std::string value;
    };
    std::vector<Characteristic> characteristics;
    std::string sku, barcode;
    int64_t price_uzs = 0;
    std::vector<std::string> image_files;
    std::string video_file;
};

// One text field of the product form and what the driver types into it.
struct CabinetFormField {
    std::string css;    // its selector (UzumCabinetSelectors)
    std::string value;
    std::string label;  // for reasons: "Uzbek name", "price", ...
};
// The text fields FillForm fills, in its order: names, descriptions, the free-text characteristics block
// ("name: value" lines for those without a field of their own), SKU, barcode, price, then the
// characteristics that have their own field. Empty values are left out. Pure.
std::vector<CabinetFormField> CabinetFormFields(const UzumCabinetSelectors& sel, const CabinetCard& card);

struct CabinetResult {
    bool needs_attention = false;
    std::string reason;           // for the partner; never a secret
    std::string screenshot_png;   // when needs_attention (empty if the browser could not take one)
    std::string product_id;       // on success, as the result page shows it
    bool session_broken = false;  // recycle the session rather than reuse it
    bool reached_form = false;    // signed in: the product form was on screen (attention after it is the card's)
    // Set when the browser itself failed (chromedriver gone, command timed out): a transient fault of ours,
    // retried by the queue, not the partner's to fix.
    std::optional<core::Error> error;
    int64_t elapsed_ms = 0;
    // Milliseconds per step (open, page, sign_in, second_factor, form, category, fields, photos, video,
    // submit), for the timing log.
    std::vector<std::pair<std::string, int64_t>> steps_ms;
};

// Remembers the last TOTP step used per cabinet login, so a second login within the same 30 s step takes
// the next code instead of replaying one the cabinet has already accepted (S8: reuse is rejected), and a
// login that has used every code the cabinet accepts now is put off rather than sent a refused one.
class TotpSteps {
  public:
    struct Reservation {
        std::optional<int64_t> step;  // the step to use, recorded as used
        int64_t next_free = 0;        // without a step: the first step this login has not used
    };
    // The step to use: >= now_step, > the last one used for this login and <= max_step (the last the
    // cabinet accepts now). None when every acceptable step is used: the caller comes back later rather
    // than send a code the cabinet will refuse.
    Reservation Reserve(const std::string& login_key, int64_t now_step, int64_t max_step);

  private:
    std::mutex mu_;
    std::map<std::string, int64_t> last_;  // guarded by mu_
};

class CabinetDriver {
  public:
    CabinetDriver(const UzumConfig& config, const core::Clock& clock, TotpSteps& steps);

    CabinetResult CreateProduct(browser::WebDriverSession& session, const CabinetCredentials& creds,
                                const CabinetCard& card);
    // Logs in (or finds the session already logged in) and stops at the product form: checks a
    // cabinet_login credential without creating anything.
    CabinetResult CheckLogin(browser::WebDriverSession& session, const CabinetCredentials& creds);

  private:
    struct Run;
    bool ReachProductForm(Run& run);
    bool Login(Run& run);
    bool SecondFactor(Run& run);
    bool FillForm(Run& run, const CabinetCard& card);
    bool Submit(Run& run);

    const UzumConfig& config_;
    const core::Clock& clock_;
    TotpSteps& steps_;
};

// Replaces every occurrence of each secret (length >= 4) in `text` with "***".
std::string ScrubSecrets(std::string text, const std::vector<std::string_view>& secrets);

}  // namespace by::marketplaces::uzum
