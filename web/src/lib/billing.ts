// Types and helpers for the economics and billing pages (docs/api-additions.md). Money stays integer
// minor units; percentages arrive as basis points and are formatted without floating point.
import type { Lang } from "@/i18n/types";
import type { Money } from "./money";

export interface AppliedRate {
  name: "commission" | "logistics" | "acquiring" | "tax";
  origin: "default" | "partner" | "unknown";
  value: { kind: "percent"; value_bp: number } | { kind: "fixed"; amount: Money } | null;
  amount: Money;
  category: string | null;
  as_of?: string;
  source?: string;
  note?: string;
  set_at?: string | null;
}

export interface Breakdown {
  price: Money;
  cost: Money;
  rates: AppliedRate[];
  fees_total: Money;
  profit: Money;
  margin_bp: number;
  complete: boolean;
  unknown: string[];
}

export interface EconomicsItem {
  marketplace: string;
  category: string;
  breakdown: Breakdown;
  recommendation?: { target_margin_bp: number; price: Money; price_step: Money; breakdown: Breakdown };
}

export interface RateOverride {
  marketplace: string;
  category: string;
  rate: AppliedRate["name"];
  value: AppliedRate["value"];
  set_at: string | null;
}

export interface InvoiceLine {
  order_ref: string;
  sku: string;
  marketplace: string;
  ordered_at: string;
  quantity: number;
  revenue: Money;
  commission: Money;
  logistics: Money;
  cost: Money;
  profit: Money;
  profit_share: Money;
  unknown_rates: string[];
}

export interface Invoice {
  partner_id: string;
  company: string;
  month: string;
  status: "draft" | "issued";
  issued_at: string | null;
  plan: string;
  tier: string;
  ai_addon: boolean;
  subscription_fee: Money;
  ai_addon_fee: Money;
  profit_share_bp: number;
  totals: { revenue: Money; commission: Money; logistics: Money; cost: Money; profit: Money };
  profit_share: Money;
  total: Money;
  lines: InvoiceLine[];
  excluded: { order_ref: string; sku: string; marketplace: string; reason: string }[];
}

export interface SubscriptionView {
  partner_id: string;
  current: { tier: string; ai_addon: boolean; started_at: string } | null;
  plan: { tier: string; name: string; monthly_fee: Money; profit_share_bp: number; cards_per_month: number | null };
  cards_this_month: number;
}

export interface BusinessFigures {
  month: string;
  mrr: Money;
  active_at_start: number;
  active_at_end: number;
  churned: number;
  churn_bp: number | null;
  revenue: Money;
  per_tier: { tier: string; plan: string; partners: number; fees: Money; profit_share: Money; revenue: Money }[];
  partners: {
    partner_id: string;
    company: string;
    tier: string;
    ai_addon: boolean;
    active: boolean;
    cards_made: number;
    cards_live: number;
    cards_finished: number;
    success_rate_bp: number | null;
    fee: Money;
    profit_share: Money;
  }[];
}

/** 1234 bp -> "12,34 %" (uz/ru) or "12.34 %" (en); null -> "—". */
export function formatBp(bp: number | null | undefined, lang: Lang): string {
  if (bp === null || bp === undefined) return "—";
  const sign = bp < 0 ? "-" : "";
  const a = Math.abs(Math.trunc(bp));
  const whole = Math.trunc(a / 100);
  const frac = a % 100;
  const sep = lang === "en" ? "." : ",";
  return `${sign}${whole}${frac ? sep + String(frac).padStart(2, "0") : ""} %`;
}

/** "12.5" or "12,5" (percent) -> 1250 bp; "" or malformed -> null. */
export function parseBp(text: string): number | null {
  return parseHundredths(text);
}

/** "46" / "46,5" / "46.05" (major units) -> minor units; at most two decimals; null when malformed. */
export function parseHundredths(text: string): number | null {
  const m = /^\s*(-?)(\d{1,13})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const v = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -v : v;
}

/** The current month as "YYYY-MM" (UTC, as the server counts months). */
export function thisMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}
