// libswscale colour conversion and the in-memory H.264/MP4 writer.
//
// Faststart in memory: the mp4 muxer's +faststart pass re-opens its output for reading through
// AVFormatContext::io_open and shifts the media data up to make room for moov. We give it io_open/io_close2
// callbacks that open a second cursor over the same in-memory file, so no temporary file is needed.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "media/libav/av.hpp"

namespace by::media::av {
namespace {

// libav logs through a process-wide callback; x264's banner and per-run statistics are noise in our logs.
void QuietLibav() {
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_level(AV_LOG_ERROR); });
}

std::string AvErr(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(err, buf, sizeof buf);
    return buf;
}

core::Error Fail(const std::string& what, int err) {
    return core::Error::Internal("video encoding failed", what + ": " + AvErr(err));
}

// ---- colour conversion ----

struct SwsDeleter {
    void operator()(SwsContext* c) const { sws_freeContext(c); }
};

core::Status Convert(const uint8_t* src, AVPixelFormat src_fmt, int src_w, int src_h, int src_stride,
                     kenburns::Yuv420& out, int dst_w, int dst_h) {
    std::unique_ptr<SwsContext, SwsDeleter> sws(sws_getContext(src_w, src_h, src_fmt, dst_w, dst_h,
                                                                AV_PIX_FMT_YUV420P,
                                                                SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP,
                                                                nullptr, nullptr, nullptr));
    if (!sws) {
        return core::Error::Internal("video encoding failed", "sws_getContext");
    }
    // Output BT.709, limited range, as tagged in the stream.
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    sws_setColorspaceDetails(sws.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);
    out.y = {dst_w, dst_h, std::vector<uint8_t>(size_t(dst_w) * dst_h)};
    out.u = {dst_w / 2, dst_h / 2, std::vector<uint8_t>(size_t(dst_w / 2) * (dst_h / 2))};
    out.v = {dst_w / 2, dst_h / 2, std::vector<uint8_t>(size_t(dst_w / 2) * (dst_h / 2))};
    const uint8_t* in_planes[4] = {src, nullptr, nullptr, nullptr};
    const int in_strides[4] = {src_stride, 0, 0, 0};
    uint8_t* out_planes[4] = {out.y.data.data(), out.u.data.data(), out.v.data.data(), nullptr};
    const int out_strides[4] = {dst_w, dst_w / 2, dst_w / 2, 0};
    if (sws_scale(sws.get(), in_planes, in_strides, 0, src_h, out_planes, out_strides) != dst_h) {
        return core::Error::Internal("video encoding failed", "sws_scale");
    }
    return core::Ok();
}

// ---- in-memory file ----

struct MemFile {
    std::string data;
};

struct Cursor {
    MemFile* file = nullptr;
    int64_t pos = 0;
};

int MemRead(void* opaque, uint8_t* buf, int size) {
    auto* c = static_cast<Cursor*>(opaque);
    int64_t left = int64_t(c->file->data.size()) - c->pos;
    if (left <= 0) {
        return AVERROR_EOF;
    }
    int n = int(std::min<int64_t>(left, size));
    std::memcpy(buf, c->file->data.data() + c->pos, size_t(n));
    c->pos += n;
    return n;
}

int MemWrite(void* opaque, uint8_t* buf, int size) {
    auto* c = static_cast<Cursor*>(opaque);
    size_t end = size_t(c->pos) + size_t(size);
    if (end > c->file->data.size()) {
        c->file->data.resize(end);
    }
    std::memcpy(c->file->data.data() + c->pos, buf, size_t(size));
    c->pos = int64_t(end);
    return size;
}

int64_t MemSeek(void* opaque, int64_t offset, int whence) {
    auto* c = static_cast<Cursor*>(opaque);
    int64_t size = int64_t(c->file->data.size());
    switch (whence & ~AVSEEK_FORCE) {
        case AVSEEK_SIZE:
            return size;
        case SEEK_SET:
            c->pos = offset;
            break;
        case SEEK_CUR:
            c->pos += offset;
            break;
        case SEEK_END:
            c->pos = size + offset;
            break;
        default:
            return AVERROR(EINVAL);
    }
    if (c->pos < 0) {
        c->pos = 0;
        return AVERROR(EINVAL);
    }
    return c->pos;
}

AVIOContext* OpenCursor(MemFile* file, bool write) {
    constexpr int kBuf = 64 * 1024;
    auto* buffer = static_cast<unsigned char*>(av_malloc(kBuf));
    if (!buffer) {
        return nullptr;
    }
    auto* cursor = new Cursor{file, 0};
    AVIOContext* pb = avio_alloc_context(buffer, kBuf, write ? 1 : 0, cursor, MemRead, write ? MemWrite : nullptr,
                                         MemSeek);
    if (!pb) {
        av_free(buffer);
        delete cursor;
        return nullptr;
    }
    pb->seekable = AVIO_SEEKABLE_NORMAL;
    return pb;
}

void CloseCursor(AVIOContext* pb) {
    if (!pb) {
        return;
    }
    avio_flush(pb);
    delete static_cast<Cursor*>(pb->opaque);
    av_freep(&pb->buffer);
    avio_context_free(&pb);
}

int IoOpen(AVFormatContext* s, AVIOContext** pb, const char* /*url*/, int flags, AVDictionary** /*options*/) {
    *pb = OpenCursor(static_cast<MemFile*>(s->opaque), (flags & AVIO_FLAG_WRITE) != 0);
    return *pb ? 0 : AVERROR(ENOMEM);
}

int IoClose2(AVFormatContext* /*s*/, AVIOContext* pb) {
    CloseCursor(pb);
    return 0;
}

// ---- RAII ----

struct CodecCtxDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct OutputDeleter {
    void operator()(AVFormatContext* f) const {
        if (f->pb) {
            CloseCursor(f->pb);
            f->pb = nullptr;
        }
        avformat_free_context(f);
    }
};

}  // namespace

core::Result<kenburns::Yuv420> RgbToYuv420(const uint8_t* rgb, int src_w, int src_h, int dst_w, int dst_h) {
    if (!rgb || src_w <= 0 || src_h <= 0 || dst_w <= 0 || dst_h <= 0 || dst_w % 2 || dst_h % 2) {
        return core::Error::Invalid("bad image size for video");
    }
    kenburns::Yuv420 out;
    BY_TRY(Convert(rgb, AV_PIX_FMT_RGB24, src_w, src_h, src_w * 3, out, dst_w, dst_h));
    return out;
}

core::Result<kenburns::Yuv420> RgbaToYuva420(const uint8_t* rgba, int w, int h) {
    if (!rgba || w <= 0 || h <= 0) {
        return core::Error::Invalid("bad caption size");
    }
    int ew = (w + 1) / 2 * 2, eh = (h + 1) / 2 * 2;
    // Transparent pixels take the mean colour of the opaque ones, so chroma averaging at the edges of the
    // shape does not pull in black.
    double sum[3] = {0, 0, 0};
    int64_t count = 0;
    for (int64_t i = 0; i < int64_t(w) * h; ++i) {
        if (rgba[i * 4 + 3] > 0) {
            for (int c = 0; c < 3; ++c) {
                sum[c] += rgba[i * 4 + c];
            }
            ++count;
        }
    }
    uint8_t fill[3] = {0, 0, 0};
    for (int c = 0; c < 3 && count > 0; ++c) {
        fill[c] = uint8_t(sum[c] / double(count) + 0.5);
    }
    std::vector<uint8_t> padded(size_t(ew) * eh * 4, 0);
    std::vector<uint8_t> rgb(size_t(ew) * eh * 3);
    kenburns::Yuv420 out;
    out.a = {ew, eh, std::vector<uint8_t>(size_t(ew) * eh, 0)};
    for (int y = 0; y < eh; ++y) {
        for (int x = 0; x < ew; ++x) {
            size_t o = size_t(y) * ew + x;
            const uint8_t* p = (x < w && y < h) ? rgba + (size_t(y) * w + x) * 4 : nullptr;
            uint8_t a = p ? p[3] : 0;
            out.a.data[o] = a;
            for (int c = 0; c < 3; ++c) {
                rgb[o * 3 + c] = a ? p[c] : fill[c];
            }
        }
    }
    BY_TRY(Convert(rgb.data(), AV_PIX_FMT_RGB24, ew, eh, ew * 3, out, ew, eh));
    return out;
}

core::Result<std::string> EncodeMp4(const EncoderParams& params, const FrameFiller& fill) {
    if (params.width <= 0 || params.height <= 0 || params.width % 2 || params.height % 2 || params.fps <= 0 ||
        params.frames <= 0) {
        return core::Error::Invalid("bad video parameters");
    }
    QuietLibav();
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (!codec) {
        return core::Error::Unavailable("the H.264 encoder (libx264) is not available in this libavcodec");
    }
    std::unique_ptr<AVCodecContext, CodecCtxDeleter> enc(avcodec_alloc_context3(codec));
    if (!enc) {
        return core::Error::Internal("video encoding failed", "avcodec_alloc_context3");
    }
    MemFile file;
    AVFormatContext* raw_fmt = nullptr;
    int err = avformat_alloc_output_context2(&raw_fmt, nullptr, "mp4", nullptr);
    if (err < 0 || !raw_fmt) {
        return Fail("avformat_alloc_output_context2", err);
    }
    std::unique_ptr<AVFormatContext, OutputDeleter> fmt(raw_fmt);
    fmt->opaque = &file;
    fmt->io_open = IoOpen;
    fmt->io_close2 = IoClose2;
    fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    fmt->url = av_strdup("memory.mp4");
    fmt->pb = OpenCursor(&file, true);
    if (!fmt->pb) {
        return core::Error::Internal("video encoding failed", "avio_alloc_context");
    }

    enc->width = params.width;
    enc->height = params.height;
    enc->pix_fmt = AV_PIX_FMT_YUV420P;
    enc->time_base = AVRational{1, params.fps};
    enc->framerate = AVRational{params.fps, 1};
    enc->gop_size = params.fps * std::max(1, params.gop_seconds);
    enc->color_range = AVCOL_RANGE_MPEG;
    enc->colorspace = AVCOL_SPC_BT709;
    enc->color_primaries = AVCOL_PRI_BT709;
    enc->color_trc = AVCOL_TRC_BT709;
    enc->sample_aspect_ratio = AVRational{1, 1};
    int threads = params.threads > 0 ? params.threads : int(std::max(1u, std::thread::hardware_concurrency()));
    enc->thread_count = threads;
    if (fmt->oformat->flags & AVFMT_GLOBALHEADER) {
        enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    }
    av_opt_set(enc->priv_data, "preset", params.preset.c_str(), 0);
    av_opt_set_int(enc->priv_data, "qp", params.qp, 0);
    if ((err = avcodec_open2(enc.get(), codec, nullptr)) < 0) {
        return Fail("avcodec_open2", err);
    }

    AVStream* stream = avformat_new_stream(fmt.get(), nullptr);
    if (!stream) {
        return core::Error::Internal("video encoding failed", "avformat_new_stream");
    }
    stream->time_base = enc->time_base;
    stream->avg_frame_rate = enc->framerate;
    if ((err = avcodec_parameters_from_context(stream->codecpar, enc.get())) < 0) {
        return Fail("avcodec_parameters_from_context", err);
    }
    AVDictionary* opts = nullptr;
    av_dict_set(&opts, "movflags", "+faststart", 0);
    err = avformat_write_header(fmt.get(), &opts);
    av_dict_free(&opts);
    if (err < 0) {
        return Fail("avformat_write_header", err);
    }

    std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    std::unique_ptr<AVPacket, PacketDeleter> pkt(av_packet_alloc());
    if (!frame || !pkt) {
        return core::Error::Internal("video encoding failed", "alloc");
    }
    frame->format = enc->pix_fmt;
    frame->width = enc->width;
    frame->height = enc->height;
    if ((err = av_frame_get_buffer(frame.get(), 64)) < 0) {
        return Fail("av_frame_get_buffer", err);
    }

    auto drain = [&]() -> core::Status {
        while (true) {
            int r = avcodec_receive_packet(enc.get(), pkt.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) {
                return core::Ok();
            }
            if (r < 0) {
                return Fail("avcodec_receive_packet", r);
            }
            if (pkt->duration == 0) {
                pkt->duration = 1;
            }
            av_packet_rescale_ts(pkt.get(), enc->time_base, stream->time_base);
            pkt->stream_index = stream->index;
            if ((r = av_interleaved_write_frame(fmt.get(), pkt.get())) < 0) {
                return Fail("av_interleaved_write_frame", r);
            }
        }
    };

    for (int64_t i = 0; i < params.frames; ++i) {
        if ((err = av_frame_make_writable(frame.get())) < 0) {
            return Fail("av_frame_make_writable", err);
        }
        uint8_t* planes[3] = {frame->data[0], frame->data[1], frame->data[2]};
        const int linesize[3] = {frame->linesize[0], frame->linesize[1], frame->linesize[2]};
        bool key = fill(i, planes, linesize);
        frame->pict_type = key ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
        frame->pts = i;
        if ((err = avcodec_send_frame(enc.get(), frame.get())) < 0) {
            return Fail("avcodec_send_frame", err);
        }
        BY_TRY(drain());
    }
    if ((err = avcodec_send_frame(enc.get(), nullptr)) < 0) {
        return Fail("avcodec_send_frame(flush)", err);
    }
    BY_TRY(drain());
    if ((err = av_write_trailer(fmt.get())) < 0) {
        return Fail("av_write_trailer", err);
    }
    CloseCursor(fmt->pb);
    fmt->pb = nullptr;
    return std::move(file.data);
}

}  // namespace by::media::av
