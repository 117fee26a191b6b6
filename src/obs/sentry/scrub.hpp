// The last line of defence before an error report leaves the process: error messages in this codebase are
// secret-free by design, and this scrubs them anyway. URLs lose user-info, secret path segments (net/redact)
// and every query value; "Bearer x"/"Basic x" lose the token; name=value and "name": "value" pairs whose
// name says key, token, secret, password, signature, auth, cookie, session or client id lose the value;
// long mixed-case tokens and JWTs (what API keys look like, unlike our lower-hex and prefixed ids) become
// ***. Pure functions; safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace by::obs::sentry {

// `text` scrubbed, control characters turned into spaces, cut to `max_bytes` (on a UTF-8 boundary, "…"
// appended when cut).
std::string ScrubText(std::string_view text, size_t max_bytes = 1000);

}  // namespace by::obs::sentry
