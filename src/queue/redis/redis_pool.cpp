#include "queue/redis/redis_pool.hpp"

#include <hiredis/hiredis.h>
#include <openssl/sha.h>
#include <poll.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace by::queue {
namespace {

struct CtxDeleter {
    void operator()(redisContext* c) const {
        if (c) redisFree(c);
    }
};
using CtxPtr = std::unique_ptr<redisContext, CtxDeleter>;

core::Result<CtxPtr> Connect(const RedisEndpoint& ep) {
    timeval tv{2, 0};
    CtxPtr c(redisConnectWithTimeout(ep.host.c_str(), ep.port, tv));
    if (!c || c->err) {
        return core::Error::Unavailable("cannot connect to Redis", c ? c->errstr : "out of memory");
    }
    timeval rw{30, 0};  // every wait has a limit: a hung server fails the call instead of the worker
    redisSetTimeout(c.get(), rw);
    auto simple = [&](std::vector<std::string> argv) -> core::Status {
        std::vector<const char*> a;
        std::vector<size_t> l;
        for (auto& s : argv) {
            a.push_back(s.data());
            l.push_back(s.size());
        }
        auto* r = static_cast<redisReply*>(redisCommandArgv(c.get(), static_cast<int>(a.size()), a.data(), l.data()));
        if (!r) return core::Error::Unavailable("Redis connection lost", c->errstr);
        bool err = r->type == REDIS_REPLY_ERROR;
        std::string msg = err ? std::string(r->str, r->len) : "";
        freeReplyObject(r);
        if (err) return core::Error::Unavailable("Redis refused the connection setup", msg);
        return core::Ok();
    };
    if (!ep.password.empty()) {
        BY_TRY(simple({"AUTH", ep.password}));
    }
    if (ep.db != 0) {
        BY_TRY(simple({"SELECT", std::to_string(ep.db)}));
    }
    return c;
}

RedisValue Decode(const redisReply* r) {
    RedisValue v;
    switch (r->type) {
        case REDIS_REPLY_INTEGER:
            v.type = RedisValue::Type::kInt;
            v.integer = r->integer;
            break;
        case REDIS_REPLY_STRING:
        case REDIS_REPLY_STATUS:
            v.type = RedisValue::Type::kString;
            v.str.assign(r->str, r->len);
            break;
        case REDIS_REPLY_ARRAY:
            v.type = RedisValue::Type::kArray;
            v.elements.reserve(r->elements);
            for (size_t i = 0; i < r->elements; ++i) v.elements.push_back(Decode(r->element[i]));
            break;
        default:
            break;  // nil
    }
    return v;
}

// The first server error inside a reply tree (a script's error_reply arrives at the top).
bool FindError(const redisReply* r, std::string* msg) {
    if (r->type == REDIS_REPLY_ERROR) {
        msg->assign(r->str, r->len);
        return true;
    }
    return false;
}

}  // namespace

int64_t RedisValue::Int() const {
    if (type == Type::kInt) return integer;
    if (type == Type::kString && !str.empty()) return std::strtoll(str.c_str(), nullptr, 10);
    return 0;
}

core::Result<RedisEndpoint> ParseRedisUrl(const std::string& url) {
    RedisEndpoint ep;
    std::string rest = url;
    if (rest.rfind("redis://", 0) == 0) {
        rest = rest.substr(8);
    } else if (rest.find("://") != std::string::npos) {
        return core::Error::Invalid("only redis:// URLs are supported", "redis_url");
    }
    auto at = rest.rfind('@');
    if (at != std::string::npos) {
        std::string auth = rest.substr(0, at);
        rest = rest.substr(at + 1);
        auto colon = auth.find(':');
        ep.password = colon == std::string::npos ? auth : auth.substr(colon + 1);
    }
    auto slash = rest.find('/');
    if (slash != std::string::npos) {
        std::string db = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
        if (!db.empty()) ep.db = std::atoi(db.c_str());
    }
    auto colon = rest.rfind(':');
    if (colon != std::string::npos) {
        ep.port = std::atoi(rest.substr(colon + 1).c_str());
        rest = rest.substr(0, colon);
    }
    if (!rest.empty()) ep.host = rest;
    if (ep.port <= 0 || ep.port > 65535) return core::Error::Invalid("bad Redis port", "redis_url");
    return ep;
}

RedisScript::RedisScript(std::string source) : source_(std::move(source)) {
    unsigned char digest[SHA_DIGEST_LENGTH];
    SHA1(reinterpret_cast<const unsigned char*>(source_.data()), source_.size(), digest);
    static const char* hex = "0123456789abcdef";
    for (unsigned char b : digest) {
        sha_ += hex[b >> 4];
        sha_ += hex[b & 15];
    }
}

struct RedisPool::Impl {
    RedisEndpoint ep;
    std::mutex mu;
    std::condition_variable cv;
    std::vector<CtxPtr> idle;  // guarded by mu; null entries are reopened on borrow
    int size = 0;

    core::Result<CtxPtr> Borrow() {
        CtxPtr c;
        {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return !idle.empty(); });
            c = std::move(idle.back());
            idle.pop_back();
        }
        if (!c) {
            auto fresh = Connect(ep);
            if (!fresh.ok()) {
                Return(nullptr);
                return std::move(fresh).error();
            }
            c = std::move(*fresh);
        }
        return c;
    }
    void Return(CtxPtr c) {
        if (c && c->err) c.reset();  // broken: reopen on next borrow
        {
            std::lock_guard lock(mu);
            idle.push_back(std::move(c));
        }
        cv.notify_one();
    }

    // Appends every command, then reads every reply: one round trip.
    core::Result<std::vector<RedisValue>> Run(redisContext* c, const std::vector<std::vector<std::string>>& cmds,
                                              std::vector<std::string>* errors) {
        std::vector<const char*> a;
        std::vector<size_t> l;
        for (const auto& argv : cmds) {
            a.clear();
            l.clear();
            for (const auto& s : argv) {
                a.push_back(s.data());
                l.push_back(s.size());
            }
            if (redisAppendCommandArgv(c, static_cast<int>(a.size()), a.data(), l.data()) != REDIS_OK) {
                return core::Error::Unavailable("Redis write failed", c->errstr);
            }
        }
        std::vector<RedisValue> out;
        out.reserve(cmds.size());
        errors->assign(cmds.size(), {});
        for (size_t i = 0; i < cmds.size(); ++i) {
            void* raw = nullptr;
            if (redisGetReply(c, &raw) != REDIS_OK || !raw) {
                return core::Error::Unavailable("Redis connection lost", c->errstr);
            }
            auto* r = static_cast<redisReply*>(raw);
            std::string msg;
            if (FindError(r, &msg)) (*errors)[i] = msg.empty() ? "ERR" : msg;
            out.push_back(Decode(r));
            freeReplyObject(r);
        }
        return out;
    }
};

RedisPool::RedisPool(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RedisPool::~RedisPool() = default;

core::Result<std::shared_ptr<RedisPool>> RedisPool::Open(const std::string& url, int size) {
    BY_ASSIGN(auto ep, ParseRedisUrl(url));
    auto impl = std::make_unique<Impl>();
    impl->ep = ep;
    impl->size = size < 1 ? 1 : size;
    // One live connection proves the server is there; the rest open on demand.
    BY_ASSIGN(auto first, Connect(ep));
    impl->idle.push_back(std::move(first));
    for (int i = 1; i < impl->size; ++i) impl->idle.push_back(nullptr);
    return std::shared_ptr<RedisPool>(new RedisPool(std::move(impl)));
}

const RedisEndpoint& RedisPool::endpoint() const { return impl_->ep; }

core::Result<std::vector<RedisValue>> RedisPool::Pipeline(const std::vector<std::vector<std::string>>& commands) {
    BY_ASSIGN(auto c, impl_->Borrow());
    std::vector<std::string> errors;
    auto r = impl_->Run(c.get(), commands, &errors);
    impl_->Return(std::move(c));
    if (!r.ok()) return r;
    for (auto& e : errors) {
        if (!e.empty()) return core::Error::Internal("Redis command failed", e);
    }
    return r;
}

core::Result<RedisValue> RedisPool::Command(const std::vector<std::string>& argv) {
    BY_ASSIGN(auto all, Pipeline({argv}));
    return std::move(all[0]);
}

core::Result<RedisValue> RedisPool::Eval(const RedisScript& script, const std::vector<std::string>& args) {
    BY_ASSIGN(auto all, EvalMany(script, {args}));
    return std::move(all[0]);
}

core::Result<std::vector<RedisValue>> RedisPool::EvalMany(const RedisScript& script,
                                                          const std::vector<std::vector<std::string>>& args) {
    std::vector<std::vector<std::string>> cmds;
    cmds.reserve(args.size());
    for (const auto& a : args) {
        std::vector<std::string> argv{"EVALSHA", script.sha(), "0"};
        argv.insert(argv.end(), a.begin(), a.end());
        cmds.push_back(std::move(argv));
    }
    BY_ASSIGN(auto c, impl_->Borrow());
    std::vector<std::string> errors;
    auto r = impl_->Run(c.get(), cmds, &errors);
    bool noscript = false;
    for (auto& e : errors) noscript |= e.rfind("NOSCRIPT", 0) == 0;
    if (r.ok() && noscript) {
        // First use on this server (or after SCRIPT FLUSH): load it and run everything again. Calls that
        // failed with NOSCRIPT did nothing, and the others ran; rerunning only the failed ones keeps each
        // call exactly once.
        std::vector<std::string> load_err;
        auto loaded = impl_->Run(c.get(), {{"SCRIPT", "LOAD", script.source()}}, &load_err);
        if (!loaded.ok() || !load_err[0].empty()) {
            impl_->Return(std::move(c));
            return core::Error::Internal("cannot load Redis script", load_err.empty() ? "" : load_err[0]);
        }
        std::vector<size_t> redo;
        std::vector<std::vector<std::string>> again;
        for (size_t i = 0; i < errors.size(); ++i) {
            if (errors[i].rfind("NOSCRIPT", 0) == 0) {
                redo.push_back(i);
                again.push_back(cmds[i]);
            }
        }
        std::vector<std::string> errors2;
        auto r2 = impl_->Run(c.get(), again, &errors2);
        if (!r2.ok()) {
            impl_->Return(std::move(c));
            return r2;
        }
        for (size_t k = 0; k < redo.size(); ++k) {
            (*r)[redo[k]] = std::move((*r2)[k]);
            errors[redo[k]] = errors2[k];
        }
    }
    impl_->Return(std::move(c));
    if (!r.ok()) return r;
    for (auto& e : errors) {
        if (!e.empty()) return core::Error::Internal("Redis script failed", e);
    }
    return r;
}

RedisSubscriber::RedisSubscriber(RedisEndpoint endpoint, std::string channel, std::function<void()> on_message)
    : endpoint_(std::move(endpoint)), channel_(std::move(channel)), on_message_(std::move(on_message)) {
    thread_ = std::thread([this] { Run(); });
}

RedisSubscriber::~RedisSubscriber() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
}

void RedisSubscriber::Run() {
    while (!stop_) {
        auto c = Connect(endpoint_);
        if (!c.ok()) {
            for (int i = 0; i < 10 && !stop_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        redisContext* ctx = c->get();
        const char* argv[] = {"SUBSCRIBE", channel_.c_str()};
        size_t lens[] = {9, channel_.size()};
        if (redisAppendCommandArgv(ctx, 2, argv, lens) != REDIS_OK) continue;
        int done = 0;
        while (!done) {
            if (redisBufferWrite(ctx, &done) != REDIS_OK) break;
        }
        on_message_();  // anything enqueued while we were not subscribed
        while (!stop_ && !ctx->err) {
            pollfd pfd{ctx->fd, POLLIN, 0};
            int rc = poll(&pfd, 1, 100);  // bounded so that stop_ is seen promptly
            if (rc <= 0) continue;
            if (redisBufferRead(ctx) != REDIS_OK) break;
            bool any = false;
            void* raw = nullptr;
            while (redisGetReplyFromReader(ctx, &raw) == REDIS_OK && raw) {
                any = true;
                freeReplyObject(raw);
                raw = nullptr;
            }
            if (any) on_message_();
        }
    }
}

}  // namespace by::queue
