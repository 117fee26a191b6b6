// One marketplace behind one interface: the same code talks to the sandbox and to the real seller API
// (only base URLs and credentials differ). The pipeline's publish stage and the after-publish sync use
// only this header; wiring picks the implementation per marketplace in app/.
//
// Credentials arrive decrypted as a vault::FieldMap for the duration of one call and are never copied
// into long-lived strings, logged, or put into errors. Errors: validation and moderation rejections are
// permanent (kUnprocessable / kInvalid, with the marketplace's reasons); timeouts, 5xx and over-limit
// answers are transient (kUnavailable / kTimeout / kRateLimited with retry_after_ms). Every call that
// reaches the marketplace first takes a token from the rate limiter of its (credential, endpoint group).
// Thread-safety: implementations are safe to call from many worker threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"
#include "core/product.hpp"
#include "vault/credential_types.hpp"

namespace by::marketplaces {

struct VerifyResult {
    bool ok = false;
    std::string message;  // the marketplace's own words when it refused, never a secret
};

// What one card needs to be published: the product, the generated content (ai::CardContent as JSON),
// the public URLs of its media (served by our asset store under the configured public base URL), and
// the category resolved for this marketplace.
struct PublishItem {
    std::string card_id;
    core::Product product;
    nlohmann::json content;            // title, description, bullets, characteristics, keywords, texts{ru,uz}
    std::vector<std::string> image_urls;
    std::string video_url;             // may be empty
    nlohmann::json category;           // {id, name, status} for this marketplace (data/ categories)
    // Files for browser upload where a marketplace takes files, not URLs (Uzum cabinet): local paths.
    std::vector<std::string> image_files;
    std::string video_file;
};

enum class PublishState { kSubmitted, kModeration, kLive, kRejected, kNeedsAttention };
const char* PublishStateName(PublishState s);

struct PublishOutcome {
    std::string card_id;
    PublishState state = PublishState::kSubmitted;
    std::string marketplace_ref;       // nmID / product_id / offerId / Uzum productId — whatever reads it back
    std::string task_ref;              // e.g. Ozon task_id, for polling
    std::vector<std::string> reasons;  // rejection or attention reasons, in the marketplace's words
    std::string public_url;            // the card on the storefront, when known
    std::string screenshot_asset;      // Uzum cabinet: screenshot saved when it stopped for attention
    bool created = false;              // false when an existing card with our SKU was updated instead
};

struct OrderLine {
    std::string order_id;
    std::string sku;       // our SKU (the seller's article)
    int64_t quantity = 0;
    int64_t created_at_ms = 0;
    std::string status;
    int64_t unit_price = 0;  // minor units, when the marketplace's answer says (0: unknown)
    std::string currency;    // of unit_price
};

class Adapter {
  public:
    virtual ~Adapter() = default;
    virtual core::Marketplace marketplace() const = 0;

    virtual core::Result<VerifyResult> Verify(const vault::FieldMap& creds) = 0;
    // Publishes a batch (the caller groups items of one credential up to BatchLimit()). Creates or updates
    // by SKU: looks up first, never duplicates. One outcome per item, in order.
    virtual core::Result<std::vector<PublishOutcome>> Publish(const std::vector<PublishItem>& items,
                                                              const vault::FieldMap& creds) = 0;
    // Reads back the state of earlier submissions (moderation → live or rejected with reasons).
    virtual core::Result<std::vector<PublishOutcome>> Poll(const std::vector<PublishOutcome>& submitted,
                                                           const vault::FieldMap& creds) = 0;
    virtual core::Status UpdatePrice(const std::string& sku, const std::string& marketplace_ref,
                                     const core::Money& price, const vault::FieldMap& creds) = 0;
    virtual core::Status UpdateStock(const std::string& sku, const std::string& marketplace_ref, int64_t stock,
                                     const vault::FieldMap& creds) = 0;
    virtual core::Result<std::vector<OrderLine>> ListOrders(int64_t since_ms, const vault::FieldMap& creds) = 0;
    // How many items one Publish call may carry (WB 100, Ozon 100, Yandex 100; Uzum 8, one cabinet login).
    virtual size_t BatchLimit() const = 0;
    // What Publish would send to create the card of one item, without sending it: {"requests": [{method,
    // path, body}]} built by the same payload code against the marketplace's catalog (categories,
    // characteristics, dictionaries), which it reads with `creds` as Publish does; Uzum gives the cabinet
    // form fields instead. Errors as Publish would reject the item. `biznesyordam generate` shows these.
    virtual core::Result<nlohmann::json> BuildPayload(const PublishItem& item, const vault::FieldMap& creds) {
        (void)item;
        (void)creds;
        return core::Error::NotBuilt("this adapter cannot show its payload");
    }
};

using AdapterPtr = std::unique_ptr<Adapter>;

}  // namespace by::marketplaces
