// ProbeVideo: demux (and optionally decode) an MP4 held in memory.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
}

#include <cstring>
#include <memory>

#include "media/video.hpp"

namespace by::media {
namespace {

struct Reader {
    std::string_view data;
    int64_t pos = 0;
};

int Read(void* opaque, uint8_t* buf, int size) {
    auto* r = static_cast<Reader*>(opaque);
    int64_t left = int64_t(r->data.size()) - r->pos;
    if (left <= 0) {
        return AVERROR_EOF;
    }
    int n = int(std::min<int64_t>(left, size));
    std::memcpy(buf, r->data.data() + r->pos, size_t(n));
    r->pos += n;
    return n;
}

int64_t Seek(void* opaque, int64_t offset, int whence) {
    auto* r = static_cast<Reader*>(opaque);
    int64_t size = int64_t(r->data.size());
    switch (whence & ~AVSEEK_FORCE) {
        case AVSEEK_SIZE:
            return size;
        case SEEK_SET:
            r->pos = offset;
            break;
        case SEEK_CUR:
            r->pos += offset;
            break;
        case SEEK_END:
            r->pos = size + offset;
            break;
        default:
            return AVERROR(EINVAL);
    }
    return r->pos;
}

struct InputCloser {
    void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
};
struct IoFree {
    void operator()(AVIOContext* pb) const {
        av_freep(&pb->buffer);
        avio_context_free(&pb);
    }
};
struct CodecFree {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};

core::Error Bad(const std::string& what) {
    core::Error e = core::Error::UnsupportedMedia("the video cannot be read");
    e.context = what;
    return e;
}

}  // namespace

namespace {

core::Result<VideoInfo> ProbeImpl(std::string_view mp4, bool decode_all) {
    if (mp4.empty()) {
        return Bad("empty");
    }
    Reader reader{mp4, 0};
    constexpr int kBuf = 64 * 1024;
    auto* buffer = static_cast<unsigned char*>(av_malloc(kBuf));
    std::unique_ptr<AVIOContext, IoFree> pb(avio_alloc_context(buffer, kBuf, 0, &reader, Read, nullptr, Seek));
    if (!pb) {
        av_free(buffer);
        return core::Error::Internal("video probe failed", "avio_alloc_context");
    }
    AVFormatContext* raw = avformat_alloc_context();
    raw->pb = pb.get();
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    if (avformat_open_input(&raw, nullptr, nullptr, nullptr) < 0) {
        return Bad("avformat_open_input");  // raw is freed by avformat_open_input on failure
    }
    std::unique_ptr<AVFormatContext, InputCloser> fmt(raw);
    if (avformat_find_stream_info(fmt.get(), nullptr) < 0) {
        return Bad("avformat_find_stream_info");
    }
    int vi = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (vi < 0) {
        return Bad("no video stream");
    }
    AVStream* st = fmt->streams[vi];
    VideoInfo info;
    info.bytes = int64_t(mp4.size());
    info.codec = avcodec_get_name(st->codecpar->codec_id);
    const char* pf = av_get_pix_fmt_name(AVPixelFormat(st->codecpar->format));
    info.pix_fmt = pf ? pf : "";
    info.width = st->codecpar->width;
    info.height = st->codecpar->height;
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0) {
        info.fps = av_q2d(st->avg_frame_rate);
    }
    if (st->duration > 0) {
        info.seconds = double(st->duration) * av_q2d(st->time_base);
    } else if (fmt->duration > 0) {
        info.seconds = double(fmt->duration) / AV_TIME_BASE;
    }
    info.faststart = IsFaststartMp4(mp4);

    std::unique_ptr<AVCodecContext, CodecFree> dec;
    if (decode_all) {
        const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
        if (!codec) {
            return Bad("no decoder");
        }
        dec.reset(avcodec_alloc_context3(codec));
        avcodec_parameters_to_context(dec.get(), st->codecpar);
        if (avcodec_open2(dec.get(), codec, nullptr) < 0) {
            return Bad("avcodec_open2");
        }
    }
    std::unique_ptr<AVPacket, PacketFree> pkt(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
    int64_t packets = 0, frames = 0;
    auto receive = [&]() -> bool {
        while (true) {
            int r = avcodec_receive_frame(dec.get(), frame.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) {
                return true;
            }
            if (r < 0) {
                return false;
            }
            if (frame->width != info.width || frame->height != info.height || frame->format != st->codecpar->format) {
                return false;
            }
            ++frames;
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(fmt.get(), pkt.get()) >= 0) {
        if (pkt->stream_index == vi) {
            ++packets;
            if (dec) {
                if (avcodec_send_packet(dec.get(), pkt.get()) < 0 || !receive()) {
                    av_packet_unref(pkt.get());
                    return Bad("decode error");
                }
            }
        }
        av_packet_unref(pkt.get());
    }
    if (dec) {
        avcodec_send_packet(dec.get(), nullptr);
        if (!receive()) {
            return Bad("decode error at end");
        }
        info.frames = frames;
    } else {
        info.frames = packets;
    }
    return info;
}

}  // namespace

core::Result<VideoInfo> ProbeVideo(std::string_view mp4, bool decode_all) {
    try {
        return ProbeImpl(mp4, decode_all);
    } catch (const std::exception& e) {
        return core::Error::Internal("video probe failed", e.what());
    }
}

}  // namespace by::media
