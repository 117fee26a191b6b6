// Server-sent progress events (GUARANTEES Q11): replayed from the queue's event log after Last-Event-ID,
// so a dashboard that disconnects loses nothing. Each stream holds one connection thread, mostly asleep.
#include <chrono>
#include <thread>

#include "api/routes/events.hpp"
#include "pipeline/orchestrator.hpp"

namespace by::api {
namespace {

bool Terminal(const std::string& status) { return status == "done" || status == "failed" || status == "rejected"; }

}  // namespace

// Holds one of the server's stream slots for as long as the stream (its callback) lives.
struct StreamSlot {
    explicit StreamSlot(std::shared_ptr<std::atomic<int>> open) : open_(std::move(open)) {}
    ~StreamSlot() { open_->fetch_sub(1); }
    std::shared_ptr<std::atomic<int>> open_;
};

HttpResponse EventStream(ApiContext& ctx, const std::string& request_id, int64_t after_id) {
    if (ctx.sse_open->fetch_add(1) >= ctx.sse_max_streams) {
        ctx.sse_open->fetch_sub(1);
        // The dashboard falls back to polling the request; a client that retries later gets a stream.
        HttpResponse busy = ErrorResponse(core::Error::Unavailable("too many live progress streams right now; poll the request instead"));
        busy.SetHeader("Retry-After", "30");
        return busy;
    }
    auto slot = std::make_shared<StreamSlot>(ctx.sse_open);
    HttpResponse resp;
    resp.content_type = "text/event-stream";
    resp.SetHeader("Cache-Control", "no-store");
    resp.SetHeader("X-Accel-Buffering", "no");  // nginx: pass events through as they come
    auto last = std::make_shared<int64_t>(after_id);
    auto started = std::chrono::steady_clock::now();
    auto last_write = std::make_shared<std::chrono::steady_clock::time_point>(started);
    auto quiet_since_done = std::make_shared<int>(0);
    resp.stream = [&ctx, slot, request_id, last, started, last_write, quiet_since_done](StreamSink& sink) -> bool {
        queue::EventQuery q;
        q.stream = request_id;
        q.after_id = *last;
        q.limit = 500;
        auto events = ctx.queue->ReadEvents(q);
        if (!events.ok()) {
            return false;
        }
        if (!events->empty()) {
            std::string out;
            for (const auto& e : *events) {
                out += "id: " + std::to_string(e.id) + "\nevent: " + e.kind + "\ndata: " + e.payload + "\n\n";
                *last = e.id;
            }
            *last_write = std::chrono::steady_clock::now();
            *quiet_since_done = 0;
            return sink.Write(out);
        }
        auto now = std::chrono::steady_clock::now();
        if (now - started > std::chrono::milliseconds(ctx.sse_max_ms)) {
            return false;
        }
        auto req = ctx.store.GetRequest(request_id);
        if (req.ok() && Terminal(req->status) && ++*quiet_since_done > 3) {
            (void)sink.Write("event: end\ndata: {\"status\":\"" + req->status + "\"}\n\n");
            return false;
        }
        if (now - *last_write > std::chrono::seconds(15)) {
            *last_write = now;
            if (!sink.Write(": keep-alive\n\n")) return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(ctx.sse_poll_ms));
        return true;
    };
    return resp;
}

core::Status RepublishCard(ApiContext& ctx, const std::string& card_id) { return ctx.orchestrator->Republish(card_id); }

}  // namespace by::api
