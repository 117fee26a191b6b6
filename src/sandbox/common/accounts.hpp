// The seeded sandbox sellers and their credentials for every marketplace. Fixed values, so tests, the
// `run` command and a restarted sandbox all agree on them. seller1 logs into the Uzum cabinet with a
// password only; seller2 also needs a TOTP code (RFC 6238, SHA-1, 30 s, 6 digits). Benchmarks may ask
// for more sellers: seller3..sellerN follow the same pattern (password only).
// Immutable after construction; safe to share between threads.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace by::sandbox {

struct SellerAccount {
    std::string name;   // "seller1"
    std::string title;  // shown in shop lists
    // Uzum: API token (sent as "Authorization: <token>", no Bearer), one shop, cabinet login.
    std::string uzum_token;
    int64_t uzum_shop_id = 0;
    std::string uzum_shop_name;
    std::string cabinet_login;
    std::string cabinet_password;
    std::string cabinet_totp_secret;  // base32; empty = no second factor
    // Wildberries: one token for every API group, one seller warehouse.
    std::string wb_token;
    int64_t wb_warehouse_id = 0;
    // Ozon: Client-Id + Api-Key, one FBS warehouse.
    std::string ozon_client_id;
    std::string ozon_api_key;
    int64_t ozon_warehouse_id = 0;
    // Yandex Market: Api-Key, cabinet (business) and store (campaign).
    std::string yandex_api_key;
    int64_t yandex_business_id = 0;
    int64_t yandex_campaign_id = 0;
};

class Accounts {
  public:
    // seller1 and seller2 always; `count` > 2 adds seller3..seller<count>.
    static Accounts Seeded(int count = 2);

    const std::vector<SellerAccount>& sellers() const { return sellers_; }
    // Lookups return nullptr when nothing matches.
    const SellerAccount* ByName(std::string_view name) const;
    const SellerAccount* ByUzumToken(std::string_view token) const;
    const SellerAccount* ByWbToken(std::string_view token) const;
    const SellerAccount* ByOzonClientId(std::string_view client_id) const;
    const SellerAccount* ByYandexKey(std::string_view key) const;
    const SellerAccount* ByCabinetLogin(std::string_view login) const;

    // {"sellers": [{"name", "title", "uzum": {...}, "wildberries": {...}, "ozon": {...}, "yandex": {...}}]}
    nlohmann::json ToJson() const;

  private:
    std::vector<SellerAccount> sellers_;
};

}  // namespace by::sandbox
