#include "vault/keyring.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <sstream>

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "vault/aead.hpp"

namespace by::vault {

namespace detail {
struct InflightTracker {
    std::mutex mu;
    std::condition_variable cv;
    std::map<uint32_t, uint64_t> count;  // guarded by mu
};
}  // namespace detail

namespace {

constexpr std::string_view kKeyFileHeader = "by-master-keys v1";
constexpr std::string_view kCounterFileHeader = "by-key-counters v1";
constexpr size_t kMaxFileSize = 1 << 20;
constexpr uint64_t kMaxThreshold = uint64_t{1} << 32;
constexpr std::chrono::milliseconds kRetireDrainTimeout{10'000};

core::Error FileError(std::string message, const std::filesystem::path& path, int err) {
    return core::Error::Unavailable(std::move(message), path.string() + ": " + std::strerror(err));
}

// Holds an flock'ed descriptor; unlocks and closes on scope exit.
class FdGuard {
  public:
    explicit FdGuard(int fd) : fd_(fd) {}
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;
    ~FdGuard() {
        if (fd_ >= 0) {
            ::flock(fd_, LOCK_UN);
            ::close(fd_);
        }
    }

  private:
    int fd_;
};

struct FileContent {
    std::string text;  // the caller wipes it
    struct stat st {};
};

core::Result<FileContent> ReadSmallFile(const std::filesystem::path& path, bool require_private) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            return core::Error::NotFound("file not found");
        }
        return FileError("cannot open key material file", path, errno);
    }
    FileContent out;
    if (::fstat(fd, &out.st) != 0) {
        int err = errno;
        ::close(fd);
        return FileError("cannot stat key material file", path, err);
    }
    if (!S_ISREG(out.st.st_mode) || static_cast<size_t>(out.st.st_size) > kMaxFileSize) {
        ::close(fd);
        return core::Error::Invalid("key material file is not a small regular file");
    }
    if (require_private && (out.st.st_mode & 077) != 0) {
        ::close(fd);
        return core::Error::Permission("master key file must be private to its owner (chmod 600)");
    }
    out.text.resize(static_cast<size_t>(out.st.st_size));
    size_t done = 0;
    while (done < out.text.size()) {
        ssize_t n = ::read(fd, out.text.data() + done, out.text.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int err = n < 0 ? errno : EIO;
            ::close(fd);
            core::WipeString(out.text);
            return FileError("cannot read key material file", path, err);
        }
        done += static_cast<size_t>(n);
    }
    ::close(fd);
    return out;
}

core::Status FsyncDir(const std::filesystem::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return FileError("cannot open directory", dir, errno);
    }
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) {
        return FileError("cannot sync directory", dir, err);
    }
    return core::Ok();
}

// temp file (O_EXCL, 0600) + write + fsync + rename + fsync(dir): readers see the old or the new file, whole.
core::Status WriteFileAtomic(const std::filesystem::path& path, std::string_view content) {
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + core::RandomHex(8);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        return FileError("cannot create key material file", tmp, errno);
    }
    auto fail = [&](const char* what) {
        int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return FileError(what, path, err);
    };
    if (::fchmod(fd, 0600) != 0) {
        return fail("cannot set key material file mode");
    }
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return fail("cannot write key material file");
        }
        done += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        return fail("cannot sync key material file");
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return FileError("cannot replace key material file", path, err);
    }
    return FsyncDir(path.parent_path());
}

std::vector<std::string_view> SplitWords(std::string_view line) {
    std::vector<std::string_view> words;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
            ++i;
        }
        size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
            ++i;
        }
        if (i > start) {
            words.push_back(line.substr(start, i - start));
        }
    }
    return words;
}

std::optional<uint64_t> ParseUnsigned(std::string_view s, uint64_t max) {
    if (s.empty() || s.size() > 20) {
        return std::nullopt;
    }
    uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        uint64_t d = static_cast<uint64_t>(c - '0');
        if (v > (max - d) / 10) {
            return std::nullopt;
        }
        v = v * 10 + d;
    }
    return v;
}

std::optional<KeyState> ParseKeyState(std::string_view s) {
    for (KeyState k : {KeyState::kActive, KeyState::kDecryptOnly, KeyState::kRetired}) {
        if (KeyStateName(k) == s) {
            return k;
        }
    }
    return std::nullopt;
}

core::Result<KeyHandle> DecodeKey(std::string_view text) {
    auto decoded = core::Base64UrlDecode(text);
    if (!decoded || decoded->size() != kAes256KeySize) {
        if (decoded) {
            core::WipeString(*decoded);
        }
        return core::Error::Invalid("master key must be 32 bytes, base64url");
    }
    return std::make_shared<const core::SecretBuffer>(core::SecretBuffer::Take(std::move(*decoded)));
}

core::Result<KeyHandle> GenerateKey() {
    core::SecretBuffer key(kAes256KeySize);
    BY_TRY(FillRandom(key.data(), key.size()));
    return std::make_shared<const core::SecretBuffer>(std::move(key));
}

core::Error LineError(size_t line, const char* what) {
    return core::Error::Invalid("master key file line " + std::to_string(line) + ": " + what);
}

}  // namespace

std::string_view KeyStateName(KeyState state) {
    switch (state) {
        case KeyState::kActive: return "active";
        case KeyState::kDecryptOnly: return "decrypt_only";
        case KeyState::kRetired: return "retired";
    }
    return "retired";
}

// ---- EncryptionLease ------------------------------------------------------------------------------------------

EncryptionLease::EncryptionLease(uint32_t version, KeyHandle key, std::shared_ptr<detail::InflightTracker> tracker)
    : version_(version), key_(std::move(key)), tracker_(std::move(tracker)) {}

EncryptionLease::EncryptionLease(EncryptionLease&& other) noexcept
    : version_(other.version_), key_(std::move(other.key_)), tracker_(std::move(other.tracker_)) {}

EncryptionLease& EncryptionLease::operator=(EncryptionLease&& other) noexcept {
    if (this != &other) {
        Release();
        version_ = other.version_;
        key_ = std::move(other.key_);
        tracker_ = std::move(other.tracker_);
    }
    return *this;
}

EncryptionLease::~EncryptionLease() { Release(); }

void EncryptionLease::Release() {
    if (tracker_) {
        {
            std::lock_guard lock(tracker_->mu);
            auto it = tracker_->count.find(version_);
            if (it != tracker_->count.end() && --it->second == 0) {
                tracker_->count.erase(it);
            }
        }
        tracker_->cv.notify_all();
        tracker_.reset();
    }
    key_.reset();
}

// ---- Parsing and serialising ----------------------------------------------------------------------------------

namespace {

struct ParsedKeys {
    std::map<uint32_t, std::pair<KeyState, KeyHandle>> entries;
};

core::Result<ParsedKeys> ParseKeyFileText(std::string_view text) {
    ParsedKeys out;
    bool header_seen = false;
    size_t line_no = 0;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        auto words = SplitWords(line);
        if (words.empty() || words[0].front() == '#') {
            continue;
        }
        if (!header_seen) {
            if (words.size() != 2 || words[0] != "by-master-keys" || words[1] != "v1") {
                return LineError(line_no, "expected header \"by-master-keys v1\"");
            }
            header_seen = true;
            continue;
        }
        if (words.size() != 3) {
            return LineError(line_no, "expected \"<version> <state> <key>\"");
        }
        auto version = ParseUnsigned(words[0], 0x7FFFFFFF);
        if (!version || *version == 0) {
            return LineError(line_no, "version must be 1..2147483647");
        }
        auto state = ParseKeyState(words[1]);
        if (!state) {
            return LineError(line_no, "state must be active, decrypt_only or retired");
        }
        KeyHandle key;
        if (*state == KeyState::kRetired) {
            if (words[2] != "-") {
                return LineError(line_no, "a retired version keeps no key (use \"-\")");
            }
        } else {
            auto decoded = DecodeKey(words[2]);
            if (!decoded.ok()) {
                return LineError(line_no, "key must be 32 bytes, base64url");
            }
            key = std::move(decoded).value();
        }
        auto v = static_cast<uint32_t>(*version);
        if (!out.entries.emplace(v, std::make_pair(*state, std::move(key))).second) {
            return LineError(line_no, "duplicate version");
        }
    }
    if (!header_seen) {
        return core::Error::Invalid("master key file: missing header \"by-master-keys v1\"");
    }
    return out;
}

std::string SerializeKeyFile(const std::map<uint32_t, std::pair<KeyState, KeyHandle>>& entries) {
    std::string out =
        "# BiznesYordam master keys: <version> <active|decrypt_only|retired> <base64url 32-byte key | ->\n"
        "# Keep this file private (0600) and backed up: losing it loses every stored credential.\n";
    out += kKeyFileHeader;
    out += '\n';
    for (const auto& [version, entry] : entries) {
        out += std::to_string(version);
        out += ' ';
        out += KeyStateName(entry.first);
        out += ' ';
        if (entry.first == KeyState::kRetired || !entry.second) {
            out += '-';
        } else {
            std::string b64 = core::Base64UrlEncode(entry.second->view());
            out += b64;
            core::WipeString(b64);
        }
        out += '\n';
    }
    return out;
}

}  // namespace

// ---- Construction -----------------------------------------------------------------------------------------------

Keyring::Keyring(Mode mode, KeyringOptions options, std::filesystem::path key_file)
    : mode_(mode),
      options_(std::move(options)),
      key_file_(std::move(key_file)),
      inflight_(std::make_shared<detail::InflightTracker>()) {
    counter_file_ = options_.counter_file;
    if (counter_file_.empty() && mode_ == Mode::kFile) {
        counter_file_ = key_file_;
        counter_file_ += ".counters";
    }
    if (mode_ == Mode::kFile) {
        lock_file_ = key_file_;
        lock_file_ += ".lock";
    } else if (!counter_file_.empty()) {
        lock_file_ = counter_file_;
        lock_file_ += ".lock";
    }
}

Keyring::~Keyring() = default;

core::Status Keyring::ValidateOptions(const KeyringOptions& options) {
    if (options.nonce_threshold == 0 || options.nonce_threshold > kMaxThreshold) {
        return core::Error::Invalid("nonce_threshold must be 1..2^32");
    }
    if (options.counter_block == 0) {
        return core::Error::Invalid("counter_block must be positive");
    }
    if (options.reload_interval_ms < 0) {
        return core::Error::Invalid("reload_interval_ms must not be negative");
    }
    return core::Ok();
}

core::Result<KeyringPtr> Keyring::LoadFile(const std::filesystem::path& path, KeyringOptions options) {
    BY_TRY(ValidateOptions(options));
    KeyringPtr ring(new Keyring(Mode::kFile, std::move(options), path));
    std::lock_guard lock(ring->mu_);
    auto st = ring->ReloadLocked();
    if (!st.ok()) {
        if (st.error().code == core::ErrorCode::kNotFound) {
            return core::Error::NotFound("master key file not found");
        }
        return std::move(st).error();
    }
    return ring;
}

core::Result<KeyringPtr> Keyring::CreateIfMissing(const std::filesystem::path& path, KeyringOptions options) {
    BY_TRY(ValidateOptions(options));
    std::filesystem::path dir = path.parent_path();
    if (!dir.empty()) {
        std::error_code ec;
        if (!std::filesystem::exists(dir, ec)) {
            std::filesystem::create_directories(dir, ec);
            if (ec) {
                return core::Error::Unavailable("cannot create the data directory", dir.string());
            }
            std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
        }
    }
    KeyringPtr ring(new Keyring(Mode::kFile, std::move(options), path));
    std::lock_guard lock(ring->mu_);
    {
        // Two processes starting at once must not both create a first key.
        BY_ASSIGN(int fd, ring->LockFilesLocked());
        FdGuard guard(fd);
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            BY_ASSIGN(KeyHandle key, GenerateKey());
            std::map<uint32_t, std::pair<KeyState, KeyHandle>> entries;
            entries.emplace(1, std::make_pair(KeyState::kActive, std::move(key)));
            std::string text = SerializeKeyFile(entries);
            auto st = WriteFileAtomic(path, text);
            core::WipeString(text);
            BY_TRY(st);
        }
    }
    BY_TRY(ring->ReloadLocked());
    return ring;
}

core::Result<KeyringPtr> Keyring::FromKeyString(std::string_view keys, KeyringOptions options) {
    BY_TRY(ValidateOptions(options));
    KeyringPtr ring(new Keyring(Mode::kFixed, std::move(options), {}));
    KeyMap map;
    uint32_t next_implicit = 1;
    bool any_explicit = false;
    bool any_implicit = false;
    size_t pos = 0;
    size_t index = 0;
    while (pos <= keys.size()) {
        size_t end = keys.find_first_of(", \n\t", pos);
        std::string_view item = keys.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? keys.size() + 1 : end + 1;
        if (item.empty()) {
            continue;
        }
        ++index;
        uint32_t version = 0;
        size_t colon = item.find(':');
        if (colon != std::string_view::npos) {
            auto v = ParseUnsigned(item.substr(0, colon), 0x7FFFFFFF);
            if (!v || *v == 0) {
                return core::Error::Invalid("BY_MASTER_KEY entry " + std::to_string(index) + ": bad version");
            }
            version = static_cast<uint32_t>(*v);
            item = item.substr(colon + 1);
            any_explicit = true;
        } else {
            version = next_implicit++;
            any_implicit = true;
        }
        auto key = DecodeKey(item);
        if (!key.ok()) {
            return core::Error::Invalid("BY_MASTER_KEY entry " + std::to_string(index) +
                                        ": key must be 32 bytes, base64url");
        }
        if (!map.emplace(version, Entry{KeyState::kDecryptOnly, std::move(key).value()}).second) {
            return core::Error::Invalid("BY_MASTER_KEY: duplicate version");
        }
    }
    if (any_explicit && any_implicit) {
        return core::Error::Invalid("BY_MASTER_KEY: give a version for every key or for none");
    }
    if (map.empty()) {
        return core::Error::Invalid("BY_MASTER_KEY holds no key");
    }
    map.rbegin()->second.state = KeyState::kActive;
    ring->keys_ = std::move(map);
    ring->active_ = ring->keys_.rbegin()->first;
    return ring;
}

core::Result<KeyringPtr> Keyring::Ephemeral(KeyringOptions options) {
    BY_TRY(ValidateOptions(options));
    KeyringPtr ring(new Keyring(Mode::kEphemeral, std::move(options), {}));
    BY_ASSIGN(KeyHandle key, GenerateKey());
    ring->keys_.emplace(1, Entry{KeyState::kActive, std::move(key)});
    ring->active_ = 1;
    return ring;
}

core::Result<KeyringPtr> Keyring::FromEnvironment(const std::filesystem::path& data_dir, KeyringOptions options) {
    const char* file = std::getenv("BY_MASTER_KEY_FILE");
    const char* env = std::getenv("BY_MASTER_KEY");
    bool has_file = file != nullptr && *file != '\0';
    bool has_env = env != nullptr && *env != '\0';
    if (has_file && has_env) {
        return core::Error::Invalid("set only one of BY_MASTER_KEY_FILE and BY_MASTER_KEY");
    }
    if (has_file) {
        return LoadFile(file, std::move(options));
    }
    if (has_env) {
        if (options.counter_file.empty()) {
            options.counter_file = data_dir / "master.counters";
        }
        return FromKeyString(env, std::move(options));
    }
    return CreateIfMissing(data_dir / "master.keys", std::move(options));
}

std::string_view Keyring::SourceName() const {
    switch (mode_) {
        case Mode::kFile: return "file";
        case Mode::kFixed: return "environment";
        case Mode::kEphemeral: return "ephemeral";
    }
    return "ephemeral";
}

// ---- Internal state changes -------------------------------------------------------------------------------------

core::Result<uint32_t> Keyring::ActiveOf(const KeyMap& keys) {
    uint32_t active = 0;
    for (const auto& [version, entry] : keys) {
        if (entry.state == KeyState::kActive) {
            if (active != 0) {
                return core::Error::Invalid("master keys: more than one active version");
            }
            active = version;
        }
    }
    if (active == 0) {
        return core::Error::Invalid("master keys: no active version");
    }
    return active;
}

core::Result<uint32_t> Keyring::AddVersionTo(KeyMap& keys) {
    uint32_t next = keys.empty() ? 1 : keys.rbegin()->first + 1;
    if (next > 0x7FFFFFFF) {
        return core::Error::Conflict("master key versions exhausted");
    }
    BY_ASSIGN(KeyHandle key, GenerateKey());
    keys.emplace(next, Entry{KeyState::kDecryptOnly, std::move(key)});
    return next;
}

core::Status Keyring::PromoteIn(KeyMap& keys, uint32_t version) {
    auto it = keys.find(version);
    if (it == keys.end()) {
        return core::Error::NotFound("unknown key version");
    }
    if (it->second.state == KeyState::kRetired) {
        return core::Error::Conflict("a retired key version cannot be promoted");
    }
    for (auto& [v, entry] : keys) {
        if (entry.state == KeyState::kActive) {
            entry.state = KeyState::kDecryptOnly;
        }
    }
    it->second.state = KeyState::kActive;
    return core::Ok();
}

core::Result<int> Keyring::LockFilesLocked() {
    if (lock_file_.empty()) {
        return -1;
    }
    int fd = ::open(lock_file_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return FileError("cannot open key lock file", lock_file_, errno);
    }
    while (::flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            int err = errno;
            ::close(fd);
            return FileError("cannot lock key lock file", lock_file_, err);
        }
    }
    return fd;
}

core::Status Keyring::ReloadLocked() {
    if (mode_ != Mode::kFile) {
        return core::Ok();
    }
    BY_ASSIGN(FileContent content, ReadSmallFile(key_file_, options_.require_private_file));
    auto parsed = ParseKeyFileText(content.text);
    core::WipeString(content.text);
    if (!parsed.ok()) {
        return std::move(parsed).error();
    }
    KeyMap map;
    for (auto& [version, entry] : parsed->entries) {
        map.emplace(version, Entry{entry.first, std::move(entry.second)});
    }
    BY_ASSIGN(uint32_t active, ActiveOf(map));
    keys_ = std::move(map);
    active_ = active;
    stamp_ = FileStamp{static_cast<uint64_t>(content.st.st_dev), static_cast<uint64_t>(content.st.st_ino),
                       static_cast<uint64_t>(content.st.st_size),
                       static_cast<int64_t>(content.st.st_mtim.tv_sec) * 1'000'000'000 + content.st.st_mtim.tv_nsec};
    last_check_ = std::chrono::steady_clock::now();
    return core::Ok();
}

bool Keyring::KeyFileChangedLocked() const {
    struct stat st {};
    if (::stat(key_file_.c_str(), &st) != 0) {
        return false;  // keep the keys we have; the next locked operation reports the problem
    }
    FileStamp stamp{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                    static_cast<uint64_t>(st.st_size),
                    static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
    return !(stamp == stamp_);
}

void Keyring::MaybeReloadLocked() {
    if (mode_ != Mode::kFile) {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_check_ < std::chrono::milliseconds(options_.reload_interval_ms)) {
        return;
    }
    last_check_ = now;
    if (KeyFileChangedLocked()) {
        (void)ReloadLocked();  // on failure keep serving the last good keys
    }
}

core::Status Keyring::PersistKeysLocked(const KeyMap& keys) {
    if (mode_ != Mode::kFile) {
        return core::Ok();
    }
    std::map<uint32_t, std::pair<KeyState, KeyHandle>> entries;
    for (const auto& [version, entry] : keys) {
        entries.emplace(version, std::make_pair(entry.state, entry.key));
    }
    std::string text = SerializeKeyFile(entries);
    auto st = WriteFileAtomic(key_file_, text);
    core::WipeString(text);
    BY_TRY(st);
    // Record what we wrote so the next interval check does not re-read our own change.
    return ReloadLocked();
}

core::Status Keyring::MutateLocked(const std::function<core::Status(KeyMap&)>& change) {
    if (mode_ == Mode::kFixed) {
        return core::Error::Conflict("master keys come from BY_MASTER_KEY and cannot change at runtime");
    }
    BY_ASSIGN(int fd, LockFilesLocked());
    FdGuard guard(fd);
    BY_TRY(ReloadLocked());
    KeyMap next = keys_;
    BY_TRY(change(next));
    BY_ASSIGN(uint32_t active, ActiveOf(next));
    if (mode_ == Mode::kFile) {
        return PersistKeysLocked(next);
    }
    keys_ = std::move(next);
    active_ = active;
    return core::Ok();
}

core::Result<std::map<uint32_t, uint64_t>> Keyring::ReadCountersLocked() const {
    if (counter_file_.empty()) {
        return memory_counters_;
    }
    auto content = ReadSmallFile(counter_file_, false);
    if (!content.ok()) {
        if (content.error().code == core::ErrorCode::kNotFound) {
            return std::map<uint32_t, uint64_t>{};
        }
        return std::move(content).error();
    }
    std::map<uint32_t, uint64_t> out;
    std::istringstream in(content->text);
    std::string line;
    bool header_seen = false;
    while (std::getline(in, line)) {
        auto words = SplitWords(line);
        if (words.empty() || words[0].front() == '#') {
            continue;
        }
        if (!header_seen) {
            if (words.size() != 2 || words[0] != "by-key-counters" || words[1] != "v1") {
                return core::Error::Internal("key counter file is corrupt", counter_file_.string());
            }
            header_seen = true;
            continue;
        }
        auto version = words.size() == 2 ? ParseUnsigned(words[0], 0x7FFFFFFF) : std::nullopt;
        auto count = words.size() == 2 ? ParseUnsigned(words[1], UINT64_MAX) : std::nullopt;
        if (!version || !count) {
            // Never guess a count: an unreadable counter could let a key exceed its budget.
            return core::Error::Internal("key counter file is corrupt", counter_file_.string());
        }
        out[static_cast<uint32_t>(*version)] = *count;
    }
    if (!header_seen && !content->text.empty()) {
        return core::Error::Internal("key counter file is corrupt", counter_file_.string());
    }
    return out;
}

core::Status Keyring::WriteCountersLocked(const std::map<uint32_t, uint64_t>& counters) {
    if (counter_file_.empty()) {
        memory_counters_ = counters;
        return core::Ok();
    }
    std::string text = "# Encryptions reserved per master-key version (nonce budget). Do not lower these.\n";
    text += kCounterFileHeader;
    text += '\n';
    for (const auto& [version, count] : counters) {
        text += std::to_string(version) + ' ' + std::to_string(count) + '\n';
    }
    return WriteFileAtomic(counter_file_, text);
}

core::Status Keyring::ReserveBlockLocked() {
    BY_ASSIGN(int fd, LockFilesLocked());
    FdGuard guard(fd);
    BY_TRY(ReloadLocked());
    BY_ASSIGN(auto counters, ReadCountersLocked());
    uint32_t version = active_;
    uint64_t start = counters[version];
    if (start >= options_.nonce_threshold) {
        if (mode_ == Mode::kFixed) {
            return core::Error::Unavailable("the active master key reached its encryption limit; rotate keys");
        }
        KeyMap next = keys_;
        BY_ASSIGN(uint32_t added, AddVersionTo(next));
        BY_TRY(PromoteIn(next, added));
        if (mode_ == Mode::kFile) {
            BY_TRY(PersistKeysLocked(next));
        } else {
            keys_ = std::move(next);
            active_ = added;
        }
        version = active_;
        start = counters[version];
    }
    uint64_t end = std::min(start + options_.counter_block, options_.nonce_threshold);
    counters[version] = end;
    BY_TRY(WriteCountersLocked(counters));
    range_version_ = version;
    range_next_ = start;
    range_end_ = end;
    return core::Ok();
}

// ---- Public operations ------------------------------------------------------------------------------------------

uint32_t Keyring::ActiveVersion() const {
    std::lock_guard lock(mu_);
    return active_;
}

core::Result<KeyHandle> Keyring::Key(uint32_t version) {
    std::lock_guard lock(mu_);
    auto it = keys_.find(version);
    if (it == keys_.end() && mode_ == Mode::kFile && KeyFileChangedLocked()) {
        // Another process added it. Only a changed file is re-read, so forged versions cost one stat().
        BY_TRY(ReloadLocked());
        it = keys_.find(version);
    }
    if (it == keys_.end()) {
        return core::Error::Crypto("unknown key version");
    }
    if (it->second.state == KeyState::kRetired || !it->second.key) {
        return core::Error::Crypto("key version is retired");
    }
    return it->second.key;
}

core::Result<EncryptionLease> Keyring::AcquireEncryptionKey() {
    std::lock_guard lock(mu_);
    MaybeReloadLocked();
    if (range_version_ != active_ || range_next_ >= range_end_) {
        BY_TRY(ReserveBlockLocked());
    }
    auto it = keys_.find(range_version_);
    if (it == keys_.end() || !it->second.key || it->second.state != KeyState::kActive) {
        return core::Error::Internal("active master key missing");
    }
    ++range_next_;
    {
        std::lock_guard tracker_lock(inflight_->mu);
        ++inflight_->count[range_version_];
    }
    return EncryptionLease(range_version_, it->second.key, inflight_);
}

core::Result<uint32_t> Keyring::AddVersion() {
    std::lock_guard lock(mu_);
    uint32_t added = 0;
    BY_TRY(MutateLocked([&](KeyMap& keys) -> core::Status {
        BY_ASSIGN(added, AddVersionTo(keys));
        return core::Ok();
    }));
    return added;
}

core::Status Keyring::Promote(uint32_t version) {
    std::lock_guard lock(mu_);
    return MutateLocked([&](KeyMap& keys) { return PromoteIn(keys, version); });
}

core::Status Keyring::Retire(uint32_t version, const KeyVersionUsage& usage) {
    {
        std::lock_guard lock(mu_);
        auto it = keys_.find(version);
        if (it == keys_.end()) {
            return core::Error::NotFound("unknown key version");
        }
        if (it->second.state == KeyState::kActive) {
            return core::Error::Conflict("the active key version cannot be retired");
        }
        if (it->second.state == KeyState::kRetired) {
            return core::Ok();
        }
    }
    if (!WaitForEncryptionsToDrain(version, kRetireDrainTimeout)) {
        return core::Error::Conflict("encryptions under this key version are still in progress");
    }
    BY_ASSIGN(bool rows_remain, usage.AnyRowUnderKeyVersion(version));
    if (rows_remain) {
        return core::Error::Conflict("rows remain under this key version; re-encrypt them first");
    }
    std::lock_guard lock(mu_);
    return MutateLocked([&](KeyMap& keys) -> core::Status {
        auto it = keys.find(version);
        if (it == keys.end()) {
            return core::Error::NotFound("unknown key version");
        }
        if (it->second.state == KeyState::kActive) {
            return core::Error::Conflict("the active key version cannot be retired");
        }
        it->second.state = KeyState::kRetired;
        it->second.key.reset();  // the last holder's SecretBuffer destructor wipes the bytes
        return core::Ok();
    });
}

std::vector<KeyVersionInfo> Keyring::Versions() const {
    std::lock_guard lock(mu_);
    auto counters = ReadCountersLocked();
    std::vector<KeyVersionInfo> out;
    for (const auto& [version, entry] : keys_) {
        uint64_t reserved = 0;
        if (counters.ok()) {
            auto c = counters->find(version);
            reserved = c == counters->end() ? 0 : c->second;
        }
        out.push_back({version, entry.state, reserved});
    }
    return out;
}

core::Status Keyring::Reload() {
    std::lock_guard lock(mu_);
    return ReloadLocked();
}

bool Keyring::WaitForEncryptionsToDrain(uint32_t version, std::chrono::milliseconds timeout) {
    std::unique_lock lock(inflight_->mu);
    return inflight_->cv.wait_for(lock, timeout, [&] { return inflight_->count.count(version) == 0; });
}

}  // namespace by::vault
