// `biznesyordam generate`: one product file to its cards in a folder, with no server (issue 13).
#include <cstdio>

#include "app/commands.hpp"

namespace by::app {

int CmdGenerate(const CommonOptions&, const GenerateOptions&) {
    std::fprintf(stderr, "biznesyordam generate: not built yet\n");
    return 2;
}

}  // namespace by::app
