// Keyring: key file creation and strict loading, sources, states, cross-instance reload, nonce budget (S4).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <set>

#include "core/encoding.hpp"
#include "vault/keyring.hpp"
#include "vault_test_util.hpp"

namespace by::vault {
namespace {

namespace fs = std::filesystem;

class NoRows final : public KeyVersionUsage {
  public:
    core::Result<bool> AnyRowUnderKeyVersion(uint32_t) const override { return false; }
};
class SomeRows final : public KeyVersionUsage {
  public:
    core::Result<bool> AnyRowUnderKeyVersion(uint32_t) const override { return true; }
};

mode_t ModeOf(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 0777;
}

template <typename R>
std::optional<core::ErrorCode> CodeOf(const R& r) {
    if (r.ok()) {
        return std::nullopt;
    }
    return r.error().code;
}

KeyringOptions Fast() {
    KeyringOptions o;
    o.reload_interval_ms = 0;
    return o;
}

TEST(KeyringFile, CreatedWithMode0600AndReloadsTheSameKeys) {
    test::TempDir dir;
    const fs::path path = dir.path() / "data" / "master.keys";
    auto ring = Keyring::CreateIfMissing(path, Fast());
    ASSERT_TRUE(ring.ok()) << ring.error().ToString();
    EXPECT_EQ(ModeOf(path), 0600u);
    EXPECT_EQ(ModeOf(dir.path() / "data"), 0700u);
    EXPECT_EQ((*ring)->ActiveVersion(), 1u);
    EXPECT_EQ((*ring)->SourceName(), "file");

    auto lease = (*ring)->AcquireEncryptionKey();
    ASSERT_TRUE(lease.ok());
    EXPECT_EQ(lease->version(), 1u);
    EXPECT_EQ(lease->key().size(), 32u);
    EXPECT_EQ(ModeOf(fs::path(path.string() + ".counters")), 0600u);

    auto again = Keyring::CreateIfMissing(path, Fast());
    ASSERT_TRUE(again.ok());
    auto key = (*again)->Key(1);
    ASSERT_TRUE(key.ok());
    EXPECT_TRUE((*key)->Equals(lease->key().view()));

    const std::string text = test::ReadFile(path);
    EXPECT_NE(text.find("by-master-keys v1"), std::string::npos);
    EXPECT_NE(text.find("1 active "), std::string::npos);
    // Atomic writes leave no temp files behind.
    for (const auto& entry : fs::directory_iterator(path.parent_path())) {
        EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
    }
}

TEST(KeyringFile, LoadRefusesMissingPublicOrMalformedFiles) {
    test::TempDir dir;
    const fs::path path = dir.path() / "master.keys";
    auto missing = Keyring::LoadFile(path);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);

    ASSERT_TRUE(Keyring::CreateIfMissing(path).ok());
    ::chmod(path.c_str(), 0640);
    auto shared = Keyring::LoadFile(path);
    ASSERT_FALSE(shared.ok());
    EXPECT_EQ(shared.error().code, core::ErrorCode::kPermission);
    KeyringOptions lax;
    lax.require_private_file = false;
    EXPECT_TRUE(Keyring::LoadFile(path, lax).ok());
    ::chmod(path.c_str(), 0600);

    const std::string good_key = core::Base64UrlEncode(std::string(32, 'k'));
    auto write = [&](const std::string& body) {
        std::ofstream(path, std::ios::trunc) << body;
        ::chmod(path.c_str(), 0600);
        return Keyring::LoadFile(path);
    };
    EXPECT_TRUE(write("by-master-keys v1\n1 active " + good_key + "\n").ok());
    EXPECT_FALSE(write("1 active " + good_key + "\n").ok());                                      // no header
    EXPECT_FALSE(write("by-master-keys v1\n1 decrypt_only " + good_key + "\n").ok());             // no active
    EXPECT_FALSE(write("by-master-keys v1\n1 active " + good_key + "\n2 active " + good_key).ok());  // two active
    EXPECT_FALSE(write("by-master-keys v1\n1 active " + good_key + "\n1 decrypt_only " + good_key).ok());
    EXPECT_FALSE(write("by-master-keys v1\n0 active " + good_key + "\n").ok());
    EXPECT_FALSE(write("by-master-keys v1\n1 enabled " + good_key + "\n").ok());
    EXPECT_FALSE(write("by-master-keys v1\n2 retired " + good_key + "\n1 active " + good_key).ok());
    const std::string short_key = core::Base64UrlEncode("short-secret-key-material");
    auto bad = write("by-master-keys v1\n1 active " + short_key + "\n");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().ToString().find(short_key), std::string::npos) << "key text leaked into the error";
    EXPECT_NE(bad.error().message.find("line 2"), std::string::npos);
}

TEST(KeyringEnv, KeyStringVersionsAndImmutability) {
    const std::string k1 = core::Base64UrlEncode(std::string(32, '1'));
    const std::string k2 = core::Base64UrlEncode(std::string(32, '2'));
    auto one = Keyring::FromKeyString(k1);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ((*one)->ActiveVersion(), 1u);
    EXPECT_EQ((*one)->SourceName(), "environment");
    auto two = Keyring::FromKeyString("3:" + k1 + ", 5:" + k2);
    ASSERT_TRUE(two.ok());
    EXPECT_EQ((*two)->ActiveVersion(), 5u);
    EXPECT_TRUE((*two)->Key(3).ok());
    EXPECT_EQ((*two)->Key(4).error().code, core::ErrorCode::kCrypto);
    EXPECT_EQ((*two)->AddVersion().error().code, core::ErrorCode::kConflict);
    EXPECT_FALSE(Keyring::FromKeyString("").ok());
    EXPECT_FALSE(Keyring::FromKeyString("1:" + k1 + "," + k2).ok());  // mixed explicit/implicit
    EXPECT_FALSE(Keyring::FromKeyString("1:" + k1 + ",1:" + k2).ok());
    auto bad = Keyring::FromKeyString("not-a-key");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().ToString().find("not-a-key"), std::string::npos);
}

TEST(KeyringEnv, FromEnvironmentPicksTheSource) {
    test::TempDir dir;
    ::unsetenv("BY_MASTER_KEY_FILE");
    ::unsetenv("BY_MASTER_KEY");
    auto created = Keyring::FromEnvironment(dir.path());
    ASSERT_TRUE(created.ok()) << created.error().ToString();
    EXPECT_TRUE(fs::exists(dir.path() / "master.keys"));
    EXPECT_EQ(ModeOf(dir.path() / "master.keys"), 0600u);

    ::setenv("BY_MASTER_KEY", core::Base64UrlEncode(std::string(32, 'e')).c_str(), 1);
    auto env = Keyring::FromEnvironment(dir.path());
    ASSERT_TRUE(env.ok());
    EXPECT_EQ((*env)->SourceName(), "environment");
    ASSERT_TRUE((*env)->AcquireEncryptionKey().ok());
    EXPECT_TRUE(fs::exists(dir.path() / "master.counters"));

    ::setenv("BY_MASTER_KEY_FILE", (dir.path() / "master.keys").c_str(), 1);
    EXPECT_EQ(Keyring::FromEnvironment(dir.path()).error().code, core::ErrorCode::kInvalid);
    ::unsetenv("BY_MASTER_KEY");
    auto file = Keyring::FromEnvironment(dir.path());
    ASSERT_TRUE(file.ok());
    EXPECT_EQ((*file)->SourceName(), "file");
    ::setenv("BY_MASTER_KEY_FILE", (dir.path() / "nope.keys").c_str(), 1);
    EXPECT_EQ(Keyring::FromEnvironment(dir.path()).error().code, core::ErrorCode::kNotFound);
    ::unsetenv("BY_MASTER_KEY_FILE");
}

TEST(KeyringStates, AddPromoteRetire) {
    test::TempDir dir;
    const fs::path path = dir.path() / "master.keys";
    auto ring_r = Keyring::CreateIfMissing(path, Fast());
    ASSERT_TRUE(ring_r.ok());
    Keyring& ring = **ring_r;

    auto v2 = ring.AddVersion();
    ASSERT_TRUE(v2.ok());
    EXPECT_EQ(*v2, 2u);
    EXPECT_EQ(ring.ActiveVersion(), 1u);  // added as decrypt_only
    EXPECT_TRUE(ring.Key(2).ok());
    EXPECT_EQ(ring.AcquireEncryptionKey()->version(), 1u);

    ASSERT_TRUE(ring.Promote(2).ok());
    EXPECT_EQ(ring.ActiveVersion(), 2u);
    EXPECT_EQ(ring.AcquireEncryptionKey()->version(), 2u);
    EXPECT_TRUE(ring.Key(1).ok());  // decrypt_only still decrypts

    EXPECT_EQ(CodeOf(ring.Retire(2, NoRows())), core::ErrorCode::kConflict);  // active
    EXPECT_EQ(CodeOf(ring.Retire(1, SomeRows())), core::ErrorCode::kConflict);  // rows remain
    EXPECT_TRUE(ring.Key(1).ok());
    ASSERT_TRUE(ring.Retire(1, NoRows()).ok());
    EXPECT_TRUE(ring.Retire(1, NoRows()).ok());  // idempotent
    auto retired = ring.Key(1);
    ASSERT_FALSE(retired.ok());
    EXPECT_EQ(retired.error().code, core::ErrorCode::kCrypto);
    EXPECT_EQ(CodeOf(ring.Promote(1)), core::ErrorCode::kConflict);
    EXPECT_EQ(CodeOf(ring.Key(9)), core::ErrorCode::kCrypto);

    // The file keeps the retired line without key material, and a fresh load agrees.
    const std::string text = test::ReadFile(path);
    EXPECT_NE(text.find("\n1 retired -\n"), std::string::npos) << text;
    auto fresh = Keyring::LoadFile(path, Fast());
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ((*fresh)->ActiveVersion(), 2u);
    EXPECT_EQ(CodeOf((*fresh)->Key(1)), core::ErrorCode::kCrypto);
    auto versions = (*fresh)->Versions();
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].state, KeyState::kRetired);
    EXPECT_EQ(versions[1].state, KeyState::kActive);
    EXPECT_EQ(ring.AddVersion().value(), 3u);  // versions are never reused
}

TEST(KeyringStates, SecondInstanceSeesAnotherInstancesChanges) {
    test::TempDir dir;
    const fs::path path = dir.path() / "master.keys";
    auto a = Keyring::CreateIfMissing(path, Fast());
    auto b = Keyring::LoadFile(path, Fast());
    ASSERT_TRUE(a.ok() && b.ok());
    auto v2 = (*a)->AddVersion();
    ASSERT_TRUE(v2.ok());
    // b learns version 2 on demand (a ciphertext under it arrives before b's periodic check).
    auto key_in_b = (*b)->Key(*v2);
    ASSERT_TRUE(key_in_b.ok());
    EXPECT_TRUE((*key_in_b)->Equals((*(*a)->Key(*v2))->view()));
    ASSERT_TRUE((*a)->Promote(*v2).ok());
    // ... and the promotion at its next encryption.
    EXPECT_EQ((*b)->AcquireEncryptionKey()->version(), *v2);
    // b's change is merged into the file, not clobbering a's: b adds 3 on top of a's 2.
    EXPECT_EQ((*b)->AddVersion().value(), 3u);
    EXPECT_TRUE((*a)->Key(3).ok());
}

TEST(KeyringStates, UnknownVersionsResolveAtOnceWithTheDefaultInterval) {
    test::TempDir dir;
    const fs::path path = dir.path() / "master.keys";
    auto a = Keyring::CreateIfMissing(path);
    auto b = Keyring::LoadFile(path);  // default reload_interval_ms = 1000
    ASSERT_TRUE(a.ok() && b.ok());
    // Two rotations within one interval: b must find each new version on first use (a worker would otherwise
    // fail a job with a non-transient crypto error).
    for (uint32_t expected : {2u, 3u}) {
        ASSERT_EQ((*a)->AddVersion().value(), expected);
        ASSERT_TRUE((*a)->Promote(expected).ok());
        EXPECT_TRUE((*b)->Key(expected).ok()) << expected;
    }
    EXPECT_EQ((*b)->Key(99).error().code, core::ErrorCode::kCrypto);
}

TEST(KeyringNonceBudget, EleventhEncryptionUsesANewVersion) {
    KeyringOptions o;
    o.nonce_threshold = 10;
    auto ring = Keyring::Ephemeral(o);
    ASSERT_TRUE(ring.ok());
    for (int i = 1; i <= 10; ++i) {
        auto lease = (*ring)->AcquireEncryptionKey();
        ASSERT_TRUE(lease.ok());
        EXPECT_EQ(lease->version(), 1u) << "encryption " << i;
    }
    auto eleventh = (*ring)->AcquireEncryptionKey();
    ASSERT_TRUE(eleventh.ok());
    EXPECT_EQ(eleventh->version(), 2u);
    EXPECT_EQ((*ring)->ActiveVersion(), 2u);
    EXPECT_TRUE((*ring)->Key(1).ok());  // old version still decrypts
}

TEST(KeyringNonceBudget, PersistedAcrossRestartsAndNeverUndercounts) {
    test::TempDir dir;
    const fs::path path = dir.path() / "master.keys";
    KeyringOptions o = Fast();
    o.nonce_threshold = 100;
    o.counter_block = 16;
    {
        auto ring = Keyring::CreateIfMissing(path, o);
        ASSERT_TRUE(ring.ok());
        for (int i = 0; i < 5; ++i) {
            ASSERT_EQ((*ring)->AcquireEncryptionKey()->version(), 1u);
        }
        EXPECT_EQ((*ring)->Versions()[0].encryptions_reserved, 16u);
    }  // "crash": 11 reserved counts are lost, never reused
    auto ring = Keyring::LoadFile(path, o);
    ASSERT_TRUE(ring.ok());
    int under_v1 = 0;
    while ((*ring)->AcquireEncryptionKey()->version() == 1u) {
        ++under_v1;
        ASSERT_LT(under_v1, 1000);
    }
    EXPECT_EQ(under_v1, 100 - 16);  // resumed after the reserved block
    EXPECT_EQ((*ring)->ActiveVersion(), 2u);
    auto fresh = Keyring::LoadFile(path, o);  // the auto-rotation is in the file
    ASSERT_TRUE(fresh.ok());
    EXPECT_EQ((*fresh)->ActiveVersion(), 2u);
}

TEST(KeyringNonceBudget, FileModeThresholdTenRotatesOnTheEleventh) {
    test::TempDir dir;
    KeyringOptions o = Fast();
    o.nonce_threshold = 10;
    auto ring = Keyring::CreateIfMissing(dir.path() / "master.keys", o);
    ASSERT_TRUE(ring.ok());
    std::vector<uint32_t> versions;
    for (int i = 0; i < 11; ++i) {
        versions.push_back((*ring)->AcquireEncryptionKey()->version());
    }
    EXPECT_EQ(std::count(versions.begin(), versions.end(), 1u), 10);
    EXPECT_EQ(versions.back(), 2u);
}

TEST(KeyringNonceBudget, EnvironmentKeysRefuseAtTheThreshold) {
    KeyringOptions o;
    o.nonce_threshold = 3;
    auto ring = Keyring::FromKeyString(core::Base64UrlEncode(std::string(32, 'z')), o);
    ASSERT_TRUE(ring.ok());
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE((*ring)->AcquireEncryptionKey().ok());
    }
    EXPECT_EQ(CodeOf((*ring)->AcquireEncryptionKey()), core::ErrorCode::kUnavailable);
}

TEST(KeyringOptions, Validated) {
    KeyringOptions o;
    o.nonce_threshold = 0;
    EXPECT_FALSE(Keyring::Ephemeral(o).ok());
    o.nonce_threshold = (uint64_t{1} << 32) + 1;
    EXPECT_FALSE(Keyring::Ephemeral(o).ok());
    o = {};
    o.counter_block = 0;
    EXPECT_FALSE(Keyring::Ephemeral(o).ok());
}

TEST(KeyringLeases, RetireWaitsForInFlightEncryptions) {
    auto ring = Keyring::Ephemeral();
    ASSERT_TRUE(ring.ok());
    auto lease = (*ring)->AcquireEncryptionKey();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((*ring)->Promote((*ring)->AddVersion().value()).ok());
    EXPECT_FALSE((*ring)->WaitForEncryptionsToDrain(1, std::chrono::milliseconds(10)));
    { auto done = std::move(lease).value(); }
    EXPECT_TRUE((*ring)->WaitForEncryptionsToDrain(1, std::chrono::milliseconds(10)));
    EXPECT_TRUE((*ring)->Retire(1, NoRows()).ok());
}

}  // namespace
}  // namespace by::vault
