// A small pool of hiredis connections (RAII, pimpl: hiredis itself is included only by the .cpp files in
// this folder), EVALSHA with a NOSCRIPT fallback, pipelines, and a pub/sub listener thread.
//
// Thread-safety: RedisPool methods may be called from any thread; each call borrows one connection for
// its duration (a broken connection is dropped and reopened on next use). RedisSubscriber owns a thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace by::queue {

// A decoded reply. Errors from the server arrive as Error::Internal/Unavailable, not as a value.
struct RedisValue {
    enum class Type { kNil, kInt, kString, kArray };
    Type type = Type::kNil;
    int64_t integer = 0;
    std::string str;
    std::vector<RedisValue> elements;

    bool IsNil() const { return type == Type::kNil; }
    // The value as text: integers formatted, nil as "".
    std::string Text() const { return type == Type::kInt ? std::to_string(integer) : str; }
    int64_t Int() const;  // integers, or strings that hold one; 0 otherwise
};

struct RedisEndpoint {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string password;
    int db = 0;
};
// "redis://[:password@]host[:port][/db]"
core::Result<RedisEndpoint> ParseRedisUrl(const std::string& url);

// A Lua script, loaded once per server and then called by its SHA-1.
class RedisScript {
  public:
    explicit RedisScript(std::string source);
    const std::string& source() const { return source_; }
    const std::string& sha() const { return sha_; }

  private:
    std::string source_;
    std::string sha_;
};

class RedisPool {
  public:
    static core::Result<std::shared_ptr<RedisPool>> Open(const std::string& url, int size = 8);
    ~RedisPool();
    RedisPool(const RedisPool&) = delete;
    RedisPool& operator=(const RedisPool&) = delete;

    core::Result<RedisValue> Command(const std::vector<std::string>& argv);
    // Several commands in one round trip; replies in order. A server error in one fails the whole call.
    core::Result<std::vector<RedisValue>> Pipeline(const std::vector<std::vector<std::string>>& commands);
    // EVALSHA script 0 args… (keys are derived from a prefix argument inside our scripts).
    core::Result<RedisValue> Eval(const RedisScript& script, const std::vector<std::string>& args);
    // Several EVALSHA calls of one script in one round trip.
    core::Result<std::vector<RedisValue>> EvalMany(const RedisScript& script,
                                                   const std::vector<std::vector<std::string>>& args);
    const RedisEndpoint& endpoint() const;

  private:
    struct Impl;
    explicit RedisPool(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

using RedisPoolPtr = std::shared_ptr<RedisPool>;

// SUBSCRIBEs to one channel on its own connection and calls on_message for each message (and once
// after every (re)connect). Reconnects after errors. Destruction stops and joins the thread.
class RedisSubscriber {
  public:
    RedisSubscriber(RedisEndpoint endpoint, std::string channel, std::function<void()> on_message);
    ~RedisSubscriber();
    RedisSubscriber(const RedisSubscriber&) = delete;
    RedisSubscriber& operator=(const RedisSubscriber&) = delete;

  private:
    void Run();
    RedisEndpoint endpoint_;
    std::string channel_;
    std::function<void()> on_message_;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace by::queue
