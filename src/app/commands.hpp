// Subcommand entry points. Each returns the process exit code.
#pragma once

#include <string>

namespace by::app {

struct CommonOptions {
    std::string data_dir;     // empty: config default ("./data")
    int port = -1;            // -1: config default
    std::string config_file;  // empty: none
};

struct RunOptions {
    int workers = -1;  // -1: config default
};

struct UsersCreateOptions {
    std::string role;
    std::string email;
    std::string password;
    std::string company;
};

int CmdRun(const CommonOptions& common, const RunOptions& opts, bool demo);
int CmdWorker(const CommonOptions& common, const RunOptions& opts);
int CmdMigrate(const CommonOptions& common);
int CmdSandbox(const CommonOptions& common);
int CmdKeysRotate(const CommonOptions& common);
int CmdUsersCreate(const CommonOptions& common, const UsersCreateOptions& opts);

}  // namespace by::app
