// The Wildberries adapter: see wildberries_adapter.hpp for the calls it makes and why.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "core/time.hpp"
#include "marketplaces/common/api_client.hpp"
#include "marketplaces/common/mapping.hpp"
#include "marketplaces/common/ttl_cache.hpp"
#include "marketplaces/common/url.hpp"
#include "marketplaces/wildberries/wb_payload.hpp"
#include "marketplaces/wildberries/wildberries_adapter.hpp"
#include "obs/log.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using wb::Card;

// Published limits (products.yaml, per seller account).
const RateSpec kContent{5, 600};       // 100/min, burst 5
const RateSpec kCardWrite{5, 6000};    // 10/min, burst 5 (upload, update, error/list: each its own)
const RateSpec kPrices{5, 600};        // 10 per 6 s, burst 5
const RateSpec kMarketplace{20, 200};  // 300/min, burst 20
const RateSpec kPing{3, 10000};        // 3 per 30 s

// WB's own task state, kept by the caller in PublishOutcome::task_ref.
struct WbTask {
    std::string vendor_code;
    std::vector<std::string> media;
    std::string video;
    bool media_saved = false;
    bool update = false;

    std::string Encode() const {
        return json{{"vendorCode", vendor_code}, {"media", media}, {"video", video}, {"media_saved", media_saved},
                    {"update", update}}
            .dump();
    }
    static WbTask Decode(const std::string& s) {
        WbTask t;
        json j = json::parse(s, nullptr, false);
        if (!j.is_object()) {
            return t;
        }
        t.vendor_code = JsonStr(j, "vendorCode");
        for (const auto& u : j.value("media", json::array())) {
            if (u.is_string()) {
                t.media.push_back(u.get<std::string>());
            }
        }
        t.video = JsonStr(j, "video");
        t.media_saved = j.value("media_saved", false);
        t.update = j.value("update", false);
        return t;
    }
};

// Cards of one token by vendorCode, refreshed incrementally (ascending updatedAt cursor).
struct CardIndex {
    std::mutex refresh_mu;  // one refresh at a time per token
    std::mutex mu;
    std::map<std::string, Card> by_vendor;  // guarded by mu
    json cursor = json::object();           // guarded by refresh_mu
};

// The last cards/error/list read of one token: vendorCode -> reasons. Polls of one seller's cards share it.
struct ErrorList {
    std::mutex mu;                // one read at a time per token; guards the fields below
    int64_t read_at_ms = -1;      // monotonic; -1 = never read
    std::map<std::string, std::vector<std::string>> errors;
};

class WildberriesAdapter final : public Adapter {
  public:
    WildberriesAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                       const core::Clock& clock, net::Sleeper& sleeper)
        : cfg_(cfg),
          clock_(clock),
          api_(core::Marketplace::kWildberries, cfg_, http, limiter, clock, sleeper, wb::ExtractMessage),
          charcs_(clock, cfg_.catalog_ttl_ms),
          dirs_(clock, cfg_.catalog_ttl_ms),
          subjects_(clock, cfg_.catalog_ttl_ms),
          warehouses_(clock, cfg_.lookup_ttl_ms) {}

    core::Marketplace marketplace() const override { return core::Marketplace::kWildberries; }
    size_t BatchLimit() const override { return wb::kBatchLimit; }

    core::Result<VerifyResult> Verify(const vault::FieldMap& creds) override {
        BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
        std::string cred = CredentialId(creds);
        auto req = Request("GET", cfg_.wildberries.content_url + "/ping", token);
        auto r = api_.Call(cred, req, {{"ping", kPing}});
        if (r.ok()) {
            return VerifyResult{true, ""};
        }
        const core::Error& e = r.error();
        if (e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kForbidden) {
            return VerifyResult{false, e.message};
        }
        return r.error();
    }

    core::Result<std::vector<PublishOutcome>> Publish(const std::vector<PublishItem>& items,
                                                      const vault::FieldMap& creds) override;
    core::Result<std::vector<PublishOutcome>> Poll(const std::vector<PublishOutcome>& submitted,
                                                   const vault::FieldMap& creds) override;
    core::Status UpdatePrice(const std::string& sku, const std::string& marketplace_ref, const core::Money& price,
                             const vault::FieldMap& creds) override;
    core::Status UpdateStock(const std::string& sku, const std::string& marketplace_ref, int64_t stock,
                             const vault::FieldMap& creds) override;
    core::Result<std::vector<OrderLine>> ListOrders(int64_t since_ms, const vault::FieldMap& creds) override;
    core::Result<json> BuildPayload(const PublishItem& item, const vault::FieldMap& creds) override;

  private:
    net::HttpRequest Request(const char* method, std::string url, std::string_view token) const {
        net::HttpRequest r = api_.NewRequest(method, std::move(url));
        r.headers.emplace_back("Authorization", std::string(token));
        return r;
    }

    core::Result<json> JsonCall(const std::string& cred, net::HttpRequest req, const json* body,
                                const std::vector<Limit>& limits) {
        if (body != nullptr) {
            req.body = body->dump();
            req.headers.emplace_back("Content-Type", "application/json");
        }
        BY_ASSIGN(net::HttpResponse r, api_.Call(cred, req, limits));
        if (r.body.empty()) {
            return json::object();
        }
        json j = json::parse(r.body, nullptr, false);
        if (j.is_discarded()) {
            return core::Error::Unavailable("wildberries: unreadable answer from " + req.method + " " + req.url);
        }
        return j;
    }

    std::shared_ptr<CardIndex> IndexFor(const std::string& cred) {
        std::lock_guard<std::mutex> lock(indexes_mu_);
        auto& p = indexes_[cred];
        if (!p) {
            p = std::make_shared<CardIndex>();
        }
        return p;
    }

    // The token's error list, read again only when the last read is older than error_list_reuse_ms.
    core::Result<std::map<std::string, std::vector<std::string>>> Errors(const std::string& cred,
                                                                         std::string_view token) {
        std::shared_ptr<ErrorList> list;
        {
            std::lock_guard<std::mutex> lock(indexes_mu_);
            auto& p = error_lists_[cred];
            if (!p) p = std::make_shared<ErrorList>();
            list = p;
        }
        std::lock_guard<std::mutex> lock(list->mu);
        int64_t now = clock_.MonotonicMs();
        if (list->read_at_ms >= 0 && now - list->read_at_ms < cfg_.wildberries.error_list_reuse_ms) {
            return list->errors;
        }
        std::map<std::string, std::vector<std::string>> errors;
        json cursor = json::object();
        for (int page = 0; page < std::max(1, cfg_.wildberries.error_list_pages); ++page) {
            json body = wb::BuildErrorListRequest(cursor, 100);
            BY_ASSIGN(json r, JsonCall(cred, Request("POST", cfg_.wildberries.content_url + "/content/v2/cards/error/list",
                                                     token),
                                       &body, {{"cards_errors", kCardWrite}}));
            for (auto& [vc, reasons] : wb::ParseErrorList(r)) {
                errors.emplace(vc, std::move(reasons));
            }
            const json& data = r.value("data", json::object());
            const json& c = data.value("cursor", json::object());
            if (!c.value("next", false)) {
                break;
            }
            cursor = c;
        }
        list->errors = errors;
        list->read_at_ms = now;
        return errors;
    }

    // Pages get/cards/list from the last cursor until a short page.
    core::Status RefreshIndex(const std::string& cred, std::string_view token, CardIndex& index) {
        std::lock_guard<std::mutex> lock(index.refresh_mu);
        for (int page = 0; page < 1000; ++page) {
            json body = wb::BuildCardsListRequest(index.cursor, 100);
            BY_ASSIGN(json r, JsonCall(cred, Request("POST", cfg_.wildberries.content_url + "/content/v2/get/cards/list",
                                                     token),
                                       &body, {{"content", kContent}}));
            auto cards = wb::ParseCards(r);
            {
                std::lock_guard<std::mutex> l(index.mu);
                for (auto& c : cards) {
                    index.by_vendor[c.vendor_code] = c;
                }
            }
            if (!cards.empty() && r.contains("cursor") && r["cursor"].is_object()) {
                const json& c = r["cursor"];
                if (c.contains("updatedAt") && c.contains("nmID")) {
                    index.cursor = {{"updatedAt", c["updatedAt"]}, {"nmID", c["nmID"]}};
                }
            }
            if (cards.size() < 100) {
                break;
            }
        }
        return core::Ok();
    }

    // One card by its vendor code (filter.textSearch), for a card the incremental index has not seen: a
    // card that WB makes visible after its processing can carry an updatedAt behind the index's cursor.
    core::Result<std::optional<Card>> LookUpCard(const std::string& cred, std::string_view token, CardIndex& index,
                                                 const std::string& vendor_code) {
        json body = wb::BuildCardsListRequest(json::object(), 100, vendor_code);
        BY_ASSIGN(json r, JsonCall(cred, Request("POST", cfg_.wildberries.content_url + "/content/v2/get/cards/list", token),
                                   &body, {{"content", kContent}}));
        std::optional<Card> found;
        std::lock_guard<std::mutex> l(index.mu);
        for (auto& c : wb::ParseCards(r)) {
            if (c.vendor_code == vendor_code) found = c;
            index.by_vendor[c.vendor_code] = std::move(c);
        }
        return found;
    }

    std::optional<Card> FindCard(CardIndex& index, const std::string& vendor_code, int64_t nm_id) {
        std::lock_guard<std::mutex> l(index.mu);
        if (!vendor_code.empty()) {
            auto it = index.by_vendor.find(vendor_code);
            if (it != index.by_vendor.end()) {
                return it->second;
            }
        }
        if (nm_id != 0) {
            for (const auto& [vc, c] : index.by_vendor) {
                if (c.nm_id == nm_id) {
                    return c;
                }
            }
        }
        return std::nullopt;
    }

    core::Result<int64_t> ResolveSubject(const std::string& cred, std::string_view token, const PublishItem& item) {
        std::optional<nlohmann::json> mapped;
        if (cfg_.category_map) {
            mapped = cfg_.category_map(core::Marketplace::kWildberries, item.product.category);
        }
        CategoryRef ref = ReadCategory(item, mapped);
        if (ref.id) {
            return *ref.id;
        }
        if (ref.name.empty()) {
            return core::Error::Unprocessable("wildberries: no subject (category) for " + item.product.category,
                                              "category");
        }
        std::string key = NormalizeKey(ref.name);
        if (auto id = subjects_.Get(key)) {
            return *id;
        }
        std::string url = cfg_.wildberries.content_url + "/content/v2/object/all?name=" + UrlEncode(ref.name) +
                          "&limit=1000&locale=ru";
        BY_ASSIGN(json r, JsonCall(cred, Request("GET", url, token), nullptr, {{"content", kContent}}));
        std::vector<int64_t> hits;
        for (const auto& s : r.value("data", json::array())) {
            if (NormalizeKey(JsonStr(s, "subjectName")) == key) {
                subjects_.Put(key, JsonInt(s, "subjectID"));
                return JsonInt(s, "subjectID");
            }
            hits.push_back(JsonInt(s, "subjectID"));
        }
        if (hits.size() == 1) {
            subjects_.Put(key, hits[0]);
            return hits[0];
        }
        return core::Error::Unprocessable("wildberries: no subject named «" + ref.name + "»", "category");
    }

    core::Result<std::vector<wb::Charc>> Charcs(const std::string& cred, std::string_view token, int64_t subject) {
        std::string key = std::to_string(subject);
        if (auto c = charcs_.Get(key)) {
            return *c;
        }
        BY_ASSIGN(json r, JsonCall(cred,
                                   Request("GET", cfg_.wildberries.content_url + "/content/v2/object/charcs/" + key +
                                                      "?locale=ru",
                                           token),
                                   nullptr, {{"content", kContent}}));
        auto charcs = wb::ParseCharcs(r);
        charcs_.Put(key, charcs);
        return charcs;
    }

    core::Result<wb::Directories> Dirs(const std::string& cred, std::string_view token,
                                       const std::vector<wb::Charc>& charcs) {
        wb::Directories out;
        for (const auto& c : charcs) {
            std::string dir = wb::DirectoryFor(c);
            if (dir.empty() || out.count(dir)) {
                continue;
            }
            if (auto v = dirs_.Get(dir)) {
                out[dir] = *v;
                continue;
            }
            BY_ASSIGN(json r, JsonCall(cred,
                                       Request("GET", cfg_.wildberries.content_url + "/content/v2/directory/" + dir +
                                                          "?locale=ru",
                                               token),
                                       nullptr, {{"content", kContent}}));
            std::vector<std::string> values;
            for (const auto& d : r.value("data", json::array())) {
                if (d.is_string()) {
                    values.push_back(d.get<std::string>());
                } else if (d.is_object()) {
                    std::string name = JsonStr(d, "name");
                    if (!name.empty()) {
                        values.push_back(name);
                    }
                }
            }
            dirs_.Put(dir, values);
            out[dir] = values;
        }
        return out;
    }

    core::Result<int64_t> Warehouse(const std::string& cred, std::string_view token) {
        if (cfg_.wildberries.warehouse_id != 0) {
            return cfg_.wildberries.warehouse_id;
        }
        if (auto id = warehouses_.Get(cred)) {
            return *id;
        }
        BY_ASSIGN(json r, JsonCall(cred, Request("GET", cfg_.wildberries.marketplace_url + "/api/v3/warehouses", token),
                                   nullptr, {{"marketplace", kMarketplace}}));
        if (r.is_array()) {
            for (const auto& w : r) {
                if (!w.value("isDeleting", false) && JsonInt(w, "id") != 0) {
                    warehouses_.Put(cred, JsonInt(w, "id"));
                    return JsonInt(w, "id");
                }
            }
        }
        return core::Error::Unprocessable("wildberries: the seller has no warehouse for stocks (create one in the "
                                          "seller cabinet)");
    }

    bool RecentlyUploaded(const std::string& cred, const std::string& vc) {
        std::lock_guard<std::mutex> lock(recent_mu_);
        auto it = recent_.find(cred + "\n" + vc);
        return it != recent_.end() && clock_.MonotonicMs() - it->second < cfg_.wildberries.resubmit_guard_ms;
    }
    void MarkUploaded(const std::string& cred, const std::string& vc) {
        std::lock_guard<std::mutex> lock(recent_mu_);
        recent_[cred + "\n" + vc] = clock_.MonotonicMs();
    }

    std::string StorefrontUrl(int64_t nm) const {
        return FillPattern(cfg_.wildberries.storefront_url, "nmID", std::to_string(nm));
    }

    AdapterConfig cfg_;
    const core::Clock& clock_;
    ApiClient api_;
    TtlCache<std::vector<wb::Charc>> charcs_;
    TtlCache<std::vector<std::string>> dirs_;
    TtlCache<int64_t> subjects_;
    TtlCache<int64_t> warehouses_;
    std::mutex indexes_mu_;
    std::map<std::string, std::shared_ptr<CardIndex>> indexes_;  // guarded by indexes_mu_
    std::map<std::string, std::shared_ptr<ErrorList>> error_lists_;  // guarded by indexes_mu_
    std::mutex recent_mu_;
    std::map<std::string, int64_t> recent_;  // cred\nvendorCode -> monotonic upload time; guarded by recent_mu_
};

bool IsCredentialError(const core::Error& e) {
    return e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kForbidden ||
           e.IsTransient();
}

core::Result<std::vector<PublishOutcome>> WildberriesAdapter::Publish(const std::vector<PublishItem>& items,
                                                                      const vault::FieldMap& creds) {
    if (items.size() > wb::kBatchLimit) {
        return core::Error::Invalid("wildberries: at most 100 items per Publish");
    }
    BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
    std::string cred = CredentialId(creds);
    std::vector<PublishOutcome> out(items.size());
    auto index = IndexFor(cred);
    BY_TRY(RefreshIndex(cred, token, *index));

    struct Pending {
        size_t i;
        json variant;
        int64_t subject;
        std::optional<Card> existing;
    };
    std::vector<Pending> uploads, updates;
    for (size_t i = 0; i < items.size(); ++i) {
        const PublishItem& item = items[i];
        PublishOutcome& o = out[i];
        o.card_id = item.card_id;
        auto reject = [&](const core::Error& e) {
            o.state = PublishState::kRejected;
            o.reasons = {e.message};
        };
        if (auto s = CheckPrice(item.product.price, cfg_.wildberries.currency, core::Marketplace::kWildberries);
            !s.ok()) {
            reject(s.error());
            continue;
        }
        auto subject = ResolveSubject(cred, token, item);
        if (!subject.ok()) {
            if (IsCredentialError(subject.error())) {
                return std::move(subject).error();
            }
            reject(subject.error());
            continue;
        }
        BY_ASSIGN(auto charcs, Charcs(cred, token, *subject));
        BY_ASSIGN(auto dirs, Dirs(cred, token, charcs));
        auto variant = wb::BuildVariant(item, charcs, dirs, MoneyWholeUnits(item.product.price));
        if (!variant.ok()) {
            reject(variant.error());
            continue;
        }
        WbTask task;
        task.vendor_code = item.product.sku;
        task.media.assign(item.image_urls.begin(), item.image_urls.end());
        task.video = item.video_url;
        auto existing = FindCard(*index, item.product.sku, 0);
        if (existing) {
            task.update = true;
            o.marketplace_ref = std::to_string(existing->nm_id);
            o.public_url = StorefrontUrl(existing->nm_id);
            o.created = false;
            updates.push_back({i, std::move(*variant), *subject, existing});
        } else if (RecentlyUploaded(cred, item.product.sku)) {
            o.state = PublishState::kSubmitted;  // uploaded moments ago and still being created: never twice
            o.created = true;
        } else {
            o.created = true;
            uploads.push_back({i, std::move(*variant), *subject, std::nullopt});
        }
        o.task_ref = task.Encode();
    }

    auto reject_all = [&](const std::vector<Pending>& list, const std::string& reason) {
        for (const auto& p : list) {
            out[p.i].state = PublishState::kRejected;
            out[p.i].reasons = {reason};
        }
    };
    if (!uploads.empty()) {
        std::vector<std::pair<int64_t, json>> body_items;
        for (const auto& p : uploads) {
            body_items.emplace_back(p.subject, p.variant);
        }
        json body = wb::BuildUploadBody(body_items);
        auto req = Request("POST", cfg_.wildberries.content_url + "/content/v2/cards/upload", token);
        req.body = body.dump();
        req.headers.emplace_back("Content-Type", "application/json");
        BY_ASSIGN(net::HttpResponse r, api_.CallAllow4xx(cred, req, {{"cards_upload", kCardWrite}}));
        if (r.status == 401 || r.status == 403) {
            return ClassifyFailure(core::Marketplace::kWildberries, r, wb::ExtractMessage(r), req.headers);
        }
        if (r.status >= 400) {
            reject_all(uploads, "wildberries: HTTP " + std::to_string(r.status) + ": " + wb::ExtractMessage(r));
        } else {
            for (const auto& p : uploads) {
                out[p.i].state = PublishState::kSubmitted;
                MarkUploaded(cred, items[p.i].product.sku);
            }
        }
    }
    if (!updates.empty()) {
        json body = json::array();
        for (const auto& p : updates) {
            body.push_back(wb::BuildUpdateCard(p.variant, *p.existing));
        }
        auto req = Request("POST", cfg_.wildberries.content_url + "/content/v2/cards/update", token);
        req.body = body.dump();
        req.headers.emplace_back("Content-Type", "application/json");
        BY_ASSIGN(net::HttpResponse r, api_.CallAllow4xx(cred, req, {{"cards_update", kCardWrite}}));
        if (r.status == 401 || r.status == 403) {
            return ClassifyFailure(core::Marketplace::kWildberries, r, wb::ExtractMessage(r), req.headers);
        }
        if (r.status >= 400) {
            reject_all(updates, "wildberries: HTTP " + std::to_string(r.status) + ": " + wb::ExtractMessage(r));
        } else {
            std::vector<std::pair<int64_t, int64_t>> prices;
            for (const auto& p : updates) {
                PublishOutcome& o = out[p.i];
                o.state = PublishState::kModeration;
                const PublishItem& item = items[p.i];
                if (!item.image_urls.empty() || !item.video_url.empty()) {
                    json media = wb::BuildMediaSave(p.existing->nm_id, item.image_urls, item.video_url);
                    auto mr = JsonCall(cred, Request("POST", cfg_.wildberries.content_url + "/content/v3/media/save",
                                                     token),
                                       &media, {{"content", kContent}});
                    if (!mr.ok() && IsCredentialError(mr.error())) {
                        return std::move(mr).error();
                    }
                    WbTask t = WbTask::Decode(o.task_ref);
                    t.media_saved = mr.ok();
                    o.task_ref = t.Encode();
                }
                prices.emplace_back(p.existing->nm_id, MoneyWholeUnits(item.product.price));
            }
            json task = wb::BuildPriceTask(prices);
            auto pr = JsonCall(cred, Request("POST", cfg_.wildberries.prices_url + "/api/v2/upload/task", token), &task,
                               {{"prices", kPrices}});
            if (!pr.ok()) {
                // The card update went through; the price is retried by UpdatePrice after publishing.
                obs::Log(obs::Level::kWarn, "wb_price_after_update_failed", {{"error", pr.error().message}});
            }
        }
    }
    return out;
}

core::Result<json> WildberriesAdapter::BuildPayload(const PublishItem& item, const vault::FieldMap& creds) {
    BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
    std::string cred = CredentialId(creds);
    BY_TRY(CheckPrice(item.product.price, cfg_.wildberries.currency, core::Marketplace::kWildberries));
    BY_ASSIGN(int64_t subject, ResolveSubject(cred, token, item));
    BY_ASSIGN(auto charcs, Charcs(cred, token, subject));
    BY_ASSIGN(auto dirs, Dirs(cred, token, charcs));
    BY_ASSIGN(json variant, wb::BuildVariant(item, charcs, dirs, MoneyWholeUnits(item.product.price)));
    json media = wb::BuildMediaSave(0, item.image_urls, item.video_url);
    media["nmId"] = nullptr;  // WB numbers the card when it creates it; Poll saves the media then
    json upload = {{"method", "POST"}, {"path", "/content/v2/cards/upload"},
                   {"body", wb::BuildUploadBody({{subject, std::move(variant)}})}};
    json save = {{"method", "POST"}, {"path", "/content/v3/media/save"}, {"body", std::move(media)}};
    return json{{"requests", json::array({std::move(upload), std::move(save)})}};
}

core::Result<std::vector<PublishOutcome>> WildberriesAdapter::Poll(const std::vector<PublishOutcome>& submitted,
                                                                   const vault::FieldMap& creds) {
    BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
    std::string cred = CredentialId(creds);
    std::vector<PublishOutcome> out = submitted;
    bool open = std::any_of(out.begin(), out.end(), [](const PublishOutcome& o) {
        return o.state != PublishState::kLive && o.state != PublishState::kRejected;
    });
    if (!open) {
        return out;
    }
    auto index = IndexFor(cred);
    BY_TRY(RefreshIndex(cred, token, *index));
    BY_ASSIGN(auto errors, Errors(cred, token));
    for (PublishOutcome& o : out) {
        if (o.state == PublishState::kLive || o.state == PublishState::kRejected) {
            continue;
        }
        WbTask task = WbTask::Decode(o.task_ref);
        int64_t nm = o.marketplace_ref.empty() ? 0 : std::atoll(o.marketplace_ref.c_str());
        auto card = FindCard(*index, task.vendor_code, nm);
        if (!card && !task.vendor_code.empty()) {
            BY_ASSIGN(card, LookUpCard(cred, token, *index, task.vendor_code));
        }
        auto err = errors.find(task.vendor_code);
        if (err != errors.end() && !err->second.empty()) {
            o.state = PublishState::kRejected;
            o.reasons = err->second;
            if (card) {
                o.marketplace_ref = std::to_string(card->nm_id);
            }
            continue;
        }
        if (!card) {
            o.state = PublishState::kSubmitted;  // still being created
            continue;
        }
        o.marketplace_ref = std::to_string(card->nm_id);
        o.public_url = StorefrontUrl(card->nm_id);
        bool wants_media = !task.media.empty() || !task.video.empty();
        if (wants_media && !task.media_saved) {
            json media = wb::BuildMediaSave(card->nm_id, task.media, task.video);
            auto mr = JsonCall(cred, Request("POST", cfg_.wildberries.content_url + "/content/v3/media/save", token),
                               &media, {{"content", kContent}});
            if (!mr.ok()) {
                if (IsCredentialError(mr.error())) {
                    return std::move(mr).error();
                }
                o.state = PublishState::kRejected;
                o.reasons = {mr.error().message};
                continue;
            }
            task.media_saved = true;
            o.task_ref = task.Encode();
            o.state = PublishState::kModeration;
            continue;
        }
        o.state = (task.media.empty() || card->photos > 0) ? PublishState::kLive : PublishState::kModeration;
    }
    return out;
}

core::Status WildberriesAdapter::UpdatePrice(const std::string& sku, const std::string& marketplace_ref,
                                             const core::Money& price, const vault::FieldMap& creds) {
    BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
    BY_TRY(CheckPrice(price, cfg_.wildberries.currency, core::Marketplace::kWildberries));
    std::string cred = CredentialId(creds);
    int64_t nm = marketplace_ref.empty() ? 0 : std::atoll(marketplace_ref.c_str());
    if (nm == 0) {
        auto index = IndexFor(cred);
        BY_TRY(RefreshIndex(cred, token, *index));
        auto card = FindCard(*index, sku, 0);
        if (!card) {
            return core::Error::NotFound("wildberries: no card with vendorCode " + sku);
        }
        nm = card->nm_id;
    }
    json task = wb::BuildPriceTask({{nm, MoneyWholeUnits(price)}});
    auto r = JsonCall(cred, Request("POST", cfg_.wildberries.prices_url + "/api/v2/upload/task", token), &task,
                      {{"prices", kPrices}});
    // WB answers 400 "…the specified prices and discounts are already set" to a price it already has:
    // for us that is the goal reached, not a failure.
    if (!r.ok() && r.error().message.find("already set") != std::string::npos) {
        return core::Ok();
    }
    if (!r.ok()) return std::move(r).error();
    return core::Ok();
}

core::Status WildberriesAdapter::UpdateStock(const std::string& sku, const std::string& marketplace_ref, int64_t stock,
                                             const vault::FieldMap& creds) {
    BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
    if (stock < 0 || stock > wb::kStockMax) {
        return core::Error::Unprocessable("wildberries: stock must be 0..100000", "stock");
    }
    std::string cred = CredentialId(creds);
    int64_t nm = marketplace_ref.empty() ? 0 : std::atoll(marketplace_ref.c_str());
    auto index = IndexFor(cred);
    auto card = FindCard(*index, sku, nm);
    if (!card) {
        BY_TRY(RefreshIndex(cred, token, *index));
        card = FindCard(*index, sku, nm);
    }
    if (!card || card->sizes.empty() || JsonInt(card->sizes[0], "chrtID") == 0) {
        return core::Error::NotFound("wildberries: no card size (chrtID) for vendorCode " + sku);
    }
    BY_ASSIGN(int64_t wh, Warehouse(cred, token));
    std::vector<std::pair<int64_t, int64_t>> stocks;
    for (const auto& s : card->sizes) {
        if (JsonInt(s, "chrtID") != 0) {
            stocks.emplace_back(JsonInt(s, "chrtID"), stocks.empty() ? stock : 0);
        }
    }
    json body = wb::BuildStocks(stocks);
    BY_TRY(JsonCall(cred,
                    Request("PUT", cfg_.wildberries.marketplace_url + "/api/v3/stocks/" + std::to_string(wh), token),
                    &body, {{"marketplace", kMarketplace}}));
    return core::Ok();
}

core::Result<std::vector<OrderLine>> WildberriesAdapter::ListOrders(int64_t since_ms, const vault::FieldMap& creds) {
    BY_ASSIGN(std::string_view token, CredentialField(creds, "token"));
    std::string cred = CredentialId(creds);
    std::vector<OrderLine> lines;
    int64_t next = 0;
    for (int page = 0; page < 100; ++page) {
        std::string url = cfg_.wildberries.marketplace_url + "/api/v3/orders?limit=1000&next=" + std::to_string(next) +
                          "&dateFrom=" + std::to_string(since_ms / 1000);
        BY_ASSIGN(json r, JsonCall(cred, Request("GET", url, token), nullptr, {{"marketplace", kMarketplace}}));
        const json& orders = r.value("orders", json::array());
        for (const auto& o : orders) {
            OrderLine l;
            l.order_id = std::to_string(JsonInt(o, "id"));
            l.sku = JsonStr(o, "article");
            l.quantity = 1;  // one assembly task is one item
            l.created_at_ms = core::ParseRfc3339(JsonStr(o, "createdAt")).value_or(0);
            l.status = "new";
            if (l.created_at_ms == 0 || l.created_at_ms >= since_ms) {
                lines.push_back(std::move(l));
            }
        }
        int64_t n = JsonInt(r, "next");
        if (orders.size() < 1000 || n == 0 || n == next) {
            break;
        }
        next = n;
    }
    // Statuses: best effort (an answer without them still lists the orders).
    for (size_t start = 0; start < lines.size(); start += 1000) {
        json ids = json::array();
        for (size_t i = start; i < std::min(lines.size(), start + 1000); ++i) {
            ids.push_back(std::atoll(lines[i].order_id.c_str()));
        }
        json body = {{"orders", ids}};
        auto st = JsonCall(cred, Request("POST", cfg_.wildberries.marketplace_url + "/api/v3/orders/status", token),
                           &body, {{"marketplace", kMarketplace}});
        if (!st.ok()) {
            if (st.error().code == core::ErrorCode::kUnauthenticated || st.error().code == core::ErrorCode::kRateLimited) {
                return std::move(st).error();
            }
            obs::Log(obs::Level::kWarn, "wb_order_status_unavailable", {{"error", st.error().message}});
            break;
        }
        std::map<std::string, std::string> status;
        for (const auto& s : st->value("orders", json::array())) {
            std::string v = JsonStr(s, "wbStatus");
            status[std::to_string(JsonInt(s, "id"))] = v.empty() ? JsonStr(s, "supplierStatus") : v;
        }
        for (auto& l : lines) {
            if (auto it = status.find(l.order_id); it != status.end() && !it->second.empty()) {
                l.status = it->second;
            }
        }
    }
    return lines;
}

}  // namespace

AdapterPtr MakeWildberriesAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                                  const core::Clock& clock, net::Sleeper& sleeper) {
    return std::make_unique<WildberriesAdapter>(cfg, http, limiter, clock, sleeper);
}

}  // namespace by::marketplaces
