// biznesyordam: install the crash reporter, parse the command line and hand over to app/.
#include "app/cli.hpp"
#include "obs/crash.hpp"

int main(int argc, char** argv) {
    by::obs::InstallCrashHandler();
    return by::app::Main(argc, argv);
}
