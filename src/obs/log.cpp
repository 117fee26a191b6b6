#include "obs/log.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/time.hpp"

namespace by::obs {
namespace {

std::mutex g_mu;
std::shared_ptr<spdlog::logger> g_logger;  // guarded by g_mu for replacement; spdlog itself is thread-safe
Level g_level = Level::kInfo;
thread_local std::string t_request_id;

std::shared_ptr<spdlog::logger> Logger() {
    std::lock_guard lock(g_mu);
    if (!g_logger) {
        auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
        g_logger = std::make_shared<spdlog::logger>("by", sink);
        g_logger->set_pattern("%v");
        g_logger->set_level(spdlog::level::trace);
    }
    return g_logger;
}

const char* LevelName(Level l) {
    switch (l) {
        case Level::kDebug: return "debug";
        case Level::kInfo: return "info";
        case Level::kWarn: return "warn";
        case Level::kError: return "error";
    }
    return "info";
}

}  // namespace

bool IsSecretFieldName(std::string_view key) {
    std::string k(key);
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
    static const char* kWords[] = {"password", "passwd", "token", "cookie", "authorization", "api_key", "apikey",
                                   "secret", "totp", "csrf", "master_key", "plaintext"};
    for (const char* w : kWords) {
        if (k.find(w) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void InitLogging(const LogOptions& options) {
    std::vector<spdlog::sink_ptr> sinks;
    if (options.to_stderr) {
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_sink_mt>());
    }
    if (!options.dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(options.dir, ec);
        sinks.push_back(
            std::make_shared<spdlog::sinks::basic_file_sink_mt>((options.dir / "biznesyordam.log").string()));
    }
    auto logger = std::make_shared<spdlog::logger>("by", sinks.begin(), sinks.end());
    logger->set_pattern("%v");
    logger->set_level(spdlog::level::trace);
    logger->flush_on(spdlog::level::warn);
    std::lock_guard lock(g_mu);
    g_logger = std::move(logger);
    g_level = options.level;
}

void Log(Level level, std::string_view event, std::initializer_list<Field> fields) {
    if (level < g_level) {
        return;
    }
    nlohmann::json j;
    j["ts"] = core::FormatRfc3339(core::SystemClock().NowMs());
    j["level"] = LevelName(level);
    j["event"] = std::string(event);
    if (!t_request_id.empty()) {
        j["request_id"] = t_request_id;
    }
    for (const Field& f : fields) {
        if (IsSecretFieldName(f.key)) {
            j[f.key] = "***";
            continue;
        }
        std::visit([&](const auto& v) { j[f.key] = v; }, f.value);
    }
    auto line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto logger = Logger();
    switch (level) {
        case Level::kDebug: logger->debug(line); break;
        case Level::kInfo: logger->info(line); break;
        case Level::kWarn: logger->warn(line); break;
        case Level::kError: logger->error(line); break;
    }
}

void Flush() { Logger()->flush(); }

void SetThreadRequestId(std::string id) { t_request_id = std::move(id); }
const std::string& ThreadRequestId() { return t_request_id; }

}  // namespace by::obs
