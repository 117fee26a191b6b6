#include "obs/crash.hpp"

#include <execinfo.h>
#include <initializer_list>
#include <signal.h>
#include <string.h>
#include <unistd.h>

namespace by::obs {
namespace {

void WriteStr(const char* s) {
    ssize_t ignored = write(STDERR_FILENO, s, strlen(s));
    (void)ignored;
}

void OnFatal(int sig, siginfo_t* info, void*) {
    char buf[96];
    // No snprintf in a signal handler: format the numbers by hand.
    auto put_num = [&](unsigned long v, int base) {
        char tmp[32];
        int n = 0;
        do {
            tmp[n++] = "0123456789abcdef"[v % base];
            v /= base;
        } while (v != 0 && n < 31);
        int i = 0;
        while (n > 0) buf[i++] = tmp[--n];
        buf[i] = '\0';
        WriteStr(buf);
    };
    WriteStr("\nbiznesyordam: fatal signal ");
    put_num(static_cast<unsigned long>(sig), 10);
    WriteStr(" (");
    WriteStr(sigdescr_np(sig) ? sigdescr_np(sig) : "?");
    WriteStr(") code ");
    put_num(static_cast<unsigned long>(info ? info->si_code : 0), 10);
    WriteStr(" at 0x");
    put_num(reinterpret_cast<unsigned long>(info ? info->si_addr : nullptr), 16);
    WriteStr("\nbacktrace:\n");
    void* frames[64];
    int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    // Die of the same signal (the handler was installed with SA_RESETHAND).
    raise(sig);
}

}  // namespace

void InstallCrashHandler() {
    // backtrace() loads libgcc on first use, which is not safe inside the handler: do it now.
    void* warm[1];
    backtrace(warm, 1);
    struct sigaction sa {};
    sa.sa_sigaction = OnFatal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGFPE, SIGBUS, SIGILL, SIGABRT}) sigaction(sig, &sa, nullptr);
}

}  // namespace by::obs
