import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { AttributesEditor, attributesFromRows, duplicateKeys, type AttrRow } from "@/components/attributes-editor";
import { Page, PageHeader } from "@/components/page";
import { ProductSteps } from "@/components/steps";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { useI18n } from "@/i18n";
import { api, fieldMatches, isApiError } from "@/lib/api";
import { sortedCategories } from "@/lib/categories";
import { errorMessage } from "@/lib/errors";
import { formatMoney, parseMoneyInput } from "@/lib/money";
import { keys } from "@/lib/queries";
import type { Product } from "@/lib/types";

type Name = "sku" | "name" | "category" | "brand" | "description" | "cost" | "price" | "stock" | "barcode";
const NAMES: Name[] = ["sku", "name", "category", "brand", "description", "cost", "price", "stock", "barcode"];

export function parseStock(s: string): number | null {
  const v = s.trim().replace(/[\s\u00a0]/g, "");
  if (!/^\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

export default function ProductNewPage() {
  const { t, lang } = useI18n();
  const toast = useToast();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [v, setV] = useState<Record<Name, string>>({
    sku: "",
    name: "",
    category: "",
    brand: "",
    description: "",
    cost: "",
    price: "",
    stock: "",
    barcode: "",
  });
  const [rows, setRows] = useState<AttrRow[]>([]);
  const [local, setLocal] = useState<Partial<Record<Name, string>>>({});
  const categories = useMemo(() => sortedCategories(lang), [lang]);

  const create = useMutation({
    mutationFn: (body: unknown) => api<Product>("/api/products", { method: "POST", json: body }),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: keys.products });
      toast.success(t("products.createdToast"));
      if (p?.id) {
        qc.setQueryData(keys.product(p.id), p);
        navigate(`/products/${encodeURIComponent(p.id)}?step=photos`);
      } else navigate("/products");
    },
  });

  const set = (name: Name) => (e: { target: { value: string } }) => setV((s) => ({ ...s, [name]: e.target.value }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<Name, string>> = {};
    for (const n of ["sku", "name", "category", "brand", "cost", "price", "stock"] as Name[]) if (!v[n].trim()) errs[n] = t("auth.required");
    const cost = parseMoneyInput(v.cost);
    const price = parseMoneyInput(v.price);
    const stock = parseStock(v.stock);
    if (v.cost.trim() && cost === null) errs.cost = t("products.invalidMoney");
    if (v.price.trim() && price === null) errs.price = t("products.invalidMoney");
    if (v.stock.trim() && stock === null) errs.stock = t("products.invalidStock");
    setLocal(errs);
    if (Object.keys(errs).length || duplicateKeys(rows).size) {
      const first = NAMES.find((n) => errs[n]);
      if (first) document.getElementById(`product-${first}`)?.focus();
      return;
    }
    create.mutate({
      sku: v.sku.trim(),
      name: v.name.trim(),
      category: v.category,
      brand: v.brand.trim(),
      description: v.description.trim() || undefined,
      attributes: attributesFromRows(rows),
      cost: { amount: cost, currency: "UZS" },
      price: { amount: price, currency: "UZS" },
      stock,
      barcode: v.barcode.trim() || undefined,
    });
  }

  const apiErr = create.error;
  const apiField = isApiError(apiErr) ? apiErr.field : undefined;
  const attrErrKey = apiField?.startsWith("attributes.") ? apiField.slice("attributes.".length) : undefined;
  const knownField = apiField && (NAMES.some((n) => fieldMatches(apiField, n)) || attrErrKey);
  const err = (n: Name) => local[n] ?? (apiErr && fieldMatches(apiField, n) ? errorMessage(apiErr, t) : undefined);
  const id = (n: Name) => `product-${n}`;

  const pricePreview = (s: string) => {
    const amount = parseMoneyInput(s);
    return amount !== null && amount > 0 ? formatMoney({ amount, currency: "UZS" }, lang) : undefined;
  };

  return (
    <Page>
      <PageHeader title={t("products.newTitle")} description={t("products.newSubtitle")} back={{ href: "/products", label: t("products.title") }} />
      <ProductSteps current={1} />
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-5">
        {apiErr && !knownField ? (
          <Alert tone="danger" live>
            {errorMessage(apiErr, t)}
          </Alert>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle>{t("products.detailsTitle")}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field id={id("name")} label={t("products.name")} error={err("name")} className="sm:col-span-2">
              <Input value={v.name} onChange={set("name")} autoFocus maxLength={500} />
            </Field>
            <Field id={id("sku")} label={t("products.sku")} error={err("sku")} help={t("products.skuHelp")}>
              <Input value={v.sku} onChange={set("sku")} maxLength={50} spellCheck={false} className="font-mono" autoComplete="off" />
            </Field>
            <Field id={id("brand")} label={t("products.brand")} error={err("brand")}>
              <Input value={v.brand} onChange={set("brand")} autoComplete="off" />
            </Field>
            <Field id={id("category")} label={t("products.category")} error={err("category")}>
              <NativeSelect value={v.category} onChange={set("category")}>
                <option value="" disabled>
                  {t("products.chooseCategory")}
                </option>
                {categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.names[lang]}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field id={id("barcode")} label={t("products.barcode")} optional={t("common.optional")} error={err("barcode")}>
              <Input value={v.barcode} onChange={set("barcode")} inputMode="numeric" autoComplete="off" className="font-mono" />
            </Field>
            <Field
              id={id("description")}
              label={t("products.description")}
              optional={t("common.optional")}
              help={t("products.descriptionHelp")}
              error={err("description")}
              className="sm:col-span-2"
            >
              <Textarea value={v.description} onChange={set("description")} rows={4} />
            </Field>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("products.attributes")}</CardTitle>
            <CardDescription>{t("products.attributesHelp")}</CardDescription>
          </CardHeader>
          <CardContent>
            <AttributesEditor
              rows={rows}
              onChange={setRows}
              category={v.category}
              errorKey={attrErrKey}
              errorText={apiErr ? errorMessage(apiErr, t) : undefined}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>
              {t("products.price")} · {t("products.stock")}
            </CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-3">
            <Field id={id("cost")} label={`${t("products.cost")}, ${t("products.priceIn")}`} error={err("cost")} help={pricePreview(v.cost)}>
              <Input value={v.cost} onChange={set("cost")} inputMode="decimal" autoComplete="off" placeholder="850 000" className="tabular" />
            </Field>
            <Field id={id("price")} label={`${t("products.price")}, ${t("products.priceIn")}`} error={err("price")} help={pricePreview(v.price)}>
              <Input value={v.price} onChange={set("price")} inputMode="decimal" autoComplete="off" placeholder="1 250 000" className="tabular" />
            </Field>
            <Field id={id("stock")} label={`${t("products.stock")}, ${t("products.stockUnit")}`} error={err("stock")}>
              <Input value={v.stock} onChange={set("stock")} inputMode="numeric" autoComplete="off" placeholder="25" className="tabular" />
            </Field>
          </CardContent>
        </Card>

        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => navigate("/products")}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {create.isPending ? t("products.creating") : t("products.create")}
          </Button>
        </div>
      </form>
    </Page>
  );
}
