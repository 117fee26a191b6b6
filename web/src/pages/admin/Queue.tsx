import { Inbox } from "lucide-react";
import { Link } from "wouter";
import { DateTimeText } from "@/components/format";
import { MarketplaceList } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { DecisionButtons } from "@/components/request-actions";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { PriorityBadge } from "@/components/status";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useI18n } from "@/i18n";
import { flatItems, useRequestLabels, useRequests } from "@/lib/queries";
import { partnerName, productName, productSku } from "@/lib/types";

export default function AdminQueuePage() {
  const { t } = useI18n();
  const requests = useRequests("submitted");
  const raw = flatItems(requests.data);
  const label = useRequestLabels(raw, true);
  const items = raw.map(label);

  return (
    <Page>
      <PageHeader
        title={t("admin.queue.title")}
        description={t("admin.queue.subtitle")}
        meta={requests.isSuccess ? <Badge tone={items.length ? "info" : "neutral"}>{items.length}{requests.hasNextPage ? "+" : ""}</Badge> : null}
      />
      <Card>
        {requests.isPending ? (
          <LoadingState rows={5} />
        ) : requests.isError ? (
          <ErrorState error={requests.error} onRetry={() => requests.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<Inbox className="size-5" aria-hidden />} title={t("admin.queue.emptyTitle")} body={t("admin.queue.emptyBody")} />
        ) : (
          <>
            <ul className="divide-y divide-zinc-100">
              {items.map((r) => (
                <li key={r.id} className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-center sm:px-5">
                  <div className="min-w-0 flex-1">
                    <Link href={`/requests/${encodeURIComponent(r.id)}`} className="block truncate text-sm font-medium text-zinc-900 hover:underline">
                      {productName(r)}
                    </Link>
                    <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500">
                      {partnerName(r) ? <span className="font-medium text-zinc-700">{partnerName(r)}</span> : null}
                      {productSku(r) ? <span className="font-mono">{productSku(r)}</span> : null}
                      <DateTimeText value={r.created_at} />
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-3">
                    <MarketplaceList marketplaces={r.marketplaces ?? []} />
                    <PriorityBadge priority={r.priority} />
                    <div className="flex gap-2">
                      <DecisionButtons request={r} />
                    </div>
                  </div>
                </li>
              ))}
            </ul>
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
