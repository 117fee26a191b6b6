// Where every credential decryption is recorded (GUARANTEES S12; the KMS/CloudTrail analogue).
//
// The opener writes one DecryptAuditRecord per attempt, successful or not (denied by role, row missing, key
// unknown or retired, AAD/authentication failure), and the rotation writes one per re-encrypted row. A record
// carries who, whose credential, which key version, which job and why; never a value or a hint. If recording a
// successful decryption fails, the opener withholds the plaintext (fail closed).
// src/store/ implements AuditSink over the audit_log table; MemoryAuditSink serves tests.
// Thread-safety: implementations must be safe for concurrent use.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/error.hpp"

namespace by::vault {

enum class AuditOutcome { kSuccess, kDenied, kFailed };

inline std::string_view AuditOutcomeName(AuditOutcome outcome) {
    switch (outcome) {
        case AuditOutcome::kSuccess: return "success";
        case AuditOutcome::kDenied: return "denied";
        case AuditOutcome::kFailed: return "failed";
    }
    return "failed";
}

struct DecryptAuditRecord {
    int64_t at_ms = 0;
    std::string actor;  // worker id, or the key admin running a rotation
    std::string partner_id;
    core::Marketplace marketplace = core::Marketplace::kUzum;
    std::string credential_id;  // empty when no row was found
    uint32_t key_version = 0;   // 0 when unknown
    std::string job_id;
    std::string purpose;  // e.g. "publish", "credential_test", "key_rotation"
    AuditOutcome outcome = AuditOutcome::kFailed;
    std::string error_code;  // core::ErrorCodeName of the failure; empty on success
};

class AuditSink {
  public:
    virtual ~AuditSink() = default;
    virtual core::Status RecordDecrypt(const DecryptAuditRecord& record) = 0;
};

// Keeps records in memory; can be told to fail, to test fail-closed behaviour.
class MemoryAuditSink final : public AuditSink {
  public:
    core::Status RecordDecrypt(const DecryptAuditRecord& record) override {
        std::lock_guard lock(mu_);
        if (fail_) {
            return core::Error::Unavailable("audit log unavailable");
        }
        records_.push_back(record);
        return core::Ok();
    }
    std::vector<DecryptAuditRecord> Records() const {
        std::lock_guard lock(mu_);
        return records_;
    }
    void SetFailing(bool fail) {
        std::lock_guard lock(mu_);
        fail_ = fail;
    }

  private:
    mutable std::mutex mu_;
    std::vector<DecryptAuditRecord> records_;  // guarded by mu_
    bool fail_ = false;                        // guarded by mu_
};

}  // namespace by::vault
