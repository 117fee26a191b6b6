import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw, Swords, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { DateTimeText, MoneyText } from "@/components/format";
import { LoadMoreFooter, ProductFilter } from "@/components/list-parts";
import { MarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { useToast } from "@/components/ui/toast";
import { useI18n } from "@/i18n";
import { api, fieldMatches, isApiError } from "@/lib/api";
import { cardIdFromInput, chartGeometry, type Competitor, type PricePoint } from "@/lib/competitors";
import { errorMessage } from "@/lib/errors";
import { MARKETPLACES } from "@/lib/marketplaces";
import { formatMoney, type Money } from "@/lib/money";
import { flatItems, keys, useCompetitorPrices, useCompetitors, useProducts } from "@/lib/queries";
import type { Product } from "@/lib/types";

// POST/GET /api/competitors, GET /api/competitors/{id}/prices, POST …/refresh, DELETE /api/competitors/{id}.
export default function CompetitorsPage() {
  const { t } = useI18n();
  const products = useProducts();
  const productList = flatItems(products.data);
  const [filter, setFilter] = useState("");
  const list = useCompetitors(filter || undefined);
  const items = flatItems(list.data);
  const names = new Map(productList.map((p) => [p.id, p.name]));

  return (
    <Page>
      <PageHeader title={t("competitors.title")} description={t("competitors.subtitle")} />
      <div className="grid gap-5">
        <AddPanel products={productList} loading={products.isPending} />
        <Card>
          <ProductFilter products={productList} value={filter} onChange={setFilter} label={t("competitors.product")} allLabel={t("competitors.allProducts")} />
          {list.isPending ? (
            <LoadingState rows={4} />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => list.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState icon={<Swords className="size-5" aria-hidden />} title={t("competitors.emptyTitle")} body={t("competitors.emptyBody")} />
          ) : (
            <>
              <ul className="divide-y divide-zinc-100">
                {items.map((c) => (
                  <CompetitorRow key={c.id} competitor={c} productName={names.get(c.product_id) ?? c.product_id} />
                ))}
              </ul>
              <LoadMoreFooter list={list} />
            </>
          )}
        </Card>
      </div>
    </Page>
  );
}

function AddPanel({ products, loading }: { products: Product[]; loading: boolean }) {
  const { t, tx } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [productId, setProductId] = useState("");
  const [marketplace, setMarketplace] = useState<string>(MARKETPLACES[0]);
  const [cardInput, setCardInput] = useState("");
  const chosen = productId || products[0]?.id || "";

  const add = useMutation({
    mutationFn: () =>
      api<Competitor>("/api/competitors", {
        method: "POST",
        json: { product_id: chosen, marketplace, card_id: cardIdFromInput(cardInput) },
      }),
    onSuccess: () => {
      setCardInput("");
      toast.success(t("competitors.addedToast"));
      qc.invalidateQueries({ queryKey: keys.competitorsAll });
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!chosen || !cardInput.trim()) return;
    add.mutate();
  }

  const err = add.error;
  const errField = isApiError(err) ? err.field : undefined;
  const fieldError = (name: string) => (err && fieldMatches(errField, name) ? errorMessage(err, t) : undefined);
  const generalError = err && !["product_id", "marketplace", "card_id"].some((n) => fieldMatches(errField, n));

  return (
    <Card className="p-4">
      <h2 className="mb-3 text-sm font-semibold text-zinc-900">{t("competitors.addTitle")}</h2>
      {!loading && products.length === 0 ? (
        <p className="text-sm text-zinc-600">{t("competitors.needProduct")}</p>
      ) : (
        <form onSubmit={onSubmit} className="grid gap-3 md:grid-cols-[2fr_1fr_2fr_auto] md:items-start">
          <Field label={t("competitors.product")} error={fieldError("product_id")}>
            <NativeSelect value={chosen} onChange={(e) => setProductId(e.target.value)}>
              {products.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {p.sku}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label={t("competitors.marketplace")} error={fieldError("marketplace")}>
            <NativeSelect value={marketplace} onChange={(e) => setMarketplace(e.target.value)}>
              {MARKETPLACES.map((m) => (
                <option key={m} value={m}>
                  {tx(`marketplaces.${m}`, m)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <Field label={t("competitors.cardId")} help={t("competitors.cardIdHelp")} error={fieldError("card_id")}>
            <Input value={cardInput} onChange={(e) => setCardInput(e.target.value)} autoComplete="off" inputMode="numeric" />
          </Field>
          <Button type="submit" className="md:mt-6" loading={add.isPending} disabled={!chosen || !cardInput.trim()}>
            {t("competitors.add")}
          </Button>
          {generalError ? (
            <Alert tone="danger" className="md:col-span-4">
              {errorMessage(err, t)}
            </Alert>
          ) : null}
        </form>
      )}
    </Card>
  );
}

function CompetitorRow({ competitor: c, productName }: { competitor: Competitor; productName: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const refresh = useMutation({
    mutationFn: () => api<Competitor>(`/api/competitors/${encodeURIComponent(c.id)}/refresh`, { method: "POST", json: {} }),
    onSuccess: () => {
      toast.success(t("competitors.refreshedToast"));
      qc.invalidateQueries({ queryKey: keys.competitorsAll });
    },
    onError: (e) => toast.error(errorMessage(e, t)),
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/competitors/${encodeURIComponent(c.id)}`, { method: "DELETE" }),
    onSuccess: () => {
      setConfirm(false);
      toast.success(t("competitors.removedToast"));
      qc.invalidateQueries({ queryKey: keys.competitorsAll });
    },
  });

  return (
    <li className="grid gap-4 p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <MarketplaceName marketplace={c.marketplace} className="text-sm font-medium text-zinc-900" />
          <span className="text-sm text-zinc-500">#{c.card_id}</span>
          {c.latest_price ? (
            c.undercuts ? (
              <Badge tone="danger">{t("competitors.undercuts")}</Badge>
            ) : (
              <Badge tone="success">{t("competitors.notUndercutting")}</Badge>
            )
          ) : null}
        </div>
        <p className="truncate text-sm text-zinc-700" title={c.title || undefined}>
          {c.title || productName}
        </p>
        <p className="text-xs text-zinc-500">{productName}</p>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
          <dt className="text-zinc-500">{t("competitors.latest")}</dt>
          <dd className={c.undercuts ? "font-semibold text-red-700" : "text-zinc-900"}>
            {c.latest_price ? <MoneyText value={c.latest_price} /> : t("competitors.notReadYet")}
          </dd>
          <dt className="text-zinc-500">{t("competitors.ours")}</dt>
          <dd className="text-zinc-900">{c.our_price ? <MoneyText value={c.our_price} /> : "—"}</dd>
          <dt className="text-zinc-500">{t("competitors.lastRead")}</dt>
          <dd>
            <DateTimeText value={c.last_read_at} />
          </dd>
          <dt className="text-zinc-500">{t("competitors.nextRead")}</dt>
          <dd>
            <DateTimeText value={c.next_read_at} />
          </dd>
        </dl>
        {c.last_error ? <Alert tone="warning">{t("competitors.lastError", { error: c.last_error })}</Alert> : null}
        <div className="flex gap-2">
          <Button variant="outline" size="sm" loading={refresh.isPending} onClick={() => refresh.mutate()}>
            <RefreshCw aria-hidden />
            {t("competitors.refresh")}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirm(true)}>
            <Trash2 aria-hidden />
            {t("common.remove")}
          </Button>
        </div>
      </div>
      <PriceChart id={c.id} title={c.title || `#${c.card_id}`} ours={c.our_price} />
      <Dialog
        open={confirm}
        onOpenChange={(o) => {
          setConfirm(o);
          if (!o) remove.reset();
        }}
        title={t("competitors.removeTitle")}
        description={t("competitors.removeBody")}
        footer={
          <>
            <Button variant="outline" onClick={() => setConfirm(false)}>
              {t("common.cancel")}
            </Button>
            <Button variant="destructive" loading={remove.isPending} onClick={() => remove.mutate()}>
              {remove.isPending ? t("common.deleting") : t("common.remove")}
            </Button>
          </>
        }
      >
        {remove.isError ? <Alert tone="danger">{errorMessage(remove.error, t)}</Alert> : null}
      </Dialog>
    </li>
  );
}

const W = 320;
const H = 96;

/** A small SVG line of the card's recent prices, with our price dashed on the same scale. */
function PriceChart({ id, title, ours }: { id: string; title: string; ours: Money | null }) {
  const { t, lang } = useI18n();
  const history = useCompetitorPrices(id);
  // Its key sits under keys.competitorsAll, so a refresh or a new card refetches it too.
  const points: PricePoint[] = history.data ?? [];
  const geo = chartGeometry(points, W, H, ours);
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-medium text-zinc-500">{t("competitors.history")}</figcaption>
      {history.isPending ? (
        <div className="h-24 animate-pulse rounded-md bg-zinc-100" />
      ) : !geo ? (
        <p className="flex h-24 items-center justify-center rounded-md border border-dashed border-zinc-200 text-xs text-zinc-500">
          {t("competitors.noHistory")}
        </p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} className="h-24 w-full rounded-md border border-zinc-100 bg-white" role="img" aria-label={t("competitors.chartLabel", { title })}>
            {geo.ourY !== null ? <line x1={0} x2={W} y1={geo.ourY} y2={geo.ourY} stroke="#a1a1aa" strokeDasharray="4 3" strokeWidth={1} /> : null}
            <path d={geo.path} fill="none" stroke="#2563eb" strokeWidth={1.5} strokeLinejoin="round" />
            {geo.points.length <= 40
              ? geo.points.map((p) => <circle key={`${p.at}-${p.x}`} cx={p.x} cy={p.y} r={1.8} fill="#2563eb" />)
              : null}
          </svg>
          <div className="mt-1 flex justify-between text-[11px] text-zinc-500">
            <span>{formatMoney({ amount: geo.min, currency: points[0].price.currency }, lang)}</span>
            {geo.ourY !== null ? <span>{t("competitors.ourLine")}</span> : null}
            <span>{formatMoney({ amount: geo.max, currency: points[0].price.currency }, lang)}</span>
          </div>
        </>
      )}
    </figure>
  );
}
