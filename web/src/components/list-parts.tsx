import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Button } from "@/components/ui/button";
import { useI18n } from "@/i18n";
import type { Product } from "@/lib/types";

/** "Load more" under a cursor list, shown while the API says there is a next page. */
export function LoadMoreFooter({ list }: { list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  const { t } = useI18n();
  if (!list.hasNextPage) return null;
  return (
    <div className="flex justify-center border-t border-zinc-100 p-3">
      <Button variant="outline" size="sm" loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
        {t("common.loadMore")}
      </Button>
    </div>
  );
}

/** A list's product filter: "" is every product. */
export function ProductFilter({ products, value, onChange, label, allLabel }: { products: Product[]; value: string; onChange: (id: string) => void; label: string; allLabel: string }) {
  return (
    <div className="border-b border-zinc-100 p-4">
      <Field label={label} className="w-full max-w-xs">
        <NativeSelect value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{allLabel}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} · {p.sku}
            </option>
          ))}
        </NativeSelect>
      </Field>
    </div>
  );
}
