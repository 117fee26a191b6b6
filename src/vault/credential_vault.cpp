#include "vault/credential_vault.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <thread>

#include "core/ids.hpp"
#include "vault/aead.hpp"
#include "vault/credential_fields.hpp"

namespace by::vault {
namespace {

CredentialContext ContextOf(const CredentialRow& row) {
    return CredentialContext{row.partner_id, row.marketplace, row.id, row.kind};
}

core::Result<SealedCredential> SealUnder(const EncryptionLease& lease, const CredentialContext& context,
                                         std::string_view plaintext) {
    const std::string aad = BuildAad(context);
    BY_ASSIGN(SealedBox box, Seal(lease.key().view(), plaintext, aad));
    StoredCiphertext stored{lease.version(), box.nonce, std::move(box.ciphertext), box.tag};
    return SealedCredential{EncodeStored(stored), lease.version()};
}

// Decrypts a row's ciphertext. `version_seen` receives the header's version once parsed (for the audit record).
core::Result<core::SecretBuffer> DecryptRow(Keyring& keyring, const CredentialRow& row, uint32_t& version_seen) {
    BY_ASSIGN(StoredCiphertext stored, ParseStored(row.ciphertext));
    version_seen = stored.key_version;
    if (stored.key_version != row.key_version) {
        return core::Error::Crypto("key version column does not match the ciphertext");
    }
    BY_ASSIGN(KeyHandle key, keyring.Key(stored.key_version));
    const std::string aad = BuildAad(ContextOf(row));
    return Open(key->view(), AsView(stored.nonce), aad, stored.ciphertext, AsView(stored.tag));
}

DecryptAuditRecord BaseRecord(const core::Clock& clock, const VaultCapability& capability, std::string partner_id,
                              core::Marketplace marketplace, std::string job_id, std::string purpose) {
    DecryptAuditRecord record;
    record.at_ms = clock.NowMs();
    record.actor = capability.actor();
    record.partner_id = std::move(partner_id);
    record.marketplace = marketplace;
    record.job_id = std::move(job_id);
    record.purpose = std::move(purpose);
    return record;
}

// Audits a failed attempt and hands the error back. A failure to audit a failure cannot be reported any
// better than the original error, which is what the caller needs to see.
core::Error AuditFailure(AuditSink& audit, DecryptAuditRecord& record, core::Error error, AuditOutcome outcome) {
    record.outcome = outcome;
    record.error_code = core::ErrorCodeName(error.code);
    (void)audit.RecordDecrypt(record);
    return error;
}

}  // namespace

// ---- Sealer -------------------------------------------------------------------------------------------------------

core::Result<SealedCredential> CredentialSealer::Seal(const CredentialContext& context, const FieldMap& fields) {
    if (context.partner_id.empty() || context.credential_id.empty()) {
        return core::Error::Invalid("credential context needs a partner and a credential id");
    }
    for (const auto& [name, value] : fields) {
        if (name.empty() || name.size() > kMaxFieldNameLength) {
            return core::Error::Invalid("field names must be 1..64 bytes");
        }
    }
    BY_ASSIGN(EncryptionLease lease, keyring_.AcquireEncryptionKey());
    const core::SecretBuffer plaintext = EncodeFields(fields);
    return SealUnder(lease, context, plaintext.view());
}

core::Result<CredentialRow> CredentialSealer::Put(std::string_view partner_id, core::Marketplace marketplace,
                                                  std::string_view kind_name, const nlohmann::json& fields) {
    if (partner_id.empty()) {
        return core::Error::Invalid("partner is required");
    }
    auto kind = ParseCredentialKind(kind_name);
    if (!kind) {
        return core::Error::Unprocessable("kind must be one of api_token, client_key, api_key, cabinet_login",
                                          "kind");
    }
    BY_ASSIGN(FieldMap normalized, NormalizeCredentialFields(marketplace, *kind, fields));

    std::string id;
    auto existing = store_.Get(partner_id, marketplace, *kind);
    if (existing.ok()) {
        id = existing->id;
    } else if (existing.error().code == core::ErrorCode::kNotFound) {
        id = core::NewId("crd");
    } else {
        return std::move(existing).error();
    }
    CredentialContext context{std::string(partner_id), marketplace, id, *kind};

    // The lease lives until the row is stored (see EncryptionLease).
    BY_ASSIGN(EncryptionLease lease, keyring_.AcquireEncryptionKey());
    SealedCredential sealed;
    {
        const core::SecretBuffer plaintext = EncodeFields(normalized);
        BY_ASSIGN(sealed, SealUnder(lease, context, plaintext.view()));
    }
    CredentialRow row;
    row.id = id;
    row.partner_id = std::string(partner_id);
    row.marketplace = marketplace;
    row.kind = *kind;
    row.ciphertext = std::move(sealed.ciphertext);
    row.key_version = sealed.key_version;
    row.status = CredentialStatus::kUntested;
    row.hint = Hint(*kind, normalized);
    BY_TRY(store_.Upsert(row));
    return row;
}

// ---- Opener -------------------------------------------------------------------------------------------------------

core::Result<OpenedCredential> CredentialOpener::Open(const OpenRequest& request) {
    DecryptAuditRecord record = BaseRecord(clock_, capability_, request.partner_id, request.marketplace,
                                           request.job_id, request.purpose);
    if (capability_.role() != VaultRole::kWorker) {
        return AuditFailure(audit_, record, core::Error::Permission("only worker processes may decrypt credentials"),
                            AuditOutcome::kDenied);
    }
    if (request.purpose.empty() || request.partner_id.empty()) {
        return AuditFailure(audit_, record, core::Error::Invalid("a decryption needs a partner and a purpose"),
                            AuditOutcome::kDenied);
    }
    auto row = store_.Get(request.partner_id, request.marketplace, request.kind);
    if (!row.ok()) {
        return AuditFailure(audit_, record, std::move(row).error(), AuditOutcome::kFailed);
    }
    record.credential_id = row->id;
    record.key_version = row->key_version;
    uint32_t version_seen = 0;
    auto plaintext = DecryptRow(keyring_, *row, version_seen);
    if (version_seen != 0) {
        record.key_version = version_seen;
    }
    if (!plaintext.ok()) {
        return AuditFailure(audit_, record, std::move(plaintext).error(), AuditOutcome::kFailed);
    }
    auto fields = DecodeFields(plaintext->view());
    if (!fields.ok()) {
        return AuditFailure(audit_, record, std::move(fields).error(), AuditOutcome::kFailed);
    }
    record.outcome = AuditOutcome::kSuccess;
    if (auto st = audit_.RecordDecrypt(record); !st.ok()) {
        // Fail closed: no audit record, no plaintext (the buffers are wiped on return).
        return core::Error::Unavailable("audit log unavailable; credential not released", st.error().ToString());
    }
    OpenedCredential out;
    out.credential_id = row->id;
    out.marketplace = row->marketplace;
    out.kind = row->kind;
    out.key_version = version_seen;
    out.fields = std::move(fields).value();
    return out;
}

// ---- Rotation -----------------------------------------------------------------------------------------------------

namespace {

// Returns true when the row moved to the active version, false when a concurrent write won the CAS.
core::Result<bool> RewrapRow(CredentialStore& store, Keyring& keyring, AuditSink& audit, const core::Clock& clock,
                             const VaultCapability& capability, const CredentialRow& row) {
    DecryptAuditRecord record = BaseRecord(clock, capability, row.partner_id, row.marketplace, "", "key_rotation");
    record.credential_id = row.id;
    record.key_version = row.key_version;
    uint32_t version_seen = 0;
    auto plaintext = DecryptRow(keyring, row, version_seen);
    if (!plaintext.ok()) {
        return AuditFailure(audit, record, std::move(plaintext).error(), AuditOutcome::kFailed);
    }
    record.outcome = AuditOutcome::kSuccess;
    if (auto st = audit.RecordDecrypt(record); !st.ok()) {
        return core::Error::Unavailable("audit log unavailable; rotation paused", st.error().ToString());
    }
    BY_ASSIGN(EncryptionLease lease, keyring.AcquireEncryptionKey());
    if (lease.version() == row.key_version) {
        return core::Error::Conflict("the row is already under the active key version");
    }
    BY_ASSIGN(SealedCredential sealed, SealUnder(lease, ContextOf(row), plaintext->view()));
    return store.CompareAndSwapCiphertext(row.id, row.key_version, row.ciphertext, sealed.ciphertext,
                                          sealed.key_version);
}

core::Result<uint64_t> CountUnderVersion(const CredentialStore& store, uint32_t version, size_t batch) {
    uint64_t count = 0;
    std::string cursor;
    while (true) {
        BY_ASSIGN(std::vector<std::string> ids, store.ListIdsByKeyVersion(version, cursor, batch));
        count += ids.size();
        if (ids.size() < batch) {
            return count;
        }
        cursor = ids.back();
    }
}

}  // namespace

core::Result<RotationReport> Rewrap(CredentialStore& store, Keyring& keyring, AuditSink& audit,
                                    const core::Clock& clock, const VaultCapability& capability,
                                    uint32_t from_version, const RotateOptions& options) {
    if (capability.role() == VaultRole::kApi) {
        return core::Error::Permission("only workers or key admins may re-encrypt credentials");
    }
    if (options.batch_size == 0 || options.max_passes <= 0) {
        return core::Error::Invalid("batch_size and max_passes must be positive");
    }
    if (from_version == keyring.ActiveVersion()) {
        return core::Error::Invalid("cannot re-encrypt rows under the active key version");
    }
    // After promotion no new lease of from_version is handed out here; wait for the ones in flight so that a
    // concurrent PUT cannot store an old-version row behind the scan.
    (void)keyring.WaitForEncryptionsToDrain(from_version, options.drain_timeout);

    RotationReport report;
    report.from_version = from_version;
    std::set<std::string, std::less<>> failed_ids;
    for (int pass = 0; pass < options.max_passes; ++pass) {
        uint64_t pass_conflicts = 0;
        std::string cursor;
        while (true) {
            BY_ASSIGN(std::vector<std::string> ids,
                      store.ListIdsByKeyVersion(from_version, cursor, options.batch_size));
            for (const std::string& id : ids) {
                if (failed_ids.count(id) != 0) {
                    continue;
                }
                auto row = store.GetById(id);
                if (!row.ok()) {
                    if (row.error().code == core::ErrorCode::kNotFound) {
                        continue;  // deleted meanwhile
                    }
                    return std::move(row).error();
                }
                if (row->key_version != from_version) {
                    continue;  // rewritten meanwhile
                }
                auto swapped = RewrapRow(store, keyring, audit, clock, capability, *row);
                if (!swapped.ok()) {
                    if (swapped.error().code == core::ErrorCode::kUnavailable) {
                        return std::move(swapped).error();  // store or audit down: stop, resumable
                    }
                    ++report.failed;
                    failed_ids.insert(id);
                } else if (*swapped) {
                    ++report.rewrapped;
                } else {
                    ++report.conflicts;
                    ++pass_conflicts;
                }
            }
            if (ids.size() < options.batch_size) {
                break;
            }
            cursor = ids.back();
        }
        if (pass_conflicts == 0) {
            break;
        }
    }
    BY_ASSIGN(report.remaining, CountUnderVersion(store, from_version, options.batch_size));
    report.to_version = keyring.ActiveVersion();
    return report;
}

core::Result<RotationReport> Rotate(CredentialStore& store, Keyring& keyring, AuditSink& audit,
                                    const core::Clock& clock, const VaultCapability& capability,
                                    const RotateOptions& options) {
    if (capability.role() == VaultRole::kApi) {
        return core::Error::Permission("only workers or key admins may rotate keys");
    }
    const uint32_t from = keyring.ActiveVersion();
    BY_ASSIGN(uint32_t added, keyring.AddVersion());
    BY_TRY(keyring.Promote(added));
    if (options.propagation_delay.count() > 0) {
        std::this_thread::sleep_for(options.propagation_delay);
    }
    return Rewrap(store, keyring, audit, clock, capability, from, options);
}

}  // namespace by::vault
