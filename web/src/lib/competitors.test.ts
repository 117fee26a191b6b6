import { describe, expect, it } from "vitest";
import { cardIdFromInput, chartGeometry, type PricePoint } from "./competitors";

const pt = (amount: number, at: string, currency = "RUB"): PricePoint => ({ id: at, price: { amount, currency }, read_at: at });

describe("chartGeometry", () => {
  it("puts the oldest read on the left and the highest price at the top", () => {
    // Newest first, as the API sends it.
    const history = [pt(1500, "2026-01-01T02:00:00Z"), pt(2000, "2026-01-01T01:00:00Z"), pt(1000, "2026-01-01T00:00:00Z")];
    const g = chartGeometry(history, 104, 54, null, 2);
    expect(g).not.toBeNull();
    expect(g!.points.map((p) => p.amount)).toEqual([1000, 2000, 1500]);
    expect(g!.points.map((p) => p.x)).toEqual([2, 52, 102]);
    expect(g!.points.map((p) => p.y)).toEqual([52, 2, 27]);
    expect(g!.path).toBe("M2 52 L52 2 L102 27");
    expect([g!.min, g!.max]).toEqual([1000, 2000]);
    expect(g!.ourY).toBeNull();
  });

  it("draws our price on the same scale and widens it when ours is outside the reads", () => {
    const history = [pt(1500, "2026-01-01T01:00:00Z"), pt(1000, "2026-01-01T00:00:00Z")];
    const g = chartGeometry(history, 100, 100, { amount: 3000, currency: "RUB" }, 0)!;
    expect(g.max).toBe(3000);
    expect(g.ourY).toBe(0);
    expect(g.points[1].y).toBe(75);
    // Ours in another currency is not drawn (no conversion in the browser).
    expect(chartGeometry(history, 100, 100, { amount: 3000, currency: "UZS" }, 0)!.ourY).toBeNull();
  });

  it("centres a single read and skips reads without a time or in another currency", () => {
    const g = chartGeometry([pt(500, "2026-01-01T00:00:00Z"), { id: "x", price: { amount: 9, currency: "RUB" }, read_at: null }, pt(7, "2026-01-02T00:00:00Z", "UZS")], 80, 40)!;
    expect(g.points).toHaveLength(1);
    expect(g.points[0]).toMatchObject({ x: 40, y: 20, amount: 500 });
    expect(chartGeometry([], 80, 40)).toBeNull();
  });
});

describe("cardIdFromInput", () => {
  it("keeps a number and takes the card number out of a pasted link", () => {
    expect(cardIdFromInput(" 148210001 ")).toBe("148210001");
    expect(cardIdFromInput("https://www.wildberries.ru/catalog/148210001/detail.aspx")).toBe("148210001");
    expect(cardIdFromInput("https://uzum.uz/uz/product/smartfon-801001")).toBe("801001");
    expect(cardIdFromInput("abc")).toBe("abc");
  });
});
