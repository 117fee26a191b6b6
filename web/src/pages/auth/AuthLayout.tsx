import { ShieldCheck, Timer, Activity } from "lucide-react";
import { useEffect, type ReactNode } from "react";
import { Brand } from "@/components/brand";
import { LanguageSegmented } from "@/components/language-switcher";
import { MarketplaceMark } from "@/components/marketplace";
import { useI18n } from "@/i18n";
import { MARKETPLACES } from "@/lib/marketplaces";

export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle: string; children: ReactNode; footer: ReactNode }) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · BiznesYordam`;
  }, [title]);
  return (
    <div className="grid min-h-dvh lg:grid-cols-[1fr_1.1fr]">
      <aside className="relative hidden flex-col justify-between overflow-hidden bg-zinc-950 p-10 text-white lg:flex">
        <div aria-hidden className="pointer-events-none absolute -top-32 -right-32 size-[28rem] rounded-full bg-brand-600/30 blur-3xl" />
        <div aria-hidden className="pointer-events-none absolute -bottom-40 -left-24 size-[24rem] rounded-full bg-fuchsia-600/20 blur-3xl" />
        <div className="relative flex items-center gap-2.5">
          <svg viewBox="0 0 32 32" className="size-8" aria-hidden>
            <rect width="32" height="32" rx="8" fill="#fff" />
            <path
              d="M10 8h7.2c3.2 0 5.2 1.6 5.2 4.1 0 1.7-.9 2.9-2.4 3.5 1.9.5 3 1.9 3 3.8 0 2.9-2.2 4.6-5.7 4.6H10V8zm4 6.4h2.6c1.3 0 2-.6 2-1.6s-.7-1.6-2-1.6H14v3.2zm0 6.4h3c1.4 0 2.2-.6 2.2-1.7s-.8-1.7-2.2-1.7h-3v3.4z"
              className="fill-brand-600"
            />
          </svg>
          <span className="text-lg font-semibold tracking-tight">BiznesYordam</span>
        </div>
        <div className="relative max-w-md">
          <p className="text-3xl leading-tight font-semibold tracking-tight">“{t("common.tagline")}”</p>
          <ul className="mt-8 flex flex-col gap-4 text-sm text-zinc-300">
            <li className="flex items-center gap-3">
              <Timer className="size-4 text-brand-300" aria-hidden />
              {t("auth.featureFast")}
            </li>
            <li className="flex items-center gap-3">
              <Activity className="size-4 text-brand-300" aria-hidden />
              {t("auth.featureLive")}
            </li>
            <li className="flex items-center gap-3">
              <ShieldCheck className="size-4 text-brand-300" aria-hidden />
              {t("auth.featureSecure")}
            </li>
          </ul>
        </div>
        <div className="relative flex items-center gap-2">
          {MARKETPLACES.map((m) => (
            <MarketplaceMark key={m} marketplace={m} className="size-8 text-xs" />
          ))}
        </div>
      </aside>
      <div className="flex flex-col">
        <header className="flex items-center justify-between px-5 py-4 sm:px-8">
          <span className="lg:invisible">
            <Brand />
          </span>
          <LanguageSegmented />
        </header>
        <main id="main" className="flex flex-1 items-center justify-center px-5 pb-16 sm:px-8">
          <div className="w-full max-w-sm">
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
            <p className="mt-1.5 text-sm text-zinc-600">{subtitle}</p>
            <div className="mt-8">{children}</div>
            <p className="mt-6 text-center text-sm text-zinc-600">{footer}</p>
          </div>
        </main>
      </div>
    </div>
  );
}
