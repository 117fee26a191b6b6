#include "vault/credential_store.hpp"

namespace by::vault {

core::Result<bool> CredentialStore::AnyRowUnderKeyVersion(uint32_t version) const {
    BY_ASSIGN(std::vector<std::string> ids, ListIdsByKeyVersion(version, "", 1));
    return !ids.empty();
}

}  // namespace by::vault
