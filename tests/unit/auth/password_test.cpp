#include <gtest/gtest.h>

#include "auth/auth_service.hpp"
#include "auth/password.hpp"
#include "testing/fake_clock.hpp"
#include "testing/test_db.hpp"

namespace by::auth {
namespace {

TEST(Password, DefaultPolicyIsArgon2idAboveOwaspFloor) {
    PasswordPolicy policy;  // the production defaults
    auto h = HashPassword("correct horse battery", policy);
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(h->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << *h;
    EXPECT_TRUE(VerifyPassword(*h, "correct horse battery"));
    EXPECT_FALSE(VerifyPassword(*h, "correct horse batterz"));
    EXPECT_FALSE(NeedsRehash(*h, policy));
}

TEST(Password, ShapeLimits) {
    PasswordPolicy policy;
    EXPECT_EQ(CheckPasswordShape("short", policy).error().code, core::ErrorCode::kUnprocessable);
    EXPECT_EQ(CheckPasswordShape(std::string(1025, 'a'), policy).error().code, core::ErrorCode::kInvalid);
    EXPECT_TRUE(CheckPasswordShape("long enough pass", policy).ok());
    EXPECT_FALSE(HashPassword(std::string(1025, 'a'), policy).ok());
}

TEST(Password, ChangedPolicyRehashesOnNextLogin) {
    auto t = testing::OpenTestDb();
    testing::FakeClock clock;
    store::Store store(*t.db, clock);
    AuthOptions weak;
    weak.password.ops_limit = 1;
    weak.password.mem_limit = 8 * 1024 * 1024;
    AuthService old_service(store, clock, weak);
    ASSERT_TRUE(old_service.CreateUser(core::Role::kPartner, "a@a.uz", "password-123", "A").ok());
    std::string before = store.GetUserByEmail("a@a.uz")->password_hash;
    EXPECT_NE(before.find("m=8192,t=1"), std::string::npos);

    AuthOptions stronger = weak;
    stronger.password.ops_limit = 2;
    stronger.password.mem_limit = 16 * 1024 * 1024;
    AuthService new_service(store, clock, stronger);
    ASSERT_TRUE(new_service.Login("a@a.uz", "password-123", "1.2.3.4").ok());
    std::string after = store.GetUserByEmail("a@a.uz")->password_hash;
    EXPECT_NE(after, before);
    EXPECT_NE(after.find("m=16384,t=2"), std::string::npos) << after;
    EXPECT_TRUE(new_service.Login("a@a.uz", "password-123", "1.2.3.4").ok());
}

TEST(Csrf, TokenBoundToSession) {
    auto t = testing::OpenTestDb();
    testing::FakeClock clock;
    store::Store store(*t.db, clock);
    AuthOptions o;
    o.password.ops_limit = 1;
    o.password.mem_limit = 8 * 1024 * 1024;
    AuthService auth(store, clock, o);
    ASSERT_TRUE(auth.CreateUser(core::Role::kPartner, "a@a.uz", "password-123", "A").ok());
    auto s1 = auth.Login("a@a.uz", "password-123", "ip");
    auto s2 = auth.Login("a@a.uz", "password-123", "ip");
    ASSERT_TRUE(s1.ok() && s2.ok());
    EXPECT_TRUE(auth.CheckCsrf(s1->principal, s1->csrf_token));
    EXPECT_FALSE(auth.CheckCsrf(s1->principal, s2->csrf_token));
    EXPECT_FALSE(auth.CheckCsrf(s1->principal, ""));
}

}  // namespace
}  // namespace by::auth
