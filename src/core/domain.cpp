#include "core/domain.hpp"

namespace by::core {
namespace {
template <typename E, size_t N>
std::optional<E> FindByName(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name) {
    for (const auto& [value, n] : table) {
        if (n == name) {
            return value;
        }
    }
    return std::nullopt;
}
template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, n] : table) {
        if (v == value) {
            return n;
        }
    }
    return "unknown";
}

constexpr std::array<std::pair<Marketplace, std::string_view>, 4> kMarketplaces{{
    {Marketplace::kUzum, "uzum"},
    {Marketplace::kWildberries, "wildberries"},
    {Marketplace::kYandex, "yandex"},
    {Marketplace::kOzon, "ozon"},
}};
constexpr std::array<std::pair<Role, std::string_view>, 2> kRoles{{{Role::kAdmin, "admin"}, {Role::kPartner, "partner"}}};
constexpr std::array<std::pair<Priority, std::string_view>, 4> kPriorities{{
    {Priority::kUrgent, "urgent"},
    {Priority::kHigh, "high"},
    {Priority::kNormal, "normal"},
    {Priority::kLow, "low"},
}};
constexpr std::array<std::pair<Tier, std::string_view>, 4> kTiers{{
    {Tier::kStarter, "starter"},
    {Tier::kBusiness, "business"},
    {Tier::kProfessional, "professional"},
    {Tier::kEnterprise, "enterprise"},
}};
constexpr std::array<std::pair<RequestStatus, std::string_view>, 7> kRequestStatuses{{
    {RequestStatus::kDraft, "draft"},
    {RequestStatus::kSubmitted, "submitted"},
    {RequestStatus::kApproved, "approved"},
    {RequestStatus::kRejected, "rejected"},
    {RequestStatus::kProcessing, "processing"},
    {RequestStatus::kDone, "done"},
    {RequestStatus::kFailed, "failed"},
}};
}  // namespace

std::string_view MarketplaceName(Marketplace m) { return NameOf(kMarketplaces, m); }
std::optional<Marketplace> ParseMarketplace(std::string_view n) { return FindByName(kMarketplaces, n); }
std::string_view RoleName(Role r) { return NameOf(kRoles, r); }
std::optional<Role> ParseRole(std::string_view n) { return FindByName(kRoles, n); }
std::string_view PriorityName(Priority p) { return NameOf(kPriorities, p); }
std::optional<Priority> ParsePriority(std::string_view n) { return FindByName(kPriorities, n); }
std::string_view TierName(Tier t) { return NameOf(kTiers, t); }
std::optional<Tier> ParseTier(std::string_view n) { return FindByName(kTiers, n); }
std::string_view RequestStatusName(RequestStatus s) { return NameOf(kRequestStatuses, s); }
std::optional<RequestStatus> ParseRequestStatus(std::string_view n) { return FindByName(kRequestStatuses, n); }

Priority DefaultPriority(Tier t) {
    switch (t) {
        case Tier::kEnterprise: return Priority::kUrgent;
        case Tier::kProfessional: return Priority::kHigh;
        case Tier::kBusiness: return Priority::kNormal;
        case Tier::kStarter: return Priority::kLow;
    }
    return Priority::kNormal;
}

bool IsSupportedCurrency(std::string_view c) { return c == "UZS" || c == "RUB"; }

}  // namespace by::core
