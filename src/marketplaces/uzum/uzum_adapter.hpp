// The Uzum Market adapter: prices, stocks, orders and shops through Uzum's seller OpenAPI, card creation
// through the seller cabinet in a browser (Uzum's API cannot create cards; ARCHITECTURE §5a).
//
// Credentials (one vault::FieldMap per call, the union of both kinds for publishing):
//   api_token     {token, shop_id}                    every API call; Verify checks the shop is the token's
//   cabinet_login {login, password, totp_secret?}     only when a card has to be created in the cabinet
// Publish (BatchLimit 1): looks the SKU up in the API product list first; when found, updates the price
// through the API and reports the existing product (created = false, no duplicate). Otherwise it drives the
// cabinet (login, TOTP when the account has it, form, uploads, submit), reads the product id from the result
// page and confirms it through the API list. Anything the automation does not recognise ends the card in
// kNeedsAttention with the reason and a screenshot, handed to the ScreenshotSink (the caller stores it as an
// asset and returns its id, which lands in PublishOutcome::screenshot_asset).
// Secrets never reach a log line, an Error, a reason or a screenshot.
// Thread-safety: safe from many worker threads (browser sessions come from the shared SessionPool).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "marketplaces/adapter.hpp"
#include "net/http_client.hpp"
#include "marketplaces/browser/session_pool.hpp"
#include "marketplaces/common/rate_limiter.hpp"
#include "marketplaces/uzum/uzum_config.hpp"

namespace by::marketplaces {

// Stores one attention screenshot (PNG bytes) for a card and returns its asset id. Called from worker
// threads; may fail (the outcome then carries the reason without a screenshot asset).
using ScreenshotSink = std::function<core::Result<std::string>(const std::string& card_id, std::string_view png)>;

// `http` (the retrying client app/ wires), `sessions`, `clock` and `limiter` must outlive the adapter.
// `limiter` paces the API calls per shop (UzumApi::SetLimiter); null leaves it to Uzum's headers.
AdapterPtr MakeUzumAdapter(UzumConfig config, net::HttpClient& http, browser::SessionPool& sessions,
                           const core::Clock& clock, ScreenshotSink screenshot_sink = {},
                           RateLimiter* limiter = nullptr);

}  // namespace by::marketplaces
