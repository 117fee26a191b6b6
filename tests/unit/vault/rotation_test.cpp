// S3: rotation (add -> promote -> re-encrypt with CAS -> retire), alone and under 8 concurrent threads.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <thread>

#include "testing/fake_clock.hpp"
#include "vault/credential_vault.hpp"
#include "vault/memory_credential_store.hpp"
#include "vault_test_util.hpp"

namespace by::vault {
namespace {

using core::Marketplace;
using nlohmann::json;

const VaultCapability kAdmin = VaultCapability::ForKeyAdmin("keys-rotate");

std::string PartnerId(int i) { return "prt_" + std::to_string(i); }

TEST(Rotation, ReencryptsEveryRowThenRetiresTheOldVersion) {
    testing::FakeClock clock;
    MemoryCredentialStore store;
    MemoryAuditSink audit;
    auto ring = std::move(Keyring::Ephemeral()).value();
    CredentialSealer sealer(*ring, store);
    CredentialOpener opener(*ring, store, audit, clock, VaultCapability::ForWorker("w1"));
    constexpr int kRows = 250;
    for (int i = 0; i < kRows; ++i) {
        ASSERT_TRUE(sealer.Put(PartnerId(i), Marketplace::kOzon, "client_key",
                               json{{"client_id", std::to_string(1000 + i)}, {"api_key", "key-" + std::to_string(i)}})
                        .ok());
    }
    const CredentialRow old_row = *store.Get(PartnerId(0), Marketplace::kOzon);

    RotateOptions options;
    options.batch_size = 64;
    auto report = Rotate(store, *ring, audit, clock, kAdmin, options);
    ASSERT_TRUE(report.ok()) << report.error().ToString();
    EXPECT_EQ(report->from_version, 1u);
    EXPECT_EQ(report->to_version, 2u);
    EXPECT_EQ(report->rewrapped, static_cast<uint64_t>(kRows));
    EXPECT_EQ(report->failed, 0u);
    EXPECT_EQ(report->remaining, 0u);
    EXPECT_TRUE(store.ListIdsByKeyVersion(1, "", 10)->empty());
    EXPECT_EQ(audit.Records().size(), static_cast<size_t>(kRows));
    EXPECT_EQ(audit.Records().front().purpose, "key_rotation");
    EXPECT_EQ(audit.Records().front().actor, "keys-rotate");

    for (int i = 0; i < kRows; ++i) {
        auto opened = opener.Open({PartnerId(i), Marketplace::kOzon, "job", "publish"});
        ASSERT_TRUE(opened.ok());
        EXPECT_EQ(opened->key_version, 2u);
        EXPECT_EQ(opened->Field("api_key")->view(), "key-" + std::to_string(i));
        EXPECT_EQ(opened->Field("client_id")->view(), std::to_string(1000 + i));
    }

    ASSERT_TRUE(ring->Retire(1, store).ok());
    EXPECT_EQ(ring->Key(1).error().code, core::ErrorCode::kCrypto);
    // A copy of an old-version ciphertext (a backup, say) no longer decrypts.
    ASSERT_TRUE(store.Upsert(old_row).ok());
    auto r = opener.Open({PartnerId(0), Marketplace::kOzon, "job", "publish"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kCrypto);
    EXPECT_EQ(r.error().message, "key version is retired");
}

TEST(Rotation, RetireRefusedWhileAnUndecryptableRowRemains) {
    testing::FakeClock clock;
    MemoryCredentialStore store;
    MemoryAuditSink audit;
    auto ring = std::move(Keyring::Ephemeral()).value();
    CredentialSealer sealer(*ring, store);
    ASSERT_TRUE(sealer.Put("prt_1", Marketplace::kWildberries, "api_token", json{{"token", "tok-1-abcdef"}}).ok());
    ASSERT_TRUE(sealer.Put("prt_2", Marketplace::kWildberries, "api_token", json{{"token", "tok-2-abcdef"}}).ok());
    CredentialRow broken = *store.Get("prt_2", Marketplace::kWildberries);
    broken.partner_id = "prt_3";  // its AAD no longer matches: cannot be re-encrypted
    ASSERT_TRUE(store.Delete("prt_2", Marketplace::kWildberries).ok());
    ASSERT_TRUE(store.Upsert(broken).ok());

    auto report = Rotate(store, *ring, audit, clock, kAdmin);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->rewrapped, 1u);
    EXPECT_EQ(report->failed, 1u);
    EXPECT_EQ(report->remaining, 1u);
    auto retire = ring->Retire(1, store);
    ASSERT_FALSE(retire.ok());
    EXPECT_EQ(retire.error().code, core::ErrorCode::kConflict);
    EXPECT_TRUE(ring->Key(1).ok());
    ASSERT_TRUE(store.Delete("prt_3", Marketplace::kWildberries).ok());
    EXPECT_TRUE(ring->Retire(1, store).ok());
}

TEST(Rotation, ApiRoleCannotRotateAndActiveVersionCannotBeRewrapped) {
    testing::FakeClock clock;
    MemoryCredentialStore store;
    MemoryAuditSink audit;
    auto ring = std::move(Keyring::Ephemeral()).value();
    EXPECT_EQ(Rotate(store, *ring, audit, clock, VaultCapability::ForApi("api")).error().code,
              core::ErrorCode::kPermission);
    EXPECT_EQ(ring->ActiveVersion(), 1u);
    EXPECT_EQ(Rewrap(store, *ring, audit, clock, kAdmin, 1).error().code, core::ErrorCode::kInvalid);
}

// S3 under load: 8 threads write and read their own partners' credentials while two rotations run. Each thread
// checks every read against its last write, so a lost update (a rewrap overwriting a newer PUT) is an error.
TEST(Rotation, ConcurrentReadersAndWritersSeeNoErrors) {
    const char* env_seconds = std::getenv("BY_VAULT_STRESS_SECONDS");
    const double seconds = env_seconds != nullptr ? std::atof(env_seconds) : 3.0;
    constexpr int kThreads = 8;
    constexpr int kPartnersPerThread = 8;

    test::TempDir dir;
    testing::FakeClock clock;
    MemoryCredentialStore store;
    MemoryAuditSink audit;
    KeyringOptions key_options;
    key_options.counter_block = 64;  // exercise counter-file writes under contention too
    auto ring_r = Keyring::CreateIfMissing(dir.path() / "master.keys", key_options);
    ASSERT_TRUE(ring_r.ok()) << ring_r.error().ToString();
    Keyring& ring = **ring_r;
    CredentialSealer sealer(ring, store);
    CredentialOpener opener(ring, store, audit, clock, VaultCapability::ForWorker("stress"));

    std::atomic<bool> stop{false};
    std::atomic<uint64_t> errors{0};
    std::atomic<uint64_t> reads{0};
    std::atomic<uint64_t> writes{0};
    std::mutex first_error_mu;
    std::string first_error;
    auto fail = [&](const std::string& what) {
        if (errors.fetch_add(1) == 0) {
            std::lock_guard lock(first_error_mu);
            first_error = what;
        }
    };

    // Seed every partner so rotations have rows to move from the start.
    for (int p = 0; p < kThreads * kPartnersPerThread; ++p) {
        ASSERT_TRUE(
            sealer.Put(PartnerId(p), Marketplace::kWildberries, "api_token", json{{"token", "seed-token-" + std::to_string(p)}})
                .ok());
    }

    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t) * 7919u + 1);
            std::vector<std::string> expected(kPartnersPerThread);
            for (int i = 0; i < kPartnersPerThread; ++i) {
                expected[i] = "seed-token-" + std::to_string(t * kPartnersPerThread + i);
            }
            uint64_t n = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                int i = static_cast<int>(rng() % kPartnersPerThread);
                const std::string partner = PartnerId(t * kPartnersPerThread + i);
                if (rng() % 3 == 0) {
                    std::string token = "tok-" + std::to_string(t) + "-" + std::to_string(++n) + "-xyzw";
                    auto row = sealer.Put(partner, Marketplace::kWildberries, "api_token", json{{"token", token}});
                    if (!row.ok()) {
                        fail("put: " + row.error().ToString());
                        continue;
                    }
                    expected[i] = token;
                    ++writes;
                } else {
                    auto opened = opener.Open({partner, Marketplace::kWildberries, "job", "publish"});
                    if (!opened.ok()) {
                        fail("open: " + opened.error().ToString());
                        continue;
                    }
                    if (opened->Field("token")->view() != expected[i]) {
                        fail("open returned a stale or foreign value for " + partner);
                    }
                    ++reads;
                }
            }
        });
    }

    std::vector<RotationReport> reports;
    const auto slice = std::chrono::duration<double>(seconds / 3);
    for (int round = 0; round < 2; ++round) {
        std::this_thread::sleep_for(slice);
        RotateOptions options;
        options.batch_size = 16;
        auto report = Rotate(store, ring, audit, clock, kAdmin, options);
        if (!report.ok()) {
            fail("rotate: " + report.error().ToString());
            continue;
        }
        reports.push_back(*report);
    }
    std::this_thread::sleep_for(slice);
    stop = true;
    for (auto& th : threads) {
        th.join();
    }

    EXPECT_EQ(errors.load(), 0u) << first_error;
    EXPECT_GT(reads.load(), 100u);
    EXPECT_GT(writes.load(), 50u);
    ASSERT_EQ(reports.size(), 2u);
    for (const RotationReport& r : reports) {
        EXPECT_EQ(r.failed, 0u);
        EXPECT_EQ(r.remaining, 0u);
        EXPECT_TRUE(store.ListIdsByKeyVersion(r.from_version, "", 10)->empty())
            << "rows left under version " << r.from_version;
    }
    EXPECT_EQ(ring.ActiveVersion(), 3u);
    // Old versions retire cleanly and can no longer decrypt.
    for (uint32_t old : {1u, 2u}) {
        ASSERT_TRUE(ring.Retire(old, store).ok()) << old;
        EXPECT_EQ(ring.Key(old).error().code, core::ErrorCode::kCrypto);
    }
    // Every row still opens, under the newest version.
    for (int p = 0; p < kThreads * kPartnersPerThread; ++p) {
        auto opened = opener.Open({PartnerId(p), Marketplace::kWildberries, "job", "verify"});
        ASSERT_TRUE(opened.ok()) << opened.error().ToString();
        EXPECT_EQ(opened->key_version, 3u);
    }
}

}  // namespace
}  // namespace by::vault
