#include "app/commands.hpp"

#include <cstdio>

namespace by::app {

int CmdRun(const CommonOptions&, const RunOptions&, bool) {
    std::fprintf(stderr, "biznesyordam run: not built yet\n");
    return 2;
}
int CmdMigrate(const CommonOptions&) {
    std::fprintf(stderr, "biznesyordam migrate: not built yet\n");
    return 2;
}
int CmdUsersCreate(const CommonOptions&, const UsersCreateOptions&) {
    std::fprintf(stderr, "biznesyordam users create: not built yet\n");
    return 2;
}

}  // namespace by::app
