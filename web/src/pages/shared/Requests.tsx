import { ClipboardList } from "lucide-react";
import { useEffect, useRef } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useUser } from "@/auth/session";
import { DateTimeText } from "@/components/format";
import { MarketplaceList } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { PriorityBadge, RequestStatusBadge } from "@/components/status";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useI18n } from "@/i18n";
import { flatItems, useRequestLabels, useRequests } from "@/lib/queries";
import { partnerName, productName, productSku, REQUEST_STATUSES, requestProgress, TERMINAL_REQUEST, type FulfilmentRequest } from "@/lib/types";
import { clampPercent, cn } from "@/lib/utils";

export function StatusFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t, tx } = useI18n();
  const options = ["", ...REQUEST_STATUSES];
  return (
    <div role="group" aria-label={t("requests.filterLabel")} className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1">
      {options.map((s) => (
        <button
          key={s || "all"}
          type="button"
          aria-pressed={value === s}
          onClick={() => onChange(s)}
          className={cn(
            "cursor-pointer rounded-full border px-3 py-1 text-xs font-medium whitespace-nowrap transition-colors",
            value === s ? "border-zinc-900 bg-zinc-900 text-white" : "border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50",
          )}
        >
          {s ? tx(`requests.status.${s}`, s) : t("common.all")}
        </button>
      ))}
    </div>
  );
}

export function RequestProgressCell({ r }: { r: FulfilmentRequest }) {
  const pct = requestProgress(r);
  if (pct === null) return <span className="text-zinc-500">—</span>;
  const v = clampPercent(pct);
  const tone = r.status === "failed" ? "danger" : r.status === "done" ? "success" : "brand";
  return (
    <div className="flex min-w-28 items-center gap-2">
      <Progress value={v} tone={tone} aria-label={`${v}%`} className="h-1.5" />
      <span className="tabular w-9 text-right text-xs text-zinc-600">{v}%</span>
    </div>
  );
}

export default function RequestsPage() {
  const { t } = useI18n();
  const user = useUser();
  const admin = user?.role === "admin";
  const search = useSearch();
  const [location, navigate] = useLocation();
  const status = new URLSearchParams(search).get("status") ?? "";
  const requests = useRequests(status || undefined);
  const raw = flatItems(requests.data);
  const label = useRequestLabels(raw, admin);
  const items = raw.map(label);
  const anyLive = items.some((r) => !TERMINAL_REQUEST.has(r.status));

  // Keep progress fresh while something is in flight.
  useRequestsAutoRefresh(anyLive, () => requests.refetch());

  const setStatus = (s: string) => navigate(s ? `${location}?status=${s}` : location, { replace: true });
  const href = (r: FulfilmentRequest) => `/requests/${encodeURIComponent(r.id)}`;

  return (
    <Page>
      <PageHeader title={admin ? t("nav.allRequests") : t("requests.title")} description={t("requests.subtitle")} />
      <div className="mb-4">
        <StatusFilter value={status} onChange={setStatus} />
      </div>
      <Card>
        {requests.isPending ? (
          <LoadingState rows={6} />
        ) : requests.isError ? (
          <ErrorState error={requests.error} onRetry={() => requests.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<ClipboardList className="size-5" aria-hidden />} title={t("requests.emptyTitle")} body={admin ? undefined : t("requests.emptyBody")} />
        ) : (
          <>
            <ul className="divide-y divide-zinc-100 md:hidden">
              {items.map((r) => (
                <li key={r.id}>
                  <Link href={href(r)} className="flex flex-col gap-2 px-4 py-3 hover:bg-zinc-50">
                    <span className="flex items-start justify-between gap-3">
                      <span className="min-w-0">
                        <span className="block truncate text-sm font-medium text-zinc-900">{productName(r)}</span>
                        <span className="block text-xs text-zinc-500">
                          {admin && partnerName(r) ? `${partnerName(r)} · ` : ""}
                          <DateTimeText value={r.created_at} />
                        </span>
                      </span>
                      <RequestStatusBadge status={r.status} />
                    </span>
                    <span className="flex items-center justify-between gap-3">
                      <MarketplaceList marketplaces={r.marketplaces ?? []} />
                      <span className="w-40">
                        <RequestProgressCell r={r} />
                      </span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table>
                <TableCaption>{t("requests.title")}</TableCaption>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>{t("requests.columns.product")}</TableHead>
                    {admin ? <TableHead>{t("requests.columns.partner")}</TableHead> : null}
                    <TableHead>{t("requests.columns.marketplaces")}</TableHead>
                    <TableHead>{t("requests.columns.status")}</TableHead>
                    <TableHead>{t("requests.columns.priority")}</TableHead>
                    <TableHead>{t("requests.columns.progress")}</TableHead>
                    <TableHead>{t("requests.columns.created")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((r) => (
                    <TableRow key={r.id} className="cursor-pointer" onClick={() => navigate(href(r))}>
                      <TableCell>
                        <Link href={href(r)} onClick={(e) => e.stopPropagation()} className="block max-w-xs truncate font-medium text-zinc-900 hover:underline">
                          {productName(r)}
                        </Link>
                        {productSku(r) ? <span className="block font-mono text-xs text-zinc-500">{productSku(r)}</span> : null}
                      </TableCell>
                      {admin ? <TableCell className="text-zinc-700">{partnerName(r) ?? "—"}</TableCell> : null}
                      <TableCell>
                        <MarketplaceList marketplaces={r.marketplaces ?? []} />
                      </TableCell>
                      <TableCell>
                        <RequestStatusBadge status={r.status} />
                      </TableCell>
                      <TableCell>
                        <PriorityBadge priority={r.priority} />
                      </TableCell>
                      <TableCell>
                        <RequestProgressCell r={r} />
                      </TableCell>
                      <TableCell className="text-zinc-600">
                        <DateTimeText value={r.created_at} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            {requests.hasNextPage ? (
              <div className="flex justify-center border-t border-zinc-100 p-3">
                <Button variant="outline" size="sm" loading={requests.isFetchingNextPage} onClick={() => requests.fetchNextPage()}>
                  {t("common.loadMore")}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Card>
    </Page>
  );
}

function useRequestsAutoRefresh(active: boolean, refetch: () => void) {
  const ref = useRef(refetch);
  ref.current = refetch;
  useEffect(() => {
    if (!active) return;
    const id = window.setInterval(() => ref.current(), 10_000);
    return () => window.clearInterval(id);
  }, [active]);
}
