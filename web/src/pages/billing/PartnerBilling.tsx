import { useQuery } from "@tanstack/react-query";
import { Printer } from "lucide-react";
import { useState } from "react";
import { Page, PageHeader } from "@/components/page";
import { ErrorState, LoadingState } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useI18n } from "@/i18n";
import { buildUrl, get } from "@/lib/api";
import { formatBp, thisMonth, type Invoice, type SubscriptionView } from "@/lib/billing";
import { formatMoney } from "@/lib/money";
import { MonthPicker } from "./MonthPicker";

/** The partner's plan, this month's card allowance, and the invoice of a chosen month. */
export default function PartnerBillingPage() {
  const { t, lang } = useI18n();
  const [month, setMonth] = useState(thisMonth());
  const sub = useQuery({ queryKey: ["billing", "subscription"], queryFn: ({ signal }) => get<SubscriptionView>("/api/billing/subscription", undefined, signal) });
  const inv = useQuery({ queryKey: ["billing", "invoice", month], queryFn: ({ signal }) => get<Invoice>("/api/billing/invoices", { month }, signal) });
  const money = (m: Invoice["total"]) => formatMoney(m, lang);
  return (
    <Page wide>
      <PageHeader
        title={t("billing.title")}
        description={t("billing.subtitle")}
        actions={<MonthPicker value={month} onChange={setMonth} />}
      />
      <Card className="mb-5">
        <CardHeader className="pb-2"><CardTitle>{t("billing.plan")}</CardTitle></CardHeader>
        <CardContent>
          {sub.isPending ? <LoadingState rows={2} /> : sub.isError ? <ErrorState error={sub.error} onRetry={() => sub.refetch()} /> : (
            <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
              <div><dt className="text-zinc-500">{t("billing.plan")}</dt><dd className="font-medium">{sub.data.plan.name}{sub.data.current?.ai_addon ? ` + ${t("billing.addon")}` : ""}</dd></div>
              <div><dt className="text-zinc-500">{t("billing.fee")}</dt><dd className="tabular">{money(sub.data.plan.monthly_fee)}</dd></div>
              <div><dt className="text-zinc-500">{t("billing.share")}</dt><dd className="tabular">{formatBp(sub.data.plan.profit_share_bp, lang)}</dd></div>
              <div><dt className="text-zinc-500">{t("billing.cardsThisMonth")}</dt><dd className="tabular">{sub.data.cards_this_month} / {sub.data.plan.cards_per_month ?? t("billing.noLimit")}</dd></div>
            </dl>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="flex flex-row items-center justify-between pb-2">
          <CardTitle>
            {t("billing.invoice")} {month}{" "}
            {inv.data ? <Badge tone={inv.data.status === "issued" ? "success" : "neutral"}>{t(inv.data.status === "issued" ? "billing.issued" : "billing.draft")}</Badge> : null}
          </CardTitle>
          {inv.data ? (
            <a className="inline-flex items-center gap-1 text-sm text-brand-700 hover:underline" target="_blank" rel="noreferrer"
               href={buildUrl(`/api/billing/invoices/${encodeURIComponent(inv.data.partner_id)}/${month}/print`, { lang })}>
              <Printer className="size-4" aria-hidden /> {t("billing.print")}
            </a>
          ) : null}
        </CardHeader>
        <CardContent className="overflow-x-auto">
          {inv.isPending ? <LoadingState rows={4} /> : inv.isError ? <ErrorState error={inv.error} onRetry={() => inv.refetch()} /> : (
            <>
              <dl className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
                <div><dt className="text-zinc-500">{t("billing.fee")}</dt><dd className="tabular">{money(inv.data.subscription_fee)}</dd></div>
                <div><dt className="text-zinc-500">{t("billing.profit")}</dt><dd className="tabular">{money(inv.data.totals.profit)}</dd></div>
                <div><dt className="text-zinc-500">{t("billing.share")} {formatBp(inv.data.profit_share_bp, lang)}</dt><dd className="tabular">{money(inv.data.profit_share)}</dd></div>
                <div><dt className="text-zinc-500">{t("billing.total")}</dt><dd className="tabular text-lg font-semibold">{money(inv.data.total)}</dd></div>
              </dl>
              <table className="w-full text-sm">
                <thead className="text-left text-zinc-500">
                  <tr><th className="py-1">{t("billing.date")}</th><th>{t("billing.sku")}</th><th className="text-right">{t("billing.qty")}</th><th className="text-right">{t("billing.revenue")}</th><th className="text-right">{t("billing.commission")}</th><th className="text-right">{t("billing.logistics")}</th><th className="text-right">{t("billing.cost")}</th><th className="text-right">{t("billing.profit")}</th><th className="text-right">{t("billing.share")}</th></tr>
                </thead>
                <tbody className="tabular">
                  {inv.data.lines.map((l, i) => (
                    <tr key={i} className="border-t border-zinc-100">
                      <td className="py-1">{l.ordered_at.slice(0, 10)}</td><td>{l.sku}</td><td className="text-right">{l.quantity}</td>
                      <td className="text-right">{money(l.revenue)}</td>
                      <td className="text-right" title={l.unknown_rates.length ? t("billing.unknownRates") : undefined}>{money(l.commission)}{l.unknown_rates.length ? "*" : ""}</td>
                      <td className="text-right">{money(l.logistics)}</td><td className="text-right">{money(l.cost)}</td>
                      <td className="text-right">{money(l.profit)}</td><td className="text-right">{money(l.profit_share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {inv.data.lines.some((l) => l.unknown_rates.length) ? <p className="mt-2 text-xs text-zinc-500">* {t("billing.unknownRates")}</p> : null}
            </>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}
