import { useI18n } from "@/i18n";
import { isMarketplace, MARKETPLACE_STYLE } from "@/lib/marketplaces";
import { cn } from "@/lib/utils";

export function MarketplaceMark({ marketplace, className }: { marketplace: string; className?: string }) {
  const style = isMarketplace(marketplace) ? MARKETPLACE_STYLE[marketplace] : { mark: marketplace.slice(0, 2).toUpperCase(), bg: "bg-zinc-500", fg: "text-white" };
  return (
    <span
      aria-hidden
      className={cn(
        "inline-flex size-6 shrink-0 items-center justify-center rounded-md text-[10px] font-bold tracking-tight",
        style.bg,
        style.fg,
        className,
      )}
    >
      {style.mark}
    </span>
  );
}

export function useMarketplaceName() {
  const { tx } = useI18n();
  return (m: string) => tx(`marketplaces.${m}`, m);
}

export function MarketplaceName({ marketplace, className }: { marketplace: string; className?: string }) {
  const name = useMarketplaceName();
  return (
    <span className={cn("inline-flex items-center gap-2", className)}>
      <MarketplaceMark marketplace={marketplace} className="size-5 text-[9px]" />
      <span>{name(marketplace)}</span>
    </span>
  );
}

/** The marketplaces of a request as a row of small marks with names for screen readers. */
export function MarketplaceList({ marketplaces }: { marketplaces: string[] }) {
  const name = useMarketplaceName();
  return (
    <span className="inline-flex items-center gap-1" title={marketplaces.map(name).join(", ")}>
      {marketplaces.map((m) => (
        <MarketplaceMark key={m} marketplace={m} className="size-5 text-[9px]" />
      ))}
      <span className="sr-only">{marketplaces.map(name).join(", ")}</span>
    </span>
  );
}
