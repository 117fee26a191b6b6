// Times arrive as RFC 3339 UTC (API.md) and are shown in Asia/Tashkent (UTC+5, no DST),
// whatever the viewer's own time zone is.
import type { Lang } from "@/i18n/types";

export const TIME_ZONE = "Asia/Tashkent";

const MONTHS: Record<Lang, string[]> = {
  uz: ["yan", "fev", "mar", "apr", "may", "iyn", "iyl", "avg", "sen", "okt", "noy", "dek"],
  ru: ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

let partsFormatter: Intl.DateTimeFormat | null = null;

function tashkentParts(d: Date): Parts {
  if (!partsFormatter) {
    partsFormatter = new Intl.DateTimeFormat("en-US", {
      timeZone: TIME_ZONE,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
  }
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(d)) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
  };
}

export function parseDate(value: string | number | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** "27.11.2026 23:46" (uz, ru) or "Nov 27, 2026, 23:46" (en), in Tashkent time. */
export function formatDateTime(value: string | number | Date | null | undefined, lang: Lang): string {
  const d = parseDate(value);
  if (!d) return "—";
  const p = tashkentParts(d);
  const time = `${p2(p.hour)}:${p2(p.minute)}`;
  if (lang === "en") return `${MONTHS.en[p.month - 1]} ${p.day}, ${p.year}, ${time}`;
  return `${p2(p.day)}.${p2(p.month)}.${p.year} ${time}`;
}

/** "27.11.2026" (uz, ru) or "Nov 27, 2026" (en). */
export function formatDate(value: string | number | Date | null | undefined, lang: Lang): string {
  const d = parseDate(value);
  if (!d) return "—";
  const p = tashkentParts(d);
  if (lang === "en") return `${MONTHS.en[p.month - 1]} ${p.day}, ${p.year}`;
  return `${p2(p.day)}.${p2(p.month)}.${p.year}`;
}

/** Short day label for charts: "27 noy" / "27 ноя" / "Nov 27". Accepts "2026-11-27" too. */
export function formatDay(value: string | number | Date | null | undefined, lang: Lang): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [, m, d] = value.split("-").map(Number);
    return lang === "en" ? `${MONTHS.en[m - 1]} ${d}` : `${d} ${MONTHS[lang][m - 1]}`;
  }
  const d = parseDate(value);
  if (!d) return "—";
  const p = tashkentParts(d);
  return lang === "en" ? `${MONTHS.en[p.month - 1]} ${p.day}` : `${p.day} ${MONTHS[lang][p.month - 1]}`;
}

/** "23:46:05" in Tashkent time. */
export function formatTime(value: string | number | Date | null | undefined): string {
  const d = parseDate(value);
  if (!d) return "—";
  const p = tashkentParts(d);
  return `${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}`;
}

/** A duration in milliseconds as "850 ms", "12.4 s", "3 min 5 s". Units are international. */
export function formatDuration(ms: number | null | undefined, lang: Lang): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  const u = lang === "ru" ? { ms: "мс", s: "с", min: "мин" } : lang === "uz" ? { ms: "ms", s: "s", min: "daq" } : { ms: "ms", s: "s", min: "min" };
  if (ms < 1000) return `${Math.round(ms)} ${u.ms}`;
  if (ms < 60_000) {
    const s = Math.round(ms / 100) / 10;
    const text = lang === "en" ? String(s) : String(s).replace(".", ",");
    return `${text} ${u.s}`;
  }
  const totalS = Math.round(ms / 1000);
  const min = Math.floor(totalS / 60);
  const s = totalS % 60;
  return s === 0 ? `${min} ${u.min}` : `${min} ${u.min} ${s} ${u.s}`;
}

/** Milliseconds between two timestamps, or null. */
export function durationBetween(
  start: string | null | undefined,
  end: string | null | undefined,
  now: number = Date.now(),
): number | null {
  const s = parseDate(start);
  if (!s) return null;
  const e = parseDate(end);
  return (e ? e.getTime() : now) - s.getTime();
}
