// Readers for the admin endpoints whose shapes are still settling (GET /api/admin/stats and
// /api/admin/queue). Each one accepts the names the backend may use and drops what it can't read,
// so a page never breaks because a field is missing or renamed.
import { asNumber, asString, isRecord } from "./utils";

type Obj = Record<string, unknown>;

function pick(obj: Obj | undefined, keys: string[]): unknown {
  if (!obj) return undefined;
  for (const k of keys) if (obj[k] !== undefined && obj[k] !== null) return obj[k];
  return undefined;
}

function num(obj: Obj | undefined, keys: string[]): number | null {
  return asNumber(pick(obj, keys));
}

/** A rate as a percentage 0–100 (accepts 0–1 fractions). */
export function toPercent(v: unknown): number | null {
  const n = asNumber(v);
  if (n === null) return null;
  const pct = n <= 1 ? n * 100 : n;
  return Math.max(0, Math.min(100, pct));
}

/** A duration in milliseconds from fields named *_ms, *_s / *_seconds or plain (taken as ms). */
function durationMs(obj: Obj | undefined, base: string[]): number | null {
  if (!obj) return null;
  for (const b of base) {
    const ms = num(obj, [`${b}_ms`]);
    if (ms !== null) return ms;
    const s = num(obj, [`${b}_s`, `${b}_sec`, `${b}_seconds`]);
    if (s !== null) return s * 1000;
    const plain = num(obj, [b]);
    if (plain !== null) return plain;
  }
  return null;
}

function timing(obj: Obj | undefined) {
  // Either flat (p50_ms) or nested (generation_time: {p50_ms}) or (generation_ms: {p50}).
  const nested = pick(obj, ["generation_time", "generation", "generation_ms", "latency", "timing", "durations"]);
  const n = isRecord(nested) ? nested : undefined;
  const nestedIsMs = obj && isRecord(obj.generation_ms);
  const read = (keys: string[]) => {
    const flat = durationMs(obj, keys.map((k) => `generation_${k}`).concat(keys));
    if (flat !== null) return flat;
    const inner = durationMs(n, keys);
    if (inner !== null) return inner;
    return nestedIsMs ? num(n, keys) : null;
  };
  return {
    p50Ms: read(["p50", "median"]),
    p95Ms: read(["p95"]),
    meanMs: read(["mean", "avg", "average"]),
  };
}

export interface DayCount {
  day: string;
  count: number;
  failed: number | null;
}

export interface MarketplaceStats {
  marketplace: string;
  cards: number | null;
  errors: number | null;
  successRate: number | null;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  meanMs: number | null;
}

export interface Stats {
  cardsPerDay: DayCount[];
  totalCards: number | null;
  successRate: number | null;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  meanMs: number | null;
  perMarketplace: MarketplaceStats[];
}

function readDays(raw: unknown): DayCount[] {
  const out: DayCount[] = [];
  if (Array.isArray(raw)) {
    for (const row of raw) {
      if (!isRecord(row)) continue;
      const day = asString(pick(row, ["day", "date", "d", "ts"]));
      const count = num(row, ["count", "cards", "total", "n", "value"]);
      if (day && count !== null) out.push({ day, count, failed: num(row, ["failed", "errors"]) });
    }
  } else if (isRecord(raw)) {
    for (const [day, v] of Object.entries(raw)) {
      const count = asNumber(v) ?? (isRecord(v) ? num(v, ["count", "cards", "total"]) : null);
      if (count !== null) out.push({ day, count, failed: isRecord(v) ? num(v, ["failed", "errors"]) : null });
    }
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

function readMarketplaceRow(marketplace: string, v: unknown): MarketplaceStats {
  const row = isRecord(v) ? v : {};
  const t = timing(row);
  const errorsScalar = isRecord(v) ? null : asNumber(v);
  return {
    marketplace,
    cards: num(row, ["cards", "count", "total", "cards_total"]),
    errors: errorsScalar ?? num(row, ["errors", "failed", "error_count", "failures"]),
    successRate: toPercent(pick(row, ["success_rate", "success"])),
    errorRate: toPercent(pick(row, ["error_rate"])),
    ...t,
  };
}

function readMarketplaces(raw: unknown): Map<string, MarketplaceStats> {
  const out = new Map<string, MarketplaceStats>();
  if (Array.isArray(raw)) {
    for (const row of raw) {
      if (!isRecord(row)) continue;
      const mp = asString(pick(row, ["marketplace", "mp", "name"]));
      if (mp) out.set(mp, readMarketplaceRow(mp, row));
    }
  } else if (isRecord(raw)) {
    for (const [mp, v] of Object.entries(raw)) out.set(mp, readMarketplaceRow(mp, v));
  }
  return out;
}

function merge(a: MarketplaceStats, b: MarketplaceStats): MarketplaceStats {
  const m = { ...a };
  for (const k of Object.keys(b) as (keyof MarketplaceStats)[]) {
    if (k === "marketplace") continue;
    if (m[k] === null && b[k] !== null) (m as Record<string, unknown>)[k] = b[k];
  }
  return m;
}

export function normalizeStats(raw: unknown): Stats {
  const obj = isRecord(raw) ? raw : {};
  const days = readDays(pick(obj, ["cards_per_day", "per_day", "daily", "days"]));
  const perMp = readMarketplaces(pick(obj, ["per_marketplace", "marketplaces", "by_marketplace"]));
  const errs = readMarketplaces(pick(obj, ["errors_by_marketplace", "errors_per_marketplace"]));
  for (const [mp, row] of errs) perMp.set(mp, perMp.has(mp) ? merge(perMp.get(mp)!, row) : row);
  const totalFromDays = days.length ? days.reduce((s, d) => s + d.count, 0) : null;
  return {
    cardsPerDay: days,
    totalCards: num(obj, ["total_cards", "cards_total", "cards"]) ?? totalFromDays,
    successRate: toPercent(pick(obj, ["success_rate", "success"])),
    errorRate: toPercent(pick(obj, ["error_rate"])),
    ...timing(obj),
    perMarketplace: [...perMp.values()],
  };
}

// ---- queue -------------------------------------------------------------------------------

export interface DepthCell {
  count: number;
  oldestAgeS: number | null;
}

export interface DeadJob {
  id: string;
  stage: string | null;
  marketplace: string | null;
  partner: string | null;
  requestId: string | null;
  cardId: string | null;
  reason: string | null;
  attempts: number | null;
  failedAt: string | null;
}

export interface QueueView {
  depth: Map<string, Map<string, DepthCell>>;
  priorities: string[];
  marketplaces: string[];
  totalQueued: number;
  inFlight: number | null;
  workersAlive: number | null;
  dead: DeadJob[];
}

const PRIORITY_ORDER = ["urgent", "high", "normal", "low"];
const MARKETPLACE_ORDER = ["uzum", "wildberries", "yandex", "ozon"];
const PRIORITY_NUMBERS: Record<string, string> = { "0": "urgent", "1": "high", "2": "normal", "3": "low" };

function orderBy(list: string[], order: string[]): string[] {
  return [...new Set(list)].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
}

function ageSeconds(row: Obj): number | null {
  const s = num(row, ["oldest_age_s", "oldest_age_seconds", "oldest_s", "oldest_age"]);
  if (s !== null) return s;
  const ms = num(row, ["oldest_age_ms", "oldest_ms"]);
  return ms === null ? null : ms / 1000;
}

export function normalizeQueue(raw: unknown): QueueView {
  const obj = isRecord(raw) ? raw : {};
  const depth = new Map<string, Map<string, DepthCell>>();
  const add = (priorityRaw: unknown, marketplace: string, count: number, oldest: number | null) => {
    const pStr = asString(priorityRaw) ?? "normal";
    const priority = PRIORITY_NUMBERS[pStr] ?? pStr;
    const row = depth.get(priority) ?? new Map<string, DepthCell>();
    const cell = row.get(marketplace) ?? { count: 0, oldestAgeS: null };
    cell.count += count;
    if (oldest !== null) cell.oldestAgeS = Math.max(cell.oldestAgeS ?? 0, oldest);
    row.set(marketplace, cell);
    depth.set(priority, row);
  };
  const rawDepth = pick(obj, ["depth", "queued", "depths", "queue"]);
  if (Array.isArray(rawDepth)) {
    for (const row of rawDepth) {
      if (!isRecord(row)) continue;
      const count = num(row, ["depth", "count", "queued", "n"]) ?? 0;
      add(pick(row, ["priority"]), asString(pick(row, ["marketplace"])) ?? "—", count, ageSeconds(row));
    }
  } else if (isRecord(rawDepth)) {
    for (const [p, inner] of Object.entries(rawDepth)) {
      if (isRecord(inner)) {
        for (const [mp, v] of Object.entries(inner)) {
          const count = asNumber(v) ?? (isRecord(v) ? num(v, ["depth", "count", "queued"]) : null) ?? 0;
          add(p, mp, count, isRecord(v) ? ageSeconds(v) : null);
        }
      } else {
        add(p, "—", asNumber(inner) ?? 0, null);
      }
    }
  }
  const priorities = orderBy([...depth.keys()], PRIORITY_ORDER);
  const marketplaces = orderBy([...depth.values()].flatMap((r) => [...r.keys()]), MARKETPLACE_ORDER);
  let totalQueued = 0;
  for (const row of depth.values()) for (const c of row.values()) totalQueued += c.count;

  const countOf = (v: unknown) => (Array.isArray(v) ? v.length : asNumber(v));
  const deadRaw = pick(obj, ["dead_letters", "dead_lettered", "dead", "dead_jobs"]);
  const dead: DeadJob[] = [];
  if (Array.isArray(deadRaw)) {
    for (const row of deadRaw) {
      if (!isRecord(row)) continue;
      const id = asString(pick(row, ["id", "job_id"]));
      if (!id) continue;
      dead.push({
        id,
        stage: asString(pick(row, ["stage", "kind", "type"])),
        marketplace: asString(pick(row, ["marketplace"])),
        partner: asString(pick(row, ["partner", "partner_company", "company", "partner_id"])),
        requestId: asString(pick(row, ["request_id"])),
        cardId: asString(pick(row, ["card_id"])),
        reason: asString(pick(row, ["reason", "dead_reason", "last_error", "error"])),
        attempts: num(row, ["attempts", "attempt"]),
        failedAt: asString(pick(row, ["failed_at", "dead_at", "dead_lettered_at", "updated_at", "finished_at"])),
      });
    }
  }
  return {
    depth,
    priorities,
    marketplaces,
    totalQueued: num(obj, ["total_queued", "queued_total"]) ?? (depth.size === 0 ? asNumber(rawDepth) : null) ?? totalQueued,
    inFlight: countOf(pick(obj, ["in_flight", "inflight", "running"])),
    workersAlive: countOf(pick(obj, ["workers_alive", "workers", "alive_workers"])),
    dead,
  };
}
