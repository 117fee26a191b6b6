// The credential service, split by privilege (GUARANTEES S1-S3, S12).
//
//  - CredentialSealer encrypts and stores. API processes get only this: it has no way to decrypt, so a request
//    handler that tries to decrypt does not compile.
//  - CredentialOpener decrypts. It is built with a VaultCapability; only VaultRole::kWorker may open, any other
//    role gets Error::Permission at runtime (and the attempt is audited). Every attempt writes one
//    DecryptAuditRecord; plaintext is returned as a FieldMap of SecretBuffers, to be destroyed at the end of
//    the stage that needed it, and only after its audit record was written.
//  - Rotate/Rewrap re-encrypt rows under the active key with an optimistic compare-and-swap (S3).
// Ciphertexts are S1 strings bound by S2 AAD to (partner, marketplace, credential id, kind). Errors carry no
// secret: authentication failures are Error::Crypto("authentication failed").
// Thread-safety: sealer, opener and rotation are safe to use concurrently from many threads; they hold
// references to the Keyring, store, audit sink and clock, which must outlive them.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/domain.hpp"
#include "core/error.hpp"
#include "core/secret.hpp"
#include "vault/audit_sink.hpp"
#include "vault/credential_store.hpp"
#include "vault/credential_types.hpp"
#include "vault/format.hpp"
#include "vault/keyring.hpp"

namespace by::vault {

enum class VaultRole { kApi, kWorker, kKeyAdmin };

// Who is asking, fixed when app/ wires a process: API processes get ForApi, workers ForWorker, the
// `keys rotate` command ForKeyAdmin. The actor string goes into every audit record.
class VaultCapability {
  public:
    static VaultCapability ForApi(std::string actor) { return {VaultRole::kApi, std::move(actor)}; }
    static VaultCapability ForWorker(std::string worker_id) { return {VaultRole::kWorker, std::move(worker_id)}; }
    static VaultCapability ForKeyAdmin(std::string actor) { return {VaultRole::kKeyAdmin, std::move(actor)}; }
    VaultRole role() const { return role_; }
    const std::string& actor() const { return actor_; }

  private:
    VaultCapability(VaultRole role, std::string actor) : role_(role), actor_(std::move(actor)) {}
    VaultRole role_;
    std::string actor_;
};

struct SealedCredential {
    std::string ciphertext;  // S1, base64url
    uint32_t key_version = 0;
};

class CredentialSealer {
  public:
    CredentialSealer(Keyring& keyring, CredentialStore& store) : keyring_(keyring), store_(store) {}

    // Encrypts `fields` for `context` under the active key. Prefer Put: a ciphertext stored later than a
    // concurrent rotation's final scan stays under the old version (Retire then refuses, and Rewrap fixes it).
    core::Result<SealedCredential> Seal(const CredentialContext& context, const FieldMap& fields);

    // PUT /api/credentials/{marketplace}: validates (credential_fields.hpp; Error::Unprocessable naming the
    // field), keeps the existing row's id or mints "crd_...", seals, and upserts the row with status
    // untested and a hint. Returns the stored row (ciphertext and hint only).
    core::Result<CredentialRow> Put(std::string_view partner_id, core::Marketplace marketplace,
                                    std::string_view kind, const nlohmann::json& fields);

  private:
    Keyring& keyring_;
    CredentialStore& store_;
};

struct OpenRequest {
    std::string partner_id;
    core::Marketplace marketplace = core::Marketplace::kUzum;
    std::string job_id;
    std::string purpose;  // required: why the worker needs it ("publish", "credential_test", ...)
    std::optional<CredentialKind> kind;  // unset: the marketplace's API credential (see CredentialStore::Get)
};

// Move-only: holds the plaintext fields. Destroy it as soon as the stage is done.
struct OpenedCredential {
    OpenedCredential() = default;
    OpenedCredential(const OpenedCredential&) = delete;
    OpenedCredential& operator=(const OpenedCredential&) = delete;
    OpenedCredential(OpenedCredential&&) noexcept = default;
    OpenedCredential& operator=(OpenedCredential&&) noexcept = default;

    std::string credential_id;
    core::Marketplace marketplace = core::Marketplace::kUzum;
    CredentialKind kind = CredentialKind::kApiToken;
    uint32_t key_version = 0;
    FieldMap fields;

    // The field's value, or nullptr when the credential has no such field.
    const core::SecretBuffer* Field(std::string_view name) const {
        auto it = fields.find(name);
        return it == fields.end() ? nullptr : &it->second;
    }
};

class CredentialOpener {
  public:
    CredentialOpener(Keyring& keyring, const CredentialStore& store, AuditSink& audit, const core::Clock& clock,
                     VaultCapability capability)
        : keyring_(keyring), store_(store), audit_(audit), clock_(clock), capability_(std::move(capability)) {}

    // Decrypts the partner's credential for `marketplace`. Errors: Permission (not a worker), NotFound,
    // Crypto (malformed, unknown/retired version, wrong context, tampered), Unavailable (audit write failed).
    core::Result<OpenedCredential> Open(const OpenRequest& request);

  private:
    Keyring& keyring_;
    const CredentialStore& store_;
    AuditSink& audit_;
    const core::Clock& clock_;
    const VaultCapability capability_;
};

struct RotateOptions {
    size_t batch_size = 100;  // ids per ListIdsByKeyVersion call
    int max_passes = 5;       // re-scans while compare-and-swap conflicts occur
    // How long to wait for this process's in-flight encryptions under the old version before scanning.
    std::chrono::milliseconds drain_timeout{10'000};
    // Rotate only: pause between promotion and the scan so that other processes sharing the key file notice the
    // promotion first. Set it above KeyringOptions::reload_interval_ms (plus a PUT's duration) when other
    // processes encrypt; 0 (default) when this process is the only writer. Rows that still slip in behind the
    // scan are reported in `remaining` (and block Retire) until Rewrap runs again.
    std::chrono::milliseconds propagation_delay{0};
};

struct RotationReport {
    uint32_t from_version = 0;
    uint32_t to_version = 0;
    uint64_t rewrapped = 0;  // rows moved to the new version
    uint64_t conflicts = 0;  // CAS lost to a concurrent write (the row was re-checked on the next pass)
    uint64_t failed = 0;     // rows that could not be decrypted (audited); they keep the old version
    uint64_t remaining = 0;  // rows still under from_version at the end; Retire refuses while > 0
};

// S3 in one call: add version N+1 (decrypt_only), promote it, then Rewrap(N). Needs kKeyAdmin or kWorker.
core::Result<RotationReport> Rotate(CredentialStore& store, Keyring& keyring, AuditSink& audit,
                                    const core::Clock& clock, const VaultCapability& capability,
                                    const RotateOptions& options = {});

// Re-encrypts every row under `from_version` (not the active version) to the active version, in batches, each
// row with CompareAndSwapCiphertext. Resumable: run it again after a crash or when `remaining` > 0.
core::Result<RotationReport> Rewrap(CredentialStore& store, Keyring& keyring, AuditSink& audit,
                                    const core::Clock& clock, const VaultCapability& capability,
                                    uint32_t from_version, const RotateOptions& options = {});

}  // namespace by::vault
