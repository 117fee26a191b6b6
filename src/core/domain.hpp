// Domain vocabulary shared by every module: marketplaces, roles, priorities, statuses, money.
// Plain value types with string names that match the HTTP API (API.md) and the database.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace by::core {

enum class Marketplace { kUzum, kWildberries, kYandex, kOzon };
inline constexpr std::array<Marketplace, 4> kAllMarketplaces = {Marketplace::kUzum, Marketplace::kWildberries,
                                                                Marketplace::kYandex, Marketplace::kOzon};
std::string_view MarketplaceName(Marketplace m);  // "uzum", "wildberries", "yandex", "ozon"
std::optional<Marketplace> ParseMarketplace(std::string_view name);

enum class Role { kAdmin, kPartner };
std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

// Lower number runs first. "No priority" is normal, never silently the highest (GUARANTEES Q4).
enum class Priority { kUrgent = 0, kHigh = 1, kNormal = 2, kLow = 3 };
std::string_view PriorityName(Priority p);
std::optional<Priority> ParsePriority(std::string_view name);

// Tiers from the business plan; each sets a default queue priority.
enum class Tier { kStarter, kBusiness, kProfessional, kEnterprise };
std::string_view TierName(Tier t);  // "starter", "business", "professional", "enterprise"
std::optional<Tier> ParseTier(std::string_view name);
Priority DefaultPriority(Tier t);

enum class RequestStatus { kDraft, kSubmitted, kApproved, kRejected, kProcessing, kDone, kFailed };
std::string_view RequestStatusName(RequestStatus s);
std::optional<RequestStatus> ParseRequestStatus(std::string_view name);

// Money in integer minor units (tiyin, kopeck) with an ISO currency. No floating point anywhere.
struct Money {
    int64_t amount = 0;
    std::string currency;  // "UZS" | "RUB"
    bool operator==(const Money&) const = default;
};
bool IsSupportedCurrency(std::string_view currency);

}  // namespace by::core
