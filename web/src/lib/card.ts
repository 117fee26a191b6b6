// Reads GET /api/cards/{id} (API.md) into what the preview shows, accepting the shapes the
// content may take: characteristics as an object, a list of {name, value} or of pairs; texts per
// language under content.texts / content.languages / content.{uz,ru,en}.
import type { CardDetail, QualityIssue } from "./types";
import { asNumber, asString, isRecord } from "./utils";

export interface CardTexts {
  title: string | null;
  description: string | null;
  bullets: string[];
  characteristics: [string, string][];
  keywords: string[];
}

export interface CardView {
  id: string;
  requestId: string | null;
  marketplace: string;
  status: string;
  title: string | null;
  texts: Record<string, CardTexts>;
  images: string[];
  video: string | null;
  quality: { score: number | null; issues: { message: string; severity: string | null; field: string | null }[] };
  marketplaceRef: string | null;
  moderation: { status: string | null; reasons: ModerationReason[] } | null;
}

/** A marketplace's reason, with our explanation per language when the API knows it. */
export interface ModerationReason {
  original: string;
  text: Partial<Record<string, string>> | null;
}

function explainedReasons(raw: Record<string, unknown>, fallback: string[]): ModerationReason[] {
  if (!Array.isArray(raw.reasons)) return fallback.map((original) => ({ original, text: null }));
  return raw.reasons
    .filter(isRecord)
    .map((r) => ({ original: asString(r.original) ?? "", text: isRecord(r.text) ? (r.text as Partial<Record<string, string>>) : null }))
    .filter((r) => r.original);
}

/** What the partner reads for a reason: our text in their language, else the marketplace's words. */
export function reasonText(r: ModerationReason, lang: string): string {
  return r.text?.[lang] ?? r.original;
}

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => (isRecord(x) ? asString(x.text ?? x.value ?? x.keyword) : asString(x))).filter((x): x is string => !!x);
  if (typeof v === "string" && v.trim()) return v.split(/\n|;|,(?=\s)/).map((s) => s.trim()).filter(Boolean);
  return [];
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map(valueText).join(", ");
  if (isRecord(v)) {
    const inner = v.value ?? v.values ?? v.text;
    if (inner !== undefined) return valueText(inner) + (typeof v.unit === "string" ? ` ${v.unit}` : "");
    return JSON.stringify(v);
  }
  if (typeof v === "boolean") return v ? "✓" : "—";
  return v === null || v === undefined ? "—" : String(v);
}

export function readCharacteristics(v: unknown): [string, string][] {
  if (Array.isArray(v)) {
    const out: [string, string][] = [];
    for (const row of v) {
      if (Array.isArray(row) && row.length >= 2) out.push([String(row[0]), valueText(row[1])]);
      else if (isRecord(row)) {
        const name = asString(row.name ?? row.key ?? row.title ?? row.id);
        if (name) out.push([name, valueText(row.value ?? row.values ?? row.text)]);
      }
    }
    return out;
  }
  if (isRecord(v)) return Object.entries(v).map(([k, val]) => [k, valueText(val)]);
  return [];
}

function readTexts(obj: Record<string, unknown>): CardTexts {
  return {
    title: asString(obj.title ?? obj.name) ?? null,
    description: asString(obj.description ?? obj.text) ?? null,
    bullets: strings(obj.bullets ?? obj.features ?? obj.highlights),
    characteristics: readCharacteristics(obj.characteristics ?? obj.attributes ?? obj.specs),
    keywords: strings(obj.keywords ?? obj.search_keywords),
  };
}

const LANG_KEYS = ["uz", "ru", "en", "kk"];

function assetId(v: unknown): string | null {
  if (typeof v === "string" && v) return v;
  if (isRecord(v)) return asString(v.asset_id ?? v.id) ?? null;
  return null;
}

function readIssue(i: string | QualityIssue | unknown) {
  if (typeof i === "string") return { message: i, severity: null, field: null };
  if (isRecord(i)) {
    return {
      message: asString(i.message ?? i.text ?? i.rule ?? i.code) ?? JSON.stringify(i),
      severity: asString(i.severity ?? i.level) ?? null,
      field: asString(i.field) ?? null,
    };
  }
  return { message: String(i), severity: null, field: null };
}

export function readCard(raw: CardDetail): CardView {
  const content = isRecord(raw.content) ? raw.content : {};
  const base = readTexts(content);
  const texts: Record<string, CardTexts> = {};

  // Per-language texts, wherever they live.
  const perLang = [content.texts, content.languages, content.language_texts, content.translations].find(isRecord) as Record<string, unknown> | undefined;
  const sources: [string, Record<string, unknown>][] = [];
  if (perLang) for (const [l, v] of Object.entries(perLang)) if (isRecord(v)) sources.push([l.toLowerCase(), v]);
  for (const l of LANG_KEYS) if (isRecord(content[l])) sources.push([l, content[l] as Record<string, unknown>]);
  for (const [l, v] of sources) {
    const tx = readTexts(v);
    // Fields a language leaves out fall back to the card's main ones.
    texts[l] = {
      title: tx.title ?? base.title,
      description: tx.description ?? base.description,
      bullets: tx.bullets.length ? tx.bullets : base.bullets,
      characteristics: tx.characteristics.length ? tx.characteristics : base.characteristics,
      keywords: tx.keywords.length ? tx.keywords : base.keywords,
    };
  }
  const hasBase = base.title || base.description || base.bullets.length || base.characteristics.length || base.keywords.length;
  if (Object.keys(texts).length === 0 && hasBase) {
    const l = asString(content.language ?? content.lang)?.toLowerCase() ?? "main";
    texts[l] = base;
  }

  const quality = isRecord(raw.quality) ? raw.quality : {};
  const issuesRaw = Array.isArray(quality.issues) ? quality.issues : [];

  let moderation: CardView["moderation"] = null;
  if (typeof raw.moderation === "string" && raw.moderation) moderation = { status: raw.moderation, reasons: [] };
  else if (isRecord(raw.moderation)) {
    moderation = {
      status: asString(raw.moderation.status) ?? null,
      reasons: explainedReasons(raw, strings(raw.moderation.reasons ?? raw.moderation.errors ?? raw.moderation.reason)),
    };
    if (!moderation.status && !moderation.reasons.length) moderation = null;
  }

  return {
    id: raw.id,
    requestId: asString(raw.request_id) ?? null,
    marketplace: String(raw.marketplace ?? ""),
    status: String(raw.status ?? "pending"),
    title: base.title ?? Object.values(texts)[0]?.title ?? null,
    texts,
    images: (Array.isArray(raw.images) ? raw.images : []).map(assetId).filter((x): x is string => !!x),
    video: assetId(raw.video),
    quality: { score: asNumber(quality.score), issues: issuesRaw.map(readIssue) },
    marketplaceRef: asString(raw.marketplace_ref) ?? null,
    moderation,
  };
}
