import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, Send } from "lucide-react";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link, useLocation, useParams, useSearch } from "wouter";
import { AttributesEditor, attributesFromRows, duplicateKeys, rowsFromAttributes, type AttrRow } from "@/components/attributes-editor";
import { MoneyText } from "@/components/format";
import { MarketplaceMark, useMarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { PhotoUploader } from "@/components/photo-uploader";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { ProductSteps } from "@/components/steps";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useI18n } from "@/i18n";
import { api, fieldMatches, isApiError } from "@/lib/api";
import { categoryName } from "@/lib/categories";
import { errorMessage } from "@/lib/errors";
import { formatMoney, parseMoneyInput, toMajorInput } from "@/lib/money";
import { MARKETPLACES, type Marketplace } from "@/lib/marketplaces";
import { keys, useCredentials, useProduct } from "@/lib/queries";
import { productPhotos, type FulfilmentRequest, type Product } from "@/lib/types";
import { cn } from "@/lib/utils";
import { parseStock } from "./ProductNew";

export default function ProductDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const search = useSearch();
  const qc = useQueryClient();
  const product = useProduct(id);
  const [added, setAdded] = useState<string[]>([]);
  const toast = useToast();
  const onboarding = new URLSearchParams(search).get("step") === "photos";

  if (product.isPending) {
    return (
      <Page>
        <Card>
          <LoadingState rows={8} />
        </Card>
      </Page>
    );
  }
  if (product.isError) {
    const notFound = isApiError(product.error) && product.error.status === 404;
    return (
      <Page>
        <Card>
          {notFound ? (
            <EmptyState
              title={t("products.notFound")}
              action={
                <Link href="/products" className={buttonVariants({ variant: "outline", size: "sm" })}>
                  {t("products.title")}
                </Link>
              }
            />
          ) : (
            <ErrorState error={product.error} onRetry={() => product.refetch()} />
          )}
        </Card>
      </Page>
    );
  }

  const p = product.data;
  const server = productPhotos(p);
  const photos = [...server, ...added.filter((a) => !server.includes(a))];

  return (
    <Page>
      <PageHeader
        title={p.name}
        back={{ href: "/products", label: t("products.title") }}
        meta={
          <>
            <Badge className="font-mono">{p.sku}</Badge>
            <Badge tone="brand">{categoryName(p.category, lang)}</Badge>
            {p.brand ? <Badge>{p.brand}</Badge> : null}
          </>
        }
      />
      {onboarding ? <ProductSteps current={photos.length ? 3 : 2} /> : null}
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1.5fr)_minmax(0,1fr)]">
        <div className="flex min-w-0 flex-col gap-5">
          <Card>
            <CardHeader>
              <CardTitle>{t("photos.title")}</CardTitle>
              <CardDescription>{t("photos.subtitle")}</CardDescription>
            </CardHeader>
            <CardContent>
              <PhotoUploader
                productId={p.id}
                productName={p.name}
                photos={photos}
                onUploaded={(ids) => {
                  setAdded((a) => [...a, ...ids]);
                  toast.success(t("photos.uploadedToast", { count: ids.length }));
                  qc.invalidateQueries({ queryKey: keys.product(p.id) });
                }}
              />
            </CardContent>
          </Card>
          <SubmitRequestCard product={p} hasPhotos={photos.length > 0} />
        </div>
        <div className="flex min-w-0 flex-col gap-5">
          <EditProductCard product={p} />
          {p.description ? (
            <Card>
              <CardHeader>
                <CardTitle>{t("products.description")}</CardTitle>
              </CardHeader>
              <CardContent>
                <p className="text-sm whitespace-pre-line text-zinc-700">{p.description}</p>
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
    </Page>
  );
}

function SubmitRequestCard({ product, hasPhotos }: { product: Product; hasPhotos: boolean }) {
  const { t } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const creds = useCredentials();
  const mpName = useMarketplaceName();
  const [chosen, setChosen] = useState<Set<Marketplace>>(new Set());
  const [touched, setTouched] = useState(false);

  // Pre-select the marketplaces whose keys are active, once they are known.
  const activeSet = useMemo(() => {
    const s = new Set<Marketplace>();
    for (const c of creds.data ?? []) if (c.status === "active") s.add(c.marketplace);
    return s;
  }, [creds.data]);
  useEffect(() => {
    if (!touched && activeSet.size) setChosen(new Set(activeSet));
  }, [activeSet, touched]);

  const submit = useMutation({
    mutationFn: (marketplaces: Marketplace[]) =>
      api<FulfilmentRequest>("/api/requests", { method: "POST", json: { product_id: product.id, marketplaces } }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: keys.requestsAll });
      toast.success(t("submit.submittedToast"));
      navigate(r?.id ? `/requests/${encodeURIComponent(r.id)}` : "/requests");
    },
  });

  const credStatus = (mp: Marketplace) => {
    const list = (creds.data ?? []).filter((c) => c.marketplace === mp);
    if (!list.length) return "missing";
    if (list.some((c) => c.status === "active")) return "active";
    if (list.some((c) => c.status === "failed")) return "failed";
    return "untested";
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (chosen.size === 0) return;
    submit.mutate(MARKETPLACES.filter((m) => chosen.has(m)));
  }

  const noneChosen = touched && chosen.size === 0;
  const apiErr = submit.error;

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("submit.title")}</CardTitle>
        <CardDescription>{t("submit.subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          <fieldset aria-describedby={noneChosen ? "mp-error" : undefined}>
            <legend className="sr-only">{t("submit.subtitle")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {MARKETPLACES.map((mp) => {
                const st = credStatus(mp);
                const checked = chosen.has(mp);
                const boxId = `submit-${mp}`;
                return (
                  <label
                    key={mp}
                    htmlFor={boxId}
                    className={cn(
                      "flex cursor-pointer items-center gap-3 rounded-lg border p-3 transition-colors",
                      checked ? "border-brand-500 bg-brand-50/60 ring-1 ring-brand-500" : "border-zinc-200 hover:bg-zinc-50",
                      apiErr && isApiError(apiErr) && fieldMatches(apiErr.field, "marketplaces") && "border-red-400",
                    )}
                  >
                    <Checkbox
                      id={boxId}
                      checked={checked}
                      onCheckedChange={(v) => {
                        setTouched(true);
                        setChosen((s) => {
                          const n = new Set(s);
                          if (v === true) n.add(mp);
                          else n.delete(mp);
                          return n;
                        });
                      }}
                    />
                    <MarketplaceMark marketplace={mp} />
                    <span className="min-w-0 flex-1">
                      <span className="block text-sm font-medium text-zinc-900">{mpName(mp)}</span>
                      <span
                        className={cn(
                          "block text-xs",
                          st === "active" ? "text-emerald-700" : st === "failed" ? "text-red-700" : st === "untested" ? "text-amber-700" : "text-zinc-500",
                        )}
                      >
                        {creds.isPending
                          ? "…"
                          : st === "active"
                            ? t("submit.credentialOk")
                            : st === "failed"
                              ? t("submit.credentialFailed")
                              : st === "untested"
                                ? t("submit.credentialUntested")
                                : t("submit.credentialMissing")}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          {noneChosen ? (
            <p id="mp-error" className="text-xs font-medium text-red-700">
              {t("submit.chooseAtLeastOne")}
            </p>
          ) : null}
          {!hasPhotos ? (
            <p className="flex items-start gap-2 text-xs text-amber-800">
              <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden />
              {t("submit.noPhotosWarning")}
            </p>
          ) : null}
          {apiErr ? (
            <Alert tone="danger" live>
              {errorMessage(apiErr, t)}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" loading={submit.isPending}>
              {submit.isPending ? null : <Send aria-hidden />}
              {submit.isPending ? t("submit.submitting") : t("submit.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function EditProductCard({ product }: { product: Product }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [price, setPrice] = useState(toMajorInput(product.price));
  const [stock, setStock] = useState(String(product.stock ?? 0));
  const [rows, setRows] = useState<AttrRow[]>(() => rowsFromAttributes(product.attributes));
  const [local, setLocal] = useState<{ price?: string; stock?: string }>({});

  // Take the server's values when the product is refetched, unless the person is editing.
  const [baseline, setBaseline] = useState(product);
  if (baseline !== product && baseline.updated_at !== product.updated_at) {
    setBaseline(product);
    setPrice(toMajorInput(product.price));
    setStock(String(product.stock ?? 0));
    setRows(rowsFromAttributes(product.attributes));
  }

  const save = useMutation({
    mutationFn: (body: unknown) => api<Product>(`/api/products/${encodeURIComponent(product.id)}`, { method: "PATCH", json: body }),
    onSuccess: (p) => {
      if (p && p.id) qc.setQueryData(keys.product(product.id), p);
      qc.invalidateQueries({ queryKey: keys.products });
      toast.success(t("products.updatedToast"));
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
    if (Object.keys(errs).length || duplicateKeys(rows).size) return;
    save.mutate({
      price: { amount, currency: product.price?.currency ?? "UZS" },
      stock: n,
      attributes: attributesFromRows(rows),
    });
  }

  const apiErr = save.error;
  const apiField = isApiError(apiErr) ? apiErr.field : undefined;
  const attrErrKey = apiField?.startsWith("attributes.") ? apiField.slice("attributes.".length) : undefined;
  const shownOnField = apiField && (fieldMatches(apiField, "price") || fieldMatches(apiField, "stock") || attrErrKey);
  const amount = parseMoneyInput(price);
  const margin = amount !== null && product.cost ? amount - product.cost.amount : null;

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("products.editTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4">
          {apiErr && !shownOnField ? (
            <Alert tone="danger" live>
              {errorMessage(apiErr, t)}
            </Alert>
          ) : null}
          <dl className="grid grid-cols-2 gap-3 rounded-lg bg-zinc-50 px-4 py-3 text-sm">
            <div>
              <dt className="text-xs text-zinc-500">{t("products.cost")}</dt>
              <dd className="font-medium">
                <MoneyText value={product.cost} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-zinc-500">{t("products.margin")}</dt>
              <dd className={cn("font-medium", margin !== null && margin < 0 && "text-red-700")}>
                {margin === null ? "—" : formatMoney({ amount: margin, currency: product.price?.currency ?? "UZS" }, lang)}
              </dd>
            </div>
            {product.barcode ? (
              <div className="col-span-2">
                <dt className="text-xs text-zinc-500">{t("products.barcode")}</dt>
                <dd className="font-mono">{product.barcode}</dd>
              </div>
            ) : null}
          </dl>
          <div className="grid grid-cols-2 gap-3">
            <Field
              id="edit-price"
              label={`${t("products.price")}, ${t("products.priceIn")}`}
              error={local.price ?? (apiErr && fieldMatches(apiField, "price") ? errorMessage(apiErr, t) : undefined)}
            >
              <Input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" className="tabular" />
            </Field>
            <Field
              id="edit-stock"
              label={`${t("products.stock")}, ${t("products.stockUnit")}`}
              error={local.stock ?? (apiErr && fieldMatches(apiField, "stock") ? errorMessage(apiErr, t) : undefined)}
            >
              <Input value={stock} onChange={(e) => setStock(e.target.value)} inputMode="numeric" className="tabular" />
            </Field>
          </div>
          <div>
            <p className="mb-2 text-sm font-medium text-zinc-800">{t("products.attributes")}</p>
            <AttributesEditor
              rows={rows}
              onChange={setRows}
              category={product.category}
              errorKey={attrErrKey}
              errorText={apiErr ? errorMessage(apiErr, t) : undefined}
            />
          </div>
          <div>
            <Button type="submit" loading={save.isPending}>
              {save.isPending ? t("common.saving") : t("common.save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
