import { describe, expect, it } from "vitest";
import { ATTRIBUTE_LABELS, CATEGORIES } from "@/lib/categories";
import { CREDENTIAL_KINDS, MARKETPLACES } from "@/lib/marketplaces";
import { PRIORITIES, REQUEST_STATUSES, TIERS } from "@/lib/types";
import { en } from "./en";
import { dictionaries, flattenKeys, interpolate, translate, translateOptional } from "./messages";
import { ru } from "./ru";
import { LANGS } from "./types";
import { uz } from "./uz";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function valueAt(dict: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], dict);
}

describe("i18n completeness", () => {
  const uzKeys = flattenKeys(uz).sort();

  it("has a sizeable Uzbek source dictionary", () => {
    expect(uzKeys.length).toBeGreaterThan(300);
  });

  for (const [name, dict] of [
    ["ru", ru],
    ["en", en],
  ] as const) {
    it(`${name} has exactly the keys of uz`, () => {
      const keys = flattenKeys(dict).sort();
      expect(keys.filter((k) => !uzKeys.includes(k))).toEqual([]);
      expect(uzKeys.filter((k) => !keys.includes(k))).toEqual([]);
    });

    it(`${name} keeps the same {placeholders} as uz`, () => {
      const wrong = uzKeys.filter((k) => placeholders(String(valueAt(uz, k))).join() !== placeholders(String(valueAt(dict, k))).join());
      expect(wrong).toEqual([]);
    });
  }

  it("has no empty or whitespace-only message in any language", () => {
    for (const lang of LANGS) {
      const empty = flattenKeys(dictionaries[lang]).filter((k) => !String(valueAt(dictionaries[lang], k)).trim());
      expect(empty, lang).toEqual([]);
    }
  });

  it("writes Uzbek oʻ/gʻ with U+02BB, not an ASCII apostrophe or a quote mark", () => {
    const bad = uzKeys.filter((k) => /[oOgG][\u2018\u2019]/.test(String(valueAt(uz, k))) || /\b[oOgG]'[a-z]/.test(String(valueAt(uz, k))));
    // "so'm" is the one deliberate ASCII form (CONTENT.md §8.3 decision for prices).
    expect(bad.filter((k) => !String(valueAt(uz, k)).includes("so'm"))).toEqual([]);
  });

  it("has every key the app builds at run time", () => {
    const dynamic: string[] = [
      ...MARKETPLACES.map((m) => `marketplaces.${m}`),
      ...REQUEST_STATUSES.map((s) => `requests.status.${s}`),
      "requests.status.draft",
      ...PRIORITIES.map((p) => `requests.priority.${p}`),
      ...TIERS.map((t) => `admin.partners.tiers.${t}`),
      ...["active", "suspended"].map((s) => `admin.partners.statuses.${s}`),
      ...["untested", "active", "failed", "missing"].map((s) => `credentials.status.${s}`),
      ...Object.values(CREDENTIAL_KINDS).flatMap((specs) =>
        specs.flatMap((s) => [`credentials.kinds.${s.kind}`, ...s.fields.map((f) => `credentials.fields.${f.name}`)]),
      ),
      ...LANGS.map((l) => `card.langNames.${l}`),
    ];
    for (const lang of LANGS) {
      const missing = dynamic.filter((k) => translateOptional(lang, k) === undefined || typeof valueAt(dictionaries[lang], k) !== "string");
      expect(missing, lang).toEqual([]);
    }
  });

  it("names every category in uz, ru and en", () => {
    expect(CATEGORIES).toHaveLength(30);
    expect(new Set(CATEGORIES.map((c) => c.key)).size).toBe(30);
    for (const c of CATEGORIES) {
      for (const lang of LANGS) expect(c.names[lang]?.trim(), `${c.key}.${lang}`).toBeTruthy();
    }
  });

  it("labels every suggested attribute in uz, ru and en", () => {
    const suggested = new Set(CATEGORIES.flatMap((c) => c.attributes));
    for (const key of suggested) {
      for (const lang of LANGS) expect(ATTRIBUTE_LABELS[key]?.[lang]?.trim(), `${key}.${lang}`).toBeTruthy();
    }
  });
});

describe("translate", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("en", "photos.alt", { name: "Phone", n: 2 })).toBe("Phone — photo 2");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });

  it("falls back to Uzbek, then to the key", () => {
    expect(translateOptional("ru", "no.such.key")).toBeUndefined();
    expect(translate("ru", "nav.products")).toBe("Товары");
    expect(translate("uz", "nav.products")).toBe("Mahsulotlar");
  });
});
