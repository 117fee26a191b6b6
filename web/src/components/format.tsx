import { useI18n } from "@/i18n";
import { formatDate, formatDateTime, parseDate, TIME_ZONE } from "@/lib/dates";
import { formatMoney, type Money } from "@/lib/money";
import { cn } from "@/lib/utils";

export function MoneyText({ value, className }: { value: Money | null | undefined; className?: string }) {
  const { lang } = useI18n();
  return <span className={cn("tabular whitespace-nowrap", className)}>{formatMoney(value, lang)}</span>;
}

export function DateTimeText({ value, dateOnly, className }: { value: string | null | undefined; dateOnly?: boolean; className?: string }) {
  const { lang } = useI18n();
  const d = parseDate(value);
  if (!d) return <span className={className}>—</span>;
  return (
    <time dateTime={d.toISOString()} title={`${formatDateTime(d, lang)} (${TIME_ZONE})`} className={cn("tabular whitespace-nowrap", className)}>
      {dateOnly ? formatDate(d, lang) : formatDateTime(d, lang)}
    </time>
  );
}
