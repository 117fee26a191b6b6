import { ShoppingCart } from "lucide-react";
import { useState } from "react";
import { DateTimeText, MoneyText } from "@/components/format";
import { LoadMoreFooter, ProductFilter } from "@/components/list-parts";
import { MarketplaceName } from "@/components/marketplace";
import { Page, PageHeader } from "@/components/page";
import { EmptyState, ErrorState, LoadingState } from "@/components/states";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useI18n } from "@/i18n";
import { flatItems, useOrders, useProducts } from "@/lib/queries";

// GET /api/orders?product_id=&limit=&cursor=: newest first, as the marketplaces reported them.
export default function OrdersPage() {
  const { t } = useI18n();
  const products = useProducts();
  const productList = flatItems(products.data);
  const [productId, setProductId] = useState("");
  const orders = useOrders(productId || undefined);
  const items = flatItems(orders.data);

  return (
    <Page>
      <PageHeader title={t("orders.title")} description={t("orders.subtitle")} />
      <Card>
        <ProductFilter products={productList} value={productId} onChange={setProductId} label={t("orders.product")} allLabel={t("orders.allProducts")} />
        {orders.isPending ? (
          <LoadingState rows={5} />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => orders.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={<ShoppingCart className="size-5" aria-hidden />} title={t("orders.emptyTitle")} body={t("orders.emptyBody")} />
        ) : (
          <>
            <div className="overflow-x-auto">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("orders.orderedAt")}</TableHead>
                    <TableHead>{t("orders.marketplace")}</TableHead>
                    <TableHead>{t("orders.orderRef")}</TableHead>
                    <TableHead>{t("orders.sku")}</TableHead>
                    <TableHead className="text-right">{t("orders.quantity")}</TableHead>
                    <TableHead className="text-right">{t("orders.unitPrice")}</TableHead>
                    <TableHead>{t("orders.status")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((o) => (
                    <TableRow key={o.id}>
                      <TableCell>
                        <DateTimeText value={o.ordered_at} />
                      </TableCell>
                      <TableCell>
                        <MarketplaceName marketplace={o.marketplace} />
                      </TableCell>
                      <TableCell className="font-mono text-xs">{o.order_ref}</TableCell>
                      <TableCell className="font-mono text-xs">{o.sku}</TableCell>
                      <TableCell className="tabular text-right">{o.quantity}</TableCell>
                      <TableCell className="text-right">
                        <MoneyText value={o.unit_price} />
                      </TableCell>
                      <TableCell>
                        <div className="flex flex-wrap gap-1">
                          {o.status === "cancelled" ? (
                            <Badge tone="neutral">{t("orders.statusCancelled")}</Badge>
                          ) : (
                            <Badge tone="info">{t("orders.statusNew")}</Badge>
                          )}
                          {o.oversold > 0 ? <Badge tone="danger">{t("orders.oversold", { count: o.oversold })}</Badge> : null}
                        </div>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <LoadMoreFooter list={orders} />
          </>
        )}
      </Card>
    </Page>
  );
}
