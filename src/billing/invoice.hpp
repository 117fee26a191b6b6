// The monthly invoice of one partner: the tier's fee (+ the AI add-on) plus the tier's share of the profit
// made on its orders that month. Profit per order line = revenue − commission − logistics − cost (the
// calculator's rates for that marketplace and category, the partner's overrides first; acquiring and tax
// are the seller's own affair and not deducted). All in UZS minor units.
//
// No drift: every line is summed exactly (128-bit fractions, roubles converted at the configured rate);
// each column's total is rounded half up once; the lines shown are allocations of those totals by largest
// remainder, so every column adds up; profit = revenue − commission − logistics − cost on those integers;
// the share is profit × share rate rounded half up once (0 when the month made a loss), allocated over the
// lines in proportion to their profit, so the line shares add up to it.
// Thread-safety: ComputeInvoice is pure; InvoiceService is stateless beyond its references.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "billing/month.hpp"
#include "billing/subscriptions.hpp"
#include "economics/calculator.hpp"
#include "store/sql.hpp"

namespace by::billing {

// One order line as the invoice needs it: the order and, when we know the product, its cost and category.
struct OrderLine {
    std::string order_id, order_ref, sku, product_id, status;
    core::Marketplace marketplace = core::Marketplace::kUzum;
    int64_t quantity = 0;
    core::Money unit_price;
    int64_t ordered_at = 0;
    bool product_known = false;
    core::Money unit_cost;
    std::string category;
};

struct InvoiceInput {
    std::string partner_id, company;
    Month month;
    Subscription subscription;  // the one that counts for the month
    std::vector<OrderLine> orders;
    std::vector<economics::RateOverride> overrides;
};

// The invoice as JSON (the API's shape, docs/api-additions.md), status "draft".
core::Result<nlohmann::json> ComputeInvoice(const InvoiceInput& in, const economics::FeeTable& fees,
                                            const economics::FxRate& fx);

class InvoiceService {
  public:
    InvoiceService(store::SqlDb& db, const economics::FeeTable& fees, economics::FxRate fx)
        : db_(db), fees_(fees), fx_(fx) {}

    // A finished month's invoice is issued once and stored; asking again returns the stored one. The
    // running month gives a draft (computed, not stored). A future month, or one without a subscription,
    // is Unprocessable / NotFound.
    core::Result<nlohmann::json> ForMonth(const std::string& partner_id, const Month& month, int64_t now_ms);
    // The month's invoice computed from the orders as they are now, never stored.
    core::Result<nlohmann::json> Draft(const std::string& partner_id, const Month& month);

  private:
    core::Result<InvoiceInput> Gather(const std::string& partner_id, const Month& month);
    store::SqlDb& db_;
    const economics::FeeTable& fees_;
    economics::FxRate fx_;
};

// The subscription that counts for a month: the latest-started one overlapping it; nullopt when none.
std::optional<Subscription> SubscriptionForMonth(const std::vector<Subscription>& history, const Month& month);

// A printable page of an invoice, labels in `lang` ("uz" default, "ru", "en"). It needs nothing but its
// stylesheet, linked from the same server (`css_href`, serving InvoiceCss()) because the API's CSP allows
// no inline styles; no scripts, no other files.
std::string RenderInvoiceHtml(const nlohmann::json& invoice, const std::string& lang, const std::string& css_href);
const char* InvoiceCss();

}  // namespace by::billing
