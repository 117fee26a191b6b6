import { AlertTriangle, CheckCircle2, Gauge, Layers, Timer } from "lucide-react";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { useMarketplaceName } from "@/components/marketplace";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useI18n } from "@/i18n";
import { normalizeStats } from "@/lib/admin";
import { formatDay, formatDuration } from "@/lib/dates";
import { useStats } from "@/lib/queries";
import { Stat } from "./Jobs";

const BRAND = "#4f46e5";
const BRAND_LIGHT = "#a5b4fc";
const DANGER = "#dc2626";
const AXIS = { fontSize: 12, fill: "#71717a" };

function pct(v: number | null, lang: string) {
  if (v === null) return "—";
  const s = (Math.round(v * 10) / 10).toString();
  return `${lang === "en" ? s : s.replace(".", ",")}%`;
}

function ChartCard({ title, children, empty }: { title: string; children: ReactNode; empty: boolean }) {
  const { t } = useI18n();
  return (
    <Card>
      <CardHeader className="pb-2">
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent className="pt-2">{empty ? <EmptyState title={t("admin.stats.noData")} className="py-10" /> : <figure aria-label={title}>{children}</figure>}</CardContent>
    </Card>
  );
}

export default function AdminStatsPage() {
  const { t, lang } = useI18n();
  const stats = useStats();
  const mpName = useMarketplaceName();
  const header = <PageHeader title={t("admin.stats.title")} description={t("admin.stats.subtitle")} />;

  if (stats.isPending) {
    return (
      <Page>
        {header}
        <Card>
          <LoadingState rows={6} />
        </Card>
      </Page>
    );
  }
  if (stats.isError && !stats.data) {
    return (
      <Page>
        {header}
        <Card>
          <ErrorState error={stats.error} onRetry={() => stats.refetch()} />
        </Card>
      </Page>
    );
  }

  const s = normalizeStats(stats.data);
  const days = s.cardsPerDay.map((d) => ({ label: formatDay(d.day, lang), count: d.count, failed: d.failed ?? undefined }));
  const hasFailed = s.cardsPerDay.some((d) => d.failed !== null);
  const errors = s.perMarketplace.filter((m) => m.errors !== null).map((m) => ({ label: mpName(m.marketplace), errors: m.errors }));
  const times = s.perMarketplace
    .filter((m) => m.p50Ms !== null || m.p95Ms !== null)
    .map((m) => ({ label: mpName(m.marketplace), p50: m.p50Ms !== null ? m.p50Ms / 1000 : undefined, p95: m.p95Ms !== null ? m.p95Ms / 1000 : undefined }));
  const seconds = (v: unknown) => formatDuration(Number(v) * 1000, lang);
  const count = (v: unknown) => String(v);

  return (
    <Page>
      {header}
      <div className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("admin.stats.totalCards")} value={s.totalCards ?? "—"} icon={<Layers className="size-5" aria-hidden />} />
        <Stat label={t("admin.stats.successRate")} value={pct(s.successRate ?? (s.errorRate !== null ? 100 - s.errorRate : null), lang)} icon={<CheckCircle2 className="size-5" aria-hidden />} />
        <Stat label={t("admin.stats.p50")} value={formatDuration(s.p50Ms ?? s.meanMs, lang)} icon={<Timer className="size-5" aria-hidden />} />
        <Stat label={t("admin.stats.p95")} value={formatDuration(s.p95Ms, lang)} icon={<Gauge className="size-5" aria-hidden />} />
      </div>

      <div className="grid gap-5 xl:grid-cols-2">
        <div className="xl:col-span-2">
          <ChartCard title={t("admin.stats.cardsPerDay")} empty={days.length === 0}>
            <div className="h-72">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={days} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
                  <CartesianGrid vertical={false} stroke="#e4e4e7" />
                  <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} interval="preserveStartEnd" minTickGap={12} />
                  <YAxis tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} />
                  <Tooltip cursor={{ fill: "#f4f4f5" }} formatter={count} />
                  {hasFailed ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
                  <Bar dataKey="count" name={t("admin.stats.cards")} fill={BRAND} radius={[4, 4, 0, 0]} maxBarSize={36} />
                  {hasFailed ? <Bar dataKey="failed" name={t("admin.stats.errors")} fill={DANGER} radius={[4, 4, 0, 0]} maxBarSize={36} /> : null}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </ChartCard>
        </div>

        <ChartCard title={t("admin.stats.errorsByMarketplace")} empty={errors.length === 0}>
          <div className="h-64">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={errors} layout="vertical" margin={{ top: 4, right: 16, left: 8, bottom: 0 }}>
                <CartesianGrid horizontal={false} stroke="#e4e4e7" />
                <XAxis type="number" tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} />
                <YAxis type="category" dataKey="label" tick={AXIS} tickLine={false} axisLine={false} width={110} />
                <Tooltip cursor={{ fill: "#f4f4f5" }} formatter={count} />
                <Bar dataKey="errors" name={t("admin.stats.errors")} fill={DANGER} radius={[0, 4, 4, 0]} maxBarSize={28} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        <ChartCard title={t("admin.stats.generationTime")} empty={times.length === 0}>
          <div className="h-64">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={times} margin={{ top: 8, right: 8, left: -8, bottom: 0 }}>
                <CartesianGrid vertical={false} stroke="#e4e4e7" />
                <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={false} />
                <YAxis tick={AXIS} tickLine={false} axisLine={false} unit=" s" />
                <Tooltip cursor={{ fill: "#f4f4f5" }} formatter={seconds} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="p50" name="p50" fill={BRAND} radius={[4, 4, 0, 0]} maxBarSize={28} />
                <Bar dataKey="p95" name="p95" fill={BRAND_LIGHT} radius={[4, 4, 0, 0]} maxBarSize={28} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>

        {s.perMarketplace.some((m) => m.successRate !== null || m.cards !== null) ? (
          <Card className="xl:col-span-2">
            <CardHeader className="pb-2">
              <CardTitle>{t("admin.stats.successRate")}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                {s.perMarketplace.map((m) => (
                  <li key={m.marketplace} className="rounded-lg border border-zinc-200 p-4">
                    <p className="text-sm font-medium text-zinc-900">{mpName(m.marketplace)}</p>
                    <p className="tabular mt-1 text-2xl font-semibold text-zinc-900">{pct(m.successRate, lang)}</p>
                    <p className="mt-1 flex items-center gap-3 text-xs text-zinc-500">
                      <span>
                        {t("admin.stats.cards")}: {m.cards ?? "—"}
                      </span>
                      {m.errors ? (
                        <span className="inline-flex items-center gap-1 text-red-700">
                          <AlertTriangle className="size-3" aria-hidden />
                          {m.errors}
                        </span>
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </Page>
  );
}
