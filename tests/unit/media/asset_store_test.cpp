// AssetStore, directory backend.
#include <gtest/gtest.h>

#include <thread>

#include "core/encoding.hpp"
#include "media/dir/dir_asset_store.hpp"
#include "media/s3/s3_asset_store.hpp"
#include "testing/temp_dir.hpp"

namespace by::media {
namespace {

namespace fs = std::filesystem;

AssetStorePtr Open(const fs::path& root) {
    auto r = OpenDirAssetStore({root, false});
    EXPECT_TRUE(r.ok());
    return std::move(r).value();
}

TEST(DirAssetStore, PutGetStatExists) {
    by::testing::TempDir dir;
    auto store = Open(dir.path());
    std::string bytes("\xFF\xD8\xFF some jpeg bytes \0 with a nul", 34);
    auto put = store->Put(bytes, "image/jpeg");
    ASSERT_TRUE(put.ok()) << put.error().ToString();
    EXPECT_EQ(put->id, core::Sha256Hex(bytes));
    EXPECT_EQ(put->id, AssetIdFor(bytes));
    EXPECT_EQ(put->size, int64_t(bytes.size()));
    EXPECT_EQ(put->mime, "image/jpeg");

    auto got = store->Get(put->id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->bytes, bytes);
    EXPECT_EQ(got->info.mime, "image/jpeg");
    EXPECT_TRUE(*store->Exists(put->id));
    auto st = store->Stat(put->id);
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->size, int64_t(bytes.size()));

    // Layout <root>/ab/cdef…
    auto local = store->LocalPath(put->id);
    ASSERT_TRUE(local.has_value());
    EXPECT_EQ(*local, dir.path() / put->id.substr(0, 2) / put->id.substr(2));
    EXPECT_TRUE(fs::exists(*local));
}

TEST(DirAssetStore, DeduplicatesByContent) {
    by::testing::TempDir dir;
    auto store = Open(dir.path());
    auto a = store->Put("same bytes", "image/png");
    auto b = store->Put("same bytes", "image/webp");
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->id, b->id);
    EXPECT_EQ(b->mime, "image/png");  // the first record is kept
    int files = 0;
    for (auto& e : fs::recursive_directory_iterator(dir.path())) {
        files += e.is_regular_file() && e.path().extension() != ".mime" ? 1 : 0;
    }
    EXPECT_EQ(files, 1);
}

TEST(DirAssetStore, MissingAndMalformedIds) {
    by::testing::TempDir dir;
    auto store = Open(dir.path());
    std::string absent(64, 'a');
    EXPECT_EQ(store->Get(absent).error().code, core::ErrorCode::kNotFound);
    EXPECT_FALSE(*store->Exists(absent));
    EXPECT_FALSE(store->LocalPath(absent).has_value());
    for (std::string bad : {std::string("../../etc/passwd"), std::string(64, 'A'), std::string(63, 'a'),
                            std::string(62, 'a') + "/.", std::string()}) {
        EXPECT_EQ(store->Get(bad).error().code, core::ErrorCode::kInvalid) << bad;
        EXPECT_FALSE(store->Exists(bad).ok());
        EXPECT_FALSE(store->LocalPath(bad).has_value());
    }
    EXPECT_EQ(store->Put("x", "not a mime").error().code, core::ErrorCode::kInvalid);
    EXPECT_EQ(store->Put("x", "image/../../x").error().code, core::ErrorCode::kInvalid);
}

TEST(DirAssetStore, ConcurrentPutsLeaveNoTemporaries) {
    by::testing::TempDir dir;
    auto store = Open(dir.path());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 25; ++i) {
                std::string bytes = "asset-" + std::to_string(i % 10) + std::string(1000, char('a' + t % 2));
                auto r = store->Put(bytes, "application/octet-stream");
                ASSERT_TRUE(r.ok());
                auto g = store->Get(r->id);
                ASSERT_TRUE(g.ok());
                ASSERT_EQ(g->bytes, bytes);
            }
        });
    }
    for (auto& th : threads) {
        th.join();
    }
    EXPECT_TRUE(fs::is_empty(dir.path() / "tmp"));
    // A second store over the same root sees everything (e.g. another process).
    auto again = Open(dir.path());
    std::string probe = "asset-3" + std::string(1000, 'a');
    EXPECT_TRUE(*again->Exists(AssetIdFor(probe)));
}

TEST(S3AssetStore, NotBuiltYet) {
    auto r = OpenS3AssetStore({});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::kNotBuilt);
}

}  // namespace
}  // namespace by::media
