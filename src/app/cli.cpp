#include "app/cli.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "app/commands.hpp"

namespace by::app {
namespace {

void AddCommon(CLI::App* cmd, CommonOptions& o) {
    cmd->add_option("--data-dir", o.data_dir, "directory for the SQLite file, key file, assets and logs");
    cmd->add_option("--port", o.port, "TCP port to listen on (0 picks a free one)");
    cmd->add_option("--config", o.config_file, "TOML configuration file");
}

}  // namespace

int Main(int argc, char** argv) {
    CLI::App app{"BiznesYordam: product cards for Uzum, Wildberries, Yandex Market and Ozon"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "biznesyordam 0.1.0");

    CommonOptions common;
    RunOptions run_opts;
    UsersCreateOptions users_opts;
    GenerateOptions gen_opts;
    BenchOptions bench_opts;

    auto* run = app.add_subcommand("run", "everything in one process, offline, with demo accounts");
    AddCommon(run, common);
    run->add_option("--workers", run_opts.workers, "embedded workers");
    auto* serve = app.add_subcommand("serve", "API and dashboard");
    AddCommon(serve, common);
    serve->add_option("--workers", run_opts.workers, "embedded workers");
    auto* worker = app.add_subcommand("worker", "a worker process taking jobs from the queue");
    AddCommon(worker, common);
    worker->add_option("--workers", run_opts.workers, "CPU workers in this process");
    auto* sandbox = app.add_subcommand("sandbox", "the four local marketplace imitations and the Uzum cabinet");
    AddCommon(sandbox, common);
    auto* generate = app.add_subcommand("generate", "one product file to four cards in a folder, no server");
    AddCommon(generate, common);
    generate->add_option("product", gen_opts.product_file, "PRODUCT.json: the POST /api/products body")->required();
    generate->add_option("--photos", gen_opts.photos_dir, "folder of the seller's photos (jpg, png, webp)");
    generate->add_option("--out", gen_opts.out_dir, "folder to write the cards to")->required();
    generate->add_option("--marketplaces", gen_opts.marketplaces, "uzum wildberries yandex ozon (default: all)");
    auto* migrate = app.add_subcommand("migrate", "apply schema migrations to the configured database");
    AddCommon(migrate, common);
    auto* users = app.add_subcommand("users", "manage users");
    AddCommon(users, common);
    auto* users_create = users->add_subcommand("create", "create an admin or partner user");
    users->require_subcommand(1);
    AddCommon(users_create, common);
    users_create->add_option("--role", users_opts.role, "admin or partner")->required();
    users_create->add_option("--email", users_opts.email, "e-mail (the login)")->required();
    users_create->add_option("--password", users_opts.password, "password (12 characters or more)")->required();
    users_create->add_option("--company", users_opts.company, "company name (a partner gets a new partner row)");
    auto* keys = app.add_subcommand("keys", "master-key ring");
    AddCommon(keys, common);
    auto* keys_rotate = keys->add_subcommand("rotate", "add a key version and re-encrypt every credential");
    keys->require_subcommand(1);
    AddCommon(keys_rotate, common);
    auto* bench = app.add_subcommand("bench", "the load scenario, printing figures");
    AddCommon(bench, common);
    bench->add_option("--partners", bench_opts.partners, "partners (10)");
    bench->add_option("--products", bench_opts.products, "products per partner (50)");
    bench->add_flag("--quick", bench_opts.quick, "a small run for CI (2 partners x 3 products)");
    bench->add_flag("--no-video", bench_opts.no_video, "skip the video stage");
    bench->add_option("--workers", bench_opts.workers, "CPU workers (default: the machine's cores)");
    bench->add_option("--json", bench_opts.json_out, "also write the figures to this JSON file");

    std::string backup_out, restore_from;
    bool restore_force = false;
    auto* backup = app.add_subcommand("backup", "the SQLite database and the assets into one file (never the keys)");
    AddCommon(backup, common);
    backup->add_option("--out", backup_out, "the backup file to write")->required();
    auto* restore = app.add_subcommand("restore", "put a backup file back (SQLite default; stop the service first)");
    AddCommon(restore, common);
    restore->add_option("--from", restore_from, "the backup file to read")->required();
    restore->add_flag("--force", restore_force, "replace an existing database");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    if (run->parsed()) return CmdRun(common, run_opts, /*demo=*/true);
    if (serve->parsed()) return CmdRun(common, run_opts, /*demo=*/false);
    if (migrate->parsed()) return CmdMigrate(common);
    if (worker->parsed()) return CmdWorker(common, run_opts);
    if (sandbox->parsed()) return CmdSandbox(common);
    if (keys_rotate->parsed()) return CmdKeysRotate(common);
    if (users_create->parsed()) return CmdUsersCreate(common, users_opts);
    if (generate->parsed()) return CmdGenerate(common, gen_opts);
    if (bench->parsed()) return CmdBench(common, bench_opts);
    if (backup->parsed()) return CmdBackup(common, backup_out);
    if (restore->parsed()) return CmdRestore(common, restore_from, restore_force);
    return 2;
}

}  // namespace by::app
