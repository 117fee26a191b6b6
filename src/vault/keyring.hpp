// Versioned master keys for credential encryption (GUARANTEES S3, S4).
//
// Each version is a 32-byte AES-256 key in a SecretBuffer with a state:
//   active        encrypts (exactly one version) and decrypts
//   decrypt_only  decrypts; a new version starts here so every process can read it before anyone writes it
//   retired       key material destroyed; Key() refuses it (min_decryption_version semantics)
// Sources, in the order FromEnvironment tries them:
//   BY_MASTER_KEY_FILE  a key file that must exist;
//   BY_MASTER_KEY       comma-separated "[version:]base64url-key" entries, highest version active; immutable
//                       at runtime (rotation and auto-rotation refuse: change the variable instead);
//   <data-dir>/master.keys, created with mode 0600 on first start.
// Key file (text, written atomically: temp file 0600 + fsync + rename + fsync dir):
//   # comments
//   by-master-keys v1
//   <version> <active|decrypt_only|retired> <base64url key, or "-" when retired>
// In file mode the file is the source of truth shared by every process on the host: each change takes an
// exclusive flock on "<file>.lock", re-reads the file, applies the change and writes it back. Processes notice
// another process's change within reload_interval_ms when encrypting, and at once when asked for a version they
// do not know (the file is re-read only if its stat() changed).
//
// Nonce budget (S4): every encryption is counted against its version. Counts are reserved in blocks of
// counter_block in a sidecar file ("<key file>.counters", same locking), so a crash can only over-count, never
// reuse a count. When the active version's count reaches nonce_threshold the next encryption first adds and
// promotes a new version (file and ephemeral modes) or fails with Error::Unavailable (BY_MASTER_KEY mode).
//
// Thread-safety: all methods are safe to call concurrently. An EncryptionLease must not outlive its Keyring's
// process, but may outlive the Keyring object itself.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/secret.hpp"

namespace by::vault {

enum class KeyState { kActive, kDecryptOnly, kRetired };
std::string_view KeyStateName(KeyState state);  // "active", "decrypt_only", "retired"

struct KeyringOptions {
    // Encryptions allowed under one version before auto-rotation. Default 2^30, well below the 2^32 bound for
    // random 96-bit nonces (NIST SP 800-38D). Must be 1..2^32.
    uint64_t nonce_threshold = uint64_t{1} << 30;
    // Counts reserved per counter-file write. Larger = fewer writes, more over-count after a crash. Default 1024.
    uint64_t counter_block = 1024;
    // Counter sidecar. Default: "<key file>.counters" in file mode; in memory (not persisted) for BY_MASTER_KEY
    // and ephemeral keyrings unless set. FromEnvironment sets "<data-dir>/master.counters" for BY_MASTER_KEY.
    std::filesystem::path counter_file;
    // Refuse a key file that group or others can read or write (as ssh does). Default true.
    bool require_private_file = true;
    // How often an encrypting process checks the key file for another process's change. Default 1000 ms.
    int64_t reload_interval_ms = 1000;
};

// Something that can say whether rows are still encrypted under a version (Retire's proof). The credential
// store implements it; any other table that stores S1 ciphertexts must be asked too.
class KeyVersionUsage {
  public:
    virtual ~KeyVersionUsage() = default;
    virtual core::Result<bool> AnyRowUnderKeyVersion(uint32_t version) const = 0;
};

using KeyHandle = std::shared_ptr<const core::SecretBuffer>;

namespace detail {
struct InflightTracker;
}

// The right to perform ONE encryption under `version()` (already counted against the nonce budget). Hold it
// until the ciphertext is stored: a rotation waits for outstanding leases of the old version before its final
// scan, so no row written by this process can slip in under the old version behind it.
class EncryptionLease {
  public:
    EncryptionLease(EncryptionLease&& other) noexcept;
    EncryptionLease& operator=(EncryptionLease&& other) noexcept;
    EncryptionLease(const EncryptionLease&) = delete;
    EncryptionLease& operator=(const EncryptionLease&) = delete;
    ~EncryptionLease();

    uint32_t version() const { return version_; }
    const core::SecretBuffer& key() const { return *key_; }

  private:
    friend class Keyring;
    EncryptionLease(uint32_t version, KeyHandle key, std::shared_ptr<detail::InflightTracker> tracker);
    void Release();

    uint32_t version_ = 0;
    KeyHandle key_;
    std::shared_ptr<detail::InflightTracker> tracker_;
};

struct KeyVersionInfo {
    uint32_t version = 0;
    KeyState state = KeyState::kDecryptOnly;
    uint64_t encryptions_reserved = 0;  // upper bound on encryptions so far
};

class Keyring;
using KeyringPtr = std::unique_ptr<Keyring>;

class Keyring {
  public:
    // An existing key file (Error::NotFound if missing).
    static core::Result<KeyringPtr> LoadFile(const std::filesystem::path& path, KeyringOptions options = {});
    // Loads the key file, or creates it (mode 0600, parent directories 0700) with version 1 active.
    static core::Result<KeyringPtr> CreateIfMissing(const std::filesystem::path& path, KeyringOptions options = {});
    // BY_MASTER_KEY syntax: "key" or "1:key,2:key" (base64url, 32 bytes each). Immutable.
    static core::Result<KeyringPtr> FromKeyString(std::string_view keys, KeyringOptions options = {});
    // A random version 1, in memory only; mutable. For tests and throwaway demos.
    static core::Result<KeyringPtr> Ephemeral(KeyringOptions options = {});
    // BY_MASTER_KEY_FILE, else BY_MASTER_KEY, else <data_dir>/master.keys (created). Both set: Error::Invalid.
    static core::Result<KeyringPtr> FromEnvironment(const std::filesystem::path& data_dir,
                                                    KeyringOptions options = {});

    Keyring(const Keyring&) = delete;
    Keyring& operator=(const Keyring&) = delete;
    ~Keyring();

    uint32_t ActiveVersion() const;
    // The key for decrypting under `version`: active or decrypt_only. Unknown or retired: Error::Crypto.
    core::Result<KeyHandle> Key(uint32_t version);
    // Counts one encryption against the active version (auto-rotating at the threshold) and returns its key.
    core::Result<EncryptionLease> AcquireEncryptionKey();

    // Adds version max+1 as decrypt_only and returns it. Error::Conflict for BY_MASTER_KEY keyrings.
    core::Result<uint32_t> AddVersion();
    // Makes `version` (decrypt_only) the active one; the previous active becomes decrypt_only.
    core::Status Promote(uint32_t version);
    // Destroys `version`'s key after `usage` proves no row remains under it (Error::Conflict otherwise).
    // The active version cannot be retired. Waits (bounded) for this process's leases of `version` first.
    core::Status Retire(uint32_t version, const KeyVersionUsage& usage);

    std::vector<KeyVersionInfo> Versions() const;
    // Re-reads the key file now (file mode; no-op otherwise).
    core::Status Reload();
    // Blocks until no EncryptionLease of `version` is outstanding in this process, or `timeout` passes.
    bool WaitForEncryptionsToDrain(uint32_t version, std::chrono::milliseconds timeout);

    // Where keys come from: "file", "environment" or "ephemeral" (for `keys` CLI output; never key bytes).
    std::string_view SourceName() const;
    const std::filesystem::path& key_file() const { return key_file_; }

  private:
    enum class Mode { kFile, kFixed, kEphemeral };
    struct Entry {
        KeyState state = KeyState::kDecryptOnly;
        KeyHandle key;  // null when retired
    };
    using KeyMap = std::map<uint32_t, Entry>;
    struct FileStamp {
        uint64_t dev = 0, ino = 0, size = 0;
        int64_t mtime_ns = 0;
        bool operator==(const FileStamp&) const = default;
    };

    Keyring(Mode mode, KeyringOptions options, std::filesystem::path key_file);
    static core::Status ValidateOptions(const KeyringOptions& options);
    static core::Result<uint32_t> ActiveOf(const KeyMap& keys);
    static core::Result<uint32_t> AddVersionTo(KeyMap& keys);
    static core::Status PromoteIn(KeyMap& keys, uint32_t version);

    // All *Locked members require mu_ held.
    core::Result<int> LockFilesLocked();  // fd holding an exclusive flock, or -1 when nothing is shared
    core::Status ReloadLocked();
    bool KeyFileChangedLocked() const;
    void MaybeReloadLocked();
    core::Status PersistKeysLocked(const KeyMap& keys);
    core::Status MutateLocked(const std::function<core::Status(KeyMap&)>& change);
    core::Status ReserveBlockLocked();
    core::Result<std::map<uint32_t, uint64_t>> ReadCountersLocked() const;
    core::Status WriteCountersLocked(const std::map<uint32_t, uint64_t>& counters);

    const Mode mode_;
    const KeyringOptions options_;
    const std::filesystem::path key_file_;
    std::filesystem::path counter_file_;
    std::filesystem::path lock_file_;

    mutable std::mutex mu_;
    KeyMap keys_;                                    // guarded by mu_
    uint32_t active_ = 0;                            // guarded by mu_
    std::map<uint32_t, uint64_t> memory_counters_;   // guarded by mu_; used when there is no counter file
    uint32_t range_version_ = 0;                     // guarded by mu_: the reserved block being consumed
    uint64_t range_next_ = 0;                        // guarded by mu_
    uint64_t range_end_ = 0;                         // guarded by mu_
    FileStamp stamp_;                                // guarded by mu_: the key file last read
    std::chrono::steady_clock::time_point last_check_;  // guarded by mu_
    std::shared_ptr<detail::InflightTracker> inflight_;
};

}  // namespace by::vault
