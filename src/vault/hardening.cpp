#include "vault/hardening.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace by::vault {

core::Status HardenProcess() {
    struct rlimit no_core {};
    no_core.rlim_cur = 0;
    no_core.rlim_max = 0;
    if (::setrlimit(RLIMIT_CORE, &no_core) != 0) {
        return core::Error::Internal("cannot disable core dumps", std::strerror(errno));
    }
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        return core::Error::Internal("cannot mark the process non-dumpable", std::strerror(errno));
    }
    return core::Ok();
}

}  // namespace by::vault
