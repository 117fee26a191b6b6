#include <cstdlib>

#include "core/encoding.hpp"
#include "store/store.hpp"

namespace by::store {

std::string EncodeCursor(int64_t ts, const std::string& id) {
    return core::Base64UrlEncode(std::to_string(ts) + ":" + id);
}

bool DecodeCursor(const std::string& cursor, int64_t* ts, std::string* id) {
    auto raw = core::Base64UrlDecode(cursor);
    if (!raw) {
        return false;
    }
    size_t colon = raw->find(':');
    if (colon == std::string::npos || colon == 0) {
        return false;
    }
    char* end = nullptr;
    *ts = std::strtoll(raw->c_str(), &end, 10);
    if (end != raw->c_str() + colon) {
        return false;
    }
    *id = raw->substr(colon + 1);
    return !id->empty();
}

}  // namespace by::store
