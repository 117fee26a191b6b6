#include "obs/sentry/scrub.hpp"

#include <cctype>
#include <regex>

#include "net/redact.hpp"

namespace by::obs::sentry {
namespace {

// std::regex recurses per character on some patterns: inputs are cut to this before any regex runs.
constexpr size_t kMaxInput = 4096;

std::string CutUtf8(std::string s, size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    s.resize(cut);
    return s + "\xE2\x80\xA6";
}

// Every http(s) URL: redacted by net/, then its whole query replaced by ***.
std::string ScrubUrls(const std::string& in) {
    std::string out;
    size_t i = 0;
    while (i < in.size()) {
        size_t http = in.find("http", i);
        if (http == std::string::npos) break;
        bool url = in.compare(http, 7, "http://") == 0 || in.compare(http, 8, "https://") == 0;
        if (!url) {
            out.append(in, i, http + 4 - i);
            i = http + 4;
            continue;
        }
        size_t end = in.find_first_of(" \t\r\n\"'<>`", http);
        if (end == std::string::npos) end = in.size();
        std::string u = in.substr(http, end - http);
        std::string query;
        if (size_t q = u.find('?'); q != std::string::npos) {
            u.resize(q);
            query = "?***";
        }
        out.append(in, i, http - i);
        out += net::RedactUrl(u) + query;
        i = end;
    }
    if (i < in.size()) out.append(in, i, std::string::npos);
    return out;
}

bool LooksLikeKey(const std::string& token) {
    bool lower = false, upper = false, digit = false;
    for (unsigned char c : token) {
        lower = lower || std::islower(c);
        upper = upper || std::isupper(c);
        digit = digit || std::isdigit(c);
    }
    return lower && upper && digit;
}

std::string ScrubLongTokens(const std::string& in) {
    static const std::regex kToken("[A-Za-z0-9+/_=.-]{32,}");
    std::string out;
    auto last = in.cbegin();
    for (std::sregex_iterator it(in.begin(), in.end(), kToken), end; it != end; ++it) {
        out.append(last, (*it)[0].first);
        std::string tok = it->str();
        out += LooksLikeKey(tok) ? std::string(net::kRedacted) : tok;
        last = (*it)[0].second;
    }
    out.append(last, in.cend());
    return out;
}

}  // namespace

std::string ScrubText(std::string_view text, size_t max_bytes) {
    static const std::regex kScheme(R"(\b(bearer|basic|token|bot|oauth|digest)(\s+)[A-Za-z0-9._~+/=:-]{3,})",
                                    std::regex::icase);
    static const std::regex kPair(
        R"(([A-Za-z0-9_.-]*(key|token|secret|passw|pwd|signature|sig|auth|cookie|session|csrf|credential|client.?id)[A-Za-z0-9_.-]*"?\s*[=:]\s*"?)([^\s&,;"'}]+))",
        std::regex::icase);
    static const std::regex kJwt(R"(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)");
    std::string s(text.substr(0, kMaxInput));
    for (char& c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    }
    s = ScrubUrls(s);
    s = std::regex_replace(s, kJwt, "***");
    s = std::regex_replace(s, kScheme, "$1$2***");
    s = std::regex_replace(s, kPair, "$1***");
    s = ScrubLongTokens(s);
    return CutUtf8(std::move(s), max_bytes);
}

}  // namespace by::obs::sentry
