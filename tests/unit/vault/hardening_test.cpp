// HardenProcess: non-dumpable, no core files. Checked in a forked child so the test runner itself keeps its
// settings.
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vault/hardening.hpp"

namespace by::vault {
namespace {

TEST(Hardening, DisablesCoreDumpsAndPtraceDumpability) {
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        int code = 0;
        if (!HardenProcess().ok()) {
            code |= 1;
        }
        if (::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0) {
            code |= 2;
        }
        struct rlimit rl {};
        if (::getrlimit(RLIMIT_CORE, &rl) != 0 || rl.rlim_cur != 0 || rl.rlim_max != 0) {
            code |= 4;
        }
        if (!HardenProcess().ok()) {  // idempotent
            code |= 8;
        }
        ::_exit(code);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace by::vault
