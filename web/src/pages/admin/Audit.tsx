import { ScrollText } from "lucide-react";
import { DateTimeText } from "@/components/format";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useI18n } from "@/i18n";
import { flatItems, useAudit } from "@/lib/queries";
import { auditTime, type AuditEntry } from "@/lib/types";
import { isRecord } from "@/lib/utils";

const KNOWN = new Set(["id", "at", "ts", "time", "created_at", "actor", "actor_email", "action", "event", "kind", "target", "details"]);

function details(e: AuditEntry): string {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (!KNOWN.has(k) && v !== null && v !== undefined && v !== "") rest[k] = v;
  const d = isRecord(e.details) ? { ...rest, ...e.details } : e.details !== undefined && e.details !== null ? { ...rest, details: e.details } : rest;
  return Object.entries(d)
    .map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" · ");
}

export default function AdminAuditPage() {
  const { t } = useI18n();
  const audit = useAudit();
  const items = flatItems(audit.data);

  return (
    <Page wide>
      <PageHeader title={t("admin.audit.title")} description={t("admin.audit.subtitle")} />
      <Card>
        {audit.isPending ? (
          <LoadingState rows={8} />
        ) : audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<ScrollText className="size-5" aria-hidden />} title={t("admin.audit.emptyTitle")} />
        ) : (
          <>
            <Table>
              <TableCaption>{t("admin.audit.title")}</TableCaption>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>{t("admin.audit.time")}</TableHead>
                  <TableHead>{t("admin.audit.actor")}</TableHead>
                  <TableHead>{t("admin.audit.action")}</TableHead>
                  <TableHead>{t("admin.audit.target")}</TableHead>
                  <TableHead>{t("admin.audit.details")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {items.map((e, i) => (
                  <TableRow key={e.id ?? i}>
                    <TableCell className="text-zinc-600">
                      <DateTimeText value={auditTime(e)} />
                    </TableCell>
                    <TableCell className="max-w-48 truncate text-zinc-800" title={e.actor_email ?? e.actor ?? undefined}>
                      {e.actor_email ?? e.actor ?? "—"}
                    </TableCell>
                    <TableCell>
                      <Badge className="font-mono">{e.action ?? e.event ?? e.kind ?? "—"}</Badge>
                    </TableCell>
                    <TableCell className="max-w-48 truncate font-mono text-xs text-zinc-600" title={e.target ?? undefined}>
                      {e.target ?? "—"}
                    </TableCell>
                    <TableCell className="max-w-md font-mono text-xs break-words text-zinc-500">{details(e) || "—"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {audit.hasNextPage ? (
              <div className="flex justify-center border-t border-zinc-100 p-3">
                <Button variant="outline" size="sm" loading={audit.isFetchingNextPage} onClick={() => audit.fetchNextPage()}>
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
