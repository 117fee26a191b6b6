import { useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { Building2 } from "lucide-react";
import { DateTimeText } from "@/components/format";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useI18n } from "@/i18n";
import { api } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { flatItems, keys, usePartners } from "@/lib/queries";
import { TIERS, type Page as ListPage, type Partner } from "@/lib/types";
import { cn } from "@/lib/utils";

const STATUSES = ["active", "suspended"];

function usePatchPartner() {
  const qc = useQueryClient();
  const toast = useToast();
  const { t } = useI18n();
  return useMutation({
    mutationFn: ({ partner, patch }: { partner: Partner; patch: Partial<Pick<Partner, "tier" | "status">> }) =>
      api<Partner>(`/api/admin/partners/${encodeURIComponent(partner.id)}`, { method: "PATCH", json: patch }),
    onMutate: async ({ partner, patch }) => {
      // Show the change at once; roll back if the server refuses.
      await qc.cancelQueries({ queryKey: keys.partners });
      const before = qc.getQueryData<InfiniteData<ListPage<Partner>>>(keys.partners);
      qc.setQueryData<InfiniteData<ListPage<Partner>>>(keys.partners, (d) =>
        d ? { ...d, pages: d.pages.map((pg) => ({ ...pg, items: pg.items.map((p) => (p.id === partner.id ? { ...p, ...patch } : p)) })) } : d,
      );
      return { before };
    },
    onError: (e, _v, ctx) => {
      if (ctx?.before) qc.setQueryData(keys.partners, ctx.before);
      toast.error(errorMessage(e, t));
    },
    onSuccess: (_d, { partner }) => toast.success(t("admin.partners.updatedToast", { company: partner.company })),
    onSettled: () => qc.invalidateQueries({ queryKey: keys.partners }),
  });
}

export default function AdminPartnersPage() {
  const { t, tx } = useI18n();
  const partners = usePartners();
  const patch = usePatchPartner();
  const items = flatItems(partners.data);

  const tierSelect = (p: Partner) => (
    <NativeSelect
      aria-label={t("admin.partners.tierLabel", { company: p.company })}
      value={p.tier}
      onChange={(e) => patch.mutate({ partner: p, patch: { tier: e.target.value } })}
      className="h-8 text-[13px]"
      wrapperClassName="w-44"
    >
      {(TIERS as string[]).includes(p.tier) ? null : <option value={p.tier}>{p.tier}</option>}
      {TIERS.map((tier) => (
        <option key={tier} value={tier}>
          {tx(`admin.partners.tiers.${tier}`, tier)}
        </option>
      ))}
    </NativeSelect>
  );
  const statusSelect = (p: Partner) => (
    <NativeSelect
      aria-label={t("admin.partners.statusLabel", { company: p.company })}
      value={p.status}
      onChange={(e) => patch.mutate({ partner: p, patch: { status: e.target.value } })}
      className={cn("h-8 text-[13px]", p.status === "suspended" ? "border-red-300 text-red-700" : "")}
      wrapperClassName="w-36"
    >
      {STATUSES.includes(p.status) ? null : <option value={p.status}>{p.status}</option>}
      {STATUSES.map((s) => (
        <option key={s} value={s}>
          {tx(`admin.partners.statuses.${s}`, s)}
        </option>
      ))}
    </NativeSelect>
  );

  return (
    <Page>
      <PageHeader title={t("admin.partners.title")} description={t("admin.partners.subtitle")} />
      <Card>
        {partners.isPending ? (
          <LoadingState rows={5} />
        ) : partners.isError ? (
          <ErrorState error={partners.error} onRetry={() => partners.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<Building2 className="size-5" aria-hidden />} title={t("admin.partners.emptyTitle")} />
        ) : (
          <>
            <ul className="divide-y divide-zinc-100 md:hidden">
              {items.map((p) => (
                <li key={p.id} className="flex flex-col gap-3 px-4 py-4">
                  <div>
                    <p className="text-sm font-medium text-zinc-900">{p.company}</p>
                    <p className="text-xs text-zinc-500">{p.email ?? p.owner_email ?? p.id}</p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    {tierSelect(p)}
                    {statusSelect(p)}
                  </div>
                </li>
              ))}
            </ul>
            <div className="hidden md:block">
              <Table>
                <TableCaption>{t("admin.partners.title")}</TableCaption>
                <TableHeader>
                  <TableRow className="hover:bg-transparent">
                    <TableHead>{t("admin.partners.company")}</TableHead>
                    <TableHead>{t("admin.partners.email")}</TableHead>
                    <TableHead>{t("admin.partners.tier")}</TableHead>
                    <TableHead>{t("admin.partners.status")}</TableHead>
                    <TableHead>{t("admin.partners.joined")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell className="font-medium text-zinc-900">{p.company}</TableCell>
                      <TableCell className="text-zinc-600">{p.email ?? p.owner_email ?? "—"}</TableCell>
                      <TableCell>{tierSelect(p)}</TableCell>
                      <TableCell>{statusSelect(p)}</TableCell>
                      <TableCell className="text-zinc-600">
                        <DateTimeText value={p.created_at} dateOnly />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            {partners.hasNextPage ? (
              <div className="flex justify-center border-t border-zinc-100 p-3">
                <Button variant="outline" size="sm" loading={partners.isFetchingNextPage} onClick={() => partners.fetchNextPage()}>
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
