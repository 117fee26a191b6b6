// The Ozon adapter: see ozon_adapter.hpp for the calls it makes.
#include "marketplaces/ozon/ozon_adapter.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/secret.hpp"
#include "core/time.hpp"
#include "marketplaces/common/api_client.hpp"
#include "marketplaces/common/mapping.hpp"
#include "marketplaces/common/ttl_cache.hpp"
#include "marketplaces/ozon/ozon_payload.hpp"
#include "obs/log.hpp"

namespace by::marketplaces {
namespace {

using nlohmann::json;
using ozon::Attribute;
using ozon::DictValue;

const RateSpec kGlobal{50, 20};      // 50 requests/s per Client-Id
const RateSpec kStocks = SlidingWindow(80, 60000);  // 80 a minute per seller, a sliding window
const RateSpec kPrice{10, 360000};   // 10 price changes per hour per product
const RateSpec kStockOfItem{1, 30000};  // one stock update per product-warehouse pair every 30 s

// "<task_id>/<offer_id>" in PublishOutcome::task_ref.
std::string TaskRef(int64_t task_id, const std::string& offer_id) { return std::to_string(task_id) + "/" + offer_id; }
std::pair<int64_t, std::string> ParseTaskRef(const std::string& ref) {
    size_t slash = ref.find('/');
    if (slash == std::string::npos) {
        return {std::atoll(ref.c_str()), ""};
    }
    return {std::atoll(ref.substr(0, slash).c_str()), ref.substr(slash + 1)};
}

bool Fatal(const core::Error& e) {
    return e.code == core::ErrorCode::kUnauthenticated || e.code == core::ErrorCode::kForbidden || e.IsTransient();
}

class OzonAdapter final : public Adapter {
  public:
    OzonAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter, const core::Clock& clock,
                net::Sleeper& sleeper)
        : cfg_(cfg),
          clock_(clock),
          api_(core::Marketplace::kOzon, cfg_, http, limiter, clock, sleeper, ozon::ExtractMessage, ozon::IsOverLimit),
          attributes_(clock, cfg_.catalog_ttl_ms),
          values_(clock, cfg_.catalog_ttl_ms),
          categories_(clock, cfg_.catalog_ttl_ms),
          warehouses_(clock, cfg_.lookup_ttl_ms) {}

    core::Marketplace marketplace() const override { return core::Marketplace::kOzon; }
    size_t BatchLimit() const override { return ozon::kBatchLimit; }

    core::Result<VerifyResult> Verify(const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        json body = json::object();
        auto r = Post(auth, "/v1/roles", body, {});
        if (r.ok()) {
            return VerifyResult{true, ""};
        }
        if (r.error().code == core::ErrorCode::kUnauthenticated || r.error().code == core::ErrorCode::kForbidden) {
            return VerifyResult{false, r.error().message};
        }
        return r.error();
    }

    core::Result<std::vector<PublishOutcome>> Publish(const std::vector<PublishItem>& items,
                                                      const vault::FieldMap& creds) override;
    core::Result<std::vector<PublishOutcome>> Poll(const std::vector<PublishOutcome>& submitted,
                                                   const vault::FieldMap& creds) override;
    core::Result<json> BuildPayload(const PublishItem& item, const vault::FieldMap& creds) override;

    core::Status UpdatePrice(const std::string& sku, const std::string& marketplace_ref, const core::Money& price,
                             const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        BY_TRY(CheckPrice(price, cfg_.ozon.currency, core::Marketplace::kOzon));
        BY_ASSIGN(json r, Post(auth, "/v1/product/import/prices", ozon::BuildPricesBody(sku, price),
                               {{"price:" + sku, kPrice}}));
        return ItemErrors(r, "price of " + sku);
    }

    core::Status UpdateStock(const std::string& sku, const std::string& marketplace_ref, int64_t stock,
                             const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        if (stock < 0) {
            return core::Error::Unprocessable("ozon: stock must not be negative", "stock");
        }
        int64_t product_id = marketplace_ref.empty() ? 0 : std::atoll(marketplace_ref.c_str());
        if (product_id == 0) {
            BY_ASSIGN(auto ids, LookUp(auth, {sku}));
            auto it = ids.find(sku);
            if (it == ids.end()) {
                return core::Error::NotFound("ozon: no product with offer_id " + sku);
            }
            product_id = it->second;
        }
        BY_ASSIGN(int64_t wh, Warehouse(auth));
        BY_ASSIGN(json r, Post(auth, "/v2/products/stocks", ozon::BuildStocksBody(sku, product_id, stock, wh),
                               {{"stocks", kStocks}, {"stock:" + sku, kStockOfItem}}));
        return ItemErrors(r, "stock of " + sku);
    }

    core::Result<std::vector<OrderLine>> ListOrders(int64_t since_ms, const vault::FieldMap& creds) override {
        BY_ASSIGN(Auth auth, AuthOf(creds));
        std::vector<OrderLine> lines;
        int64_t now = clock_.NowMs();
        // Ozon allows a period of at most one year.
        int64_t since = std::max<int64_t>(since_ms, now - int64_t{364} * 24 * 3600 * 1000);
        for (int64_t offset = 0, page = 0; page < 100; ++page) {
            BY_ASSIGN(json r, Post(auth, "/v3/posting/fbs/list", ozon::BuildPostingsRequest(since, now, offset), {}));
            const json& result = r.value("result", json::object());
            const json& postings = result.value("postings", json::array());
            for (const auto& p : postings) {
                int64_t created = core::ParseRfc3339(JsonStr(p, "in_process_at")).value_or(0);
                for (const auto& prod : p.value("products", json::array())) {
                    OrderLine l;
                    l.order_id = JsonStr(p, "posting_number");
                    l.sku = JsonStr(prod, "offer_id");
                    l.quantity = JsonInt(prod, "quantity", 1);
                    l.created_at_ms = created;
                    l.status = JsonStr(p, "status");
                    lines.push_back(std::move(l));
                }
            }
            offset += static_cast<int64_t>(postings.size());
            if (!result.value("has_next", false) || postings.empty()) {
                break;
            }
        }
        return lines;
    }

  private:
    struct Auth {
        std::string cred;
        std::string client_id;
        std::string api_key;
        ~Auth() {
            core::WipeString(client_id);
            core::WipeString(api_key);
        }
    };

    static core::Result<Auth> AuthOf(const vault::FieldMap& creds) {
        BY_ASSIGN(std::string_view id, CredentialField(creds, "client_id"));
        BY_ASSIGN(std::string_view key, CredentialField(creds, "api_key"));
        Auth a;
        a.cred = CredentialId(creds);
        a.client_id = std::string(id);
        a.api_key = std::string(key);
        return a;
    }

    net::HttpRequest Request(const Auth& auth, const std::string& path, const json& body) const {
        net::HttpRequest r = api_.NewRequest("POST", cfg_.ozon.base_url + path);
        r.headers.emplace_back("Client-Id", auth.client_id);
        r.headers.emplace_back("Api-Key", auth.api_key);
        r.headers.emplace_back("Content-Type", "application/json");
        r.body = body.dump();
        return r;
    }

    core::Result<json> Parse(const net::HttpResponse& r, const std::string& path) {
        if (r.body.empty()) {
            return json::object();
        }
        json j = json::parse(r.body, nullptr, false);
        if (j.is_discarded()) {
            return core::Error::Unavailable("ozon: unreadable answer from " + path);
        }
        return j;
    }

    core::Result<json> Post(const Auth& auth, const std::string& path, const json& body, std::vector<Limit> extra) {
        extra.insert(extra.begin(), Limit{"global", kGlobal});
        BY_ASSIGN(net::HttpResponse r, api_.Call(auth.cred, Request(auth, path, body), extra));
        return Parse(r, path);
    }

    // Per-item errors of the synchronous price/stock answers ({result:[{errors:[...], updated}]}).
    core::Status ItemErrors(const json& r, const std::string& what) {
        std::vector<std::string> reasons;
        for (const auto& i : r.value("result", json::array())) {
            for (const auto& e : i.value("errors", json::array())) {
                std::string m = JsonStr(e, "message");
                std::string c = JsonStr(e, "code");
                reasons.push_back(c.empty() ? m : (m.empty() ? c : c + ": " + m));
            }
        }
        if (reasons.empty()) {
            return core::Ok();
        }
        for (const auto& reason : reasons) {
            if (reason.find("TOO_MANY_REQUESTS") != std::string::npos) {
                return core::Error::RateLimited(30000, "ozon: " + what + ": " + reason);
            }
        }
        return core::Error::Unprocessable("ozon: " + what + " refused: " + Join(reasons, "; "));
    }

    core::Result<std::map<std::string, int64_t>> LookUp(const Auth& auth, const std::vector<std::string>& offer_ids) {
        BY_ASSIGN(json r, Post(auth, "/v3/product/list", ozon::BuildProductListRequest(offer_ids), {}));
        return ozon::ParseProductList(r);
    }

    core::Result<int64_t> Warehouse(const Auth& auth) {
        if (cfg_.ozon.warehouse_id != 0) {
            return cfg_.ozon.warehouse_id;
        }
        if (auto id = warehouses_.Get(auth.cred)) {
            return *id;
        }
        BY_ASSIGN(json r, Post(auth, "/v1/warehouse/list", json::object(), {}));
        for (const auto& w : r.value("result", json::array())) {
            if (JsonInt(w, "warehouse_id") != 0) {
                warehouses_.Put(auth.cred, JsonInt(w, "warehouse_id"));
                return JsonInt(w, "warehouse_id");
            }
        }
        return core::Error::Unprocessable("ozon: the seller has no FBS warehouse (create one in the seller cabinet)");
    }

    // (description_category_id, type_id) of an item.
    core::Result<std::pair<int64_t, int64_t>> ResolveCategory(const Auth& auth, const PublishItem& item) {
        std::optional<json> mapped;
        if (cfg_.category_map) {
            mapped = cfg_.category_map(core::Marketplace::kOzon, item.product.category);
        }
        CategoryRef ref = ReadCategory(item, mapped);
        if (ref.id && ref.type_id) {
            return std::make_pair(*ref.id, *ref.type_id);
        }
        std::string key = NormalizeKey(ref.name);
        if (key.empty()) {
            return core::Error::Unprocessable("ozon: no description category for " + item.product.category, "category");
        }
        if (auto hit = categories_.Get(key)) {
            return *hit;
        }
        BY_ASSIGN(json r, Post(auth, "/v1/description-category/tree", json{{"language", cfg_.ozon.language}}, {}));
        std::optional<std::pair<int64_t, int64_t>> found;
        // Depth-first: a type named like the category wins; else the only type of a category named so.
        std::function<void(const json&, int64_t)> walk = [&](const json& nodes, int64_t parent) {
            for (const auto& n : nodes) {
                if (found) {
                    return;
                }
                int64_t cat = JsonInt(n, "description_category_id", parent);
                if (JsonInt(n, "type_id") != 0 && NormalizeKey(JsonStr(n, "type_name")) == key) {
                    if (!ref.id || *ref.id == parent) {
                        found = std::make_pair(parent, JsonInt(n, "type_id"));
                        return;
                    }
                }
                const json& children = n.value("children", json::array());
                if (JsonInt(n, "type_id") == 0 && NormalizeKey(JsonStr(n, "category_name")) == key &&
                    children.size() == 1 && JsonInt(children[0], "type_id") != 0) {
                    found = std::make_pair(cat, JsonInt(children[0], "type_id"));
                    return;
                }
                walk(children, cat);
            }
        };
        walk(r.value("result", json::array()), 0);
        if (!found) {
            return core::Error::Unprocessable("ozon: no category type named «" + ref.name + "»", "category");
        }
        categories_.Put(key, *found);
        return *found;
    }

    core::Result<std::vector<Attribute>> Attributes(const Auth& auth, int64_t cat, int64_t type) {
        std::string key = std::to_string(cat) + ":" + std::to_string(type);
        if (auto a = attributes_.Get(key)) {
            return *a;
        }
        BY_ASSIGN(json r, Post(auth, "/v1/description-category/attribute",
                               json{{"description_category_id", cat}, {"type_id", type}, {"language", cfg_.ozon.language}},
                               {}));
        auto attrs = ozon::ParseAttributes(r);
        attributes_.Put(key, attrs);
        return attrs;
    }

    core::Result<std::vector<DictValue>> Values(const Auth& auth, int64_t cat, int64_t type, int64_t attr) {
        std::string key = std::to_string(cat) + ":" + std::to_string(type) + ":" + std::to_string(attr);
        if (auto v = values_.Get(key)) {
            return *v;
        }
        std::vector<DictValue> all;
        int64_t last = 0;
        for (int page = 0; page < 10; ++page) {  // at most 20,000 values per dictionary
            BY_ASSIGN(json r, Post(auth, "/v1/description-category/attribute/values",
                                   ozon::BuildAttributeValuesRequest(cat, type, attr, last, cfg_.ozon.language), {}));
            bool has_next = false;
            auto values = ozon::ParseDictValues(r, &has_next);
            all.insert(all.end(), values.begin(), values.end());
            if (!has_next || values.empty()) {
                break;
            }
            last = values.back().id;
        }
        values_.Put(key, all);
        return all;
    }

    std::string StorefrontUrl(int64_t sku) const {
        return sku == 0 ? std::string() : FillPattern(cfg_.ozon.storefront_url, "sku", std::to_string(sku));
    }

    AdapterConfig cfg_;
    const core::Clock& clock_;
    ApiClient api_;
    TtlCache<std::vector<Attribute>> attributes_;
    TtlCache<std::vector<DictValue>> values_;
    TtlCache<std::pair<int64_t, int64_t>> categories_;
    TtlCache<int64_t> warehouses_;
};

core::Result<json> OzonAdapter::BuildPayload(const PublishItem& item, const vault::FieldMap& creds) {
    BY_ASSIGN(Auth auth, AuthOf(creds));
    BY_ASSIGN(auto cat, ResolveCategory(auth, item));
    BY_ASSIGN(auto attrs, Attributes(auth, cat.first, cat.second));
    ozon::Dictionaries dicts;
    for (int64_t id : ozon::AttributesNeedingValues(item, attrs)) {
        BY_ASSIGN(dicts[id], Values(auth, cat.first, cat.second, id));
    }
    BY_ASSIGN(json body, ozon::BuildImportItem(item, cat.first, cat.second, attrs, dicts, cfg_.ozon));
    json import = {{"method", "POST"}, {"path", "/v3/product/import"}, {"body", ozon::BuildImportBody({std::move(body)})}};
    return json{{"requests", json::array({std::move(import)})}};
}

core::Result<std::vector<PublishOutcome>> OzonAdapter::Publish(const std::vector<PublishItem>& items,
                                                               const vault::FieldMap& creds) {
    if (items.size() > ozon::kBatchLimit) {
        return core::Error::Invalid("ozon: at most 100 items per Publish");
    }
    BY_ASSIGN(Auth auth, AuthOf(creds));
    std::vector<PublishOutcome> out(items.size());
    std::vector<json> bodies;
    std::vector<size_t> sent;
    std::vector<std::string> offer_ids;
    for (const auto& item : items) {
        if (!item.product.sku.empty()) {
            offer_ids.push_back(item.product.sku);
        }
    }
    std::map<std::string, int64_t> existing;
    if (!offer_ids.empty()) {
        BY_ASSIGN(existing, LookUp(auth, offer_ids));
    }
    for (size_t i = 0; i < items.size(); ++i) {
        const PublishItem& item = items[i];
        PublishOutcome& o = out[i];
        o.card_id = item.card_id;
        auto reject = [&](const core::Error& e) {
            o.state = PublishState::kRejected;
            o.reasons = {e.message};
        };
        auto cat = ResolveCategory(auth, item);
        if (!cat.ok()) {
            if (Fatal(cat.error())) {
                return std::move(cat).error();
            }
            reject(cat.error());
            continue;
        }
        BY_ASSIGN(auto attrs, Attributes(auth, cat->first, cat->second));
        ozon::Dictionaries dicts;
        for (int64_t id : ozon::AttributesNeedingValues(item, attrs)) {
            BY_ASSIGN(dicts[id], Values(auth, cat->first, cat->second, id));
        }
        auto body = ozon::BuildImportItem(item, cat->first, cat->second, attrs, dicts, cfg_.ozon);
        if (!body.ok()) {
            reject(body.error());
            continue;
        }
        auto it = existing.find(item.product.sku);
        o.created = it == existing.end();
        if (!o.created) {
            o.marketplace_ref = std::to_string(it->second);
        }
        bodies.push_back(std::move(*body));
        sent.push_back(i);
    }
    if (bodies.empty()) {
        return out;
    }
    net::HttpRequest req = Request(auth, "/v3/product/import", ozon::BuildImportBody(bodies));
    BY_ASSIGN(net::HttpResponse r, api_.CallAllow4xx(auth.cred, req, {{"global", kGlobal}}));
    if (r.status == 401 || r.status == 403) {
        return ClassifyFailure(core::Marketplace::kOzon, r, ozon::ExtractMessage(r), req.headers);
    }
    if (r.status >= 400) {
        std::string reason = "ozon: HTTP " + std::to_string(r.status) + ": " + ozon::ExtractMessage(r);
        for (size_t i : sent) {
            out[i].state = PublishState::kRejected;
            out[i].reasons = {reason};
        }
        return out;
    }
    BY_ASSIGN(json j, Parse(r, "/v3/product/import"));
    int64_t task = JsonInt(j.value("result", json::object()), "task_id");
    if (task == 0) {
        return core::Error::Unavailable("ozon: /v3/product/import answered without a task_id");
    }
    for (size_t i : sent) {
        out[i].state = PublishState::kSubmitted;
        out[i].task_ref = TaskRef(task, items[i].product.sku);
    }
    return out;
}

core::Result<std::vector<PublishOutcome>> OzonAdapter::Poll(const std::vector<PublishOutcome>& submitted,
                                                            const vault::FieldMap& creds) {
    BY_ASSIGN(Auth auth, AuthOf(creds));
    std::vector<PublishOutcome> out = submitted;
    std::map<int64_t, std::vector<size_t>> by_task;
    std::vector<size_t> check;  // imported: read moderation state
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i].state == PublishState::kLive || out[i].state == PublishState::kRejected) {
            continue;
        }
        auto [task, offer] = ParseTaskRef(out[i].task_ref);
        if (out[i].state == PublishState::kSubmitted && task != 0) {
            by_task[task].push_back(i);
        } else {
            check.push_back(i);
        }
    }
    for (const auto& [task, idx] : by_task) {
        BY_ASSIGN(json r, Post(auth, "/v1/product/import/info", json{{"task_id", task}}, {}));
        std::map<std::string, ozon::ImportStatus> st;
        for (auto& s : ozon::ParseImportInfo(r)) {
            st[s.offer_id] = std::move(s);
        }
        for (size_t i : idx) {
            std::string offer = ParseTaskRef(out[i].task_ref).second;
            auto it = st.find(offer);
            if (it == st.end() || it->second.status == "pending" || it->second.status.empty()) {
                continue;
            }
            if (it->second.product_id != 0) {
                out[i].marketplace_ref = std::to_string(it->second.product_id);
            }
            if (it->second.status == "failed") {
                out[i].state = PublishState::kRejected;
                out[i].reasons = it->second.errors.empty() ? std::vector<std::string>{"ozon: import failed"}
                                                           : it->second.errors;
                continue;
            }
            out[i].state = PublishState::kModeration;
            check.push_back(i);
        }
    }
    if (check.empty()) {
        return out;
    }
    std::vector<std::string> offers;
    for (size_t i : check) {
        offers.push_back(ParseTaskRef(out[i].task_ref).second);
    }
    BY_ASSIGN(json r, Post(auth, "/v3/product/info/list", ozon::BuildInfoListRequest(offers), {}));
    std::map<std::string, ozon::ProductState> states;
    for (auto& s : ozon::ParseInfoList(r)) {
        states[s.offer_id] = std::move(s);
    }
    for (size_t i : check) {
        auto it = states.find(ParseTaskRef(out[i].task_ref).second);
        if (it == states.end()) {
            continue;
        }
        const auto& s = it->second;
        if (s.product_id != 0) {
            out[i].marketplace_ref = std::to_string(s.product_id);
        }
        out[i].state = s.state;
        if (s.state == PublishState::kRejected) {
            out[i].reasons = s.reasons;
        }
        if (s.state == PublishState::kLive) {
            out[i].public_url = StorefrontUrl(s.sku);
        }
    }
    return out;
}

}  // namespace

AdapterPtr MakeOzonAdapter(const AdapterConfig& cfg, net::HttpClient& http, RateLimiter& limiter,
                           const core::Clock& clock, net::Sleeper& sleeper) {
    return std::make_unique<OzonAdapter>(cfg, http, limiter, clock, sleeper);
}

}  // namespace by::marketplaces
