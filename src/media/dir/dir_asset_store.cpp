#include "media/dir/dir_asset_store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "core/ids.hpp"

namespace by::media {
namespace {

namespace fs = std::filesystem;

bool IsValidMime(std::string_view mime) {
    if (mime.empty() || mime.size() > 127) {
        return false;
    }
    size_t slash = mime.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == mime.size()) {
        return false;
    }
    for (char c : mime) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                  c == '-' || c == '+' || c == '.' || c == '_';
        if (!ok) {
            return false;
        }
    }
    return mime.find('/', slash + 1) == std::string_view::npos;
}

std::string ErrnoText(int err) { return std::strerror(err); }

// Writes bytes to a fresh file in tmp_dir, optionally fsyncs it, then renames it onto `target`.
core::Status WriteAtomic(const fs::path& tmp_dir, const fs::path& target, std::string_view bytes, bool sync) {
    fs::path tmp = tmp_dir / (core::RandomHex(12) + ".tmp");
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        return core::Error::Unavailable("asset store is not writable", "open " + tmp.string() + ": " + ErrnoText(errno));
    }
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            return core::Error::Unavailable("asset store write failed", "write " + tmp.string() + ": " + ErrnoText(err));
        }
        done += static_cast<size_t>(n);
    }
    if (sync && ::fsync(fd) != 0) {
        int err = errno;
        ::close(fd);
        ::unlink(tmp.c_str());
        return core::Error::Unavailable("asset store write failed", "fsync: " + ErrnoText(err));
    }
    if (::close(fd) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return core::Error::Unavailable("asset store write failed", "close: " + ErrnoText(err));
    }
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        return core::Error::Unavailable("asset store write failed", "rename: " + ErrnoText(err));
    }
    if (sync) {
        int dfd = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            ::fsync(dfd);
            ::close(dfd);
        }
    }
    return core::Ok();
}

core::Result<std::string> ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::Error::NotFound("asset not found");
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        return core::Error::Unavailable("asset read failed", path.string());
    }
    return std::move(ss).str();
}

class DirAssetStore final : public AssetStore {
  public:
    explicit DirAssetStore(DirAssetStoreOptions options) : options_(std::move(options)) {}

    core::Result<AssetInfo> Put(std::string_view bytes, std::string_view mime) override {
        if (!IsValidMime(mime)) {
            return core::Error::Invalid("mime type must look like type/subtype", "mime");
        }
        AssetInfo info{AssetIdFor(bytes), std::string(mime), static_cast<int64_t>(bytes.size())};
        fs::path data = DataPath(info.id);
        std::error_code ec;
        if (fs::exists(data, ec)) {
            // Deduplicated: keep the first record (and its mime).
            return Stat(info.id);
        }
        fs::create_directories(data.parent_path(), ec);
        if (ec) {
            return core::Error::Unavailable("asset store is not writable", ec.message());
        }
        BY_TRY(WriteAtomic(TmpDir(), MimePath(info.id), info.mime, options_.fsync));
        BY_TRY(WriteAtomic(TmpDir(), data, bytes, options_.fsync));
        return info;
    }

    core::Result<Asset> Get(std::string_view id) const override {
        BY_ASSIGN(AssetInfo info, Stat(id));
        BY_ASSIGN(std::string bytes, ReadFile(DataPath(info.id)));
        if (static_cast<int64_t>(bytes.size()) != info.size) {
            return core::Error::Unavailable("asset changed while reading", info.id);
        }
        return Asset{std::move(info), std::move(bytes)};
    }

    core::Result<AssetInfo> Stat(std::string_view id) const override {
        if (!IsValidAssetId(id)) {
            return core::Error::Invalid("asset id must be 64 lowercase hex digits", "id");
        }
        std::string sid(id);
        std::error_code ec;
        auto size = fs::file_size(DataPath(sid), ec);
        if (ec) {
            return core::Error::NotFound("asset not found");
        }
        std::string mime = "application/octet-stream";
        if (auto m = ReadFile(MimePath(sid)); m.ok() && IsValidMime(*m)) {
            mime = std::move(m).value();
        }
        return AssetInfo{sid, std::move(mime), static_cast<int64_t>(size)};
    }

    core::Result<bool> Exists(std::string_view id) const override {
        if (!IsValidAssetId(id)) {
            return core::Error::Invalid("asset id must be 64 lowercase hex digits", "id");
        }
        std::error_code ec;
        return fs::exists(DataPath(std::string(id)), ec);
    }

    std::optional<fs::path> LocalPath(std::string_view id) const override {
        if (!IsValidAssetId(id)) {
            return std::nullopt;
        }
        fs::path p = DataPath(std::string(id));
        std::error_code ec;
        if (!fs::exists(p, ec)) {
            return std::nullopt;
        }
        return p;
    }

  private:
    fs::path DataPath(const std::string& id) const { return options_.root / id.substr(0, 2) / id.substr(2); }
    fs::path MimePath(const std::string& id) const {
        return options_.root / id.substr(0, 2) / (id.substr(2) + ".mime");
    }
    fs::path TmpDir() const { return options_.root / "tmp"; }

    const DirAssetStoreOptions options_;
};

}  // namespace

core::Result<AssetStorePtr> OpenDirAssetStore(const DirAssetStoreOptions& options) {
    if (options.root.empty()) {
        return core::Error::Invalid("asset store root is empty", "root");
    }
    std::error_code ec;
    fs::create_directories(options.root / "tmp", ec);
    if (ec) {
        return core::Error::Unavailable("cannot create the asset store directory", options.root.string() + ": " +
                                                                                      ec.message());
    }
    return AssetStorePtr(std::make_unique<DirAssetStore>(options));
}

}  // namespace by::media
