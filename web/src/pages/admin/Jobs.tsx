import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Activity, Cpu, Layers, RotateCcw, Skull } from "lucide-react";
import type { ReactNode } from "react";
import { Link } from "wouter";
import { DateTimeText } from "@/components/format";
import { MarketplaceName, useMarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { PriorityBadge } from "@/components/status";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { humanize, useI18n } from "@/i18n";
import { normalizeQueue } from "@/lib/admin";
import { api } from "@/lib/api";
import { formatDuration } from "@/lib/dates";
import { errorMessage } from "@/lib/errors";
import { keys, useQueue } from "@/lib/queries";
import { cn } from "@/lib/utils";

export function Stat({ label, value, icon, tone }: { label: string; value: ReactNode; icon: ReactNode; tone?: "danger" }) {
  return (
    <Card className="flex items-center gap-3 px-4 py-4 sm:gap-4 sm:px-5">
      <span className={cn("hidden size-10 shrink-0 items-center justify-center min-[420px]:flex rounded-lg", tone === "danger" ? "bg-red-50 text-red-600" : "bg-brand-50 text-brand-600")}>
        {icon}
      </span>
      <div className="min-w-0">
        <p className="text-xs leading-snug text-zinc-500">{label}</p>
        <p className="tabular text-xl font-semibold text-zinc-900">{value}</p>
      </div>
    </Card>
  );
}

export default function AdminJobsPage() {
  const { t, tx, lang } = useI18n();
  const queue = useQueue();
  const toast = useToast();
  const qc = useQueryClient();
  const mpName = useMarketplaceName();
  const retry = useMutation({
    mutationFn: (id: string) => api(`/api/admin/jobs/${encodeURIComponent(id)}/retry`, { method: "POST", json: {} }),
    onSuccess: () => {
      toast.success(t("admin.jobs.retriedToast"));
      qc.invalidateQueries({ queryKey: keys.queue });
    },
    onError: (e) => toast.error(errorMessage(e, t)),
  });

  const header = <PageHeader title={t("admin.jobs.title")} description={t("admin.jobs.subtitle")} meta={<span className="text-xs text-zinc-500">{t("admin.jobs.autoRefresh")}</span>} />;

  if (queue.isPending) {
    return (
      <Page>
        {header}
        <Card>
          <LoadingState rows={6} />
        </Card>
      </Page>
    );
  }
  if (queue.isError && !queue.data) {
    return (
      <Page>
        {header}
        <Card>
          <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
        </Card>
      </Page>
    );
  }
  const q = normalizeQueue(queue.data);
  const num = (n: number | null) => (n === null ? "—" : n.toLocaleString(lang === "en" ? "en-US" : "ru-RU"));

  return (
    <Page>
      {header}
      {queue.isError ? (
        <p role="alert" className="mb-4 text-sm text-red-700">
          {errorMessage(queue.error, t)}
        </p>
      ) : null}
      <div className="mb-5 grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t("admin.jobs.queued")} value={num(q.totalQueued)} icon={<Layers className="size-5" aria-hidden />} />
        <Stat label={t("admin.jobs.inFlight")} value={num(q.inFlight)} icon={<Activity className="size-5" aria-hidden />} />
        <Stat label={t("admin.jobs.workersAlive")} value={num(q.workersAlive)} icon={<Cpu className="size-5" aria-hidden />} />
        <Stat label={t("admin.jobs.deadLetters")} value={num(q.dead.length)} icon={<Skull className="size-5" aria-hidden />} tone={q.dead.length ? "danger" : undefined} />
      </div>

      <Card className="mb-5">
        <CardHeader className="pb-3">
          <CardTitle>{t("admin.jobs.depth")}</CardTitle>
        </CardHeader>
        {q.priorities.length === 0 ? (
          <p className="px-5 pb-5 text-sm text-zinc-500">{t("admin.jobs.noDepth")}</p>
        ) : (
          <Table>
            <TableCaption>{t("admin.jobs.depth")}</TableCaption>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t("admin.jobs.priority")}</TableHead>
                {q.marketplaces.map((m) => (
                  <TableHead key={m} className="text-right">
                    {mpName(m)}
                  </TableHead>
                ))}
                <TableHead className="text-right">{t("common.total")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.priorities.map((p) => {
                const row = q.depth.get(p)!;
                const total = [...row.values()].reduce((s, c) => s + c.count, 0);
                return (
                  <TableRow key={p}>
                    <th scope="row" className="px-4 py-3 text-left font-normal">
                      <PriorityBadge priority={p} />
                    </th>
                    {q.marketplaces.map((m) => {
                      const cell = row.get(m);
                      return (
                        <TableCell key={m} className="tabular text-right">
                          <span className={cn(!cell?.count && "text-zinc-500")}>{cell?.count ?? 0}</span>
                          {cell?.oldestAgeS ? (
                            <span className="block text-[11px] whitespace-nowrap text-zinc-500" title={t("admin.jobs.oldest", { age: formatDuration(cell.oldestAgeS * 1000, lang) })}>
                              <span className="sr-only">{t("admin.jobs.oldest", { age: "" })}</span>
                              {formatDuration(cell.oldestAgeS * 1000, lang)}
                            </span>
                          ) : null}
                        </TableCell>
                      );
                    })}
                    <TableCell className="tabular text-right font-medium">{total}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </Card>

      <Card>
        <CardHeader className="pb-3">
          <CardTitle>{t("admin.jobs.deadLetters")}</CardTitle>
        </CardHeader>
        {q.dead.length === 0 ? (
          <EmptyState title={t("admin.jobs.noDead")} className="py-8" />
        ) : (
          <Table>
            <TableCaption>{t("admin.jobs.deadLetters")}</TableCaption>
            <TableHeader>
              <TableRow className="hover:bg-transparent">
                <TableHead>{t("admin.jobs.job")}</TableHead>
                <TableHead>{t("admin.jobs.stage")}</TableHead>
                <TableHead>{t("admin.jobs.marketplace")}</TableHead>
                <TableHead>{t("admin.jobs.reason")}</TableHead>
                <TableHead className="text-right">{t("admin.jobs.attempts")}</TableHead>
                <TableHead>{t("admin.jobs.failedAt")}</TableHead>
                <TableHead>
                  <span className="sr-only">{t("common.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {q.dead.map((j) => (
                <TableRow key={j.id}>
                  <TableCell className="font-mono text-xs">
                    {j.requestId ? (
                      <Link href={`/requests/${encodeURIComponent(j.requestId)}`} className="text-brand-700 hover:underline">
                        {j.id}
                      </Link>
                    ) : (
                      j.id
                    )}
                    {j.partner ? <span className="block font-sans text-zinc-500">{j.partner}</span> : null}
                  </TableCell>
                  <TableCell>{j.stage ? tx(`requests.stage.${j.stage}`, humanize(j.stage)) : "—"}</TableCell>
                  <TableCell>{j.marketplace ? <MarketplaceName marketplace={j.marketplace} /> : "—"}</TableCell>
                  <TableCell className="max-w-xs text-xs break-words text-red-700">{j.reason ?? "—"}</TableCell>
                  <TableCell className="tabular text-right">{j.attempts ?? "—"}</TableCell>
                  <TableCell className="text-zinc-600">
                    <DateTimeText value={j.failedAt} />
                  </TableCell>
                  <TableCell className="text-right">
                    <Button
                      size="sm"
                      variant="outline"
                      loading={retry.isPending && retry.variables === j.id}
                      onClick={() => retry.mutate(j.id)}
                      aria-label={`${t("admin.jobs.retry")}: ${j.id}`}
                    >
                      {retry.isPending && retry.variables === j.id ? null : <RotateCcw aria-hidden />}
                      {t("admin.jobs.retry")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </Page>
  );
}
