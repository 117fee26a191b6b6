// Lua scripts of the Redis backend: every multi-step change is one script, so it is atomic on the server.
// Each script gets the key prefix P as ARGV[1] and the caller's clock as ARGV[2] (Unix ms), never Redis
// TIME, so tests drive time with a fake clock. Keys under P (single Redis instance, not cluster-slotted):
//   job:<id>            hash of the job's fields
//   lanes               set of lane names "kind\31partner\31priority"; lane:<name> zset id → ready_at
//   delayed             zset id → run_at;  blocked  set of children waiting on their parent
//   children:<id>       set of a job's children
//   running             zset id → lease_until
//   deadset             zset of failed and dead jobs → finished_at;  completed  zset id → finished_at
//   dedupe              hash dedupe_key → live job id;  done  hash dedupe_key → completed job id,
//                       done_exp  zset dedupe_key → expires_at (Q7)
//   rr                  hash partner → turn of its last dispatch;  rrseq  the turn counter (Q5)
//   evid                global event counter;  evseq:<job>  per-job seq;  ev:j:<job>, ev:s:<stream>  zsets
//                       id → event JSON (never trimmed, Q11)
//   wake                pub/sub channel published on new claimable work (Q14)
#pragma once

#include <string_view>

namespace by::queue::lua {

// Helpers shared by the job scripts (prepended to each).
inline constexpr std::string_view kPrelude = R"LUA(
local P = ARGV[1]
local NOW = tonumber(ARGV[2])
local function I(x) return string.format('%d', x) end
local function jkey(id) return P .. 'job:' .. id end
local function lane_name(kind, partner, prio) return kind .. '\31' .. partner .. '\31' .. prio end
local function lane_add(id, kind, partner, prio, ready)
  local ln = lane_name(kind, partner, prio)
  redis.call('ZADD', P .. 'lane:' .. ln, ready, id)
  redis.call('SADD', P .. 'lanes', ln)
end
local function lane_rem(id, kind, partner, prio)
  redis.call('ZREM', P .. 'lane:' .. lane_name(kind, partner, prio), id)
end
local function release_dedupe(id, dedupe)
  if dedupe and dedupe ~= '' and redis.call('HGET', P .. 'dedupe', dedupe) == id then
    redis.call('HDEL', P .. 'dedupe', dedupe)
  end
end
local function wake() redis.call('PUBLISH', P .. 'wake', '1') end
local function backoff(attempt, base, cap, u)
  local ceiling = base * math.pow(2, attempt - 1)
  if ceiling > cap then ceiling = cap end
  local d = math.floor(u * (ceiling + 1))
  if d > ceiling then d = ceiling end
  return d
end
local function fail_children(parent, reason, depth)
  if depth > 16 then return end
  for _, kid in ipairs(redis.call('SMEMBERS', P .. 'children:' .. parent)) do
    local k = redis.call('HMGET', jkey(kid), 'state', 'kind', 'partner', 'prio', 'dedupe')
    if k[1] == 'waiting' or k[1] == 'delayed' then
      if k[1] == 'waiting' then lane_rem(kid, k[2], k[3], k[4]) end
      redis.call('ZREM', P .. 'delayed', kid)
      redis.call('SREM', P .. 'blocked', kid)
      redis.call('HSET', jkey(kid), 'state', 'failed', 'err', 'parent_failed: ' .. reason, 'finished', I(NOW))
      release_dedupe(kid, k[5])
      redis.call('ZADD', P .. 'deadset', NOW, kid)
      fail_children(kid, reason, depth + 1)
    end
  end
end
-- A running job whose lease this is, or nil.
local function leased(id, token)
  local f = redis.call('HMGET', jkey(id), 'state', 'token')
  if f[1] ~= 'running' or f[2] ~= token then return nil end
  return true
end
)LUA";

// ARGV: P now id kind partner mp rate prio payload dedupe parent run_at maxa order_at → {id, created 0|1}
inline constexpr std::string_view kEnqueue = R"LUA(
local id, kind, partner, mp, rate = ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local prio, payload, dedupe, parent = ARGV[8], ARGV[9], ARGV[10], ARGV[11]
local run_at, maxa, order_at = tonumber(ARGV[12]), ARGV[13], tonumber(ARGV[14] or '0')
if dedupe ~= '' then
  local live = redis.call('HGET', P .. 'dedupe', dedupe)
  if live then return {live, 0} end
  local done = redis.call('HGET', P .. 'done', dedupe)
  if done then
    local exp = tonumber(redis.call('ZSCORE', P .. 'done_exp', dedupe) or '0')
    if exp > NOW then return {done, 0} end
  end
end
local state, ready, run, err, finished = 'waiting', NOW, '', '', ''
if run_at > NOW then state = 'delayed'; ready = run_at; run = I(run_at)
elseif order_at > 0 and order_at < NOW then ready = order_at end
if parent ~= '' then
  local ps = redis.call('HMGET', jkey(parent), 'state', 'err')
  if not ps[1] then return redis.error_reply('BYINVALID parent job not found') end
  redis.call('SADD', P .. 'children:' .. parent, id)
  if ps[1] == 'failed' or ps[1] == 'dead' then
    state = 'failed'; err = 'parent_failed: ' .. (ps[2] or ''); finished = I(NOW)
  elseif ps[1] ~= 'completed' then
    state = 'delayed'; run = ''
  end
end
redis.call('HSET', jkey(id), 'id', id, 'kind', kind, 'partner', partner, 'mp', mp, 'rate', rate, 'prio', prio,
  'payload', payload, 'dedupe', dedupe, 'parent', parent, 'state', state, 'enq', I(NOW), 'ready', I(ready),
  'run', run, 'attempt', 0, 'stalls', 0, 'maxa', maxa, 'err', err, 'finished', finished, 'token', '',
  'until', '', 'worker', '', 'started', '', 'result', '')
if dedupe ~= '' and state ~= 'failed' then redis.call('HSET', P .. 'dedupe', dedupe, id) end
if state == 'waiting' then
  lane_add(id, kind, partner, prio, ready)
  wake()
elseif state == 'delayed' and run ~= '' then
  redis.call('ZADD', P .. 'delayed', run_at, id)
elseif state == 'delayed' then
  redis.call('SADD', P .. 'blocked', id)
else
  redis.call('ZADD', P .. 'deadset', NOW, id)
end
return {id, 1}
)LUA";

// ARGV: P now n lease_ms worker token aging_step kinds_csv → array of HGETALL arrays
inline constexpr std::string_view kClaim = R"LUA(
local n, lease, worker, token = tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
local step = tonumber(ARGV[7])
-- due delayed jobs join their lanes, ordered from their due time
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'delayed', '-inf', NOW, 'LIMIT', 0, 1000)) do
  local f = redis.call('HMGET', jkey(id), 'kind', 'partner', 'prio', 'run')
  redis.call('ZREM', P .. 'delayed', id)
  if f[1] then
    redis.call('HSET', jkey(id), 'state', 'waiting', 'ready', f[4])
    lane_add(id, f[1], f[2], f[3], tonumber(f[4]))
  end
end
local kinds = nil
if ARGV[8] ~= '' then
  kinds = {}
  for k in string.gmatch(ARGV[8], '[^,]+') do kinds[k] = true end
end
local lanes = {}
for _, ln in ipairs(redis.call('SMEMBERS', P .. 'lanes')) do
  local kind, partner, prio = string.match(ln, '^(.-)\31(.-)\31(%d+)$')
  if kind and ((not kinds) or kinds[kind]) then
    local items = redis.call('ZRANGE', P .. 'lane:' .. ln, 0, n - 1, 'WITHSCORES')
    if #items == 0 then
      redis.call('SREM', P .. 'lanes', ln)
    else
      table.insert(lanes, {ln = ln, partner = partner, prio = tonumber(prio), items = items, pos = 1})
    end
  end
end
if #lanes == 0 then return {} end
local turns = {}
local function turn(p)
  if turns[p] == nil then turns[p] = tonumber(redis.call('HGET', P .. 'rr', p) or '-1') end
  return turns[p]
end
local function less(a, b)
  for i = 1, 5 do
    if a[i] ~= b[i] then return a[i] < b[i] end
  end
  return false
end
local seq = tonumber(redis.call('GET', P .. 'rrseq') or '0')
local picked, served = {}, {}
while #picked < n do
  local best, bk = nil, nil
  for _, l in ipairs(lanes) do
    if l.pos <= #l.items then
      local id, ready = l.items[l.pos], tonumber(l.items[l.pos + 1])
      local key = {l.prio - math.floor((NOW - ready) / step), turn(l.partner), ready, id, l.partner}
      if best == nil or less(key, bk) then best, bk = l, key end
    end
  end
  if best == nil then break end
  table.insert(picked, {best.items[best.pos], best.ln})
  best.pos = best.pos + 2
  seq = seq + 1
  turns[best.partner] = seq
  served[best.partner] = seq
end
for p, t in pairs(served) do redis.call('HSET', P .. 'rr', p, I(t)) end
redis.call('SET', P .. 'rrseq', I(seq))
local out = {}
local until_ms = NOW + lease
for _, pk in ipairs(picked) do
  local id = pk[1]
  redis.call('ZREM', P .. 'lane:' .. pk[2], id)
  redis.call('HINCRBY', jkey(id), 'attempt', 1)
  redis.call('HSET', jkey(id), 'state', 'running', 'token', token, 'until', I(until_ms), 'worker', worker,
    'started', I(NOW))
  redis.call('ZADD', P .. 'running', until_ms, id)
  table.insert(out, redis.call('HGETALL', jkey(id)))
end
return out
)LUA";

// ARGV: P now id token lease_ms → new lease_until | 0
inline constexpr std::string_view kHeartbeat = R"LUA(
local id, token, lease = ARGV[3], ARGV[4], tonumber(ARGV[5])
if not leased(id, token) then return 0 end
local until_ms = NOW + lease
redis.call('HSET', jkey(id), 'until', I(until_ms))
redis.call('ZADD', P .. 'running', until_ms, id)
return until_ms
)LUA";

// ARGV: P now id token result dedupe_ttl → 1 | 0
inline constexpr std::string_view kComplete = R"LUA(
local id, token, result, ttl = ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
if not leased(id, token) then return 0 end
local dedupe = redis.call('HGET', jkey(id), 'dedupe')
redis.call('HSET', jkey(id), 'state', 'completed', 'finished', I(NOW), 'result', result, 'token', '', 'until', '')
redis.call('ZREM', P .. 'running', id)
redis.call('ZADD', P .. 'completed', NOW, id)
if dedupe and dedupe ~= '' then
  release_dedupe(id, dedupe)
  redis.call('HSET', P .. 'done', dedupe, id)
  redis.call('ZADD', P .. 'done_exp', NOW + ttl, dedupe)
end
local woke = false
for _, kid in ipairs(redis.call('SMEMBERS', P .. 'children:' .. id)) do
  local k = redis.call('HMGET', jkey(kid), 'state', 'run', 'kind', 'partner', 'prio')
  if k[1] == 'delayed' and k[2] == '' then
    redis.call('HSET', jkey(kid), 'state', 'waiting', 'ready', I(NOW))
    redis.call('SREM', P .. 'blocked', kid)
    lane_add(kid, k[3], k[4], k[5], NOW)
    woke = true
  end
end
if woke then wake() end
return 1
)LUA";

// ARGV: P now id token err transient(0|1) u base cap → {1, state, run_at} | {0}
inline constexpr std::string_view kFail = R"LUA(
local id, token, err, transient = ARGV[3], ARGV[4], ARGV[5], ARGV[6] == '1'
local u, base, cap = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
if not leased(id, token) then return {0} end
local f = redis.call('HMGET', jkey(id), 'attempt', 'maxa', 'dedupe')
local attempt, maxa = tonumber(f[1]), tonumber(f[2])
redis.call('ZREM', P .. 'running', id)
if transient and attempt < maxa then
  local run = NOW + backoff(attempt, base, cap, u)
  redis.call('HSET', jkey(id), 'state', 'delayed', 'run', I(run), 'ready', I(run), 'err', err, 'token', '', 'until', '')
  redis.call('ZADD', P .. 'delayed', run, id)
  return {1, 'delayed', run}
end
local st = 'failed'
if transient then st = 'dead' end
redis.call('HSET', jkey(id), 'state', st, 'err', err, 'finished', I(NOW), 'token', '', 'until', '')
release_dedupe(id, f[3])
redis.call('ZADD', P .. 'deadset', NOW, id)
fail_children(id, err, 0)
return {1, st, 0}
)LUA";

// ARGV: P now id token retry_after_ms → run_at | 0
inline constexpr std::string_view kRateLimited = R"LUA(
local id, token, ra = ARGV[3], ARGV[4], tonumber(ARGV[5])
if not leased(id, token) then return 0 end
local run = NOW + ra
redis.call('HINCRBY', jkey(id), 'attempt', -1)
redis.call('HSET', jkey(id), 'state', 'delayed', 'run', I(run), 'ready', I(run), 'err', 'rate_limited', 'token', '',
  'until', '')
redis.call('ZREM', P .. 'running', id)
redis.call('ZADD', P .. 'delayed', run, id)
return run
)LUA";

// ARGV: P now id token → 1 | 0
inline constexpr std::string_view kRelease = R"LUA(
local id, token = ARGV[3], ARGV[4]
if not leased(id, token) then return 0 end
local f = redis.call('HMGET', jkey(id), 'kind', 'partner', 'prio', 'ready')
redis.call('HINCRBY', jkey(id), 'attempt', -1)
redis.call('HSET', jkey(id), 'state', 'waiting', 'token', '', 'until', '')
redis.call('ZREM', P .. 'running', id)
lane_add(id, f[1], f[2], f[3], tonumber(f[4]))
wake()
return 1
)LUA";

// ARGV: P now max_stalls base cap retention u1..uK → {reclaimed, dead, purged, expired_seen}
inline constexpr std::string_view kReap = R"LUA(
local max_stalls, base, cap, retention = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local k = #ARGV - 6
local expired = redis.call('ZRANGEBYSCORE', P .. 'running', '-inf', '(' .. I(NOW), 'LIMIT', 0, k)
local reclaimed, dead, purged = 0, 0, 0
for i, id in ipairs(expired) do
  redis.call('ZREM', P .. 'running', id)
  local f = redis.call('HMGET', jkey(id), 'attempt', 'maxa', 'stalls', 'dedupe', 'state')
  if f[5] == 'running' then
    local attempt, maxa, stalls = tonumber(f[1]), tonumber(f[2]), tonumber(f[3]) + 1
    if stalls >= max_stalls or attempt >= maxa then
      redis.call('HSET', jkey(id), 'state', 'dead', 'stalls', stalls, 'err', 'lease_expired', 'finished', I(NOW),
        'token', '', 'until', '')
      release_dedupe(id, f[4])
      redis.call('ZADD', P .. 'deadset', NOW, id)
      fail_children(id, 'lease_expired', 0)
      dead = dead + 1
    else
      local run = NOW + backoff(attempt, base, cap, tonumber(ARGV[6 + i]))
      redis.call('HSET', jkey(id), 'state', 'delayed', 'stalls', stalls, 'run', I(run), 'ready', I(run),
        'err', 'lease_expired', 'token', '', 'until', '')
      redis.call('ZADD', P .. 'delayed', run, id)
      reclaimed = reclaimed + 1
    end
  end
end
for _, id in ipairs(redis.call('ZRANGEBYSCORE', P .. 'completed', '-inf', '(' .. I(NOW - retention), 'LIMIT', 0, 1000)) do
  redis.call('ZREM', P .. 'completed', id)
  redis.call('DEL', jkey(id), P .. 'children:' .. id)
  purged = purged + 1
end
for _, d in ipairs(redis.call('ZRANGEBYSCORE', P .. 'done_exp', '-inf', I(NOW), 'LIMIT', 0, 1000)) do
  redis.call('ZREM', P .. 'done_exp', d)
  redis.call('HDEL', P .. 'done', d)
  purged = purged + 1
end
return {reclaimed, dead, purged, #expired}
)LUA";

// ARGV: P now id → 'ok' | error
inline constexpr std::string_view kRetry = R"LUA(
local id = ARGV[3]
local f = redis.call('HMGET', jkey(id), 'state', 'dedupe', 'kind', 'partner', 'prio')
if not f[1] then return redis.error_reply('BYNOTFOUND job not found') end
if f[1] ~= 'dead' and f[1] ~= 'failed' then return redis.error_reply('BYCONFLICT only dead or failed jobs can be retried') end
if f[2] and f[2] ~= '' then
  local live = redis.call('HGET', P .. 'dedupe', f[2])
  if live and live ~= id then return redis.error_reply('BYCONFLICT a live job with the same dedupe key exists') end
  redis.call('HSET', P .. 'dedupe', f[2], id)
end
redis.call('HSET', jkey(id), 'state', 'waiting', 'attempt', 0, 'stalls', 0, 'ready', I(NOW), 'run', '', 'finished', '',
  'token', '', 'until', '')
redis.call('ZREM', P .. 'deadset', id)
lane_add(id, f[3], f[4], f[5], NOW)
for _, kid in ipairs(redis.call('SMEMBERS', P .. 'children:' .. id)) do
  local k = redis.call('HMGET', jkey(kid), 'state', 'err')
  if k[1] == 'failed' and k[2] and string.sub(k[2], 1, 13) == 'parent_failed' then
    redis.call('HSET', jkey(kid), 'state', 'delayed', 'run', '', 'finished', '', 'err', '')
    redis.call('ZREM', P .. 'deadset', kid)
    redis.call('SADD', P .. 'blocked', kid)
  end
end
wake()
return 'ok'
)LUA";

// ARGV: P now job stream kind payload → {id, seq}
inline constexpr std::string_view kAppendEvent = R"LUA(
local job, stream, kind, payload = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local id = redis.call('INCR', P .. 'evid')
local seq = redis.call('INCR', P .. 'evseq:' .. job)
local ev = cjson.encode({id = id, job = job, stream = stream, seq = seq, ts = I(NOW), kind = kind, payload = payload})
redis.call('ZADD', P .. 'ev:j:' .. job, id, ev)
if stream ~= '' then redis.call('ZADD', P .. 'ev:s:' .. stream, id, ev) end
return {id, seq}
)LUA";

// ARGV: P now near_ms dead_limit → {waiting, delayed, running, near, dead_count, {rows}, {dead ids}}
// rows: {prio, mp, partner, waiting, running, oldest_enq}
inline constexpr std::string_view kStats = R"LUA(
local near, dead_limit = tonumber(ARGV[3]), tonumber(ARGV[4])
local agg, order = {}, {}
local function add(id, running)
  local f = redis.call('HMGET', jkey(id), 'prio', 'mp', 'partner', 'enq')
  if not f[1] then return end
  local key = f[1] .. '\31' .. f[2] .. '\31' .. f[3]
  local a = agg[key]
  if not a then
    a = {tonumber(f[1]), f[2], f[3], 0, 0, 0}
    agg[key] = a
    table.insert(order, key)
  end
  if running then
    a[5] = a[5] + 1
  else
    a[4] = a[4] + 1
    local e = tonumber(f[4])
    if a[6] == 0 or e < a[6] then a[6] = e end
  end
end
local waiting, delayed = 0, 0
for _, ln in ipairs(redis.call('SMEMBERS', P .. 'lanes')) do
  for _, id in ipairs(redis.call('ZRANGE', P .. 'lane:' .. ln, 0, -1)) do add(id, false); waiting = waiting + 1 end
end
for _, id in ipairs(redis.call('ZRANGE', P .. 'delayed', 0, -1)) do add(id, false); delayed = delayed + 1 end
for _, id in ipairs(redis.call('SMEMBERS', P .. 'blocked')) do add(id, false); delayed = delayed + 1 end
local running = redis.call('ZRANGE', P .. 'running', 0, -1)
for _, id in ipairs(running) do add(id, true) end
local near_n = redis.call('ZCOUNT', P .. 'running', '-inf', '(' .. I(NOW + near))
local rows = {}
for _, key in ipairs(order) do
  local a = agg[key]
  table.insert(rows, {a[1], a[2], a[3], a[4], a[5], I(a[6])})
end
local dead_ids = redis.call('ZREVRANGE', P .. 'deadset', 0, dead_limit - 1)
return {waiting, delayed, #running, near_n, redis.call('ZCARD', P .. 'deadset'), rows, dead_ids}
)LUA";

// Token bucket (mirrors TokenBucketAcquire/TokenBucketBlock in rate_limiter.cpp).
// ARGV: key now rate burst cost mode('acquire'|'block') until → {ok 0|1, wait_ms}
inline constexpr std::string_view kTokenBucket = R"LUA(
local key, now, rate, burst = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local cost, mode, until_ms = tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
local h = redis.call('HMGET', key, 'tokens', 'updated', 'blocked')
local tokens, updated, blocked
if not h[1] then
  tokens, updated, blocked = burst, now, 0
else
  tokens, updated, blocked = tonumber(h[1]), tonumber(h[2]), tonumber(h[3])
  if now > updated then
    tokens = math.min(burst, tokens + (now - updated) * rate / 1000.0)
    updated = now
  end
  tokens = math.min(tokens, burst)
end
local ok, wait = 0, 0
if mode == 'block' then
  if until_ms > blocked then blocked = until_ms end
  tokens = math.min(1.0, burst)
  if blocked > updated then updated = blocked end
elseif blocked > now then
  wait = blocked - now
elseif tokens + 1e-9 >= cost then
  tokens = math.max(0, tokens - cost)
  ok = 1
elseif rate <= 0 or cost > burst then
  wait = 60000
else
  wait = math.max(1, math.ceil((cost - tokens) * 1000.0 / rate))
end
redis.call('HSET', key, 'tokens', string.format('%.17g', tokens), 'updated', string.format('%d', updated),
  'blocked', string.format('%d', blocked))
-- an idle bucket refills to full anyway: let it expire then
local ttl = 60000
if rate > 0 then ttl = ttl + math.ceil(burst / rate * 1000) end
if blocked > now then ttl = ttl + (blocked - now) end
redis.call('PEXPIRE', key, string.format('%d', ttl))
return {ok, string.format('%d', wait)}
)LUA";

}  // namespace by::queue::lua
