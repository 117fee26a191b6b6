// Subcommand entry points. Each returns the process exit code.
#pragma once

#include <string>
#include <vector>

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

struct GenerateOptions {
    std::string product_file;               // the POST /api/products body
    std::string photos_dir;                 // the seller's photos (jpg/png/webp), in name order
    std::string out_dir;
    std::vector<std::string> marketplaces;  // empty: all four
};

struct BenchOptions {
    int partners = 10;
    int products = 50;          // per partner
    bool quick = false;         // a small size, under two minutes (CI)
    bool no_video = false;
    int workers = -1;           // -1: the machine's cores
    std::string json_out;       // also write the figures here as JSON
};

int CmdGenerate(const CommonOptions& common, const GenerateOptions& opts);
int CmdBench(const CommonOptions& common, const BenchOptions& opts);
int CmdRun(const CommonOptions& common, const RunOptions& opts, bool demo);
int CmdWorker(const CommonOptions& common, const RunOptions& opts);
int CmdMigrate(const CommonOptions& common);
int CmdSandbox(const CommonOptions& common);
int CmdKeysRotate(const CommonOptions& common);
int CmdUsersCreate(const CommonOptions& common, const UsersCreateOptions& opts);
// SQLite default only: a snapshot of the database and the assets in one file (never the keys); restore
// refuses to replace an existing database without `force`.
int CmdBackup(const CommonOptions& common, const std::string& out);
int CmdRestore(const CommonOptions& common, const std::string& from, bool force);

}  // namespace by::app
