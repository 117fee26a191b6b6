// A Sentry DSN (Sentry or a compatible server such as GlitchTip):
// {scheme}://{public_key}[:{legacy_secret}]@{host}[:{port}]/[{path}/]{project_id}. The public key only
// identifies the project (it is not a high secret), but logs show it as ****last4. A legacy secret part is
// accepted and dropped: it is never sent. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace by::obs::sentry {

struct Dsn {
    std::string scheme;      // "https", or "http" (a local or test server)
    std::string public_key;
    std::string host;        // with ":port" when one was given
    std::string path;        // "" or "/prefix" (no trailing slash)
    std::string project_id;  // digits

    // {scheme}://{host}{path}/api/{project_id}/envelope/
    std::string EnvelopeUrl() const;
    // The DSN without the legacy secret (the envelope header's "dsn").
    std::string ToString() const;
    // For logs: {scheme}://****last4@{host}{path}/{project_id}.
    std::string Redacted() const;
};

// Invalid (never quoting the key) when the text is not a DSN of that shape.
core::Result<Dsn> ParseDsn(std::string_view text);

}  // namespace by::obs::sentry
