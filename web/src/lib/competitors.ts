// Competitor cards (GET /api/competitors), their price history (GET /api/competitors/{id}/prices) and the
// partner's orders (GET /api/orders): the shapes, and the price-history chart's geometry as pure functions.
import type { Money } from "./money";

export interface Competitor {
  id: string;
  product_id: string;
  marketplace: string;
  card_id: string;
  title: string;
  latest_price: Money | null;
  our_price: Money | null;
  undercuts: boolean;
  last_read_at: string | null;
  checked_at: string | null;
  next_read_at: string | null;
  last_error: string | null;
  failures: number;
  created_at: string | null;
}

export interface PricePoint {
  id: string;
  price: Money;
  read_at: string | null;
}

export interface Order {
  id: string;
  marketplace: string;
  order_ref: string;
  sku: string;
  product_id: string | null;
  quantity: number;
  unit_price: Money;
  status: "new" | "cancelled" | string;
  oversold: number;
  ordered_at: string | null;
  seen_at: string | null;
}

export interface ChartGeometry {
  /** SVG path ("M x y L x y …") of the prices, oldest on the left. */
  path: string;
  /** The dashed line of our price, when it is within reach of the chart's scale. */
  ourY: number | null;
  min: number;
  max: number;
  points: { x: number; y: number; amount: number; at: number }[];
}

/**
 * Lays out a price history (any order, newest first as the API sends it) in a width × height box with
 * `pad` pixels of margin. Our price joins the scale, so the line and the competitor's prices share it.
 * Points without a time or in another currency than the newest are left out.
 */
export function chartGeometry(history: PricePoint[], width: number, height: number, ours?: Money | null, pad = 4): ChartGeometry | null {
  const currency = history[0]?.price.currency;
  const pts = history
    .filter((p) => p.price.currency === currency && p.read_at && !Number.isNaN(Date.parse(p.read_at)))
    .map((p) => ({ amount: p.price.amount, at: Date.parse(p.read_at as string) }))
    .sort((a, b) => a.at - b.at);
  if (pts.length === 0) return null;
  const withOurs = ours && ours.currency === currency ? [...pts.map((p) => p.amount), ours.amount] : pts.map((p) => p.amount);
  const min = Math.min(...withOurs);
  const max = Math.max(...withOurs);
  const t0 = pts[0].at;
  const t1 = pts[pts.length - 1].at;
  const x = (at: number) => (t1 === t0 ? width / 2 : pad + ((at - t0) / (t1 - t0)) * (width - 2 * pad));
  const y = (amount: number) => (max === min ? height / 2 : pad + ((max - amount) / (max - min)) * (height - 2 * pad));
  const points = pts.map((p) => ({ x: round(x(p.at)), y: round(y(p.amount)), amount: p.amount, at: p.at }));
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
  return { path, ourY: ours && ours.currency === currency ? round(y(ours.amount)) : null, min, max, points };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** Keeps only the digits of a pasted card number or storefront link's number ("wildberries.ru/catalog/123/detail" → "123"). */
export function cardIdFromInput(input: string): string {
  const trimmed = input.trim();
  if (/^\d{1,20}$/.test(trimmed)) return trimmed;
  const runs = trimmed.match(/\d{4,20}/g);
  return runs ? runs[runs.length - 1] : trimmed;
}
