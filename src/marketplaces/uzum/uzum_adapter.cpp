#include "marketplaces/uzum/uzum_adapter.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "core/encoding.hpp"
#include "marketplaces/uzum/uzum_api.hpp"
#include "marketplaces/uzum/uzum_cabinet.hpp"
#include "obs/log.hpp"

namespace by::marketplaces {

namespace {

using nlohmann::json;
using uzum::UzumApi;

std::string_view FieldOf(const vault::FieldMap& creds, std::string_view name) {
    auto it = creds.find(name);
    return it == creds.end() ? std::string_view() : it->second.view();
}

struct ApiCreds {
    std::string_view token;
    int64_t shop_id = 0;
};

core::Result<ApiCreds> ApiCredsFrom(const vault::FieldMap& creds) {
    ApiCreds c;
    c.token = FieldOf(creds, "token");
    if (c.token.empty()) {
        return core::Error::Unprocessable("the Uzum api_token credential is missing its token", "fields.token");
    }
    std::string_view shop = FieldOf(creds, "shop_id");
    if (shop.empty() || shop.size() > 18 ||
        !std::all_of(shop.begin(), shop.end(), [](unsigned char ch) { return std::isdigit(ch); })) {
        return core::Error::Unprocessable("the Uzum api_token credential needs a numeric shop_id", "fields.shop_id");
    }
    c.shop_id = std::stoll(std::string(shop));
    return c;
}

uzum::CabinetCredentials CabinetCredsFrom(const vault::FieldMap& creds) {
    return {FieldOf(creds, "login"), FieldOf(creds, "password"), FieldOf(creds, "totp_secret")};
}

std::string Upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

// Uzum's product and moderation statuses → our publish states (moderationStatus.value ON_MODERATION /
// MODERATED, status.value NOT_READY_TO_SEND / READY_TO_SEND / IN_STOCK ...; the spec gives no full list).
// Unknown values count as moderation: the card exists, and Poll will look again.
PublishState StateOf(const uzum::Product& p) {
    std::string mod = Upper(p.moderation_status);
    std::string st = Upper(p.status);
    auto has = [](const std::string& s, const char* w) { return s.find(w) != std::string::npos; };
    if (has(mod, "REJECT") || has(mod, "DECLIN") || has(mod, "BLOCK") || has(st, "REJECT") || has(st, "BLOCK")) {
        return PublishState::kRejected;
    }
    if (has(mod, "ON_MODERATION") || has(mod, "IN_MODERATION") || has(mod, "PENDING") || has(mod, "PROGRESS") ||
        has(mod, "REVIEW") || has(st, "NOT_READY") || has(st, "ON_MODERATION") || has(st, "DRAFT")) {
        return PublishState::kModeration;
    }
    if (mod == "MODERATED" || has(mod, "APPROV") || has(mod, "ACCEPT") || st == "IN_STOCK" ||
        st == "READY_TO_SEND" || st == "ACTIVE" || st == "ON_SALE" || st == "OUT_OF_STOCK") {
        return PublishState::kLive;
    }
    return PublishState::kModeration;
}

const char* StateName(PublishState s) {
    switch (s) {
        case PublishState::kSubmitted: return "submitted";
        case PublishState::kModeration: return "moderation";
        case PublishState::kLive: return "live";
        case PublishState::kRejected: return "rejected";
        case PublishState::kNeedsAttention: return "needs_attention";
    }
    return "submitted";
}

std::string JsonString(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        return {};
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    if (it->is_number_integer()) {
        return std::to_string(it->get<int64_t>());
    }
    return {};
}

// Integer UZS from Money in minor units (tiyin), rounded to the nearest sum.
core::Result<int64_t> PriceUzs(const core::Money& price) {
    if (price.currency != "UZS") {
        return core::Error::Unprocessable("Uzum prices are in UZS", "price.currency");
    }
    int64_t uzs = (price.amount + 50) / 100;
    if (uzs < 1 || uzs > 999999000) {
        return core::Error::Unprocessable("Uzum prices must be 1..999,999,000 UZS", "price");
    }
    return uzs;
}

core::Result<uzum::CabinetCard> CardFrom(const PublishItem& item) {
    uzum::CabinetCard card;
    const json& texts = item.content.is_object() && item.content.contains("texts") ? item.content["texts"] : json();
    for (const char* lang : {"uz", "ru"}) {
        const json& t = texts.is_object() && texts.contains(lang) ? texts[lang] : json();
        std::string title = t.is_object() ? JsonString(t, "title") : "";
        std::string desc = t.is_object() ? JsonString(t, "description") : "";
        if (title.empty() || desc.empty()) {
            return core::Error::Unprocessable(std::string("Uzum needs a title and a description in ") +
                                                  (std::string(lang) == "uz" ? "Uzbek" : "Russian"),
                                              std::string("content.texts.") + lang);
        }
        if (std::string(lang) == "uz") {
            card.title_uz = std::move(title);
            card.description_uz = std::move(desc);
        } else {
            card.title_ru = std::move(title);
            card.description_ru = std::move(desc);
        }
    }
    if (item.category.is_object()) {
        card.category_id = JsonString(item.category, "id");
        card.category_name = JsonString(item.category, "name");
    }
    if (card.category_id.empty() && card.category_name.empty()) {
        return core::Error::Unprocessable("no Uzum category resolved for this card", "category");
    }
    bool has_brand = false;
    if (auto ch = item.content.find("characteristics"); ch != item.content.end() && ch->is_array()) {
        for (const auto& c : *ch) {
            std::string key = JsonString(c, "key");
            std::string name = JsonString(c, "name");
            std::string value = JsonString(c, "value");
            if (!value.empty() && (!name.empty() || !key.empty())) {
                has_brand = has_brand || key == "brand";
                card.characteristics.push_back({std::move(key), std::move(name), std::move(value)});
            }
        }
    }
    if (!has_brand && !item.product.brand.empty()) {
        card.characteristics.push_back({"brand", "Бренд", item.product.brand});
    }
    card.sku = item.product.sku;
    if (card.sku.empty()) {
        return core::Error::Unprocessable("the product has no SKU", "sku");
    }
    card.barcode = item.product.barcode;
    BY_ASSIGN(card.price_uzs, PriceUzs(item.product.price));
    if (item.image_files.empty()) {
        return core::Error::Unprocessable("Uzum needs at least one photo file", "image_files");
    }
    std::error_code ec;
    for (const auto& f : item.image_files) {
        if (!std::filesystem::is_regular_file(f, ec)) {
            return core::Error::Invalid("a photo file for the Uzum upload is missing", "image_files");
        }
    }
    if (!item.video_file.empty() && !std::filesystem::is_regular_file(item.video_file, ec)) {
        return core::Error::Invalid("the video file for the Uzum upload is missing", "video_file");
    }
    card.image_files = item.image_files;
    card.video_file = item.video_file;
    return card;
}

class UzumAdapter final : public Adapter {
  public:
    UzumAdapter(UzumConfig config, net::HttpClient& http, browser::SessionPool& sessions,
                const core::Clock& clock, ScreenshotSink sink, RateLimiter* limiter)
        : config_(std::move(config)),
          api_(config_, http, clock),
          sessions_(sessions),
          clock_(clock),
          sink_(std::move(sink)),
          driver_(config_, clock, totp_steps_) {
        api_.SetLimiter(limiter);
    }

    core::Marketplace marketplace() const override { return core::Marketplace::kUzum; }
    size_t BatchLimit() const override { return std::max<size_t>(1, config_.cabinet_batch); }

    core::Result<VerifyResult> Verify(const vault::FieldMap& creds) override {
        if (FieldOf(creds, "token").empty() && !FieldOf(creds, "login").empty()) {
            return VerifyCabinet(creds);
        }
        BY_ASSIGN(ApiCreds c, ApiCredsFrom(creds));
        auto shops = api_.Shops(c.token);
        if (!shops.ok()) {
            const auto& e = shops.error();
            if (e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kForbidden) {
                return VerifyResult{false, e.message};
            }
            return std::move(shops).error();
        }
        for (const auto& s : *shops) {
            if (s.id == c.shop_id) {
                return VerifyResult{true, s.name};
            }
        }
        return VerifyResult{false, "shop " + std::to_string(c.shop_id) + " is not one of this token's shops"};
    }

    core::Result<std::vector<PublishOutcome>> Publish(const std::vector<PublishItem>& items,
                                                      const vault::FieldMap& creds) override {
        // Every browser busy: back to the queue before spending API calls on cards that must wait anyway.
        if (auto busy = sessions_.BusyNow()) {
            return std::move(*busy);
        }
        // One browser session for the whole batch: a seller's cards share one cabinet login (a login, and a
        // second one within the same TOTP step, cost more than the card itself).
        CabinetBatch batch;
        std::vector<PublishOutcome> out;
        for (const auto& item : items) {
            auto o = PublishOne(item, creds, batch);
            if (!o.ok()) {
                // A fault of the whole batch goes back to the queue; the cards made before it are found by SKU
                // on the retry. A fault of one card of several rejects that card only.
                if (items.size() == 1 || BatchWide(o.error())) {
                    return std::move(o).error();
                }
                PublishOutcome rejected;
                rejected.card_id = item.card_id;
                rejected.state = PublishState::kRejected;
                rejected.reasons = {o.error().message};
                out.push_back(std::move(rejected));
                continue;
            }
            out.push_back(std::move(o).value());
        }
        return out;
    }

    // No request: Uzum cards are made in the cabinet, so this is the form as the driver would fill it.
    core::Result<json> BuildPayload(const PublishItem& item, const vault::FieldMap&) override {
        BY_ASSIGN(uzum::CabinetCard card, CardFrom(item));
        const UzumCabinetSelectors& sel = config_.selectors;
        json fields = json::array();
        for (auto& f : uzum::CabinetFormFields(sel, card)) {
            fields.push_back({{"selector", std::move(f.css)}, {"label", std::move(f.label)}, {"value", std::move(f.value)}});
        }
        json uploads = json::array({{{"selector", sel.photos}, {"files", card.image_files}}});
        if (!card.video_file.empty()) {
            uploads.push_back({{"selector", sel.video}, {"files", json::array({card.video_file})}});
        }
        json form = {{"path", config_.cabinet_product_path},
                     {"category", {{"selector", sel.category}, {"id", card.category_id}, {"name", card.category_name}}},
                     {"fields", std::move(fields)},
                     {"uploads", std::move(uploads)}};
        return json{{"cabinet_form", std::move(form)}};
    }

    core::Result<std::vector<PublishOutcome>> Poll(const std::vector<PublishOutcome>& submitted,
                                                   const vault::FieldMap& creds) override {
        BY_ASSIGN(ApiCreds c, ApiCredsFrom(creds));
        std::vector<PublishOutcome> out;
        for (const auto& o : submitted) {
            PublishOutcome next = o;
            bool pending = o.state == PublishState::kSubmitted || o.state == PublishState::kModeration;
            int64_t product_id = std::strtoll(o.marketplace_ref.c_str(), nullptr, 10);
            if (pending && product_id > 0) {
                BY_ASSIGN(auto found, api_.FindByProductId(c.token, c.shop_id, product_id));
                if (found) {
                    next.state = StateOf(*found);
                    next.reasons.clear();
                    if (next.state == PublishState::kRejected && !found->status_text.empty()) {
                        next.reasons.push_back(found->status_text);
                    }
                    for (const auto& sku : found->skus) {
                        Remember(c.shop_id, sku.article, found->product_id, sku);
                    }
                }
            }
            out.push_back(std::move(next));
        }
        return out;
    }

    core::Status UpdatePrice(const std::string& sku, const std::string& marketplace_ref, const core::Money& price,
                             const vault::FieldMap& creds) override {
        BY_ASSIGN(ApiCreds c, ApiCredsFrom(creds));
        BY_ASSIGN(int64_t uzs, PriceUzs(price));
        BY_ASSIGN(Known k, Resolve(c, sku));
        auto st = api_.SendPrice(c.token, c.shop_id, k.product_id, k.sku_id, uzs);
        if (!st.ok() && st.error().code == core::ErrorCode::kNotFound) {
            Forget(c.shop_id, sku);
        }
        if (st.ok()) {
            obs::Log(obs::Level::kInfo, "uzum_price_updated",
                     {{"sku", sku}, {"product_id", k.product_id}, {"price_uzs", uzs}});
        }
        return st;
    }

    core::Status UpdateStock(const std::string& sku, const std::string& marketplace_ref, int64_t stock,
                             const vault::FieldMap& creds) override {
        BY_ASSIGN(ApiCreds c, ApiCredsFrom(creds));
        BY_ASSIGN(Known k, Resolve(c, sku));
        if (k.barcode.empty()) {
            return core::Error::Unprocessable("the Uzum SKU has no barcode, so its stock cannot be set", "barcode");
        }
        auto st = api_.UpdateStocks(c.token, c.shop_id, {uzum::StockItem{k.sku_id, k.barcode, stock}});
        if (!st.ok() && st.error().code == core::ErrorCode::kNotFound) {
            Forget(c.shop_id, sku);
        }
        if (st.ok()) {
            obs::Log(obs::Level::kInfo, "uzum_stock_updated", {{"sku", sku}, {"stock", stock}});
        }
        return st;
    }

    core::Result<std::vector<OrderLine>> ListOrders(int64_t since_ms, const vault::FieldMap& creds) override {
        BY_ASSIGN(ApiCreds c, ApiCredsFrom(creds));
        std::vector<OrderLine> lines;
        // Filled on demand when an item lacks the article. By product only for one-SKU products (ours).
        std::map<int64_t, std::string> article_by_sku;
        std::map<int64_t, std::string> article_by_product;
        bool listed = false;
        for (const auto& status : config_.order_statuses) {
            for (int page = 0; page < 1000; ++page) {
                BY_ASSIGN(uzum::OrderPage p,
                          api_.Orders(c.token, c.shop_id, status, since_ms / 1000, page, config_.orders_page_size));
                for (const auto& o : p.orders) {
                    if (o.created_at_ms != 0 && o.created_at_ms < since_ms) {
                        continue;
                    }
                    for (const auto& item : o.items) {
                        std::string sku = item.article;
                        if (sku.empty() && (item.sku_id != 0 || item.product_id != 0)) {
                            if (!listed) {
                                BY_TRY(FillArticles(c, article_by_sku, article_by_product));
                                listed = true;
                            }
                            auto it = article_by_sku.find(item.sku_id);
                            if (it != article_by_sku.end()) {
                                sku = it->second;
                            } else if (auto p = article_by_product.find(item.product_id);
                                       p != article_by_product.end()) {
                                sku = p->second;
                            }
                        }
                        lines.push_back(OrderLine{std::to_string(o.id), sku, item.quantity, o.created_at_ms,
                                                  o.status.empty() ? status : o.status});
                    }
                }
                if (p.orders.size() < static_cast<size_t>(config_.orders_page_size)) {
                    break;
                }
            }
        }
        return lines;
    }

  private:
    struct Known {
        int64_t product_id = 0;
        int64_t sku_id = 0;
        std::string barcode;
    };

    static std::string CacheKey(int64_t shop_id, std::string_view sku) {
        return std::to_string(shop_id) + "/" + std::string(sku);
    }
    void Remember(int64_t shop_id, const std::string& article, int64_t product_id, const uzum::Sku& sku) {
        if (article.empty()) {
            return;
        }
        std::lock_guard lock(mu_);
        known_[CacheKey(shop_id, article)] = Known{product_id, sku.sku_id, sku.barcode};
    }
    void Forget(int64_t shop_id, std::string_view sku) {
        std::lock_guard lock(mu_);
        known_.erase(CacheKey(shop_id, sku));
    }

    core::Result<Known> Resolve(const ApiCreds& c, const std::string& sku) {
        {
            std::lock_guard lock(mu_);
            auto it = known_.find(CacheKey(c.shop_id, sku));
            if (it != known_.end()) {
                return it->second;
            }
        }
        BY_ASSIGN(auto found, api_.FindBySku(c.token, c.shop_id, sku));
        if (!found) {
            return core::Error::NotFound("no Uzum product has the SKU " + sku);
        }
        Remember(c.shop_id, sku, found->product.product_id, found->sku);
        return Known{found->product.product_id, found->sku.sku_id, found->sku.barcode};
    }

    core::Status FillArticles(const ApiCreds& c, std::map<int64_t, std::string>& out,
                              std::map<int64_t, std::string>& by_product) {
        for (int page = 0; page < config_.max_lookup_pages; ++page) {
            BY_ASSIGN(uzum::ProductPage p, api_.Products(c.token, c.shop_id, {}, page, config_.products_page_size));
            for (const auto& prod : p.products) {
                for (const auto& s : prod.skus) {
                    out[s.sku_id] = s.article;
                }
                if (prod.skus.size() == 1) {
                    by_product[prod.product_id] = prod.skus[0].article;
                }
            }
            if (p.products.size() < static_cast<size_t>(config_.products_page_size)) {
                break;
            }
        }
        return core::Ok();
    }

    // One browser session per partner, shop and cabinet login: a changed login never inherits the cookies of
    // the account signed in before.
    std::string SessionKey(const PublishItem& item, int64_t shop_id, std::string_view login) const {
        return (item.product.partner_id.empty() ? std::string("-") : item.product.partner_id) + "/" +
               std::to_string(shop_id) + "/" + core::Sha256Hex(login).substr(0, 16);
    }

    std::string SaveScreenshot(const std::string& card_id, const std::string& png) {
        if (png.empty() || !sink_) {
            return {};
        }
        auto saved = sink_(card_id, png);
        if (!saved.ok()) {
            obs::Log(obs::Level::kWarn, "uzum_screenshot_not_saved",
                     {{"card_id", card_id}, {"error", saved.error().message}});
            return {};
        }
        return std::move(saved).value();
    }

    // Faults that every card of a batch would meet: the network, a busy browser or marketplace, credentials.
    static bool BatchWide(const core::Error& e) {
        return e.IsTransient() || e.code == core::ErrorCode::kUnauthenticated ||
               e.code == core::ErrorCode::kForbidden || e.field.rfind("fields.", 0) == 0 || e.field == "cabinet_login";
    }

    // What the cards of one batch share in the cabinet.
    struct CabinetBatch {
        // The browser session: taken on the first card that needs the cabinet, kept for the next.
        std::optional<browser::SessionPool::Lease> lease;
        // Set when signing in failed (refused password, captcha, second factor): the batch's other cards
        // stop with the same reason instead of signing in again, which a cabinet may count towards a lockout.
        std::optional<std::string> sign_in_stopped;
    };

    core::Result<PublishOutcome> PublishOne(const PublishItem& item, const vault::FieldMap& creds,
                                            CabinetBatch& batch) {
        int64_t start = clock_.MonotonicMs();
        BY_ASSIGN(ApiCreds c, ApiCredsFrom(creds));
        BY_ASSIGN(uzum::CabinetCard card, CardFrom(item));
        PublishOutcome out;
        out.card_id = item.card_id;

        // 1. Idempotence: an existing product with our SKU is updated, never duplicated.
        BY_ASSIGN(auto existing, api_.FindBySku(c.token, c.shop_id, card.sku));
        if (existing) {
            Remember(c.shop_id, card.sku, existing->product.product_id, existing->sku);
            if (existing->sku.price != card.price_uzs) {
                BY_TRY(api_.SendPrice(c.token, c.shop_id, existing->product.product_id, existing->sku.sku_id,
                                      card.price_uzs));
            }
            out.state = StateOf(existing->product);
            out.marketplace_ref = std::to_string(existing->product.product_id);
            out.created = false;
            if (out.state == PublishState::kRejected && !existing->product.status_text.empty()) {
                out.reasons.push_back(existing->product.status_text);
            }
            LogOutcome(out, card.sku, start);
            return out;
        }

        // 2. The cabinet, in this partner's browser session.
        uzum::CabinetCredentials cab = CabinetCredsFrom(creds);
        if (cab.login.empty() || cab.password.empty()) {
            return core::Error::Unprocessable("creating an Uzum card needs the cabinet_login credential",
                                              "cabinet_login");
        }
        if (batch.sign_in_stopped) {
            out.state = PublishState::kNeedsAttention;
            out.reasons.push_back(*batch.sign_in_stopped);
            LogOutcome(out, card.sku, start);
            return out;
        }
        if (!batch.lease) {
            BY_ASSIGN(auto taken, sessions_.Acquire(SessionKey(item, c.shop_id, cab.login)));
            batch.lease.emplace(std::move(taken));
        }
        uzum::CabinetResult r = driver_.CreateProduct(batch.lease->session(), cab, card);
        LogSteps(item.card_id, r);
        if (r.session_broken || r.needs_attention) {
            batch.lease->MarkBroken();  // the next card of the batch starts from a new session
            batch.lease.reset();
        }
        if (r.needs_attention && !r.reached_form) {
            batch.sign_in_stopped = r.reason;
        }
        if (r.error) {
            obs::Log(obs::Level::kWarn, "uzum_cabinet_browser_error",
                     {{"card_id", item.card_id}, {"error", r.error->message}, {"detail", r.error->context}});
            return std::move(*r.error);
        }
        if (r.needs_attention) {
            out.state = PublishState::kNeedsAttention;
            out.reasons.push_back(r.reason);
            out.screenshot_asset = SaveScreenshot(item.card_id, r.screenshot_png);
            obs::Log(obs::Level::kWarn, "uzum_cabinet_needs_attention",
                     {{"card_id", item.card_id}, {"reason", r.reason}, {"screenshot", !out.screenshot_asset.empty()}});
            LogOutcome(out, card.sku, start);
            return out;
        }

        // 3. Confirm through the API list, so prices and stocks can go through the API from now on.
        out.created = true;
        out.marketplace_ref = r.product_id;
        out.state = PublishState::kSubmitted;
        int64_t deadline = clock_.MonotonicMs() + config_.confirm_timeout_ms;
        while (true) {
            auto found = api_.FindBySku(c.token, c.shop_id, card.sku);
            if (found.ok() && *found) {
                const auto& f = **found;
                Remember(c.shop_id, card.sku, f.product.product_id, f.sku);
                out.marketplace_ref = std::to_string(f.product.product_id);
                out.state = StateOf(f.product);
                if (out.marketplace_ref != r.product_id) {
                    obs::Log(obs::Level::kWarn, "uzum_product_id_mismatch",
                             {{"card_id", item.card_id}, {"cabinet_id", r.product_id},
                              {"api_id", out.marketplace_ref}});
                }
                break;
            }
            if (!found.ok() && !found.error().IsTransient()) {
                return std::move(found).error();
            }
            if (clock_.MonotonicMs() >= deadline) {
                // Created but not listed yet: Poll confirms it later.
                out.reasons.push_back("created in the cabinet; not yet in Uzum's product list");
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(config_.confirm_poll_ms));
        }
        LogOutcome(out, card.sku, start);
        return out;
    }

    // Where a card's time in the cabinet went, step by step (docs/performance.md reads these).
    static void LogSteps(const std::string& card_id, const uzum::CabinetResult& r) {
        std::string steps;
        for (const auto& [step, ms] : r.steps_ms) {
            steps += (steps.empty() ? "" : " ") + step + "=" + std::to_string(ms);
        }
        obs::Log(obs::Level::kInfo, "uzum_cabinet_steps",
                 {{"card_id", card_id}, {"elapsed_ms", r.elapsed_ms}, {"steps_ms", steps}});
    }

    void LogOutcome(const PublishOutcome& o, const std::string& sku, int64_t start) {
        obs::Log(obs::Level::kInfo, "uzum_publish",
                 {{"card_id", o.card_id},
                  {"sku", sku},
                  {"state", StateName(o.state)},
                  {"created", o.created},
                  {"product_id", o.marketplace_ref},
                  {"elapsed_ms", clock_.MonotonicMs() - start}});
    }

    core::Result<VerifyResult> VerifyCabinet(const vault::FieldMap& creds) {
        uzum::CabinetCredentials cab = CabinetCredsFrom(creds);
        if (cab.password.empty()) {
            return core::Error::Unprocessable("the cabinet_login credential has no password", "fields.password");
        }
        BY_ASSIGN(auto lease, sessions_.Acquire("verify/" + core::Sha256Hex(cab.login).substr(0, 16)));
        uzum::CabinetResult r = driver_.CheckLogin(lease.session(), cab);
        // A verification session is never reused for publishing.
        lease.MarkBroken();
        lease.Release();
        if (r.error) {
            return std::move(*r.error);
        }
        if (r.needs_attention) {
            return VerifyResult{false, r.reason};
        }
        return VerifyResult{true, "signed in to the seller cabinet"};
    }

    UzumConfig config_;
    UzumApi api_;
    browser::SessionPool& sessions_;
    const core::Clock& clock_;
    ScreenshotSink sink_;
    uzum::TotpSteps totp_steps_;
    uzum::CabinetDriver driver_;
    std::mutex mu_;
    std::map<std::string, Known> known_;  // "<shop>/<sku>" -> ids, guarded by mu_
};

}  // namespace

AdapterPtr MakeUzumAdapter(UzumConfig config, net::HttpClient& http, browser::SessionPool& sessions,
                           const core::Clock& clock, ScreenshotSink screenshot_sink, RateLimiter* limiter) {
    return std::make_unique<UzumAdapter>(std::move(config), http, sessions, clock, std::move(screenshot_sink),
                                         limiter);
}

}  // namespace by::marketplaces
