import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Store, Undo2 } from "lucide-react";
import { useMemo, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { MarketplaceList } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { Label } from "@/components/ui/label";
import { useToast } from "@/components/ui/toast";
import { useI18n } from "@/i18n";
import { api, fieldMatches, isApiError } from "@/lib/api";
import { errorMessage } from "@/lib/errors";
import { formatMoney, parseMoneyInput, toMajorInput } from "@/lib/money";
import { flatItems, keys, useProducts, useRequests } from "@/lib/queries";
import type { FulfilmentRequest, Product } from "@/lib/types";
import { isRecord } from "@/lib/utils";
import { parseStock } from "./ProductNew";
import { ProductThumb } from "./Products";

const LIVE_CARD = new Set(["live", "published", "moderation", "done"]);

/** Where a product is live: from the product itself when the API says so, else from finished requests. */
export function liveMarketplaces(p: Product, doneRequests: FulfilmentRequest[]): string[] {
  const out = new Set<string>();
  for (const field of [p.live_marketplaces, p.published_on, p.live_on]) {
    if (Array.isArray(field)) for (const m of field) if (typeof m === "string") out.add(m);
  }
  for (const field of [p.listings, p.marketplaces, p.cards]) {
    if (Array.isArray(field)) {
      for (const x of field) {
        if (isRecord(x) && typeof x.marketplace === "string" && (x.status === undefined || LIVE_CARD.has(String(x.status)))) out.add(x.marketplace);
      }
    }
  }
  for (const r of doneRequests) {
    if (r.product_id !== p.id) continue;
    if (r.cards?.length) {
      for (const c of r.cards) if (LIVE_CARD.has(c.status)) out.add(String(c.marketplace));
    } else {
      for (const m of r.marketplaces ?? []) out.add(String(m));
    }
  }
  return [...out];
}

export default function PublishedPage() {
  const { t } = useI18n();
  const products = useProducts();
  const done = useRequests("done");
  const [showAll, setShowAll] = useState(false);
  const all = flatItems(products.data);
  const doneItems = flatItems(done.data);

  const rows = useMemo(
    () =>
      all
        .map((p) => ({ product: p, live: liveMarketplaces(p, doneItems) }))
        .filter((r) => showAll || r.live.length > 0),
    [all, doneItems, showAll],
  );

  return (
    <Page>
      <PageHeader
        title={t("published.title")}
        description={t("published.subtitle")}
        actions={
          <div className="flex items-center gap-2">
            <Switch id="show-all" checked={showAll} onCheckedChange={setShowAll} />
            <Label htmlFor="show-all" className="cursor-pointer font-normal text-zinc-700">
              {t("published.showAll")}
            </Label>
          </div>
        }
      />
      <Card>
        {products.isPending || (done.isPending && !done.isError) ? (
          <LoadingState rows={5} />
        ) : products.isError ? (
          <ErrorState error={products.error} onRetry={() => products.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState icon={<Store className="size-5" aria-hidden />} title={t("published.emptyTitle")} body={t("published.emptyBody")} />
        ) : (
          <>
            <ul className="divide-y divide-zinc-100">
              {rows.map(({ product, live }) => (
                <PublishedRow key={product.id} product={product} live={live} />
              ))}
            </ul>
            {products.hasNextPage ? (
              <div className="flex justify-center border-t border-zinc-100 p-3">
                <Button variant="outline" size="sm" loading={products.isFetchingNextPage} onClick={() => products.fetchNextPage()}>
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

function PublishedRow({ product, live }: { product: Product; live: string[] }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const initialPrice = toMajorInput(product.price);
  const initialStock = String(product.stock ?? 0);
  const [price, setPrice] = useState(initialPrice);
  const [stock, setStock] = useState(initialStock);
  const [local, setLocal] = useState<{ price?: string; stock?: string }>({});
  const dirty = price !== initialPrice || stock !== initialStock;

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Product>(`/api/products/${encodeURIComponent(product.id)}`, { method: "PATCH", json: body }),
    onSuccess: (p) => {
      toast.success(t("published.savedToast", { name: product.name }));
      if (p?.id) {
        qc.setQueryData(keys.product(p.id), p);
        setPrice(toMajorInput(p.price));
        setStock(String(p.stock ?? 0));
      }
      qc.invalidateQueries({ queryKey: keys.products });
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const amount = parseMoneyInput(price);
    const n = parseStock(stock);
    const errs: typeof local = {};
    if (amount === null) errs.price = t("products.invalidMoney");
    if (n === null) errs.stock = t("products.invalidStock");
    setLocal(errs);
    if (Object.keys(errs).length) return;
    const body: Record<string, unknown> = {};
    if (price !== initialPrice) body.price = { amount, currency: product.price?.currency ?? "UZS" };
    if (stock !== initialStock) body.stock = n;
    save.mutate(body);
  }

  const apiErr = save.error;
  const apiField = isApiError(apiErr) ? apiErr.field : undefined;
  const priceErr = local.price ?? (apiErr && fieldMatches(apiField, "price") ? errorMessage(apiErr, t) : undefined);
  const stockErr = local.stock ?? (apiErr && fieldMatches(apiField, "stock") ? errorMessage(apiErr, t) : undefined);
  const otherErr = apiErr && !priceErr && !stockErr ? errorMessage(apiErr, t) : undefined;
  const pid = `pub-${product.id}`;
  const preview = parseMoneyInput(price);

  return (
    <li className="px-4 py-4 sm:px-5">
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 md:flex-row md:items-start md:gap-5">
        <div className="flex min-w-0 flex-1 items-center gap-3">
          <ProductThumb product={product} />
          <div className="min-w-0">
            <Link href={`/products/${encodeURIComponent(product.id)}`} className="block truncate text-sm font-medium text-zinc-900 hover:underline">
              {product.name}
            </Link>
            <span className="flex items-center gap-2 text-xs text-zinc-500">
              <span className="font-mono">{product.sku}</span>
              {live.length ? <MarketplaceList marketplaces={live} /> : null}
            </span>
          </div>
        </div>
        <div className="grid grid-cols-2 gap-3 md:flex md:items-start">
          <div className="flex flex-col gap-1 md:w-44">
            <label htmlFor={`${pid}-price`} className="text-xs text-zinc-500">
              {t("products.price")}, {t("products.priceIn")}
            </label>
            <Input
              id={`${pid}-price`}
              value={price}
              onChange={(e) => setPrice(e.target.value)}
              inputMode="decimal"
              className="tabular h-8 text-right"
              aria-invalid={priceErr ? true : undefined}
              aria-describedby={priceErr ? `${pid}-price-err` : `${pid}-price-fmt`}
            />
            {priceErr ? (
              <span id={`${pid}-price-err`} className="text-xs font-medium text-red-700">
                {priceErr}
              </span>
            ) : (
              <span id={`${pid}-price-fmt`} className="text-right text-xs text-zinc-500 tabular">
                {preview !== null ? formatMoney({ amount: preview, currency: product.price?.currency ?? "UZS" }, lang) : ""}
              </span>
            )}
          </div>
          <div className="flex flex-col gap-1 md:w-28">
            <label htmlFor={`${pid}-stock`} className="text-xs text-zinc-500">
              {t("products.stock")}, {t("products.stockUnit")}
            </label>
            <Input
              id={`${pid}-stock`}
              value={stock}
              onChange={(e) => setStock(e.target.value)}
              inputMode="numeric"
              className="tabular h-8 text-right"
              aria-invalid={stockErr ? true : undefined}
              aria-describedby={stockErr ? `${pid}-stock-err` : undefined}
            />
            {stockErr ? (
              <span id={`${pid}-stock-err`} className="text-xs font-medium text-red-700">
                {stockErr}
              </span>
            ) : null}
          </div>
          <div className="col-span-2 flex items-center gap-1 md:col-span-1 md:mt-5">
            <Button type="submit" size="sm" disabled={!dirty} loading={save.isPending} aria-label={`${t("common.save")}: ${product.name}`}>
              {save.isPending ? null : <Check aria-hidden />}
              <span className="md:sr-only">{t("common.save")}</span>
            </Button>
            {dirty ? (
              <Button
                variant="ghost"
                size="sm"
                aria-label={`${t("common.cancel")}: ${product.name}`}
                onClick={() => {
                  setPrice(initialPrice);
                  setStock(initialStock);
                  setLocal({});
                  save.reset();
                }}
              >
                <Undo2 aria-hidden />
                <span className="md:sr-only">{t("common.cancel")}</span>
              </Button>
            ) : null}
          </div>
        </div>
      </form>
      {dirty && !save.isPending ? <p className="mt-1 text-xs text-amber-700 md:text-right">{t("published.unsaved")}</p> : null}
      {otherErr ? (
        <p role="alert" className="mt-2 text-xs font-medium text-red-700">
          {otherErr}
        </p>
      ) : null}
    </li>
  );
}
