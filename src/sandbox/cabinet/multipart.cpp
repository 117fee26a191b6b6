#include "sandbox/cabinet/multipart.hpp"

#include <cctype>

namespace by::sandbox::cabinet {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

// Value of `key` in a header like: form-data; name="photos"; filename="a.jpg"
std::string HeaderParam(std::string_view header, std::string_view key) {
    std::string lower = Lower(header);
    std::string needle = std::string(key) + "=";
    size_t pos = 0;
    while ((pos = lower.find(needle, pos)) != std::string::npos) {
        bool boundary_ok = pos == 0 || lower[pos - 1] == ';' || lower[pos - 1] == ' ';
        if (!boundary_ok) {
            pos += needle.size();
            continue;
        }
        size_t v = pos + needle.size();
        if (v < header.size() && header[v] == '"') {
            size_t end = header.find('"', v + 1);
            return std::string(header.substr(v + 1, end == std::string_view::npos ? std::string_view::npos : end - v - 1));
        }
        size_t end = header.find(';', v);
        return std::string(Trim(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v)));
    }
    return {};
}

}  // namespace

std::string MultipartBoundary(std::string_view content_type) { return HeaderParam(content_type, "boundary"); }

core::Result<std::vector<FormPart>> ParseMultipart(std::string_view content_type, std::string_view body) {
    std::string boundary = MultipartBoundary(content_type);
    if (boundary.empty()) {
        return core::Error::Invalid("multipart body without a boundary");
    }
    std::string delim = "--" + boundary;
    std::vector<FormPart> parts;
    size_t pos = body.find(delim);
    if (pos == std::string_view::npos) {
        return core::Error::Invalid("multipart body without its boundary");
    }
    pos += delim.size();
    while (true) {
        if (body.substr(pos, 2) == "--") {
            break;  // closing delimiter
        }
        if (body.substr(pos, 2) != "\r\n") {
            return core::Error::Invalid("malformed multipart delimiter");
        }
        pos += 2;
        size_t head_end = body.find("\r\n\r\n", pos);
        if (head_end == std::string_view::npos) {
            return core::Error::Invalid("multipart part without headers end");
        }
        FormPart part;
        std::string_view head = body.substr(pos, head_end - pos);
        size_t line_start = 0;
        while (line_start <= head.size()) {
            size_t line_end = head.find("\r\n", line_start);
            std::string_view line = head.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos
                                                                                                : line_end - line_start);
            size_t colon = line.find(':');
            if (colon != std::string_view::npos) {
                std::string name = Lower(Trim(line.substr(0, colon)));
                std::string_view value = Trim(line.substr(colon + 1));
                if (name == "content-disposition") {
                    part.name = HeaderParam(value, "name");
                    part.filename = HeaderParam(value, "filename");
                } else if (name == "content-type") {
                    part.content_type = std::string(value);
                }
            }
            if (line_end == std::string_view::npos) {
                break;
            }
            line_start = line_end + 2;
        }
        size_t data_start = head_end + 4;
        size_t next = body.find("\r\n" + delim, data_start);
        if (next == std::string_view::npos) {
            return core::Error::Invalid("multipart part without a closing boundary");
        }
        part.data = std::string(body.substr(data_start, next - data_start));
        parts.push_back(std::move(part));
        pos = next + 2 + delim.size();
    }
    return parts;
}

std::string UrlDecode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::multimap<std::string, std::string> ParseUrlEncoded(std::string_view body) {
    std::multimap<std::string, std::string> out;
    size_t i = 0;
    while (i <= body.size()) {
        size_t amp = body.find('&', i);
        std::string_view pair = body.substr(i, amp == std::string_view::npos ? std::string_view::npos : amp - i);
        if (!pair.empty()) {
            size_t eq = pair.find('=');
            std::string key = UrlDecode(pair.substr(0, eq));
            std::string value = eq == std::string_view::npos ? std::string() : UrlDecode(pair.substr(eq + 1));
            out.emplace(std::move(key), std::move(value));
        }
        if (amp == std::string_view::npos) {
            break;
        }
        i = amp + 1;
    }
    return out;
}

}  // namespace by::sandbox::cabinet
