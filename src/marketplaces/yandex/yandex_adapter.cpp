// The Yandex Market adapter: see yandex_adapter.hpp for the calls it makes.
#include "marketplaces/yandex/yandex_adapter.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>

#include "core/secret.hpp"
#include "core/time.hpp"
#include "marketplaces/common/api_client.hpp"
#include "marketplaces/common/mapping.hpp"
#include "marketplaces/common/ttl_cache.hpp"
#include "marketplaces/yandex/yandex_payload.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using yandex::Parameter;

// x-resource-limit-config is a sliding window.
RateSpec Window(int64_t amount, int64_t period_ms) { return SlidingWindow(double(amount), double(period_ms)); }
constexpr int64_t kMinute = 60000;
constexpr int64_t kHour = 3600000;

struct Limits {
    RateSpec update_items, mappings, cards, campaign, tree, parameters, price_items, stock_items, orders;
};
Limits LimitsFor(const std::string& tier) {
    bool medium = tier == "medium";
    return Limits{Window(medium ? 10000 : 5000, kMinute), Window(medium ? 600 : 100, kMinute),
                  Window(medium ? 600 : 100, kMinute),     Window(5000, kHour),
                  Window(medium ? 100 : 50, kHour),        Window(100, kMinute),
                  Window(10000, kMinute),                  Window(100000, kMinute),
                  Window(10000, kHour)};
}

bool Fatal(const core::Error& e) {
    return e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kForbidden || e.IsTransient();
}

class YandexAdapter final : public Adapter {
  public:
    YandexAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter, const core::Clock& clock,
                  net::Sleeper& sleeper)
        : cfg_(cfg),
          clock_(clock),
          limits_(LimitsFor(cfg_.yandex.tier)),
          api_(core::Marketplace::kYandex, cfg_, http, limiter, clock, sleeper, yandex::ExtractMessage),
          params_(clock, cfg_.catalog_ttl_ms),
          categories_(clock, cfg_.catalog_ttl_ms) {}

    core::Marketplace marketplace() const override { return core::Marketplace::kYandex; }
    size_t BatchLimit() const override { return yandex::kBatchLimit; }

    core::Result<VerifyResult> Verify(const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        auto r = Do(auth, "GET", "/v2/campaigns/" + auth.campaign, nullptr, {{"campaign", limits_.campaign}});
        if (!r.ok()) {
            const auto& e = r.error();
            if (e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kForbidden ||
                e.code == core::ErrorCode::kNotFound) {
                return VerifyResult{false, e.message};
            }
            return r.error();
        }
        const json& campaign = r->value("campaign", json::object());
        int64_t business = JsonInt(campaign.value("business", json::object()), "id");
        if (business != 0 && std::to_string(business) != auth.business) {
            return VerifyResult{false, "yandex: campaign " + auth.campaign + " belongs to business " +
                                           std::to_string(business) + ", not " + auth.business};
        }
        return VerifyResult{true, ""};
    }

    core::Result<std::vector<PublishOutcome>> Publish(const std::vector<PublishItem>& items,
                                                      const vault::FieldMap& creds) override;
    core::Result<std::vector<PublishOutcome>> Poll(const std::vector<PublishOutcome>& submitted,
                                                   const vault::FieldMap& creds) override;
    core::Result<json> BuildPayload(const PublishItem& item, const vault::FieldMap& creds) override;

    core::Status UpdatePrice(const std::string& sku, const std::string& marketplace_ref, const core::Money& price,
                             const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        BY_TRY(CheckPrice(price, cfg_.yandex.currency, core::Marketplace::kYandex));
        json body = yandex::BuildPricesBody(sku, price, cfg_.yandex.currency);
        BY_TRY(Do(auth, "POST", "/v2/businesses/" + auth.business + "/offer-prices/updates", &body,
                  {{"price_items", limits_.price_items, 1}}));
        return core::Ok();
    }

    core::Status UpdateStock(const std::string& sku, const std::string& marketplace_ref, int64_t stock,
                             const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        if (stock < 0) {
            return core::Error::Unprocessable("yandex: stock must not be negative", "stock");
        }
        json body = yandex::BuildStocksBody(sku, stock, clock_.NowMs());
        BY_TRY(Do(auth, "PUT", "/v2/campaigns/" + auth.campaign + "/offers/stocks", &body,
                  {{"stock_items", limits_.stock_items, 1}}));
        return core::Ok();
    }

    core::Result<std::vector<OrderLine>> ListOrders(int64_t since_ms, const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        std::vector<OrderLine> lines;
        json body = yandex::BuildOrdersRequest(std::atoll(auth.campaign.c_str()), since_ms);
        std::string token;
        for (int page = 0; page < 200; ++page) {
            std::string path = "/v1/businesses/" + auth.business + "/orders?limit=50";
            if (!token.empty()) {
                path += "&pageToken=" + token;
            }
            BY_ASSIGN(json r, Do(auth, "POST", path, &body, {{"orders", limits_.orders}}));
            for (const auto& o : r.value("orders", json::array())) {
                int64_t created = core::ParseRfc3339(JsonStr(o, "creationDate")).value_or(0);
                if (created != 0 && created < since_ms) {
                    continue;
                }
                for (const auto& it : o.value("items", json::array())) {
                    OrderLine l;
                    l.order_id = std::to_string(JsonInt(o, "orderId"));
                    l.sku = JsonStr(it, "offerId");
                    l.quantity = JsonInt(it, "count", 1);
                    l.created_at_ms = created;
                    l.status = JsonStr(o, "status");
                    lines.push_back(std::move(l));
                }
            }
            token = JsonStr(r.value("paging", json::object()), "nextPageToken");
            if (token.empty()) {
                break;
            }
        }
        return lines;
    }

  private:
    struct Auth {
        std::string cred;
        std::string api_key;
        std::string business;
        std::string campaign;
        ~Auth() { core::WipeString(api_key); }
    };

    static core::Result<Auth> AuthOf(const vault::FieldMap& creds) {
        BY_ASSIGN(std::string_view key, CredentialField(creds, "api_key"));
        BY_ASSIGN(std::string_view business, CredentialField(creds, "business_id"));
        BY_ASSIGN(std::string_view campaign, CredentialField(creds, "campaign_id"));
        auto digits = [](std::string_view s) {
            return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        if (!digits(business) || !digits(campaign)) {
            return core::Error::Invalid("yandex: business_id and campaign_id must be numbers");
        }
        Auth a;
        a.cred = CredentialId(creds);
        a.api_key = std::string(key);
        a.business = std::string(business);
        a.campaign = std::string(campaign);
        return a;
    }

    net::HttpRequest Request(const Auth& auth, const char* method, const std::string& path, const json* body) const {
        net::HttpRequest r = api_.NewRequest(method, cfg_.yandex.base_url + path);
        r.headers.emplace_back("Api-Key", auth.api_key);
        if (body != nullptr) {
            r.headers.emplace_back("Content-Type", "application/json");
            r.body = body->dump();
        }
        return r;
    }

    static core::Result<json> Parse(const net::HttpResponse& r, const std::string& path) {
        if (r.body.empty()) {
            return json::object();
        }
        json j = json::parse(r.body, nullptr, false);
        if (j.is_discarded()) {
            return core::Error::Unavailable("yandex: unreadable answer from " + path);
        }
        return j;
    }

    core::Result<json> Do(const Auth& auth, const char* method, const std::string& path, const json* body,
                          const std::vector<Limit>& limits) {
        BY_ASSIGN(net::HttpResponse r, api_.Call(auth.cred, Request(auth, method, path, body), limits));
        return Parse(r, path);
    }

    core::Result<int64_t> ResolveCategory(const Auth& auth, const PublishItem& item) {
        std::optional<json> mapped;
        if (cfg_.category_map) {
            mapped = cfg_.category_map(core::Marketplace::kYandex, item.product.category);
        }
        CategoryRef ref = ReadCategory(item, mapped);
        if (ref.id) {
            return *ref.id;
        }
        std::string key = NormalizeKey(ref.name);
        if (key.empty()) {
            return core::Error::Unprocessable("yandex: no market category for " + item.product.category, "category");
        }
        if (auto id = categories_.Get(key)) {
            return *id;
        }
        // The tree is the same for every seller and its limit is 50 calls an hour, so one fetch fills every
        // leaf into the cache, and only one thread of this process fetches at a time.
        std::lock_guard<std::mutex> fetching(tree_mu_);
        if (auto id = categories_.Get(key)) {
            return *id;
        }
        json body = {{"language", "RU"}};
        BY_ASSIGN(json r, Do(auth, "POST", "/v2/categories/tree", &body, {{"tree", limits_.tree}}));
        std::function<void(const json&)> walk = [&](const json& node) {
            if (!node.is_object()) {
                return;
            }
            const json& children = node.value("children", json::array());
            if (children.empty()) {
                std::string leaf = NormalizeKey(JsonStr(node, "name"));
                if (!leaf.empty() && !categories_.Get(leaf)) {  // the first leaf of a name wins, as before
                    categories_.Put(leaf, JsonInt(node, "id"));
                }
                return;
            }
            for (const auto& c : children) {
                walk(c);
            }
        };
        walk(r.value("result", json::object()));
        auto found = categories_.Get(key);
        if (!found) {
            return core::Error::Unprocessable("yandex: no leaf category named «" + ref.name + "»", "category");
        }
        return *found;
    }

    core::Result<std::vector<Parameter>> Parameters(const Auth& auth, int64_t category) {
        std::string key = std::to_string(category);
        if (auto p = params_.Get(key)) {
            return *p;
        }
        BY_ASSIGN(json r, Do(auth, "POST", "/v2/category/" + key + "/parameters", nullptr,
                             {{"parameters", limits_.parameters}}));
        auto params = yandex::ParseParameters(r);
        params_.Put(key, params);
        return params;
    }

    // offerId -> state, for up to 100 offers per request.
    core::Result<std::vector<yandex::MappingState>> Mappings(const Auth& auth, const std::vector<std::string>& ids) {
        std::vector<yandex::MappingState> out;
        for (size_t start = 0; start < ids.size(); start += 100) {
            std::vector<std::string> chunk(ids.begin() + start, ids.begin() + std::min(ids.size(), start + 100));
            json body = yandex::BuildMappingsRequest(chunk);
            BY_ASSIGN(json r, Do(auth, "POST", "/v2/businesses/" + auth.business + "/offer-mappings?limit=100", &body,
                                 {{"mappings", limits_.mappings}}));
            auto states = yandex::ParseMappings(r, std::atoll(auth.campaign.c_str()));
            out.insert(out.end(), states.begin(), states.end());
        }
        return out;
    }

    // Sends offer-mappings/update; answers offerId -> errors for the offers Yandex refused.
    core::Result<std::map<std::string, std::vector<std::string>>> Update(const Auth& auth,
                                                                         const std::vector<json>& mappings,
                                                                         const char* language) {
        json body = yandex::BuildUpdateMappingsBody(mappings);
        std::string path = "/v2/businesses/" + auth.business + "/offer-mappings/update";
        if (language != nullptr) {
            path += std::string("?language=") + language;
        }
        net::HttpRequest req = Request(auth, "POST", path, &body);
        BY_ASSIGN(net::HttpResponse r,
                  api_.CallAllow4xx(auth.cred, req,
                                    {{"update_items", limits_.update_items, static_cast<double>(mappings.size())}}));
        if (r.status == 401 || r.status == 403) {
            return ClassifyFailure(core::Marketplace::kYandex, r, yandex::ExtractMessage(r), req.headers);
        }
        BY_ASSIGN(json j, Parse(r, path));
        auto errors = yandex::ParseUpdateErrors(j);
        if (r.status >= 400 && errors.empty()) {
            // A refusal of the whole request: every offer gets the marketplace's words.
            std::string reason = "yandex: HTTP " + std::to_string(r.status) + ": " + yandex::ExtractMessage(r);
            for (const auto& m : mappings) {
                errors[m["offer"].value("offerId", "")].push_back(reason);
            }
        }
        return errors;
    }

    std::string StorefrontUrl(const yandex::MappingState& s) const {
        if (!s.showcase_url.empty()) {
            return s.showcase_url;
        }
        return s.market_sku == 0 ? std::string()
                                 : FillPattern(cfg_.yandex.storefront_url, "marketSku", std::to_string(s.market_sku));
    }

    AdapterConfig cfg_;
    const core::Clock& clock_;
    Limits limits_;
    ApiClient api_;
    TtlCache<std::vector<Parameter>> params_;
    TtlCache<int64_t> categories_;  // leaf name → id, filled from one tree fetch
    std::mutex tree_mu_;             // one tree fetch at a time
};

core::Result<json> YandexAdapter::BuildPayload(const PublishItem& item, const vault::FieldMap& creds) {
    BY_ASSIGN(Auth auth, AuthOf(creds));
    BY_ASSIGN(int64_t category, ResolveCategory(auth, item));
    BY_ASSIGN(auto params, Parameters(auth, category));
    BY_ASSIGN(json mapping, yandex::BuildOfferMapping(item, category, params, cfg_.yandex));
    std::string path = "/v2/businesses/" + auth.business + "/offer-mappings/update";
    json requests = json::array();
    requests.push_back({{"method", "POST"}, {"path", path},
                        {"body", yandex::BuildUpdateMappingsBody({std::move(mapping)})}});
    if (cfg_.yandex.uzbek_catalog) {
        if (auto uz = yandex::BuildUzbekMapping(item)) {
            requests.push_back({{"method", "POST"}, {"path", path + "?language=UZ"},
                                {"body", yandex::BuildUpdateMappingsBody({std::move(*uz)})}});
        }
    }
    return json{{"requests", std::move(requests)}};
}

core::Result<std::vector<PublishOutcome>> YandexAdapter::Publish(const std::vector<PublishItem>& items,
                                                                 const vault::FieldMap& creds) {
    if (items.size() > yandex::kBatchLimit) {
        return core::Error::Invalid("yandex: at most 100 items per Publish");
    }
    BY_ASSIGN(Auth auth, AuthOf(creds));
    std::vector<PublishOutcome> out(items.size());
    std::vector<std::string> ids;
    for (const auto& item : items) {
        if (!item.product.sku.empty()) {
            ids.push_back(item.product.sku);
        }
    }
    std::set<std::string> existing;
    if (!ids.empty()) {
        BY_ASSIGN(auto states, Mappings(auth, ids));
        for (const auto& s : states) {
            existing.insert(s.offer_id);
        }
    }
    std::vector<json> mappings;
    std::vector<size_t> sent;
    for (size_t i = 0; i < items.size(); ++i) {
        const PublishItem& item = items[i];
        PublishOutcome& o = out[i];
        o.card_id = item.card_id;
        auto reject = [&](const core::Error& e) {
            o.state = PublishState::kRejected;
            o.reasons = {e.message};
        };
        auto category = ResolveCategory(auth, item);
        if (!category.ok()) {
            if (Fatal(category.error())) {
                return std::move(category).error();
            }
            reject(category.error());
            continue;
        }
        BY_ASSIGN(auto params, Parameters(auth, *category));
        auto m = yandex::BuildOfferMapping(item, *category, params, cfg_.yandex);
        if (!m.ok()) {
            reject(m.error());
            continue;
        }
        o.created = !existing.count(item.product.sku);
        o.marketplace_ref = item.product.sku;
        mappings.push_back(std::move(*m));
        sent.push_back(i);
    }
    // Status ERROR applies none of the offers: reject the refused ones and send the rest once more.
    for (int round = 0; round < 2 && !mappings.empty(); ++round) {
        BY_ASSIGN(auto errors, Update(auth, mappings, nullptr));
        std::vector<json> retry;
        std::vector<size_t> retry_idx;
        for (size_t k = 0; k < sent.size(); ++k) {
            PublishOutcome& o = out[sent[k]];
            auto it = errors.find(items[sent[k]].product.sku);
            if (it != errors.end()) {
                o.state = PublishState::kRejected;
                o.reasons = it->second;
            } else if (errors.empty()) {
                o.state = PublishState::kModeration;
            } else {
                retry.push_back(mappings[k]);
                retry_idx.push_back(sent[k]);
            }
        }
        mappings = std::move(retry);
        sent = std::move(retry_idx);
    }
    for (size_t i : sent) {  // still refused after the second round without reasons of their own
        out[i].state = PublishState::kRejected;
        out[i].reasons = {"yandex: the offer-mappings/update batch was refused twice"};
    }
    if (cfg_.yandex.uzbek_catalog) {
        std::vector<json> uz;
        for (size_t i = 0; i < items.size(); ++i) {
            if (out[i].state == PublishState::kModeration) {
                if (auto m = yandex::BuildUzbekMapping(items[i])) {
                    uz.push_back(std::move(*m));
                }
            }
        }
        if (!uz.empty()) {
            auto errors = Update(auth, uz, "UZ");
            if (!errors.ok() && Fatal(errors.error())) {
                return std::move(errors).error();
            }
            // Uzbek texts are an addition: a refusal leaves the Russian card in place and is shown as a reason.
            if (errors.ok()) {
                for (size_t i = 0; i < items.size(); ++i) {
                    auto it = errors->find(items[i].product.sku);
                    if (it != errors->end()) {
                        for (const auto& e : it->second) {
                            out[i].reasons.push_back("UZ: " + e);
                        }
                    }
                }
            }
        }
    }
    return out;
}

core::Result<std::vector<PublishOutcome>> YandexAdapter::Poll(const std::vector<PublishOutcome>& submitted,
                                                              const vault::FieldMap& creds) {
    BY_ASSIGN(Auth auth, AuthOf(creds));
    std::vector<PublishOutcome> out = submitted;
    std::vector<std::string> ids;
    for (const auto& o : out) {
        if (o.state != PublishState::kLive && o.state != PublishState::kRejected && !o.marketplace_ref.empty()) {
            ids.push_back(o.marketplace_ref);
        }
    }
    if (ids.empty()) {
        return out;
    }
    BY_ASSIGN(auto states, Mappings(auth, ids));
    std::map<std::string, yandex::MappingState> by_id;
    std::vector<std::string> rejected;
    for (auto& s : states) {
        if (s.state == PublishState::kRejected || s.state == PublishState::kNeedsAttention) {
            rejected.push_back(s.offer_id);
        }
        by_id[s.offer_id] = std::move(s);
    }
    std::map<std::string, std::vector<std::string>> reasons;
    for (size_t start = 0; start < rejected.size(); start += 200) {
        std::vector<std::string> chunk(rejected.begin() + start,
                                       rejected.begin() + std::min(rejected.size(), start + 200));
        json body = yandex::BuildOfferCardsRequest(chunk);
        BY_ASSIGN(json r, Do(auth, "POST", "/v2/businesses/" + auth.business + "/offer-cards?limit=200", &body,
                             {{"cards", limits_.cards}}));
        for (auto& [id, errs] : yandex::ParseOfferCardErrors(r)) {
            reasons[id] = std::move(errs);
        }
    }
    for (auto& o : out) {
        auto it = by_id.find(o.marketplace_ref);
        if (it == by_id.end() || o.state == PublishState::kLive || o.state == PublishState::kRejected) {
            continue;
        }
        const auto& s = it->second;
        o.state = s.state;
        if (s.state == PublishState::kLive) {
            o.public_url = StorefrontUrl(s);
        } else if (s.state == PublishState::kRejected || s.state == PublishState::kNeedsAttention) {
            auto r = reasons.find(s.offer_id);
            o.reasons = r != reasons.end() ? r->second
                                           : std::vector<std::string>{"yandex: " + (s.campaign_status.empty()
                                                                                        ? s.card_status
                                                                                        : s.campaign_status)};
        }
    }
    return out;
}

}  // namespace

AdapterPtr MakeYandexAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                             const core::Clock& clock, net::Sleeper& sleeper) {
    return std::make_unique<YandexAdapter>(cfg, http, limiter, clock, sleeper);
}

}  // namespace by::marketplaces
