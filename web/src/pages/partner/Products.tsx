import { ImageOff, Package, Plus, Search } from "lucide-react";
import { useMemo, useState } from "react";
import { Link, useLocation } from "wouter";
import { DateTimeText, MoneyText } from "@/components/format";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useI18n } from "@/i18n";
import { assetUrl } from "@/lib/api";
import { categoryName } from "@/lib/categories";
import { flatItems, useProducts } from "@/lib/queries";
import { productPhotos, type Product } from "@/lib/types";

export function ProductThumb({ product, className }: { product: Product; className?: string }) {
  const photo = productPhotos(product)[0];
  return (
    <span className={className ?? "flex size-10 shrink-0 items-center justify-center overflow-hidden rounded-md border border-zinc-200 bg-zinc-50"}>
      {photo ? (
        <img src={assetUrl(photo)} alt="" loading="lazy" className="size-full object-cover" />
      ) : (
        <ImageOff className="size-4 text-zinc-300" aria-hidden />
      )}
    </span>
  );
}

export default function ProductsPage() {
  const { t, lang } = useI18n();
  const products = useProducts();
  const [filter, setFilter] = useState("");
  const [, navigate] = useLocation();
  const all = flatItems(products.data);
  const items = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return all;
    return all.filter((p) => p.name?.toLowerCase().includes(q) || p.sku?.toLowerCase().includes(q) || p.brand?.toLowerCase().includes(q));
  }, [all, filter]);

  const newButton = (
    <Link href="/products/new" className={buttonVariants()}>
      <Plus aria-hidden />
      {t("products.new")}
    </Link>
  );

  return (
    <Page>
      <PageHeader title={t("products.title")} description={t("products.subtitle")} actions={newButton} />
      <Card>
        {products.isPending ? (
          <LoadingState rows={6} />
        ) : products.isError ? (
          <ErrorState error={products.error} onRetry={() => products.refetch()} />
        ) : all.length === 0 ? (
          <EmptyState icon={<Package className="size-5" aria-hidden />} title={t("products.emptyTitle")} body={t("products.emptyBody")} action={newButton} />
        ) : (
          <>
            <div className="border-b border-zinc-100 p-3">
              <div className="relative max-w-sm">
                <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
                <Input
                  type="search"
                  aria-label={t("common.search")}
                  placeholder={t("products.filterPlaceholder")}
                  value={filter}
                  onChange={(e) => setFilter(e.target.value)}
                  className="pl-9"
                />
              </div>
            </div>
            {items.length === 0 ? (
              <EmptyState title={t("products.noMatch")} />
            ) : (
              <>
                {/* Phones: a list of rows */}
                <ul className="divide-y divide-zinc-100 md:hidden">
                  {items.map((p) => (
                    <li key={p.id}>
                      <Link href={`/products/${encodeURIComponent(p.id)}`} className="flex items-center gap-3 px-4 py-3 hover:bg-zinc-50">
                        <ProductThumb product={p} />
                        <span className="min-w-0 flex-1">
                          <span className="block truncate text-sm font-medium text-zinc-900">{p.name}</span>
                          <span className="block truncate text-xs text-zinc-500">
                            {p.sku} · {categoryName(p.category, lang)}
                          </span>
                        </span>
                        <span className="text-right text-sm">
                          <MoneyText value={p.price} className="block font-medium" />
                          <span className="block text-xs text-zinc-500">
                            {p.stock ?? 0} {t("products.stockUnit")}
                          </span>
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
                {/* Wider screens: a table */}
                <div className="hidden md:block">
                  <Table>
                    <TableCaption>{t("products.title")}</TableCaption>
                    <TableHeader>
                      <TableRow className="hover:bg-transparent">
                        <TableHead>{t("products.name")}</TableHead>
                        <TableHead>{t("products.sku")}</TableHead>
                        <TableHead>{t("products.category")}</TableHead>
                        <TableHead className="text-right">{t("products.price")}</TableHead>
                        <TableHead className="text-right">{t("products.stock")}</TableHead>
                        <TableHead>{t("products.createdAt")}</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {items.map((p) => (
                        <TableRow key={p.id} className="cursor-pointer" onClick={() => navigate(`/products/${encodeURIComponent(p.id)}`)}>
                          <TableCell>
                            <div className="flex items-center gap-3">
                              <ProductThumb product={p} />
                              <div className="min-w-0">
                                <Link
                                  href={`/products/${encodeURIComponent(p.id)}`}
                                  className="block max-w-xs truncate font-medium text-zinc-900 hover:underline"
                                  onClick={(e) => e.stopPropagation()}
                                >
                                  {p.name}
                                </Link>
                                {p.brand ? <span className="block text-xs text-zinc-500">{p.brand}</span> : null}
                              </div>
                            </div>
                          </TableCell>
                          <TableCell className="font-mono text-xs text-zinc-600">{p.sku}</TableCell>
                          <TableCell className="text-zinc-600">{categoryName(p.category, lang)}</TableCell>
                          <TableCell className="text-right font-medium">
                            <MoneyText value={p.price} />
                          </TableCell>
                          <TableCell className="tabular text-right">{p.stock ?? 0}</TableCell>
                          <TableCell className="text-zinc-600">
                            <DateTimeText value={p.created_at} dateOnly />
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </div>
              </>
            )}
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
