#include "vault/memory_credential_store.hpp"

namespace by::vault {

core::Result<CredentialRow> MemoryCredentialStore::Get(std::string_view partner_id, core::Marketplace marketplace,
                                                       std::optional<CredentialKind> kind) const {
    std::lock_guard lock(mu_);
    for (const auto& [key, id] : by_owner_) {
        if (std::get<0>(key) == partner_id && std::get<1>(key) == marketplace && (!kind || std::get<2>(key) == *kind)) {
            return rows_.at(id);  // the map orders kinds with the api kinds before cabinet_login
        }
    }
    return core::Error::NotFound("credential not found");
}

core::Result<CredentialRow> MemoryCredentialStore::GetById(std::string_view id) const {
    std::lock_guard lock(mu_);
    auto it = rows_.find(id);
    if (it == rows_.end()) {
        return core::Error::NotFound("credential not found");
    }
    return it->second;
}

core::Result<std::vector<CredentialRow>> MemoryCredentialStore::ListByPartner(std::string_view partner_id) const {
    std::lock_guard lock(mu_);
    std::vector<CredentialRow> out;
    for (const auto& [id, row] : rows_) {
        if (row.partner_id == partner_id) {
            out.push_back(row);
        }
    }
    return out;
}

core::Status MemoryCredentialStore::Upsert(const CredentialRow& row) {
    if (row.id.empty() || row.partner_id.empty()) {
        return core::Error::Invalid("credential row needs an id and a partner");
    }
    std::lock_guard lock(mu_);
    Key key(row.partner_id, row.marketplace, row.kind);
    auto owner = by_owner_.find(key);
    auto same_id = rows_.find(row.id);
    if (same_id != rows_.end() && (owner == by_owner_.end() || owner->second != row.id)) {
        // An id is unique, like a primary key: it cannot move to another (partner, marketplace, kind).
        return core::Error::Conflict("credential id already used by another row");
    }
    if (owner != by_owner_.end()) {
        rows_.erase(owner->second);
    }
    rows_[row.id] = row;
    by_owner_[key] = row.id;
    return core::Ok();
}

core::Status MemoryCredentialStore::Delete(std::string_view partner_id, core::Marketplace marketplace,
                                           std::optional<CredentialKind> kind) {
    std::lock_guard lock(mu_);
    bool any = false;
    for (auto it = by_owner_.begin(); it != by_owner_.end();) {
        const Key& key = it->first;
        if (std::get<0>(key) == partner_id && std::get<1>(key) == marketplace && (!kind || std::get<2>(key) == *kind)) {
            rows_.erase(it->second);
            it = by_owner_.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any ? core::Ok() : core::Status(core::Error::NotFound("credential not found"));
}

core::Result<std::vector<std::string>> MemoryCredentialStore::ListIdsByKeyVersion(uint32_t version,
                                                                                  std::string_view after_id,
                                                                                  size_t limit) const {
    std::lock_guard lock(mu_);
    std::vector<std::string> out;
    for (auto it = rows_.upper_bound(after_id); it != rows_.end() && out.size() < limit; ++it) {
        if (it->second.key_version == version) {
            out.push_back(it->first);
        }
    }
    return out;
}

core::Result<bool> MemoryCredentialStore::CompareAndSwapCiphertext(std::string_view id, uint32_t old_version,
                                                                   std::string_view old_ciphertext,
                                                                   std::string_view new_ciphertext,
                                                                   uint32_t new_version) {
    std::lock_guard lock(mu_);
    auto it = rows_.find(id);
    if (it == rows_.end() || it->second.key_version != old_version || it->second.ciphertext != old_ciphertext) {
        return false;
    }
    it->second.ciphertext = std::string(new_ciphertext);
    it->second.key_version = new_version;
    return true;
}

core::Status MemoryCredentialStore::UpdateVerification(std::string_view id, CredentialStatus status,
                                                       int64_t verified_ms, std::string_view last_error) {
    std::lock_guard lock(mu_);
    auto it = rows_.find(id);
    if (it == rows_.end()) {
        return core::Error::NotFound("credential not found");
    }
    it->second.status = status;
    it->second.last_verified_ms = verified_ms;
    it->second.last_error = std::string(last_error);
    return core::Ok();
}

size_t MemoryCredentialStore::size() const {
    std::lock_guard lock(mu_);
    return rows_.size();
}

}  // namespace by::vault
