// Typed errors as values across module seams (LevelDB's Status, in our own words).
//
// Every fallible call that crosses a module boundary returns Result<T> (or Status = Result<void>).
// Exceptions stay inside a module and become an Error at its edge. `message` is safe to show a client;
// `context` is for the log only (SQL text, upstream bodies) and never leaves the process.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace by::core {

enum class ErrorCode {
    kInvalid,           // 400 malformed input
    kUnprocessable,     // 422 valid shape, breaks a rule
    kUnauthenticated,   // 401
    kForbidden,         // 403
    kNotFound,          // 404
    kMethodNotAllowed,  // 405
    kConflict,          // 409
    kTooLarge,          // 413
    kUnsupportedMedia,  // 415
    kRateLimited,       // 429, retry_after_ms set
    kUnavailable,       // 503 / transient upstream fault: retry
    kTimeout,           // transient
    kLeaseLost,         // a queue lease was taken over; the result must be discarded
    kPermission,        // a caller lacks the capability (e.g. an API process asking to decrypt)
    kCrypto,            // authentication failure or malformed ciphertext
    kNotBuilt,          // a part of the product not built yet
    kInternal,          // 500
};

const char* ErrorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;   // safe for clients
    std::string field;     // the offending input field, if any
    std::string context;   // internal detail for logs only
    int64_t retry_after_ms = 0;

    static Error Invalid(std::string msg, std::string field = {}) {
        return {ErrorCode::kInvalid, std::move(msg), std::move(field)};
    }
    static Error Unprocessable(std::string msg, std::string field = {}) {
        return {ErrorCode::kUnprocessable, std::move(msg), std::move(field)};
    }
    static Error Unauthenticated(std::string msg = "sign in required") {
        return {ErrorCode::kUnauthenticated, std::move(msg)};
    }
    static Error Forbidden(std::string msg = "not allowed") { return {ErrorCode::kForbidden, std::move(msg)}; }
    static Error NotFound(std::string msg = "not found") { return {ErrorCode::kNotFound, std::move(msg)}; }
    static Error Conflict(std::string msg, std::string field = {}) {
        return {ErrorCode::kConflict, std::move(msg), std::move(field)};
    }
    static Error TooLarge(std::string msg) { return {ErrorCode::kTooLarge, std::move(msg)}; }
    static Error UnsupportedMedia(std::string msg) { return {ErrorCode::kUnsupportedMedia, std::move(msg)}; }
    static Error RateLimited(int64_t retry_after_ms, std::string msg = "too many requests") {
        Error e{ErrorCode::kRateLimited, std::move(msg)};
        e.retry_after_ms = retry_after_ms;
        return e;
    }
    static Error Unavailable(std::string msg, std::string context = {}) {
        return {ErrorCode::kUnavailable, std::move(msg), {}, std::move(context)};
    }
    static Error Timeout(std::string msg) { return {ErrorCode::kTimeout, std::move(msg)}; }
    static Error LeaseLost(std::string msg = "lease lost") { return {ErrorCode::kLeaseLost, std::move(msg)}; }
    static Error Permission(std::string msg) { return {ErrorCode::kPermission, std::move(msg)}; }
    static Error Crypto(std::string msg) { return {ErrorCode::kCrypto, std::move(msg)}; }
    static Error NotBuilt(std::string msg) { return {ErrorCode::kNotBuilt, std::move(msg)}; }
    static Error Internal(std::string msg, std::string context = {}) {
        return {ErrorCode::kInternal, std::move(msg), {}, std::move(context)};
    }

    // Transient errors are worth retrying; the rest fail at once.
    bool IsTransient() const {
        return code == ErrorCode::kUnavailable || code == ErrorCode::kTimeout || code == ErrorCode::kRateLimited;
    }
    // "code: message [field] (context)" for logs.
    std::string ToString() const;
};

// Result<T>: a value or an Error. Small on purpose: GCC 12 has no std::expected.
template <typename T>
class [[nodiscard]] Result {
  public:
    Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
    Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { return std::get<1>(v_); }
    Error&& error() && { return std::get<1>(std::move(v_)); }

  private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
  public:
    Result() = default;
    Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return !e_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const& { return *e_; }
    Error&& error() && { return std::move(*e_); }

  private:
    std::optional<Error> e_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace by::core

// Propagate an error from an expression that yields Result<...>.
#define BY_TRY(expr)                                   \
    do {                                               \
        auto by_try_r_ = (expr);                       \
        if (!by_try_r_.ok()) {                         \
            return std::move(by_try_r_).error();       \
        }                                              \
    } while (0)

#define BY_CONCAT_INNER_(a, b) a##b
#define BY_CONCAT_(a, b) BY_CONCAT_INNER_(a, b)
// Assign the value of a Result<T> or return its error: BY_ASSIGN(auto x, Compute());
#define BY_ASSIGN(decl, expr) BY_ASSIGN_IMPL_(BY_CONCAT_(by_assign_r_, __LINE__), decl, expr)
#define BY_ASSIGN_IMPL_(tmp, decl, expr)     \
    auto tmp = (expr);                       \
    if (!tmp.ok()) {                         \
        return std::move(tmp).error();       \
    }                                        \
    decl = std::move(tmp).value()
