// The command line: subcommands run, serve, worker, sandbox, generate, migrate, users, keys, bench.
#pragma once

namespace by::app {

int Main(int argc, char** argv);

}  // namespace by::app
