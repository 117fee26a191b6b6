import { en } from "./en";
import { ru } from "./ru";
import type { Lang } from "./types";
import { uz } from "./uz";

export type Messages = typeof uz;

type Paths<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every message key, as a dotted path ("products.title"). */
export type MessageKey = Paths<Messages>;

export type Vars = Record<string, string | number>;

export const dictionaries: Record<Lang, unknown> = { uz, ru, en };

function lookup(dict: unknown, key: string): string | undefined {
  let node: unknown = dict;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m,
  );
}

/** Looks a key up in one language; falls back to Uzbek, then returns undefined. */
export function translateOptional(lang: Lang, key: string, vars?: Vars): string | undefined {
  const text = lookup(dictionaries[lang], key) ?? lookup(dictionaries.uz, key);
  return text === undefined ? undefined : interpolate(text, vars);
}

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return translateOptional(lang, key, vars) ?? key;
}

/** All dotted keys of a dictionary (used by the completeness test). */
export function flattenKeys(dict: unknown, prefix = ""): string[] {
  if (typeof dict !== "object" || dict === null) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(dict as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.push(path);
    else out.push(...flattenKeys(v, path));
  }
  return out;
}
