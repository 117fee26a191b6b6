import { describe, expect, it } from "vitest";
import { normalizeQueue, normalizeStats, toPercent } from "./admin";

describe("normalizeStats", () => {
  it("reads the documented shape", () => {
    const s = normalizeStats({
      cards_per_day: [
        { date: "2026-11-26", count: 10, failed: 1 },
        { date: "2026-11-25", count: 5 },
      ],
      success_rate: 0.95,
      p50_ms: 120_000,
      p95_ms: 170_000,
      per_marketplace: { uzum: { cards: 7, success_rate: 0.9, errors: 2, p50_ms: 100 }, ozon: { cards: 8 } },
    });
    expect(s.cardsPerDay.map((d) => d.day)).toEqual(["2026-11-25", "2026-11-26"]);
    expect(s.cardsPerDay[1].failed).toBe(1);
    expect(s.totalCards).toBe(15);
    expect(s.successRate).toBeCloseTo(95);
    expect(s.p50Ms).toBe(120_000);
    expect(s.p95Ms).toBe(170_000);
    const uzum = s.perMarketplace.find((m) => m.marketplace === "uzum")!;
    expect(uzum).toMatchObject({ cards: 7, errors: 2, p50Ms: 100 });
    expect(uzum.successRate).toBeCloseTo(90);
  });

  it("accepts other spellings: maps by day, nested timing in seconds, errors as numbers", () => {
    const s = normalizeStats({
      per_day: { "2026-11-27": 4, "2026-11-26": { cards: 6 } },
      success_rate: 97.5,
      generation_time: { p50_s: 2, p95_s: 3.5, mean_s: 2.2 },
      errors_by_marketplace: [{ marketplace: "wildberries", errors: 3 }, { marketplace: "yandex", count: 1 }],
    });
    expect(s.cardsPerDay).toEqual([
      { day: "2026-11-26", count: 6, failed: null },
      { day: "2026-11-27", count: 4, failed: null },
    ]);
    expect(s.successRate).toBe(97.5);
    expect(s.p50Ms).toBe(2000);
    expect(s.p95Ms).toBe(3500);
    expect(s.meanMs).toBe(2200);
    expect(s.perMarketplace.map((m) => [m.marketplace, m.errors ?? m.cards])).toEqual([
      ["wildberries", 3],
      ["yandex", 1],
    ]);
    const t2 = normalizeStats({ errors_by_marketplace: { uzum: 5 } });
    expect(t2.perMarketplace[0]).toMatchObject({ marketplace: "uzum", errors: 5 });
  });

  it("survives an empty or missing body", () => {
    for (const raw of [undefined, null, {}, [], "x"]) {
      const s = normalizeStats(raw);
      expect(s.cardsPerDay).toEqual([]);
      expect(s.totalCards).toBeNull();
      expect(s.successRate).toBeNull();
      expect(s.p50Ms).toBeNull();
      expect(s.perMarketplace).toEqual([]);
    }
  });

  it("treats rates of at most 1 as fractions", () => {
    expect(toPercent(0.5)).toBe(50);
    expect(toPercent(1)).toBe(100);
    expect(toPercent(42)).toBe(42);
    expect(toPercent(140)).toBe(100);
    expect(toPercent("x")).toBeNull();
  });
});

describe("normalizeQueue", () => {
  it("reads depth rows, counts and dead letters", () => {
    const q = normalizeQueue({
      depth: [
        { priority: "normal", marketplace: "ozon", depth: 3, oldest_age_s: 10 },
        { priority: "urgent", marketplace: "uzum", depth: 1 },
        { priority: "normal", marketplace: "uzum", partner_id: "a", depth: 2, oldest_age_ms: 30_000 },
        { priority: "normal", marketplace: "uzum", partner_id: "b", depth: 4, oldest_age_s: 5 },
      ],
      in_flight: 7,
      workers_alive: [{ id: "w1" }, { id: "w2" }],
      dead_letters: [{ id: "job1", stage: "publish", marketplace: "wildberries", last_error: "400", attempt: 5, dead_at: "2026-11-27T10:00:00Z" }],
    });
    expect(q.priorities).toEqual(["urgent", "normal"]);
    expect(q.marketplaces).toEqual(["uzum", "ozon"]);
    expect(q.depth.get("normal")!.get("uzum")).toEqual({ count: 6, oldestAgeS: 30 });
    expect(q.totalQueued).toBe(10);
    expect(q.inFlight).toBe(7);
    expect(q.workersAlive).toBe(2);
    expect(q.dead[0]).toMatchObject({ id: "job1", stage: "publish", reason: "400", attempts: 5, failedAt: "2026-11-27T10:00:00Z" });
  });

  it("reads nested depth maps and numeric priorities", () => {
    const q = normalizeQueue({ depth: { 0: { uzum: 2 }, 2: { ozon: { count: 5, oldest_age_s: 60 } } }, in_flight: [{}, {}, {}] });
    expect(q.priorities).toEqual(["urgent", "normal"]);
    expect(q.depth.get("normal")!.get("ozon")).toEqual({ count: 5, oldestAgeS: 60 });
    expect(q.inFlight).toBe(3);
    expect(q.workersAlive).toBeNull();
    expect(q.dead).toEqual([]);
  });

  it("survives an empty body", () => {
    const q = normalizeQueue(undefined);
    expect(q.priorities).toEqual([]);
    expect(q.totalQueued).toBe(0);
    expect(q.inFlight).toBeNull();
  });
});
