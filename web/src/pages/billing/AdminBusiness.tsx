import { useQuery } from "@tanstack/react-query";
import { Banknote, TrendingDown, Users, Wallet } from "lucide-react";
import { useState } from "react";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useI18n } from "@/i18n";
import { get } from "@/lib/api";
import { formatBp, thisMonth, type BusinessFigures } from "@/lib/billing";
import { formatMoney } from "@/lib/money";
import { MonthPicker } from "./MonthPicker";
import { Stat } from "../admin/Jobs";

/** The admin's business figures for a month: MRR, churn, revenue per tier, and per partner. */
export default function AdminBusinessPage() {
  const { t, lang } = useI18n();
  const [month, setMonth] = useState(thisMonth());
  const q = useQuery({
    queryKey: ["admin", "business", month],
    queryFn: ({ signal }) => get<BusinessFigures>("/api/admin/business", { month }, signal),
  });
  const header = (
    <PageHeader
      title={t("billing.business.title")}
      description={t("billing.business.subtitle")}
      actions={<MonthPicker value={month} onChange={setMonth} />}
    />
  );
  if (q.isPending) return <Page>{header}<Card><LoadingState rows={6} /></Card></Page>;
  if (q.isError) return <Page>{header}<Card><ErrorState error={q.error} onRetry={() => q.refetch()} /></Card></Page>;
  const f = q.data;
  const money = (m: BusinessFigures["mrr"]) => formatMoney(m, lang);
  return (
    <Page wide>
      {header}
      <div className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("billing.business.mrr")} value={money(f.mrr)} icon={<Wallet className="size-5" aria-hidden />} />
        <Stat label={t("billing.business.revenue")} value={money(f.revenue)} icon={<Banknote className="size-5" aria-hidden />} />
        <Stat label={t("billing.business.active")} value={`${f.active_at_end}`} icon={<Users className="size-5" aria-hidden />} />
        <Stat
          label={t("billing.business.churn", { churned: f.churned, active: f.active_at_start })}
          value={formatBp(f.churn_bp, lang)}
          icon={<TrendingDown className="size-5" aria-hidden />}
          tone={f.churned > 0 ? "danger" : undefined}
        />
      </div>
      <Card className="mb-5">
        <CardHeader className="pb-2"><CardTitle>{t("billing.business.perTier")}</CardTitle></CardHeader>
        <CardContent className="overflow-x-auto">
          <table className="w-full text-sm">
            <thead className="text-left text-zinc-500">
              <tr><th className="py-1">{t("billing.plan")}</th><th className="text-right">{t("billing.business.partners")}</th><th className="text-right">{t("billing.fee")}</th><th className="text-right">{t("billing.share")}</th><th className="text-right">{t("billing.business.revenue")}</th></tr>
            </thead>
            <tbody className="tabular">
              {f.per_tier.map((r) => (
                <tr key={r.tier} className="border-t border-zinc-100">
                  <td className="py-1">{r.plan}</td><td className="text-right">{r.partners}</td><td className="text-right">{money(r.fees)}</td><td className="text-right">{money(r.profit_share)}</td><td className="text-right font-medium">{money(r.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader className="pb-2"><CardTitle>{t("billing.business.perPartner")}</CardTitle></CardHeader>
        <CardContent className="overflow-x-auto">
          {f.partners.length === 0 ? (
            <EmptyState title={t("billing.business.noPartners")} className="py-8" />
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-zinc-500">
                <tr><th className="py-1">{t("billing.business.company")}</th><th>{t("billing.plan")}</th><th className="text-right">{t("billing.business.cardsMade")}</th><th className="text-right">{t("billing.business.successRate")}</th><th className="text-right">{t("billing.fee")}</th><th className="text-right">{t("billing.share")}</th></tr>
              </thead>
              <tbody className="tabular">
                {f.partners.map((p) => (
                  <tr key={p.partner_id} className="border-t border-zinc-100">
                    <td className="py-1">{p.company}{p.active ? "" : ` (${t("billing.business.left")})`}</td>
                    <td>{p.tier}{p.ai_addon ? " + AI" : ""}</td>
                    <td className="text-right">{p.cards_made}</td>
                    <td className="text-right">{formatBp(p.success_rate_bp, lang)}</td>
                    <td className="text-right">{money(p.fee)}</td>
                    <td className="text-right">{money(p.profit_share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardContent>
      </Card>
    </Page>
  );
}
