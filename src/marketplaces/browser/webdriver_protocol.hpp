// W3C WebDriver wire format (https://www.w3.org/TR/webdriver2/) as pure functions: request bodies for the
// commands the client sends, and decoding of chromedriver's answers into values or typed errors.
// Kept apart from the HTTP calls so unit tests check the encoding byte for byte.
//
// Error mapping (W3C "error" code → core::ErrorCode):
//   no such element / no such frame / no such window / stale element reference → kNotFound
//   timeout / script timeout                                                  → kTimeout
//   element not interactable / element click intercepted / invalid element state /
//   invalid argument / invalid selector / unexpected alert open               → kUnprocessable
//   invalid session id / session not created / unknown error (and non-JSON)   → kUnavailable
//   anything else                                                             → kInternal
// The W3C code goes into Error::field as "webdriver:<code>" so callers can tell "no such element" from a
// stale one; chromedriver's message (first line, at most 200 bytes) goes into Error::context, never into
// Error::message, and is dropped entirely when the command carried typed text (see DecodeResponse).
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace by::marketplaces::browser {

// The key under which W3C element references travel.
inline constexpr const char* kElementKey = "element-6066-11e4-a52e-4f735466cecf";

struct ChromeOptions {
    std::string binary = "/usr/bin/chromium";
    std::string user_data_dir;         // a fresh directory per session
    bool headless = true;
    int window_width = 1280;
    int window_height = 1600;
    std::vector<std::string> extra_args;
};

struct Timeouts {
    int64_t implicit_ms = 0;         // element lookups do not wait; the client polls where it must
    int64_t page_load_ms = 30000;
    int64_t script_ms = 10000;
};

// The flags this machine's closed network needs, plus headless and window size.
std::vector<std::string> ChromeArgs(const ChromeOptions& options);
// POST /session body: {"capabilities": {"alwaysMatch": {browserName, goog:chromeOptions, ...}}}.
nlohmann::json NewSessionBody(const ChromeOptions& options);
nlohmann::json TimeoutsBody(const Timeouts& timeouts);
nlohmann::json FindBody(std::string_view css);  // {"using": "css selector", "value": css}
nlohmann::json SendKeysBody(std::string_view text);
nlohmann::json ScriptBody(std::string_view script, const nlohmann::json& args);
nlohmann::json ElementRef(const std::string& element_id);

// Decodes one answer: 2xx with {"value": v} → v; an error body → the mapped Error. With `sensitive`, the
// upstream message is not kept anywhere (the request carried a password or a code).
core::Result<nlohmann::json> DecodeResponse(int http_status, std::string_view body, bool sensitive = false);
core::Error ErrorFromW3c(std::string_view w3c_code, std::string_view message, bool sensitive);

// Reads the session id out of a new-session value {"sessionId": ..., "capabilities": ...}.
core::Result<std::string> SessionIdFrom(const nlohmann::json& value);
// Reads an element reference {kElementKey: id}.
core::Result<std::string> ElementIdFrom(const nlohmann::json& value);
core::Result<std::vector<std::string>> ElementIdsFrom(const nlohmann::json& value);

// RFC 4648 base64 with padding (screenshots); nullopt on any bad character or length.
std::optional<std::string> Base64Decode(std::string_view text);
// True when `bytes` start with the PNG signature.
bool LooksLikePng(std::string_view bytes);

}  // namespace by::marketplaces::browser
