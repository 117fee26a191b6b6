#include "obs/sentry/dsn.hpp"

#include <algorithm>
#include <cctype>

namespace by::obs::sentry {
namespace {

bool AllDigits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

bool KeyChars(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

bool HostChars(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_';
    });
}

}  // namespace

std::string Dsn::EnvelopeUrl() const { return scheme + "://" + host + path + "/api/" + project_id + "/envelope/"; }

std::string Dsn::ToString() const { return scheme + "://" + public_key + "@" + host + path + "/" + project_id; }

std::string Dsn::Redacted() const {
    std::string tail = public_key.size() > 4 ? public_key.substr(public_key.size() - 4) : std::string();
    return scheme + "://****" + tail + "@" + host + path + "/" + project_id;
}

core::Result<Dsn> ParseDsn(std::string_view text) {
    auto bad = [](const char* why) { return core::Error::Invalid(std::string("sentry.dsn: ") + why, "sentry.dsn"); };
    Dsn d;
    size_t sep = text.find("://");
    if (sep == std::string_view::npos) return bad("expected https://<key>@<host>/<project>");
    d.scheme = std::string(text.substr(0, sep));
    if (d.scheme != "https" && d.scheme != "http") return bad("the scheme must be https or http");
    std::string_view rest = text.substr(sep + 3);
    size_t at = rest.find('@');
    size_t slash = rest.find('/');
    if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return bad("no public key");
    std::string_view user = rest.substr(0, at);
    if (size_t colon = user.find(':'); colon != std::string_view::npos) user = user.substr(0, colon);
    if (!KeyChars(user)) return bad("the public key is missing or malformed");
    d.public_key = std::string(user);
    rest = rest.substr(at + 1);
    slash = rest.find('/');
    if (slash == std::string_view::npos) return bad("no project id");
    std::string_view host = rest.substr(0, slash);
    if (!HostChars(host)) return bad("the host is missing or malformed");
    d.host = std::string(host);
    std::string_view path = rest.substr(slash);  // "/.../<project>"
    if (size_t cut = path.find_first_of("?#"); cut != std::string_view::npos) path = path.substr(0, cut);
    while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    size_t last = path.rfind('/');
    std::string_view project = path.substr(last + 1);
    if (!AllDigits(project)) return bad("the project id must be a number at the end of the path");
    d.project_id = std::string(project);
    d.path = std::string(path.substr(0, last));
    return d;
}

}  // namespace by::obs::sentry
