import { Languages } from "lucide-react";
import { useI18n } from "@/i18n";
import { LANGS, LANG_NAMES, LANG_SHORT, type Lang } from "@/i18n/types";
import { cn } from "@/lib/utils";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "./ui/dropdown-menu";

/** A segmented UZ | RU | EN switch (sign-in pages, sidebar). */
export function LanguageSegmented({ className }: { className?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div role="group" aria-label={t("common.language")} className={cn("inline-flex rounded-lg bg-zinc-100 p-0.5", className)}>
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={lang === l}
          title={LANG_NAMES[l]}
          onClick={() => setLang(l)}
          className={cn(
            "cursor-pointer rounded-md px-2.5 py-1 text-xs font-semibold transition-colors",
            lang === l ? "bg-white text-zinc-900 shadow-sm" : "text-zinc-600 hover:text-zinc-900",
          )}
        >
          <span aria-hidden>{LANG_SHORT[l]}</span>
          <span className="sr-only">{LANG_NAMES[l]}</span>
        </button>
      ))}
    </div>
  );
}

/** A compact menu (phone top bar). */
export function LanguageMenu() {
  const { lang, setLang, t } = useI18n();
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="inline-flex h-9 cursor-pointer items-center gap-1.5 rounded-md px-2 text-sm font-medium text-zinc-700 hover:bg-zinc-100"
      >
        <Languages className="size-4" aria-hidden />
        {LANG_SHORT[lang]}
        <span className="sr-only">
          {" "}
          — {t("common.language")}: {LANG_NAMES[lang]}
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>{t("common.language")}</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={lang} onValueChange={(v) => setLang(v as Lang)}>
          {LANGS.map((l) => (
            <DropdownMenuRadioItem key={l} value={l} lang={l}>
              {LANG_NAMES[l]}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
