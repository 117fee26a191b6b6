// InspectUpload: byte limit, magic bytes and header dimensions here (no decoding), then a strict decode in
// vips/. The header parsers read only what they need and treat every length as hostile.
#include <cstring>

#include "media/image_ops.hpp"
#include "media/internal.hpp"

namespace by::media {
namespace internal {
namespace {

uint32_t Be16(const unsigned char* p) { return (uint32_t(p[0]) << 8) | p[1]; }
uint32_t Be32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}
uint32_t Le16(const unsigned char* p) { return uint32_t(p[0]) | (uint32_t(p[1]) << 8); }
uint32_t Le24(const unsigned char* p) { return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16); }
uint32_t Le32(const unsigned char* p) { return Le24(p) | (uint32_t(p[3]) << 24); }

core::Error Unsupported(const char* why) {
    core::Error e = core::Error::UnsupportedMedia("the file is not a readable JPEG, PNG or WebP image");
    e.context = why;
    return e;
}

core::Result<HeaderInfo> SniffPng(const unsigned char* p, size_t n) {
    // signature(8) length(4) "IHDR"(4) width(4) height(4)
    if (n < 33 || std::memcmp(p + 12, "IHDR", 4) != 0) {
        return Unsupported("png: no IHDR");
    }
    HeaderInfo h{"image/png", Be32(p + 16), Be32(p + 20)};
    return h;
}

bool IsSof(unsigned char m) {
    return (m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

core::Result<HeaderInfo> SniffJpeg(const unsigned char* p, size_t n) {
    size_t i = 2;
    while (i + 4 <= n) {
        if (p[i] != 0xFF) {
            return Unsupported("jpeg: marker expected");
        }
        unsigned char m = p[i + 1];
        if (m == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {  // standalone markers
            i += 2;
            continue;
        }
        if (m == 0xD9 || m == 0xDA) {
            return Unsupported("jpeg: no frame header before scan");
        }
        uint32_t len = Be16(p + i + 2);
        if (len < 2) {
            return Unsupported("jpeg: bad segment length");
        }
        if (IsSof(m)) {
            if (i + 9 > n) {
                return Unsupported("jpeg: truncated frame header");
            }
            HeaderInfo h{"image/jpeg", Be16(p + i + 7), Be16(p + i + 5)};
            return h;
        }
        i += 2 + len;
    }
    return Unsupported("jpeg: truncated before frame header");
}

core::Result<HeaderInfo> SniffWebp(const unsigned char* p, size_t n) {
    if (n < 30) {
        return Unsupported("webp: too short");
    }
    const unsigned char* c = p + 12;
    if (std::memcmp(c, "VP8X", 4) == 0) {
        HeaderInfo h{"image/webp", int64_t(Le24(c + 12)) + 1, int64_t(Le24(c + 15)) + 1};
        return h;
    }
    if (std::memcmp(c, "VP8L", 4) == 0) {
        if (c[8] != 0x2F) {
            return Unsupported("webp: bad VP8L signature");
        }
        uint32_t bits = Le32(c + 9);
        HeaderInfo h{"image/webp", int64_t(bits & 0x3FFF) + 1, int64_t((bits >> 14) & 0x3FFF) + 1};
        return h;
    }
    if (std::memcmp(c, "VP8 ", 4) == 0) {
        // chunk header(8) frame tag(3) start code 9d 01 2a, then 14-bit width and height
        if (c[11] != 0x9D || c[12] != 0x01 || c[13] != 0x2A) {
            return Unsupported("webp: bad VP8 start code");
        }
        HeaderInfo h{"image/webp", int64_t(Le16(c + 14) & 0x3FFF), int64_t(Le16(c + 16) & 0x3FFF)};
        return h;
    }
    return Unsupported("webp: unknown chunk");
}

}  // namespace

core::Result<HeaderInfo> SniffImageHeader(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size();
    core::Result<HeaderInfo> r = Unsupported("unknown magic bytes");
    if (n >= 8 && std::memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
        r = SniffPng(p, n);
    } else if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        r = SniffJpeg(p, n);
    } else if (n >= 12 && std::memcmp(p, "RIFF", 4) == 0 && std::memcmp(p + 8, "WEBP", 4) == 0) {
        r = SniffWebp(p, n);
    }
    if (r.ok() && (r->width <= 0 || r->height <= 0)) {
        return Unsupported("zero image dimension");
    }
    return r;
}

}  // namespace internal

core::Result<UploadInfo> InspectUpload(std::string_view bytes, int64_t max_bytes, int64_t max_pixels) {
    if (max_bytes > 0 && static_cast<int64_t>(bytes.size()) > max_bytes) {
        return core::Error::TooLarge("the photo is larger than " + std::to_string(max_bytes / (1024 * 1024)) +
                                     " MB");
    }
    if (bytes.empty()) {
        return core::Error::UnsupportedMedia("the file is empty");
    }
    BY_ASSIGN(internal::HeaderInfo header, internal::SniffImageHeader(bytes));
    if (max_pixels > 0 && header.width * header.height > max_pixels) {
        core::Error e = core::Error::Unprocessable("the photo has too many pixels (more than " +
                                                   std::to_string(max_pixels / 1'000'000) + " megapixels)");
        e.context = std::to_string(header.width) + "x" + std::to_string(header.height);
        return e;
    }
    BY_ASSIGN(internal::DecodedInfo decoded, internal::DecodeStrict(bytes));
    if (decoded.width != header.width || decoded.height != header.height) {
        core::Error e = core::Error::UnsupportedMedia("the image header does not match its data");
        e.context = "header " + std::to_string(header.width) + "x" + std::to_string(header.height) + ", decoded " +
                    std::to_string(decoded.width) + "x" + std::to_string(decoded.height);
        return e;
    }
    UploadInfo info;
    info.mime = header.mime;
    info.orientation = decoded.orientation;
    bool swap = decoded.orientation >= 5 && decoded.orientation <= 8;
    info.width = swap ? decoded.height : decoded.width;
    info.height = swap ? decoded.width : decoded.height;
    return info;
}

}  // namespace by::media
