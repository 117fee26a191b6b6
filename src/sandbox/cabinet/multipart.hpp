// Form bodies for the cabinet: multipart/form-data (RFC 7578; boundary from the Content-Type) and
// application/x-www-form-urlencoded. Parses the raw request body; file parts keep their bytes.
// Pure functions; safe from any thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace by::sandbox::cabinet {

struct FormPart {
    std::string name;
    std::string filename;      // empty for plain fields
    std::string content_type;  // as the client declared it (not trusted: files are sniffed)
    std::string data;
};

// The boundary parameter of a multipart Content-Type; empty when absent.
std::string MultipartBoundary(std::string_view content_type);
core::Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body);
std::multimap<std::string, std::string> ParseUrlEncoded(std::string_view body);
std::string UrlDecode(std::string_view s);

}  // namespace by::sandbox::cabinet
