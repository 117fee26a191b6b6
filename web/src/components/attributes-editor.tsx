import { Plus, X } from "lucide-react";
import { useId } from "react";
import { useI18n } from "@/i18n";
import { attributeLabel, CATEGORY_BY_KEY } from "@/lib/categories";
import { cn } from "@/lib/utils";
import { Button } from "./ui/button";
import { Input } from "./ui/input";

export interface AttrRow {
  id: number;
  key: string;
  value: string;
}

let nextRowId = 1;
export function newRow(key = "", value = ""): AttrRow {
  return { id: nextRowId++, key, value };
}

export function rowsFromAttributes(attrs: Record<string, unknown> | undefined | null): AttrRow[] {
  if (!attrs) return [];
  return Object.entries(attrs).map(([k, v]) => newRow(k, v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)));
}

/** Rows → the attributes object for the API. Numbers stay numbers ("250" → 250). */
export function attributesFromRows(rows: AttrRow[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const r of rows) {
    const key = r.key.trim();
    const value = r.value.trim();
    if (!key || !value) continue;
    out[key] = /^-?\d+(\.\d+)?$/.test(value) && value.length < 16 ? Number(value) : value;
  }
  return out;
}

export function duplicateKeys(rows: AttrRow[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) {
    const k = r.key.trim();
    if (!k) continue;
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return dup;
}

export function AttributesEditor({
  rows,
  onChange,
  category,
  errorKey,
  errorText,
}: {
  rows: AttrRow[];
  onChange: (rows: AttrRow[]) => void;
  category: string;
  /** An attribute key the server complained about. */
  errorKey?: string;
  errorText?: string;
}) {
  const { t, lang } = useI18n();
  const listId = useId();
  const suggestions = CATEGORY_BY_KEY[category]?.attributes ?? [];
  const used = new Set(rows.map((r) => r.key.trim()));
  const unused = suggestions.filter((s) => !used.has(s));
  const dups = duplicateKeys(rows);

  const update = (id: number, patch: Partial<AttrRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  return (
    <div className="flex flex-col gap-3">
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} label={attributeLabel(s, lang)} />
        ))}
      </datalist>
      {rows.length > 0 ? (
        <div className="flex flex-col gap-2">
          <div className="hidden grid-cols-[1fr_1fr_2.25rem] gap-2 text-xs font-medium text-zinc-500 sm:grid">
            <span>{t("products.attrKey")}</span>
            <span>{t("products.attrValue")}</span>
          </div>
          {rows.map((r, i) => {
            const label = attributeLabel(r.key.trim(), lang);
            const isDup = dups.has(r.key.trim());
            const serverErr = errorKey && r.key.trim() === errorKey;
            return (
              <div key={r.id} className="grid grid-cols-[1fr_2.25rem] gap-2 rounded-lg border border-zinc-200 p-2 sm:grid-cols-[1fr_1fr_2.25rem] sm:border-0 sm:p-0">
                <div className="flex flex-col gap-1">
                  <Input
                    list={listId}
                    value={r.key}
                    onChange={(e) => update(r.id, { key: e.target.value })}
                    aria-label={`${t("products.attrKey")} ${i + 1}`}
                    aria-invalid={isDup || serverErr ? true : undefined}
                    placeholder={t("products.attrKey")}
                    spellCheck={false}
                    className="font-mono text-[13px]"
                  />
                  {label ? <span className="px-1 text-xs text-zinc-500">{label}</span> : null}
                  {isDup ? <span className="px-1 text-xs font-medium text-red-700">{t("products.duplicateAttr")}</span> : null}
                  {serverErr && errorText ? <span className="px-1 text-xs font-medium text-red-700">{errorText}</span> : null}
                </div>
                <Input
                  value={r.value}
                  onChange={(e) => update(r.id, { value: e.target.value })}
                  aria-label={`${t("products.attrValue")} ${label ?? r.key ?? i + 1}`}
                  placeholder={t("products.attrValue")}
                  className="col-start-1 row-start-2 sm:col-start-auto sm:row-start-auto"
                />
                <Button
                  variant="ghost"
                  size="icon"
                  className="col-start-2 row-span-2 row-start-1 self-start sm:row-span-1 sm:col-start-auto sm:row-start-auto"
                  aria-label={t("products.removeAttribute", { name: label ?? (r.key || String(i + 1)) })}
                  onClick={() => onChange(rows.filter((x) => x.id !== r.id))}
                >
                  <X aria-hidden />
                </Button>
              </div>
            );
          })}
        </div>
      ) : null}
      <div>
        <Button variant="outline" size="sm" onClick={() => onChange([...rows, newRow()])}>
          <Plus aria-hidden />
          {t("products.addAttribute")}
        </Button>
      </div>
      {unused.length > 0 ? (
        <div>
          <p className="mb-2 text-xs font-medium text-zinc-500">{t("products.suggested")}</p>
          <ul className="flex flex-wrap gap-1.5">
            {unused.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  onClick={() => {
                    // Fill an empty row first, else add one.
                    const empty = rows.find((r) => !r.key.trim());
                    onChange(empty ? rows.map((r) => (r.id === empty.id ? { ...r, key: s } : r)) : [...rows, newRow(s)]);
                  }}
                  className={cn(
                    "inline-flex cursor-pointer items-center gap-1 rounded-full border border-dashed border-zinc-300 px-2.5 py-1 text-xs text-zinc-700 transition-colors hover:border-brand-400 hover:bg-brand-50 hover:text-brand-800",
                  )}
                >
                  <Plus className="size-3" aria-hidden />
                  {attributeLabel(s, lang) ?? s}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
