// Process hardening for processes that hold master keys or decrypted credentials (GUARANTEES S5).
// HardenProcess() sets PR_SET_DUMPABLE 0 (no core dumps, no ptrace attach by same-uid processes, /proc/<pid>/mem
// closed) and RLIMIT_CORE 0 (soft and hard). Call it once at start-up, before loading keys.
// Thread-safety: affects the whole process; safe to call from any thread, idempotent.
#pragma once

#include "core/error.hpp"

namespace by::vault {

core::Status HardenProcess();

}  // namespace by::vault
