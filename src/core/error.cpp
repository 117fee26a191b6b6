#include "core/error.hpp"

namespace by::core {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalid: return "invalid_input";
        case ErrorCode::kUnprocessable: return "unprocessable";
        case ErrorCode::kUnauthenticated: return "unauthenticated";
        case ErrorCode::kForbidden: return "forbidden";
        case ErrorCode::kNotFound: return "not_found";
        case ErrorCode::kMethodNotAllowed: return "method_not_allowed";
        case ErrorCode::kConflict: return "conflict";
        case ErrorCode::kTooLarge: return "too_large";
        case ErrorCode::kUnsupportedMedia: return "unsupported_media_type";
        case ErrorCode::kRateLimited: return "rate_limited";
        case ErrorCode::kUnavailable: return "unavailable";
        case ErrorCode::kTimeout: return "timeout";
        case ErrorCode::kLeaseLost: return "lease_lost";
        case ErrorCode::kPermission: return "permission_denied";
        case ErrorCode::kCrypto: return "crypto_error";
        case ErrorCode::kNotBuilt: return "not_built";
        case ErrorCode::kInternal: return "internal";
    }
    return "internal";
}

std::string Error::ToString() const {
    std::string s = ErrorCodeName(code);
    s += ": ";
    s += message;
    if (!field.empty()) {
        s += " [" + field + "]";
    }
    if (!context.empty()) {
        s += " (" + context + ")";
    }
    return s;
}

}  // namespace by::core
