#include "png_check.hpp"

#include <zlib.h>

#include <vector>

namespace by::testing {
namespace {

void Be32(std::string& out, uint32_t v) {
    out.push_back(static_cast<char>(v >> 24));
    out.push_back(static_cast<char>(v >> 16));
    out.push_back(static_cast<char>(v >> 8));
    out.push_back(static_cast<char>(v));
}

uint32_t ReadBe32(const std::string& s, size_t at) {
    return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
           (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}

void Chunk(std::string& out, const char* type, const std::string& data) {
    Be32(out, static_cast<uint32_t>(data.size()));
    std::string td = std::string(type, 4) + data;
    out += td;
    Be32(out, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(td.data()), td.size())));
}

}  // namespace

std::string MakePng(int width, int height, uint8_t r, uint8_t g, uint8_t b) {
    std::string raw;
    for (int y = 0; y < height; ++y) {
        raw.push_back('\0');  // filter: none
        for (int x = 0; x < width; ++x) {
            raw.push_back(static_cast<char>(r));
            raw.push_back(static_cast<char>(g));
            raw.push_back(static_cast<char>(b));
        }
    }
    uLongf len = compressBound(raw.size());
    std::string z(len, '\0');
    compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()), raw.size());
    z.resize(len);
    std::string out("\x89PNG\r\n\x1a\n", 8);
    std::string ihdr;
    Be32(ihdr, width);
    Be32(ihdr, height);
    ihdr += std::string("\x08\x02\x00\x00\x00", 5);
    Chunk(out, "IHDR", ihdr);
    Chunk(out, "IDAT", z);
    Chunk(out, "IEND", "");
    return out;
}

PngInfo DecodePng(const std::string& s) {
    PngInfo info;
    if (s.size() < 8 || s.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0) {
        info.error = "no PNG signature";
        return info;
    }
    size_t at = 8;
    std::string idat;
    int color_type = -1;
    int bit_depth = 0;
    bool end = false;
    while (at + 12 <= s.size()) {
        uint32_t len = ReadBe32(s, at);
        if (at + 12 + len > s.size()) {
            info.error = "truncated chunk";
            return info;
        }
        std::string type = s.substr(at + 4, 4);
        uint32_t crc = ReadBe32(s, at + 8 + len);
        uint32_t want = static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(s.data() + at + 4), len + 4));
        if (crc != want) {
            info.error = "bad CRC in " + type;
            return info;
        }
        if (type == "IHDR") {
            info.width = static_cast<int>(ReadBe32(s, at + 8));
            info.height = static_cast<int>(ReadBe32(s, at + 12));
            bit_depth = uint8_t(s[at + 16]);
            color_type = uint8_t(s[at + 17]);
            if (uint8_t(s[at + 20]) != 0) {
                info.error = "interlaced";
                return info;
            }
        } else if (type == "IDAT") {
            idat += s.substr(at + 8, len);
        } else if (type == "IEND") {
            end = true;
            break;
        }
        at += 12 + len;
    }
    if (!end || info.width <= 0 || info.height <= 0 || bit_depth != 8) {
        info.error = "missing IEND/IHDR or unsupported depth";
        return info;
    }
    int channels = color_type == 0 ? 1 : color_type == 2 ? 3 : color_type == 4 ? 2 : color_type == 6 ? 4 : 0;
    if (channels == 0) {
        info.error = "unsupported colour type";
        return info;
    }
    uLongf expected = static_cast<uLongf>(info.height) * (1 + static_cast<uLongf>(info.width) * channels);
    std::vector<Bytef> raw(expected + 1);
    uLongf got = raw.size();
    int rc = uncompress(raw.data(), &got, reinterpret_cast<const Bytef*>(idat.data()), idat.size());
    if (rc != Z_OK || got != expected) {
        info.error = "IDAT does not inflate to the image size";
        return info;
    }
    info.ok = true;
    return info;
}

std::string MakeMp4() {
    std::string out;
    std::string ftyp = "ftypisom";
    ftyp += std::string("\x00\x00\x02\x00", 4);
    ftyp += "isomiso2avc1mp41";
    Be32(out, static_cast<uint32_t>(ftyp.size() + 4));
    out += ftyp;
    Be32(out, 8);
    out += "free";
    std::string payload(1024, '\x01');
    Be32(out, static_cast<uint32_t>(payload.size() + 8));
    out += "mdat";
    out += payload;
    return out;
}

}  // namespace by::testing
