// `biznesyordam backup --out FILE` and `restore --from FILE`, for the SQLite default (PostgreSQL: pg_dump,
// see docs/operations.md). The backup is a ustar file holding a consistent snapshot of the database taken
// with SQLite's online backup API (the server may keep running), every asset file, and a manifest. The
// master key and the media-link key are never written into it: a backup that travels must not carry the
// means to read the credentials in it; keep the key file apart (docs/operations.md, "Keys").
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/tar.hpp"
#include "core/ids.hpp"

namespace by::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kManifest = "MANIFEST.json";
constexpr const char* kDbEntry = "biznesyordam.db";

struct Paths {
    fs::path data_dir, db, assets;
};

core::Result<Paths> Resolve(const CommonOptions& common) {
    BY_ASSIGN(Config c, LoadConfig(common.config_file));
    if (!common.data_dir.empty()) c.data_dir = common.data_dir;
    Paths p;
    p.data_dir = fs::absolute(c.data_dir);
    p.assets = p.data_dir / "assets";
    std::string url = c.database_url.empty() ? "sqlite://" + p.data_dir.string() + "/biznesyordam.db" : c.database_url;
    if (url.rfind("sqlite://", 0) == 0) {
        p.db = url.substr(9);
    } else if (url.size() > 3 && url.compare(url.size() - 3, 3, ".db") == 0 && url.find("://") == std::string::npos) {
        p.db = url;
    } else {
        return core::Error::Invalid("backup and restore cover the SQLite default; for PostgreSQL use pg_dump and "
                                    "pg_restore (docs/operations.md, Backups)");
    }
    return p;
}

std::string ReadFile(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// A consistent copy of a live database (WAL readers and writers may carry on meanwhile).
core::Status Snapshot(const fs::path& from, const fs::path& to) {
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto close = [&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    };
    if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK ||
        sqlite3_open(to.c_str(), &dst) != SQLITE_OK) {
        std::string m = sqlite3_errmsg(src ? src : dst);
        close();
        return core::Error::Unavailable("cannot open the database for backup: " + m);
    }
    sqlite3_busy_timeout(src, 5000);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        do {
            rc = sqlite3_backup_step(b, 256);
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
        sqlite3_backup_finish(b);
    }
    std::string m = sqlite3_errmsg(dst);
    close();
    if (rc != SQLITE_DONE) return core::Error::Unavailable("database backup failed: " + m);
    return core::Ok();
}

// "ok" from PRAGMA integrity_check, or the reason it is not a sound database.
core::Status CheckDatabase(const fs::path& db) {
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(h);
        return core::Error::Invalid("the backup's database does not open");
    }
    std::string verdict;
    sqlite3_exec(
        h, "PRAGMA integrity_check",
        [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) += values[0] ? values[0] : "";
            return 0;
        },
        &verdict, nullptr);
    sqlite3_close(h);
    if (verdict != "ok") return core::Error::Invalid("the backup's database is damaged: " + verdict.substr(0, 200));
    return core::Ok();
}

int Report(const char* what, const core::Error& e) {
    std::fprintf(stderr, "biznesyordam %s: %s\n", what, e.message.c_str());
    return e.code == core::ErrorCode::kInvalid || e.code == core::ErrorCode::kConflict ? 2 : 1;
}

}  // namespace

int CmdBackup(const CommonOptions& common, const std::string& out) {
    auto paths = Resolve(common);
    if (!paths.ok()) return Report("backup", paths.error());
    if (!fs::exists(paths->db)) return Report("backup", core::Error::Invalid("no database at " + paths->db.string()));
    fs::path tmp_db = fs::path(out).parent_path() / (".by-backup-" + core::RandomHex(6) + ".db");
    fs::path tmp_out = out + ".partial";
    auto cleanup = [&] {
        std::error_code ec;
        fs::remove(tmp_db, ec);
        fs::remove(tmp_out, ec);
    };
    if (auto st = Snapshot(paths->db, tmp_db); !st.ok()) {
        cleanup();
        return Report("backup", st.error());
    }
    std::ofstream f(tmp_out, std::ios::binary | std::ios::trunc);
    TarWriter tar(f);
    const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    size_t assets = 0;
    uint64_t asset_bytes = 0;
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::exists(paths->assets)) {
        for (auto it = fs::recursive_directory_iterator(paths->assets, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            auto rel = fs::relative(it->path(), paths->assets);
            if (it->is_regular_file() && rel.begin()->string() != "tmp") files.push_back(it->path());
        }
    }
    std::string db = ReadFile(tmp_db);
    nlohmann::json manifest = {{"format", "biznesyordam-backup v1"}, {"created_at_s", now},
                               {"database_bytes", db.size()}, {"assets", files.size()}, {"keys_included", false}};
    core::Status st = tar.Add(kManifest, manifest.dump(2), now);
    if (st.ok()) st = tar.Add(kDbEntry, db, now);
    for (const auto& file : files) {
        if (!st.ok()) break;
        std::string bytes = ReadFile(file);
        asset_bytes += bytes.size();
        ++assets;
        st = tar.Add("assets/" + fs::relative(file, paths->assets).generic_string(), bytes, now);
    }
    if (st.ok()) st = tar.Finish();
    f.close();
    if (!st.ok()) {
        cleanup();
        return Report("backup", st.error());
    }
    fs::rename(tmp_out, out, ec);
    fs::remove(tmp_db);
    if (ec) return Report("backup", core::Error::Unavailable("cannot write " + out + ": " + ec.message()));
    std::printf("backup written to %s: database %.1f MB, %zu assets (%.1f MB). The master key is not in it: "
                "keep %s safe separately.\n",
                out.c_str(), static_cast<double>(db.size()) / 1e6, assets, static_cast<double>(asset_bytes) / 1e6,
                (paths->data_dir / "master.keys").c_str());
    return 0;
}

int CmdRestore(const CommonOptions& common, const std::string& from, bool force) {
    auto paths = Resolve(common);
    if (!paths.ok()) return Report("restore", paths.error());
    std::ifstream in(from, std::ios::binary);
    if (!in) return Report("restore", core::Error::Invalid("cannot read " + from));
    if (fs::exists(paths->db) && !force) {
        return Report("restore", core::Error::Conflict(paths->db.string() + " exists; stop the service and pass --force "
                                                       "to replace it"));
    }
    // Everything lands in a staging folder first: a bad archive changes nothing.
    fs::path stage = paths->data_dir / (".restore-" + core::RandomHex(6));
    fs::create_directories(stage / "assets");
    bool manifest_ok = false, have_db = false;
    size_t assets = 0;
    auto st = ReadTar(in, [&](const std::string& name, std::string&& bytes) -> core::Status {
        if (name == kManifest) {
            auto m = nlohmann::json::parse(bytes, nullptr, false);
            manifest_ok = m.is_object() && m.value("format", "") == "biznesyordam-backup v1";
            return manifest_ok ? core::Ok() : core::Error::Invalid("not a BiznesYordam backup (manifest)");
        }
        if (!manifest_ok) return core::Error::Invalid("not a BiznesYordam backup (no manifest first)");
        fs::path rel = fs::path(name).lexically_normal();
        if (rel.is_absolute() || rel.begin()->string() == "..") return core::Error::Invalid("unsafe path in the backup: " + name);
        if (name != kDbEntry && rel.begin()->string() != "assets") return core::Ok();  // nothing else is ours to restore
        fs::create_directories((stage / rel).parent_path());
        std::ofstream f(stage / rel, std::ios::binary | std::ios::trunc);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f) return core::Error::Unavailable("cannot write " + (stage / rel).string());
        have_db = have_db || name == kDbEntry;
        assets += name != kDbEntry;
        return core::Ok();
    });
    if (st.ok() && !have_db) st = core::Error::Invalid("the backup holds no database");
    if (st.ok()) st = CheckDatabase(stage / kDbEntry);
    std::error_code ec;
    if (!st.ok()) {
        fs::remove_all(stage, ec);
        return Report("restore", st.error());
    }
    // Assets are content-addressed: a file already present is the same file.
    for (auto it = fs::recursive_directory_iterator(stage / "assets"); it != fs::recursive_directory_iterator(); ++it) {
        if (!it->is_regular_file()) continue;
        fs::path target = paths->assets / fs::relative(it->path(), stage / "assets");
        if (fs::exists(target)) continue;
        fs::create_directories(target.parent_path());
        fs::rename(it->path(), target, ec);
        if (ec) fs::copy_file(it->path(), target, ec);
    }
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(paths->db.string() + suffix, ec);
    fs::create_directories(paths->db.parent_path());
    fs::rename(stage / kDbEntry, paths->db, ec);
    if (ec) {
        fs::remove_all(stage, ec);
        return Report("restore", core::Error::Unavailable("cannot put the database in place: " + ec.message()));
    }
    fs::remove_all(stage, ec);
    bool key = fs::exists(paths->data_dir / "master.keys") || std::getenv("BY_MASTER_KEY_FILE") || std::getenv("BY_MASTER_KEY");
    std::printf("restored %s and %zu assets into %s.%s\n", from.c_str(), assets, paths->data_dir.c_str(),
                key ? "" : " No master key here yet: put master.keys and master.keys.counters back before starting, "
                           "or the stored marketplace credentials cannot be read.");
    return 0;
}

}  // namespace by::app
