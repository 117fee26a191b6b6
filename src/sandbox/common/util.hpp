// Small helpers shared by the marketplace imitations: UTF-8 lengths, ids, timestamps and lenient JSON
// field access. Pure functions; safe from any thread.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace by::sandbox {

// Number of Unicode code points (marketplace limits count characters, not bytes).
size_t Utf8Length(std::string_view s);
// "2024-09-30T06:52:38Z" (seconds precision, as the marketplaces print it).
std::string IsoSeconds(int64_t unix_ms);
// "2024-09-30" and "30-09-2024 06:52:38" (Yandex's dd-MM-yyyy formats).
std::string IsoDate(int64_t unix_ms);
std::string DdMmYyyyHhMmSs(int64_t unix_ms);
std::string DdMmYyyy(int64_t unix_ms);
// RFC 822 / HTTP date: "Thu, 10 Jul 2018 00:42:42 GMT".
std::string HttpDate(int64_t unix_ms);
// RFC 3339 with "Z" or any "+HH:MM"/"-HH:MM" offset -> Unix ms; nullopt when malformed.
std::optional<int64_t> ParseTime(std::string_view text);
// Random RFC 4122 version-4 UUID and 32-hex request id.
std::string NewUuid();
std::string NewRequestId();
// A valid EAN-13 derived from a number (check digit computed).
std::string Ean13(int64_t n);

// Field access that tolerates absent keys and wrong types (returns the fallback).
int64_t JsonInt(const nlohmann::json& j, std::string_view key, int64_t fallback = 0);
double JsonNumber(const nlohmann::json& j, std::string_view key, double fallback = 0);
std::string JsonString(const nlohmann::json& j, std::string_view key, std::string fallback = {});
bool JsonBool(const nlohmann::json& j, std::string_view key, bool fallback = false);
// An integer given either as a JSON number or as a decimal string ("123").
std::optional<int64_t> AsInt(const nlohmann::json& v);
// A decimal given as a number or a string ("1990.50").
std::optional<double> AsDecimal(const nlohmann::json& v);

// Parses a JSON body of any type (array or object); nullopt when malformed.
std::optional<nlohmann::json> ParseJson(std::string_view body);

// A test order takes `quantity` from the stock the seller last set, as a storefront sells only what it
// shows: 409 when fewer are left. A SKU whose stock the seller never set (`tracked` false) is not
// limited, so tests that only need an order don't have to set stocks first. Returns the amount left.
core::Result<int64_t> TakeStock(int64_t available, bool tracked, int64_t quantity, std::string_view sku);

// "a,b" -> {"a","b"}; also splits repeated values the caller joined.
std::vector<std::string> SplitComma(std::string_view s);

}  // namespace by::sandbox
