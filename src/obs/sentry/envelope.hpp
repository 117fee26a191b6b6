// The Sentry envelope of one error event (https://develop.sentry.dev/sdk/envelopes/): three lines,
//   {"event_id","dsn","sent_at"}                     the envelope header
//   {"type":"event","length":<payload bytes>}        the item header
//   {event JSON}                                     the payload
// each ending in "\n". The event carries what the ErrorReport holds, scrubbed (scrub.hpp): message or
// exception, tags, contexts; never a request, a body or a header. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "obs/error_reporter.hpp"
#include "obs/sentry/dsn.hpp"

namespace by::obs::sentry {

inline constexpr const char* kClientName = "biznesyordam";
inline constexpr const char* kClientVersion = "1.0";

struct EventMeta {
    std::string event_id;     // 32 lower-hex digits (a UUID without dashes)
    int64_t timestamp_ms = 0;  // when it was reported (Unix ms)
    std::string release;      // "biznesyordam@1.0"
    std::string environment;  // "production"
    std::string server_name;  // the host name
};

// The event JSON (scrubbed).
nlohmann::json BuildEvent(const ErrorReport& report, const EventMeta& meta);

// The whole envelope for `event` (its "event_id" is repeated in the header).
std::string BuildEnvelope(const Dsn& dsn, const nlohmann::json& event, int64_t sent_at_ms);

// "Sentry sentry_version=7, sentry_client=biznesyordam/1.0, sentry_key=<public key>"
std::string AuthHeader(const Dsn& dsn);

}  // namespace by::obs::sentry
