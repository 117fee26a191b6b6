#include "app/tar.hpp"

#include <array>
#include <cstdio>
#include <cstring>

namespace by::app {
namespace {

constexpr size_t kBlock = 512;

void Octal(char* field, size_t width, uint64_t value) {
    std::snprintf(field, width, "%0*llo", static_cast<int>(width - 1), static_cast<unsigned long long>(value));
}

uint64_t ParseOctal(const char* field, size_t width) {
    uint64_t v = 0;
    for (size_t i = 0; i < width && field[i] != '\0' && field[i] != ' '; ++i) {
        if (field[i] < '0' || field[i] > '7') return UINT64_MAX;
        v = v * 8 + static_cast<uint64_t>(field[i] - '0');
    }
    return v;
}

unsigned Checksum(const std::array<char, kBlock>& h) {
    unsigned sum = 0;
    for (size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    return sum;
}

}  // namespace

core::Status TarWriter::Add(const std::string& name, const std::string& bytes, int64_t mtime_s) {
    std::array<char, kBlock> h{};
    std::string prefix, base = name;
    if (name.size() > 100) {
        auto cut = name.rfind('/', 155);
        if (cut == std::string::npos || name.size() - cut - 1 > 100) {
            return core::Error::Invalid("name too long for the archive: " + name);
        }
        prefix = name.substr(0, cut);
        base = name.substr(cut + 1);
    }
    std::memcpy(h.data(), base.data(), base.size());
    Octal(&h[100], 8, 0644);
    Octal(&h[108], 8, 0);
    Octal(&h[116], 8, 0);
    Octal(&h[124], 12, bytes.size());
    Octal(&h[136], 12, static_cast<uint64_t>(mtime_s));
    h[156] = '0';
    std::memcpy(&h[257], "ustar", 6);
    std::memcpy(&h[263], "00", 2);
    std::memcpy(&h[345], prefix.data(), prefix.size());
    Octal(&h[148], 7, Checksum(h));
    h[155] = ' ';
    out_.write(h.data(), kBlock);
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    static const std::array<char, kBlock> kZeros{};
    if (size_t pad = (kBlock - bytes.size() % kBlock) % kBlock) out_.write(kZeros.data(), static_cast<std::streamsize>(pad));
    if (!out_) return core::Error::Unavailable("could not write the archive (disk full?)");
    return core::Ok();
}

core::Status TarWriter::Finish() {
    static const std::array<char, kBlock * 2> kEnd{};
    out_.write(kEnd.data(), kEnd.size());
    out_.flush();
    if (!out_) return core::Error::Unavailable("could not write the archive (disk full?)");
    return core::Ok();
}

core::Status ReadTar(std::ifstream& in, const std::function<core::Status(const std::string&, std::string&&)>& fn) {
    std::array<char, kBlock> h{};
    bool ended = false, any = false;
    while (in.read(h.data(), kBlock)) {
        any = true;
        if (h[0] == '\0') {
            ended = true;
            break;
        }
        if (std::memcmp(&h[257], "ustar", 5) != 0 || ParseOctal(&h[148], 8) != Checksum(h)) {
            return core::Error::Invalid("not a BiznesYordam backup (bad archive header)");
        }
        uint64_t size = ParseOctal(&h[124], 12);
        if (size == UINT64_MAX || size > (uint64_t{1} << 40)) return core::Error::Invalid("bad size in the archive");
        std::string name(&h[0], strnlen(&h[0], 100));
        std::string prefix(&h[345], strnlen(&h[345], 155));
        if (!prefix.empty()) name = prefix + "/" + name;
        std::string bytes(size, '\0');
        if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) return core::Error::Invalid("the archive is cut short");
        in.ignore(static_cast<std::streamsize>((kBlock - size % kBlock) % kBlock));
        if (h[156] == '0' || h[156] == '\0') BY_TRY(fn(name, std::move(bytes)));
    }
    if (!any) return core::Error::Invalid("not a BiznesYordam backup (empty or too short)");
    if (!ended) return core::Error::Invalid("the archive is cut short (no end marker)");
    return core::Ok();
}

}  // namespace by::app
