// Money is integer minor units plus a currency (API.md): 1 so'm = 100 tiyin, 1 ₽ = 100 kopecks.
// Formatting never goes through floating point: the amount is split into whole and minor parts
// with integer arithmetic (BigInt for values past 2^53).
import type { Lang } from "@/i18n/types";

export type Currency = "UZS" | "RUB";

export interface Money {
  amount: number;
  currency: Currency | string;
}

const NBSP = "\u00a0";

/** Minor units per major unit. Both supported currencies use 100. */
export function minorPerMajor(_currency: string): number {
  return 100;
}

export function currencySymbol(currency: string, lang: Lang): string {
  switch (currency) {
    case "UZS":
      return lang === "ru" ? "сум" : "so'm";
    case "RUB":
      return "₽";
    default:
      return currency;
  }
}

function groupDigits(digits: string, sep: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

export interface FormatMoneyOptions {
  /** Always print the minor part (",00"). By default it is shown only when non-zero. */
  alwaysShowMinor?: boolean;
  /** Leave out the currency symbol. */
  noSymbol?: boolean;
}

/**
 * Formats {amount, currency} for people: "1 250 000 so'm", "1 250 000,50 so'm", "2 990 ₽",
 * English: "1,250,000 so'm". Group separator is a no-break space in uz/ru, a comma in en.
 */
export function formatMoney(
  money: Money | null | undefined,
  lang: Lang,
  opts: FormatMoneyOptions = {},
): string {
  if (!money || money.amount === null || money.amount === undefined) return "—";
  let amount: bigint;
  try {
    amount = BigInt(Math.trunc(Number(money.amount)));
  } catch {
    return "—";
  }
  const negative = amount < 0n;
  if (negative) amount = -amount;
  const per = BigInt(minorPerMajor(money.currency));
  const major = amount / per;
  const minor = amount % per;
  const groupSep = lang === "en" ? "," : NBSP;
  const decSep = lang === "en" ? "." : ",";
  let text = groupDigits(major.toString(), groupSep);
  if (minor !== 0n || opts.alwaysShowMinor) {
    text += decSep + minor.toString().padStart(2, "0");
  }
  if (negative) text = "-" + text;
  if (opts.noSymbol) return text;
  return text + NBSP + currencySymbol(money.currency, lang);
}

/**
 * Parses what a person typed as a price in major units ("1 250 000", "1250000,5", "1,250,000.50")
 * into integer minor units. Returns null for anything that is not a non-negative amount with at
 * most two decimals.
 */
export function parseMoneyInput(input: string): number | null {
  const s = input.trim().replace(/[\s\u00a0\u202f']/g, "");
  if (s === "") return null;
  const commas = s.split(",").length - 1;
  const dots = s.split(".").length - 1;
  let intPart = s;
  let fracPart = "";
  let group = "";
  if (commas && dots) {
    // Both present: the last one is the decimal separator and may appear once.
    const dec = s.lastIndexOf(",") > s.lastIndexOf(".") ? "," : ".";
    if ((dec === "," ? commas : dots) !== 1) return null;
    group = dec === "," ? "." : ",";
    [intPart, fracPart] = s.split(dec);
  } else if (commas || dots) {
    const sep = commas ? "," : ".";
    const parts = s.split(sep);
    if (parts.length > 2 || parts[1].length === 3) {
      group = sep; // "1,250,000" or "1.250"
    } else {
      [intPart, fracPart] = parts; // "12,5" or "12.05"
    }
  }
  if (group) {
    const g = group === "." ? "\\." : ",";
    if (!new RegExp(`^\\d{1,3}(${g}\\d{3})*$`).test(intPart)) return null;
    intPart = intPart.split(group).join("");
  }
  if (!/^\d+$/.test(intPart) || !/^\d{0,2}$/.test(fracPart)) return null;
  if (fracPart === "" && /[.,]$/.test(s)) return null;
  const total = BigInt(intPart) * 100n + BigInt(fracPart.padEnd(2, "0") || "0");
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(total);
}

/** Minor units back to an editable string in major units ("1250000", "1250000.5"). */
export function toMajorInput(money: Money | null | undefined): string {
  if (!money) return "";
  const amount = Math.trunc(Number(money.amount));
  if (!Number.isFinite(amount)) return "";
  const major = Math.trunc(amount / 100);
  const minor = Math.abs(amount % 100);
  return minor === 0 ? String(major) : `${major}.${String(minor).padStart(2, "0")}`;
}
