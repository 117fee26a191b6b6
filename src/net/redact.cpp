#include "net/redact.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/secret.hpp"

namespace by::net {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool IsSecretParam(std::string_view name) {
    static constexpr std::array<std::string_view, 13> kNames = {
        "token",     "key",  "api_key", "apikey",    "api-key", "access_token", "secret",
        "password",  "pass", "signature", "sig",     "client_id", "auth"};
    std::string n = Lower(name);
    for (auto k : kNames) {
        if (n == k) {
            return true;
        }
    }
    return n.find("token") != std::string::npos || n.find("secret") != std::string::npos;
}

void ReplaceAll(std::string& text, std::string_view needle) {
    if (needle.size() < 4) {
        return;  // too short to be a credential; replacing would shred ordinary text
    }
    size_t pos = 0;
    while ((pos = text.find(needle, pos)) != std::string::npos) {
        text.replace(pos, needle.size(), kRedacted);
        pos += kRedacted.size();
    }
}

// A path with Telegram's token segment (/bot<id>:<secret>/method) hidden: "/bot***/method".
std::string RedactPath(std::string_view path) {
    std::string out;
    size_t pos = 0;
    while (pos < path.size()) {
        size_t next = path.find('/', pos + 1);
        std::string_view seg = path.substr(pos, next == std::string_view::npos ? path.npos : next - pos);
        if (seg.rfind("/bot", 0) == 0 && seg.size() > 4 &&
            (seg.find(':') != std::string_view::npos || seg.size() >= 24)) {
            out += "/bot";
            out += kRedacted;
        } else {
            out.append(seg);
        }
        if (next == std::string_view::npos) break;
        pos = next;
    }
    return out;
}

}  // namespace

std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view name) {
    for (const auto& [k, v] : headers) {
        if (k.size() == name.size() &&
            std::equal(k.begin(), k.end(), name.begin(), [](unsigned char a, unsigned char b) {
                return std::tolower(a) == std::tolower(b);
            })) {
            return std::string_view(v);
        }
    }
    return std::nullopt;
}

HttpRequest::~HttpRequest() {
    for (auto& [k, v] : headers) {
        if (IsSensitiveHeader(k)) {
            core::WipeString(v);
        }
    }
}

bool IsSensitiveHeader(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kNames = {
        "authorization", "proxy-authorization", "api-key", "x-api-key",
        "client-id",     "cookie",              "set-cookie", "x-auth-token"};
    std::string n = Lower(name);
    return std::find(kNames.begin(), kNames.end(), n) != kNames.end();
}

std::string RedactHeaders(const Headers& headers) {
    std::string out;
    for (const auto& [k, v] : headers) {
        if (!out.empty()) {
            out += "; ";
        }
        out += k;
        out += ": ";
        out += IsSensitiveHeader(k) ? std::string(kRedacted) : v;
    }
    return out;
}

std::string RedactUrl(std::string_view url) {
    std::string out;
    // User-info: scheme://user:pass@host
    size_t scheme = url.find("://");
    size_t authority = scheme == std::string_view::npos ? 0 : scheme + 3;
    size_t path = url.find_first_of("/?#", authority);
    std::string_view auth = url.substr(authority, path == std::string_view::npos ? url.npos : path - authority);
    size_t at = auth.rfind('@');
    out.append(url.substr(0, authority));
    if (at != std::string_view::npos) {
        out += kRedacted;
        out += '@';
        out.append(auth.substr(at + 1));
    } else {
        out.append(auth);
    }
    if (path == std::string_view::npos) {
        return out;
    }
    std::string_view rest = url.substr(path);
    size_t q = rest.find('?');
    if (q == std::string_view::npos) {
        out += RedactPath(rest);
        return out;
    }
    out += RedactPath(rest.substr(0, q));
    out += '?';
    std::string_view query = rest.substr(q + 1);
    std::string_view fragment;
    if (size_t h = query.find('#'); h != std::string_view::npos) {
        fragment = query.substr(h);
        query = query.substr(0, h);
    }
    bool first = true;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (!first) {
            out += '&';
        }
        first = false;
        size_t eq = pair.find('=');
        if (eq != std::string_view::npos && IsSecretParam(pair.substr(0, eq))) {
            out.append(pair.substr(0, eq + 1));
            out += kRedacted;
        } else {
            out.append(pair);
        }
    }
    out.append(fragment);
    return out;
}

std::string ScrubSecrets(std::string_view text, const Headers& headers) {
    std::string out(text);
    for (const auto& [k, v] : headers) {
        if (!IsSensitiveHeader(k) || v.empty()) {
            continue;
        }
        ReplaceAll(out, v);
        // "Bearer <token>" / "OAuth <token>": the bare token may be echoed alone.
        if (size_t sp = v.rfind(' '); sp != std::string::npos && sp + 1 < v.size()) {
            ReplaceAll(out, std::string_view(v).substr(sp + 1));
        }
    }
    return out;
}

std::string ScrubAndTruncate(std::string_view text, const Headers& headers, size_t max_chars) {
    std::string out = ScrubSecrets(text, headers);
    if (out.size() <= max_chars) {
        return out;
    }
    size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
        --cut;  // do not split a UTF-8 sequence
    }
    out.resize(cut);
    out += "…";
    return out;
}

}  // namespace by::net
