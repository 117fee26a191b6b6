// Structured JSON logs (one object per line) to stderr and to <data-dir>/logs/biznesyordam.log.
//
// Log(kInfo, "http_request", {{"status", 200}, {"path", p}}). Fields take strings, numbers and
// booleans only: a core::SecretBuffer cannot be passed. Field names that say secret (password, token,
// cookie, authorization, api_key, secret, totp) are written as "***" whatever their value, as a second
// line of defence. Thread-safety: every function may be called from any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace by::obs {

enum class Level { kDebug, kInfo, kWarn, kError };

struct Field {
    using Value = std::variant<std::string, int64_t, double, bool>;
    Field(std::string_view k, std::string_view v) : key(k), value(std::string(v)) {}
    Field(std::string_view k, const char* v) : key(k), value(std::string(v ? v : "")) {}
    Field(std::string_view k, const std::string& v) : key(k), value(v) {}
    Field(std::string_view k, int v) : key(k), value(static_cast<int64_t>(v)) {}
    Field(std::string_view k, long v) : key(k), value(static_cast<int64_t>(v)) {}
    Field(std::string_view k, long long v) : key(k), value(static_cast<int64_t>(v)) {}
    Field(std::string_view k, unsigned v) : key(k), value(static_cast<int64_t>(v)) {}
    Field(std::string_view k, unsigned long v) : key(k), value(static_cast<int64_t>(v)) {}
    Field(std::string_view k, double v) : key(k), value(v) {}
    Field(std::string_view k, bool v) : key(k), value(v) {}
    std::string key;
    Value value;
};

struct LogOptions {
    std::filesystem::path dir;     // empty: stderr only
    Level level = Level::kInfo;    // minimum level written
    bool to_stderr = true;
};

// Safe to call more than once (later calls replace the sinks).
void InitLogging(const LogOptions& options);
void Log(Level level, std::string_view event, std::initializer_list<Field> fields = {});
void Flush();

// The request id for log lines written by this thread (set by the HTTP layer per request).
void SetThreadRequestId(std::string id);
const std::string& ThreadRequestId();

// True for field names whose values are never written.
bool IsSecretFieldName(std::string_view key);

}  // namespace by::obs
