import { cn } from "@/lib/utils";

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn("size-7 shrink-0", className)} aria-hidden>
      <rect width="32" height="32" rx="8" className="fill-brand-600" />
      <path
        d="M10 8h7.2c3.2 0 5.2 1.6 5.2 4.1 0 1.7-.9 2.9-2.4 3.5 1.9.5 3 1.9 3 3.8 0 2.9-2.2 4.6-5.7 4.6H10V8zm4 6.4h2.6c1.3 0 2-.6 2-1.6s-.7-1.6-2-1.6H14v3.2zm0 6.4h3c1.4 0 2.2-.6 2.2-1.7s-.8-1.7-2.2-1.7h-3v3.4z"
        fill="#fff"
      />
    </svg>
  );
}

export function Brand({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <LogoMark />
      <span className="text-[15px] font-semibold tracking-tight text-zinc-900">
        Biznes<span className="text-brand-600">Yordam</span>
      </span>
    </span>
  );
}
