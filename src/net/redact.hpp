// Redaction of credentials before anything about an outbound call reaches a log line or an Error:
// header values (Authorization, Proxy-Authorization, Api-Key, X-Api-Key, Client-Id, Cookie, Set-Cookie),
// secret-looking query parameters and URL user-info, and any echo of those values inside a body.
// Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>

#include "net/http_client.hpp"

namespace by::net {

inline constexpr std::string_view kRedacted = "***";

// True for header names whose values are credentials (case-insensitive).
bool IsSensitiveHeader(std::string_view name);

// "Name: value" lines joined by "; ", sensitive values replaced by ***.
std::string RedactHeaders(const Headers& headers);

// The URL with user-info, the values of secret-looking query parameters (token, key, api_key, apikey,
// access_token, secret, password, signature, sig, client_id, auth) and a Telegram bot token path segment
// (/bot<token>/) replaced by ***.
std::string RedactUrl(std::string_view url);

// `text` with every occurrence of a sensitive header value of `headers` (and of its last word, so
// "Bearer x" also hides a bare "x") replaced by ***. For upstream bodies that echo a key back.
std::string ScrubSecrets(std::string_view text, const Headers& headers);

// ScrubSecrets, then cut to `max_chars` bytes (on a UTF-8 boundary) with "…" appended when cut.
std::string ScrubAndTruncate(std::string_view text, const Headers& headers, size_t max_chars);

}  // namespace by::net
