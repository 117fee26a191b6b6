// On a fatal signal (SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGABRT) write the signal and a raw backtrace to
// stderr, then die of the same signal, so a crash seen once on some machine leaves a stack to read
// (addresses resolve with `addr2line -e biznesyordam`). Only async-signal-safe calls in the handler.
#pragma once

namespace by::obs {

void InstallCrashHandler();

}  // namespace by::obs
