import { Check } from "lucide-react";
import { useI18n } from "@/i18n";
import { cn } from "@/lib/utils";

/** Details → Photos → Marketplaces, the three steps of adding a product. */
export function ProductSteps({ current }: { current: 1 | 2 | 3 }) {
  const { t } = useI18n();
  const steps = [t("products.stepDetails"), t("products.stepPhotos"), t("products.stepSubmit")];
  return (
    <ol className="mb-6 flex items-center gap-2 text-sm">
      {steps.map((label, i) => {
        const n = i + 1;
        const done = n < current;
        const active = n === current;
        return (
          <li key={label} className="flex items-center gap-2" aria-current={active ? "step" : undefined}>
            <span
              className={cn(
                "flex size-6 items-center justify-center rounded-full text-xs font-semibold",
                done ? "bg-brand-600 text-white" : active ? "bg-brand-100 text-brand-800 ring-2 ring-brand-600" : "bg-zinc-200 text-zinc-600",
              )}
            >
              {done ? <Check className="size-3.5" aria-hidden /> : n}
            </span>
            <span className={cn("sr-only sm:not-sr-only", active ? "font-medium text-zinc-900" : "text-zinc-500")}>{label}</span>
            {n < steps.length ? <span aria-hidden className="mx-1 h-px w-6 bg-zinc-300 sm:w-10" /> : null}
          </li>
        );
      })}
    </ol>
  );
}
