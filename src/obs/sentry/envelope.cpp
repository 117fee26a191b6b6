#include "obs/sentry/envelope.hpp"

#include "core/time.hpp"
#include "obs/sentry/scrub.hpp"

namespace by::obs::sentry {
namespace {

// Sentry's limits: tag keys up to 32 characters, tag values up to 200.
constexpr size_t kMaxTagKey = 32;
constexpr size_t kMaxTagValue = 200;
constexpr size_t kMaxMessage = 1000;

}  // namespace

nlohmann::json BuildEvent(const ErrorReport& report, const EventMeta& meta) {
    nlohmann::json ev = {
        {"event_id", meta.event_id},
        {"timestamp", core::FormatRfc3339(meta.timestamp_ms)},
        {"platform", "native"},
        {"level", "error"},
        {"logger", report.logger.empty() ? std::string("biznesyordam") : ScrubText(report.logger, 64)},
        {"release", meta.release},
        {"environment", meta.environment},
        {"server_name", meta.server_name},
        {"sdk", {{"name", kClientName}, {"version", kClientVersion}}},
    };
    std::string message = ScrubText(report.message, kMaxMessage);
    if (!report.type.empty()) {
        ev["exception"] = {{"values", nlohmann::json::array({{{"type", ScrubText(report.type, 100)}, {"value", message}}})}};
    } else {
        ev["message"] = {{"formatted", message}};
    }
    if (!report.transaction.empty()) ev["transaction"] = ScrubText(report.transaction, kMaxTagValue);
    nlohmann::json tags = nlohmann::json::object();
    for (const auto& [k, v] : report.tags) {
        if (k.empty() || v.empty()) continue;
        tags[k.substr(0, kMaxTagKey)] = ScrubText(v, kMaxTagValue);
    }
    ev["tags"] = tags;
    nlohmann::json details = nlohmann::json::object();
    for (const auto& [k, v] : report.context) {
        if (!k.empty()) details[k.substr(0, kMaxTagKey)] = ScrubText(v, kMaxTagValue);
    }
    ev["contexts"] = {{"os", {{"type", "os"}, {"name", "Linux"}}}};
    if (!details.empty()) ev["contexts"][report.logger.empty() ? std::string("details") : report.logger] = details;
    return ev;
}

std::string BuildEnvelope(const Dsn& dsn, const nlohmann::json& event, int64_t sent_at_ms) {
    nlohmann::json header = {{"event_id", event.value("event_id", "")},
                             {"dsn", dsn.ToString()},
                             {"sent_at", core::FormatRfc3339(sent_at_ms)}};
    // Invalid UTF-8 (a message cut by an upstream) is replaced rather than failing the whole report.
    std::string payload = event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    nlohmann::json item = {{"type", "event"}, {"length", payload.size()}};
    return header.dump() + "\n" + item.dump() + "\n" + payload + "\n";
}

std::string AuthHeader(const Dsn& dsn) {
    return std::string("Sentry sentry_version=7, sentry_client=") + kClientName + "/" + kClientVersion +
           ", sentry_key=" + dsn.public_key;
}

}  // namespace by::obs::sentry
