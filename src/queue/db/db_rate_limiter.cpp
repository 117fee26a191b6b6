#include "queue/db/db_rate_limiter.hpp"

namespace by::queue {

template <typename Fn>
core::Status DbRateLimiter::Update(const std::string& key, Fn&& step) {
    const bool pg = db_.dialect() == store::Dialect::kPostgres;
    return db_.Tx([&](store::SqlConn& c) -> core::Status {
        int64_t now = clock_.NowMs();
        if (pg) {
            // Make sure the row exists so that FOR UPDATE has something to lock.
            BY_TRY(c.Exec("INSERT INTO rate_buckets (key, tokens, updated_at, blocked_until) VALUES (?, -1, 0, 0) "
                          "ON CONFLICT (key) DO NOTHING",
                          {key}));
        }
        BY_ASSIGN(auto rows, c.Query(std::string("SELECT tokens, updated_at, blocked_until FROM rate_buckets WHERE "
                                                 "key = ?") + (pg ? " FOR UPDATE" : ""),
                                     {key}));
        BucketState s;
        bool fresh = rows.empty();
        if (!fresh) {
            s.tokens = rows.rows[0].Double(0);
            s.updated_at = rows.rows[0].Int(1);
            s.blocked_until = rows.rows[0].Int(2);
            fresh = s.tokens < 0;  // the placeholder row above
        }
        step(s, fresh, now);
        BY_TRY(c.Exec("INSERT INTO rate_buckets (key, tokens, updated_at, blocked_until) VALUES (?, ?, ?, ?) ON "
                      "CONFLICT (key) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at, "
                      "blocked_until = excluded.blocked_until",
                      {key, s.tokens, s.updated_at, s.blocked_until}));
        return core::Ok();
    });
}

core::Result<Acquisition> DbRateLimiter::Acquire(const std::string& key, const BucketSpec& spec, double cost) {
    Acquisition out;
    BY_TRY(Update(key, [&](BucketState& s, bool fresh, int64_t now) {
        out = TokenBucketAcquire(s, fresh, spec, now, cost);
    }));
    return out;
}

core::Status DbRateLimiter::Block(const std::string& key, const BucketSpec& spec, int64_t until_ms) {
    return Update(key, [&](BucketState& s, bool fresh, int64_t now) { TokenBucketBlock(s, fresh, spec, now, until_ms); });
}

}  // namespace by::queue
