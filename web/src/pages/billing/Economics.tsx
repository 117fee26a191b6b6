import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Page, PageHeader } from "@/components/page";
import { ErrorState } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useMarketplaceName } from "@/components/marketplace";
import { useI18n } from "@/i18n";
import { del, get, post, put } from "@/lib/api";
import { formatBp, parseHundredths, type AppliedRate, type Breakdown, type EconomicsItem, type RateOverride } from "@/lib/billing";
import { formatMoney } from "@/lib/money";

const MARKETPLACES = ["uzum", "wildberries", "yandex", "ozon"] as const;
const RATES: AppliedRate["name"][] = ["commission", "logistics", "acquiring", "tax"];
const FIELD = "rounded-md border border-zinc-300 px-2 py-1 text-sm";

function RateValue({ v }: { v: AppliedRate["value"] }) {
  const { lang } = useI18n();
  if (!v) return <>—</>;
  return <>{v.kind === "percent" ? formatBp(v.value_bp, lang) : formatMoney(v.amount, lang)}</>;
}

function BreakdownTable({ b }: { b: Breakdown }) {
  const { t, lang } = useI18n();
  const tone = { default: "neutral", partner: "brand", unknown: "warning" } as const;
  return (
    <table className="w-full text-sm">
      <tbody className="tabular">
        {b.rates.map((r) => (
          <tr key={r.name} className="border-t border-zinc-100 align-top">
            <td className="py-1">{t(`economics.rate.${r.name}`)}</td>
            <td><RateValue v={r.value} /></td>
            <td className="text-right">{formatMoney(r.amount, lang)}</td>
            <td className="pl-3">
              <Badge tone={tone[r.origin]}>{t(`economics.origin.${r.origin}`)}</Badge>
              {r.origin === "default" ? <span className="ml-2 text-xs text-zinc-500">{r.as_of} · {r.source ? <a className="underline" href={r.source} target="_blank" rel="noreferrer">{t("economics.source")}</a> : null}{r.note ? ` · ${r.note}` : ""}</span> : null}
            </td>
          </tr>
        ))}
        <tr className="border-t border-zinc-300 font-medium"><td className="py-1">{t("billing.cost")}</td><td /><td className="text-right">{formatMoney(b.cost, lang)}</td><td /></tr>
        <tr className="font-semibold"><td className="py-1">{t("billing.profit")}</td><td>{formatBp(b.margin_bp, lang)}</td><td className="text-right">{formatMoney(b.profit, lang)}</td><td /></tr>
      </tbody>
    </table>
  );
}

/** A sale's unit economics per marketplace, the price for a target margin, and the partner's own rates. */
export default function EconomicsPage() {
  const { t, lang } = useI18n();
  const mpName = useMarketplaceName();
  const qc = useQueryClient();
  const [form, setForm] = useState({ marketplace: "uzum", category: "phones", currency: "UZS", cost: "", price: "", target: "20" });
  const [rate, setRate] = useState({ marketplace: "uzum", category: "*", rate: "commission", value: "" });
  const calc = useMutation({
    mutationFn: () =>
      post<EconomicsItem>("/api/economics", {
        marketplace: form.marketplace,
        category: form.category,
        cost: { amount: parseHundredths(form.cost) ?? -1, currency: form.currency },
        price: { amount: parseHundredths(form.price) ?? -1, currency: form.currency },
        target_margin_bp: form.target ? parseHundredths(form.target) ?? undefined : undefined,
      }),
  });
  const rates = useQuery({ queryKey: ["economics", "rates"], queryFn: ({ signal }) => get<{ items: RateOverride[] }>("/api/economics/rates", undefined, signal) });
  const saveRate = useMutation({
    mutationFn: () => {
      const v = parseHundredths(rate.value);
      return put("/api/economics/rates", { marketplace: rate.marketplace, category: rate.category, rate: rate.rate, value_bp: v ?? -1 });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["economics", "rates"] }),
  });
  const dropRate = useMutation({
    mutationFn: (o: RateOverride) => del("/api/economics/rates", { marketplace: o.marketplace, category: o.category, rate: o.rate }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["economics", "rates"] }),
  });
  const onCalc = (e: FormEvent) => { e.preventDefault(); calc.mutate(); };
  const onRate = (e: FormEvent) => { e.preventDefault(); saveRate.mutate(); };
  return (
    <Page wide>
      <PageHeader title={t("economics.title")} description={t("economics.subtitle")} />
      <Card className="mb-5">
        <CardContent className="pt-5">
          <form onSubmit={onCalc} className="flex flex-wrap items-end gap-3 text-sm">
            <label className="flex flex-col gap-1">{t("economics.marketplace")}
              <select className={FIELD} value={form.marketplace} onChange={(e) => setForm({ ...form, marketplace: e.target.value })}>
                {MARKETPLACES.map((m) => <option key={m} value={m}>{mpName(m)}</option>)}
              </select>
            </label>
            <label className="flex flex-col gap-1">{t("economics.category")}<input className={FIELD} value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })} /></label>
            <label className="flex flex-col gap-1">{t("economics.currency")}
              <select className={FIELD} value={form.currency} onChange={(e) => setForm({ ...form, currency: e.target.value })}><option>UZS</option><option>RUB</option></select>
            </label>
            <label className="flex flex-col gap-1">{t("billing.cost")}<input className={FIELD} inputMode="decimal" value={form.cost} onChange={(e) => setForm({ ...form, cost: e.target.value })} /></label>
            <label className="flex flex-col gap-1">{t("economics.price")}<input className={FIELD} inputMode="decimal" value={form.price} onChange={(e) => setForm({ ...form, price: e.target.value })} /></label>
            <label className="flex flex-col gap-1">{t("economics.target")}<input className={FIELD} inputMode="decimal" value={form.target} onChange={(e) => setForm({ ...form, target: e.target.value })} /></label>
            <Button type="submit" disabled={calc.isPending}>{t("economics.calculate")}</Button>
          </form>
        </CardContent>
      </Card>
      {calc.isError ? <Card className="mb-5"><ErrorState error={calc.error} /></Card> : null}
      {calc.data ? (
        <div className="mb-5 grid gap-5 lg:grid-cols-2">
          <Card>
            <CardHeader className="pb-2"><CardTitle>{t("economics.perSale")} · {formatMoney(calc.data.breakdown.price, lang)}</CardTitle></CardHeader>
            <CardContent><BreakdownTable b={calc.data.breakdown} />{!calc.data.breakdown.complete ? <p className="mt-2 text-xs text-amber-700">{t("economics.incomplete")}</p> : null}</CardContent>
          </Card>
          {calc.data.recommendation ? (
            <Card>
              <CardHeader className="pb-2"><CardTitle>{t("economics.recommended")} · {formatMoney(calc.data.recommendation.price, lang)}</CardTitle></CardHeader>
              <CardContent><BreakdownTable b={calc.data.recommendation.breakdown} /></CardContent>
            </Card>
          ) : null}
        </div>
      ) : null}
      <Card>
        <CardHeader className="pb-2"><CardTitle>{t("economics.myRates")}</CardTitle></CardHeader>
        <CardContent>
          <form onSubmit={onRate} className="mb-4 flex flex-wrap items-end gap-3 text-sm">
            <select className={FIELD} value={rate.marketplace} onChange={(e) => setRate({ ...rate, marketplace: e.target.value })} aria-label={t("economics.marketplace")}>
              {MARKETPLACES.map((m) => <option key={m} value={m}>{mpName(m)}</option>)}
            </select>
            <input className={FIELD} value={rate.category} onChange={(e) => setRate({ ...rate, category: e.target.value })} aria-label={t("economics.category")} />
            <select className={FIELD} value={rate.rate} onChange={(e) => setRate({ ...rate, rate: e.target.value })} aria-label={t("economics.rateName")}>
              {RATES.map((r) => <option key={r} value={r}>{t(`economics.rate.${r}`)}</option>)}
            </select>
            <input className={FIELD} inputMode="decimal" placeholder="%" value={rate.value} onChange={(e) => setRate({ ...rate, value: e.target.value })} aria-label={t("economics.percent")} />
            <Button type="submit" variant="outline" disabled={saveRate.isPending}>{t("economics.save")}</Button>
          </form>
          {saveRate.isError ? <ErrorState error={saveRate.error} /> : null}
          <table className="w-full text-sm">
            <tbody>
              {(rates.data?.items ?? []).map((o) => (
                <tr key={`${o.marketplace}/${o.category}/${o.rate}`} className="border-t border-zinc-100">
                  <td className="py-1">{mpName(o.marketplace)}</td><td>{o.category}</td><td>{t(`economics.rate.${o.rate}`)}</td><td><RateValue v={o.value} /></td>
                  <td className="text-right"><Button variant="ghost" size="sm" onClick={() => dropRate.mutate(o)}>{t("economics.remove")}</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
    </Page>
  );
}
