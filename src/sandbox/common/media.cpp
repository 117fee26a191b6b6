#include "sandbox/common/media.hpp"

#include <cstdint>

namespace by::sandbox {
namespace {

uint32_t Be16(std::string_view b, size_t i) {
    return (static_cast<uint8_t>(b[i]) << 8) | static_cast<uint8_t>(b[i + 1]);
}
uint32_t Be32(std::string_view b, size_t i) { return (Be16(b, i) << 16) | Be16(b, i + 2); }
uint32_t Le16(std::string_view b, size_t i) {
    return static_cast<uint8_t>(b[i]) | (static_cast<uint8_t>(b[i + 1]) << 8);
}
uint32_t Le24(std::string_view b, size_t i) { return Le16(b, i) | (static_cast<uint8_t>(b[i + 2]) << 16); }
uint32_t Le32(std::string_view b, size_t i) { return Le16(b, i) | (Le16(b, i + 2) << 16); }

bool StartsWith(std::string_view b, std::string_view magic) { return b.substr(0, magic.size()) == magic; }

void ParseJpeg(std::string_view b, MediaInfo* info) {
    size_t i = 2;
    while (i + 4 <= b.size()) {
        if (static_cast<uint8_t>(b[i]) != 0xFF) {
            return;
        }
        uint8_t marker = static_cast<uint8_t>(b[i + 1]);
        if (marker == 0xFF) {  // fill byte
            ++i;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            i += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA) {  // end of image or start of scan before any SOF
            return;
        }
        uint32_t len = Be16(b, i + 2);
        bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (i + 9 > b.size()) {
                return;
            }
            info->height = static_cast<int>(Be16(b, i + 5));
            info->width = static_cast<int>(Be16(b, i + 7));
            return;
        }
        i += 2 + len;
    }
}

void ParseWebp(std::string_view b, MediaInfo* info) {
    if (b.size() < 30) {
        return;
    }
    std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8 ") {
        // Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
        if (static_cast<uint8_t>(b[23]) == 0x9d && static_cast<uint8_t>(b[24]) == 0x01 &&
            static_cast<uint8_t>(b[25]) == 0x2a) {
            info->width = static_cast<int>(Le16(b, 26) & 0x3FFF);
            info->height = static_cast<int>(Le16(b, 28) & 0x3FFF);
        }
    } else if (chunk == "VP8L") {
        if (static_cast<uint8_t>(b[20]) == 0x2f) {
            uint32_t bits = Le32(b, 21);
            info->width = static_cast<int>((bits & 0x3FFF) + 1);
            info->height = static_cast<int>(((bits >> 14) & 0x3FFF) + 1);
        }
    } else if (chunk == "VP8X") {
        info->animated = (static_cast<uint8_t>(b[20]) & 0x02) != 0;
        info->width = static_cast<int>(Le24(b, 24) + 1);
        info->height = static_cast<int>(Le24(b, 27) + 1);
    }
}

bool GifIsAnimated(std::string_view b) {
    // Counts image descriptors (0x2C) while walking the block structure; two or more frames = animated.
    if (b.size() < 13) {
        return false;
    }
    size_t i = 13;
    uint8_t flags = static_cast<uint8_t>(b[10]);
    if (flags & 0x80) {
        i += 3u * (1u << ((flags & 0x07) + 1));
    }
    int frames = 0;
    while (i < b.size()) {
        uint8_t t = static_cast<uint8_t>(b[i]);
        if (t == 0x3B) {
            break;
        }
        if (t == 0x21) {  // extension: label, then sub-blocks
            i += 2;
        } else if (t == 0x2C) {
            if (++frames > 1) {
                return true;
            }
            if (i + 10 > b.size()) {
                break;
            }
            uint8_t lf = static_cast<uint8_t>(b[i + 9]);
            i += 10;
            if (lf & 0x80) {
                i += 3u * (1u << ((lf & 0x07) + 1));
            }
            ++i;  // LZW minimum code size
        } else {
            break;
        }
        while (i < b.size() && b[i] != 0) {  // sub-blocks
            i += 1 + static_cast<uint8_t>(b[i]);
        }
        ++i;
    }
    return false;
}

}  // namespace

bool MediaInfo::is_image() const {
    return format == MediaFormat::kJpeg || format == MediaFormat::kPng || format == MediaFormat::kWebp ||
           format == MediaFormat::kGif || format == MediaFormat::kBmp;
}

bool MediaInfo::is_video() const { return format == MediaFormat::kMp4 || format == MediaFormat::kMov; }

MediaInfo SniffMedia(std::string_view b) {
    MediaInfo info;
    if (b.size() >= 3 && StartsWith(b, "\xFF\xD8\xFF")) {
        info.format = MediaFormat::kJpeg;
        ParseJpeg(b, &info);
    } else if (StartsWith(b, std::string_view("\x89PNG\r\n\x1a\n", 8))) {
        info.format = MediaFormat::kPng;
        if (b.size() >= 24 && b.substr(12, 4) == "IHDR") {
            info.width = static_cast<int>(Be32(b, 16));
            info.height = static_cast<int>(Be32(b, 20));
        }
    } else if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") {
        info.format = MediaFormat::kWebp;
        ParseWebp(b, &info);
    } else if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) {
        info.format = MediaFormat::kGif;
        if (b.size() >= 10) {
            info.width = static_cast<int>(Le16(b, 6));
            info.height = static_cast<int>(Le16(b, 8));
        }
        info.animated = GifIsAnimated(b);
    } else if (b.size() >= 26 && StartsWith(b, "BM")) {
        info.format = MediaFormat::kBmp;
        info.width = static_cast<int>(static_cast<int32_t>(Le32(b, 18)));
        int32_t h = static_cast<int32_t>(Le32(b, 22));
        info.height = h < 0 ? -h : h;
    } else if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
        info.format = b.substr(8, 4) == "qt  " ? MediaFormat::kMov : MediaFormat::kMp4;
    } else if (b.size() >= 8) {
        // QuickTime files may open with other atoms before (or instead of) ftyp.
        std::string_view atom = b.substr(4, 4);
        if (atom == "moov" || atom == "mdat" || atom == "wide" || atom == "free" || atom == "skip" || atom == "pnot") {
            info.format = MediaFormat::kMov;
        }
    }
    return info;
}

std::string_view MediaFormatName(MediaFormat f) {
    switch (f) {
        case MediaFormat::kJpeg: return "jpeg";
        case MediaFormat::kPng: return "png";
        case MediaFormat::kWebp: return "webp";
        case MediaFormat::kGif: return "gif";
        case MediaFormat::kBmp: return "bmp";
        case MediaFormat::kMp4: return "mp4";
        case MediaFormat::kMov: return "mov";
        case MediaFormat::kUnknown: break;
    }
    return "unknown";
}

}  // namespace by::sandbox
