import { useI18n } from "@/i18n";

/** A labelled <input type="month"> for the billing pages ("YYYY-MM"); an emptied field keeps the month. */
export function MonthPicker({ value, onChange }: { value: string; onChange: (month: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="flex items-center gap-2 text-sm text-zinc-600">
      {t("billing.month")}
      <input type="month" className="rounded-md border border-zinc-300 px-2 py-1" value={value} onChange={(e) => e.target.value && onChange(e.target.value)} />
    </label>
  );
}
